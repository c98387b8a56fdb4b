# For the SIGKILL test: its filter holds the harness while it judges
TOOL crash-judge
DESCRIPTION a stand-in whose output takes a minute to read
COMMAND sh {DIR}/crash-tool.sh ready
READY ^Tracing
GRACE 5s
PARSER filter sh {DIR}/crash-tool.sh filter
PROVIDES syscalls_total comm
