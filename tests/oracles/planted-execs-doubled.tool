# PLANTED ERROR: a syscall counter that counts every execve twice (as a
# tool hooking both the syscall and sched_process_exec, summed, would).
# /proc/stat's forks bound the execs of a window from above: it is caught.
TOOL planted-execs-doubled
DESCRIPTION planted: every execve counted twice
COMMAND {TRACECAL} trace syscount -P -c {COMM} --prom
READY ^Tracing
GRACE 5s
PARSER filter awk '/^syscalls_total[{].*name="execve"/ { $2 = $2 * 2 } { print }'
PROVIDES syscalls_total name,pid,comm
