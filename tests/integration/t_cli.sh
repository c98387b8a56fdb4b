# Misuse gets a clear message and exit status 2, naming the option; help
# and version work; the metric docs are the code's own table.
. tests/integration/lib.sh
plan 21

# run_err NAME REGEX ARGS...: exit status 2 and a message matching REGEX.
run_err() {
	local name=$1 re=$2 rc
	shift 2
	"$TRACECAL" "$@" >"$T_DIR/out" 2>"$T_DIR/err"
	rc=$?
	if [ $rc -eq 2 ] && grep -Eq -- "$re" "$T_DIR/err"; then
		ok "$name"
	else
		not_ok "$name" "exit status $rc (expected 2)" "stderr: $(head -c 400 "$T_DIR/err")"
	fi
}

run_err "no command" '^Usage: tracecal COMMAND'
run_err "unknown command" "'frobnicate' is not a command" frobnicate
run_err "trace without a tool" '^Usage: tracecal trace TOOL' trace
run_err "unknown tool" "no tool 'nosuch'" trace nosuch
run_err "option a tool cannot honour" "unrecognized option '-d'|invalid option -- 'd'" \
	trace syscount -d loop0
run_err "--json with --prom" '--json and --prom cannot be combined' trace syscount --json --prom
run_err "bad pid" "invalid --pid 'abc'" trace syscount -p abc
run_err "not a block device" "--dev '/etc/passwd' is not a block device" trace disktop -d /etc/passwd
run_err "no such device" "--dev 'nosuchdisk': no such block device" trace disktop -d nosuchdisk
run_err "bad duration" "invalid --duration '5x'" trace syscount --duration 5x
run_err "bad buffer size" "invalid --buffer-size '5000'" trace opensnoop --buffer-size 5000
run_err "too many linear buckets" '--linear 0,1000,1 makes 1000 buckets' trace iolatency --linear 0,1000,1
run_err "bad --max-probes" "invalid --max-probes '0'" trace ucalls --max-probes 0 "$LOAD:tc_marker"
run_err "ucalls: no function matches" "no function matching 'tc_none\*' in " trace ucalls "$LOAD:tc_none*"
run_err "merge without runs" 'which runs\? give one results.json per kernel' merge
run_err "merge of a file that is no report" 'merge: /nonexistent.json: not a JSON report' merge /nonexistent.json
run_err "merge with an empty label" "merge: '=x.json': a LABEL has 1 to 63 characters" merge =x.json

"$TRACECAL" trace disktop --help >"$T_DIR/help" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q 'Examples:' "$T_DIR/help" && grep -q -- '--max-entries' "$T_DIR/help"; then
	ok "tool --help: usage, options and examples, status 0"
else
	not_ok "tool --help" "status $rc" "$(head -5 "$T_DIR/help")"
fi
like <("$TRACECAL" --version) '^tracecal [0-9]+\.[0-9]+' "--version"
is "$("$TRACECAL" list | wc -l)" 8 "list: the eight tools"
if diff -u docs/metrics.md <(
	sed -n '1,/^<!-- table -->$/p' docs/metrics.md
	"$TRACECAL" list --metrics --markdown
) >"$T_DIR/diff"; then
	ok "docs/metrics.md is the code's metric table"
else
	not_ok "docs/metrics.md is the code's metric table (make docs)" "$(head -20 "$T_DIR/diff")"
fi
finish
