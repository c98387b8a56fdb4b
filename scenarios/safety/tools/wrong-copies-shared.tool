# Planted for many-copies (INSTANCES 3): tracecal's syscount with its maps
# pinned by a fixed name (--fault-pin share, as LIBBPF_PIN_BY_NAME does), so
# a second copy reuses the first's: every copy counts every copy's calls.
# Alone it is right; three at once, each reports three times the truth.
TOOL wrong-copies-shared
DESCRIPTION planted: tracecal trace syscount whose copies share one pinned map
LEVEL syscall
REQUIRES btf
SCENARIOS many-copies
COMMAND {TRACECAL} trace syscount -P -c {COMM} --prom --fault-pin share
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES syscalls_total name,pid,comm
