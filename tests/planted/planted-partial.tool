# PLANTED ERROR, for the harness's tests: some probes do not attach
TOOL planted-partial
DESCRIPTION planted: some probes do not attach
COMMAND sh {DIR}/fake-tool.sh partial
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total name,pid,comm
PROVIDES disk_read_bytes pid,comm,dev
ATTACH_WARNING could not attach probe .*skipping
