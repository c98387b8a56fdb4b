# disktop counts what reaches the disk, per process, exactly as
# /proc/diskstats does; vfstop counts what the VFS served. A 64 MiB
# O_DIRECT write by dd is dd's 64 MiB at the disk; a cached re-read of the
# file is 64 MiB at the VFS and nothing at the disk.
. tests/integration/lib.sh
plan 15

SIZE=$((64 * 1024 * 1024))
make_fs || { echo "Bail out! cannot make a loop-device file system"; exit 1; }

# O_DIRECT write: dd's bytes, and everyone's bytes against diskstats, read
# while the tracer is attached so that both see the same window.
start_tracer a trace disktop -d "$T_DEV" --prom
wait_idle "$T_DEV"
before=$(diskstats "$T_DEV")
dd if=/dev/zero of="$T_MNT/f" bs=1M count=64 oflag=direct status=none
sync
wait_idle "$T_DEV"
after=$(diskstats "$T_DEV")
stop_tracer a
read -r r0 rs0 w0 ws0 <<<"$before"
read -r r1 rs1 w1 ws1 <<<"$after"
diag "diskstats delta: $((r1 - r0)) reads, $(((rs1 - rs0) * 512)) bytes; $((w1 - w0)) writes, $(((ws1 - ws0) * 512)) bytes"
is "$(prom_sum "$T_DIR/a.out" "^disk_write_bytes[{]pid=\"[0-9]+\",comm=\"dd\",dev=\"$T_DEV\"")" \
	$SIZE "dd wrote 64 MiB at the disk" bytes
is "$(prom_sum "$T_DIR/a.out" '^disk_write_bytes[{]')" $(((ws1 - ws0) * 512)) \
	"all written bytes = diskstats" bytes
is "$(prom_sum "$T_DIR/a.out" '^disk_write_ios[{]')" $((w1 - w0)) "write requests = diskstats"
is "$(prom_sum "$T_DIR/a.out" '^disk_read_bytes[{]')" $(((rs1 - rs0) * 512)) \
	"all read bytes = diskstats" bytes
is "$(prom_sum "$T_DIR/a.out" '^disk_read_ios[{]')" $((r1 - r0)) "read requests = diskstats"
like "$T_DIR/a.out" '^disk_write_bytes\{pid="[0-9]+",comm="jbd2/' \
	"file-system metadata charged to the journal thread"

# Cold read, the page cache dropped first: all of it from the disk.
sync
echo 3 >/proc/sys/vm/drop_caches
wait_idle "$T_DEV"
start_tracer b trace disktop -d "$T_DEV" -c cat --prom
cat "$T_MNT/f" >/dev/null
stop_tracer b
cold=$(prom_sum "$T_DIR/b.out" '^disk_read_bytes[{]')
if [ "$cold" -ge $SIZE ] && [ "$cold" -le $((SIZE + 1024 * 1024)) ]; then
	ok "cold read: 64 MiB from the disk (and at most 1 MiB of metadata: $cold bytes)"
else
	not_ok "cold read: 64 MiB from the disk" "actual: $cold bytes" "expected: $SIZE to $((SIZE + 1048576)) bytes"
fi

# Now all of the file is cached (fincore says so, or the test cannot be made).
cached=$(fincore -b -n -o RES "$T_MNT/f" | tr -d ' ')
is "$cached" $SIZE "the file is all in the page cache before the re-read" bytes

# Cached re-read: all at the VFS, nothing at the disk.
start_tracer c trace disktop -d "$T_DEV" --prom
start_tracer d trace vfstop -d "$T_DEV" -c cat --prom
wait_idle "$T_DEV"
before=$(diskstats "$T_DEV")
cat "$T_MNT/f" >/dev/null
wait_idle "$T_DEV"
after=$(diskstats "$T_DEV")
stop_tracer c
stop_tracer d
is "$(prom_sum "$T_DIR/c.out" '^disk_read_bytes[{]pid="[0-9]+",comm="cat"')" 0 \
	"cached re-read: no disk bytes for cat" bytes
is "$(prom_sum "$T_DIR/c.out" '^disk_read_bytes[{]')" \
	$((($(cut -d' ' -f2 <<<"$after") - $(cut -d' ' -f2 <<<"$before")) * 512)) \
	"cached re-read: disk read bytes = diskstats" bytes
is "$(prom_sum "$T_DIR/d.out" "^vfs_read_bytes[{]pid=\"[0-9]+\",comm=\"cat\",dev=\"$T_DEV\",fs=\"ext4\"")" \
	$SIZE "cached re-read: 64 MiB at the VFS" bytes

# The fallback hooks give the same numbers.
rm -f "$T_MNT/f"
sync
wait_idle "$T_DEV"
start_tracer e trace disktop -d "$T_DEV" -c dd --prom --avoid-hook tp_btf
dd if=/dev/zero of="$T_MNT/f" bs=1M count=64 oflag=direct status=none
stop_tracer e
is "$(prom_sum "$T_DIR/e.out" '^disk_write_bytes[{]pid="[0-9]+",comm="dd"')" $SIZE \
	"raw_tp fallback: dd wrote 64 MiB" bytes
like "$T_DIR/e.out" 'tracecal_probe_info\{probe="io-done",hook="raw_tp"' "raw_tp hook reported"

# vfstop: exact bytes and operations of a known load.
start_tracer f trace vfstop -c tc_flood --prom
"$LOAD" reads 1000 "$T_MNT/f" >/dev/null
stop_tracer f
is "$(prom "$T_DIR/f.out" "vfs_read_bytes{pid=\"$(pgrep -n -x nothing || true)\"}")" none \
	"no row for a pid that did nothing"
is "$(prom_sum "$T_DIR/f.out" "^vfs_read_ops[{]pid=\"[0-9]+\",comm=\"tc_flood\",dev=\"$T_DEV\"")" 1000 \
	"vfstop: 1000 reads" operations
finish
