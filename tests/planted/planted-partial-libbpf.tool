# PLANTED ERROR: a libbpf tool one of whose programs did not attach, as
# libbpf says it. The descriptor declares no ATTACH_WARNING: the engines'
# own messages are known to the judge whatever a descriptor says, so this
# is a partial attach, not a probe that "never fired".
TOOL planted-partial-libbpf
DESCRIPTION planted: libbpf says a program failed to attach; no ATTACH_WARNING declared
COMMAND sh {DIR}/fake-tool.sh partial-libbpf
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total name,pid,comm
