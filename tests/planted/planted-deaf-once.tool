# PLANTED ERROR, for the harness's tests: misses its first Ctrl-C
TOOL planted-deaf-once
DESCRIPTION planted: misses its first Ctrl-C; STOP_REPEAT gets it to stop
COMMAND sh {DIR}/fake-tool.sh deaf-once
READY ^Tracing
STOP_REPEAT 300ms
GRACE 3s
PARSER prom
PROVIDES syscalls_total name,pid,comm
NOTE With STOP_REPEAT it exits at the second signal and is judged on its
NOTE (empty) report; without it, it would be killed and get TIMEOUT.
