# The same with -k: bpftrace warns for each helper call that fails, so
# each update a full map refuses is one warning line, counted as lost.
TOOL bpftrace-keys-1k-k
DESCRIPTION bpftrace -k: syscalls per pid in a map of 1024 keys, failed updates warned
LEVEL syscall
REQUIRES program bpftrace
REQUIRES tracepoint raw_syscalls:sys_exit
COMMAND env BPFTRACE_MAP_KEYS_MAX=1024 bpftrace -k -B none -e 'tracepoint:raw_syscalls:sys_exit /comm == "{COMM}"/ { @n[pid] = count(); } tracepoint:sched:sched_process_exit /comm == "{COMM}"/ { @n[pid] = count(); } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
PARSER bpftrace
MAP @n syscalls_total pid=k0 comm="{COMM}"
LOSS WARNING: Failed to map_update_elem
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES syscalls_total output
