# The witness of a disk window (harness/witness.h): tracefs's count of the
# fixture's block events beside the count of a BPF program of the
# harness's own. Honest and planted tools through one direct-read
# scenario (tests/witness/): a planted blindness (the witness's BPF half
# leaving its first N runs uncounted, TRACECAL_FAULT_WITNESS_BLIND) is
# counted exactly; a verdict the blindness can explain is judged again in a
# fresh window, and stands when its window saw everything; a witness killed
# with the harness leaves a tracefs instance that the next run removes.
. tests/integration/lib.sh
plan 28

W=tests/witness
export TRACECAL_STATE_DIR=$T_DIR/state
TRACING=/sys/kernel/tracing
[ -d $TRACING/instances ] || TRACING=/sys/kernel/debug/tracing

# run NAME TOOL [VAR=VALUE...]: the tool through wit-read, the JSON in $T_DIR/NAME.json.
run() {
	local name=$1 tool=$2
	shift 2
	env "$@" WIT_MARK="$T_DIR/mark.$name" "$TRACECAL" run $W/witness.scn --tool "$W/$tool.tool" \
		--scenario wit-read --json "$T_DIR/$name.json" >"$T_DIR/$name.out" 2>&1
}
j() { jq -r ".results[0]$2" "$T_DIR/$1.json" 2>/dev/null || echo "?no-json"; }
ours() { ls "$TRACING/instances" 2>/dev/null | grep -c '^tracecal-witness\.' || true; }

# --- honest: the witness counts every event, and the counts add up ------------
run honest wit-honest
is "$(j honest .verdict)" PASS "honest: PASS"
is "$(j honest .witness_off)" null "honest: the window was witnessed"
cmp_ok "$(j honest .witness.block_events)" -gt 0 "honest: tracefs counted the device's block events"
reads=$(j honest .diskstats_delta.reads)
cmp_ok "$(j honest .witness.block_events)" -ge $((2 * reads)) \
	"honest: at least an issue and a completion for each of the $reads reads diskstats counted"
is "$(($(j honest .witness.bpf_ran) + $(j honest .witness.skipped_counted) + $(j honest .witness.blind)))" \
	"$(j honest .witness.block_events)" "honest: BPF ran + skipped and counted + blind = tracefs's count"
is "$(j honest .witness.windows)" 1 "honest: judged in one window"
[ "$(j honest .witness.blind)" = 0 ] || diag "honest: the machine was blind to $(j honest .witness.blind) events"

# --- a planted blindness is counted, and a PASS is not judged again ------------
run planted wit-honest TRACECAL_FAULT_WITNESS_BLIND=7
is "$(j planted .verdict)" PASS "planted blindness, honest tool: PASS"
cmp_ok "$(j planted .witness.blind)" -ge 7 "planted blindness: the witness is blind to the 7 planted"
is "$(($(j planted .witness.bpf_ran) + $(j planted .witness.skipped_counted) + $(j planted .witness.blind)))" \
	"$(j planted .witness.block_events)" "planted blindness: the counts still add up"
is "$(j planted .witness.windows)" 1 "planted blindness, a PASS: not judged again"

# --- wrong in its first window, which saw everything: the FAIL stands ----------
run first-clean wit-first-wrong
if [ "$(j first-clean .witness.windows)" = 1 ]; then
	is "$(j first-clean .verdict)" FAIL "wrong in a window that saw everything: FAIL stands"
	ok "wrong in a window that saw everything: not judged again"
else
	diag "first-clean: the machine was blind for real in window 1: $(j first-clean .reason)"
	cmp_ok "$(j first-clean .witness.blind_before)" -gt 0 "blind for real: so judged again"
	is "$(j first-clean .verdict)" PASS "blind for real: the next window's PASS"
fi
is "$(j first-clean .witness.blind)" 0 "wrong in its first window: nothing unseen in the window judged"

# --- wrong in a blind first window: judged again, PASS in the second -----------
run first-blind wit-first-wrong TRACECAL_FAULT_WITNESS_BLIND=3
is "$(j first-blind .verdict)" PASS "wrong in a blind window, right in the next: PASS"
is "$(j first-blind .witness.windows)" 2 "... judged in the second window"
cmp_ok "$(j first-blind .witness.blind_before)" -ge 3 "... the first was blind to the 3 planted"
like <(j first-blind .reason) "judged in window 2: the earlier were blind to [0-9]+ block events" \
	"... and the reason says so"
[ -d "$T_DIR/mark.first-blind" ] && ok "... its first window was the deaf one" ||
	not_ok "... its first window was the deaf one"

# --- wrong in every window, every one blind: FAIL, with the count --------------
run always wit-always-wrong TRACECAL_FAULT_WITNESS_BLIND=3
is "$(j always .verdict)" FAIL "wrong in every blind window: FAIL"
is "$(j always .witness.windows)" 3 "... after 3 windows"
like <(j always .reason) "blind in every one of 3 windows \(the last to [0-9]+ of [0-9]+ block events" \
	"... the reason says every window was blind, with the count"
run always-clean wit-always-wrong
is "$(j always-clean .witness.windows)" 1 "wrong, its window saw everything: one window"
is "$(j always-clean .verdict)" FAIL "... FAIL"
is "$(ours)" 0 "no witness instance is left in tracefs"

# --- killed mid-window: its tracefs instance is the next run's to remove -------
"$TRACECAL" run $W/witness.scn --tool $W/wit-honest.tool --scenario wit-slow >"$T_DIR/slow.out" 2>&1 &
pid=$!
for _ in $(seq 300); do [ "$(ours)" -gt 0 ] && pgrep -f comm=tc_wslow >/dev/null && break; sleep 0.1; done
inst=$(ls -d "$TRACING"/instances/tracecal-witness.$pid 2>/dev/null)
[ -n "$inst" ] && ok "killed mid-window: its witness instance is there" ||
	not_ok "killed mid-window: its witness instance is there" "$(cat "$T_DIR/slow.out")"
kill -KILL $pid
wait $pid 2>/dev/null
"$TRACECAL" clean >"$T_DIR/clean.out" 2>&1
is "$?" 0 "clean after the kill: exit 0"
like "$T_DIR/clean.out" "^  removed tracefs instance $TRACING/instances/tracecal-witness\.$pid$" \
	"clean: removed the dead run's tracefs instance"
[ ! -e "$TRACING/instances/tracecal-witness.$pid" ] && ok "clean: the instance is gone" ||
	{ not_ok "clean: the instance is gone"; rmdir "$TRACING/instances/tracecal-witness.$pid"; }
finish
