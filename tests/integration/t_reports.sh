# The reports CI systems and people read, from one real run of the planted
# tools (tests/planted/, 4 s, no fixture): KTAP read back by a TAP parser
# that is not ours (Debian's python3-tap) and its KTAP-only lines checked
# by hand; the closing "N passed, N failed, N skipped" line; tracecal diff
# of two runs, and of a run against a copy with a PASS planted as a FAIL;
# the artifact paths of ci/examples/ against the folder the run wrote; the
# HTML page rendered in headless Chromium: not blank, a cell per run, no
# reference outside itself.
. tests/integration/lib.sh
plan 22

command -v jq >/dev/null || { echo "Bail out! jq is needed to read the reports"; exit 1; }
PY=/usr/bin/python3 # Debian's, which python3-tap installs into
"$PY" -c 'import tap.parser, yaml' 2>/dev/null ||
	{ echo "Bail out! python3-tap and python3-yaml are needed (ci/deps installs them)"; exit 1; }

PL=tests/planted
R=$T_DIR/run
# The known verdicts but planted-crash's and planted-never-ready's: an ERROR
# and a TIMEOUT nobody expects, beside the known ones (XFAIL).
grep -v '^planted-crash \|^planted-never-ready ' $PL/EXPECTED >"$T_DIR/EXPECTED"
"$TRACECAL" run $PL/planted.scn --scenario planted-syscalls --tool $PL --known "$T_DIR/EXPECTED" \
	--ktap - --json "$R.json" --out "$R.d" >"$R.ktap" 2>"$R.err"
is "$?" 1 "an unexpected ERROR and TIMEOUT: exit 1"

# --- the closing line ---------------------------------------------------------
want=$(jq -r '.counts | "\(.PASS + .ACCOUNTED) passed, \(.FAIL + .LOSS + .ERROR + .TIMEOUT) failed, \(.SKIP) skipped"' "$R.json")
is "$(tail -1 "$R.err")" "$want" "the run's last line: N passed, N failed, N skipped, as results.json counts"

# --- KTAP ----------------------------------------------------------------------
is "$(head -1 "$R.ktap")" "KTAP version 1" "--ktap - : stdout starts with 'KTAP version 1', the run's lines on stderr"
cmp -s "$R.ktap" "$R.d/results.ktap" && ok "--out writes the same KTAP as results.ktap" ||
	not_ok "--out writes the same KTAP as results.ktap" "$(diff "$R.ktap" "$R.d/results.ktap" | head)"

# The same of the real tools on scenarios/syscalls.scn, as the issue asks.
"$TRACECAL" run scenarios/syscalls.scn --ktap - >"$T_DIR/sys.ktap" 2>"$T_DIR/sys.err"
rc=$?
"$PY" tests/integration/ktap_read.py "$T_DIR/sys.ktap" >/dev/null 2>"$T_DIR/sys.read"
is "$rc $(head -1 "$T_DIR/sys.ktap") | $? $(cat "$T_DIR/sys.read")" "0 KTAP version 1 | 0 " \
	"tracecal run scenarios/syscalls.scn --ktap - : exit 0, starts with 'KTAP version 1', python3-tap reads it"

# What python3-tap reads, against what each verdict must give: PASS and
# ACCOUNTED ok, SKIP ok # SKIP, a known verdict ok # XFAIL, ERROR and
# TIMEOUT not ok with their directive, FAIL and LOSS not ok.
"$PY" tests/integration/ktap_read.py "$R.ktap" >"$T_DIR/read" 2>"$T_DIR/read.err"
is "$? $(cat "$T_DIR/read.err")" "0 " "python3-tap reads it: plans, numbering, a subtest per tool"
jq -r '.results[] | [.tool, .scenario,
	(if .verdict == "PASS" or .verdict == "ACCOUNTED" then "ok\t-"
	 elif .verdict == "SKIP" then "ok\tSKIP"
	 elif .known_verdict == .verdict then "ok\tXFAIL"
	 elif .verdict == "ERROR" or .verdict == "TIMEOUT" then "not ok\t" + .verdict
	 else "not ok\t-" end)] | join("\t")' "$R.json" >"$T_DIR/want"
if diff <(grep -v '	\*	' "$T_DIR/read") "$T_DIR/want" >"$T_DIR/d"; then
	ok "a result line per run, with the verdict's result and directive ($(wc -l <"$T_DIR/want") runs)"
