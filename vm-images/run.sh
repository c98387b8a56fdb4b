#!/usr/bin/env bash
# vm-images/run.sh: run a command in a VM of another kernel, with the static
# tracecal (make vm-tracecal) and scenarios/ in it, and bring its results back.
#
# The payload, a second cpio appended to the kernel's base initramfs
# (vm-images/build.sh), holds /payload/bin/tracecal, /payload/scenarios/ and
# /payload/run, which runs COMMAND in /payload with RESULTS=/results, then
# sends every file under /results (and each --fetch PATH) over the second
# serial port. The guest's /init sends the command's output and its exit
# status there too; this script unpacks them into the out dir:
#   console.log   the kernel's and /init's console (the first serial port)
#   serial.txt    the results port as it came, framed (see vm-send)
#   output.txt    COMMAND's stdout and stderr
#   FILE...       what the payload sent, by name
#   summary.txt   the one-line summary printed at the end
# A scratch ext4 disk (sparse, made here with mkfs.ext4 on a plain file) is
# /tmp in the guest: the harness's loop devices need a backing file system
# that takes O_DIRECT, which tmpfs does not before 6.6.
#
# Exit status: COMMAND's, or 124 on a timeout, 125 when no result came back
# (a kernel panic twice in a row, or a guest that stopped without a word),
# 2 for a usage or setup error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
vm=$root/build/vm

usage() {
	cat <<EOF
Usage: vm-images/run.sh --kernel NAME [OPTION...] -- COMMAND...
Run COMMAND in a qemu VM of kernel NAME, in /payload (scenarios/ is there,
tracecal is on the PATH), and bring back its output, its exit status and
the files it leaves in \$RESULTS (/results).

  --kernel NAME     a kernel built by vm-images/build.sh: its metapackage
                    (linux-image-cloud-amd64), release (6.1.0-56-cloud-amd64)
                    or a directory holding vmlinuz and initramfs.cpio
  --timeout SECS    stop the VM after SECS seconds (default 600): exit 124
  --out DIR         the results (default build/vm/runs/NAME); emptied first,
                    and only if it is empty or was made by run.sh
  --fetch PATH      also bring back this guest file (repeatable)
  --mem MB          guest memory (default 1024)
  --smp N           guest CPUs (default 1: TCG runs them in one host thread)
  --disk-size SIZE  the scratch disk on /tmp (default 2G, sparse)
  --no-disk         /tmp on tmpfs instead
  --append WORDS    more kernel command line
  -h, --help        this help

Examples:
  vm-images/run.sh --kernel linux-image-cloud-amd64 -- \\
      tracecal run scenarios/syscalls.scn --json /results/r.json --junit /results/junit.xml
  vm-images/run.sh --kernel linux-image-6.12-cloud-amd64 -- sh -c 'tracecal list; uname -r'

Exit status: COMMAND's; 124 timeout; 125 no result (panic twice, or none).
EOF
}

misuse() {
	echo "run.sh: $*" >&2
	echo "Try 'vm-images/run.sh --help'." >&2
	exit 2
}

die() {
	echo "run.sh: ${kernel:-}${kernel:+: }$*" >&2
	exit 2
}

say() { echo "run: $kernel: $*"; }

kernel=
timeout=600
out=
mem=1024
smp=1
disk_size=2G
use_disk=true
append=
fetch=()
while [ $# -gt 0 ]; do
	case $1 in
	-h | --help) usage; exit 0 ;;
	--kernel | --timeout | --out | --fetch | --mem | --smp | --disk-size | --append)
		[ $# -ge 2 ] || misuse "$1 needs a value"
		case $1 in
		--kernel) kernel=$2 ;;
		--timeout) timeout=$2 ;;
		--out) out=$2 ;;
		--fetch) fetch+=("$2") ;;
		--mem) mem=$2 ;;
		--smp) smp=$2 ;;
		--disk-size) disk_size=$2 ;;
		--append) append=$2 ;;
		esac
		shift 2
		;;
	--no-disk) use_disk=false; shift ;;
	--) shift; break ;;
	*) misuse "unexpected '$1' (the command comes after --)" ;;
	esac
