#!/usr/bin/env bash
# vm-images/build.sh: the kernels and base initramfs images tracecal's VM runs
# boot (vm-images/run.sh). For each Debian kernel metapackage: resolve the
# newest linux-image it depends on, download it, keep its vmlinuz, config and
# the modules the guest needs, and make a busybox initramfs whose /init
# (vm-images/init) runs a payload appended by run.sh. Everything is cached:
# a step is skipped when its output is newer than its inputs.
#
# Layout of the out dir (default build/vm):
#   debs/PACKAGE_VERSION_amd64.deb      the downloaded packages
#   guest-exit                          the static isa-debug-exit helper
#   kernels/RELEASE/vmlinuz, config     e.g. RELEASE = 6.1.0-56-cloud-amd64
#   kernels/RELEASE/modules/            the .ko files (decompressed), load.list
#   kernels/RELEASE/initramfs.cpio      the base initramfs
#   kernels/METAPACKAGE -> RELEASE      how run.sh --kernel finds it
#   tools/SET.img, SET.list, SET.what   a set of tools.list: its image, its
#                                       files, what it holds (with versions)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
self=$here/build.sh

usage() {
	cat <<EOF
Usage: vm-images/build.sh [--kernels FILE | NAME...] [--out DIR]
Build the kernels and base initramfs images for vm-images/run.sh.

  NAME            a Debian kernel metapackage (linux-image-cloud-amd64), or a
                  concrete image package (linux-image-6.1.0-56-cloud-amd64)
  --kernels FILE  read the names from FILE, one a line, # for comments
                  (default: vm-images/kernels.list)
  --out DIR       where everything goes (default: build/vm)
  --no-tools      skip the images of the tools under test (vm-images/tools.list)
  -h, --help      this help

A second run with nothing changed only checks and says so.
EOF
}

misuse() {
	echo "build.sh: $*" >&2
	usage >&2
	exit 2
}

kernels_file=
out=$root/build/vm
tools=true
names=()
while [ $# -gt 0 ]; do
	case $1 in
	-h | --help) usage; exit 0 ;;
	--kernels) [ $# -ge 2 ] || misuse "--kernels needs a FILE"; kernels_file=$2; shift 2 ;;
	--kernels=*) kernels_file=${1#*=}; shift ;;
	--out) [ $# -ge 2 ] || misuse "--out needs a DIR"; out=$2; shift 2 ;;
	--no-tools) tools=false; shift ;;
	--out=*) out=${1#*=}; shift ;;
	--) shift; names+=("$@"); break ;;
	-*) misuse "unknown option '$1'" ;;
	*) names+=("$1"); shift ;;
	esac
done
. "$here/kernels.sh"
kernel_names "$kernels_file"
mkdir -p "$out"
out=$(cd "$out" && pwd)

# What is being done, for the messages: "KERNEL: STEP".
ctx="setup"
trap 'echo "build.sh: $ctx: failed (line $LINENO: $BASH_COMMAND)" >&2' ERR

say() { echo "build: $ctx: $*"; }
die() {
	echo "build.sh: $ctx: $*" >&2
	exit 1
}

# Is FILE there and newer than every INPUT?
fresh() { # FILE INPUT...
	local f=$1 i
	[ -e "$f" ] || return 1
	shift
	for i in "$@"; do
		[ "$f" -nt "$i" ] || return 1
	done
}

for tool in apt-cache apt-get dpkg-deb dpkg-query gcc ldd od; do
	command -v "$tool" >/dev/null || die "'$tool' is missing"
done
busybox=$(command -v busybox) || die "busybox is missing (apt-get install busybox-static)"
# The guest has no C library of its own but mke2fs's: busybox must be static.
if ldd "$busybox" >/dev/null 2>&1; then
	die "$busybox is dynamically linked: install busybox-static"
fi
mke2fs=$(command -v mke2fs || echo /sbin/mke2fs)
[ -x "$mke2fs" ] || die "mke2fs is missing (apt-get install e2fsprogs): the guest's mkfs.ext4"

