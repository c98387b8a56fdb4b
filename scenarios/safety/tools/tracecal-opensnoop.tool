# tracecal's opensnoop as shipped: every open an event; a path it cannot
# read (a bad pointer) is counted per probe, with the address, and said.
# No overhead limit: flood-events would trip it, as tracecal-opensnoop-4k.tool
# says; the guard has its own cells in overload.scn.
TOOL tracecal-opensnoop
DESCRIPTION tracecal trace opensnoop: opens per process, read faults per probe
LEVEL syscall
REQUIRES btf
COMMAND {TRACECAL} trace opensnoop -c {COMM} --prom --no-overhead-limit
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES opens_total pid,comm
PROVIDES open_errors_total pid,comm
PROVIDES read_faults_total probe
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES opens_total events_lost_total
LOSSES open_errors_total events_lost_total
