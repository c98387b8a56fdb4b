# PLANTED ERROR, for the harness's tests: ignores 10 completions, as the kernel
# sometimes does under load, and says how many (completions_missed_total)
TOOL planted-missed-done
DESCRIPTION planted: misses 10 completions, and says so
COMMAND {TRACECAL} trace iolatency -d {DEV} --prom --fault-drop-done=10
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES disk_latency_ns dev,op
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES disk_latency_ns completions_missed_total
