# The workloads made for what real tools claim (calls, io-requests,
# pid-keys; scenarios/calls.scn, requests.scn, keys.scn) against the tracer
# core and the kernel: each manifest's syscalls must be syscount's, call by
# call; io-requests' requests must be the block layer's, by size and by
# order (a bpftrace one-liner at block_rq_complete on the loop device), and
# /proc/diskstats'; pid-keys' processes must be as many pids as it says.
. tests/integration/lib.sh
plan 17

command -v jq >/dev/null || { echo "Bail out! jq is needed to read the manifests"; exit 1; }
make_fs || { echo "Bail out! cannot make a loop-device file system"; exit 1; }
# Requests of 256 KiB in one piece, whatever the loop device's last user set.
Q=/sys/block/$T_DEV/queue/max_sectors_kb
Q_WAS=$(cat "$Q")
trap 'echo "$Q_WAS" >"$Q" 2>/dev/null; cleanup' EXIT
echo 1024 >"$Q"

# m NAME FILTER: a value of manifest NAME.
m() { jq -r "$2" "$T_DIR/$1.json"; }

# The syscalls a manifest counts, and syscount's for the comm, "name count ...".
m_sys() { jq -r '.syscalls | to_entries[] | "\(.key) \(.value)"' "$T_DIR/$1.json" | sort | tr '\n' ' '; }
sc_sys() {
	sed -n 's/^syscalls_total{[^}]*name="\([a-z0-9_]*\)"} \([0-9]*\)$/\1 \2/p' "$T_DIR/$1.out" |
		awk '{ n[$1] += $2 } END { for (k in n) print k, n[k] }' | sort | tr '\n' ' '
}

# ---- calls: every open and stat kind, the syncs, counted as syscount counts ----

start_tracer calls trace syscount -c tc_it_calls --prom
"$TRACECAL" workload calls file="$T_MNT/c" syncfs=3 comm=tc_it_calls \
	--manifest "$T_DIR/calls.json" 2>"$T_DIR/calls.wl.err" || diag "calls: $(cat "$T_DIR/calls.wl.err")"
stop_tracer calls
# syscount counts exit_group at the task's exit, prctl under the new name: all of them.
is "$(sc_sys calls)" "$(m_sys calls)" "calls: syscount's counts by name = the manifest's"
is "$(m calls '[.calls.opens[]] | add')" \
	"$(m calls '[.syscalls.open, .syscalls.openat, .syscalls.openat2] | map(. // 0) | add')" \
	"calls: calls.opens adds up to the open, openat and openat2 calls"
is "$(m calls '[.calls.open_errors[]] | add')" \
	"$(m calls '[.syscall_errors.open, .syscall_errors.openat, .syscall_errors.openat2] | map(. // 0) | add')" \
	"calls: calls.open_errors = the failed opens"
is "$(m calls '[.calls.stats[]] | add')" \
	"$(m calls '[.syscalls.stat, .syscalls.statx, .syscalls.newfstatat] | map(. // 0) | add')" \
	"calls: calls.stats adds up to the stat, statx and newfstatat calls"
is "$(m calls '.calls.syncs.fsync + .calls.syncs.fdatasync + .calls.syncs.syncfs')" \
	"$(m calls '.syscalls.pwrite64')" "calls: a pwrite64 before each sync"
is "$(m calls .calls.writeback_bytes)" $((3 * 4096)) "calls: writeback_bytes, a page per syncfs" bytes
is "$(prom_sum "$T_DIR/calls.out" '^syscall_errors_total\{.*name="openat2"')" \
	"$(m calls .syscall_errors.openat2)" "calls: syscount's openat2 errors = the manifest's"

# ---- io-requests: the requests the block layer completed, by size and order ----

