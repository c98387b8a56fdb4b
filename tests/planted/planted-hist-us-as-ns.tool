# PLANTED ERROR, for the harness's tests: latency taken in microseconds and
# reported as nanoseconds (no unit=us on its MAP): 1000 times too small.
TOOL planted-hist-us-as-ns
DESCRIPTION planted: read latency in microseconds, reported as nanoseconds
LEVEL latency
REQUIRES program bpftrace
REQUIRES tracepoint syscalls:sys_exit_read
COMMAND bpftrace -B none -e 'tracepoint:syscalls:sys_enter_read /comm == "{COMM}"/ { @start[tid] = nsecs; } tracepoint:syscalls:sys_exit_read /@start[tid]/ { @lat = hist((nsecs - @start[tid]) / 1000); delete(@start[tid]); } BEGIN { printf("READY\n"); } END { clear(@start); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
PARSER bpftrace
MAP @lat vfs_latency_ns fs="pipefs" op="read"
ATTACH_WARNING could not attach probe .*skipping
