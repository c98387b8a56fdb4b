# The harness against tools that are wrong on purpose (tests/planted/): every
# verdict kind and every diagnosis must be provoked and named, the reports
# must carry them, known verdicts must excuse exactly what they name, bad
# input must be named by file and line while the rest runs, and nothing may
# be left behind, Ctrl-C included. Reports are read with jq.
. tests/integration/lib.sh
plan 93

command -v jq >/dev/null || { echo "Bail out! jq is needed to read the reports"; exit 1; }
command -v bpftrace >/dev/null || { echo "Bail out! bpftrace is needed (ci/deps installs it)"; exit 1; }

PL=tests/planted
R=$T_DIR/planted

# What the machine holds of ours: loop devices and mounts of a fixture, the
# fixture folders, fake tools and workloads, BPF programs.
leftovers() {
	{
		losetup -a | grep tracecal-run
		grep tracecal-run /proc/mounts
		ls -d /tmp/tracecal-run.* 2>/dev/null
		pgrep -af 'fake-tool.sh|tc_pl_' | grep -v pgrep
		[ "$(our_progs)" -eq 0 ] || echo "$(our_progs) tc_ BPF programs"
	} 2>/dev/null
}

# settled: leftovers, after giving exiting processes and freed programs 2 s.
settled() {
	local i left
	for i in $(seq 20); do
		left=$(leftovers)
		[ -z "$left" ] && return 0
		sleep 0.1
	done
	echo "$left"
}

before=$(settled)
[ -z "$before" ] || diag "already on the machine before the test: $before"

