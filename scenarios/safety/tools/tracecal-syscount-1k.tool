# tracecal's syscount with a map of 1024 entries: flood-keys fills it. The
# updates it drops are counted (map_entries_dropped_total), so seen +
# dropped must be what the workload made.
TOOL tracecal-syscount-1k
DESCRIPTION tracecal trace syscount -P with a map of 1024 entries
LEVEL syscall
REQUIRES btf
COMMAND {TRACECAL} trace syscount -P -c {COMM} --max-entries 1024 --prom
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES syscalls_total name,pid,comm
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES syscalls_total map_entries_dropped_total{map="proc_counts"}
