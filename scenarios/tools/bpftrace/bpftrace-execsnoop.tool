# bpftrace's own execsnoop.bt: a line per execve and execveat at entry
# (sys_enter_exec*), failing ones too, with the pid and the arguments; no
# process name. It prints each exec in two parts (printf, then join()):
# when two CPUs exec at once, the parts interleave ("24 1509 30 1507
# tc_execs", then "tc_execs" alone), and a line's pid is not always its
# exec's. The filter counts each line's arguments (after every leading
# "TIME PID" pair) by argv[0]'s last part as comm, and no pid (the workloads
# exec a program named after their comm, with argv[0] the comm).
# Its count is of the exec family (family="exec", a constant;
# docs/metrics.md).
TOOL bpftrace-execsnoop
DESCRIPTION execsnoop.bt from the bpftrace package: every exec as an event
LEVEL syscall
REQUIRES program bpftrace
REQUIRES file /usr/sbin/execsnoop.bt
COMMAND bpftrace -B none /usr/sbin/execsnoop.bt
VERSION bpftrace --version
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
READY ^TIME\(ms\) +PID +ARGS
PARSER filter awk 'NR > 2 { l = $0; while (match(l, /^[0-9]+ +[0-9]+ +/)) l = substr(l, RLENGTH + 1); if (split(l, a, " ") == 0) next; c = a[1]; sub(/.*\//, "", c); gsub(/["\\]/, "_", c); n[substr(c, 1, 15)]++ } END { for (c in n) printf "execs{comm=\"%s\"} %d\n", c, n[c] }' 
MAP execs syscalls_total comm=comm family="exec"
ATTACH_WARNING could not attach probe .*skipping
NOTE argv[0] stands for the process name: right for the workloads here, not in general
