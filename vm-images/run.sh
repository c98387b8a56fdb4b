#!/usr/bin/env bash
# vm-images/run.sh: run a command in a VM of another kernel, with the static
# tracecal (make vm-tracecal) and scenarios/ in it, and bring its results back.
#
# The payload, a second cpio appended to the kernel's base initramfs
# (vm-images/build.sh), holds /payload/bin/tracecal, /payload/scenarios/,
# /payload/tapsets/ and
# /payload/run, which runs COMMAND in /payload with RESULTS=/results, then
# sends every file under /results (and each --fetch PATH) over the second
# serial port. The guest's /init sends the command's output and its exit
# status there too; this script unpacks them into the out dir:
#   console.log   the kernel's and /init's console (the first serial port)
#   serial.txt    the results port as it came, framed (see vm-send)
#   output.txt    COMMAND's stdout and stderr
#   FILE...       what the payload sent, by name
#   summary.txt   the one-line summary printed at the end
#   accel.json    the accelerator the VM ran on, and why the others were refused
#   qemu.stderr   what qemu itself said (an abort, a refused option)
#   boot-times.txt  with --boot-times: when the first lines came (make bench)
# A scratch ext4 disk (sparse, made here with mkfs.ext4 on a plain file) is
# /tmp in the guest: the harness's loop devices need a backing file system
# that takes O_DIRECT, which tmpfs does not before 6.6.
#
# The accelerator is chosen by trying it, not by the device node: a nested
# /dev/kvm may be there and still refuse a CPU model (qemu aborts with
# "failed to set MSR 0x10a" when the outer hypervisor will not let the guest
# see IA32_ARCH_CAPABILITIES). Each KVM candidate boots a 64 KiB firmware
# that only writes isa-debug-exit: qemu sets the vCPUs up exactly as for the
# real boot (that is where a CPU model is refused) and exits within 0.1 s,
# needing no kernel, so the answer holds for every kernel and is cached per
# machine (build/vm/accel.cache, keyed on qemu, the host kernel, the CPU and
# /dev/kvm; a key that no longer matches is probed again). TCG is the last
# resort and is not probed: if even TCG fails, the boot names qemu's error.
#
# Environment, for tests: TRACECAL_QEMU (the qemu binary, default
# qemu-system-x86_64), TRACECAL_KVM_DEV (the device node checked before any
# KVM probe, default /dev/kvm), TRACECAL_ACCEL_CACHE (the cache file).
#
# Exit status: COMMAND's, or 124 on a timeout, 125 when no result came back
# (a kernel panic twice in a row, or a guest that stopped without a word),
# 2 for a usage or setup error (also: --accel kvm and no KVM candidate works).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
vm=$root/build/vm

usage() {
	cat <<EOF
Usage: vm-images/run.sh --kernel NAME [OPTION...] -- COMMAND...
       vm-images/run.sh --probe-accel [--accel MODE] [--smp N]
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
  --accel MODE      auto (default): the first that boots of kvm -cpu host,
                    kvm -cpu host,-arch-capabilities, kvm -cpu max, then tcg;
                    kvm: only those KVM candidates (exit 2 if none boots);
                    tcg: TCG, single-threaded, without trying KVM
  --probe-accel     only choose the accelerator, say which and why, and exit
  --smp N           guest CPUs (default: every host CPU with KVM; 1 with TCG,
                    which runs them all in one host thread)
  --tools SETS      the tool sets of vm-images/tools.list to attach, by name,
                    comma-separated (default: base: libbpf-tools, perf,
                    iostat), or all, or none; each read-only, linked by the
                    guest's /init to its host paths
  --disk-size SIZE  the scratch disk on /tmp (default 2G, sparse)
  --no-disk         /tmp on tmpfs instead
  --append WORDS    more kernel command line
  --boot-times      write boot-times.txt: seconds from qemu's start to /init's
                    first line and to the first result frame (make bench)
  -h, --help        this help

Examples:
  vm-images/run.sh --kernel linux-image-cloud-amd64 -- \\
      tracecal run scenarios/syscalls.scn --json /results/r.json --junit /results/junit.xml
  vm-images/run.sh --kernel linux-image-6.12-cloud-amd64 -- sh -c 'tracecal list; uname -r'
  vm-images/run.sh --kernel linux-image-cloud-amd64 --accel tcg -- uname -r
  vm-images/run.sh --probe-accel          # which accelerator would be used here

Exit status: COMMAND's; 124 timeout; 125 no result (panic twice, or none);
2 usage or setup error.
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

say() { echo "run: ${kernel:+$kernel: }$*"; }
cpus() { if [ "$1" = 1 ]; then echo "1 CPU"; else echo "$1 CPUs"; fi; }

kernel=
timeout=600
out=
mem=1024
smp=
disk_size=2G
use_disk=true
append=
fetch=()
accel_mode=auto
tools_arg=base
tool_imgs=()
probe_only=false
boot_times=false
while [ $# -gt 0 ]; do
	case $1 in
	-h | --help) usage; exit 0 ;;
	--kernel | --timeout | --out | --fetch | --mem | --smp | --disk-size | --append | --accel | --tools)
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
		--accel) accel_mode=$2 ;;
		--tools) tools_arg=$2 ;;
		esac
		shift 2
		;;
	--no-disk) use_disk=false; shift ;;
	--probe-accel) probe_only=true; shift ;;
	--boot-times) boot_times=true; shift ;;
	--) shift; break ;;
	*) misuse "unexpected '$1' (the command comes after --)" ;;
	esac
