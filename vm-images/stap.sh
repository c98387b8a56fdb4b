#!/usr/bin/env bash
# vm-images/stap.sh: can SystemTap's shipped scripts be audited in the VM
# kernels? For each kernel of kernels.list (as build.sh resolved it), fetch
# its headers and debuginfo from Debian, compile each script on the host for
# that kernel (stap -r BUILD -p4: the compile stays outside any traced window,
# and under TCG a guest gcc would take far longer), and say per kernel and
# script: the module built, with its time and size, or SKIP with stap's own
# first error and the time it took to fail.
#
# Layout (below --out, default build/vm):
#   stap/debs/                 linux-headers-R, its -common, linux-kbuild, -dbg
#   stap/root/                 those packages unpacked (dpkg-deb -x)
#   stap/modules/R/NAME.ko     a module that built
#   stap/logs/R/NAME.log       stap's output
#   stap/report.txt            one line per kernel and script
# With --suite S (a newer SystemTap than the host's, from Debian's registry):
#   stap/S/chroot/             Debian S made by mmdebstrap: systemtap, gcc-12
#   stap/S/chroot.inputs       what it was made from; remade when that changes
#   stap/S/modules, logs, report.txt   as above, for S's stap
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

usage() {
	cat <<EOF
Usage: vm-images/stap.sh [--kernels FILE | NAME...] [--out DIR] [--no-fetch]
                        [--rebuild] [--suite SUITE [--vm [--scenarios PATH...]]]
Compile SystemTap's shipped I/O scripts on the host for each VM kernel;
with --suite, make the guest's SystemTap image, and with --vm run them in
a VM of each kernel through the suite's scenarios.

  NAME            a kernel metapackage that vm-images/build.sh has built
                  (linux-image-cloud-amd64)
  --kernels FILE  read the names from FILE (default: vm-images/kernels.list)
  --out DIR       build.sh's out dir (default: build/vm)
  --rebuild       compile every script again, even those whose module was
                  built from the same inputs (the script, stap's version,
                  the kernel's packages, the chroot's inputs)
  --no-fetch      use only the packages already in DIR/stap/debs (and the
                  chroot already made for --suite)
  --suite SUITE   compile with the SystemTap of Debian SUITE (trixie, sid)
                  instead of the host's: in a chroot of SUITE made with
                  mmdebstrap under DIR/stap/SUITE/chroot (made once, again
                  only when its package list changes), the kernel trees
                  bind-mounted in a mount namespace of its own (released
                  when stap exits, Ctrl-C included); its scripts are that
                  suite's systemtap-doc's; then the guest image
                  DIR/tools/stap.img (SUITE's staprun and stapio, the
                  modules, the descriptors that load them)
  --vm            with --suite: then run the scripts in a VM of each kernel
                  (ci/vm-test --tools base,stap), each through the scenarios
                  under tracecal run, its verdicts held to
                  vm-images/stap/tools/EXPECTED; reports in
                  DIR/stap/SUITE/vm-test (the kernel matrix: kernel-matrix.txt)
  --scenarios PATH  the scenarios for --vm (repeatable; default:
                  scenarios/, the default suite)
  -h, --help      this help

Examples:
  vm-images/build.sh && vm-images/stap.sh      # or: make vm-stap
  vm-images/stap.sh linux-image-6.12-cloud-amd64
  vm-images/stap.sh --suite sid                # or: make vm-stap STAP_SUITE=sid
  vm-images/stap.sh --suite sid --vm           # or: make vm-stap STAP_SUITE=sid STAP_VM=1

The scripts: disktop.stp, iotop.stp, traceio.stp of systemtap-doc
(/usr/share/systemtap/examples/io), vm-images/stap/vfsrlat.stp (the
seeds') and the safety suite's (vm-images/stap/pidkeys.stp, openat_*.stp),
each built with the -D options of the descriptor that runs it
(vm-images/stap/tools/*.tool). TRACECAL_STAP replaces the stap program
(for tests).
Exit status: 0 when every script built or was skipped with stap's reason,
1 when something else failed, 2 on misuse.
EOF
}

misuse() {
	echo "stap.sh: $*" >&2
	usage >&2
	exit 2
}

kernels_file=
out=$root/build/vm
fetch=true
rebuild=false
suite=
vm=false
scns=()
names=()
while [ $# -gt 0 ]; do
	case $1 in
	-h | --help) usage; exit 0 ;;
	--kernels) [ $# -ge 2 ] || misuse "--kernels needs a FILE"; kernels_file=$2; shift 2 ;;
	--out) [ $# -ge 2 ] || misuse "--out needs a DIR"; out=$2; shift 2 ;;
	--no-fetch) fetch=false; shift ;;
	--rebuild) rebuild=true; shift ;;
	--suite) [ $# -ge 2 ] || misuse "--suite needs a SUITE"; suite=$2; shift 2 ;;
	--vm) vm=true; shift ;;
	--scenarios) [ $# -ge 2 ] || misuse "--scenarios needs a PATH"; scns+=("$2"); shift 2 ;;
	-*) misuse "unknown option '$1'" ;;
	*) names+=("$1"); shift ;;
	esac
done
[[ -z $suite || $suite =~ ^[a-z][a-z0-9-]*$ ]] ||
	misuse "--suite: '$suite' is not a Debian suite's name (trixie, sid)"
! $vm || [ -n "$suite" ] ||
	misuse "--vm needs --suite: Debian 12's SystemTap builds no module for the VM kernels"
[ ${#scns[@]} -eq 0 ] || $vm || misuse "--scenarios is for --vm"
[ ${#scns[@]} -gt 0 ] || scns=(scenarios/)
if $vm; then
	for s in "${scns[@]}"; do
		[ -e "$root/$s" ] || misuse "--scenarios $s: no such file or folder in $root"
	done
fi
. "$here/kernels.sh"
kernel_names "$kernels_file"

die() {
	echo "stap.sh: $*" >&2
	exit 1
}

stap=${TRACECAL_STAP:-stap}
[ -d "$out/kernels" ] || die "no $out/kernels: run vm-images/build.sh first"
st=$out/stap
mkdir -p "$st/debs" "$st/root"
st=$(cd "$st" && pwd)
work=$st # where modules, logs and the report go
ch=      # the chroot's root with --suite, else empty (the host)
if [ -n "$suite" ]; then
	work=$st/$suite
	ch=$work/chroot
	. "$here/stap-chroot.sh"
	make_chroot
else
	command -v "$stap" >/dev/null || die "'$stap' is missing (apt-get install systemtap systemtap-doc)"
fi
examples=/usr/share/systemtap/examples/io
scripts=("$examples/disktop.stp" "$examples/iotop.stp" "$examples/traceio.stp")
for s in "${scripts[@]}"; do
	[ -r "$ch$s" ] || die "cannot read $ch$s (apt-get install systemtap-doc${suite:+ in the chroot})"
done
scripts+=("$here"/stap/*.stp)

# The -D options (-DMAXMAPENTRIES=1024) on the COMMAND line of the
# descriptor that runs SCRIPT: they are the module's, set as it is built.
defines_of() { # SCRIPT
	local f
	f=$(grep -l -E "^COMMAND stap .*[ /]$(basename "$1")\$" "$here"/stap/tools/*.tool | head -n 1)
	[ -z "$f" ] || grep -m 1 '^COMMAND ' "$f" | grep -o -E -- ' -D[A-Za-z_][A-Za-z0-9_]*=[0-9]+' |
		tr -d ' '
}

# stap itself, on the host or in the chroot (run_chroot of stap-chroot.sh).
run_stap() { # DIR ARG...: stap run in DIR
	local dir=$1
	shift
	if [ -n "$ch" ]; then
		run_chroot "$dir" "$stap" "$@"
	else
		(cd "$dir" && "$stap" "$@")
	fi
}

# The packages a kernel's headers need: the headers, the -common and
# linux-kbuild they depend on, and the image's debuginfo (the vfs tapset's
# probes are kernel.function probes: DWARF).
packages() { # RELEASE
	local r=$1
	echo "linux-headers-$r"
	apt-cache depends "linux-headers-$r" 2>/dev/null |
		sed -n 's/^ *|\{0,1\}Depends: \(linux-\(headers-.*-common\|kbuild-[^ ]*\)\)$/\1/p' | sort -u
	echo "linux-image-$r-dbg"
}

# Download what is missing and unpack what is newer than its stamp.
fetch_unpack() { # RELEASE
	local p deb
	for p in $(packages "$1"); do
		deb=$(compgen -G "$st/debs/${p}_*.deb" | tail -n 1 || true)
		if [ -z "$deb" ]; then
			$fetch || die "$1: no $p in $st/debs (--no-fetch)"
			echo "stap: $1: apt-get download $p"
			(cd "$st/debs" && apt-get download -q "$p" >/dev/null 2>&1) ||
				die "$1: apt-get download $p failed"
			deb=$(compgen -G "$st/debs/${p}_*.deb" | tail -n 1)
		fi
		if [ "$st/root/.unpacked-$p" -nt "$deb" ]; then
			continue
		fi
		echo "stap: $1: dpkg-deb -x $(basename "$deb")"
		dpkg-deb -x "$deb" "$st/root" || die "$1: dpkg-deb -x $deb failed"
		touch "$st/root/.unpacked-$p"
	done
}

# The headers' Makefile includes /usr/src/...-common by its absolute path,
# and stap looks for the DWARF vmlinux in the build tree: point both into
# the unpacked root.
fix_tree() { # RELEASE
	local r=$1 b=$st/root/usr/src/linux-headers-$1 common
	[ -f "$b/Makefile" ] || die "$r: no $b/Makefile after unpacking"
	common=$(sed -n 's|^include /usr/src/\(linux-headers-[^/]*\)/Makefile$|\1|p' "$b/Makefile")
	if [ -n "$common" ]; then
		echo "include $st/root/usr/src/$common/Makefile" >"$b/Makefile"
		# stap finds the tracepoints' headers (kernel.trace) in the
		# build tree's source/include/trace/events, as a kernel's own
		# build dir links it; Debian's split headers do not.
		ln -sfn "$st/root/usr/src/$common" "$b/source"
	fi
	[ -e "$st/root/usr/lib/debug/lib/modules/$r/vmlinux" ] ||
		die "$r: no debuginfo vmlinux in linux-image-$r-dbg"
	ln -sfn "$st/root/usr/lib/debug/lib/modules/$r/vmlinux" "$b/vmlinux"
}

# A begin probe that says the module is loaded and its probes registered:
# the guest's descriptors wait for it (READY), so neither the compile nor
# the module's loading is in the traced window.
ready='probe begin { println("TRACECAL READY") }'

# stap's first error line, the reason a script cannot be built.
first_error() { # LOG
	grep -m 1 -E '(^| )(semantic )?error: ' "$1" | sed 's|^/usr/share/systemtap/||; s|^/tmp/stap[^:]*/||' ||
		tail -n 1 "$1"
}

# What a module is made from: stap's version, the chroot's inputs, the
# kernel packages, the script and the READY probe. A module whose inputs
# are those of the last build is kept (its line says so), not compiled again.
mkdir -p "$work/modules"
stap_version=$(run_stap / -V 2>&1) || die "'$stap -V' failed: $(tail -n 1 <<<"$stap_version")"
stap_version=$(head -n 1 <<<"$stap_version")
inputs_of() { # SCRIPT RELEASE
	local p
	{
		echo "$stap_version"
		cat "$work/chroot.inputs" 2>/dev/null || true
		for p in $(packages "$2"); do
			compgen -G "$st/debs/${p}_*.deb" | tail -n 1 || true
		done
		echo "$ready"
		defines_of "$1"
		cat "$1"
	} | sha256sum | cut -d' ' -f 1
}

# Ctrl-C (or TERM): every process of the run goes (a background job
# ignores INT: TERM to the whole group), and so do the namespaces' mounts.
interrupted() {
	trap '' INT TERM
	echo "stap: interrupted; nothing is left mounted (the mounts were the namespaces')" >&2
	kill -TERM 0 2>/dev/null
	exit 130
}
trap interrupted INT TERM

: >"$work/report.txt.tmp"
status=0
for name in "${names[@]}"; do
	[ -L "$out/kernels/$name" ] || die "$name: not in $out/kernels (run vm-images/build.sh $name)"
	rel=$(readlink "$out/kernels/$name")
	if [ -z "${TRACECAL_STAP:-}" ]; then
		fetch_unpack "$rel"
		fix_tree "$rel"
	fi
	[ -z "$ch" ] || system_map "$rel"
	mkdir -p "$work/modules/$rel" "$work/logs/$rel"
	for s in "${scripts[@]}"; do
		base=$(basename "$s" .stp)
		log=$work/logs/$rel/$base.log
		mod=stap_${base}
		key=$(inputs_of "$s" "$rel")
		if ! $rebuild && [ -s "$work/modules/$rel/$mod.ko" ] && [ -s "$work/modules/$rel/$mod.built" ] &&
			[ "$(head -n 1 "$work/modules/$rel/$mod.built")" = "$key" ]; then
			line="$(sed -n 2p "$work/modules/$rel/$mod.built") (kept: its inputs are unchanged)"
			echo "stap: $line"
			echo "$line" >>"$work/report.txt.tmp"
			continue
		fi
		rm -f "$work/modules/$rel/$mod.ko" "$work/modules/$rel/$mod.built" # an earlier run's module is no build
		t0=$(date +%s.%N)
		# --disable-cache: stap keeps its autoconf answers per build tree
		# in ~/.systemtap; a stale one gave wrong errors.
		# In the background, waited for: bash runs the INT trap as the
		# signal comes (a foreground stap that exits 1 of it would be
		# taken for a SKIP, and the next script built).
		run_stap "$work/modules/$rel" --disable-cache -r "$st/root/usr/src/linux-headers-$rel" \
			-p4 -m "$mod" $(defines_of "$s") -E "$ready" "$s" >"$log" 2>&1 &
		rc=0
		wait $! || rc=$?
		if [ $rc -eq 0 ] && [ -s "$work/modules/$rel/$mod.ko" ]; then
			secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
			line="$rel $base.stp built in $(printf %.1f "$secs") s, $(stat -c %s "$work/modules/$rel/$mod.ko") bytes"
			printf '%s\n%s\n' "$key" "$line" >"$work/modules/$rel/$mod.built"
		else
			secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
			line="$rel $base.stp SKIP: stap $(sed -n '1s/^[^(]*(version \([^/ )]*\).*/\1/p' <<<"$stap_version") cannot build it for $rel ($(printf %.1f "$secs") s): $(first_error "$log")"
		fi
		echo "stap: $line"
		echo "$line" >>"$work/report.txt.tmp"
	done
done
mv "$work/report.txt.tmp" "$work/report.txt"
echo "stap: report in $work/report.txt"
if [ -z "$ch" ]; then
	! grep -q ' built in ' "$work/report.txt" ||
		echo "stap: modules built; the guest's SystemTap comes with --suite (the host's has no staprun for the guests)"
	exit $status
fi
guest_image
$vm || exit $status
[ -f "$out/tools/stap.img" ] || die "--vm: no module built, nothing to run"
# The kernels' VMs, one after another: the suite's verdicts and the kernel
# matrix, as make vm-test makes them.
args=(--no-host --no-tapset --tools base,stap --out "$work/vm-test" --kernels "${names[*]}"
	--guest-args "-t /tools/stap/tools --known /tools/stap/tools/EXPECTED")
for s in "${scns[@]}"; do args+=(--suite "$s"); done
echo "stap: the VMs: ci/vm-test ${args[*]}"
"$root/ci/vm-test" "${args[@]}" || status=$?
exit $status
