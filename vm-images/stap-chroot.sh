# vm-images/stap-chroot.sh: the chroot of stap.sh --suite, sourced by it.
# Debian 12's SystemTap (4.8) cannot build a module for either VM kernel;
# a newer suite's can. The host stays Debian 12: the newer SystemTap lives
# in a chroot of that suite (mmdebstrap) and compiles against the bookworm
# kernel trees stap.sh unpacked, bind-mounted at the same paths.
# Uses from stap.sh: suite, work, ch, st, here, out, fetch, die.

# What the chroot holds: systemtap and its examples, and what Kbuild runs.
# gcc-12 is the compiler both VM kernels were built with (their headers
# depend on gcc-12); the kbuild tools of bookworm need libelf, libssl, zlib
# and (6.12) pahole.
chroot_packages="systemtap systemtap-doc gcc-12 make libelf1t64 libssl3t64 zlib1g pahole kmod"
chroot_mirror=${TRACECAL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
mmdebstrap=${TRACECAL_MMDEBSTRAP:-mmdebstrap}

# Make the chroot unless the one there was made from the same inputs.
make_chroot() {
	local inputs t0 secs
	inputs="suite=$suite mirror=$chroot_mirror packages=$chroot_packages cc=gcc-12"
	if [ -x "$ch/bin/sh" ] && [ "$(cat "$work/chroot.inputs" 2>/dev/null)" = "$inputs" ]; then
		return
	fi
	$fetch || die "--suite $suite: no chroot made from these inputs in $ch (--no-fetch)"
	command -v "$mmdebstrap" >/dev/null || die "'$mmdebstrap' is missing (apt-get install mmdebstrap)"
	rm -rf "$ch" "$ch.new" "$work/chroot.inputs"
	mkdir -p "$work"
	echo "stap: $suite: mmdebstrap $chroot_packages"
	t0=$(date +%s.%N)
	# Check-Valid-Until: a mirror snapshot's Release can be past its
	# Valid-Until date; its signature is still checked.
	"$mmdebstrap" --variant=apt --aptopt='Acquire::Check-Valid-Until "false"' \
		--include="${chroot_packages// /,}" --customize-hook='ln -sf gcc-12 "$1/usr/bin/gcc"' \
		"$suite" "$ch.new" "$chroot_mirror" >"$work/chroot.log" 2>&1 ||
		die "--suite $suite: mmdebstrap failed ($(grep -m 1 '^E: ' "$work/chroot.log" || tail -n 1 "$work/chroot.log")), see $work/chroot.log"
	mv "$ch.new" "$ch"
	echo "$inputs" >"$work/chroot.inputs"
	secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
	echo "stap: $suite: chroot made in $secs s, $(du -sh "$ch" | cut -f 1)"
}

# The kernel's System.map as the chroot's /boot/System.map-R, where stap
# looks for the kernel's symbol table; from the image build.sh fetched.
system_map() { # RELEASE
	local r=$1 deb
	[ -s "$ch/boot/System.map-$r" ] && return
	deb=$(compgen -G "$out/debs/linux-image-${r}_*.deb" | tail -n 1 || true)
	if [ -z "$deb" ]; then
		echo "stap: $r: no linux-image-$r in $out/debs: stap warns that the symbol table is missing"
		return
	fi
	mkdir -p "$ch/boot"
	dpkg-deb --fsys-tarfile "$deb" | tar -xOf - "./boot/System.map-$r" >"$ch/boot/System.map-$r.tmp" ||
		die "$r: no ./boot/System.map-$r in $deb"
	mv "$ch/boot/System.map-$r.tmp" "$ch/boot/System.map-$r"
}

# Run a command in the chroot, in DIR, with the kernel trees, the modules'
# dir and vm-images/stap bind-mounted at their own paths, and /dev and
# /proc. The mounts live in a mount namespace of their own (unshare): they
# go with its last process, whatever ends it (an error, Ctrl-C, a kill),
# and the host never sees them.
run_chroot() { # DIR CMD ARG...
	ST=$st WORK=$work HERE=$here unshare --mount --propagation private -- sh -ec '
		ch=$1 dir=$2
		shift 2
		for d in "$ST/root" "$WORK/modules" "$HERE/stap"; do
			mkdir -p "$ch$d"
			mount --bind "$d" "$ch$d"
		done
		mkdir -p "$ch/dev" "$ch/proc"
		mount --bind /dev "$ch/dev"
		mount -t proc proc "$ch/proc"
		exec chroot "$ch" /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$dir" "$@"
	' sh "$ch" "$@"
}
