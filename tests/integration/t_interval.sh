# --interval prints the change since the last print; the changes add up
# to the whole run's total, which the final summary carries.
. tests/integration/lib.sh
plan 3

start_tracer a trace syscount -c tc_flood --interval 0.3s --json
for n in 1 2 3; do
	"$LOAD" getppid 1000 >/dev/null
	sleep 0.4
done
stop_tracer a
sum=$(grep '"type":"interval"' "$T_DIR/a.out" |
	grep -o '"name":"getppid","syscalls_total":[0-9]*' | grep -o '[0-9]*$' |
	awk '{ s += $1 } END { print s + 0 }')
total=$(grep '"type":"summary"' "$T_DIR/a.out" |
	grep -o '"name":"getppid","syscalls_total":[0-9]*' | grep -o '[0-9]*$')
cmp_ok "$(grep -c '"type":"interval"' "$T_DIR/a.out")" -ge 3 "several intervals printed"
is "$sum" 3000 "interval changes add up" calls
is "${total:-none}" 3000 "summary holds the total" calls
finish
