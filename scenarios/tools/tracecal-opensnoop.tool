# tracecal's event tool: one event per open, losses counted.
TOOL tracecal-opensnoop
DESCRIPTION tracecal trace opensnoop: every open as an event, opens per process
LEVEL syscall
REQUIRES btf
COMMAND {TRACECAL} trace opensnoop -c {COMM} --prom
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES opens_total pid,comm
PROVIDES open_errors_total pid,comm
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES opens_total events_lost_total
LOSSES open_errors_total events_lost_total
