# For the SIGKILL test: holds the harness while it waits for READY
TOOL crash-slow-start
DESCRIPTION a stand-in that takes a minute to be ready
COMMAND sh {DIR}/crash-tool.sh slow-start
READY ^Tracing
READY_TIMEOUT 90s
GRACE 5s
PARSER prom
PROVIDES syscalls_total comm
