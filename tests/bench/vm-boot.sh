#!/usr/bin/env bash
# tests/bench/vm-boot.sh: how long a kernel of the matrix takes from qemu's
# start to its first result, under KVM and under TCG, measured side by side
# in one run (make bench runs it after the bench binary).
#
#   first line    /init's first console line ("init: up at"): the kernel is up
#   first result  the first result frame on the results port, the payload being
#                 one real pair (tracecal-syscount x syscall-counts): BPF
#                 loaded, a workload counted, the report on its way out
#   qemu exit     the guest powered off after sending everything
# All from qemu's start, as vm-images/run.sh --boot-times sees them (it polls
# the console and results files every 20 ms). The runs alternate kvm, tcg,
# kvm, tcg... so that a noisy spell of the machine falls on both; medians.
# Where KVM is refused the row says why, and TCG is measured alone.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

usage() {
	cat <<'EOF'
Usage: tests/bench/vm-boot.sh [--runs N] [--suite | --no-suite] [--kernels "NAME..."]
Boot to first result of each kernel of vm-images/kernels.list (built first
if need be), under KVM and TCG side by side, as medians and ratios.

  --runs N            boots per kernel and accelerator (default 5, or $BENCH_VM_RUNS)
  --suite             also time the whole default suite once per kernel and
                      accelerator (default: only when KVM works here; about
                      90 s a kernel under TCG). $BENCH_VM_SUITE=1 or 0 too.
  --no-suite          never time the whole suite
  --kernels "NAME..." these kernels instead of vm-images/kernels.list
  -h, --help          this help

Examples:
  make bench
  tests/bench/vm-boot.sh --runs 3 --kernels linux-image-cloud-amd64
  BENCH_VM_SUITE=1 tests/bench/vm-boot.sh
EOF
}

misuse() {
	echo "vm-boot.sh: $*" >&2
	echo "Try 'tests/bench/vm-boot.sh --help'." >&2
	exit 2
}

runs=${BENCH_VM_RUNS:-5}
suite=${BENCH_VM_SUITE:-auto}
kernels=()
while [ $# -gt 0 ]; do
	case $1 in
	-h | --help) usage; exit 0 ;;
	--runs) [ $# -ge 2 ] || misuse "--runs needs a number"; runs=$2; shift 2 ;;
	--suite) suite=1; shift ;;
	--no-suite) suite=0; shift ;;
	--kernels) [ $# -ge 2 ] || misuse "--kernels needs names"; read -ra kernels <<<"$2"; shift 2 ;;
	*) misuse "unknown argument '$1'" ;;
	esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || misuse "--runs '$runs': a whole number of boots"
