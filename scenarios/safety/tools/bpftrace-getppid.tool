# bpftrace counting getppid calls, beside tracecal's syscount, for the
# overhead each adds to a hot hook.
TOOL bpftrace-getppid
DESCRIPTION bpftrace one-liner: getppid calls of one command
LEVEL syscall
REQUIRES program bpftrace
REQUIRES tracepoint syscalls:sys_enter_getppid
COMMAND bpftrace -B none -e 'tracepoint:syscalls:sys_enter_getppid /comm == "{COMM}"/ { @getppid = count(); } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
PARSER bpftrace
MAP @getppid syscalls_total name="getppid" comm="{COMM}"
