# bpftrace with its map key limit at 1024 (BPFTRACE_MAP_KEYS_MAX): a full
# map refuses the update (E2BIG) and bpftrace 0.17 says nothing, so the
# counts of the processes that did not fit are lost silently.
TOOL bpftrace-keys-1k
DESCRIPTION bpftrace: syscalls per pid in a map of 1024 keys, as it is by default
LEVEL syscall
REQUIRES program bpftrace
REQUIRES tracepoint raw_syscalls:sys_exit
COMMAND env BPFTRACE_MAP_KEYS_MAX=1024 bpftrace -B none -e 'tracepoint:raw_syscalls:sys_exit /comm == "{COMM}"/ { @n[pid] = count(); } tracepoint:sched:sched_process_exit /comm == "{COMM}"/ { @n[pid] = count(); } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
PARSER bpftrace
MAP @n syscalls_total pid=k0 comm="{COMM}"
