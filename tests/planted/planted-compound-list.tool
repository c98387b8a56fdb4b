# PLANTED, honest: a COMMAND of two commands; the tool is the second (it
# once ran only the first, `exec true`, and the tool never started).
TOOL planted-compound-list
DESCRIPTION planted: a command list whose second command is the tool
COMMAND true; {TRACECAL} trace syscount -P -c {COMM} --prom
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total name,pid,comm
