# syscount counts exactly: a known number of syscalls under a known name,
# by name and by process, on the preferred hook and on its fallback, by two
# instances at once.
. tests/integration/lib.sh
plan 12

N=1009 # prime, so no other count is likely to equal it by chance

start_tracer a trace syscount -c tc_flood --prom
"$LOAD" getppid $N >/dev/null
stop_tracer a
is "$(prom "$T_DIR/a.out" 'syscalls_total{name="getppid"}')" $N "getppid counted exactly" calls
is "$(prom "$T_DIR/a.out" 'syscalls_total{name="exit_group"}')" 1 \
	"exit_group, which never returns, counted once" calls
is "$(prom "$T_DIR/a.out" 'syscall_errors_total{name="getppid"}')" 0 "no getppid errors"
like "$T_DIR/a.out" 'tracecal_probe_info\{probe="syscalls",hook="tp_btf"' "tp_btf hook used here"

# Errors: every open of a missing file fails with ENOENT.
start_tracer b trace syscount -c tc_flood --prom
"$LOAD" opens 101 "$T_DIR/missing" >/dev/null
stop_tracer b
is "$(prom "$T_DIR/b.out" 'syscalls_total{name="openat"}')" 101 "openat counted" calls
is "$(prom "$T_DIR/b.out" 'syscall_errors_total{name="openat"}')" 101 "openat errors counted" calls

# By process: the row of the load's pid.
start_tracer c trace syscount -P -c tc_flood --json
"$LOAD" getppid $N >"$T_DIR/c.load"
stop_tracer c
rows=$(grep -o '"comm":"tc_flood","name":"getppid","syscalls_total":[0-9]*' "$T_DIR/c.out" |
	tail -1 | grep -o '[0-9]*$')
is "${rows:-none}" $N "-P: the process's getppid row" calls

# The fallback hook gives the same number.
start_tracer d trace syscount -c tc_flood --prom --avoid-hook tp_btf
"$LOAD" getppid $N >/dev/null
stop_tracer d
is "$(prom "$T_DIR/d.out" 'syscalls_total{name="getppid"}')" $N \
	"getppid counted exactly on the tracepoint fallback" calls
like "$T_DIR/d.out" 'tracecal_probe_info\{probe="syscalls",hook="tracepoint"' \
	"fallback hook reported"
like "$T_DIR/d.err" '^probe syscalls: tracepoint raw_syscalls:sys_exit \(fallback: tp_btf avoided' \
	"fallback and its reason on stderr"

# Two instances at once, each exact.
start_tracer e trace syscount -c tc_flood --prom
start_tracer f trace syscount -c tc_flood --prom
"$LOAD" getppid $N >/dev/null
stop_tracer e
stop_tracer f
is "$(prom "$T_DIR/e.out" 'syscalls_total{name="getppid"}')" $N "first of two instances exact" calls
is "$(prom "$T_DIR/f.out" 'syscalls_total{name="getppid"}')" $N "second of two instances exact" calls
finish
