# vm-images/stap.sh, SystemTap's scripts compiled on the host for the VM
# kernels: with a stand-in stap (TRACECAL_STAP, no download), a script stap
# cannot build is a SKIP that quotes stap's first error and the time it took;
# one whose module is there is "built" with its size; a stap that exits 0
# and leaves no module is not taken for a build; misuse is named. --suite
# with a stand-in mmdebstrap (TRACECAL_MMDEBSTRAP: a busybox chroot whose
# stap needs the kernel tree bind-mounted): built in the chroot, the chroot
# made once per inputs, its mounts never on the host and gone on Ctrl-C.
. tests/integration/lib.sh
plan 36

O=$T_DIR/vm
mkdir -p "$O/kernels" "$T_DIR/bin"
ln -s 9.9.9-fake-amd64 "$O/kernels/linux-image-fake"
if [ ! -r /usr/share/systemtap/examples/io/disktop.stp ]; then
	for i in $(seq 36); do ok "# SKIP systemtap-doc is not installed"; done
	finish
	exit
fi
FAKE=$T_DIR/bin/stap
# MODE: fail (stap's semantic error), build (writes the module), empty (exit 0, no module)
cat >"$FAKE" <<'EOS'
#!/bin/sh
[ "$1" = -V ] && { echo "Systemtap translator/driver (version 4.8/0.188, Debian version 4.8-2)"; exit 0; }
all="$*"
while [ $# -gt 0 ]; do [ "$1" = -m ] && mod=$2; shift; done
[ -n "$FAKE_ARGS" ] && echo "$mod $all" >>"$FAKE_ARGS"
case $FAKE_MODE in
fail) echo "semantic error: unable to find member 'bd_part' for struct block_device" >&2
	echo "Pass 2: analysis failed.  [man error::pass2]" >&2; exit 1 ;;
build) head -c 4096 /dev/zero >"$mod.ko" ;;
esac
EOS
chmod +x "$FAKE"

FAKE_MODE=fail TRACECAL_STAP=$FAKE vm-images/stap.sh --out "$O" linux-image-fake >"$T_DIR/fail.out" 2>&1
is $? 0 "a script stap cannot build is a SKIP, not a failure of the run"
R=$O/stap/report.txt
like "$R" "^9\.9\.9-fake-amd64 disktop\.stp SKIP: stap 4\.8 cannot build it for 9\.9\.9-fake-amd64 \([0-9]+\.[0-9] s\): semantic error: unable to find member 'bd_part'" \
	"the SKIP names the kernel, stap's version, the time and stap's first error"
is "$(grep -c ' SKIP: ' "$R")" 7 \
	"each of the seven scripts has its line (disktop, iotop, traceio, vfsrlat; the safety suite's pidkeys, openat_events, openat_heavy)"

FAKE_ARGS=$T_DIR/stap.args FAKE_MODE=build TRACECAL_STAP=$FAKE vm-images/stap.sh --out "$O" linux-image-fake >"$T_DIR/build.out" 2>&1
is $? 0 "modules built: exit 0"
is "$(sed -n 's/^stap_pidkeys .*\(-DMAXMAPENTRIES=[0-9]*\) \(-DMAXERRORS=[0-9]*\) .*/\1 \2/p' "$T_DIR/stap.args") $(grep -c '^stap_disktop .*-D' "$T_DIR/stap.args")" \
	"-DMAXMAPENTRIES=1024 -DMAXERRORS=1000000 0" \
	"a script is built with the -D options of its descriptor's COMMAND (pidkeys.stp's), and none where it has none"
like "$R" "^9\.9\.9-fake-amd64 vfsrlat\.stp built in [0-9]+\.[0-9] s, 4096 bytes$" "a module that built: its time and size"
like "$T_DIR/build.out" "the guest's SystemTap comes with --suite" "without --suite, the run says that no guest image is made"

FAKE_MODE=empty TRACECAL_STAP=$FAKE vm-images/stap.sh --out "$O" linux-image-fake >"$T_DIR/kept.out" 2>&1
is "$(grep -c ' built in [0-9.]* s, 4096 bytes (kept: its inputs are unchanged)$' "$R")" 7 \
	"a module built from the same inputs is kept, stap not run again (it would have left none)"
FAKE_MODE=empty TRACECAL_STAP=$FAKE vm-images/stap.sh --out "$O" --rebuild linux-image-fake >"$T_DIR/empty.out" 2>&1
is "$(grep -c ' SKIP: ' "$R")" 7 "--rebuild: stap exiting 0 with no module is not a build (the last run's module does not count)"

