# A bounded map that fills is never silent: every update that did not fit
# is counted, reported on stderr and in the output, and what was kept plus
# what was dropped is exactly what happened.
. tests/integration/lib.sh
plan 7

K=20 M=50            # 20 processes, each prctl + 50 getppid + exit_group
PRODUCED=$((K * (M + 2)))

start_tracer a trace syscount -P -c tc_flood --max-entries 8 --prom
"$LOAD" procs $K $M >/dev/null
stop_tracer a
kept=$(prom_sum "$T_DIR/a.out" '^syscalls_total[{]')
dropped=$(prom "$T_DIR/a.out" 'map_entries_dropped_total{map="proc_counts"}')
rows=$(grep -c '^syscalls_total{' "$T_DIR/a.out")
cmp_ok "$rows" -le 8 "at most --max-entries rows kept ($rows)"
cmp_ok "$dropped" -gt 0 "drops counted ($dropped)"
is "$((kept + dropped))" $PRODUCED "kept ($kept) + dropped ($dropped) = syscalls made" calls
like "$T_DIR/a.err" "map 'proc_counts' full \(8 entries\): [0-9,]+ updates dropped; raise --max-entries" \
	"drops reported on stderr"

# The same in JSON, with the map's size.
start_tracer b trace syscount -P -c tc_flood --max-entries 8 --json
"$LOAD" procs $K $M >/dev/null
stop_tracer b
like "$T_DIR/b.out" '"maps":\[\{"map":"proc_counts","max_entries":8,"entries":8,"dropped":[1-9][0-9]*\}\]' \
	"drops in JSON"

# Room enough: nothing dropped, everything kept.
start_tracer c trace syscount -P -c tc_flood --max-entries 1000 --prom
"$LOAD" procs $K $M >/dev/null
stop_tracer c
is "$(prom "$T_DIR/c.out" 'map_entries_dropped_total{map="proc_counts"}')" 0 "no drops with room"
is "$(prom_sum "$T_DIR/c.out" '^syscalls_total[{]')" $PRODUCED "all kept with room" calls
finish