done
case $accel_mode in
auto | kvm | tcg) ;;
*) misuse "--accel '$accel_mode': one of auto, kvm, tcg" ;;
esac
[ -z "$smp" ] || [[ $smp =~ ^[1-9][0-9]*$ ]] || misuse "--smp '$smp': a whole number"
if ! $probe_only; then
	[ -n "$kernel" ] || misuse "--kernel NAME is required"
	[ $# -gt 0 ] || misuse "no COMMAND after --"
elif [ -n "$kernel" ] || [ $# -gt 0 ]; then
	misuse "--probe-accel boots no kernel: give neither --kernel nor a COMMAND"
fi
[[ $timeout =~ ^[1-9][0-9]*$ ]] || misuse "--timeout '$timeout': seconds, a whole number"
[[ $mem =~ ^[1-9][0-9]*$ ]] || misuse "--mem '$mem': megabytes, a whole number"

if [ -n "${TRACECAL_QEMU:-}" ]; then
	qemu=$TRACECAL_QEMU
	[ -x "$qemu" ] || die "TRACECAL_QEMU=$qemu: not an executable file"
else
	qemu=$(command -v qemu-system-x86_64) || die "qemu-system-x86_64 is missing (apt-get install qemu-system-x86)"
fi
kvm_dev=${TRACECAL_KVM_DEV:-/dev/kvm}
accel_cache=${TRACECAL_ACCEL_CACHE:-$vm/accel.cache}

# What runs killed before they could clean up left behind (a qemu still
# running, a scratch disk), released first and named (tracecal clean).
if [ -x "$root/tracecal" ]; then
	"$root/tracecal" clean --quiet || echo "run.sh: warning: tracecal clean failed (see above)" >&2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/tracecal-vm.XXXXXX")
qpid=
watcher=
rundir=
# This run's record, in the format of harness/runrec.h, where tracecal clean
# and the next run find it if this script is killed (SIGKILL runs no trap):
# the work folder, and TRACECAL_RUN_ID, which qemu inherits and which is how
# it is found. The owner file stays locked while this script lives; qemu and
# the boot watcher get the lock's fd closed, so they do not hold it after.
record_run() {
	local state=${TRACECAL_STATE_DIR:-/run/tracecal} tmp
	if ! mkdir -p "$state" 2>/dev/null || ! tmp=$(mktemp -d "$state/.new.XXXXXX" 2>/dev/null); then
		echo "run.sh: warning: cannot keep a record of this run in $state: if it is killed, tracecal clean will not find its qemu" >&2
		exec {lockfd}</dev/null
		return 0
	fi
	exec {lockfd}>"$tmp/owner"
	flock -n "$lockfd"
	printf 'pid %s\nstarted %s\ncommand vm-images/run.sh --kernel %s\n' $$ "$(date +%s)" "${kernel:-}" >&"$lockfd"
	rundir=$state/run.$$.${tmp##*.}
	mv -T "$tmp" "$rundir"
	printf 'dir %s\n' "$work" >>"$rundir/fixtures"
	export TRACECAL_RUN_ID=$rundir
}
record_run
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [ -n "$watcher" ]; then
		kill "$watcher" 2>/dev/null || true
		wait "$watcher" 2>/dev/null || true
	fi
	if [ -n "$qpid" ]; then
		kill "$qpid" 2>/dev/null || true
		wait "$qpid" 2>/dev/null || true
	fi
	rm -rf "$work"
	if [ -n "$rundir" ]; then
		rm -f "$rundir/fixtures" "$rundir/owner"
		rmdir "$rundir" 2>/dev/null || true
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The cause in qemu's stderr, on one line: its first error (qemu prefixes
# its own lines with its name; a warning is not a cause), else its first
# line; without qemu's name and "error: ".
qemu_cause() { # FILE
	local line
	line=$(tr -d '\r' <"$1" | grep -v -E '^[^ :]+: warning:' | grep -m1 -E '^[^ :]+: ' || true)
	[ -n "$line" ] || line=$(tr -d '\r' <"$1" | grep -m1 . || true)
	sed -E 's/^[^ :]+: //; s/^error: //' <<<"$line" | tr -d '\000-\037' | cut -c1-300
}

# The probe's firmware: 64 KiB of BIOS whose reset vector (its last 16
# bytes, at 0xfffffff0) does mov al, 0x2a; out 0xf4, al; hlt; jmp $-3.
# qemu exits with 0x2a*2+1 = 85, which no error of qemu's gives.
probe_exit=85
make_probe_firmware() { # FILE
	{
		head -c $((65536 - 16)) /dev/zero
		printf '\xb0\x2a\xe6\xf4\xf4\xeb\xfd'
		head -c 9 /dev/zero
	} >"$1"
}

# One probe boot of a KVM CPU model; on refusal sets probe_reason.
probe_kvm() { # CPU
	local rc=0
	[ -s "$work/probe.bin" ] || make_probe_firmware "$work/probe.bin"
	timeout --kill-after=2 10 "$qemu" -nodefaults -no-user-config -display none \
		-m 16 -smp "$probe_smp" -bios "$work/probe.bin" \
		-device 'isa-debug-exit,iobase=0xf4,iosize=0x04' -no-reboot \
		-accel kvm -cpu "$1" </dev/null >/dev/null 2>"$work/probe.stderr" || rc=$?
	[ "$rc" -ne "$probe_exit" ] || return 0
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		probe_reason="the probe boot did not finish within 10 s"
	else
		probe_reason=$(qemu_cause "$work/probe.stderr")
		[ -n "$probe_reason" ] || probe_reason="qemu exited $rc and said nothing"
	fi
	return 1
}

# What could change which candidate works: qemu, the host's kernel, the
# CPU (its flags change with the hypervisor under a nested one), the
# device node, and the guest CPUs the probe asked for.
accel_key() {
	local dev=writable cpu flags
	[ -w "$kvm_dev" ] || dev=read-only
	[ -e "$kvm_dev" ] || dev=absent
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
	flags=$(grep -m1 '^flags' /proc/cpuinfo | md5sum | cut -c1-12)
	printf 'qemu=%s (%s); host=%s; cpu=%s, flags %s; kvm=%s %s; smp=%s' \
		"$qemu" "$("$qemu" --version 2>/dev/null | head -n1)" "$(uname -r)" \
		"$cpu" "$flags" "$kvm_dev" "$dev" "$probe_smp"
}

# Sets accel (kvm, tcg, or empty when --accel kvm finds none), cpu,
# accel_args, refused_c/refused_r (candidate, reason), accel_cached.
choose_accel() {
	local key kind a b c
	accel='' cpu='' accel_cached=false accel_args=() refused_c=() refused_r=()
	if [ "$accel_mode" = tcg ]; then
		accel=tcg
	elif [ ! -e "$kvm_dev" ]; then
		refused_c+=(kvm) refused_r+=("no $kvm_dev")
	elif [ ! -w "$kvm_dev" ]; then
		refused_c+=(kvm) refused_r+=("$kvm_dev not writable")
	else
		key=$(accel_key)
		if [ -f "$accel_cache" ] && [ "$(sed -n 's/^key\t//p' "$accel_cache")" = "$key" ]; then
			while IFS=$'\t' read -r kind a b; do
				case $kind in
				refused) refused_c+=("$a") refused_r+=("$b") ;;
				chosen) cpu=$a ;;
				esac
			done <"$accel_cache"
			accel_cached=true
		else
			for c in host host,-arch-capabilities max; do
				if probe_kvm "$c"; then
					cpu=$c
					break
				fi
				refused_c+=("kvm -cpu $c") refused_r+=("$probe_reason")
			done
			# A cache that cannot be written costs a probe next time, no more.
			if mkdir -p "$(dirname "$accel_cache")" 2>/dev/null && {
				echo "# vm-images/run.sh: the KVM CPU model that booted here; probed again when the key changes"
				printf 'key\t%s\n' "$key"
				for a in "${!refused_c[@]}"; do
					printf 'refused\t%s\t%s\n' "${refused_c[$a]}" "${refused_r[$a]}"
				done
				printf 'chosen\t%s\n' "$cpu"
			} 2>/dev/null >"$accel_cache.$$"; then
				mv -f "$accel_cache.$$" "$accel_cache"
			else
				rm -f "$accel_cache.$$"
				say "note: could not write $accel_cache: the probes run again next time" >&2
			fi
		fi
		[ -z "$cpu" ] || accel=kvm
	fi
	if [ -z "$accel" ] && [ "$accel_mode" = auto ]; then
		accel=tcg
	fi
	case $accel in
	kvm) accel_args=(-accel kvm -cpu "$cpu") ;;
	# Single-threaded TCG: the 6.12 kernels panicked in boot now and then
	# with multi-threaded TCG (docs: /work/shared/MACHINE.md).
	tcg) accel_args=(-accel 'tcg,thread=single') ;;
	esac
	return 0
}

