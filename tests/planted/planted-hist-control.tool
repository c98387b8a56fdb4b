# Not wrong: the control for the planted-hist tools. The same bpftrace program,
# its latencies neither scaled nor mislabelled, must PASS pipe-latency; so a
# FAIL of the others is theirs, not the bpftrace reader's.
TOOL planted-hist-control
DESCRIPTION control: read latency as it is, in nanoseconds
LEVEL latency
REQUIRES program bpftrace
REQUIRES tracepoint syscalls:sys_exit_read
COMMAND bpftrace -B none -e 'tracepoint:syscalls:sys_enter_read /comm == "{COMM}"/ { @start[tid] = nsecs; } tracepoint:syscalls:sys_exit_read /@start[tid]/ { @lat = hist(nsecs - @start[tid]); delete(@start[tid]); } BEGIN { printf("READY\n"); } END { clear(@start); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
PARSER bpftrace
MAP @lat vfs_latency_ns fs="pipefs" op="read"
ATTACH_WARNING could not attach probe .*skipping
