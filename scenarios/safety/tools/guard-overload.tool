# PLANTED ABORTED: a stand-in (overload-standin.sh) for a tool with its own
# watchdog and its own words, declared by an ABORT line whose group is the
# probe it blames.
TOOL guard-overload
DESCRIPTION stand-in: a tool's own overload guard, declared with ABORT
LEVEL syscall
COMMAND sh {DIR}/overload-standin.sh guard {COMM}
READY ^Tracing
PARSER prom
PROVIDES syscall_errors_total name,comm
ABORT ^overload-guard: probe ([a-z_]+) took .*detaching all probes
