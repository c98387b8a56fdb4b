# libbpf-tools' statsnoop 0.26: a line per stat call (statfs, newstat, statx,
# newfstatat, newlstat), with its errno. It names no syscall: its count is of
# the stat family (family="stat", a constant; docs/metrics.md).
TOOL libbpf-statsnoop
DESCRIPTION statsnoop from libbpf-tools: every stat call as an event, per process
LEVEL syscall
REQUIRES program statsnoop
REQUIRES program stdbuf
REQUIRES btf
REQUIRES tracepoint syscalls:sys_enter_statx
COMMAND stdbuf -oL statsnoop
VERSION statsnoop --version
READY ^PID +COMM +RET +ERR
PARSER filter awk '$1 ~ /^[0-9]+$/ { w = length($1) < 7 ? 7 : length($1); c = substr($0, w + 2, 20); sub(/ +$/, "", c); if (c != "{COMM}") next; split(substr($0, w + 23), f, " "); k = c "\",pid=\"" $1; n[k]++; e[k] += f[2] != 0 } END { for (k in n) printf "stats{comm=\"%s\"} %d\nstat_errors{comm=\"%s\"} %d\n", k, n[k], k, e[k] }'
MAP stats syscalls_total comm=comm pid=pid family="stat"
MAP stat_errors syscall_errors_total comm=comm pid=pid family="stat"
LOSS ^lost ([0-9]+) events on CPU
NOTE the filter keeps the workload's lines only ({COMM}): on a shared host, other processes' events in the window would feed the judge's guess that what is missing went to another process, by chance
LOSSES syscalls_total output
LOSSES syscall_errors_total output
