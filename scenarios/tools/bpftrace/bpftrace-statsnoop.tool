# bpftrace's own statsnoop.bt: a line per statfs, statx, newstat and
# newlstat call (not newfstatat, what glibc's stat() makes), with its
# errno. It names no syscall: its count is of the stat family
# (family="stat", a constant; docs/metrics.md).
TOOL bpftrace-statsnoop
DESCRIPTION statsnoop.bt from the bpftrace package: every stat call as an event
LEVEL syscall
REQUIRES program bpftrace
REQUIRES file /usr/sbin/statsnoop.bt
COMMAND bpftrace -B none /usr/sbin/statsnoop.bt
VERSION bpftrace --version
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
READY ^PID +COMM +ERR +PATH
PARSER filter awk '$1 ~ /^[0-9]+$/ { w = length($1) < 6 ? 6 : length($1); c = substr($0, w + 2, 16); sub(/ +$/, "", c); if (c != "{COMM}") next; split(substr($0, w + 19), f, " "); k = c "\",pid=\"" $1; n[k]++; e[k] += f[1] != 0 } END { for (k in n) printf "stats{comm=\"%s\"} %d\nstat_errors{comm=\"%s\"} %d\n", k, n[k], k, e[k] }'
MAP stats syscalls_total comm=comm pid=pid family="stat"
MAP stat_errors syscall_errors_total comm=comm pid=pid family="stat"
NOTE the filter keeps the workload's lines only ({COMM}): on a shared host, other processes' events in the window would feed the judge's guess that what is missing went to another process, by chance
ATTACH_WARNING could not attach probe .*skipping
