# PLANTED ERROR, for the harness's tests: cannot even start
TOOL planted-badcmd
DESCRIPTION planted: cannot even start
COMMAND /nonexistent/tracer --trace
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total name,pid,comm
