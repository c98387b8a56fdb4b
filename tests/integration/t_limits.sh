# The tracer core at its limits, safely and loudly: the overhead watchdog
# stops a probe made expensive on purpose and names it; --on-overflow=stop
# ends a run at the first dropped update; read faults are counted per probe
# with their address; a tracer killed at any moment leaves nothing behind.
. tests/integration/lib.sh
plan 21

stats_before=$(cat /proc/sys/kernel/bpf_stats_enabled)

# --- The overhead watchdog ---------------------------------------------------
# Each counted getppid also reads the clock 2000 times in the probe: tens of
# microseconds a hit, about half of the machine. A 5% limit must trip by
# itself at the second sample over it (100 ms at the start of each second).
"$LOAD" getppid 1000000000 >/dev/null &
LOADPID=$!
T_PIDS+=($LOADPID)
start=$(date +%s%N)
timeout 20 "$TRACECAL" trace syscount -c tc_flood --fault-slow-probe=2000 --max-overhead 5 \
	--prom >"$T_DIR/wd.out" 2>"$T_DIR/wd.err"
rc=$?
took=$((($(date +%s%N) - start) / 1000000))
kill "$LOADPID" 2>/dev/null
wait "$LOADPID" 2>/dev/null
diag "watchdog: exit $rc after $took ms"
is "$rc" 1 "watchdog: stopped by itself, exit status 1"
like "$T_DIR/wd.err" 'stopped early: the probes took [0-9.]+% of the time of [0-9]+ CPUs \(measured over [0-9.]+ s of each of the last 2 s; limit 5%, --max-overhead\); the costliest, probe syscalls \(program tc_sc_exit_[a-z]+\), took [0-9,]+ ns per hit' \
	"watchdog: the message names the probe and its ns per hit"
like "$T_DIR/wd.out" '^# stopped early: the probes took' "watchdog: the report says it was cut short"
like "$T_DIR/wd.out" '^syscalls_total\{name="getppid"\} [1-9]' "watchdog: what was counted until then is reported"
if [ "$took" -lt 5000 ]; then ok "watchdog: tripped within 5 s ($took ms)"; else not_ok "watchdog: tripped within 5 s" "took $took ms"; fi
for i in $(seq 30); do [ "$(our_progs)" -eq 0 ] && break; sleep 0.1; done # freed after RCU
is "$(our_progs)" 0 "watchdog: the probes are detached and unloaded"
is "$(cat /proc/sys/kernel/bpf_stats_enabled)" "$stats_before" "kernel.bpf_stats_enabled is as it was"

# The same load with a probe of normal cost stays under the default limit.
start_tracer ok trace syscount -c tc_flood --prom
"$LOAD" getppid 3000000 >/dev/null
stop_tracer ok
rc=$?
is "$rc" 0 "watchdog: a normal probe under load is not stopped"
is "$(prom "$T_DIR/ok.out" 'syscalls_total{name="getppid"}')" 3000000 "and counts every call" calls

# Without a limit, said loudly; the slow probe then runs to the end.
start_tracer nl trace syscount -c tc_flood --fault-slow-probe=2000 --no-overhead-limit --prom
"$LOAD" getppid 20000 >/dev/null
stop_tracer nl
is "$?" 0 "--no-overhead-limit: not stopped"
like "$T_DIR/nl.err" 'WARNING: no overhead limit \(--no-overhead-limit\)' "--no-overhead-limit: said on stderr"
is "$(prom "$T_DIR/nl.out" 'syscalls_total{name="getppid"}')" 20000 "--no-overhead-limit: all counted" calls
"$TRACECAL" trace syscount --max-overhead 0 2>"$T_DIR/bad.err"
is "$?" 2 "--max-overhead 0: a usage error"

# --- Map overflow: --on-overflow=stop ----------------------------------------
# 40 processes, a map of 8 entries: the first drop ends the run, said with the map.
start_tracer ov trace syscount -P -c tc_flood --max-entries 8 --on-overflow=stop --prom
"$LOAD" procs 40 3 >/dev/null
for i in $(seq 50); do kill -0 "$PID_ov" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$PID_ov" 2>/dev/null; then
	not_ok "--on-overflow=stop: the run ended by itself"
	stop_tracer ov
else
	wait "$PID_ov"
	is "$?" 1 "--on-overflow=stop: the run ended by itself, exit status 1"
fi
like "$T_DIR/ov.err" "stopped early: map 'proc_counts' is full \(8 entries\) and dropped [0-9,]+ updates \(--on-overflow=stop\)" \
	"--on-overflow=stop: the message names the map"
# The default goes on, and counts the drops.
start_tracer oc trace syscount -P -c tc_flood --max-entries 8 --prom -v
"$LOAD" procs 40 3 >/dev/null
stop_tracer oc
is "$?" 0 "--on-overflow=continue (the default): the run goes on"
like "$T_DIR/oc.err" "map 'proc_counts': 8 of 8 entries used, [1-9][0-9,]* updates dropped" \
	"the per-map report at exit (-v): entries used and drops"

# --- Read faults ---------------------------------------------------------------
# 12 openat calls whose path pointer is 0x1: the kernel says EFAULT, and the
# probe that reads the path faults; it goes on, and says so at the end.
start_tracer rf trace opensnoop -c tc_flood --prom
"$LOAD" badopens 12 0x1 >"$T_DIR/rf.load"
stop_tracer rf
like "$T_DIR/rf.err" 'read fault at 0x1 in probe openat: 12 times' "read faults: counted per probe, with the address"
is "$(prom "$T_DIR/rf.out" 'read_faults_total{probe="openat"}')" 12 "read faults: read_faults_total" reads
is "$(prom_sum "$T_DIR/rf.out" '^opens_total[{]')" 12 "read faults: every open still an event" calls

# --- SIGKILL at any moment ----------------------------------------------------
# Killed while loading, attaching or tracing: the kernel releases what the
# process held (links and programs are held by its descriptors).
left=
for delay in 0 0.05 0.1 0.15 0.2 0.3 0.5 1; do
	"$TRACECAL" trace disktop --prom >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	for i in $(seq 30); do [ "$(our_progs)" -eq 0 ] && break; sleep 0.1; done
	[ "$(our_progs)" -eq 0 ] || left="$left $delay s: $(our_progs) programs;"
done
is "${left:-none}" none "SIGKILL after 0 to 1 s: no program, link or map left"
finish
