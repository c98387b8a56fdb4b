# PLANTED, for the signal scenario: a call counted at its return, and only
# if its start time is there, kept in one slot per thread: a call that a
# signal handler interrupts, and calls again, loses its start to the inner
# call and goes uncounted. The suite must say the calls are missing.
TOOL wrong-uprobe-nested
DESCRIPTION planted: bpftrace counting calls at the uretprobe, one start per thread
LEVEL user
REQUIRES program bpftrace
REQUIRES uprobe
COMMAND bpftrace -B none -e 'uprobe:{TRACECAL}:tc_wl_sig_target /comm == "{COMM}"/ { @start[tid] = nsecs; } uretprobe:{TRACECAL}:tc_wl_sig_target /@start[tid]/ { @calls = count(); delete(@start[tid]); } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
PARSER bpftrace
MAP @calls user_calls_total func="tc_wl_sig_target" comm="{COMM}"
