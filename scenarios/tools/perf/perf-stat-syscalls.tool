# perf stat (Debian linux-perf) on syscall tracepoints, system-wide, each
# with an ftrace filter on the workload's name (stat-syscalls.sh beside
# this file builds the list): raw_syscalls:sys_enter for every call,
# syscalls:sys_enter_NAME for the syscalls the scenarios name, and their
# sys_exit twins with ret < 0 for the errors. Calls of other syscalls are
# name="other" (the total less the named ones), so that a process's total
# adds up. perf stat prints nothing until it ends: it runs a command that
# says READY once the counters are on (perf enables them before it starts
# the command), and prints its counts (CSV, stderr) when that command dies
# of the STOP signal (sent to the whole process group).
TOOL perf-stat-syscalls
DESCRIPTION perf stat -e syscalls:sys_enter_NAME --filter 'comm == ...': syscalls of the workload by name
LEVEL syscall
REQUIRES program perf
REQUIRES tracepoint raw_syscalls:sys_enter
REQUIRES tracepoint syscalls:sys_enter_getppid
COMMAND {DIR}/stat-syscalls.sh {COMM}
VERSION perf --version
READY ^READY$
OUTPUT stderr
PARSER filter awk -F, '$1 !~ /^[0-9]+$/ { next } $3 == "raw_syscalls:sys_enter" { all = $1; next } $3 == "raw_syscalls:sys_exit" { bad = $1; next } $3 ~ /^syscalls:sys_enter_/ { n = substr($3, 20); c[n] = $1; named += $1 } $3 ~ /^syscalls:sys_exit_/ { n = substr($3, 19); e[n] = $1; nerr += $1 } END { for (n in c) { m = n ~ /^newstat$/ ? "stat" : n; printf "syscalls_total{comm=\"{COMM}\",name=\"%s\"} %d\nsyscall_errors_total{comm=\"{COMM}\",name=\"%s\"} %d\n", m, c[n], m, e[n] } printf "syscalls_total{comm=\"{COMM}\",name=\"other\"} %d\nsyscall_errors_total{comm=\"{COMM}\",name=\"other\"} %d\n", all - named, bad - nerr }'
PROVIDES syscalls_total name,comm
PROVIDES syscall_errors_total name,comm
NOTE counted at entry, under the name the task has then: a process's first prctl (it renames itself) is the parent's
NOTE a syscall not in stat-syscalls.sh's list is counted under name="other" only
