# The workload generators against the tracer core and the kernel's own
# counters: each manifest must agree with syscount (syscall by syscall,
# exactly), disktop and vfstop (bytes per pid), /proc/diskstats (O_DIRECT
# bytes on a loop device), vfslatency (a latency histogram bucket by
# bucket); and the command must fail clearly. Manifests are read with jq.
. tests/integration/lib.sh
plan 83

SIZE=$((16 * 1024 * 1024))
BS=$((128 * 1024))

command -v jq >/dev/null || { echo "Bail out! jq is needed to read the manifests"; exit 1; }
make_fs || { echo "Bail out! cannot make a loop-device file system"; exit 1; }
F=$T_MNT/f

# m NAME FILTER: a value of manifest NAME.
m() { jq -r "$2" "$T_DIR/$1.json"; }

# wl NAME WORKLOAD ARGS...: run it, manifest in $T_DIR/NAME.json; the
# diskstats change over the run (the device idle before and after) in
# DS_R (read requests), DS_RB (read bytes), DS_W, DS_WB.
wl() {
	local name=$1 before after r0 rs0 w0 ws0 r1 rs1 w1 ws1
	shift
	wait_idle "$T_DEV"
	before=$(diskstats "$T_DEV")
	"$TRACECAL" workload "$@" --manifest "$T_DIR/$name.json" 2>"$T_DIR/$name.err" ||
		diag "workload $*: $(cat "$T_DIR/$name.err")"
	sync
	wait_idle "$T_DEV"
	after=$(diskstats "$T_DEV")
	read -r r0 rs0 w0 ws0 <<<"$before"
	read -r r1 rs1 w1 ws1 <<<"$after"
	DS_R=$((r1 - r0)) DS_RB=$(((rs1 - rs0) * 512)) DS_W=$((w1 - w0)) DS_WB=$(((ws1 - ws0) * 512))
}

# The syscalls a manifest counts ("name count ..." by name), all of them
# or one pid's, and syscount's for a comm (and pid, with -P), alike.
m_sys() {
	if [ -n "${2:-}" ]; then
		jq -r --arg p "$2" '.per_pid[$p].syscalls | to_entries[] | "\(.key) \(.value)"' \
			"$T_DIR/$1.json"
	else
		jq -r '.syscalls | to_entries[] | "\(.key) \(.value)"' "$T_DIR/$1.json"
	fi | sort | tr '\n' ' '
}
sc_sys() {
	sed -n "s/^syscalls_total{${2:+pid=\"$2\",}[^}]*name=\"\([a-z0-9_]*\)\"} \([0-9]*\)$/\1 \2/p" \
		"$T_DIR/$1.out" | sort | tr '\n' ' '
}

# same ACTUAL EXPECTED NAME [UNIT]: as is, but an empty expectation (no
# manifest, a tool that printed nothing) is a failure, not a match.
same() {
	if [ -z "$2" ] || [ "$2" = null ]; then
		not_ok "$3" "nothing to compare: expected '$2', actual '$1'"
	else
		is "$@"
	fi
}

# disk_is ACTUAL EXPECTED NAME TOOL: as is, and on a mismatch the tool's
# rows and what diskstats counted, to tell a lost request from a misplaced one.
disk_is() {
	local rows=()
	if [ "$1" = "$2" ]; then
		ok "$3"
	else
		mapfile -t rows < <(grep -E '^(disk_(read|write)_(bytes|ios)|events_unmatched_total|completions_missed_total)' \
			"$T_DIR/$4.out" | grep -v ' 0$')
		not_ok "$3" "actual:   $1" "expected: $2" \
			"diskstats: $DS_R reads, $DS_RB bytes; $DS_W writes, $DS_WB bytes" "${rows[@]}"
	fi
}

# by_pid FILE METRIC PID: a tool's bytes for one process, all labels summed.
by_pid() { prom_sum "$T_DIR/$1.out" "^$2[{]pid=\"$3\","; }
# dt_pid FILE METRIC PID: disktop's bytes for one process, seen plus those of
# the completions it knows the kernel did not run its program for.
dt_pid() { echo $(($(by_pid "$1" "$2" "$3") + $(by_pid "$1" "$2_missed_total" "$3"))); }

