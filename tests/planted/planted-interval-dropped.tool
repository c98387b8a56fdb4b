# A tool that reports only every few seconds and prints nothing at its end
# (SystemTap's disktop.stp and iotop.stp do this: a timer probe prints,
# their end probe does not): tracecal's syscount printing every 4 s, with
# the block it prints at its exit thrown away by the filter. The workload
# lasts well under 4 s: stopped when it ends, it has reported nothing.
TOOL planted-interval-dropped
DESCRIPTION planted: reports every 4 s and drops at its stop what it counted since
COMMAND {TRACECAL} trace syscount -P -c {COMM} -i 4s --prom
READY ^Tracing
GRACE 5s
PARSER filter awk -f {DIR}/drop-last-block.awk
PROVIDES syscalls_total name,pid,comm
SCENARIOS planted-syscalls
