# bpftrace printing every failed open as an event through its perf buffer;
# it says "Lost N events" when the buffer overflows.
TOOL bpftrace-events
DESCRIPTION bpftrace: a line per openat returning, counted by a filter
LEVEL syscall
REQUIRES program bpftrace
REQUIRES tracepoint syscalls:sys_exit_openat
COMMAND bpftrace -B none -e 'tracepoint:syscalls:sys_exit_openat /comm == "{COMM}"/ { printf("open %d\n", args->ret); } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
PARSER filter awk '/^open / { n++ } END { printf("opens_total{comm=\"{COMM}\"} %d\n", n) }'
PROVIDES opens_total comm
LOSS ^Lost ([0-9]+) events
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES opens_total output