start_io() { # syscount, disktop and vfstop, all three: a test that they all started
	local failed=
	start_tracer "$1_sc" trace syscount -P -c "$2" --prom || failed+=" syscount"
	start_tracer "$1_dt" trace disktop -d "$T_DEV" --prom || failed+=" disktop"
	start_tracer "$1_vt" trace vfstop -d "$T_DEV" --prom || failed+=" vfstop"
	is "${failed:-none}" none "$1: the tracers started (not started:${failed:- none})"
}
# ... and stopped, disktop's missed completions (if any) being the kernel's own
# count of the runs it skipped, never inferred alone (see missed_is in lib.sh).
stop_io() {
	stop_tracer "$1_sc"
	stop_tracer "$1_dt"
	stop_tracer "$1_vt"
	missed_is "$T_DIR/$1_dt.out" 0 "$1: disktop"
}

# ---- the harness itself: null, then an exact set of syscalls ----

start_tracer null trace syscount -c tc_null --prom
wl null null
stop_tracer null
same "$(sc_sys null)" "$(m_sys null)" "null: syscount = manifest (prctl and exit_group only)"
is "$(m null '.syscalls | add')" 2 "null: two syscalls" calls

start_tracer sc1 trace syscount -c tc_syscalls --prom
wl sc1 syscalls
stop_tracer sc1
same "$(sc_sys sc1)" "$(m_sys sc1)" "syscalls: syscount = manifest, syscall by syscall"
is "$(m sc1 '.syscalls.getppid, .syscalls.openat, .syscalls.close, .syscalls.read' | tr '\n' ' ')" \
	"23 66 29 31 " "syscalls: the default counts (23 getppid, 29+37 openat, 29 close, 31 read)"
same "$(prom "$T_DIR/sc1.out" 'syscall_errors_total{name="openat"}')" "$(m sc1 .syscall_errors.openat)" \
	"syscalls: the 37 ENOENT errors, as syscount counts them"

start_tracer sc4 trace syscount -P -c tc_sc4 --prom
wl sc4 syscalls threads=4 getppid=1009 comm=tc_sc4
stop_tracer sc4
pid=$(m sc4 .pid)
same "$(sc_sys sc4 "$pid")" "$(m_sys sc4 "$pid")" "syscalls threads=4: the process's row = manifest"
is "$(m sc4 '.syscalls.getppid, .syscalls.prctl, .syscalls.exit, .syscalls.exit_group' | tr '\n' ' ')" \
	"4036 4 3 1 " "syscalls threads=4: 4 x 1009 getppid, 4 prctl, 3 exit, 1 exit_group"
is "$(m sc4 .proc_io.syscr)" 124 "syscalls threads=4: /proc/PID/io of the zombie has every thread's reads"

# ---- O_DIRECT: the process's bytes are the disk's ----

start_io dw tc_io-direct
wl dw io-direct file="$F" size=$SIZE op=write
stop_io dw
pid=$(m dw .pid)
same "$(sc_sys dw_sc "$pid")" "$(m_sys dw "$pid")" "io-direct write: syscount = manifest"
disk_is "$(dt_pid dw_dt disk_write_bytes "$pid")" $SIZE "io-direct write: disktop, the process's bytes" dw_dt
is "$(m dw .proc_io.write_bytes)" $SIZE "io-direct write: /proc/PID/io write_bytes" bytes
is "$(by_pid dw_vt vfs_write_bytes "$pid")" $SIZE "io-direct write: vfstop" bytes
cmp_ok "$DS_WB" -ge $SIZE "io-direct write: diskstats wrote at least that much ($DS_WB bytes)"

start_io dr tc_io-direct
wl dr io-direct file="$F" size=$SIZE bs=$BS op=read pattern=random seed=7
stop_io dr
pid=$(m dr .pid)
same "$(sc_sys dr_sc "$pid")" "$(m_sys dr "$pid")" "io-direct read: syscount = manifest"
is "$(m dr .ops.pread64.count)" $((SIZE / BS)) "io-direct read: size/bs pread64" calls
is "$DS_RB" $SIZE "io-direct read: diskstats read bytes = size" bytes
same "$(m dr .proc_io.read_bytes)" "$DS_RB" "io-direct read: /proc/PID/io read_bytes = diskstats" bytes
disk_is "$(dt_pid dr_dt disk_read_bytes "$pid")" "$DS_RB" "io-direct read: disktop = diskstats" dr_dt
is "$(by_pid dr_vt vfs_read_bytes "$pid")" $SIZE "io-direct read: vfstop" bytes
is "$(m dr '.io.dev, .io.fs, .io.direct, .setup.filled_bytes' | tr '\n' ' ')" "$T_DEV ext4 true 0 " \
	"io-direct read: dev, fs, O_DIRECT, no set-up I/O (the file was complete)"