# A loop device keeps its queue settings between uses: the fixture sets the
# kernel's defaults for its runs and gives the device back as it found it.
next_loop=$(losetup -f)
next_q=/sys/block/${next_loop#/dev/}/queue
found_q="$(cat $next_q/nr_requests) $(cat $next_q/max_sectors_kb)"
echo 16 >"$next_q/nr_requests"
echo 64 >"$next_q/max_sectors_kb"

# --- The planted suite: each tool wrong in one known way ------------------
"$TRACECAL" run $PL/planted.scn --tool $PL --tool scenarios/tools/bpftrace-syscall-rw.tool \
	--json "$R.json" --tap "$R.tap" --junit "$R.xml" --out "$R.d" -v >"$R.out" 2>&1
is "$?" 0 "every planted tool got its known verdict (tests/planted/EXPECTED): exit 0"

is "$(cat $next_q/nr_requests) $(cat $next_q/max_sectors_kb)" "16 64" \
	"the fixture's loop device ($next_loop) is given back with the queue settings it had"
echo "${found_q% *}" >"$next_q/nr_requests"
echo "${found_q#* }" >"$next_q/max_sectors_kb"

# v TOOL SCENARIO: "VERDICT<tab>reason" of a result.
v() {
	jq -r --arg t "$1" --arg s "$2" \
		'.results[] | select(.tool == $t and .scenario == $s) | .verdict + "\t" + .reason' \
		"$R.json"
}

# verdict TOOL SCENARIO VERDICT REASON-REGEX: the result has that verdict,
# and its reason (the diagnosis, the missing feature) matches.
verdict() {
	local got
	got=$(v "$1" "$2")
	if [ "${got%%	*}" = "$3" ] && grep -Eq -- "$4" <<<"${got#*	}"; then
		ok "$1 x $2: $3, /$4/"
	else
		not_ok "$1 x $2: $3, /$4/" "got: $got"
	fi
}

# ACCOUNTED: short, and the map that feeds the metric reported as many lost,
# within what the scenario allows; beyond it (1% by default), a FAIL.
verdict planted-accounted planted-syscalls ACCOUNTED \
	'accounted for: [1-9][0-9]* seen \+ [0-9]+ reported lost \(map_entries_dropped_total\{map="proc_counts"\}\) = 151 \([0-9.]+% lost, 100% allowed\)'
verdict planted-accounted planted-syscalls-strict FAIL \
	'reported lost \(map_entries_dropped_total.*\) = 151, but [0-9.]+% lost is more than the 1% allowed'
# A disktop whose completion probe never fires reports every byte missed:
# seen 0 + missed all = the disk's bytes, which once passed. Nothing seen.
verdict planted-disktop-deaf planted-read FAIL \
	'tool 0 vs diskstats 8,388,608 .*nothing seen: all 8388608 reported lost \(disk_read_bytes_missed_total\)'

# Completions the tracer never saw: 10 planted (--fault-drop-done=10, an
# atomic count: exactly 10), plus those the kernel itself skipped: the runs
# it counts (the program's recursion misses, probe_runs_missed_total of
# io-done in the tool's raw output), and at most 1% of the 512 it runs no
# program for and counts nowhere (see missed_is in lib.sh). Reported, they
# are accounted for; hidden, they are a LOSS of that many.
kernel_skips_of() { kernel_skips "$R.d/logs/$1.$2.out"; }
# lost_is TOOL VERDICT REGEX NAME: REGEX's two groups, seen and lost, add up
# to the disk's 512, and lost is the 10 planted + the counted skips + <= 5.
lost_is() {
	local got skips extra
	got=$(v "$1" planted-iolat)
	skips=$(kernel_skips_of "$1" planted-iolat)
	if [[ $got =~ $3 ]] && [ "${got%%	*}" = "$2" ] &&
		[ $((BASH_REMATCH[1] + BASH_REMATCH[2])) -eq 512 ] &&
		extra=$((BASH_REMATCH[2] - 10 - skips)) && [ "$extra" -ge 0 ] && [ "$extra" -le 5 ]; then
		ok "$4 (10 planted + $skips counted + $extra uncounted skips)"
	else
		not_ok "$4" "got: $got" "kernel's counted skips: $skips"
	fi
}
lost_is planted-missed-done ACCOUNTED \
	'tool ([0-9]+) vs diskstats 512 .*accounted for: [0-9]+ seen \+ ([0-9]+) reported lost \(completions_missed_total\) = 512' \
	"planted-missed-done x planted-iolat: ACCOUNTED, seen + reported lost = 512"
lost_is planted-missed-silent LOSS \
	'tool ([0-9]+) vs diskstats 512 .*: ([0-9]+) missing and none reported lost' \
	"planted-missed-silent x planted-iolat: LOSS, seen + missing = 512"
# The same in bytes: a disk-top's missed bytes (disk_read_bytes_missed_total) are
# held against its bytes, under the check's labels.
verdict planted-disk-missed planted-read ACCOUNTED \
	'accounted for: [1-9][0-9]* seen \+ [1-9][0-9]* reported lost \(disk_read_bytes_missed_total\) = 8388608'
verdict planted-disk-missed-silent planted-read LOSS 'vs diskstats 8,[0-9,]+ .*: [0-9]+ missing and none reported lost'
# FAIL, with each diagnosis.
verdict planted-vfs-as-disk planted-read FAIL "match the workload's VFS bytes: VFS counted as disk"
verdict planted-sectors planted-read FAIL 'tool 16,384 vs diskstats 8,388,608 \(1/512x\): sectors counted as bytes'
verdict planted-doubled planted-read FAIL '\(2x\): doubled counts'
verdict planted-other-pid planted-read FAIL 'I/O charged to another process: 8388608 of it went to kworker/u8:1'
verdict bpftrace-syscall-rw planted-uring FAIL 'tool 0 vs manifest 8,388,608 .*async I/O missed: the workload used io_uring'
verdict planted-nothing planted-read FAIL 'probe attached but never fired: the tool reported nothing at all'
# A process's bytes 1% short: the +2% for metadata only adds, so a LOSS
# (under a ±2% it passed: the same run against such a copy, below).
verdict planted-short planted-read LOSS 'tool 8,[0-9,]+ vs manifest 8,388,608 \(-[0-9]\.[0-9]+%, outside \+2%\): [0-9]+ missing and none reported lost'
# A unit error is a FAIL that names the unit, never a LOSS (issue 19).
verdict planted-kib planted-read FAIL 'tool 8,192 vs diskstats 8,388,608 \(1/1,024x\): a unit error, KiB counted as bytes: the numbers are 1024 times too small'
# An engine's own message that a probe did not attach (libbpf's), which the
# descriptor does not declare: a partial attach all the same.
verdict planted-partial-libbpf planted-syscalls ERROR "^partial attach: libbpf: prog 'handle_vfs_read': failed to attach"
# A hook the kernel lacks, in libbpf's words, before the tool was ready: the
# missing function named first (or, on a kernel without kprobes, that).
verdict planted-hook-missing planted-syscalls ERROR \
	'^(hook missing: kprobe target tracecal_no_such_fn is not in this kernel|kprobes are not available here: .*\(the tool wanted one on tracecal_no_such_fn\)); it exited with status 0 before it was ready'
# No handler for Ctrl-C: it dies with its counts, which proves nothing of its probes.
verdict planted-dies-silent planted-syscalls FAIL \
	'nothing reported: it died of SIGINT when stopped, before printing what it had counted'
# COMMAND as written: a compound command (cd DIR && tool; a; tool) runs the
# tool, which an `exec COMMAND` never started.
verdict planted-compound-cd planted-syscalls PASS '^$'
verdict planted-compound-list planted-syscalls PASS '^$'
# LOSS: short, and nothing reported lost.
verdict planted-loss planted-syscalls LOSS 'tool 20 vs manifest 23 .*3 missing and none reported lost'
# ERROR: partial attach (naming the missing kernel feature), a crash, a
# command that is not there, a report nothing can read.
verdict planted-partial planted-syscalls ERROR '^partial attach: .*kprobe:vfs_read.*\[kprobes: the kernel has no kprobes'
verdict planted-partial planted-read ERROR '^partial attach: '
verdict planted-crash planted-syscalls ERROR 'ended during the workload \(exited with status 139\): .*Segmentation fault'
verdict planted-badcmd planted-syscalls ERROR 'exited with status 127 before it was ready: .*/nonexistent/tracer'
verdict planted-garbage planted-syscalls ERROR "cannot read its report: line 1: .*'this is not \{ prometheus'"
# TIMEOUT: never ready, deaf to its stop signal, a workload that overruns.
verdict planted-never-ready planted-syscalls TIMEOUT 'never became ready \(no line matched READY in time\)'
verdict planted-no-stop planted-syscalls TIMEOUT 'did not exit within GRACE of its STOP signal \(sent 1 time\), and was killed'
verdict planted-accounted planted-slow TIMEOUT "workload latency did not finish within the scenario's TIMEOUT of 1 s, and was killed"
# SKIP: a requirement missing, nothing to check, not among a scenario's TOOLS.
verdict planted-missing planted-syscalls SKIP 'tool requires program tracecal-no-such-program'
verdict planted-sectors planted-syscalls SKIP 'does not report what this scenario checks \(syscalls_total'
verdict planted-loss planted-slow SKIP "not among the scenario's TOOLS"
# INTERVAL: a tool that reports every 4 s and prints nothing at its end
# reports the workload only when the harness waits for its next report.
verdict planted-interval-dropped planted-syscalls FAIL 'probe attached but never fired: the tool reported nothing at all'
verdict planted-interval-waited planted-syscalls PASS '^$'
# EXIT_STATUS: a tool that exits 1 after its STOP (as staprun after errors)
# is an ERROR, unless its descriptor says that 1 is its way: then judged.
verdict planted-exit1 planted-syscalls ERROR '^exited with status 1 when it was stopped'
verdict planted-exit1-allowed planted-syscalls PASS '^$'
is "$(jq '.results[] | select(.tool == "planted-interval-waited" and .scenario == "planted-syscalls") | .seconds >= 5' "$R.json")" true \
	"INTERVAL 4s: the tool ran at least 4 s and a second past the workload"
# STOP_REPEAT: a tool that misses one Ctrl-C is asked again, not killed.
is "$(jq '.results[] | select(.tool == "planted-deaf-once" and .scenario == "planted-syscalls") | .stop_signals' "$R.json")" 2 \
	"STOP_REPEAT: the tool that misses its first signal stopped at the second"
is "$(jq '.results[] | select(.tool == "planted-no-stop" and .scenario == "planted-syscalls") | .stop_signals' "$R.json")" 1 \
	"without STOP_REPEAT the signal is sent once"

# The counts, and each verdict kind at least once.
is "$(jq -r '.counts | [.PASS, .ACCOUNTED, .FAIL, .LOSS, .ERROR, .TIMEOUT] | map(tostring) | join(" ")' "$R.json")" \
	"4 3 12 4 8 3" "counts: PASS ACCOUNTED FAIL LOSS ERROR TIMEOUT"
is "$(jq '.results | length' "$R.json")" 210 "210 results: 6 scenarios x 35 tools"
# Coverage: how much was judged at all, per tool, and who was judged nowhere.
is "$(jq -r '[.coverage.judged, .coverage.skipped, .coverage.tools["planted-crash"].judged,
	(.coverage.judged_nowhere | join(","))] | map(tostring) | join(" ")' "$R.json")" \
	"34 176 1 planted-hist-control,planted-hist-doubled,planted-hist-us-as-ns,planted-missing" \
	"JSON: 34 cells judged, 176 SKIP; planted-crash 1; judged nowhere: the histogram tools (see t_hist_judge.sh), planted-missing"
