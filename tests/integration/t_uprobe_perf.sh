# The core's uprobe and perf-event paths: ucalls counts every call of a
# user function exactly; profile's samples of a busy process match its
# own CPU time at the sampling frequency.
. tests/integration/lib.sh
plan 14

N=2003 # prime

start_tracer a trace ucalls "$LOAD:tc_marker" -c tc_flood --prom
"$LOAD" marks $N >/dev/null
stop_tracer a
is "$(prom_sum "$T_DIR/a.out" '^user_calls_total[{]pid="[0-9]+",comm="tc_flood",func="tc_marker"')" $N \
	"ucalls: every call counted" calls
is "$(prom "$T_DIR/a.out" 'user_latency_ns_count{func="tc_marker"}')" $N \
	"ucalls: every return timed (uretprobe)" calls
like "$T_DIR/a.out" 'tracecal_probe_info\{probe="calls",hook="uprobe"' "uprobe hook reported"

"$TRACECAL" trace ucalls "$LOAD:no_such_function" --duration 1 >"$T_DIR/b.out" 2>"$T_DIR/b.err"
rc=$?
if [ $rc -eq 2 ] && grep -q "no function named 'no_such_function' in " "$T_DIR/b.err"; then
	ok "ucalls: a missing function is a usage error, found before loading (status 2)"
else
	not_ok "ucalls: a missing function is a usage error" "status $rc" "$(cat "$T_DIR/b.err")"
fi

# A glob: every tc_fn_* function, each with its own count and latency (the
# BPF cookie of each attachment says which function fired; tc_fn_3 calls
# tc_fn_2, and both calls are timed). tc_fn_alias shares tc_fn_1's address:
# probed once, under tc_fn_1; tc_fn_0 is never called.
N=1009
start_tracer g trace ucalls "$LOAD:tc_fn_*" -c tc_flood --prom -v
"$LOAD" calls $N >"$T_DIR/g.load"
stop_tracer g
got=
for f in 1 2 3 4; do
	got+="$(prom_sum "$T_DIR/g.out" "^user_calls_total[{]pid=\"[0-9]+\",comm=\"tc_flood\",func=\"tc_fn_$f\"") "
	got+="$(prom "$T_DIR/g.out" "user_latency_ns_count{func=\"tc_fn_$f\"}"), "
done
is "$got" "$N $N, $((5 * N)) $((5 * N)), $((3 * N)) $((3 * N)), $((4 * N)) $((4 * N)), " \
	"ucalls glob: each function's calls and timed returns (1N, 5N, 3N, 4N)"
is "$(grep -c '^user_calls_total' "$T_DIR/g.out") $(grep -c 'func="tc_fn_alias"\|func="tc_fn_0"' "$T_DIR/g.out")" \
	"4 0" "ucalls glob: an alias probed once, a function never called not shown"
like "$T_DIR/g.err" "5 functions match 'tc_fn_\*' in .* \(1 alias and 0 of size 0 left out\)" \
	"ucalls glob: -v says what matched"
like "$T_DIR/g.err" '^Tracing 1 probe \(10 hooks\)' "ucalls glob: 10 probes, an entry and a return each"

# Probe-count limits: checked before anything is attached, with the limit named.
# refused NAME ERRFILE STATUS REGEX...: a failed run whose stderr matches
# every REGEX and never says it is tracing.
refused() {
	local name=$1 err=$2 rc=$3 re
	shift 3
	for re in "$@"; do
		grep -q -- "$re" "$err" || { not_ok "$name" "status $rc" "no /$re/ in: $(cat "$err")"; return; }
	done
	if [ "$rc" -ne 0 ] && ! grep -q '^Tracing' "$err"; then
		ok "$name (status $rc)"
	else
		not_ok "$name" "status $rc" "$(cat "$err")"
	fi
}
"$TRACECAL" trace ucalls "$LOAD:tc_fn_*" --max-probes 8 --duration 1 >/dev/null 2>"$T_DIR/m.err"
refused "--max-probes: over the limit, nothing attached, the limit named" "$T_DIR/m.err" $? \
	'10 probes (5 functions matching .*tc_fn_\*) exceed the limit of 8 (--max-probes): nothing attached'
(ulimit -n 40 && exec "$TRACECAL" trace ucalls "$LOAD:tc_fn_*" --duration 1) >/dev/null 2>"$T_DIR/n.err"
refused "RLIMIT_NOFILE: too low a hard limit, nothing attached, the limit named" "$T_DIR/n.err" $? \
	'need about [0-9]* open files, more than the limit of 40 (RLIMIT_NOFILE, ulimit -Hn): nothing attached'
soft=$(ulimit -Sn)
ulimit -Sn 30 # the tracer inherits it; the hard limit stays, so it can be raised back
start_tracer r trace ucalls "$LOAD:tc_fn_*" -c tc_flood --prom -v
ulimit -Sn "$soft"
"$LOAD" calls $N >/dev/null
stop_tracer r
is "$(prom_sum "$T_DIR/r.out" '^user_calls_total[{]') $(grep -c 'raising the open-file limit from 30 to' "$T_DIR/r.err")" \
	"$((13 * N)) 1" "RLIMIT_NOFILE: a low soft limit is raised (to at most the hard one), and all calls counted"
# A refusal half-way (planted: the 7th attachment fails): the 6 already
# attached are taken down, and the run ends with the function named.
"$TRACECAL" trace ucalls "$LOAD:tc_fn_*" --fault-attach-fail 7 --duration 1 >/dev/null 2>"$T_DIR/f.err"
refused "a probe refused half-way: all taken down, the function named" "$T_DIR/f.err" $? \
	'failed to attach probe calls (uprobe .*tc_testload:tc_fn_[0-4] at offset 0x[0-9a-f]*): Device or resource busy' \
	'detaching the 6 of 10 probes attached before: nothing is traced'

# profile: 99 Hz on a process that spins for 1.5 s of CPU time.
HZ=99
start_tracer c trace profile -F $HZ -c tc_flood --prom
"$LOAD" spin 1500 >"$T_DIR/c.load"
stop_tracer c
cpu_ns=$(awk '$1 == "cpu_ns" { print $2 }' "$T_DIR/c.load")
expected=$((cpu_ns * HZ / 1000000000))
samples=$(prom_sum "$T_DIR/c.out" '^cpu_samples_total[{]pid="[0-9]+",comm="tc_flood"')
# Sampling: one sample per 1/HZ s of CPU time, give or take the timer's
# jitter: within 10% (+2) of CPU time x HZ.
low=$((expected * 9 / 10 - 2)) high=$((expected * 11 / 10 + 2))
if [ "$samples" -ge $low ] && [ "$samples" -le $high ]; then
	ok "profile: $samples samples for $((cpu_ns / 1000000)) ms of CPU at $HZ Hz (expected ~$expected)"
else
	not_ok "profile: samples match CPU time" "actual: $samples samples" "expected: $low..$high ($expected)"
fi
like "$T_DIR/c.out" 'tracecal_probe_info\{probe="sample",hook="perf_event",target="cpu-clock:99"\}' \
	"perf_event hook reported"
finish