vm-images/stap.sh --bogus >"$T_DIR/misuse.out" 2>&1
is $? 2 "an unknown option: exit 2"
vm-images/stap.sh --vm >"$T_DIR/vm-misuse.out" 2>&1
is "$? $(head -n 1 "$T_DIR/vm-misuse.out")" "2 stap.sh: --vm needs --suite: Debian 12's SystemTap builds no module for the VM kernels" \
	"--vm without --suite: named, exit 2"
vm-images/stap.sh --suite 'sid;x' >"$T_DIR/suite-misuse.out" 2>&1
is "$? $(head -n 1 "$T_DIR/suite-misuse.out")" "2 stap.sh: --suite: 'sid;x' is not a Debian suite's name (trixie, sid)" \
	"a --suite that is no suite's name: named, exit 2"
TRACECAL_STAP=$FAKE vm-images/stap.sh --out "$O" linux-image-nothere >"$T_DIR/nok.out" 2>&1
like "$T_DIR/nok.out" "linux-image-nothere: not in .*/kernels \(run vm-images/build.sh linux-image-nothere\)" \
	"a kernel build.sh has not built is named"

# --suite: a chroot made by a stand-in mmdebstrap (it logs each call): busybox
# and a stap that builds only when the -r tree is there (bind-mounted), or
# hangs (MODE hang) for the Ctrl-C case.
MM=$T_DIR/bin/mmdebstrap
cat >"$MM" <<EOS
#!/bin/sh
echo "\$*" >>"$T_DIR/mm.calls"
[ -n "\$FAKE_MM_FAIL" ] && { echo "E: Unable to locate package systemtap"; exit 1; }
while [ \$# -gt 2 ]; do shift; done
t=\$1
mkdir -p "\$t/bin" "\$t/usr/bin" "\$t/usr/share/systemtap/examples/io"
cp /bin/busybox "\$t/bin/" && ln -s busybox "\$t/bin/sh" && ln -s busybox "\$t/bin/head" &&
	ln -s busybox "\$t/bin/touch" && ln -s busybox "\$t/bin/sleep" && ln -s busybox "\$t/bin/readlink"
mkdir -p "\$t/var/lib/dpkg/info" "\$t/usr/lib/systemtap" "\$t/etc"
printf '/.\\n/usr\\n/usr/bin\\n/usr/bin/staprun\\n/usr/lib/systemtap/stapio\\n/usr/share/doc/systemtap-runtime/copyright\\n' \
	>"\$t/var/lib/dpkg/info/systemtap-runtime.list"
printf '#!/bin/sh\\necho "Systemtap module loader/runner (version 5.6/0.196, Debian version 5.6-1)"\\n' >"\$t/usr/bin/staprun"
cp "\$t/usr/bin/staprun" "\$t/usr/lib/systemtap/stapio"
chmod +x "\$t/usr/bin/staprun" "\$t/usr/lib/systemtap/stapio"
echo 'root:x:0:0:root:/root:/bin/sh' >"\$t/etc/passwd"
touch "\$t/usr/share/systemtap/examples/io/disktop.stp" "\$t/usr/share/systemtap/examples/io/iotop.stp" \
	"\$t/usr/share/systemtap/examples/io/traceio.stp"
cat >"\$t/usr/bin/stap" <<'EOF2'
#!/bin/sh
[ "\$1" = -V ] && { echo "Systemtap translator/driver (version 5.6/0.196, Debian version 5.6-1)"; exit 0; }
while [ \$# -gt 0 ]; do [ "\$1" = -m ] && mod=\$2; [ "\$1" = -r ] && tree=\$2; shift; done
[ -d "\$tree" ] || { echo "error: no build tree \$tree" >&2; exit 1; }
# hang: as stap does, Ctrl-C ends it with status 1 (not by the signal)
[ "\$FAKE_MODE" = hang ] && { trap 'echo "stap: interrupted" >&2; exit 1' INT; touch hung; sleep 60 & wait; }
head -c 8192 /dev/zero >"\$mod.ko"
EOF2
chmod +x "\$t/usr/bin/stap"
EOS
chmod +x "$MM"
if [ -x /bin/busybox ] && [ "$(id -u)" = 0 ]; then
	mkdir -p "$O/stap/root/usr/src/linux-headers-9.9.9-fake-amd64"
	S="env TRACECAL_MMDEBSTRAP=$MM TRACECAL_STAP=stap vm-images/stap.sh --out $O --suite fakesuite"
	$S linux-image-fake >"$T_DIR/suite.out" 2>&1
	is $? 0 "--suite: modules built in the chroot: exit 0"
	like "$O/stap/fakesuite/report.txt" "^9\.9\.9-fake-amd64 disktop\.stp built in [0-9]+\.[0-9] s, 8192 bytes$" \
		"--suite: the kernel tree is bind-mounted in the chroot, the module lands in stap/SUITE/modules"
	I=$O/tools/stap.img
	dbg() { debugfs -R "$1" "$I" 2>/dev/null; }
	is "$(dbg 'cat /tools/systemtap-disktop.tool' | grep -E '^(COMMAND|VERSION|REQUIRES (program|file)) ')" \
		"$(printf 'REQUIRES file /tools/stap/usr/bin/staprun\nCOMMAND {DIR}/../staprun-guest disktop\nVERSION head -n 1 {DIR}/../.tc-what')" \
		"--suite: the guest image's descriptor loads the module with staprun-guest, not stap"
	is "$(dbg 'cat /tools/systemtap-pidkeys.tool' | grep '^COMMAND ')" \
		"COMMAND {DIR}/../staprun-guest pidkeys -b 16 target_comm={COMM}" \
		"--suite: stap's -s N is staprun's -b N, -G VAR=VALUE a module option; -D and -E are built in"
	is "$(for f in /usr/bin/staprun /usr/lib/systemtap/stapio /modules/9.9.9-fake-amd64/stap_vfsrlat.ko /staprun-guest \
		/tools/stapout.awk /tools/EXPECTED /.tc-files /usr/share/doc /modules/9.9.9-fake-amd64/stap_vfsrlat.built; do
		dbg "stat $f" | grep -q '^Inode:' && echo "$f"; done | paste -sd' ')" \
		"/usr/bin/staprun /usr/lib/systemtap/stapio /modules/9.9.9-fake-amd64/stap_vfsrlat.ko /staprun-guest /tools/stapout.awk /tools/EXPECTED" \
		"--suite: the image holds the runtime, the modules, staprun-guest and the descriptors; no .tc-files (nothing linked), no docs"
	$S linux-image-fake >"$T_DIR/suite2.out" 2>&1
	is "$? $(grep -c '' "$T_DIR/mm.calls") $(grep -c 'kept: its inputs are unchanged' "$T_DIR/suite2.out")" "0 1 7" \
		"--suite: a chroot made from the same inputs is made once, and its modules are kept"
	TRACECAL_DEBIAN_MIRROR=http://mirror.invalid/debian $S linux-image-fake >"$T_DIR/suite3.out" 2>&1
	is "$? $(grep -c '' "$T_DIR/mm.calls") $(grep -c ' built in [0-9.]* s, 8192 bytes$' "$T_DIR/suite3.out")" "0 2 7" \
		"--suite: another mirror (an input) makes the chroot again, and the modules"
	# A loop device's file system mounted on the host (a tracecal run's
	# fixture) when stap's namespace starts, unmounted while stap runs: the
	# namespace must not keep it, or the device stays busy.
	truncate -s 16M "$T_DIR/fix.img" && mkfs.ext4 -q "$T_DIR/fix.img" && mkdir -p "$T_DIR/fixmnt"
	loopdev=$(losetup -f --show "$T_DIR/fix.img") && mount "$loopdev" "$T_DIR/fixmnt"
	# A background job of a script ignores SIGINT, and so would stap.sh (a
	# signal ignored at a shell's start cannot be trapped): INT as at a terminal.
	FAKE_MODE=hang setsid env --default-signal=INT $S linux-image-fake >"$T_DIR/hang.out" 2>&1 &
	pg=$!
	for i in $(seq 100); do [ -e "$O/stap/fakesuite/modules/9.9.9-fake-amd64/hung" ] && break; sleep 0.1; done
	is "$(grep -c " $O/stap/fakesuite/chroot" /proc/self/mountinfo)" 0 \
		"--suite: the chroot's mounts are not seen on the host while stap runs (a namespace of its own)"
	umount "$T_DIR/fixmnt"
	losetup -d "$loopdev"
	for i in $(seq 20); do losetup -a | grep -q "$T_DIR/fix.img" || break; sleep 0.1; done
	is "$(losetup -a | grep -c "$T_DIR/fix.img")" 0 \
		"--suite: a loop device the host unmounts and detaches while stap runs is released (the namespace let go of its copy)"
	losetup -j "$T_DIR/fix.img" | cut -d: -f1 | xargs -r -n 1 losetup -d 2>/dev/null
	# Ctrl-C while stap builds (it sleeps 60 s a script here): stap.sh ends
	# at once, not after building the rest, and takes its processes along.
	kill -INT -- -$pg
	alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null); [ -n "$st" ] && [ "${st:0:1}" != Z ]; }
	for i in $(seq 100); do alive $pg || break; sleep 0.1; done
	ended=$(alive $pg && echo "still running 10 s after" || echo ended)
	kill -KILL -- -$pg 2>/dev/null # a failure must not hold the test for minutes
	wait $pg
	rc=$?
	for i in $(seq 20); do
		left=0
		for p in /proc/[0-9]*; do [ "$(readlink "$p/root" 2>/dev/null)" = "$O/stap/fakesuite/chroot" ] && left=$((left + 1)); done
		[ $left -eq 0 ] && break
		sleep 0.1
	done
	is "$ended $rc $left" "ended 130 0" \
		"--suite: Ctrl-C ends stap.sh at once (exit 130), every process in the chroot, and with them its mounts"
