# PLANTED ERROR, for the harness's tests: right numbers, but it leaves a
# mount, a pinned BPF map and a tracefs probe event behind when it exits.
TOOL planted-leak
DESCRIPTION planted: counts right, leaves a mount, a BPF map and a uprobe event behind
REQUIRES file /sys/kernel/tracing/uprobe_events
REQUIRES program bpftool
COMMAND sh {DIR}/leak-tool.sh
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total name,comm
