# The histogram tools count every operation once, in the right bucket
# family: iolatency against diskstats, vfslatency against a known load.
. tests/integration/lib.sh
plan 15

make_fs || { echo "Bail out! cannot make a loop-device file system"; exit 1; }
dd if=/dev/zero of="$T_MNT/f" bs=1M count=8 oflag=direct status=none
sync
wait_idle "$T_DEV"

# iolatency: one histogram entry per completed read request.
start_tracer a trace iolatency -d "$T_DEV" --prom
r0=$(diskstats "$T_DEV" | cut -d' ' -f1)
dd if="$T_MNT/f" of=/dev/null bs=64k iflag=direct status=none
r1=$(diskstats "$T_DEV" | cut -d' ' -f1)
stop_tracer a
is "$(prom "$T_DIR/a.out" "disk_latency_ns_count{dev=\"$T_DEV\",op=\"read\"}")" $((r1 - r0)) \
	"iolatency: read count = diskstats reads" requests
is "$(prom "$T_DIR/a.out" "disk_latency_ns_bucket{dev=\"$T_DEV\",op=\"read\",le=\"+Inf\"}")" \
	$((r1 - r0)) "+Inf bucket = count"
# Cumulative buckets never decrease.
if awk -v d="$T_DEV" '$1 ~ "^disk_latency_ns_bucket[{]dev=\"" d "\",op=\"read\"" {
	if ($2 < last) bad = 1; last = $2 } END { exit bad }' "$T_DIR/a.out"; then
	ok "buckets cumulative"
else
	not_ok "buckets cumulative" "$(grep disk_latency_ns_bucket "$T_DIR/a.out")"
fi

# A completion whose program the kernel did not run (seen here under CPU load,
# about 1 run in 200) is never silent: its request is issued again with its
# start still stored. Planted: --fault-drop-done=10 ignores completions 10, 20,
# ... 100, and 400 more reads issue every request again.
start_tracer f trace iolatency -d "$T_DEV" --prom --fault-drop-done=10
r0=$(diskstats "$T_DEV" | cut -d' ' -f1)
dd if="$T_MNT/f" of=/dev/null bs=16k iflag=direct status=none
r1=$(diskstats "$T_DEV" | cut -d' ' -f1)
stop_tracer f
seen=$(prom "$T_DIR/f.out" "disk_latency_ns_count{dev=\"$T_DEV\",op=\"read\"}")
missed=$(prom "$T_DIR/f.out" completions_missed_total)
is "$missed" 10 "planted: 10 completions ignored, 10 reported missed" completions
is "$((seen + missed))" $((r1 - r0)) "seen ($seen) + missed ($missed) = diskstats reads" requests
like "$T_DIR/f.err" "lost 10 completions: the kernel did not run the program for them" \
	"the loss said on stderr"
# Without the fault: nothing reported missed (the first run above).
is "$(prom "$T_DIR/a.out" completions_missed_total)" 0 "no fault, none missed" completions

# vfslatency and vfstop: 1000 preads of 4 KiB by the load.
start_tracer b trace vfslatency -c tc_flood --prom
start_tracer c trace vfstop -c tc_flood --prom
"$LOAD" reads 1000 "$T_MNT/f" >/dev/null
stop_tracer b
stop_tracer c
is "$(prom "$T_DIR/b.out" 'vfs_latency_ns_count{fs="ext4",op="read"}')" 1000 \
	"vfslatency: 1000 ext4 reads" operations
sum=$(prom "$T_DIR/b.out" 'vfs_latency_ns_sum{fs="ext4",op="read"}')
cmp_ok "$sum" -gt 0 "latency sum in ns ($sum)"
is "$(prom_sum "$T_DIR/c.out" '^vfs_read_bytes[{]pid="[0-9]+",comm="tc_flood"')" 4096000 \
	"vfstop: 1000 x 4096 bytes" bytes

# io_uring reads pass no read syscall: vfstop sees them at their
# completions, syscount sees no read at all.
start_tracer e trace vfstop -c tc_flood --prom
start_tracer g trace syscount -c tc_flood --prom
"$LOAD" uring 300 "$T_MNT/f" >/dev/null
stop_tracer e
stop_tracer g
is "$(prom_sum "$T_DIR/e.out" "^vfs_read_ops[{]pid=\"[0-9]+\",comm=\"tc_flood\",dev=\"$T_DEV\"")" 300 \
	"vfstop: 300 io_uring reads" operations
is "$(prom_sum "$T_DIR/e.out" "^vfs_read_bytes[{]pid=\"[0-9]+\",comm=\"tc_flood\",dev=\"$T_DEV\"")" 1228800 \
	"vfstop: 300 x 4096 bytes through io_uring" bytes
is "$(prom "$T_DIR/g.out" 'syscalls_total{name="read"}')" none "no read syscall made"

# Linear buckets: the same count, in the bucket family asked for.
start_tracer d trace vfslatency -c tc_flood --linear 0,100,10 -u ms --json
"$LOAD" reads 500 "$T_MNT/f" >/dev/null
stop_tracer d
like "$T_DIR/d.out" '"kind":"linear","unit":"ms","count":500,' "linear histogram, 500 reads"
like "$T_DIR/d.out" '"buckets":\[\{"lo":0,"hi":9,"count":500\}\]' \
	"all 4 KiB cached reads under 10 ms"
finish
