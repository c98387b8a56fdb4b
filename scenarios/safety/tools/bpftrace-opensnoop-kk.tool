# bpftrace's own opensnoop.bt with -kk: a failed read of a path prints
# "WARNING: Failed to probe_read_user_str: Bad address (-14)" with the
# script's line (open and openat share it), not the process or the probe:
# the workload makes only openat, so the warnings are its openat faults.
# Without -kk (and in libbpf-tools' opensnoop) a faulted path is printed
# as an empty PATH with ERR 14, and nothing says it could not be read.
TOOL bpftrace-opensnoop-kk
DESCRIPTION opensnoop.bt -kk: every open as an event, a warning per failed read of a path
LEVEL syscall
REQUIRES program bpftrace
REQUIRES file /usr/sbin/opensnoop.bt
COMMAND bpftrace -kk -B none /usr/sbin/opensnoop.bt
VERSION bpftrace --version
STOP_REPEAT 2s
READY ^PID +COMM +FD +ERR
PARSER filter awk '/WARNING: Failed to probe_read_user_str: Bad address/ { f++ } $1 ~ /^[0-9]+$/ { w = length($1) < 6 ? 6 : length($1); c = substr($0, w + 2, 16); sub(/ +$/, "", c); if (c != "{COMM}") next; split(substr($0, w + 19), a, " "); n++; e += a[2] != 0 } END { printf "opens_total{comm=\"{COMM}\"} %d\nopen_errors_total{comm=\"{COMM}\"} %d\nread_faults_total{probe=\"openat\"} %d\n", n, e, f }'
PROVIDES opens_total comm
PROVIDES open_errors_total comm
PROVIDES read_faults_total probe
LOSS ^Lost ([0-9]+) events
LOSSES opens_total output
LOSSES open_errors_total output
LOSSES read_faults_total output