else
	for i in $(seq 10); do ok "# SKIP --suite's chroot needs root and /bin/busybox"; done
fi
rm -rf "$O/stap/nochroot"
env TRACECAL_MMDEBSTRAP=$MM TRACECAL_STAP=stap vm-images/stap.sh --out "$O" --suite nochroot --no-fetch \
	linux-image-fake >"$T_DIR/nf.out" 2>&1
is "$? $(cat "$T_DIR/nf.out")" "1 stap.sh: --suite nochroot: no chroot made from these inputs in $O/stap/nochroot/chroot (--no-fetch)" \
	"--suite with --no-fetch and no chroot: named, exit 1"
FAKE_MM_FAIL=1 TRACECAL_MMDEBSTRAP=$MM TRACECAL_STAP=stap vm-images/stap.sh --out "$O" --suite failing \
	linux-image-fake >"$T_DIR/mmf.out" 2>&1
like "$T_DIR/mmf.out" "^stap.sh: --suite failing: mmdebstrap failed \(E: Unable to locate package systemtap\), see .*/failing/chroot.log$" \
	"a failed mmdebstrap: its first error and its log are named"

# staprun-guest, as the guest runs it from the image: a module built for
# another kernel only is named, with the ones there are; no NAME is misuse.
mkdir -p "$T_DIR/img/modules/9.9.9-other"
cp vm-images/stap/staprun-guest "$T_DIR/img/" && touch "$T_DIR/img/modules/9.9.9-other/stap_disktop.ko"
"$T_DIR/img/staprun-guest" disktop >"$T_DIR/sg.out" 2>&1
is "$? $(cat "$T_DIR/sg.out")" "1 staprun-guest: no $T_DIR/img/modules/$(uname -r)/stap_disktop.ko: vm-images/stap.sh built no disktop module for $(uname -r) (built: 9.9.9-other/stap_disktop.ko)" \
	"staprun-guest: no module for the running kernel: named, with the modules built, exit 1"
