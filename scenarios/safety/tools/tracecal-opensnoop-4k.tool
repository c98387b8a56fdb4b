# tracecal's opensnoop with a ring buffer of 4 KiB: flood-events overruns
# it. The events that did not fit are counted per CPU (events_lost_total).
# No overhead limit: under this flood its probes take 34-37% of 2 CPUs
# (the kernel's run time of its programs, -v), so the guard stops it (ABORTED)
# whenever the flood lasts past its second sample, 2.1 s in, as a slower
# machine's does; this cell judges what it loses, overload.scn the guard.
TOOL tracecal-opensnoop-4k
DESCRIPTION tracecal trace opensnoop with a 4 KiB ring buffer
LEVEL syscall
REQUIRES btf
COMMAND {TRACECAL} trace opensnoop -c {COMM} --buffer-size 4K --prom --no-overhead-limit
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES opens_total pid,comm
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES opens_total events_lost_total