like "$R.out" '^  planted-missing +0/6 +judged nowhere$' "live table: the tool judged nowhere, named"
like "$R.tap" '^# coverage: 34 of 210 judged, 176 SKIP$' "TAP: the coverage"
like "$R.xml" '<property name="judged" value="34"/>' "JUnit: the coverage"

# --- The JSON report: every number, the kernel, the versions, the hooks ---
is "$(jq -r .kernel "$R.json")" "$(uname -r)" "JSON: the kernel"
like "$R.json" '"tracecal": "[0-9]+\.[0-9]+' "JSON: tracecal's version"
like <(jq -r '.results[] | select(.tool == "bpftrace-syscall-rw" and .scenario == "planted-uring") | .tool_version' "$R.json") \
	'^bpftrace v' "JSON: the tool's version (bpftrace --version)"
like <(jq -r '.results[] | select(.tool == "planted-accounted" and .scenario == "planted-syscalls") | .hooks' "$R.json") \
	'sys_exit' "JSON: the hooks a tracecal tool used"
is "$(jq '.results[] | select(.tool == "planted-sectors" and .scenario == "planted-read") | [.checks[0].actual, .checks[0].expected, .diskstats_delta.read_bytes] | map(tostring) | join(" ")' "$R.json")" \
	'"16384 8388608 8388608"' "JSON: actual, expected and the diskstats delta"