[[ $suite =~ ^(auto|0|1)$ ]] || misuse "BENCH_VM_SUITE='$suite': 1, 0 or auto"
if [ ${#kernels[@]} -eq 0 ]; then
	mapfile -t kernels < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' vm-images/kernels.list | grep .)
fi

echo
echo "VM boot to first result, per kernel (tests/bench/vm-boot.sh)"
# A bench is for figures: a machine that cannot run VMs says so and moves on.
for p in qemu-system-x86_64 busybox jq; do
	if ! command -v $p >/dev/null; then
		echo "  not measured: $p is missing (make deps)"
		exit 0
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/tracecal-vmbench.XXXXXX")
# shellcheck disable=SC2317 # called by the trap
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# The images and the guests' tracecal: cached, so a second bench only checks.
if ! bash vm-images/build.sh "${kernels[@]}" >"$work/build.log" 2>&1; then
	echo "vm-boot.sh: vm-images/build.sh failed:" >&2
	tail -n 15 "$work/build.log" >&2
	exit 1
fi
make --no-print-directory -s vm-tracecal

# Is KVM there? run.sh's own probe, so the answer is the one the runs get.
accels=(tcg)
kvm_refused=
if vm-images/run.sh --probe-accel --accel kvm >"$work/probe.out" 2>&1; then
	accels=(kvm tcg)
else
	kvm_refused=$(sed -n 's/.*KVM does not work here: //p' "$work/probe.out")
	kvm_refused=${kvm_refused:-$(tail -n1 "$work/probe.out")}
	kvm_refused=${kvm_refused#kvm: } # the device check's, not a CPU model's
fi
if [ "$suite" = auto ]; then
	suite=0
	[ -z "$kvm_refused" ] && suite=1
fi

pair=(tracecal run scenarios/syscalls.scn --scenario syscall-counts --only tracecal-syscount
	--out /results/first)

# "kvm -cpu host, 2 CPUs", from run.sh's accel.json.
describe() { # ACCEL.JSON
	jq -r '"\(.accel)\(if .cpu then " -cpu " + .cpu else "" end), \(.smp) CPU\(if .smp > 1 then "s" else "" end)"' "$1"
}

# One boot: appends "first_line first_result qemu_exit" to $work/K.ACCEL.
boot() { # KERNEL ACCEL
	local rc=0 f=$work/$1.$2
	vm-images/run.sh --kernel "$1" --accel "$2" --boot-times --timeout 300 --out "$work/run" \
		-- "${pair[@]}" >"$work/run.log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] || [ ! -s "$work/run/boot-times.txt" ]; then
		echo "fail" >>"$f"
		cp "$work/run.log" "$f.fail.log"
		return 0
	fi
	awk '$1 == "first_line" { l = $2 } $1 == "first_result" { r = $2 } $1 == "qemu_exit" { e = $2 }
		END { print l, r, e }' "$work/run/boot-times.txt" >>"$f"
	describe "$work/run/accel.json" >"$f.desc"
}

# The median of column COL of FILE (rows of "-" or "fail" left out).
median() { # FILE COL
	awk -v c="$2" '$1 != "fail" && $c != "-" { print $c }' "$1" | sort -n |
		awk '{ v[NR] = $1 } END { if (!NR) print "-"; else if (NR % 2) printf "%.2f\n", v[(NR + 1) / 2];
			else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

met() { # SECONDS AIM
	awk -v s="$1" -v a="$2" 'BEGIN { print (s == "-" ? "not measured" : s < a ? "met" : "not met") }'
}

ratio() { # A B: A/B, or - when either is missing
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.1f\n", a / b }'
}

for k in "${kernels[@]}"; do
	for _ in $(seq "$runs"); do
		for a in "${accels[@]}"; do
			boot "$k" "$a"
		done
	done
done

order="tcg only"
[ ${#accels[@]} -eq 1 ] || order="interleaved kvm, tcg, kvm, tcg, ..."
printf '  %d run%s per kernel and accelerator (%s); medians, seconds from qemu'"'"'s start\n' \
	"$runs" "$([ "$runs" -eq 1 ] || echo s)" "$order"
printf '  first line: /init is up; first result: tracecal-syscount x syscall-counts on its way out\n'
printf '  %-28s %-42s %10s %12s %9s\n' kernel accelerator "first line" "first result" "qemu exit"
for k in "${kernels[@]}"; do
	release=$(basename "$(readlink -f "build/vm/kernels/$k" 2>/dev/null || echo "$k")")
	name=$release
	if [ -n "$kvm_refused" ]; then
		printf '  %-28s KVM: not available here: %s\n' "$name" "$kvm_refused"
		name=
	fi
	declare -A med=()
	for a in "${accels[@]}"; do
		f=$work/$k.$a
		for col in 1 2 3; do
			med[$a.$col]=$(median "$f" $col)
		done
		aim=
		[ "$a" != kvm ] || aim="   aim: first line < 3 s, $(met "${med[$a.1]}" 3)"
		printf '  %-28s %-42s %10s %12s %9s%s\n' "$name" "$(cat "$f.desc" 2>/dev/null || echo "$a")" \
			"${med[$a.1]}" "${med[$a.2]}" "${med[$a.3]}" "$aim"
		nfail=$(grep -c '^fail' "$f" || true)
		if [ "$nfail" -gt 0 ]; then
			printf '  %-28s %d of %d runs failed; the last said:\n' "" "$nfail" "$runs"
			tail -n 4 "$f.fail.log" | sed 's/^/      | /'
		fi
		name=
	done
	if [ ${#accels[@]} -eq 2 ]; then
		printf '  %-28s %-42s %10s %12s %9s\n' "" "tcg/kvm" "$(ratio "${med[tcg.1]}" "${med[kvm.1]}")" \
			"$(ratio "${med[tcg.2]}" "${med[kvm.2]}")" "$(ratio "${med[tcg.3]}" "${med[kvm.3]}")"
	fi
	unset med
done

if [ "$suite" != 1 ]; then
	if [ -n "$kvm_refused" ]; then
		echo "  whole suite: not timed (no KVM here, and under TCG it takes about 90 s a kernel;"
		echo "  BENCH_VM_SUITE=1 or --suite times it)"
	else
		echo "  whole suite: not timed (--no-suite or BENCH_VM_SUITE=0)"
	fi
	exit 0
fi
echo
echo "  The whole default suite (scenarios/) in the VM, one run per kernel and accelerator, qemu's start to exit:"
for k in "${kernels[@]}"; do
	release=$(basename "$(readlink -f "build/vm/kernels/$k" 2>/dev/null || echo "$k")")
	declare -A s=()
	for a in "${accels[@]}"; do
		rc=0
		vm-images/run.sh --kernel "$k" --accel "$a" --boot-times --timeout 900 --out "$work/run" \
			-- tracecal run scenarios/ --out /results/suite >"$work/run.log" 2>&1 || rc=$?
		s[$a]=$(awk '$1 == "qemu_exit" { printf "%.1f\n", $2 }' "$work/run/boot-times.txt" 2>/dev/null || true)
		s[$a]=${s[$a]:--}
		aim=
		[ "$a" != kvm ] || aim="   aim: < 60 s, $(met "${s[$a]}" 60)"
		note=
		[ "$rc" -le 1 ] || note="   (run.sh exited $rc: $(tail -n1 "$work/run.log"))"
		printf '  %-28s %-42s %8s s%s%s\n' "$release" \
			"$(describe "$work/run/accel.json" 2>/dev/null || echo "$a")" "${s[$a]}" "$aim" "$note"
		release=
	done
	[ ${#accels[@]} -eq 1 ] || printf '  %-28s %-42s %8s\n' "" "tcg/kvm" "$(ratio "${s[tcg]}" "${s[kvm]}")"
	unset s
done
