# bpftrace with a uprobe on the signal workload's function.
TOOL bpftrace-uprobe-sig
DESCRIPTION bpftrace uprobe:{TRACECAL}:tc_wl_sig_target: calls counted
LEVEL user
REQUIRES program bpftrace
REQUIRES uprobe
COMMAND bpftrace -B none -e 'uprobe:{TRACECAL}:tc_wl_sig_target /comm == "{COMM}"/ { @calls = count(); } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
PARSER bpftrace
MAP @calls user_calls_total func="tc_wl_sig_target" comm="{COMM}"
