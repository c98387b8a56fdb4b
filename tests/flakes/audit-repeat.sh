#!/usr/bin/env bash
# tests/flakes/audit-repeat.sh: `make audit` N times in a row, and every
# cell (tool x scenario) whose verdict was not the same in every run, with
# each run's verdict and reason. A verdict that changes from one run to the
# next on the same machine is a flake of the harness or the scenario, and
# must be found and fixed, not excused. Not part of CI: N audits take N
# times 5 minutes. Run it on a quiet machine (as root, like make audit).
set -euo pipefail

usage() {
	cat <<EOF
Usage: tests/flakes/audit-repeat.sh [-n N] [-o DIR] [-L LOCKFILE]
Run make audit N times (default 20) and report every cell whose verdict
differed between runs. Each run's results.json and log are kept in DIR
(default build/flakes). Exit status: 0 if every cell got the same verdict
in every run, 1 if one did not, 2 for a usage error.

  -n N     how many audits (at least 2)
  -o DIR   where each run's results.json and log go
  -c       run nothing: compare the run-N.json already in DIR
  -L FILE  hold FILE locked (flock) during each audit, so that test runs
           sharing the machine and the lock wait between audits, never in one
  -h       this help

Examples:
  tests/flakes/audit-repeat.sh              # 20 audits, about 100 minutes
  tests/flakes/audit-repeat.sh -n 2         # does it work at all
  tests/flakes/audit-repeat.sh -c           # the kept results, compared again
EOF
}

n=20
dir=build/flakes
compare_only=false
lock=
while getopts "n:o:L:ch" opt; do
	case $opt in
	c) compare_only=true ;;
	L) lock=$OPTARG ;;
	n) n=$OPTARG ;;
	o) dir=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || { echo "audit-repeat.sh: unexpected '$1'; see -h" >&2; exit 2; }
[ -z "$lock" ] || command -v flock >/dev/null || { echo "audit-repeat.sh: -L needs flock (util-linux)" >&2; exit 2; }
[[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 2 ] || { echo "audit-repeat.sh: -n '$n': a count of 2 or more" >&2; exit 2; }
command -v jq >/dev/null || { echo "audit-repeat.sh: jq is needed (apt-get install jq)" >&2; exit 2; }

if $compare_only; then
	n=$(find "$dir" -maxdepth 1 -name 'run-*.json' | wc -l)
	[ "$n" -ge 2 ] || { echo "audit-repeat.sh: -c: fewer than 2 run-N.json in $dir" >&2; exit 2; }
fi
mkdir -p "$dir"
$compare_only || rm -f "$dir"/run-*.json "$dir"/run-*.log
# Ctrl-C stops the series, not only the audit it came in: the audit exits
# 130 (and releases its own), make 2, and bash, whose child "handled" the
# signal, runs no trap of its own then; the trap is for one between audits.
interrupted() {
	echo "audit-repeat.sh: interrupted; the audits finished before are in $dir (compare them: -c -o $dir)" >&2
	exit 130
}
trap interrupted INT TERM
for i in $(seq "$n"); do
	$compare_only && break
	rc=0
	if [ -n "$lock" ]; then
		exec 9>>"$lock"
		flock 9
	fi
	start=$(date +%s)
	echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >"$dir/run-$i.log"
	make --no-print-directory audit >>"$dir/run-$i.log" 2>&1 9>&- || rc=$? # the lock stays ours, not its children's
	echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$dir/run-$i.log"
	[ -z "$lock" ] || exec 9>&-
	! grep -q '^make: \*\*\* \[.*\] Error 130$' "$dir/run-$i.log" || interrupted
	if [ ! -s reports/out/results.json ] || [ "$(stat -c %Y reports/out/results.json)" -lt "$start" ]; then
		echo "audit $i/$n: exit $rc and no new reports/out/results.json; its log: $dir/run-$i.log" >&2
		exit 2
	fi
	cp reports/out/results.json "$dir/run-$i.json"
	printf 'audit %d/%d: exit %d, %d cells, %d s (%s)\n' "$i" "$n" "$rc" \
		"$(jq '.results | length' "$dir/run-$i.json")" $(($(date +%s) - start)) "$dir/run-$i.json"
done

# One line per run and cell: TOOL<TAB>SCENARIO<TAB>RUN<TAB>VERDICT<TAB>REASON.
for i in $(seq "$n"); do
	jq -r --arg run "$i" '.results[] | [.tool, .scenario, $run, .verdict, (.reason // "")] | @tsv' \
		"$dir/run-$i.json"
done | sort -t$'\t' -k1,1 -k2,2 -k3,3n >"$dir/cells.tsv"

awk -F'\t' -v n="$n" '
	{ key = $1 " x " $2; if (!(key in seen)) { order[++k] = key; seen[key] = 1 }
	  runs[key]++; v[key, $4]++; if (!((key, $4) in vs)) { vs[key, $4] = 1; list[key] = list[key] " " $4 }
	  line[key] = line[key] sprintf("    run %s: %s%s\n", $3, $4, $5 == "" ? "" : ": " substr($5, 1, 200)) }
	END {
		for (i = 1; i <= k; i++) {
			key = order[i]; m = split(list[key], w, " ")
			if (m > 1 || runs[key] != n) {
				differ++
				printf "  %s:", key
				for (j = 1; j <= m; j++) printf " %s %d", w[j], v[key, w[j]]
				if (runs[key] != n) printf " (in %d of %d runs)", runs[key], n
				printf "\n%s", line[key]
			}
		}
		printf "Over %d audits: %d cells, %d with the same verdict in every run, %d differed\n",
			n, k, k - differ, differ
		exit differ > 0
	}' "$dir/cells.tsv"
