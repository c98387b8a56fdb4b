# tracecal's ucalls with a glob: a uprobe and a uretprobe on each tc_wl_*
# function of tracecal itself (the workloads' code).
TOOL tracecal-ucalls-wl
DESCRIPTION tracecal trace ucalls '{TRACECAL}:tc_wl_*': calls of each workload function
LEVEL user
REQUIRES btf
REQUIRES uprobe
COMMAND {TRACECAL} trace ucalls '{TRACECAL}:tc_wl_*' -c {COMM} --prom
VERSION {TRACECAL} --version
READY ^Tracing
GRACE 60s
PARSER prom
PROVIDES user_calls_total pid,comm,func
NOTE the kernel takes each uprobe down on its own, tens of ms each here: the grace covers it