DEVNUM=$(($(stat -Lc '%Hr' "$T_LOOP") << 20 | $(stat -Lc '%Lr' "$T_LOOP")))
# Untraced first: the file laid out and synced, as a scenario's SETUP does.
"$TRACECAL" workload io-requests file="$T_MNT/r" comm=tc_it_setup >/dev/null 2>&1
wait_idle "$T_DEV"
for pattern in seq random; do
	# Reads only: a sync(2) anywhere on the host flushes this disk too (rwbs FF).
	# Armed by an event, not by BEGIN (which may print before the last probe
	# is enabled, and which a slow first start may print late): a direct
	# read of sector 0, where no file's data is, repeated until bpftrace
	# says it saw one; sector 0 is never counted.
	bpftrace -B none -e "tracepoint:block:block_rq_complete /args->dev == $DEVNUM &&
		args->sector == 0 && @armed == 0/ { @armed = 1; printf(\"ARMED\\n\"); }
		tracepoint:block:block_rq_complete /args->dev == $DEVNUM && @armed == 1 &&
		args->sector != 0 && strncmp(args->rwbs, \"R\", 1) == 0/ {
		@sizes[args->nr_sector * 512] = count(); @n = count();
		if (@last == args->sector) { @seq = count(); }
		@last = args->sector + args->nr_sector; }" >"$T_DIR/bt_$pattern.out" 2>&1 &
	T_PIDS+=($!)
	bt=$!
	armed=no
	for i in $(seq 300); do
		dd if="$T_LOOP" of=/dev/null bs=4096 count=1 iflag=direct status=none
		grep -q '^ARMED$' "$T_DIR/bt_$pattern.out" && armed=yes && break
		kill -0 "$bt" 2>/dev/null || break
		sleep 0.1
	done
	[ "$armed" = yes ] || diag "io-requests $pattern: bpftrace never saw a read of sector 0" \
		"in 30 s: $(head -c 400 "$T_DIR/bt_$pattern.out" | tr "\n" " ")"
	before=$(diskstats "$T_DEV")
	"$TRACECAL" workload io-requests file="$T_MNT/r" pattern=$pattern seed=7 \
		comm=tc_it_req --manifest "$T_DIR/req_$pattern.json" 2>"$T_DIR/req.err" ||
		diag "io-requests: $(cat "$T_DIR/req.err")"
	wait_idle "$T_DEV"
	after=$(diskstats "$T_DEV")
	kill -INT "$bt"
	wait "$bt"
	read -r r0 rs0 _ <<<"$before"
	read -r r1 rs1 _ <<<"$after"
	is "$((r1 - r0))" "$(m req_$pattern .requests.count)" \
		"io-requests $pattern: diskstats' reads = the manifest's requests"
	is "$(((rs1 - rs0) * 512))" "$(m req_$pattern .requests.bytes)" \
		"io-requests $pattern: diskstats' read bytes = the manifest's" bytes
	is "$(sed -n 's/^@sizes\[\([0-9]*\)\]: \([0-9]*\)$/\1 \2/p' "$T_DIR/bt_$pattern.out" | sort -n | tr '\n' ' ')" \
		"$(m req_$pattern '.requests.sizes | to_entries[] | "\(.key) \(.value)"' | sort -n | tr '\n' ' ')" \
		"io-requests $pattern: the requests completed, by size, are the manifest's"
	is "$(sed -n 's/^@seq: \([0-9]*\)$/\1/p' "$T_DIR/bt_$pattern.out")" \
		"$(m req_$pattern .requests.sequential)" \
		"io-requests $pattern: requests starting where the previous ended = manifest's sequential"
done

# ---- pid-keys: n processes, n pids, each making its calls ----

start_tracer keys trace syscount -c tc_it_keys --prom
"$TRACECAL" workload pid-keys n=2100 getppid=3 comm=tc_it_keys \
	--manifest "$T_DIR/keys.json" 2>"$T_DIR/keys.wl.err" || diag "pid-keys: $(cat "$T_DIR/keys.wl.err")"
stop_tracer keys
is "$(m keys '.pids | unique | length')" 2100 "pid-keys: 2100 distinct pids"
is "$(sc_sys keys)" "$(m_sys keys)" "pid-keys: syscount's counts by name = the manifest's"
finish