"$T_DIR/img/staprun-guest" >/dev/null 2>&1
is $? 2 "staprun-guest without a NAME: exit 2"
# staprun's options before the module, the script's globals (VAR=VALUE)
# after it, as staprun takes them: a stand-in staprun in the image says.
if [ -x /bin/busybox ] && [ "$(id -u)" = 0 ]; then
	mkdir -p "$T_DIR/img/bin" "$T_DIR/img/usr/bin" "$T_DIR/img/modules/$(uname -r)"
	for d in proc sys dev tmp; do mkdir -p "$T_DIR/img/$d"; done
	cp /bin/busybox "$T_DIR/img/bin/" && ln -s busybox "$T_DIR/img/bin/sh"
	printf '#!/bin/sh\necho "staprun $*"\n' >"$T_DIR/img/usr/bin/staprun" && chmod +x "$T_DIR/img/usr/bin/staprun"
	cp vm-images/stap/drop-loop-mounts "$T_DIR/img/" && touch "$T_DIR/img/modules/$(uname -r)/stap_pidkeys.ko"
	is "$("$T_DIR/img/staprun-guest" pidkeys -b 16 target_comm=tc_x 2>&1)" \
		"staprun -b 16 /modules/$(uname -r)/stap_pidkeys.ko target_comm=tc_x" \
		"staprun-guest: staprun's options, the module, then the script's globals"
else
	ok "# SKIP staprun-guest's chroot needs root and /bin/busybox"
fi

