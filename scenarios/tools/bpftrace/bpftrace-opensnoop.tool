# bpftrace's own opensnoop.bt (bpftrace 0.17 package): a line per open and
# openat (not openat2) at the syscall tracepoints, with its fd or errno.
# Its lines are counted per process by a filter.
TOOL bpftrace-opensnoop
DESCRIPTION opensnoop.bt from the bpftrace package: every open as an event
LEVEL syscall
REQUIRES program bpftrace
REQUIRES file /usr/sbin/opensnoop.bt
COMMAND bpftrace -B none /usr/sbin/opensnoop.bt
VERSION bpftrace --version
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
READY ^PID +COMM +FD +ERR
PARSER filter awk '$1 ~ /^[0-9]+$/ { w = length($1) < 6 ? 6 : length($1); c = substr($0, w + 2, 16); sub(/ +$/, "", c); if (c != "{COMM}") next; split(substr($0, w + 19), f, " "); k = c "\",pid=\"" $1; n[k]++; e[k] += f[2] != 0 } END { for (k in n) printf "opens_total{comm=\"%s\"} %d\nopen_errors_total{comm=\"%s\"} %d\n", k, n[k], k, e[k] }'
PROVIDES opens_total pid,comm
PROVIDES open_errors_total pid,comm
NOTE the filter keeps the workload's lines only ({COMM}): on a shared host, other processes' events in the window would feed the judge's guess that what is missing went to another process, by chance
ATTACH_WARNING could not attach probe .*skipping
