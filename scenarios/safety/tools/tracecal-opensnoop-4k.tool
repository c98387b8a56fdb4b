# tracecal's opensnoop with a ring buffer of 4 KiB: flood-events overruns
# it. The events that did not fit are counted per CPU (events_lost_total).
TOOL tracecal-opensnoop-4k
DESCRIPTION tracecal trace opensnoop with a 4 KiB ring buffer
LEVEL syscall
REQUIRES btf
COMMAND {TRACECAL} trace opensnoop -c {COMM} --buffer-size 4K --prom
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES opens_total pid,comm
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES opens_total events_lost_total
