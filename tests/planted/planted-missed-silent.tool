# PLANTED ERROR, for the harness's tests: misses 10 completions and hides the
# count, as a tool that does not look for them would
TOOL planted-missed-silent
DESCRIPTION planted: misses 10 completions, and says nothing
COMMAND {TRACECAL} trace iolatency -d {DEV} --prom --fault-drop-done=10
READY ^Tracing
GRACE 5s
PARSER filter grep -v '^completions_missed_total'
PROVIDES disk_latency_ns dev,op
