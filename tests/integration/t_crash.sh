# A harness killed with SIGKILL (an OOM kill, a CI job's timeout) runs no
# cleanup. It is killed here in each phase of a run (during SETUP, while
# the tool starts, mid-workload, while judging) and vm-images/run.sh while
# its qemu runs; each time what it left is checked to be there, and the
# next run (or tracecal clean) must say it releases it and leave nothing:
# no loop device, mount, image, folder or process of the dead run, and
# `losetup -a` clean of tracecal's. A live run is never touched, and
# `clean -n` only lists. tests/crash/ holds the stand-ins that hold each
# phase. Only processes this test started are killed; its EXIT trap
# releases by hand whatever a failing release left.
. tests/integration/lib.sh
plan 71

CR=tests/crash
export TRACECAL_STATE_DIR=$T_DIR/state # this test's records, apart from any other run's
export TC_CRASH_MARKS=$T_DIR/marks
mkdir -p "$TC_CRASH_MARKS"
RUNS=()
SEEN="$T_DIR/seen" # every path the records named, kept apart from them for the EXIT trap

# The entries of KIND (dir, image, mount) in every record of this test.
recorded() {
	cat "$TRACECAL_STATE_DIR"/run.*/fixtures 2>/dev/null | tee -a "$SEEN" |
		awk -v k="$1" '$1 == k { print $2 }' | sort -u
}

# Processes of this test's runs, by the run id they inherit: "PID COMM" each.
run_procs() {
	local f pid
	for f in /proc/[0-9]*/environ; do
		pid=${f#/proc/}
		pid=${pid%/environ}
		tr '\0' '\n' 2>/dev/null <"$f" | grep -q "^TRACECAL_RUN_ID=$TRACECAL_STATE_DIR/" &&
			echo "$pid $(cat "/proc/$pid/comm" 2>/dev/null)"
	done
}

# By hand, apart from tracecal's code (and from the records, which a broken
# release may have dropped): what the records ever named, released.
release_by_hand() {
	local p img dev
	recorded dir >/dev/null
	for p in $(run_procs | cut -d' ' -f1); do kill -KILL "$p" 2>/dev/null; done
	for p in $(seen mount); do mountpoint -q "$p" && { umount "$p" || umount -l "$p"; }; done
	for img in $(seen image); do
		for dev in $(losetup -j "$img" | cut -d: -f1); do losetup -d "$dev"; done
	done
	for p in $(seen dir); do
		case $p in /tmp/tracecal-run.* | "$T_DIR"/tracecal-*) rm -rf "$p" ;; esac
	done
}
seen() { awk -v k="$1" '$1 == k { print $2 }' "$SEEN" 2>/dev/null | sort -u; }
crash_cleanup() {
	local pid
	for pid in "${RUNS[@]}"; do kill -KILL "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
	release_by_hand
	cleanup
}
trap crash_cleanup EXIT

# tracecal's loop devices on the machine, by backing file: those there
# before the test are another run's, and not this test's to judge.
tracecal_loops() { losetup -a | grep -o '(/tmp/tracecal-run\.[^)]*)' | sort; }
LOOPS_BEFORE=$(tracecal_loops)
[ -z "$LOOPS_BEFORE" ] || diag "tracecal loop devices already there (another run's): $LOOPS_BEFORE"

# What a dead run holds, from its record: loop devices backed by its images,
# its mounts, folders and processes; one line each, nothing if none.
holds() { # IMAGES MOUNTS DIRS
	local x
	for x in $1; do losetup -j "$x" | sed 's/^/loop: /'; done
	for x in $2; do mountpoint -q "$x" && echo "mount: $x"; done
	for x in $3; do [ -e "$x" ] && echo "folder: $x"; done
	run_procs | sed 's/^/process: /'
}

# wait_for CMD...: until it holds, 30 s at most.
wait_for() {
	local i
	for i in $(seq 300); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}
marked() { [ -e "$TC_CRASH_MARKS/$1" ]; }
running() { pgrep -f "$1" >/dev/null; }

