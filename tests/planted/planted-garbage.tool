# PLANTED ERROR, for the harness's tests: prints what no parser reads
TOOL planted-garbage
DESCRIPTION planted: prints what no parser reads
COMMAND sh {DIR}/fake-tool.sh garbage
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total name,pid,comm
