# Planted for many-copies (INSTANCES 3): the seed's SystemTap, which named its
# module by the script's hash, so that a second user of the same script got
# "Error inserting module ...: File exists". one-copy-only.sh holds a lock of
# fixed name while tracecal's syscount runs, and a second copy fails at start
# with SystemTap's words.
TOOL wrong-copies-one-only
DESCRIPTION planted: tracecal trace syscount behind a lock of fixed name, as SystemTap's module name was
LEVEL syscall
REQUIRES btf
REQUIRES program flock
SCENARIOS many-copies
COMMAND sh {DIR}/one-copy-only.sh {TRACECAL} trace syscount -P -c {COMM} --prom
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES syscalls_total name,pid,comm
