# A ring buffer that fills is never silent: events that found no room are
# counted per CPU and reported, live and at the end, and printed + lost is
# exactly the number of events that happened.
. tests/integration/lib.sh
plan 6

N=20000 # failed opens; -x keeps only failed ones, so the load's own start-up opens stay out

# Stall the consumer: its stdout is a FIFO nobody reads until the load is done.
mkfifo "$T_DIR/pipe"
exec 3<>"$T_DIR/pipe"
start_tracer a trace opensnoop -x -c tc_flood --buffer-size 4K --json -o "$T_DIR/pipe"
"$LOAD" opens $N "$T_DIR/missing" >/dev/null
sleep 1.5 # the consumer stays stuck long enough for a live report
cat <&3 >"$T_DIR/a.events" &
T_PIDS+=($!)
sleep 0.5
stop_tracer a
sleep 0.5
kill %cat 2>/dev/null
exec 3>&-
printed=$(grep -c '"type":"event"' "$T_DIR/a.events")
lost=$(grep -o '"events_lost":[0-9]*' "$T_DIR/a.events" | tail -1 | cut -d: -f2)
cmp_ok "${lost:-0}" -gt 0 "events lost with a stalled consumer (${lost:-none})"
is "$((printed + ${lost:-0}))" $N "printed ($printed) + lost (${lost:-none}) = opens made" events
like "$T_DIR/a.err" "lost [0-9,]+ events: the consumer was too slow; raise --buffer-size \(now 4,096 bytes\)\. Per CPU: cpu[0-9]+ [0-9,]+" \
	"loss reported at the end, per CPU"
like "$T_DIR/a.err" "lost [0-9,]+ events \([0-9,]+ in all so far\)" "loss reported live"

# Room enough (16 MiB holds every event): nothing lost, everything printed.
start_tracer b trace opensnoop -x -c tc_flood --buffer-size 16M --json
"$LOAD" opens $N "$T_DIR/missing" >/dev/null
stop_tracer b
is "$(grep -c '"type":"event"' "$T_DIR/b.out")" $N "all events printed with room" events
like "$T_DIR/b.out" '"events_lost":0,' "no loss reported with room"
finish
