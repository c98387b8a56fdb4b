# tracecal's syscount as shipped, for the hot hook and the failing calls.
TOOL tracecal-syscount
DESCRIPTION tracecal trace syscount -P: system calls by name and process
LEVEL syscall
REQUIRES btf
COMMAND {TRACECAL} trace syscount -P -c {COMM} --prom
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES syscalls_total name,pid,comm
PROVIDES syscall_errors_total name,pid,comm
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES syscalls_total map_entries_dropped_total{map="proc_counts"}
LOSSES syscall_errors_total map_entries_dropped_total{map="proc_counts"}
