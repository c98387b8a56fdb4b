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

# Run first in each new mount namespace: it lets go of the namespace's copy
# of every loop-device mount (see that script, and run_chroot).
drop_loops=$here/stap/drop-loop-mounts

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
	unshare --mount --propagation private -- sh -c 'sh "$0" && exec "$@"' "$drop_loops" "$mmdebstrap" --variant=apt --aptopt='Acquire::Check-Valid-Until "false"' \
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
# and the host never sees them. A new mount namespace starts with a copy of
# every host mount, and where the host's are private (as here: no shared
# peer group), the host's unmounts do not reach the copies: the copy of a
# tracecal run's fixture (a loop device's ext4) kept that file system, and
# its loop device, busy until stap ended, and the next run's mkfs.ext4
# found the device "in use by the system" (ten audits in a row ERRORed
# while stap.sh ran). So the first thing in the namespace is to let go of
# every copy of a loop-device mount (drop_loops).
run_chroot() { # DIR CMD ARG...
	ST=$st WORK=$work HERE=$here DROP=$drop_loops unshare --mount --propagation private -- sh -ec '
		sh "$DROP"
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

# The guest's SystemTap: DIR/tools/stap.img, a read-only ext4 image (mke2fs
# -d, no root needed) that run.sh --tools stap attaches and the guest's
# /init mounts on /tools/stap, linking nothing (it holds no .tc-files): its
# libraries are SUITE's, not the guest's. It holds SUITE's systemtap-runtime
# (staprun, stapio) with the libraries they load, as ldd in the chroot names
# them; /modules/RELEASE/stap_NAME.ko, each module that built;
# staprun-guest, which loads one of them chrooted in the image; and tools/,
# the descriptors of vm-images/stap/tools made to run staprun-guest NAME
# where they ran stap SCRIPT, their filter and their EXPECTED.
guest_image() {
	local img=$out/tools/stap.img stage=$work/guest f p real l mods
	mods=$(cd "$work/modules" && find . -name 'stap_*.ko' | LC_ALL=C sort)
	if [ -z "$mods" ]; then
		echo "stap: no module built: no guest image"
		return
	fi
	rm -rf "$stage"
	mkdir -p "$stage/tools" "$stage/etc" "$out/tools"
	for d in proc sys dev tmp; do mkdir -p "$stage/$d"; done
	# the merged-/usr links of the suite (/lib -> usr/lib, ...)
	for l in bin sbin lib lib64; do
		[ -L "$ch/$l" ] || continue
		cp -P "$ch/$l" "$stage/$l"
		mkdir -p "$stage/$(readlink "$ch/$l")"
	done
	for f in passwd group nsswitch.conf; do
		[ ! -f "$ch/etc/$f" ] || cp "$ch/etc/$f" "$stage/etc/"
	done
	# systemtap-runtime's files (less docs and manuals), the shell, and what
	# they load
	local files
	files=$(grep -vE '^/usr/share/(doc|man|lintian)/' "$ch/var/lib/dpkg/info/systemtap-runtime.list")
	[ -n "$files" ] || die "--suite $suite: systemtap-runtime is not in the chroot"
	{
		# stapio removes the module with sh -c "staprun -d ...": /bin/sh too
		echo /bin/sh
		for f in $files; do
			[ -f "$ch$f" ] && [ ! -L "$ch$f" ] && echo "$f"
		done
		for f in $files /bin/sh; do
			[ -f "$ch$f" ] && [ -x "$ch$f" ] || continue
			chroot "$ch" ldd "$f" 2>/dev/null |
				awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' || true # a script: none
		done
	} | LC_ALL=C sort -u | while read -r p; do
		real=$(chroot "$ch" readlink -f "$p")
		mkdir -p "$stage$(dirname "$real")"
		cp -p "$ch$real" "$stage$real"
		if [ ! -e "$stage$p" ]; then
			mkdir -p "$stage$(dirname "$p")"
			ln -s "$real" "$stage$p"
		fi
	done
	[ -x "$stage/usr/bin/staprun" ] || die "--suite $suite: no /usr/bin/staprun in systemtap-runtime"
	cp -a "$work/modules" "$stage/modules"
	find "$stage/modules" -type f ! -name 'stap_*.ko' -delete
	cp "$here/stap/staprun-guest" "$here/stap/drop-loop-mounts" "$stage/"
	chmod 0755 "$stage/staprun-guest" "$stage/drop-loop-mounts"
	cp "$here/stap/tools/stapout.awk" "$here/stap/tools/EXPECTED" "$stage/tools/"
	for f in "$here"/stap/tools/*.tool; do
		guest_descriptor "$f" >"$stage/tools/$(basename "$f")"
	done
	{
		echo "systemtap-runtime $(dpkg-query --admindir="$ch/var/lib/dpkg" -W -f '${Version}' systemtap-runtime 2>/dev/null || echo '?') ($suite)"
		echo "modules:" $mods
	} >"$stage/.tc-what"
	rm -f "$img.new"
	mke2fs -q -F -t ext4 -L stap -d "$stage" "$img.new" \
		"$(($(du -sk "$stage" | cut -f 1) * 3 / 2 + 16384))k" >"$work/mke2fs.log" 2>&1 ||
		die "mke2fs -d $stage failed: $(tail -n 1 "$work/mke2fs.log")"
	mv "$img.new" "$img"
	# one line, as build.sh's sets have it: the kernel matrix prints it
	echo "$(head -n 1 "$stage/.tc-what"), staprun-guest, $(echo "$mods" | wc -l) modules" >"$out/tools/stap.what"
	echo "stap: guest image $img, $(du -h --apparent-size "$img" | cut -f 1): $(head -n 1 "$stage/.tc-what"), $(echo "$mods" | wc -l) modules"
}

# A descriptor of vm-images/stap/tools as the guest runs it: the module of
# its script (built on the host) loaded by staprun-guest, not stap.
# stap's -s N (MiB buffers) is staprun's -b N, and -G NAME=VALUE a module
# option; -v, -E (the READY probe, built in) and -D (built in) go.
guest_descriptor() { # FILE
	awk -v guest="/tools/stap" '
		/^COMMAND stap / {
			n = split($NF, p, "/"); name = p[n]; sub(/\.stp$/, "", name)
			args = ""
			for (i = 3; i < NF; i++)
				if ($i == "-s")
					args = args " -b " $(++i)
				else if ($i == "-G")
					args = args " " $(++i)
			print "COMMAND {DIR}/../staprun-guest " name args
			print "NOTE in the VM guest: the module of " p[n] " that vm-images/stap.sh compiled on the host, loaded by its SystemTap'"'"'s staprun (staprun-guest); the compile time is in stap.sh'"'"'s report"
			next
		}
		/^VERSION stap / { print "VERSION head -n 1 {DIR}/../.tc-what"; next }
		/^REQUIRES program stap$/ { print "REQUIRES file " guest "/usr/bin/staprun"; next }
		/^REQUIRES file \/usr\/share\/systemtap\// { next }
		{ print }
	' "$1"
}
