# PLANTED, honest: a COMMAND that is a compound shell command, as a user
# writes one to run a tool from its own folder. The harness runs it as
# written (it once ran `exec cd ...`, which never started the tool).
TOOL planted-compound-cd
DESCRIPTION planted: syscount started after a cd, as COMMAND says
COMMAND cd {DIR} && {TRACECAL} trace syscount -P -c {COMM} --prom
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total name,pid,comm