is "$(jq -r '.results[] | select(.tool == "planted-sectors" and .scenario == "planted-read") | .checks[0].diagnosis' "$R.json")" \
	"sectors counted as bytes: the numbers are 512 times too small" "JSON: the diagnosis"
is "$(jq -r '.results[] | select(.tool == "planted-doubled" and .scenario == "planted-read") | .known_verdict' "$R.json")" \
	FAIL "JSON: the known verdict"
# TAP and JUnit: known failures are TODO / skipped, so the run is green.
like "$R.tap" '^1\.\.210$' "TAP: the plan"
is "$(grep -c '^not ok .* # TODO known' "$R.tap")" 27 "TAP: 27 known failures, each a TODO"
is "$(grep -c '^ok ' "$R.tap")" 183 "TAP: 183 ok (4 PASS, 3 ACCOUNTED, 176 SKIP)"
like "$R.tap" '^ok [0-9]+ - planted-accounted planted-syscalls \(ACCOUNTED: ' "TAP: ACCOUNTED apart from a PASS"
like "$R.xml" '<testsuites name="tracecal" tests="210" failures="0" errors="0" skipped="203"' \
	"JUnit: the counts (known verdicts are skipped)"
like "$R.xml" '<skipped type="FAIL" message="known FAIL: sectors counted as bytes; ' "JUnit: a known failure says so"
# The live lines: a progress count and the reason under each result.
like "$R.out" '^\[  2/210\] planted-badcmd +planted-syscalls +ERROR' "live table: progress and verdict"
like "$R.out" '^210 runs: 4 PASS 3 ACCOUNTED 12 FAIL 4 LOSS 8 ERROR 3 TIMEOUT 176 SKIP$' "live table: the summary"
# A run that failed before its numbers were looked at judged none of them:
# no expectation of an ERROR or TIMEOUT reads PASS, or has numbers.
is "$(jq '[.results[] | select(.verdict == "ERROR" or .verdict == "TIMEOUT") | .checks[] |
	select(.applicable and (.judged or .verdict != null))] | length' "$R.json")" 0 \
	"JSON: no expectation of an ERROR or TIMEOUT run is judged"
