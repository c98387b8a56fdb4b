# PLANTED ERROR, for the harness's tests: every latency counted twice as long.
# Timed as it should be, at the read syscall's entry and exit, then doubled:
# a histogram one log2 bucket up, which the old neighbour rule let pass.
TOOL planted-hist-doubled
DESCRIPTION planted: read latency doubled, one log2 bucket up
LEVEL latency
REQUIRES program bpftrace
REQUIRES tracepoint syscalls:sys_exit_read
COMMAND bpftrace -B none -e 'tracepoint:syscalls:sys_enter_read /comm == "{COMM}"/ { @start[tid] = nsecs; } tracepoint:syscalls:sys_exit_read /@start[tid]/ { @lat = hist((nsecs - @start[tid]) * 2); delete(@start[tid]); } BEGIN { printf("READY\n"); } END { clear(@start); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
PARSER bpftrace
MAP @lat vfs_latency_ns fs="pipefs" op="read"
ATTACH_WARNING could not attach probe .*skipping
