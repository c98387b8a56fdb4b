# A bpftrace one-liner counting chosen syscalls of the workload at entry,
# and failed opens at exit.
TOOL bpftrace-syscalls
DESCRIPTION bpftrace one-liner: getppid, openat, close and read calls, and failed openats
LEVEL syscall
REQUIRES program bpftrace
REQUIRES tracepoint syscalls:sys_enter_getppid
COMMAND bpftrace -B none -e 'tracepoint:syscalls:sys_enter_getppid /comm == "{COMM}"/ { @getppid = count(); } tracepoint:syscalls:sys_enter_openat /comm == "{COMM}"/ { @openat = count(); } tracepoint:syscalls:sys_enter_close /comm == "{COMM}"/ { @close = count(); } tracepoint:syscalls:sys_enter_read /comm == "{COMM}"/ { @read = count(); } tracepoint:syscalls:sys_exit_openat /comm == "{COMM}" && args->ret < 0/ { @openat_err = count(); } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
PARSER bpftrace
MAP @getppid syscalls_total name="getppid" comm="{COMM}"
MAP @openat syscalls_total name="openat" comm="{COMM}"
MAP @close syscalls_total name="close" comm="{COMM}"
MAP @read syscalls_total name="read" comm="{COMM}"
MAP @openat_err syscall_errors_total name="openat" comm="{COMM}"
ATTACH_WARNING could not attach probe .*skipping