# ---- buffered: cold, hot, write + fsync ----

start_io bc tc_io-buffered
wl bc io-buffered file="$F" size=$SIZE op=read cache=cold
stop_io bc
pid=$(m bc .pid)
same "$(sc_sys bc_sc "$pid")" "$(m_sys bc "$pid")" "io-buffered cold: syscount = manifest"
is "$(m bc .setup.cache.resident_pages)" 0 "io-buffered cold: no page cached before (mincore)"
disk_is "$(dt_pid bc_dt disk_read_bytes "$pid")" $SIZE "io-buffered cold: disktop, the whole file" bc_dt
is "$(m bc .proc_io.read_bytes)" $SIZE "io-buffered cold: /proc/PID/io read_bytes" bytes
same "$(by_pid bc_vt vfs_read_bytes "$pid")" "$(m bc .io.read_bytes)" "io-buffered cold: vfstop = manifest" bytes

start_io bh tc_io-buffered
wl bh io-buffered file="$F" size=$SIZE op=read cache=hot
stop_io bh
pid=$(m bh .pid)
is "$(dt_pid bh_dt disk_read_bytes "$pid") $(m bh .proc_io.read_bytes)" "0 0" \
	"io-buffered hot: nothing from the disk (disktop, /proc/PID/io)"
is "$(by_pid bh_vt vfs_read_bytes "$pid")" $SIZE "io-buffered hot: vfstop, the whole file" bytes

start_io bw tc_io-buffered
wl bw io-buffered file="$T_MNT/g" size=$SIZE op=write fsync=yes
stop_io bw
pid=$(m bw .pid)
same "$(sc_sys bw_sc "$pid")" "$(m_sys bw "$pid")" "io-buffered write: syscount = manifest (fsync included)"
is "$(dt_pid bw_dt disk_write_bytes "$pid") $(m bw .proc_io.write_bytes)" "$SIZE $SIZE" \
	"io-buffered write+fsync: the writer's disk bytes (disktop, /proc/PID/io)"

# ---- re-read: one pass from the disk, three at the VFS ----

start_io rr tc_io-reread
wl rr io-reread file="$F" size=$SIZE passes=3
stop_io rr
pid=$(m rr .pid)
same "$(sc_sys rr_sc "$pid")" "$(m_sys rr "$pid")" "io-reread: syscount = manifest (reads and lseeks)"
disk_is "$(dt_pid rr_dt disk_read_bytes "$pid")" $SIZE "io-reread: disk bytes, one pass" rr_dt
is "$(by_pid rr_vt vfs_read_bytes "$pid")" $((3 * SIZE)) "io-reread: VFS bytes, passes x size" bytes
is "$(m rr '[.io.passes[] | "\(.read_bytes):\(.cache)"] | join(" ")')" \
	"$SIZE:cold $SIZE:hot $SIZE:hot" "io-reread: per-pass bytes in the manifest"

# ---- io_uring: no read syscalls ----

start_io ur tc_io-uring
wl ur io-uring file="$F" size=$SIZE direct=yes qd=4
stop_io ur
pid=$(m ur .pid)
same "$(sc_sys ur_sc "$pid")" "$(m_sys ur "$pid")" "io-uring: syscount = manifest"
is "$(sc_sys ur_sc "$pid" | xargs -n 2 | awk '$1 ~ /read/ { r += $2 } $1 == "io_uring_enter" { u += $2 }
	END { print "read", r + 0, "io_uring_enter", (u > 0 ? "some" : "none") }')" \
	"read 0 io_uring_enter some" "io-uring: no read syscall at all, io_uring_enter only"
disk_is "$(dt_pid ur_dt disk_read_bytes "$pid") $(m ur .proc_io.read_bytes)" "$SIZE $SIZE" \
	"io-uring: disk bytes (disktop, /proc/PID/io)" ur_dt
is "$(by_pid ur_vt vfs_read_bytes "$pid")" $SIZE "io-uring: vfstop counts the completions" bytes

# ---- mmap: page faults, no read() ----