like "$R.out" '^    tests/planted/planted.scn:8 not judged syscalls_total\{comm="\{COMM\}",name="getppid"\}: the run is ERROR$' \
	"live table (-v): an ERROR's expectations are not judged"
if grep -A3 -E '(ERROR|TIMEOUT) +[0-9.]+s$' "$R.out" | grep -Eq '^    [^ ]+:[0-9]+ PASS '; then
	not_ok "live table (-v): no PASS line under an ERROR or TIMEOUT" "$(grep -A3 -E '(ERROR|TIMEOUT) +[0-9.]+s$' "$R.out" | head -20)"
else
	ok "live table (-v): no PASS line under an ERROR or TIMEOUT"
fi
is "$(settled)" "" "nothing left after the planted suite (loop devices, mounts, processes, BPF)"

# --- Known verdicts excuse exactly what they name -------------------------
"$TRACECAL" run $PL/planted.scn --scenario planted-read --only planted-doubled --known /dev/null \
	--tap "$T_DIR/unknown.tap" >"$T_DIR/unknown.out" 2>&1
is "$?" 1 "without known verdicts a FAIL fails the run: exit 1"
# A green run that judged too little is no green run (--min-judged).
"$TRACECAL" run $PL/planted.scn --scenario planted-syscalls --only planted-missing \
	--min-judged 1 >"$T_DIR/min.out" 2>&1
is "$?" 1 "--min-judged 1 and nothing judged (a SKIP): exit 1"
like "$T_DIR/min.out" '^only 0 cells judged, fewer than --min-judged 1' "and says why"
logs=$(sed -n 's/^the tools.* outputs are kept in //p' "$T_DIR/unknown.out")
if [ -n "$logs" ] && [ "${logs%/tracecal-logs.*}" = "$T_DIR" ] && [ -s "$logs/planted-doubled.planted-read.out" ]; then
	ok "a failed run keeps the tools' outputs under \$TMPDIR, and names the folder"
else
	not_ok "a failed run keeps the tools' outputs under \$TMPDIR, and names the folder" \
		"kept in: '$logs'" "expected under: $T_DIR"
fi
like "$T_DIR/unknown.tap" '^not ok 1 - planted-doubled planted-read \(FAIL\)$' "TAP: an unexcused FAIL is no TODO"
# known NAME SCENARIO TOOL 'LINE': one planted run against a known-verdicts
# file of that one line; its output in $T_DIR/NAME.out, its exit status returned.
known() {
	printf '%s\n' "$4" >"$T_DIR/$1"
	"$TRACECAL" run $PL/planted.scn --scenario "$2" --only "$3" --known "$T_DIR/$1" \
		>"$T_DIR/$1.out" 2>&1
}
# A tool not run here (its program is missing: SKIP) cannot contradict a
# known verdict: said, and the run stays green (a VM without bpftrace).
known skipknown planted-syscalls planted-missing 'planted-missing planted-syscalls FAIL # wrong where it runs'
is "$?" 0 "a known FAIL of a tool that SKIPs here: exit 0"
like "$T_DIR/skipknown.out" "planted-missing x planted-syscalls: SKIP, so $T_DIR/skipknown's FAIL was not checked: .*tracecal-no-such-program" \
	"and says the known verdict was not checked, and why"
known stale planted-syscalls planted-accounted 'planted-accounted planted-syscalls FAIL # once wrong, now right'
is "$?" 1 "a known failure that now passes fails the run: exit 1"
like "$T_DIR/stale.out" "planted-accounted x planted-syscalls: ACCOUNTED, but $T_DIR/stale says FAIL" \
	"and says which line no longer holds"
# The verdict it names, but for another reason: the line no longer holds either.
known why planted-read planted-doubled 'planted-doubled planted-read FAIL # sectors counted as bytes: wrong on purpose'
is "$?" 1 "a known FAIL for another reason fails the run: exit 1"
like "$T_DIR/why.out" "planted-doubled x planted-read: FAIL as $T_DIR/why:1 says, but not for its reason \\(\"sectors counted as bytes\"\\): .*doubled counts" \
	"and names the reason it gave and the one it has"
