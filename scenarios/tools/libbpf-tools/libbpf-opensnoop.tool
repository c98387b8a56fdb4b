# libbpf-tools' opensnoop 0.26: a line per open, at the open and openat
# tracepoints (not openat2), with the fd or the errno. Its lines are counted
# per process by a filter (the comm is 16 columns wide after the pid). -n:
# the workload's name only (other processes' opens in the window would feed
# the judge's guess that what is missing went to another process, by chance).
TOOL libbpf-opensnoop
DESCRIPTION opensnoop from libbpf-tools: every open as an event, opens per process
LEVEL syscall
REQUIRES program opensnoop
REQUIRES program stdbuf
REQUIRES btf
REQUIRES tracepoint syscalls:sys_enter_openat
COMMAND stdbuf -oL opensnoop -n {COMM}
VERSION opensnoop --version
READY ^PID +COMM +FD +ERR
PARSER filter awk '$1 ~ /^[0-9]+$/ { w = length($1) < 6 ? 6 : length($1); c = substr($0, w + 2, 16); sub(/ +$/, "", c); gsub(/["\\]/, "_", c); split(substr($0, w + 19), f, " "); k = c "\"," "pid=\"" $1; n[k]++; e[k] += f[2] != 0 } END { for (k in n) printf "opens_total{comm=\"%s\"} %d\nopen_errors_total{comm=\"%s\"} %d\n", k, n[k], k, e[k] }'
PROVIDES opens_total pid,comm
PROVIDES open_errors_total pid,comm
LOSS ^Lost ([0-9]+) events on CPU
LOSSES opens_total output
LOSSES open_errors_total output
