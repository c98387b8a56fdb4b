# PLANTED ERROR: a stand-in (overload-standin.sh) that dies on the hot loop
# without a word of overload: a crash is an ERROR, never ABORTED.
TOOL crash-overload
DESCRIPTION stand-in: dies under the hot loop
LEVEL syscall
COMMAND sh {DIR}/overload-standin.sh crash {COMM}
READY ^Tracing
PARSER prom
PROVIDES syscall_errors_total name,comm
