# PLANTED ERROR, for the harness's tests: needs a program that is not there
TOOL planted-missing
DESCRIPTION planted: needs a program that is not there
COMMAND {TRACECAL} trace syscount -P -c {COMM} --prom
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total name,pid,comm
REQUIRES program tracecal-no-such-program
