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
NOTE tracecal has more functions than bpftrace 0.17 makes programs (512): it refuses at compile time. Below that it attaches a probe at a time and stops at the first function of size 0 (register_tm_clones), then takes down what it attached, which takes about 20 s: the READY_TIMEOUT lets it exit and be judged on its message