start_io mm tc_io-mmap
wl mm io-mmap file="$F" size=$SIZE cache=cold
stop_io mm
pid=$(m mm .pid)
same "$(sc_sys mm_sc "$pid")" "exit_group 1 prctl 1 " "io-mmap: no syscall but prctl and exit_group"
disk_is "$(dt_pid mm_dt disk_read_bytes "$pid") $(m mm .proc_io.read_bytes) $DS_RB" "$SIZE $SIZE $SIZE" \
	"io-mmap cold: the file from the disk, by page faults (disktop, /proc/PID/io, diskstats)" mm_dt
is "$(by_pid mm_vt vfs_read_bytes "$pid") $(grep -q '^tracecal_probe_info' "$T_DIR/mm_vt.out" &&
	echo traced)" "0 traced" "io-mmap: nothing at the VFS (vfstop traced, saw no read)"

# ---- latency: achieved >= target; a histogram bucket by bucket ----

start_tracer ln trace syscount -c tc_latency --prom
wl ln latency op=nanosleep count=20 dur=300us dur2=2500us ratio=25
stop_tracer ln
same "$(sc_sys ln)" "$(m_sys ln)" "latency nanosleep: syscount = manifest"
is "$(m ln '.latency.below_target, ([.latency.by_target[] | .min >= .target_ns] | all),
	([.latency.by_target[].count] | join(","))' | tr '\n' ' ')" "0 true 15,5 " \
	"latency nanosleep: every op >= its target; 15 of 300us, 5 of 2.5ms"

start_tracer lp trace vfslatency -c tc_latency --prom
wl lp latency op=pipe count=30 dur=2500us
stop_tracer lp
# The reader's reads are the only pipe reads (the ping is a futex).
tool=$(m lp '.latency.hist.buckets[] | "\(.lo) \(.hi)"' | while read -r lo hi; do
	sed -n 's/^vfs_latency_ns_bucket{fs="pipefs",op="read",le="\([0-9]*\)"} \([0-9]*\)$/\1 \2/p' \
		"$T_DIR/lp.out" | awk -v lo="$lo" -v hi="$hi" '
		{ n = $2 - prev; prev = $2; if ($1 >= lo && $1 <= hi) s += n }
		END { printf "%s:%d ", lo, s }'
done)
same "$tool" "$(m lp '.latency.hist.buckets[] | "\(.lo):\(.count)"' | tr '\n' ' ')" \
	"latency pipe: vfslatency's pipe reads = the manifest's histogram, bucket by bucket"
is "$(prom "$T_DIR/lp.out" 'vfs_latency_ns_count{fs="pipefs",op="read"}')" 30 \
	"latency pipe: vfslatency saw the 30 reads and no other pipe read"
is "$(m lp '.latency.below_target, .latency.count, (.pids | length)' | tr '\n' ' ')" "0 30 2 " \
	"latency pipe: 30 ops, none below target, two processes"

# ---- procs: per-process attribution ----

start_tracer pr trace syscount -P -c tc_procs --prom
wl pr procs children=20 getppid=11
stop_tracer pr
bad=0
for pid in $(m pr '.pids[]'); do
	[ "$(sc_sys pr "$pid")" = "exit_group 1 getppid 11 prctl 1 " ] || bad=$((bad + 1))
done
is "$(m pr '.pids | length') $bad" "20 0" "procs: 20 children, each exactly prctl, 11 getppid, exit_group"
is "$(grep -c '^syscalls_total.*name="getppid"' "$T_DIR/pr.out")" 20 "procs: syscount saw no other process"

start_tracer px trace syscount -P -c tc_procs --prom
wl px procs children=10 getppid=7 exec=yes
stop_tracer px
bad=0
for pid in $(m px '.pids[]'); do
	[ -n "$(m_sys px "$pid")" ] && [ "$(sc_sys px "$pid")" = "$(m_sys px "$pid")" ] ||
		bad=$((bad + 1))
done
is "$bad $(m_sys px "$(m px .pid)")" "0 execve 1 exit_group 1 getppid 7 prctl 1 " \
	"procs exec=yes: each child's syscalls, the exec'd program's too, as syscount counts them"

# ---- the limit-pushers: exact counts at high rates, and many keys ----

