# PLANTED ERROR, for the harness's tests: a right report, and exit status 1
# when stopped (as SystemTap's staprun after errors it counted), with no
# EXIT_STATUS to say that the status is the tool's way: an ERROR.
TOOL planted-exit1
DESCRIPTION planted: a right report, then exit status 1 when stopped
COMMAND sh {DIR}/fake-tool.sh exit-1 {TRACECAL} trace syscount -P -c {COMM} --prom
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total pid,comm
SCENARIOS planted-syscalls
