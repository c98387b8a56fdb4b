# tracecal-syscount with a rotted fallback (rot.sh): planted for t_tapset.sh
# tracecal's syscall counter, by process (-P) and filtered to the workload.
TOOL tracecal-syscount
DESCRIPTION tracecal trace syscount -P: system calls by name and process, with errors
LEVEL syscall
REQUIRES btf
COMMAND bash tests/tapsets/rot.sh {TRACECAL} trace syscount -P -c {COMM} --prom
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES syscalls_total name,pid,comm
PROVIDES syscall_errors_total name,pid,comm
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES syscalls_total map_entries_dropped_total{map="proc_counts"}
LOSSES syscall_errors_total map_entries_dropped_total{map="proc_counts"}
