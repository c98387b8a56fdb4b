# tracecal's syscount as shipped, for the overload scenario (overload.scn):
# its failed calls only (syscall_errors_total), so that these tools meet no other
# scenario of the suite. The honest tool: its guard has no reason to trip.
TOOL tracecal-errors
DESCRIPTION tracecal trace syscount -P: failed system calls by name and process
LEVEL syscall
REQUIRES btf
COMMAND {TRACECAL} trace syscount -P -c {COMM} --prom
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES syscall_errors_total name,pid,comm
