# PLANTED ERROR, for the harness's tests: dies while tracing
TOOL planted-crash
DESCRIPTION planted: dies while tracing
COMMAND sh {DIR}/fake-tool.sh crash
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total name,pid,comm
