# Planted for many-copies (INSTANCES 3): tracecal's opensnoop with its maps,
# its ring buffer among them, pinned by a fixed name (--fault-pin share): the
# copies read one ring buffer, and each event goes to whichever copy reads it
# first. Alone it is right; three at once, each misses the others' share.
TOOL wrong-copies-stolen
DESCRIPTION planted: tracecal trace opensnoop whose copies share one ring buffer
LEVEL syscall
REQUIRES btf
SCENARIOS many-copies
COMMAND {TRACECAL} trace opensnoop -c {COMM} --prom --fault-pin share
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES opens_total pid,comm
LOSSES opens_total events_lost_total
