# PLANTED ERROR, for the harness's tests: loses a tenth of its events without saying so
TOOL planted-loss
DESCRIPTION planted: loses a tenth of its events without saying so
COMMAND {TRACECAL} trace syscount -P -c {COMM} --prom
READY ^Tracing
GRACE 5s
PARSER filter awk '/^syscalls_total/ && /getppid/ { $2 = int($2 * 9 / 10) } { print }'
PROVIDES syscalls_total name,pid,comm
