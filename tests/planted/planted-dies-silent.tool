# PLANTED FAIL: a tool with no handler for its stop signal (as libbpf-tools'
# vfsstat 0.26): stopped, it dies with what it counted, having printed
# nothing. That proves nothing of its probes: the verdict says it died.
TOOL planted-dies-silent
DESCRIPTION planted: no SIGINT handler, dies silent when stopped
COMMAND sh {DIR}/fake-tool.sh dies-silent
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total name,pid,comm
