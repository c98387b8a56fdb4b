# bpftrace with a wildcard uprobe on each tc_wl_* function of tracecal.
TOOL bpftrace-uprobes-wl
DESCRIPTION bpftrace uprobe:{TRACECAL}:tc_wl_*: calls of each workload function
LEVEL user
REQUIRES program bpftrace
REQUIRES uprobe
COMMAND bpftrace -B none -e 'uprobe:{TRACECAL}:tc_wl_* /comm == "{COMM}"/ { @calls[probe] = count(); } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
GRACE 60s
STOP_REPEAT 2s
PARSER bpftrace
MAP @calls user_calls_total k0==uprobe:{TRACECAL}:tc_wl_sc6 func="tc_wl_sc6" comm="{COMM}"
# bpftrace 0.17 gives func as an address in a uprobe: the probe name tells the function.