# The descriptors' filter (vm-images/stap/tools/stapout.awk) on reports in
# the scripts' own printf formats: the blocks added up, or the last
# printing taken, in bytes; @hist_log rows as cumulative buckets.
A="awk -f vm-images/stap/tools/stapout.awk"
{
	printf '\n%-25s, %-8s%4dKb/sec, %-7s%6dKb, %-7s%6dKb\n\n' "Fri Dec  4 14:00:00 2026" Average: 100 Read: 500 Write: 0
	printf '%8s %8s %8s %25s %8s %4s %12s\n' UID PID PPID CMD DEVICE T BYTES
	printf '%8d %8d %8d %25s %8s %4s %12d\n' 0 42 1 tc_reread loop3 R 33554432 0 43 1 other loop3 W 4096
	printf '%8d %8d %8d %25s %8s %4s %12d\n' 0 42 1 tc_reread loop3 R 100663296
} | $A -v fmt=disktop >"$T_DIR/disktop.prom"
like "$T_DIR/disktop.prom" '^disk_read_bytes\{comm="tc_reread",dev="loop3"\} 134217728$' \
	"disktop.stp's 5 s blocks are added up into disk_read_bytes by CMD and DEVICE"
{
	printf '%16s\t%10s\t%10s\n' Process "KB Read" "KB Written"
	printf '%16s\t%10d\t%10d\n' tc_reread 32768 0 tc_reread 98304 1
} | $A -v fmt=iotop >"$T_DIR/iotop.prom"
like "$T_DIR/iotop.prom" '^vfs_read_bytes\{comm="tc_reread"\} 134217728$' "iotop.stp's whole KiB, times 1024, added up"
{
	printf '%8d %15s r: %12s w: %12s\n' 42 tc_reread "31 MiB" "0   B"
	printf '%8d %15s r: %12s w: %12s\n' 42 tc_reread "127 MiB" "512 KiB"
} | $A -v fmt=traceio >"$T_DIR/traceio.prom"
like "$T_DIR/traceio.prom" '^vfs_read_bytes\{comm="tc_reread",pid="42"\} 133169152$' "traceio.stp: its last, cumulative printing counts"
like "$T_DIR/traceio.prom" '^vfs_write_bytes\{comm="tc_reread",pid="42"\} 524288$' "traceio.stp: its units (KiB) read"
printf '   ext4 (ns):\nvalue |-------------------------------------------------- count\n  256 |                                                    0\n  512 |@@@@@@                                             6\n 1024 |@@                                                 2\n 2048 |                                                   0\n\n' |
	$A -v fmt=hist >"$T_DIR/hist.prom"
is "$(grep -c '' "$T_DIR/hist.prom") $(grep -E 'le="(1023|2047|\+Inf)"|_count' "$T_DIR/hist.prom" | awk '{ printf "%s ", $2 }')" \
	"6 6 8 8 8 " "vfsrlat's @hist_log: cumulative buckets (VALUE to 2*VALUE-1 ns), +Inf and count"
# The safety suite's scripts: a count a pid, a line a call, a count at the end.
is "$(printf 'WARNING: Number of errors: 9216, skipped probes: 0\nsyscalls tc_k 7 3\nsyscalls tc_k 8 2\n' |
	$A -v fmt=pidkeys | sort | paste -sd' ')
$(printf 'openat tc_e 9 -2\nopenat tc_e 9 -2\nERROR: x\nopenat tc_e 9 3\n' | $A -v fmt=events)
$(printf 'errors tc_o openat 1000003\n' | $A -v fmt=errors)" \
	"$(printf '%s\n' 'syscalls_total{comm="tc_k",pid="7"} 3 syscalls_total{comm="tc_k",pid="8"} 2' \
		'opens_total{comm="tc_e"} 3' 'syscall_errors_total{comm="tc_o",name="openat"} 1000003')" \
	"pidkeys.stp's counts a pid, openat_events.stp's lines (a call each), openat_heavy.stp's count"
echo | $A -v fmt=nosuch >/dev/null 2>"$T_DIR/fmt.err"
is "$? $(cat "$T_DIR/fmt.err")" "2 stapout.awk: fmt must be disktop, iotop, traceio, hist, pidkeys, events or errors, not 'nosuch'" \
	"an unknown fmt is named, exit 2"
# The descriptors load (a malformed one is left out: exit 2), and each of
# the 42 pairs has a verdict (SKIP on a machine without kprobes).
$TRACECAL run scenarios/io.scn -t vm-images/stap/tools >"$T_DIR/desc.out" 2>&1
rc=$?
is "$([ $rc -ne 2 ] && echo loaded) $(grep -cE '^\[ *[0-9]+/42\] systemtap-(disktop|iotop|traceio|vfsrlat|pidkeys|openat-events|openat-heavy) ' "$T_DIR/desc.out")" "loaded 42" \
	"the seven descriptors of vm-images/stap/tools load and run (42 pairs)"
finish
