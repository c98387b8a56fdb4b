# bpftrace with a uprobe on every function of tracecal: at its limits.
TOOL bpftrace-uprobes-all
DESCRIPTION bpftrace uprobe:{TRACECAL}:*: a uprobe on every function
LEVEL user
REQUIRES program bpftrace
REQUIRES uprobe
COMMAND env BPFTRACE_MAX_BPF_PROGS=4096 BPFTRACE_MAX_PROBES=4096 bpftrace -B none -e 'uprobe:{TRACECAL}:* /comm == "{COMM}"/ { @calls[probe] = count(); } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
READY_TIMEOUT 120s
GRACE 120s
STOP_REPEAT 2s
PARSER bpftrace
MAP @calls user_calls_total k0==uprobe:{TRACECAL}:tc_wl_sc6 func="tc_wl_sc6" comm="{COMM}"
NOTE bpftrace 0.17 attaches a probe at a time and stops at the first function of size 0 (register_tm_clones), then takes down what it attached, which here takes about 20 s: the READY_TIMEOUT lets it exit and be judged on its message
NOTE BPFTRACE_MAX_BPF_PROGS and BPFTRACE_MAX_PROBES at 4096: tracecal has more than 512 functions (bpftrace's default limits, which it checks before attaching any), so without it the run would test the limit the binary's size happens to cross, not the attach of a probe at a time
