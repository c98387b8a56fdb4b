# Nothing stays loaded after the tracer ends, however it ends: Ctrl-C,
# --duration, a failed start, or SIGKILL.
. tests/integration/lib.sh
plan 6

# gone: wait (2 s at most) until none of our BPF programs is left.
gone() {
	local i
	for i in $(seq 20); do
		[ "$(our_progs)" -eq 0 ] && return 0
		sleep 0.1
	done
	return 1
}

# Programs of a tracer that just exited are freed a moment later.
if gone; then ok "no tc_ programs before"; else not_ok "no tc_ programs before" "$(our_progs) left"; fi
start_tracer a trace syscount
cmp_ok "$(our_progs)" -ge 1 "programs loaded while tracing ($(our_progs))"
kill -KILL "$PID_a"
wait "$PID_a" 2>/dev/null
if gone; then ok "nothing left after SIGKILL"; else not_ok "nothing left after SIGKILL" "$(bpftool prog show | grep -A1 ' name tc_')"; fi

start_tracer b trace opensnoop
stop_tracer b
if gone; then ok "nothing left after Ctrl-C"; else not_ok "nothing left after Ctrl-C"; fi

"$TRACECAL" trace vfstop --duration 0.2 >/dev/null 2>&1
if gone; then ok "nothing left after --duration"; else not_ok "nothing left after --duration"; fi

"$TRACECAL" trace disktop -d /etc/passwd >/dev/null 2>&1
"$TRACECAL" trace syscount --avoid-hook tp_btf,tracepoint >/dev/null 2>&1
if gone; then ok "nothing left after failed starts"; else not_ok "nothing left after failed starts"; fi
finish
