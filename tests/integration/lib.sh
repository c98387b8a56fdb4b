# Shared by the integration tests (sourced): TAP output, a loop-device
# file-system fixture released on every exit path, and a tracer started in
# the background and stopped with Ctrl-C. Tests run as root from the
# repository root: `prove --exec bash tests/integration/t_*.sh`.

set -u

TRACECAL=${TRACECAL:-./tracecal}
LOAD=${LOAD:-build/tests/tc_testload}
T_N=0
T_FAILED=0
T_DIR=$(mktemp -d /tmp/tracecal-test.XXXXXX)
# A failing `tracecal run` keeps the tools' outputs in $TMPDIR/tracecal-logs.*:
# in this test's folder, removed with it (planted failures fail on purpose).
export TMPDIR=$T_DIR
T_LOOP=
T_MNT=
T_PIDS=()

plan() { echo "1..$1"; }
ok() { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
not_ok() {
	T_N=$((T_N + 1))
	T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_N - $1"
	echo "# $(basename "$0") not ok $T_N - $1" >&2 # prove shows stderr: the why in CI logs
	[ -n "${T_FAILLOG:-}" ] && echo "$(basename "$0") not ok $T_N - $1" >>"$T_FAILLOG"
	shift
	# Every line of every detail is a comment: a file's TAP must not leak into ours.
	printf '%s\n' "$@" | sed 's/^/#   /' | tee /dev/stderr |
		if [ -n "${T_FAILLOG:-}" ]; then cat >>"$T_FAILLOG"; else cat >/dev/null; fi
}
diag() { echo "# $*"; }

# is ACTUAL EXPECTED NAME [UNIT]: numbers equal, or say both.
is() {
	if [ "$1" = "$2" ]; then
		ok "$3"
	else
		not_ok "$3" "actual:   $1 ${4:-}" "expected: $2 ${4:-}"
	fi
}

# cmp_ok A OP B NAME: a numeric comparison, e.g. cmp_ok "$lost" -gt 0 "lost some".
cmp_ok() {
	if [ "$1" "$2" "$3" ] 2>/dev/null; then
		ok "$4"
	else
		not_ok "$4" "not true: $1 $2 $3"
	fi
}

# like FILE REGEX NAME: the file has a line matching the extended regex.
like() {
	if grep -Eq -- "$2" "$1"; then
		ok "$3"
	else
		not_ok "$3" "no line of $1 matches /$2/:" "$(head -c 600 "$1")"
	fi
}

cleanup() {
	local pid
	for pid in "${T_PIDS[@]}"; do
		kill -KILL "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	if [ -n "$T_MNT" ] && mountpoint -q "$T_MNT"; then
		umount "$T_MNT" || umount -l "$T_MNT"
	fi
	[ -n "$T_LOOP" ] && losetup -d "$T_LOOP" 2>/dev/null
	rm -rf "$T_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A 256 MiB ext4 on a direct-I/O loop device; sets T_LOOP, T_DEV, T_MNT.
make_fs() {
	truncate -s 256M "$T_DIR/disk.img"
	T_LOOP=$(losetup --direct-io=on -f --show "$T_DIR/disk.img") || return 1
	T_DEV=${T_LOOP#/dev/}
	mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$T_LOOP" || return 1
	T_MNT=$T_DIR/mnt
	mkdir -p "$T_MNT"
	# No background I/O of ext4's own (inode-table zeroing, bitmap prefetch):
	# the tests compare the tools with diskstats over a window.
	mount -o noinit_itable,no_prefetch_block_bitmaps "$T_LOOP" "$T_MNT" ||
		mount "$T_LOOP" "$T_MNT" || return 1
	sync
	wait_idle "$T_DEV"
}

# wait_idle DEV: until nothing is in flight and the counters stand still
# for 0.3 s (5 s at most).
wait_idle() {
	local i last= now
	for i in $(seq 50); do
		now=$(awk -v d="$1" '$3 == d { print $4, $6, $8, $10, $12 }' /proc/diskstats)
		[ "$now" = "$last" ] && [ "${now##* }" = 0 ] && return 0
		last=$now
		sleep 0.3
	done
	return 1
}

# The diskstats fields of a device: reads rsect writes wsect.
diskstats() {
	awk -v d="$1" '$3 == d { print $4, $6, $8, $10 }' /proc/diskstats
}

# start_tracer NAME ARGS...: run tracecal ARGS in the background, output in
# $T_DIR/NAME.out and NAME.err, and wait (10 s at most) for its start message.
start_tracer() {
	local name=$1 i
	shift
	"$TRACECAL" "$@" >"$T_DIR/$name.out" 2>"$T_DIR/$name.err" &
	T_PIDS+=($!)
	eval "PID_$name=$!"
	for i in $(seq 100); do
		grep -q '^Tracing' "$T_DIR/$name.err" 2>/dev/null && return 0
		kill -0 "$!" 2>/dev/null || break
		sleep 0.1
	done
	diag "tracer $name did not start: $(cat "$T_DIR/$name.err")"
	return 1
}

# stop_tracer NAME: Ctrl-C, wait, and return its exit status.
stop_tracer() {
	local pid
	eval "pid=\$PID_$1"
	kill -INT "$pid" 2>/dev/null
	wait "$pid"
}

# prom FILE METRIC{LABELS}: the value of one Prometheus sample, or "none".
prom() {
	awk -v k="$2" '$1 == k { v = $2 } END { print (v == "" ? "none" : v) }' "$1"
}

# prom_sum FILE REGEX: the sum of the samples whose name{labels} match. A
# missing file is no 0: it prints "?missing:FILE", which no number equals
# and which breaks any arithmetic done with it.
prom_sum() {
	[ -r "$1" ] || { echo "?missing:$1"; return 1; }
	awk -v re="$2" '$1 ~ re { s += $2 } END { print s + 0 }' "$1"
}

# kernel_skips FILE: the runs of a block tool's completion program (probe
# io-done) that the kernel skipped, as it counts them itself (the program's
# recursion_misses, which the tool prints as probe_runs_missed_total): the
# independent count its missed completions must equal, planted ones aside.
kernel_skips() {
	[ -r "$1" ] || { echo "?missing:$1"; return 1; }
	awk '/^probe_runs_missed_total[{]probe="io-done"/ { s += $2 } END { print s + 0 }' "$1"
}

# missed_is FILE PLANTED NAME: the tool's missed completions are those planted
# plus those the kernel skipped: at least the planted and the kernel's own
# count of skipped runs (recursion_misses), exactly when nothing else skips.
# This sandbox's kernel also runs no BPF program for an event raised while a
# thread of its PID 1 (the VM agent) is current, and counts none of it:
# measured against a tracefs instance recording every block_rq_complete, the
# completions on those threads were exactly disktop's missed ones (88 = 88,
# 39 = 39, 21 = 21), in bursts. So up to 1% of the requests (at least 1) may
# be missed beyond the counted ones, and each is said; a tool that invents
# more, or misses fewer than planted, fails.
missed_is() {
	local m k ios extra room
	m=$(prom "$1" completions_missed_total)
	k=$(kernel_skips "$1")
	ios=$(prom_sum "$1" '^disk_(read|write)_ios(_missed_total)?[{]')
	[ "$m" != none ] || m="?none"
	extra=$((m - $2 - k))
	room=$((ios / 100 > 1 ? ios / 100 : 1))
	if [ "$extra" -eq 0 ]; then
		ok "$3: missed completions = $2 planted + $k the kernel skipped"
	elif [ "$extra" -gt 0 ] && [ "$extra" -le "$room" ]; then
		ok "$3: missed completions = $2 planted + $k the kernel skipped + $extra skipped uncounted (at most $room of $ios)"
		diag "$3: $extra completions missed beyond the planted and the kernel's count"
	else
		not_ok "$3: missed completions = $2 planted + $k the kernel skipped (+ at most $room uncounted)" \
			"actual:   $m completions missed, of $ios requests"
	fi
}

# The number of BPF programs whose names start with tc_ (ours).
our_progs() {
	bpftool prog show 2>/dev/null | grep -c ' name tc_'
}

finish() {
	[ "$T_FAILED" -eq 0 ]
}
