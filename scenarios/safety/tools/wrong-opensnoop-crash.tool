# PLANTED, for the fault scenario: a snoop tool whose printing dies of the
# first event without a path (a NULL dereference, as it were). The suite
# must say ERROR, never judge its numbers.
TOOL wrong-opensnoop-crash
DESCRIPTION planted: opensnoop's events, printed by a stage that crashes on a faulted path
LEVEL syscall
REQUIRES btf
COMMAND sh {DIR}/crash-on-fault.sh {TRACECAL} {COMM}
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES opens_total pid,comm
