# EXPECT_HIST judged against the latencies the workload measured itself:
# pipe-latency's 200 reads PASS under the honest tools, and FAIL, with the
# diagnosis, under planted tools whose latencies are doubled (one log2
# bucket up, which the old neighbour rule let pass) or in the wrong unit.
# And the workload's manifest stays exact with the reads its slack takes.
. tests/integration/lib.sh
plan 11

SCN=scenarios/latency.scn
PL=tests/planted

# --- the manifest: samples, slacks, and the syscalls they cost, counted ---
start_tracer sc trace syscount -c tc_hj --prom
"$TRACECAL" workload latency op=pipe count=50 dur=1500us comm=tc_hj >"$T_DIR/m.json"
stop_tracer sc
m() { jq -r "$1" "$T_DIR/m.json"; }
is "$(m '.latency | [(.samples_ns | length), (.slack_ns | length)] | join(" ")')" "50 50" \
	"a sample and a slack per op"
is "$(m '.latency | [.samples_ns[] <= .achieved_ns.max] | all')" true \
	"each sample is the read alone, within its op"
is "$(m '.latency | .slack.fixed_ns as $f | [.slack_ns[] >= $f] | all')" true \
	"each slack holds the fixed part ($(m .latency.slack.fixed_ns) ns)"
is "$(m .latency.slack.run_delay)" true "run_delay read from /proc/self/schedstat"
# syscount saw what the manifest counts: the schedstat open and reads included
got= want=
for sc in openat pread64 read nanosleep; do
	got+="$(prom "$T_DIR/sc.out" "syscalls_total{name=\"$sc\"}") "
	want+="$(m ".syscalls.$sc") "
done
is "$got" "$want" "syscount = manifest for openat, pread64, read, nanosleep ($want): the slack's calls counted"

# --- pipe-latency under each tool ---
# judge NAME DESCRIPTOR: run it; "VERDICT<tab>reason" of the result.
judge() {
	"$TRACECAL" run $SCN --tool "$2" --known /dev/null --out "$T_DIR/$1" >"$T_DIR/$1.log" 2>&1
	jq -r '.results[0] | .verdict + "\t" + .reason' "$T_DIR/$1/results.json" 2>/dev/null ||
		echo "no results: $(tail -3 "$T_DIR/$1.log")"
}

# verdict NAME DESCRIPTOR VERDICT REASON-REGEX
verdict() {
	local got
	got=$(judge "$1" "$2")
	if [ "${got%%	*}" = "$3" ] && grep -Eq -- "$4" <<<"${got#*	}"; then
		ok "$1 x pipe-latency: $3, /$4/"
	else
		not_ok "$1 x pipe-latency: $3, /$4/" "got: $got"
	fi
}

# matches TEXT REGEX NAME
matches() {
	if grep -Eq -- "$2" <<<"$1"; then
		ok "$3"
	else
		not_ok "$3" "no match for /$2/ in: $1"
	fi
}
message() { jq -r '.results[0].checks[0].message' "$T_DIR/$1/results.json"; }

verdict tracecal-vfslatency scenarios/tools/tracecal-vfslatency.tool PASS '^$'
matches "$(message tracecal-vfslatency)" \
	'^tool total 200 vs 200; every unit (in its own bucket|placed \([0-9]+ below their own bucket, within their slack\))$' \
	"tracecal-vfslatency: every read placed by the samples, none exactly by buckets"
verdict planted-hist-control $PL/planted-hist-control.tool PASS '^$'
verdict planted-hist-doubled $PL/planted-hist-doubled.tool FAIL \
	"expected units with no actual in their range.*: latencies doubled: the histogram matches the workload's latencies times 2$"
matches "$(message planted-hist-doubled)" '^tool bucket [0-9]+ .*; total 200 vs 200; [0-9]+ unplaced, over 0 allowed$' \
	"planted-hist-doubled: judged by the samples, every read counted"
verdict planted-hist-us-as-ns $PL/planted-hist-us-as-ns.tool FAIL \
	'actual units? more than expected.*: microseconds counted as nanoseconds \(or ms as us\): 1,000 times too small'
finish
