# The core's uprobe and perf-event paths: ucalls counts every call of a
# user function exactly; profile's samples of a busy process match its
# own CPU time at the sampling frequency.
. tests/integration/lib.sh
plan 6

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
if [ $rc -ne 0 ] && grep -q 'failed to attach probe calls' "$T_DIR/b.err"; then
	ok "ucalls: a missing function is an attach error (status $rc)"
else
	not_ok "ucalls: a missing function is an attach error" "status $rc" "$(cat "$T_DIR/b.err")"
fi

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
