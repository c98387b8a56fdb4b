# The same numbers, and nothing left behind: the leak check's passing case.
TOOL planted-clean
DESCRIPTION planted: counts right, leaves nothing
COMMAND sh -c 'echo Tracing >&2; trap "echo \"syscalls_total{comm=\\\"tc_null\\\",name=\\\"prctl\\\"} 1\"; echo \"syscalls_total{comm=\\\"tc_null\\\",name=\\\"exit_group\\\"} 1\"; exit 0" INT TERM; while :; do sleep 0.1; done'
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total name,comm