# "kvm -cpu host: failed to set MSR 0x10a to 0x69; kvm -cpu max: ..."
refusals() {
	local i r=
	for i in "${!refused_c[@]}"; do
		r+="${r:+; }${refused_c[$i]}: ${refused_r[$i]}"
	done
	printf '%s' "$r"
}

# "kvm -cpu host,-arch-capabilities (refused: kvm -cpu host: ...)"
accel_words() {
	printf '%s%s' "$accel" "${cpu:+ -cpu $cpu}"
	if [ ${#refused_c[@]} -gt 0 ]; then
		printf ' (refused: %s)' "$(refusals)"
	elif [ "$accel_mode" = tcg ]; then
		printf ' (forced by --accel tcg)'
	fi
}

json_str() {
	local s=$1
	s=${s//\\/\\\\}
	s=${s//\"/\\\"}
	s=${s//$'\n'/\\n}
	s=${s//$'\t'/\\t}
	printf '"%s"' "$s"
}

accel_json() {
	local i sep=
	printf '{"accel": %s, "cpu": %s, "smp": %s, "mode": "%s", "cached": %s,\n' \
		"$([ -n "$accel" ] && json_str "$accel" || echo null)" \
		"$([ -n "$cpu" ] && json_str "$cpu" || echo null)" \
		"$([ -n "$accel" ] && echo "$smp" || echo null)" "$accel_mode" \
		"$accel_cached"
	printf ' "qemu_args": %s,\n "tools": [' "$(json_str "${accel_args[*]}${accel:+ -smp $smp}")"
	for i in "${!tool_imgs[@]}"; do
		printf '%s{"set": %s, "holds": %s}' "$sep" "$(json_str "$(basename "${tool_imgs[$i]}" .img)")" \
			"$(json_str "$(cat "${tool_imgs[$i]%.img}.what" 2>/dev/null || true)")"
		sep=', '
	done
	sep=
	printf '],\n "refused": ['
	for i in "${!refused_c[@]}"; do
		printf '%s\n  {"candidate": %s, "reason": %s}' "$sep" "$(json_str "${refused_c[$i]}")" \
			"$(json_str "${refused_r[$i]}")"
		sep=,
	done
	printf '%s]}\n' "${sep:+$'\n' }"
}

if ! $probe_only; then
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
	# The tool sets: images build.sh made of tools.list's sets.
	case $tools_arg in
	none) ;;
	all)
		for f in "$vm"/tools/*.img; do
			[ ! -f "$f" ] || tool_imgs+=("$f")
		done
		;;
	*)
		for t in ${tools_arg//,/ }; do
			[ -f "$vm/tools/$t.img" ] ||
				die "--tools $t: no $vm/tools/$t.img: run vm-images/build.sh (sets are named in vm-images/tools.list)"
			tool_imgs+=("$vm/tools/$t.img")
		done
		;;
	esac
	release=$(basename "$(cd "$kdir" && pwd -P)")
	tracecal=$vm/tracecal
	[ -x "$tracecal" ] || die "no static tracecal at $tracecal: run make vm-tracecal"
	busybox=$(command -v busybox) || die "busybox is missing (apt-get install busybox-static)"
	if $use_disk; then
		mkfs=$(command -v mkfs.ext4 || echo /sbin/mkfs.ext4)
		[ -x "$mkfs" ] || die "mkfs.ext4 is missing (apt-get install e2fsprogs), or use --no-disk"
	fi
fi

# KVM runs each guest CPU on a host CPU: give it them all. TCG is kept to
# one thread, which then only slows down with more guest CPUs.
probe_smp=${smp:-$(nproc)}
choose_accel
if [ -z "$smp" ]; then
	smp=1
	[ "$accel" != kvm ] || smp=$probe_smp
fi
if $probe_only; then
	[ -n "$accel" ] || die "--accel kvm: KVM does not work here: $(refusals)"
	say "accelerator $(accel_words), $(cpus "$smp")"
	! $accel_cached || say "(the probes' answer, cached in $accel_cache)"
	exit 0
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

# The accelerator, for the out dir and whoever reads it (ci/vm-test puts it
# in each kernel's results.json).
accel_json >"$out/accel.json"
[ -n "$accel" ] || die "--accel kvm: KVM does not work here: $(refusals)"
say "accelerator $(accel_words)"
! $accel_cached || say "(the probes' answer, cached in $accel_cache)"

# Quote a word for sh: 'it'\''s'.
shquote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

# The payload: /payload/run, the static tracecal, scenarios/.
if [ ${#tool_imgs[@]} -gt 0 ]; then
	say "tools: $(for f in "${tool_imgs[@]}"; do basename "$f" .img; done | paste -sd' ')"
else
	say "tools: none (only tracecal's own run; the others SKIP for want of their program)"
fi
say "payload: tracecal, scenarios/, tapsets/, COMMAND: $*"
stage=$work/payload
mkdir -p "$stage/payload/bin" "$stage/results"
cp "$tracecal" "$stage/payload/bin/tracecal"
cp -a "$root/scenarios" "$stage/payload/scenarios"
cp -a "$root/tapsets" "$stage/payload/tapsets"
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
	-m "$mem" -smp "$smp" "${accel_args[@]}"
	-kernel "$kdir/vmlinuz" -initrd "$work/initrd"
	-serial "file:$out/console.log" -serial "file:$out/serial.txt"
	-device 'isa-debug-exit,iobase=0xf4,iosize=0x04'
	-no-reboot
)
# virtio disks are vda, vdb, ... in the order given.
disks=0
vd() { printf '/dev/vd%b' "\\x$(printf %x $((0x61 + disks)))"; }
if $use_disk; then
	cmdline+=" tc.disk=$(vd)"
	disks=$((disks + 1))
	qemu_args+=(-drive "file=$work/scratch.img,format=raw,if=virtio,cache=unsafe")
fi
# The tool sets, read-only (one image serves every VM): tc.tools=DEV:SET,...
sets=
for f in "${tool_imgs[@]}"; do
	t=$(basename "$f" .img)
	sets+="${sets:+,}$(vd):$t"
	disks=$((disks + 1))
	qemu_args+=(-drive "file=$f,format=raw,if=virtio,readonly=on")
done
[ -z "$sets" ] || cmdline+=" tc.tools=$sets"
[ -z "$append" ] || cmdline+=" $append"
qemu_args+=(-append "$cmdline")

# Unpack the framed files of serial.txt into the out dir; sets result_status
# (empty when no EXIT line came).
unpack() {
	local index name n
	result_status=
	# qemu that fails before its chardevs are up leaves no serial.txt.
	[ -f "$out/serial.txt" ] || return 0
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
		console.log | serial.txt | summary.txt | console.*.log | accel.json | qemu.stderr | \
			qemu.*.stderr | boot-times.txt | "$marker")
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

# For make bench (--boot-times): the moments /init's first line reached the
# console and the first result frame the results port, polled every 20 ms
# while qemu runs. Bash builtins only (each poll reads on from where the last
# stopped; read -t on a pipe nobody writes is the sleep): a fork per poll took
# 0.2 s of a 3 s TCG boot from the guest on a two-CPU machine.
watch_boot() {
	local zfd cfd='' sfd='' line cpart='' spart='' got_line=false got_result=false
	exec {zfd}<> <(:)
	until $got_line && $got_result; do
		[ -n "$cfd" ] || [ ! -e "$out/console.log" ] || exec {cfd}<"$out/console.log"
		while [ -n "$cfd" ] && ! $got_line; do
			if ! IFS= read -r line <&"$cfd"; then
				cpart+=$line # a line still being written: the rest comes later
				break
			fi
			line=$cpart$line cpart=''
			if [[ $line == 'init: up at'* ]]; then
				echo "first_line $(date +%s.%N)" >>"$work/seen"
				got_line=true
			fi
		done
		[ -n "$sfd" ] || [ ! -e "$out/serial.txt" ] || exec {sfd}<"$out/serial.txt"
		while [ -n "$sfd" ] && ! $got_result; do
			if ! IFS= read -r line <&"$sfd"; then
				spart+=$line
				break
			fi
			line=$spart$line spart=''
			if [[ $line == '=== FILE '* ]]; then
				echo "first_result $(date +%s.%N)" >>"$work/seen"
				got_result=true
			fi
		done
		read -r -t 0.02 -u "$zfd" || true
	done
}

# One boot; sets qemu_rc and seconds.
boot() {
	local start end
	rm -f "$out/console.log" "$out/serial.txt" "$out/qemu.stderr" "$work/seen"
	if $use_disk; then
		rm -f "$work/scratch.img"
		truncate -s "$disk_size" "$work/scratch.img"
		"$mkfs" -q -F -L tc-scratch -E lazy_itable_init=0,lazy_journal_init=0 "$work/scratch.img"
	fi
	start=$(date +%s.%N)
	# qpid is timeout(1)'s: the EXIT trap's kill reaches qemu through it.
	timeout --kill-after=10 "$timeout" "$qemu" "${qemu_args[@]}" </dev/null \
		2>"$out/qemu.stderr" {lockfd}>&- &
	qpid=$!
	if $boot_times; then
		watch_boot {lockfd}>&- &
		watcher=$!
	fi
	qemu_rc=0
	wait "$qpid" || qemu_rc=$?
	qpid=
	if [ -n "$watcher" ]; then
		kill "$watcher" 2>/dev/null || true
		wait "$watcher" 2>/dev/null || true
		watcher=
		# What the watcher missed in its last 20 ms is there now.
		grep -q '^first_line' "$work/seen" 2>/dev/null ||
			! grep -q '^init: up at' "$out/console.log" 2>/dev/null ||
			echo "first_line $(date +%s.%N)" >>"$work/seen"
		{
			echo "# seconds from qemu's start (vm-images/run.sh --boot-times); - if it never came"
			for what in first_line first_result; do
				awk -v w="$what" -v s="$start" '$1 == w { t = $2 - s }
					END { if (t == "") print w, "-"; else printf "%s %.3f\n", w, t }' \
					"$work/seen" 2>/dev/null || echo "$what -"
			done
		} >"$out/boot-times.txt"
	fi
	timed_out=false
	# qemu itself never exits 124: isa-debug-exit gives odd statuses.
	[ "$qemu_rc" -ne 124 ] && [ "$qemu_rc" -ne 137 ] || timed_out=true
	end=$(date +%s.%N)
	seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
	if $boot_times; then
		awk -v a="$start" -v b="$end" 'BEGIN { printf "qemu_exit %.3f\n", b - a }' \
			>>"$out/boot-times.txt"
	fi
}

panicked() { grep -q 'Kernel panic' "$out/console.log" 2>/dev/null; }

# What the kernel said as it went down: from a little before the first
# BUG, Oops, WARNING or panic line; else the console's tail.
console_excerpt() { # FILE
	local n
	if ! grep -q '[^[:space:]]' "$1" 2>/dev/null; then
		echo "  (the console is empty: the guest wrote nothing)" >&2
		return 0
	fi
	n=$(tr -d '\r' <"$1" | grep -n -m1 -E 'Kernel panic|BUG:|Oops|general protection fault|WARNING:' |
		cut -d: -f1 || true)
	if [ -n "$n" ]; then
		tr -d '\r' <"$1" | sed -n "$((n > 3 ? n - 3 : 1)),$((n + 12))p"
	else
		tr -d '\r' <"$1" | tail -n 20
	fi | sed 's/^/  | /' >&2
}

# What qemu itself said: an abort or a refused option names the cause when
# the guest never got to write a line.
qemu_excerpt() {
	if grep -q '[^[:space:]]' "$out/qemu.stderr" 2>/dev/null; then
		echo "run: $kernel: qemu's stderr (qemu.stderr):" >&2
		tr -d '\r' <"$out/qemu.stderr" | grep -v '^[[:space:]]*$' | tail -n 5 | sed 's/^/  | /' >&2
	else
		echo "run: $kernel: qemu's stderr: nothing" >&2
	fi
}

# The guest's own times, from /init's console lines.
guest_times() {
	local up start end
	[ -f "$out/console.log" ] || return 0
	up=$(sed -n 's/^init: up at \([0-9.]*\) s.*/\1/p' "$out/console.log" | tr -d '\r' | head -n1)
	start=$(sed -n 's/^init: payload starts at \([0-9.]*\) s.*/\1/p' "$out/console.log" | tr -d '\r' | head -n1)
	end=$(sed -n 's/^init: payload exited [0-9]* at \([0-9.]*\) s.*/\1/p' "$out/console.log" | tr -d '\r' | head -n1)
	[ -n "$up" ] || return 0
	printf 'guest: /init at %s s' "$up"
	[ -z "$start" ] || printf ', command %s-%s s' "$start" "${end:-?}"
}

say "qemu ($accel, ${mem} MiB, $(cpus "$smp"), timeout ${timeout}s): $release"
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
		{ tail -n 20 "$out/console.log" 2>/dev/null || true; } | tr -d '\r' | sed 's/^/  | /' >&2
		qemu_excerpt
		break
	fi
	if panicked && [ $attempt -eq 1 ]; then
		echo "run: $kernel: kernel panic and no result; the console says:" >&2
		console_excerpt "$out/console.log"
		mv "$out/console.log" "$out/console.1.log"
		mv "$out/qemu.stderr" "$out/qemu.1.stderr" 2>/dev/null || true
		say "retrying once (console of the first boot: console.1.log)"
		attempt=2
		continue
	fi
	status=125
	if panicked; then
		what="kernel panic twice, no result"
	elif grep -q '[^[:space:]]' "$out/qemu.stderr" 2>/dev/null; then
		what="no result (qemu exited $qemu_rc: $(qemu_cause "$out/qemu.stderr"))"
	else
		what="no result (qemu exited $qemu_rc)"
	fi
	echo "run: $kernel: $what; the console says:" >&2
	console_excerpt "$out/console.log"
	qemu_excerpt
	break
done

# isa-debug-exit makes qemu exit STATUS*2+1: a check on the results port.
if [ "$status" != 124 ] && [ "$status" != 125 ] && [ $(((status * 2 + 1) & 255)) -ne "$qemu_rc" ]; then
	echo "run: $kernel: note: qemu exited $qemu_rc, not $(((status * 2 + 1) & 255)) as guest-exit $status gives" >&2
fi
summary="run: $kernel ($release): $what in ${seconds}s of qemu ($accel, $(cpus "$smp"); $(guest_times)); attempt $attempt; results in $out"
echo "$summary" >"$out/summary.txt"
echo "$summary"
exit "$status"
