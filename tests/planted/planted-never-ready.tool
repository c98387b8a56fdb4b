# PLANTED ERROR, for the harness's tests: never says it is tracing
TOOL planted-never-ready
DESCRIPTION planted: never says it is tracing
COMMAND sh {DIR}/fake-tool.sh never-ready
READY ^Tracing
PARSER prom
PROVIDES syscalls_total name,pid,comm
READY_TIMEOUT 1s