# killed PHASE SCENARIO CONDITION...: run SCENARIO, kill -9 the harness once
# CONDITION holds, and check that it left its fixture; sets run, imgs, mnts, dirs.
killed() {
	local phase=$1 sc=$2
	shift 2
	"$TRACECAL" run $CR/crash.scn --tool $CR --scenario "$sc" >"$T_DIR/$sc.out" 2>&1 &
	run=$!
	RUNS+=("$run")
	if wait_for "$@" && wait_for mounted_ours; then
		ok "$phase: the harness got there, its fixture mounted"
	else
		not_ok "$phase: the harness got there, its fixture mounted" "$(cat "$T_DIR/$sc.out")"
	fi
	[ "$phase" != mid-workload ] || live_left_alone
	kill -KILL "$run"
	wait "$run" 2>/dev/null
	imgs=$(recorded image) mnts=$(recorded mount) dirs=$(recorded dir)
	fixdir=$(grep '^/tmp/tracecal-run\.' <<<"$dirs" | head -n1)
	left=$(holds "$imgs" "$mnts" "$dirs")
	like <(echo "$left") '^loop: /dev/loop' "$phase: killed, it left a loop device"
	like <(echo "$left") "^mount: /tmp/tracecal-run" "$phase: and a mount"
}
mounted_ours() { [ -n "$(recorded mount)" ] && mountpoint -q "$(recorded mount | head -n1)"; }

# The next run: says what it released, and leaves nothing of the dead one.
next_run_releases() { # PHASE [killed]
	local phase=$1 out=$T_DIR/next.$1.out dev
	"$TRACECAL" run $CR/crash.scn --tool $CR --scenario crash-quick >"$out" 2>&1
	is "$?" 0 "$phase: the next run passes"
	like "$out" "^dead run $run \(tracecal run $CR/crash.scn, started [0-9: -]+\) left fixtures; released:$" \
		"$phase: the next run says a dead run left fixtures"
	like "$out" "^  unmounted $(head -n1 <<<"$mnts")$" "$phase: ... that it unmounted its file system"
	dev=$(awk '/^loop: /{ print $2 }' <<<"$left" | tr -d : | head -n1)
	like "$out" "^  detached $dev \($(head -n1 <<<"$imgs")\)$" "$phase: ... detached its loop device, named by its image"
	like "$out" "^  removed $fixdir \([0-9]+ MB\)$" "$phase: ... removed its fixture's folder"
	[ -z "${2:-}" ] || like "$out" "^  killed pid [0-9]+ \((sleep|sh)\)$" "$phase: ... killed its stray processes"
	sed -n '/^dead run /,/^[^ ]/p' "$out" | grep -v '^[0-9]* scenarios' | sed "s/^/# $phase: /"
	is "$(holds "$imgs" "$mnts" "$dirs")" "" "$phase: nothing of the dead run is left"
	is "$(comm -13 <(echo "$LOOPS_BEFORE") <(tracecal_loops) | grep -c .)" 0 \
		"$phase: losetup -a has no tracecal loop device but those there before the test"
	is "$(ls "$TRACECAL_STATE_DIR")" "" "$phase: no record is left"
}

# A live run's fixtures are never touched: clean names it and leaves it be.
live_left_alone() {
	"$TRACECAL" clean -v >"$T_DIR/live.out" 2>&1
	like "$T_DIR/live.out" "^live run $run \(tracecal run $CR/crash.scn\): left alone" \
		"clean -v, with a run live: names it, left alone"
	mounted_ours && ok "clean, with a run live: its fixture is still mounted" ||
		not_ok "clean, with a run live: its fixture is still mounted"
	kill -0 "$run" 2>/dev/null && ok "clean, with a run live: the run goes on" ||
		not_ok "clean, with a run live: the run goes on"
}

# --- during SETUP; clean -n first, which only lists ------------------------
killed SETUP crash-setup running 'comm=tc_cr_setup'
"$TRACECAL" clean -n >"$T_DIR/dry.out" 2>&1
is "$?" 0 "clean -n: exit 0"
like "$T_DIR/dry.out" "^dead run $run .* left fixtures; would release:$" "clean -n: names the dead run"
like "$T_DIR/dry.out" "^  would unmount $mnts$" "clean -n: would unmount"
like "$T_DIR/dry.out" "^  would remove $fixdir \(" "clean -n: would remove its fixture's folder"
is "$(holds "$imgs" "$mnts" "$dirs" | grep -c '^loop\|^mount')" 2 "clean -n: released nothing"
next_run_releases SETUP

