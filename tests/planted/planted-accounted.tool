# PLANTED ERROR, for the harness's tests: drops entries of a full map, and says how many
TOOL planted-accounted
DESCRIPTION planted: drops entries of a full map, and says how many
COMMAND {TRACECAL} trace syscount -P -c {COMM} --max-entries 1 --prom
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total pid,comm
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES syscalls_total map_entries_dropped_total{map="proc_counts"}
