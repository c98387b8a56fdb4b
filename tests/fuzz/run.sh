#!/usr/bin/env bash
# tests/fuzz/run.sh: what `make fuzz` runs. With --check, only whether clang
# can build a libFuzzer target here (and what to install if not); else each
# target of BINDIR for SECONDS, from a seed corpus of the repository's own
# scenarios, descriptors, EXPECTED files, tapset libraries and captured tool
# outputs, and a line per target: executions, coverage (libFuzzer's cov:
# edges and ft: features), corpus size, and any crash, whose input is kept in
# build/fuzz/crashes/TARGET/ (turn it into a unit-test case, then fix it).
# Exit status: 0 if no target crashed, 1 if one did, 2 for a usage or setup error.
set -euo pipefail

usage() {
	cat <<EOF
Usage: tests/fuzz/run.sh --check
       tests/fuzz/run.sh BINDIR SECONDS TARGET...
Run each libFuzzer TARGET (fuzz_scenario, fuzz_prom, ...) of BINDIR for
SECONDS, seeded from the repository's files; report executions and coverage.
Examples:
  make fuzz                     # every target, 60 s each
  make fuzz FUZZ_SECONDS=10     # a quick pass
EOF
}

check() {
	local t
	command -v clang >/dev/null || {
		echo "make fuzz: clang is missing: apt-get install clang" >&2
		exit 2
	}
	t=$(mktemp -d)
	printf '#include <stdint.h>\n#include <stddef.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' >"$t/t.c"
	if ! clang -fsanitize=fuzzer,address -o "$t/t" "$t/t.c" 2>"$t/err"; then
		echo "make fuzz: clang cannot link a libFuzzer target here (its fuzzer runtime," \
			"libclang_rt.fuzzer, is missing): apt-get install libclang-rt-$(clang -dumpversion | cut -d. -f1)-dev" >&2
		sed 's/^/  | /' "$t/err" | tail -n 3 >&2
		rm -rf "$t"
		exit 2
	fi
	rm -rf "$t"
}

case ${1:-} in
-h | --help) usage; exit 0 ;;
--check) check; exit 0 ;;
esac
[ $# -ge 3 ] || { usage >&2; exit 2; }
bindir=$1 secs=$2
shift 2
[[ $secs =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: SECONDS '$secs': a whole number above 0" >&2; exit 2; }
out=build/fuzz

# seeds TARGET DIR: the seed corpus. The output readers' targets take a
# first byte of options: each seed is given with the ones that matter.
seeds() {
	local f p
	case $1 in
	fuzz_scenario) cp scenarios/*.scn tests/*/*.scn tests/unit/fixtures/*.scn "$2"/ ;;
	fuzz_descriptor)
		find scenarios/tools tests/planted tests/leak tests/oracles tests/crash -name '*.tool' \
			-exec cp -t "$2" {} +
		cp tests/unit/fixtures/*.tool "$2"/
		;;
	fuzz_expected)
		for f in scenarios/EXPECTED tests/*/EXPECTED tests/unit/fixtures/harness_known*.txt; do
			cp "$f" "$2/$(echo "$f" | tr / _)"
		done
		;;
	fuzz_tapset) find tapsets tests/tapsets -name '*.tapset' -exec cp -t "$2" {} + ;;
	fuzz_prom) cp tests/unit/fixtures/parse_prom_*.txt tests/unit/fixtures/harness_*.out "$2"/ ;;
	fuzz_bpftrace | fuzz_table)
		for f in tests/unit/fixtures/parse_bpftrace_*.txt tests/unit/fixtures/parse_table_*.txt; do
			for p in 0 1 2 3 6; do
				{ printf "\\x$p"; cat "$f"; } >"$2/$p.$(basename "$f")"
			done
		done
		;;
	esac
}

# The last of libFuzzer's status lines: "#N DONE cov: C ft: F corp: K/S ...".
summary() {
	grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$1" | tail -n 1 |
		sed -E 's/^#([0-9]+).*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+)\/([^ ]+).*exec\/s: ([0-9]+).*/\1 \2 \3 \4 \5 \6/'
}

status=0
mkdir -p "$out"
printf '%-18s %12s %8s %8s %8s %10s  %s\n' target executions cov ft corpus exec/s result
for t in "$@"; do
	corpus=$out/corpus/$t seed=$out/seed/$t crashes=$out/crashes/$t log=$out/$t.log
	rm -rf "$seed"
	mkdir -p "$corpus" "$seed" "$crashes"
	seeds "$t" "$seed"
	rc=0
	# One process; -max_total_time bounds it; a crash stops it with its input in crashes/.
	"$bindir/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$crashes/" "$corpus" "$seed" >"$log" 2>&1 || rc=$?
	read -r execs cov ft corp size eps <<<"$(summary "$log")" || true
	if [ "$rc" -eq 0 ]; then
		result=ok
	else
		result="CRASH (exit $rc): $(ls -t "$crashes" | head -n1); $log"
		status=1
	fi
	printf '%-18s %12s %8s %8s %8s %10s  %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" \
		"${corp:-?}" "${eps:-?}" "$result"
done
echo "cov: code edges reached; ft: libFuzzer's features (edges, counters, comparisons)"
echo "corpora kept in $out/corpus/ (the next make fuzz goes on from them); crashes in $out/crashes/"
exit "$status"
