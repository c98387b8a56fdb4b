# For the SIGKILL test: ready at once, stops at Ctrl-C
TOOL crash-ready
DESCRIPTION a stand-in that is ready at once
COMMAND sh {DIR}/crash-tool.sh ready
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total comm
