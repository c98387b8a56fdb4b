# perf trace -s: every syscall of every thread, system-wide, summed per
# thread at the end (calls and errors by syscall, under the thread's last
# name). It runs a command that says READY once tracing is on, as
# perf-stat-syscalls does, and prints its summary on stderr. Its ring
# buffer is 16 MiB a CPU (-m 4096): with the default, a busy host lost
# thousands of events ("LOST n events!") and whole processes with them.
# --sort-events: by default it takes events in the order it reads its CPUs'
# buffers, and on a loaded host it then missed a process's renaming (its
# calls listed under the parent's name) or its calls, without a word.
TOOL perf-trace-summary
DESCRIPTION perf trace -s -a: syscalls and errors per thread, by name
LEVEL syscall
REQUIRES program perf
REQUIRES tracepoint raw_syscalls:sys_enter
COMMAND perf trace -s -a -m 4096 --sort-events -- sh -c 'echo READY; exec sleep 86400'
VERSION perf --version
READY ^READY$
OUTPUT stderr
PARSER filter awk '/^ .* \([0-9]+\), [0-9]+ events/ { l = substr($0, 2); match(l, / \([0-9]+\), [0-9]+ events/); c = substr(l, 1, RSTART - 1); p = substr(l, RSTART + 2); sub(/\).*/, "", p); gsub(/["\\]/, "_", c); next } NF >= 8 && $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ { k = "comm=\"" c "\",pid=\"" p "\",name=\"" $1 "\""; n[k] += $2; e[k] += $3 } END { for (k in n) printf "syscalls_total{%s} %d\nsyscall_errors_total{%s} %d\n", k, n[k], k, e[k] }'
PROVIDES syscalls_total name,pid,comm
PROVIDES syscall_errors_total name,pid,comm
LOSS ^LOST ([0-9]+) events!
LOSSES syscalls_total output
LOSSES syscall_errors_total output
NOTE a thread's block holds its calls seen at exit, with the time they took: exit_group (it never returns) is not among them, a new process's return from clone is