else
	not_ok "a result line per run, with the verdict's result and directive" "$(head -20 "$T_DIR/d")"
fi
is "$(grep -c '	\*	not ok	-$' "$T_DIR/read") $(grep -Ec '^  not ok [0-9]+ planted-syscalls # (ERROR|TIMEOUT) ' "$R.ktap")" \
	"2 2" "the tools of the unexpected ERROR and TIMEOUT are not ok, the reason after their directive"

# By hand, what a TAP parser does not check: a version line opening each
# subtest, two spaces a level, a diagnosis line before a failed result.
is "$(grep -c '^  KTAP version 1$' "$R.ktap") $(grep -c '^  # Subtest: ' "$R.ktap")" \
	"$(jq '[.results[].tool] | unique | length' "$R.json") $(jq '[.results[].tool] | unique | length' "$R.json")" \
	"each tool's subtest opens with '  KTAP version 1' and '  # Subtest: TOOL'"
if grep -B1 '^  ok 1 planted-syscalls # XFAIL LOSS' "$R.ktap" | grep -q '^  # .*planted.scn:[0-9]* LOSS .*: [0-9]* missing and none reported lost'; then
	ok "a known LOSS: its check's file:line, numbers and diagnosis on a '#' line before it"
else
	not_ok "a known LOSS: the diagnosis line before it" "$(grep -B3 'XFAIL LOSS' "$R.ktap")"
fi

# The reader must be able to fail: a subtest short of its plan.
sed '0,/^  ok 1 planted-syscalls$/{/^  ok 1 planted-syscalls$/d}' "$R.ktap" >"$T_DIR/broken.ktap"
"$PY" tests/integration/ktap_read.py "$T_DIR/broken.ktap" >/dev/null 2>"$T_DIR/broken.err"
is "$? $(cat "$T_DIR/broken.err")" \
	"1 ktap_read: $T_DIR/broken.ktap: subtest of planted-accounted: plan 1..1, but 0 results" \
	"the reader fails on a subtest short of its plan"

# --- ci/examples: the artifacts hold what the next job reads ------------------
mkdir "$T_DIR/ci"
"$PY" tests/integration/ci_artifacts.py "$R.d" "$T_DIR/ci" >"$T_DIR/ci.out" 2>&1
if [ $? -eq 0 ] && ! grep -q '^not ok' "$T_DIR/ci.out"; then
	ok "ci/examples: the merge job finds the host's and each kernel's results.json; GitLab keeps its JUnit"
else
	not_ok "ci/examples: artifact paths" "$(cat "$T_DIR/ci.out")"
fi

# --- tracecal diff ------------------------------------------------------------
# A second run of the same: verdicts do not move (numbers may: a tool's
# losses vary), so no regression.
"$TRACECAL" run $PL/planted.scn --scenario planted-syscalls --tool $PL --known "$T_DIR/EXPECTED" \
	--json "$R.2.json" --html "$R.2.html" --out "$R.2.d" >"$R.2.out" 2>&1
"$TRACECAL" diff "$R.json" "$R.2.json" >"$T_DIR/same" 2>&1
is "$? $(grep -c 'x planted-syscalls: [A-Z]* -> ' "$T_DIR/same")" "0 0" \
	"diff of two runs of the same: no verdict changed, exit 0"
# A tool that passed now fails: a regression, named with the new reason.
jq '(.results[] | select(.tool == "planted-compound-cd")) |= (.verdict = "FAIL" |
	.reason = "planted: tool 1 vs manifest 2")' "$R.json" >"$T_DIR/new.json"
"$TRACECAL" diff "$R.json" "$T_DIR/new.json" >"$T_DIR/reg" 2>&1
is "$?" 1 "diff: a verdict turned from PASS to FAIL: exit 1"
if grep -A1 '^Regressions' "$T_DIR/reg" | grep -q '^  planted-compound-cd x planted-syscalls: PASS -> FAIL$' &&
	grep -q '^      now: planted: tool 1 vs manifest 2$' "$T_DIR/reg"; then
	ok "diff names the regression, with the new run's reason"
else
	not_ok "diff names the regression, with the new run's reason" "$(cat "$T_DIR/reg")"
