# Planted for many-copies (INSTANCES 3): tracecal's syscount pinning its maps
# by a fixed name (--fault-pin leak); a copy that finds the name taken pins
# its own beside it, under its pid, and never removes them. Alone it leaves
# nothing; three at once, the second and third leave their maps pinned.
TOOL wrong-copies-leak
DESCRIPTION planted: tracecal trace syscount whose second copy leaves its maps pinned
LEVEL syscall
REQUIRES btf
SCENARIOS many-copies
COMMAND {TRACECAL} trace syscount -P -c {COMM} --prom --fault-pin leak
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES syscalls_total name,pid,comm