# A symmetric ±2% let the 1%-short tool pass: the one-sided +2% is what catches it.
sed 's/ +2%$/ ±2%/' $PL/planted.scn >"$T_DIR/sym.scn"
"$TRACECAL" run "$T_DIR/sym.scn" --scenario planted-read --only planted-short --tool $PL \
	--known /dev/null --json "$T_DIR/sym.json" >"$T_DIR/sym.out" 2>&1
is "$(jq -r '.results[0].verdict' "$T_DIR/sym.json")" PASS "under a ±2%, planted-short passes (what +2% closes)"

# --- Bad input: named by file and line, and the rest runs -----------------
cat >"$T_DIR/bad.scn" <<'EOF'
NAME good-one
FIXTURE none
WORKLOAD syscalls comm=tc_pl_good
EXPECT syscalls_total{comm="{COMM}"} == manifest.syscalls -2
LOSS_ALLOWED 100%

NAME typo
FIXTURE none
WORKLOAD null
EXPEKT syscalls_total == 0

NAME bad-tolerance
FIXTURE none
WORKLOAD null
EXPECT syscalls_total == manifest.syscalls ±x%

NAME nothing-expected
FIXTURE none
WORKLOAD null
EOF
printf 'TOOL no-ready\nCOMMAND true\nPARSER prom\n' >"$T_DIR/no-ready.tool"
printf 'planted-accounted good-one PASSED # not a verdict\n' >"$T_DIR/badknown"
"$TRACECAL" run "$T_DIR/bad.scn" "$T_DIR/missing.scn" --tool $PL/planted-accounted.tool \
	--tool "$T_DIR/no-ready.tool" --known "$T_DIR/badknown" --json "$T_DIR/bad.json" \
	>"$T_DIR/bad.out" 2>"$T_DIR/bad.err"
is "$?" 2 "input errors: exit 2"
like "$T_DIR/bad.err" "^tracecal run: $T_DIR/bad.scn:10: unknown directive EXPEKT .*\(scenario typo is left out\)" \
	"an unknown directive: file:line, and what is left out"
like "$T_DIR/bad.err" "^tracecal run: $T_DIR/bad.scn:15: EXPECT '±x%': expected exact, ±N%" "a bad tolerance: file:line"
like "$T_DIR/bad.err" "^tracecal run: $T_DIR/bad.scn:17: scenario nothing-expected has nothing to expect" \
	"a scenario with nothing to expect: file:line"
like "$T_DIR/bad.err" "^tracecal run: $T_DIR/missing.scn: No such file or directory" "a missing file"
like "$T_DIR/bad.err" "^tracecal run: $T_DIR/no-ready.tool:1: .*has no READY" "a descriptor without READY: file:line"
like "$T_DIR/bad.err" "^tracecal run: $T_DIR/badknown:1: expected TOOL SCENARIO VERDICT" "a bad known-verdicts line: file:line"
is "$(jq -r '.results[] | select(.scenario == "good-one") | .verdict' "$T_DIR/bad.json")" ACCOUNTED \
	"the good scenario still ran, and passed (its losses accounted for)"
is "$(jq '.input_errors | length' "$T_DIR/bad.json")" 6 "JSON: the 6 input errors"
"$TRACECAL" run --bogus >/dev/null 2>&1
is "$?" 2 "an unknown option: exit 2"
"$TRACECAL" run $PL/planted.scn --scenario no-such-scenario --tool $PL >/dev/null 2>"$T_DIR/nosc.err"
is "$?" 2 "--scenario naming nothing: exit 2"

# --- Ctrl-C: the fixture, the tool and the workload all released ---------
"$TRACECAL" run $PL/hold.scn --tool $PL/planted-accounted.tool >"$T_DIR/int.out" 2>&1 &
run=$!
for i in $(seq 100); do
	pgrep -f 'comm=tc_pl_hold' >/dev/null && grep -q tracecal-run /proc/mounts && break
	sleep 0.1
done
[ -n "$(leftovers)" ] && ok "while it runs: a fixture mounted and a workload running" ||
	not_ok "while it runs: a fixture mounted and a workload running"
kill -INT $run
wait $run
is "$?" 130 "Ctrl-C: exit 130"
like "$T_DIR/int.out" '^interrupted: 0 of 1 runs done; the fixture is released$' "Ctrl-C: says so"
is "$(settled)" "" "Ctrl-C: nothing left (loop device, mount, tool, workload, BPF)"
finish
