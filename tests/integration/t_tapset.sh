# tracecal tapset: probe libraries checked per alias and candidate.
# A planted library whose entries are wrong on purpose gets the verdict of
# each error with its numbers (a request counted twice: COUNT DRIFT 2x;
# sectors read as bytes: VALUE DRIFT 1/512x; a point on the wrong path:
# NEVER FIRES; a point no kernel has: NO ATTACH) and its malformed entries
# named with file and line while the rest runs. The shipped library runs
# whole on this kernel; the hook table's candidates are each forced, and a
# rotted fallback (tests/tapsets/rot.sh) is found.
. tests/integration/lib.sh
plan 24

command -v jq >/dev/null || { echo "Bail out! jq is needed to read the reports"; exit 1; }
command -v bpftrace >/dev/null || { echo "Bail out! bpftrace is needed (ci/deps installs it)"; exit 1; }

P=$T_DIR/planted
"$TRACECAL" tapset tests/tapsets/planted.tapset --json "$P.json" -o "$P.d" >"$P.out" 2>"$P.err"
is "$?" 2 "a library with malformed entries exits 2"
# c ALIAS -> "VERDICT ratio detail" of its first candidate
c() { jq -r --arg a "$1" '.candidates[] | select(.alias == $a) | "\(.verdict) \(.ratio // "-") \(.detail)"' "$P.json"; }
has() {
	if [[ "$2" =~ $3 ]]; then ok "$1"; else not_ok "$1" "got: $2" "want: $3"; fi
}
has "the control passes" "$(c good.getppid)" '^OK - fired 23 times, as the workload did$'
has "a request counted at issue and completion is COUNT DRIFT 2x" "$(c twice.request)" \
	'^COUNT DRIFT 2 fires 2x: tool 128 vs diskstats 64'
has "sectors read as bytes is VALUE DRIFT 1/512x" "$(c sectors.request)" \
	'^VALUE DRIFT 0\.00195[0-9]* size 1/512x: tool 8,192 vs diskstats 4,194,304.*sectors read as bytes'
has "the write path for a read workload NEVER FIRES" "$(c deaf.pread)" \
	'^NEVER FIRES 0 attached, fired 0 times where the workload did 64$'
has "a point no kernel has is NO ATTACH, with the engine's reason" "$(c gone.event)" \
	'^NO ATTACH - tracepoint not found: syscalls:sys_enter_getppid_gone'
like "$P.out" '  twice.request +1 tracepoint:block:block_rq_issue,tracepoint:block:block_rq_complete COUNT DRIFT 2x' \
	"the table shows the drift and its ratio"
like "$P.err" 'tests/tapsets/planted.tapset:54: PROBE .uprobe_nope:/bin/true:main.: .*\(alias bad.kind is left out\)' \
	"an unknown probe kind is named with file and line"
like "$P.err" 'tests/tapsets/planted.tapset:59: unknown directive FIRE .*\(alias bad.directive is left out\)' \
	"an unknown directive is named with file and line"
like "$P.err" 'tests/tapsets/planted.tapset:66: PROBE tracepoint:syscalls:sys_enter_read: no expression for VALUE count' \
	"a probe without the expression of a value is named"
like "$P.err" 'tests/tapsets/planted.tapset:70: alias bad.oracle: EXPECT .±banana.' \
	"a bad tolerance is named at the library's line, not the generated scenario's"
is "$(jq '.candidates | length' "$P.json")" 5 "the other five aliases ran"

# The shipped library, whole, on this kernel: every alias a candidate can
# attach for is served truthfully; kprobes and fentry say why they cannot.
S=$T_DIR/systemtap
"$TRACECAL" tapset tapsets/systemtap.tapset --json "$S.json" >"$S.out" 2>&1
is "$?" 0 "the shipped library misleads nowhere here (exit 0)"
n=$(jq '[.candidates[].alias] | unique | length' "$S.json")
cmp_ok "$n" -ge 20 "it has 20 aliases at least ($n)"
is "$(jq '[.candidates[] | select(.verdict != "OK" and .verdict != "NO ATTACH")] | length' "$S.json")" 0 \
	"every candidate is OK or NO ATTACH"
has "syscall.openat by its tracepoint counts failing opens too" \
	"$(jq -r '.candidates[] | select(.alias == "syscall.openat" and .candidate == 1) | "\(.verdict) \(.detail)"' "$S.json")" \
	'^OK fired 66 times'
if [ -e /sys/kernel/tracing/kprobe_events ] || [ -e /sys/kernel/debug/tracing/kprobe_events ]; then
	ok "# SKIP kprobes are available here: the NO ATTACH check is for kernels without them"
else
	has "a kprobe candidate is NO ATTACH with bpftrace's reason" \
		"$(jq -r '.candidates[] | select(.alias == "vfs.read" and .kind == "kprobe") | "\(.verdict) \(.detail)"' "$S.json")" \
		"^NO ATTACH .*vfs_read"
fi

# The hook table: each candidate of syscount's probes forced in turn.
H=$T_DIR/hooks
"$TRACECAL" tapset hooks --only syscount --scenario syscall-counts --json "$H.json" >"$H.out" 2>&1
is "$?" 0 "syscount's hooks all tell the truth"
is "$(jq -r '[.candidates[] | "\(.alias)@\(.candidate)=\(.verdict)"] | join(" ")' "$H.json")" \
	"syscount.syscalls@1=OK syscount.syscalls@2=OK syscount.exits@1=OK syscount.exits@2=OK" \
	"every candidate of every probe was forced, and each passed"
R=$T_DIR/rot
"$TRACECAL" tapset hooks --only syscount.syscalls --scenario syscall-counts --tools tests/tapsets/tools \
	--json "$R.json" >"$R.out" 2>&1
is "$?" 1 "a rotted fallback fails the run"
has "and is found: COUNT DRIFT 2x on candidate 2 only" \
	"$(jq -r '[.candidates[] | "\(.candidate)=\(.verdict) \(.ratio // "")"] | join(" ")' "$R.json")" \
	'^1=OK  2=COUNT DRIFT 2$'
"$TRACECAL" trace syscount --use-hook nope=1 --duration 1 >"$T_DIR/use.out" 2>&1
like "$T_DIR/use.out" "--use-hook nope=1: syscount has no probe nope \(its probes: syscalls; exits\)" \
	"--use-hook naming no probe is refused with the tool's probes"
"$TRACECAL" trace disktop --use-hook io-start=2 --duration 1 >"$T_DIR/use2.out" 2>&1
like "$T_DIR/use2.out" "probe io-start .*its candidate 2 \(--use-hook\) cannot attach on this kernel: fentry on __blk_account_io_start" \
	"a forced candidate that cannot attach says why, and nothing falls back quietly"

if diff -u docs/tapsets.md <(
	sed -n '1,/^<!-- table -->$/p' docs/tapsets.md
	"$TRACECAL" list --directives tapset --markdown
) >"$T_DIR/docs.diff"; then
	ok "docs/tapsets.md is the code's directive tables"
else
	not_ok "docs/tapsets.md is the code's directive tables (make docs)" "$(head -20 "$T_DIR/docs.diff")"
fi

finish
