#!/bin/sh
# A tool under test that leaves things behind when it exits, on purpose: a
# tmpfs mounted on a folder of its own, a BPF map pinned in bpffs and a
# uprobe event in tracefs (the
# "zombie module" story of the seeds, in today's terms). The harness's leak
# check must name both. tests/integration/t_safety.sh removes them after.
dir=$(mktemp -d /tmp/tc_pl_leak.XXXXXX) || exit 1
mount -t tmpfs tc_pl_leak "$dir" || exit 1
echo "p:tc_pl_leak/marker /bin/true:0x0" >>/sys/kernel/tracing/uprobe_events || exit 1
bpftool map create /sys/fs/bpf/tc_pl_leak type array key 4 value 4 entries 1 name tc_pl_leak ||
	exit 1
echo "Tracing" >&2
trap 'echo "syscalls_total{comm=\"tc_null\",name=\"prctl\"} 1"; echo "syscalls_total{comm=\"tc_null\",name=\"exit_group\"} 1"; exit 0' INT TERM
while :; do sleep 0.1; done