# apt's lists: updated once when there are none (a fresh container).
apt_lists=/var/lib/apt/lists
eval "$(apt-config shell apt_lists Dir::State::lists/d)"
apt_lists=${apt_lists%/}
apt_update_if_empty() { # NAME
	if compgen -G "$apt_lists/*_Packages*" >/dev/null; then
		die "no package '$1' in apt's lists (apt-get update, if it is new)"
	fi
	say "apt-get update (apt's lists are empty)"
	[ "$(id -u)" -eq 0 ] || die "apt's lists are empty, and apt-get update needs root"
	apt-get update -q >/dev/null || die "apt-get update failed"
}

# NAME -> pkg, version, arch: the newest linux-image-RELEASE the metapackage
# depends on. Each apt-cache call takes a second here (a Docker image keeps
# no pkgcache.bin), so the answer is kept in kernels/.resolved-NAME while
# apt's lists stay as they were.
resolve() { # NAME
	local name=$1 deps info memo=$out/kernels/.resolved-$1
	if [ -s "$memo" ] && [ "$memo" -nt "$apt_lists" ] && [ "$memo" -nt "$self" ]; then
		read -r pkg version arch <"$memo"
		resolved="as resolved at $(date -r "$memo" '+%F %T'), apt's lists unchanged since"
		return
	fi
	if ! deps=$(apt-cache depends --important "$name" 2>/dev/null); then
		apt_update_if_empty "$name"
		deps=$(apt-cache depends --important "$name" 2>/dev/null) ||
			die "no package '$name' in apt's lists"
	fi
	deps=$(sed -n 's/^ *|\{0,1\}Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' <<<"$deps" | sort -V)
	if [ -n "$deps" ]; then
		pkg=${deps##*$'\n'}
	elif [[ $name =~ ^linux-image-[0-9] ]]; then
		pkg=$name # an image package itself (linux-image-6.12-cloud-amd64 is not)
	else
		die "'$name' depends on no linux-image-X.Y.Z package: not a kernel metapackage?"
	fi
	info=$(apt-cache show --no-all-versions "$pkg") || die "apt-cache show $pkg failed"
	version=$(sed -n 's/^Version: //p' <<<"$info")
	arch=$(sed -n 's/^Architecture: //p' <<<"$info")
	if [ -z "$version" ] || [ -z "$arch" ]; then
		die "apt-cache show $pkg gave no version or architecture"
	fi
	echo "$pkg $version $arch" >"$memo"
	resolved="apt-cache depends $name"
}

# The guest's exit helper, shared by every kernel.
ctx="guest-exit"
if fresh "$out/guest-exit" "$here/guest-exit.c"; then
	say "up to date"
else
	say "gcc -static $here/guest-exit.c"
	gcc -static -Os -Wall -Wextra -Werror -o "$out/guest-exit.tmp" "$here/guest-exit.c"
	mv "$out/guest-exit.tmp" "$out/guest-exit"
fi

# The tool sets of tools.list: one read-only ext4 image each, of the host's
# files at their host paths, plus .tc-files (the list /init links from).
tools_list=$here/tools.list
declare -A set_what
tool_sets=()
read_tools_list() {
	local line set what extra n=0
	[ -r "$tools_list" ] || die "cannot read $tools_list"
	while IFS= read -r line || [ -n "$line" ]; do
		n=$((n + 1))
		line=${line%%#*}
		read -r set what extra <<<"$line" || true
		[ -n "$set" ] || continue
		[ -z "$extra" ] || die "$tools_list:$n: one SET and one package:NAME or file:PATH a line, not '$line'"
		[[ $set =~ ^[a-z0-9][a-z0-9_-]*$ ]] || die "$tools_list:$n: '$set': a set is named with a-z, 0-9, _ and -"
		case $what in
		package:?* | file:/?*) ;;
		*) die "$tools_list:$n: '$what': give package:NAME or file:/PATH" ;;
		esac
		[ -n "${set_what[$set]:-}" ] || tool_sets+=("$set")
		set_what[$set]+="$what "
	done <"$tools_list"
}

