# PLANTED ABORTED: a stand-in (overload-standin.sh) printing SystemTap's
# words when its overload check trips ("probe overhead exceeded threshold",
# translate.cxx): SystemTap is not on this machine. Known to the harness
# without an ABORT line; SystemTap names no probe.
TOOL stap-overload
DESCRIPTION stand-in: SystemTap's overload abort, in its words
LEVEL syscall
COMMAND sh {DIR}/overload-standin.sh stap {COMM}
READY ^Tracing
PARSER prom
PROVIDES syscall_errors_total name,comm
NOTE a stand-in: it aborts when the hot loop starts, as SystemTap does under this load with its default STP_OVERLOAD_THRESHOLD