done
[ -n "$kernel" ] || misuse "--kernel NAME is required"
[ $# -gt 0 ] || misuse "no COMMAND after --"
[[ $timeout =~ ^[1-9][0-9]*$ ]] || misuse "--timeout '$timeout': seconds, a whole number"
[[ $mem =~ ^[1-9][0-9]*$ ]] || misuse "--mem '$mem': megabytes, a whole number"
[[ $smp =~ ^[1-9][0-9]*$ ]] || misuse "--smp '$smp': a whole number"

# The kernel: a directory, or a name under build/vm/kernels.
if [ -d "$kernel" ]; then
	kdir=$(cd "$kernel" && pwd)
else
	kdir=$vm/kernels/$kernel
	[ -d "$kdir" ] || kdir=$vm/kernels/${kernel#linux-image-}
	[ -d "$kdir" ] || die "not built: run vm-images/build.sh $kernel"
fi
for f in vmlinuz initramfs.cpio; do
	[ -f "$kdir/$f" ] || die "no $f in $kdir: run vm-images/build.sh $kernel"
done
release=$(basename "$(cd "$kdir" && pwd -P)")
tracecal=$vm/tracecal
[ -x "$tracecal" ] || die "no static tracecal at $tracecal: run make vm-tracecal"
qemu=$(command -v qemu-system-x86_64) || die "qemu-system-x86_64 is missing (apt-get install qemu-system-x86)"
busybox=$(command -v busybox) || die "busybox is missing (apt-get install busybox-static)"
if $use_disk; then
	mkfs=$(command -v mkfs.ext4 || echo /sbin/mkfs.ext4)
	[ -x "$mkfs" ] || die "mkfs.ext4 is missing (apt-get install e2fsprogs), or use --no-disk"
fi

# The out dir: emptied, but only if run.sh made it (or it is empty).
marker=.tracecal-vm-run
out=${out:-$vm/runs/${kernel//\//_}}
if [ -d "$out" ] && [ -n "$(ls -A "$out")" ] && [ ! -e "$out/$marker" ]; then
	die "--out $out holds files run.sh did not make: give an empty or new dir"
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
find "$out" -mindepth 1 -delete
touch "$out/$marker"

work=$(mktemp -d "${TMPDIR:-/tmp}/tracecal-vm.XXXXXX")
qpid=
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [ -n "$qpid" ]; then
		kill "$qpid" 2>/dev/null || true
		wait "$qpid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Quote a word for sh: 'it'\''s'.
shquote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

# The payload: /payload/run, the static tracecal, scenarios/.
say "payload: tracecal, scenarios/, COMMAND: $*"
stage=$work/payload
mkdir -p "$stage/payload/bin" "$stage/results"
cp "$tracecal" "$stage/payload/bin/tracecal"
cp -a "$root/scenarios" "$stage/payload/scenarios"
# shellcheck disable=SC2016 # the $ are for the guest's shell
{
	echo '#!/bin/sh'
	echo '# Made by vm-images/run.sh: COMMAND, then its results to the host.'
	echo 'export RESULTS=/results'
	echo 'cd /payload'
	line=
	for a in "$@"; do
		line+="$(shquote "$a") "
	done
	echo "${line% }"
	echo 'status=$?'
	echo 'sync'
	echo '[ -z "$(ls -A "$RESULTS")" ] || vm-send -r "$RESULTS"'
	for f in "${fetch[@]}"; do
		echo "vm-send $(shquote "$f") || echo \"run: --fetch $(shquote "$f"): not there\" >&2"
	done
	echo 'exit $status'
} >"$stage/payload/run"
chmod 0755 "$stage/payload/run"
(cd "$stage" && find . | LC_ALL=C sort | "$busybox" cpio -o -H newc 2>/dev/null) >"$work/payload.cpio"
cat "$kdir/initramfs.cpio" "$work/payload.cpio" >"$work/initrd"

cmdline="console=ttyS0 panic=-1 tc.vm"
# Fewer mitigations: much faster syscalls under TCG, the same hooks.
cmdline+=" mitigations=off"
qemu_args=(
	-nodefaults -no-user-config -display none
	-m "$mem" -smp "$smp"
	-kernel "$kdir/vmlinuz" -initrd "$work/initrd"
	-serial "file:$out/console.log" -serial "file:$out/serial.txt"
	-device 'isa-debug-exit,iobase=0xf4,iosize=0x04'
	-no-reboot
)
if [ -w /dev/kvm ]; then
	qemu_args+=(-accel kvm -cpu host)
	accel=kvm
else
	# Single-threaded TCG: the 6.12 kernels panicked in boot now and then
	# with multi-threaded TCG (docs: /work/shared/MACHINE.md).
	qemu_args+=(-accel 'tcg,thread=single')
	accel=tcg
fi
if $use_disk; then
	cmdline+=" tc.disk=/dev/vda"
	qemu_args+=(-drive "file=$work/scratch.img,format=raw,if=virtio,cache=unsafe")
fi
[ -z "$append" ] || cmdline+=" $append"
qemu_args+=(-append "$cmdline")

# Unpack the framed files of serial.txt into the out dir; sets result_status
# (empty when no EXIT line came).
unpack() {
	local index name n
	result_status=
	mkdir -p "$work/frames"
	rm -f "$work/frames"/*
	# awk splits the frames: N.b64 for each file, and an index of N,
	# encoding and name (the name may hold spaces: it is all but the ends).
	index=$(tr -d '\r' <"$out/serial.txt" | awk -v dir="$work/frames" '
		/^=== FILE .* (gzip-)?base64$/ { n++; enc = $NF
			name = substr($0, 10, length($0) - 10 - length(enc))
			file = dir "/" n ".b64"; printf "" > file; next }
		/^=== END / && file { close(file); print n "\t" enc "\t" name; file = ""; next }
		/^=== EXIT [0-9]+$/ { print "EXIT\t-\t" $3; next }
		file { print >> file }')
	while IFS=$'\t' read -r n enc name; do
		[ -n "$n" ] || continue
		if [ "$n" = EXIT ]; then
			result_status=$name
			continue
		fi
		case /$name/ in
		*/../* | //* | */./*) echo "run: $kernel: skipped a file named '$name'" >&2; continue ;;
		esac
		case $name in
		console.log | serial.txt | summary.txt | console.*.log | "$marker")
			echo "run: $kernel: skipped '$name': a name of run.sh's own" >&2
			continue
			;;
		esac
		mkdir -p "$(dirname "$out/$name")"
		if [ "$enc" = gzip-base64 ]; then
			base64 -d <"$work/frames/$n.b64" | gzip -dc >"$out/$name"
		else
			base64 -d <"$work/frames/$n.b64" >"$out/$name"
		fi || echo "run: $kernel: $name: could not decode its $enc (cut short?)" >&2
	done <<<"$index"
}

# One boot; sets qemu_rc and seconds.
boot() {
	local start end
	rm -f "$out/console.log" "$out/serial.txt"
	if $use_disk; then
		rm -f "$work/scratch.img"
		truncate -s "$disk_size" "$work/scratch.img"
		"$mkfs" -q -F -L tc-scratch -E lazy_itable_init=0,lazy_journal_init=0 "$work/scratch.img"
	fi
	start=$(date +%s.%N)
	# qpid is timeout(1)'s: the EXIT trap's kill reaches qemu through it.
	timeout --kill-after=10 "$timeout" "$qemu" "${qemu_args[@]}" </dev/null &
	qpid=$!
	qemu_rc=0
	wait "$qpid" || qemu_rc=$?
	qpid=
	timed_out=false
	# qemu itself never exits 124: isa-debug-exit gives odd statuses.
	[ "$qemu_rc" -ne 124 ] && [ "$qemu_rc" -ne 137 ] || timed_out=true
	end=$(date +%s.%N)
	seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
}

panicked() { grep -q 'Kernel panic' "$out/console.log" 2>/dev/null; }

# What the kernel said as it went down: from a little before the first
# BUG, Oops, WARNING or panic line; else the console's tail.
console_excerpt() { # FILE
	local n
	n=$(tr -d '\r' <"$1" | grep -n -m1 -E 'Kernel panic|BUG:|Oops|general protection fault|WARNING:' |
		cut -d: -f1)
	if [ -n "$n" ]; then
		tr -d '\r' <"$1" | sed -n "$((n > 3 ? n - 3 : 1)),$((n + 12))p"
	else
		tr -d '\r' <"$1" | tail -n 20
	fi | sed 's/^/  | /' >&2
}

# The guest's own times, from /init's console lines.
guest_times() {
	local up start end
	up=$(sed -n 's/^init: up at \([0-9.]*\) s.*/\1/p' "$out/console.log" | tr -d '\r' | head -n1)
	start=$(sed -n 's/^init: payload starts at \([0-9.]*\) s.*/\1/p' "$out/console.log" | tr -d '\r' | head -n1)
	end=$(sed -n 's/^init: payload exited [0-9]* at \([0-9.]*\) s.*/\1/p' "$out/console.log" | tr -d '\r' | head -n1)
	[ -n "$up" ] || return 0
	printf 'guest: /init at %s s' "$up"
	[ -z "$start" ] || printf ', command %s-%s s' "$start" "${end:-?}"
}

say "qemu ($accel, ${mem} MiB, $smp CPU, timeout ${timeout}s): $release"
attempt=1
status=
while :; do
	boot
	unpack
	if [ -n "$result_status" ]; then
		status=$result_status
		what="exit $status"
		break
	fi
	if $timed_out; then
		status=124
		what="TIMEOUT after ${timeout}s"
		echo "run: $kernel: TIMEOUT after ${timeout}s; the console's last lines:" >&2
		tail -n 20 "$out/console.log" | tr -d '\r' | sed 's/^/  | /' >&2
		break
	fi
	if panicked && [ $attempt -eq 1 ]; then
		echo "run: $kernel: kernel panic and no result; the console says:" >&2
		console_excerpt "$out/console.log"
		mv "$out/console.log" "$out/console.1.log"
		say "retrying once (console of the first boot: console.1.log)"
		attempt=2
		continue
	fi
	status=125
	if panicked; then
		what="kernel panic twice, no result"
	else
		what="no result (qemu exited $qemu_rc)"
	fi
	echo "run: $kernel: $what; the console says:" >&2
	console_excerpt "$out/console.log"
	break
done

# isa-debug-exit makes qemu exit STATUS*2+1: a check on the results port.
if [ "$status" != 124 ] && [ "$status" != 125 ] && [ $(((status * 2 + 1) & 255)) -ne "$qemu_rc" ]; then
	echo "run: $kernel: note: qemu exited $qemu_rc, not $(((status * 2 + 1) & 255)) as guest-exit $status gives" >&2
fi
summary="run: $kernel ($release): $what in ${seconds}s of qemu ($(guest_times)); attempt $attempt; results in $out"
echo "$summary" >"$out/summary.txt"
echo "$summary"
exit "$status"
