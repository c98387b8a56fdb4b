# Every oracle the judge takes, each on a number it is the best truth for
# (tests/oracles/oracles.scn): a right tool passes by that oracle's line,
# a planted wrong one is caught by it. Then the bad inputs: an oracle no
# reader knows is named with file and line while the rest runs; fio
# missing or failing is named, and nothing of its run is left behind.
. tests/integration/lib.sh
plan 16

command -v jq >/dev/null || { echo "Bail out! jq is needed to read the reports"; exit 1; }
command -v fio >/dev/null || { echo "Bail out! fio is needed (ci/deps installs it)"; exit 1; }
command -v iostat >/dev/null || { echo "Bail out! iostat is needed (ci/deps installs sysstat)"; exit 1; }

R=$T_DIR/oracles
# Its own planted tools live apart from tests/planted/, whose suite holds
# every tool of that folder to planted.scn.
"$TRACECAL" run tests/oracles/oracles.scn --tool tests/oracles --tool tests/planted/planted-doubled.tool \
	--tool tests/planted/planted-kib.tool --tool scenarios/tools/tracecal-disktop.tool --tool scenarios/tools/tracecal-syscount.tool \
	--json "$R.json" --out "$R.d" >"$R.out" 2>&1

# v TOOL SCENARIO: "VERDICT reason" of a result.
v() { jq -r --arg t "$1" --arg s "$2" \
	'.results[] | select(.tool == $t and .scenario == $s) | "\(.verdict) \(.reason)"' "$R.json"; }
# like TOOL SCENARIO VERDICT REGEX NAME
like() {
	local got
	got=$(v "$1" "$2")
	if [[ "$got" =~ ^$3\ $4 ]]; then ok "$5"; else not_ok "$5" "got: $got" "want: $3 $4"; fi
}

like tracecal-disktop oracle-pidio "(PASS|ACCOUNTED)" '' "pidio: disktop's bytes of a cold reader are its /proc/PID/io read_bytes"
like planted-doubled oracle-pidio FAIL '.*vs pidio 8,388,608 \(2x\): doubled counts' \
	"pidio: a tool doubling bytes is caught by read_bytes"
like tracecal-syscount oracle-procstat "(PASS|ACCOUNTED)" '' "procstat: syscount's 200 execs are within /proc/stat's forks"
like planted-execs-doubled oracle-procstat FAIL '.*tool 400, not <= [0-9,]+ \(procstat\)' \
	"procstat: a tool counting each exec twice is caught by processes"
like tracecal-disktop oracle-iostat "(PASS|ACCOUNTED)" '' "iostat: disktop's reads and bytes are iostat's r/s and rkB/s over the window"
like planted-ios-doubled oracle-iostat FAIL '.*tool 256 vs iostat 12[78](\.[0-9]+)? .*outside ±1\): doubled counts' \
	"iostat: a tool counting each request twice is caught by r/s"
like planted-kib oracle-iostat FAIL '.*vs iostat 8,388,608 \(1/1,024x, outside ±1,024\): a unit error' \
	"iostat: KiB counted as bytes is caught by rkB/s"
like tracecal-disktop oracle-fio "(PASS|ACCOUNTED)" '' "fio: disktop's bytes and requests are fio's io_bytes and total_ios"
like planted-kib oracle-fio FAIL '.*vs fio 8,388,608 \(1/1,024x\): a unit error' "fio: KiB counted as bytes is caught by io_bytes"
is "$(jq -r '[.results[] | select(.scenario == "oracle-fio" and .verdict != "SKIP") | .checks[] |
	select(.expect | startswith("fio.read.io_bytes")) | .message] | unique | join(";")' "$R.json")" \
	"fio 8,388,608 vs diskstats 8,388,608" "fio's bytes held to the disk's, in every run"

# fio's engine read from its job: a syscall-level tool that misses a libaio
# job's reads is told "async I/O missed", not a tool that merely lost some.
"$TRACECAL" run scenarios/fio.scn --tool scenarios/tools/tracecal-vfstop.tool \
	--json "$R.aio.json" --out "$R.aio.d" >"$R.aio.out" 2>&1
is "$(jq -r '.results[] | select(.scenario == "fio-randread-libaio") | .verdict' "$R.aio.json")" FAIL \
	"fio's libaio reads, missed by vfstop: FAIL"
like_file() { grep -Eq -- "$2" "$1" && ok "$3" || not_ok "$3" "no line of $1 matches /$2/"; }
like_file "$R.aio.out" 'vs fio 16,777,216 .*async I/O missed: the workload used libaio, which no read\(\) or write\(\) carries' \
	"the diagnosis names fio's engine, libaio"

# --- bad input: named with file and line, the rest runs -------------------
cat >"$T_DIR/bad.scn" <<'SCN'
NAME bad-field
FIXTURE none
WORKLOAD syscalls comm=tc_it_bad
EXPECT syscalls_total{comm="{COMM}"} == procstat.forks

NAME good
FIXTURE none
WORKLOAD syscalls comm=tc_it_good
EXPECT syscalls_total{comm="{COMM}"} <= procstat.processes * 1000
SCN
"$TRACECAL" run "$T_DIR/bad.scn" --tool scenarios/tools/tracecal-syscount.tool \
	--json "$R.bad.json" --out "$R.bad.d" >"$R.bad.out" 2>&1
is "$?" 2 "a scenario naming no such oracle field: exit 2"
grep -q "bad.scn:4: EXPECT 'procstat.forks': no such procstat field" "$R.bad.out" &&
	ok "the error names the file, the line and the field" ||
	not_ok "the error names the file, the line and the field" "$(head -5 "$R.bad.out")"

# --- fio missing, fio failing ------------------------------------------------
left() { ls -d "${TMPDIR:-/tmp}"/tracecal-fio.* 2>/dev/null | wc -l; }
err=$(PATH=/nonexistent "$TRACECAL" workload fio dir="$T_DIR" size=1M 2>&1)
is "$? $err $(left)" \
	"1 tracecal workload fio: failed to find fio: fio is not installed (not in PATH; apt-get install fio) 0" \
	"fio missing: named, exit 1, nothing left behind"
err=$("$TRACECAL" workload fio dir="$T_DIR/no/such/dir" size=1M 2>&1 >/dev/null)
is "$? $(tail -1 <<<"$err") $(left)" \
	"1 tracecal workload fio: failed to run fio: exit status 1 (fio's own words are on stderr) 0" \
	"fio failing: its status said, exit 1, nothing left behind"

cleanup
