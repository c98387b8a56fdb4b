# tracecal's ucalls on the signal workload's function: a uprobe counts each
# call, a uretprobe times it; calls nest when the handler interrupts one.
TOOL tracecal-ucalls-sig
DESCRIPTION tracecal trace ucalls {TRACECAL}:tc_wl_sig_target: calls and their latency
LEVEL user
REQUIRES btf
REQUIRES uprobe
COMMAND {TRACECAL} trace ucalls '{TRACECAL}:tc_wl_sig_target' -c {COMM} --prom
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES user_calls_total pid,comm,func
PROVIDES user_latency_ns func
