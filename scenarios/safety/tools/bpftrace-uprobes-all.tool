# bpftrace with a uprobe on every function of tracecal: at its limits.
TOOL bpftrace-uprobes-all
DESCRIPTION bpftrace uprobe:{TRACECAL}:*: a uprobe on every function
LEVEL user
REQUIRES program bpftrace
REQUIRES uprobe
COMMAND bpftrace -B none -e 'uprobe:{TRACECAL}:* /comm == "{COMM}"/ { @calls[probe] = count(); } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
READY_TIMEOUT 120s
GRACE 120s
STOP_REPEAT 2s
PARSER bpftrace
MAP @calls user_calls_total k0==uprobe:{TRACECAL}:tc_wl_sc6 func="tc_wl_sc6" comm="{COMM}"
NOTE bpftrace 0.17 makes a program per function and refuses more than 512 (BPFTRACE_MAX_BPF_PROGS) before attaching any, which tracecal's functions now exceed; under that it attached a probe at a time and stopped at the first function of size 0 (register_tm_clones), then took about 20 s to take down what it attached: the READY_TIMEOUT lets it exit and be judged on its message
