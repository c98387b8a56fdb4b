# PLANTED ERROR, for the harness's tests: ignores Ctrl-C
TOOL planted-no-stop
DESCRIPTION planted: ignores Ctrl-C
COMMAND sh {DIR}/fake-tool.sh no-stop
READY ^Tracing
GRACE 1s
PARSER prom
PROVIDES syscalls_total name,pid,comm
