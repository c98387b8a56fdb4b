# planted-interval-dropped with INTERVAL 4s: the harness waits 4 s and a
# second after the workload's window before it stops it, and the report
# printed meanwhile holds the whole workload: it passes.
TOOL planted-interval-waited
DESCRIPTION planted: the same tool, with INTERVAL 4s: the harness waits for its next report
COMMAND {TRACECAL} trace syscount -P -c {COMM} -i 4s --prom
READY ^Tracing
GRACE 5s
INTERVAL 4s
PARSER filter awk -f {DIR}/drop-last-block.awk
PROVIDES syscalls_total name,pid,comm
SCENARIOS planted-syscalls
