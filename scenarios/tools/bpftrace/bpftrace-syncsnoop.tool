# bpftrace's own syncsnoop.bt: a line per sync, syncfs, fsync, fdatasync,
# sync_file_range and msync call, at entry. Its count is of the sync family
# (family="sync", a constant; docs/metrics.md). Each line is printed in
# two parts (time(), then printf()), which two CPUs can interleave: the
# filter drops every leading time before it reads a line.
TOOL bpftrace-syncsnoop
DESCRIPTION syncsnoop.bt from the bpftrace package: every sync call as an event
LEVEL syscall
REQUIRES program bpftrace
REQUIRES file /usr/sbin/syncsnoop.bt
COMMAND bpftrace -B none /usr/sbin/syncsnoop.bt
VERSION bpftrace --version
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
READY ^TIME +PID +COMM +EVENT
PARSER filter awk '{ l = $0; while (match(l, /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]  /)) l = substr(l, RLENGTH + 1) } l ~ /^[0-9]+ / { split(l, f, " "); w = length(f[1]) < 6 ? 6 : length(f[1]); c = substr(l, w + 2, 16); sub(/ +$/, "", c); gsub(/["\\]/, "_", c); n[c "\",pid=\"" f[1]]++ } END { for (k in n) printf "syncs{comm=\"%s\"} %d\n", k, n[k] }' 
MAP syncs syscalls_total comm=comm pid=pid family="sync"
ATTACH_WARNING could not attach probe .*skipping