start_tracer hp trace syscount -P -c tc_hot --prom
wl hp hot-probe n=200003
stop_tracer hp
same "$(sc_sys hp "$(m hp .pid)")" "$(m_sys hp "$(m hp .pid)")" "hot-probe: syscount = manifest (200003 getppid)"
r=$(m hp '.rate.per_second | floor')
if [ "$r" -gt 10000 ]; then ok "hot-probe: the rate it achieved is in the manifest ($r a second)"; else not_ok "hot-probe: rate" "got: $r"; fi

wl hq hot-probe n=20000 rate=50000
r=$(m hq '.rate.per_second | floor')
if [ "$r" -ge 40000 ] && [ "$r" -le 52000 ]; then ok "hot-probe rate=50000: paced ($r a second)"; else not_ok "hot-probe rate=50000: paced" "got: $r a second"; fi

start_tracer fe trace syscount -c tc_flood_ev --prom
wl fe flood-events n=20011
stop_tracer fe
is "$(prom "$T_DIR/fe.out" 'syscall_errors_total{name="openat"}') $(m fe '.syscalls.openat')" "20011 20011" \
	"flood-events: 20011 failing openat, in the manifest and as syscount counts them"

start_tracer fk trace opensnoop -x -c tc_flood_keys --json --buffer-size 4M
wl fk flood-keys n=3001
stop_tracer fk
is "$(jq -r 'select(.type == "event") | .path' "$T_DIR/fk.out" | sort -u | wc -l)" 3001 \
	"flood-keys keys=files: 3001 distinct paths, as opensnoop saw them"

start_tracer fp trace syscount -P -c tc_flood_keys --prom
wl fp flood-keys n=50 keys=pids
stop_tracer fp
is "$(m fp '.pids | length') $(grep -c '^syscalls_total.*name="getppid"' "$T_DIR/fp.out")" "50 50" \
	"flood-keys keys=pids: 50 processes, 50 keys for syscount -P"

# ---- the command ----

run_err() { # NAME STATUS REGEX ARGS...
	local name=$1 want=$2 re=$3 rc
	shift 3
	"$TRACECAL" workload "$@" >"$T_DIR/cli.out" 2>"$T_DIR/cli.err"
	rc=$?
	if [ $rc -eq "$want" ] && grep -Eq -- "$re" "$T_DIR/cli.err"; then
		ok "$name"
	else
		not_ok "$name" "exit status $rc (expected $want)" "stderr: $(head -c 300 "$T_DIR/cli.err")"
	fi
}
run_err "usage: no workload named" 2 '^Usage: tracecal workload NAME'
run_err "usage: unknown workload" 2 "no workload 'nosuch'" nosuch
run_err "usage: unknown key" 2 "^tracecal workload null: unknown parameter 'size'" null size=1M
run_err "usage: bad value" 2 "^tracecal workload io-direct: invalid bs='5000': not a multiple of 4096" \
	io-direct file=x bs=5000
run_err "usage: duplicate key" 2 "parameter 'comm' given twice" null comm=a comm=b
run_err "usage: required key" 2 "missing file=VALUE" io-mmap
run_err "usage: parameters that do not go together" 2 \
	"^tracecal workload flood-keys: keys=pids: n=5000 processes; at most 4096" flood-keys keys=pids n=5000
run_err "runtime: a file that cannot be made" 1 \
	"^tracecal workload io-direct: failed to open $T_DIR/nodir/f: No such file or directory" \
	io-direct file="$T_DIR/nodir/f"
run_err "runtime: a manifest that cannot be written" 1 \
	"failed to create the manifest $T_DIR/nodir/m.json: No such file or directory" \
	null --manifest "$T_DIR/nodir/m.json"
"$TRACECAL" workload syscalls --help >"$T_DIR/help" 2>&1
like "$T_DIR/help" '^  getppid=u64 +getppid calls, per task.*\[23\]$' "NAME --help: parameters with meaning and default"
is "$("$TRACECAL" workload --list | wc -l)" 18 "--list: eighteen workloads (fio the last)"
is "$(ls "$T_DIR" | grep -c '\.tmp\.')" 0 "manifests written atomically: no temporary file left"
if diff -u docs/workloads.md <(
	sed -n '1,/^<!-- table -->$/p' docs/workloads.md
	"$TRACECAL" workload --list --markdown
) >"$T_DIR/diff"; then
	ok "docs/workloads.md has the code's parameter tables"
else
	not_ok "docs/workloads.md has the code's parameter tables" "$(head -20 "$T_DIR/diff")"
fi
finish