# --- while the tool starts (its shell's sleep outlives it) ------------------
killed "tool start" crash-tool-start marked tool-start
next_run_releases "tool start" killed

# --- mid-workload; a live run is left alone first ----------------------------
killed mid-workload crash-workload running 'comm=tc_cr_work'
next_run_releases mid-workload

# --- while judging (the filter, spawned without a death signal, outlives it)
killed judging crash-judging marked judging
next_run_releases judging killed

# --- a VM run: vm-images/run.sh killed while its qemu runs --------------------
[ -x build/vm/tracecal ] || make --no-print-directory vm-tracecal >"$T_DIR/vm-tracecal.log" 2>&1
mkdir -p "$T_DIR/kernel"
: >"$T_DIR/kernel/vmlinuz"
: >"$T_DIR/kernel/initramfs.cpio"
TRACECAL_QEMU=$CR/qemu-hang.sh bash vm-images/run.sh --kernel "$T_DIR/kernel" --accel tcg --tools none \
	--disk-size 64M --out "$T_DIR/vmout" -- true >"$T_DIR/vm.out" 2>&1 &
run=$!
RUNS+=("$run")
wait_for marked qemu && ok "VM: run.sh got its qemu running" ||
	not_ok "VM: run.sh got its qemu running" "$(cat "$T_DIR/vm.out")"
kill -KILL "$run"
wait "$run" 2>/dev/null
dirs=$(recorded dir)
left=$(holds "" "" "$dirs")
like <(echo "$left") "^folder: $T_DIR/tracecal-vm\." "VM: killed, it left its work folder (scratch disk)"
like <(echo "$left") "^process: [0-9]+ sleep$" "VM: and its qemu, running"
"$TRACECAL" clean >"$T_DIR/vmclean.out" 2>&1
is "$?" 0 "VM: clean: exit 0"
like "$T_DIR/vmclean.out" "^dead run $run \(vm-images/run.sh --kernel $T_DIR/kernel, started .*\) left fixtures; released:$" \
	"VM: clean names the dead run.sh"
like "$T_DIR/vmclean.out" "^  killed pid [0-9]+ \(sleep\)$" "VM: ... killed its qemu"
like "$T_DIR/vmclean.out" "^  killed pid [0-9]+ \(timeout\)$" "VM: ... and the timeout(1) around it"
like "$T_DIR/vmclean.out" "^  removed $dirs \([0-9]+ MB\)$" "VM: ... removed its work folder and scratch disk"
sed 's/^/# VM: /' "$T_DIR/vmclean.out"
is "$(holds "" "" "$dirs")" "" "VM: nothing of the dead run is left"
is "$(ls "$TRACECAL_STATE_DIR")" "" "VM: no record is left"

# --- a reader gone: `tracecal run ... | head` --------------------------------
# The reader of its stdout exits before the run's first line is written;
# the harness must stop as on Ctrl-C, releasing its fixture, not die of
# SIGPIPE with its loop device mounted.
"$TRACECAL" run $CR/crash.scn --tool $CR --scenario crash-quick 2>"$T_DIR/pipe.err" | true
rc=${PIPESTATUS[0]}
cmp_ok "$rc" -ne 141 "reader gone: not killed by SIGPIPE (exit $rc)"
sed 's/^/# reader gone: /' "$T_DIR/pipe.err"
imgs=$(recorded image) mnts=$(recorded mount) dirs=$(recorded dir)
is "$(holds "$imgs" "$mnts" "$dirs")" "" "reader gone: its loop device, mount and folders released"
is "$(ls "$TRACECAL_STATE_DIR")" "" "reader gone: no record is left for the next run"
is "$(comm -13 <(echo "$LOOPS_BEFORE") <(tracecal_loops) | grep -c .)" 0 \
	"reader gone: losetup -a has no tracecal loop device but those there before the test"

# --- misuse -----------------------------------------------------------------
"$TRACECAL" clean extra >/dev/null 2>"$T_DIR/misuse.err"
is "$?" 2 "clean with an argument: exit 2"
like "$T_DIR/misuse.err" "clean takes no arguments" "clean with an argument: says so"
"$TRACECAL" clean >"$T_DIR/none.out" 2>&1
like "$T_DIR/none.out" "^nothing to release: no dead run's record in $TRACECAL_STATE_DIR" "clean, nothing there: says so"
finish