# What the guest needs of a package: its files, less what only a booted
# system or a person reads.
package_files() { # PACKAGE
	local f
	dpkg-query -L "$1" 2>/dev/null | while IFS= read -r f; do
		case $f in
		/*) ;;
		*) continue ;; # "package diverts others to: ..."
		esac
		case $f in
		/usr/share/doc/* | /usr/share/man/* | /usr/share/lintian/* | /usr/share/bash-completion/* | \
			/usr/include/* | /etc/cron* | /etc/init.d/* | /lib/systemd/* | /usr/lib/systemd/* | /var/*)
			continue
			;;
		esac
		[ ! -f "$f" ] || echo "$f"
	done
}

# Every file of SET, and the shared libraries of each program or library in
# it (ldd follows them all the way down), one a line, sorted. Warnings for
# what is missing go to set_missing.
set_files() { # SET
	local w f own=$out/tools/.$1.own
	set_missing=()
	: >"$own"
	for w in ${set_what[$1]}; do
		case $w in
		package:*)
			if dpkg-query -W -f='${Status}\n' "${w#package:}" 2>/dev/null | grep -q ' installed$'; then
				package_files "${w#package:}" >>"$own"
			else
				set_missing+=("package ${w#package:} is not installed")
			fi
			;;
		file:*)
			if [ -f "${w#file:}" ]; then
				echo "${w#file:}" >>"$own"
			else
				set_missing+=("${w#file:} is not there")
			fi
			;;
		esac
	done
	{
		cat "$own"
		while IFS= read -r f; do
			[ "$(head -c4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] || continue
			ldd "$f" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' || true
		done <"$own"
	} | LC_ALL=C sort -u
	rm -f "$own"
}

make_tool_image() { # SET FILELIST IMAGE
	local set=$1 list=$2 img=$3 stage f kb
	stage=$(mktemp -d "$out/tools/.stage.XXXXXX")
	while IFS= read -r f; do
		mkdir -p "$stage$(dirname "$f")"
		cp -L "$f" "$stage$f"
	done <"$list"
	cp "$list" "$stage/.tc-files"
	# Room for the files, their inodes and a little slack; no journal (the
	# guest mounts it read-only), no reserved blocks.
	kb=$(du -sk "$stage" | cut -f1)
	kb=$((kb + kb / 8 + 8192))
	rm -f "$img.tmp"
	truncate -s "${kb}k" "$img.tmp"
	mke2fs -q -F -t ext4 -O ^has_journal -m 0 -L "tc-$set" -d "$stage" "$img.tmp" "${kb}k" ||
		die "mke2fs -d $stage failed"
	mv "$img.tmp" "$img"
	rm -rf "$stage"
}

# The files of the host's mke2fs the guest needs: the program, its shared
# libraries and its loader, as ldd names them.
mke2fs_files() {
	ldd "$mke2fs" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
}

# The modules the guest needs, by the config symbol that builds them.
# virtio_pci and virtio_blk: the scratch disk; loop and ext4: the fixtures.
wanted_modules=(
	CONFIG_VIRTIO_PCI:virtio_pci
	CONFIG_VIRTIO_BLK:virtio_blk
	CONFIG_BLK_DEV_LOOP:loop
	CONFIG_EXT4_FS:ext4
)

# Decompress (or copy) module NAME and, before it, what it depends on, into
# $moddir, appending to $loadlist: dependencies first, so insmod in order works.
declare -A modpath modseen
need() { # PROGRAM PACKAGE MODULE
	command -v "$1" >/dev/null || die "module $3 is compressed: '$1' is missing (apt-get install $2)"
}
add_module() { # NAME
	local name=$1 src ko deps dep
	[ -z "${modseen[$name]:-}" ] || return 0
	modseen[$name]=1
	src=${modpath[$name]:-}
	[ -n "$src" ] || die "module $name: not in the package's lib/modules"
	ko=$moddir/$name.ko
	# Decompressed on the host: busybox insmod takes plain .ko files.
	case $src in
	*.ko) cp "$src" "$ko" ;;
	*.ko.xz) need xz xz-utils "$name"; xz -dc "$src" >"$ko" ;;
	*.ko.zst) need zstd zstd "$name"; zstd -dcq "$src" >"$ko" ;;
	*.ko.gz) gzip -dc "$src" >"$ko" ;;
	*) die "module $name: unknown compression ($src)" ;;
	esac
	# depends= of the .modinfo section: what modinfo -F depends prints.
	deps=$(tr '\0' '\n' <"$ko" | sed -n 's/^depends=//p')
	deps=${deps%%$'\n'*}
	for dep in ${deps//,/ }; do
		add_module "${dep//-/_}"
	done
	echo "$name.ko" >>"$loadlist"
}

# Extract the package: vmlinuz, config and the modules, into $kdir.
extract() { # DEB RELEASE
	local deb=$1 rel=$2 x sym mod val f base n
	local -a mods=() builtin=() absent=()
	x=$(mktemp -d "$out/kernels/.extract.XXXXXX")
	say "dpkg-deb -x $(basename "$deb")"
	dpkg-deb -x "$deb" "$x"
	[ -f "$x/boot/vmlinuz-$rel" ] || die "no boot/vmlinuz-$rel in $(basename "$deb")"
	rm -rf "$kdir.new"
	mkdir -p "$kdir.new/modules"
	cp "$x/boot/vmlinuz-$rel" "$kdir.new/vmlinuz"
	cp "$x/boot/config-$rel" "$kdir.new/config"

	modpath=()
	modseen=()
	while IFS= read -r f; do
		base=${f##*/}
		n=${base%%.ko*}
		modpath[${n//-/_}]=$f
	done < <(find "$x/lib/modules/$rel" -name '*.ko*')
	moddir=$kdir.new/modules
	loadlist=$moddir/load.list
	: >"$loadlist"
	for mod in "${wanted_modules[@]}"; do
		sym=${mod%%:*}
		val=$(sed -n "s/^$sym=//p" "$kdir.new/config")
		case $val in
		y) builtin+=("${mod#*:}") ;;
		m) mods+=("${mod#*:}"); add_module "${mod#*:}" ;;
		*) absent+=("${mod#*:}") ;;
		esac
	done
	say "modules: built in: ${builtin[*]:-none}; to load: $(paste -sd' ' "$loadlist")"
	if [ ${#absent[@]} -gt 0 ]; then
		say "warning: not in this kernel: ${absent[*]} (the disk scenarios may not run)"
	fi
	rm -rf "$x" "$kdir"
	mv "$kdir.new" "$kdir"
}

# The base initramfs: busybox, /init, vm-send, guest-exit, mke2fs and its
# libraries, the modules. /payload is left for run.sh's second cpio.
make_initramfs() { # OUTPUT
	local cpio=$1 stage a f
	stage=$(mktemp -d "$out/kernels/.stage.XXXXXX")
	mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,etc,root,proc,sys,dev,run,tmp,payload,lib/modules}
	cp "$busybox" "$stage/bin/busybox"
	while read -r a; do
		# e2fsprogs' own mke2fs, not busybox's (no ext4 options).
		case $a in bin/busybox | */mke2fs) continue ;; esac
		[ -e "$stage/$a" ] || ln -s /bin/busybox "$stage/$a"
	done < <("$busybox" --list-full)
	install -m 0755 "$here/init" "$stage/init"
	install -m 0755 "$here/vm-send" "$stage/bin/vm-send"
	install -m 0755 "$out/guest-exit" "$stage/sbin/guest-exit"
	install -m 0755 "$mke2fs" "$stage/usr/sbin/mke2fs"
	for a in mkfs.ext2 mkfs.ext3 mkfs.ext4; do
		ln -s mke2fs "$stage/usr/sbin/$a"
	done
	while read -r f; do
		mkdir -p "$stage$(dirname "$f")"
		cp -L "$f" "$stage$f"
	done < <(mke2fs_files)
	[ ! -f /etc/mke2fs.conf ] || cp /etc/mke2fs.conf "$stage/etc/"
	cp "$kdir"/modules/* "$stage/lib/modules/"
	# The kernel opens /dev/console before /init runs (devtmpfs comes later).
	[ "$(id -u)" -ne 0 ] || mknod -m 0600 "$stage/dev/console" c 5 1
	(cd "$stage" && find . | LC_ALL=C sort | "$busybox" cpio -o -H newc 2>/dev/null) >"$cpio.tmp"
	mv "$cpio.tmp" "$cpio"
	rm -rf "$stage"
}

mkdir -p "$out/debs" "$out/kernels" "$out/tools"
rm -rf "$out"/kernels/.extract.* "$out"/kernels/.stage.* "$out"/tools/.stage.*

# The tool sets, shared by every kernel: a set is made again when its list
# of files changed or one of them is newer than its image.
if $tools; then
	read_tools_list
	for set in "${tool_sets[@]}"; do
		ctx="tools $set"
		img=$out/tools/$set.img
		set_files "$set" >"$out/tools/$set.list.new"
		for m in "${set_missing[@]}"; do
			say "warning: $m: its tools are not in the guests (they SKIP there)"
		done
		if [ ! -s "$out/tools/$set.list.new" ]; then
			say "nothing of this set is installed: no image"
			rm -f "$img" "$out/tools/$set.list" "$out/tools/$set.list.new"
			continue
		fi
		mapfile -t files <"$out/tools/$set.list.new"
		if cmp -s "$out/tools/$set.list.new" "$out/tools/$set.list" &&
			[ -s "$out/tools/$set.what" ] && fresh "$img" "$tools_list" "$self" "${files[@]}"; then
			say "up to date ($img, ${#files[@]} files)"
			rm -f "$out/tools/$set.list.new"
			continue
		fi
		# What the set holds, for the reports: packages with their versions.
		for w in ${set_what[$set]}; do
			case $w in
			package:*) dpkg-query -W -f='${Package} ${Version}\n' "${w#package:}" 2>/dev/null || true ;;
			file:*) [ ! -f "${w#file:}" ] || basename "${w#file:}" ;;
			esac
		done | paste -sd, | sed 's/,/, /g' >"$out/tools/$set.what"
		make_tool_image "$set" "$out/tools/$set.list.new" "$img"
		mv "$out/tools/$set.list.new" "$out/tools/$set.list"
		say "made $img (${#files[@]} files, $(du -h --apparent-size "$img" | cut -f1))"
	done
fi
for name in "${names[@]}"; do
	ctx="$name: resolve"
	resolve "$name"
	rel=${pkg#linux-image-}
	say "$pkg $version ($resolved)"
	ctx="$name: download"
	deb=$out/debs/${pkg}_${version//:/%3a}_$arch.deb
	if [ -s "$deb" ]; then
		say "cached $(basename "$deb")"
	else
		say "apt-get download $pkg=$version"
		dl=$(mktemp -d "$out/debs/.download.XXXXXX")
		sandbox=()
		[ "$(id -u)" -ne 0 ] || sandbox=(-o APT::Sandbox::User=root)
		(cd "$dl" && apt-get download -q "${sandbox[@]}" "$pkg=$version" >/dev/null) ||
			die "apt-get download $pkg=$version failed"
		got=("$dl"/*.deb)
		[ -f "${got[0]}" ] || die "apt-get download left no .deb"
		mv "${got[0]}" "$deb"
		rm -rf "$dl"
	fi

	kdir=$out/kernels/$rel
	ctx="$name: extract"
	if fresh "$kdir/modules/load.list" "$deb" "$self"; then
		say "up to date ($kdir)"
	else
		extract "$deb" "$rel"
	fi

	ctx="$name: initramfs"
	inputs=("$kdir/modules/load.list" "$here/init" "$here/vm-send" "$out/guest-exit"
		"$busybox" "$self")
	mapfile -t libs < <(mke2fs_files)
	inputs+=("${libs[@]}")
	if fresh "$kdir/initramfs.cpio" "${inputs[@]}"; then
		say "up to date ($(du -h "$kdir/initramfs.cpio" | cut -f1))"
	else
		make_initramfs "$kdir/initramfs.cpio"
		say "made $kdir/initramfs.cpio ($(du -h "$kdir/initramfs.cpio" | cut -f1))"
	fi

	ctx="$name: link"
	if [ "$name" != "$rel" ] && [ "$(readlink "$out/kernels/$name" 2>/dev/null)" != "$rel" ]; then
		ln -sfn "$rel" "$out/kernels/$name"
		say "kernels/$name -> $rel"
	fi
	ctx="$name"
	say "ready: $rel"
done
