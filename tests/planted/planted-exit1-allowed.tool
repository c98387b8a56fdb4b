# planted-exit1 with EXIT_STATUS 1: its status after STOP is its own way of
# ending, and its report is judged (it is right: PASS).
TOOL planted-exit1-allowed
DESCRIPTION planted: the same tool, its exit status 1 declared with EXIT_STATUS
COMMAND sh {DIR}/fake-tool.sh exit-1 {TRACECAL} trace syscount -P -c {COMM} --prom
READY ^Tracing
GRACE 5s
EXIT_STATUS 1
PARSER prom
PROVIDES syscalls_total pid,comm
SCENARIOS planted-syscalls
NOTE EXIT_STATUS 1: the stand-in of a tool that exits 1 after it reported, as staprun does when its script met errors