fi
# The other way round, a fix; and a cell only one run has.
jq 'del(.results[] | select(.tool == "planted-loss"))' "$T_DIR/new.json" >"$T_DIR/gone.json"
"$TRACECAL" diff "$T_DIR/gone.json" "$R.json" >"$T_DIR/fix" 2>&1
is "$? $(grep -c 'PASS  (fixed)$' "$T_DIR/fix") $(grep -A1 '^New cells' "$T_DIR/fix" | tail -1)" \
	"0 1   planted-loss x planted-syscalls: LOSS" "diff: FAIL -> PASS is fixed, not a regression; a new cell is named"
"$TRACECAL" diff "$R.json" >/dev/null 2>"$T_DIR/err"
is "$? $(grep -c 'which runs? give OLD.json and NEW.json' "$T_DIR/err")" "2 1" "diff of one run: exit 2, says what it wants"

# --- HTML -----------------------------------------------------------------------
cmp -s "$R.2.html" "$R.2.d/index.html" && ok "--html writes the page --out writes as index.html" ||
	not_ok "--html writes the page --out writes as index.html" "$(diff "$R.2.html" "$R.2.d/index.html" | head -5)"
if ! command -v chromium >/dev/null; then
	for t in "the page renders: not blank, the verdicts' colours" "a cell per run" "self-contained" \
		"merge -o: kernel-matrix.html"; do
		ok "$t # SKIP chromium is not installed (ci/deps installs it)"
	done
else
	# --no-sandbox: as root; a profile of its own, so that nothing is left in ~
	chrome() { timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$T_DIR/chromium" --window-size=1200,900 "$@" "file://$R.2.html" 2>/dev/null; }
	chrome --screenshot="$T_DIR/shot.png" >/dev/null
	# distinct colours, and pixels of a PASS, a SKIP and an ERROR cell's colour
	shot=$("$PY" -c 'import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
px = im.getcolors(1 << 24)
have = {c for n, c in px}
print(im.size[0], im.size[1], len(px) >= 8,
      all(c in have for c in [(0x5c, 0xb8, 0x5c), (0xf4, 0xf4, 0xf4), (0x8e, 0x44, 0xad)]))' \
		"$T_DIR/shot.png" 2>&1)
	is "$shot" "1200 900 True True" "the page renders (1200x900): not blank, PASS, SKIP and ERROR in their colours"
	chrome --dump-dom >"$T_DIR/dom.html"
	# data-tool and data-scenario of every cell, as Chromium parsed them
	"$PY" -c 'import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "td" and "cell" in a.get("class", "").split():
            print(a["data-tool"] + "\t" + a["data-scenario"] + "\t" + a["data-verdict"])
P().feed(open(sys.argv[1]).read())' "$T_DIR/dom.html" | sort >"$T_DIR/cells"
	jq -r '.results[] | [.tool, .scenario, .verdict] | join("\t")' "$R.2.json" | sort >"$T_DIR/runs"
	if [ -s "$T_DIR/runs" ] && diff "$T_DIR/cells" "$T_DIR/runs" >"$T_DIR/d"; then
		ok "a cell per run in the rendered page, with its verdict ($(wc -l <"$T_DIR/runs") runs)"
	else
		not_ok "a cell per run in the rendered page" "$(head -10 "$T_DIR/d")"
	fi
	is "$(grep -Eic '<script|<link|(src|href)="(https?:)?//' "$R.2.html")" 0 \
		"self-contained: no script, stylesheet or image from elsewhere"
	# The kernel matrix of the two runs (merge -o): a cell per run and column,
	# scenarios SKIPped in both left out.
	"$TRACECAL" merge a="$R.json" b="$R.2.json" -o "$T_DIR/km" >/dev/null 2>&1
	timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$T_DIR/chromium" \
		--dump-dom "file://$T_DIR/km/kernel-matrix.html" 2>/dev/null >"$T_DIR/km.dom"
	want=$(jq -s '[.[].results[] | select(.verdict != "SKIP") | .tool + " " + .scenario] |
		unique | length * 2' "$R.json" "$R.2.json")
	is "$(grep -o '<td class="cell [A-Z]*" data-verdict="[A-Z]*" data-kernel="[ab]"' "$T_DIR/km.dom" | wc -l)" \
		"$want" "merge -o: kernel-matrix.html, rendered, has a cell per judged run and kernel"
fi

finish
