# libbpf-tools' execsnoop 0.26: a line per execve (-x: failed ones too, with
# their errno), at sys_enter/sys_exit_execve (not execveat). It names no
# syscall, so its count is of the exec family (family="exec", a constant:
# only expectations on that family apply to it; docs/metrics.md).
TOOL libbpf-execsnoop
DESCRIPTION execsnoop -x from libbpf-tools: every execve as an event, per process
LEVEL syscall
REQUIRES program execsnoop
REQUIRES program stdbuf
REQUIRES btf
REQUIRES tracepoint syscalls:sys_enter_execve
COMMAND stdbuf -oL execsnoop -x
VERSION execsnoop --version
READY ^PCOMM +PID +PPID +RET
PARSER filter awk 'NR > 1 && substr($0, 18) ~ /^[0-9]+ +[0-9]+ +-?[0-9]+ / { c = substr($0, 1, 16); sub(/ +$/, "", c); gsub(/["\\]/, "_", c); split(substr($0, 18), f, " "); k = c "\",pid=\"" f[1]; n[k]++; e[k] += f[3] != 0 } END { for (k in n) printf "execs{comm=\"%s\"} %d\nexec_errors{comm=\"%s\"} %d\n", k, n[k], k, e[k] }'
MAP execs syscalls_total comm=comm pid=pid family="exec"
MAP exec_errors syscall_errors_total comm=comm pid=pid family="exec"
LOSS ^Lost ([0-9]+) events on CPU
LOSSES syscalls_total output
LOSSES syscall_errors_total output
