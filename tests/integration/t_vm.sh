# The VM path, so that it cannot rot: Debian's 6.1 cloud kernel boots in
# qemu (TCG here), runs a real scenario with the static tracecal, and the
# kernel matrix puts it beside the host's run; a guest that hangs (planted)
# is a TIMEOUT with the console's tail, reported as the VM's result.
# The accelerator: a nested KVM that refuses -cpu host ("failed to set MSR
# 0x10a", simulated by tests/helpers/qemu-kvm-msr.sh, which runs TCG where
# KVM would be, so that this works on a machine without /dev/kvm) falls back
# to the next CPU model and says why; --accel tcg is obeyed; a qemu that
# fails outright is an ERROR that quotes it.
# Needs the network once (apt-get download of the kernel; cached after).
. tests/integration/lib.sh
plan 48

K=linux-image-cloud-amd64
for p in qemu-system-x86_64 busybox jq; do
	command -v $p >/dev/null || { echo "Bail out! $p is needed (ci/deps installs it)"; exit 1; }
done

O=$T_DIR/vm
ci/vm-test --kernels $K --suite scenarios/syscalls.scn --out "$O" --timeout 300 \
	--tapset-scenarios syscall-counts >"$O.out" 2>&1
rc=$?
is "$rc" 0 "vm-test: host and $K, the syscall scenarios, every run as EXPECTED says"
[ $rc -eq 0 ] || diag "$(tail -n 30 "$O.out")"
release=$(jq -r .kernel "$O/$K/suite/results.json" 2>/dev/null)
is "$(grep -c '^6\.1\.' <<<"$release")" 1 "the guest ran Debian's 6.1 kernel ($release)"
is "$(jq -r '.results[] | select(.tool == "tracecal-syscount" and .scenario == "syscall-counts") | .verdict' \
	"$O/$K/suite/results.json")" PASS "in the guest: tracecal-syscount x syscall-counts PASS (exact prime counts)"
like "$O/kernel-matrix.txt" "^tracecal-syscount +host +$release$" "the matrix: a column per kernel"
like "$O/kernel-matrix.txt" "^  syscall-counts +PASS +PASS$" "the matrix: PASS on both kernels"
like "$O/kernel-matrix.txt" "^  hooks on $release: syscalls=" "the matrix: the hooks each kernel gave"
# The real tools ride in the guest (vm-images/tools.list's base set, a
# read-only disk the guest's /init links to the host's paths): libbpf-tools
# and perf are judged there as on the host.
for t in libbpf-syscount perf-stat-syscalls; do
	is "$(jq -r --arg t $t '.results[] | select(.tool == $t and .scenario == "syscall-counts") | .verdict' \
		"$O/$K/suite/results.json")" PASS "in the guest: $t x syscall-counts PASS (the host's program, run there)"
done
like "$O/kernel-matrix.txt" "^  $release +tools under test base \(libbpf-tools [0-9]" \
	"the matrix names the tools the guest carried, with their versions"
# bpftrace is not in the guest: its tools SKIP there, which the matrix says
# once, apart from what the kernels make differ.
like "$O/kernel-matrix.txt" "^Not run on every kernel, for want of a program .*: [0-9]+ cells?: tool requires program bpftrace is not installed" \
	"cells not run in the guest for want of bpftrace: said once, with the reason"
# The probe libraries ran on both (tracecal tapset): the alias x kernel
# table, syscount's two hooks for its syscall probe each forced and exact in
# the guest, and the shipped library's candidates SKIP there (no bpftrace).
like "$O/kernel-matrix.txt" "^alias / candidate +host +$release$" "the matrix: an alias x kernel table"
like "$O/kernel-matrix.txt" "^  2 tracepoint raw_syscalls:sys_exit +OK +OK *$" \
	"syscount's fallback hook, forced, is exact on both kernels"
is "$(jq -r '.candidates[] | select(.alias == "syscall.getppid" and .candidate == 1) | .verdict' "$O/$K/tapset.json")" \
	SKIP "in the guest without bpftrace the library SKIPs"
like "$O/kernel-matrix.txt" "^systemtap syscall.getppid, candidate 1 \(tracepoint:syscalls:sys_enter_getppid\):$" \
	"and the table says which candidates differ between kernels, with why"
if [ -s "$O/$K/suite/junit.xml" ] && [ -s "$O/host/junit.xml" ] && [ -s "$O/kernel-matrix.json" ]; then
	ok "JUnit per kernel and the merged JSON"
else
	not_ok "JUnit per kernel and the merged JSON" "$(ls -R "$O" | head -30)"
fi
# Whichever accelerator this machine gives, the matrix and results say which.
like "$O/kernel-matrix.txt" "^  $release +accelerator (kvm -cpu [a-z,-]+|tcg), [0-9]+ CPUs?( |$)" \
	"the matrix names the VM's accelerator ($(jq -r '.vm.qemu_args' "$O/$K/suite/results.json" 2>/dev/null))"

# A guest that hangs: TIMEOUT with the console's tail, as the VM's result.
H=$T_DIR/hang
ci/vm-test --kernels $K --no-host --suite scenarios/syscalls.scn --out "$H" --timeout 25 \
	--guest-command 'sleep 9999' >"$H.out" 2>&1
is "$?" 1 "a hung guest fails the run (exit 1)"
like "$H/kernel-matrix.txt" "^  \(the VM\) x \(boot\): TIMEOUT: the VM did not finish within 25s; console tail: .*[a-z]" \
	"and is a TIMEOUT in the matrix, with the console's tail"
like "$H/$K/suite/junit.xml" '<error type="TIMEOUT" message="TIMEOUT: the VM did not finish within 25s">' \
	"and an error in its JUnit file"

# A guest whose kernel panics (planted with sysrq): retried once, then an
# ERROR with the panic in the console's tail.
P=$T_DIR/panic
ci/vm-test --kernels $K --no-host --suite scenarios/syscalls.scn --out "$P" --timeout 120 \
	--guest-command 'echo c >/proc/sysrq-trigger' >"$P.out" 2>&1
is "$?" 1 "a panicking guest fails the run (exit 1)"
like "$P/kernel-matrix.txt" "^  \(the VM\) x \(boot\): ERROR: the VM gave no result \(a kernel panic twice, or it stopped without a word\); console tail: .*(panic|sysrq|SysRq)" \
	"and is an ERROR in the matrix, with the panic in the console's tail"
like "$P.out" "attempt 2|retry|again" "after one retry"

# A nested KVM that refuses -cpu host. The wrapper only sees KVM asked for if
# run.sh's look at the device node passes: a file stands in for /dev/kvm.
# One pair runs in the guest (a real result, quickly).
export TRACECAL_QEMU=$PWD/tests/helpers/qemu-kvm-msr.sh
export TRACECAL_KVM_DEV=$T_DIR/kvm TRACECAL_ACCEL_CACHE=$T_DIR/accel.cache
export FAKE_QEMU_LOG=$T_DIR/qemu.log
touch "$TRACECAL_KVM_DEV"
one_pair='tracecal run scenarios/syscalls.scn --scenario syscall-counts --only tracecal-syscount --out /results/suite'
F=$T_DIR/fallback
ci/vm-test --kernels $K --no-host --out "$F" --timeout 300 --guest-command "$one_pair" >"$F.out" 2>&1
rc=$?
is "$rc" 0 "KVM refusing -cpu host: the run still succeeds"
[ $rc -eq 0 ] || diag "$(tail -n 30 "$F.out")"
like "$F.out" "^run: $K: accelerator kvm -cpu host,-arch-capabilities \(refused: kvm -cpu host: failed to set MSR 0x10a to 0x69\)$" \
	"the choice is printed, with the refused candidate and qemu's reason"
is "$(cut -d' ' -f1,2 "$FAKE_QEMU_LOG" | tr '\n' ' ')" "kvm host kvm host,-arch-capabilities kvm host,-arch-capabilities " \
	"qemu was asked for -cpu host, then host,-arch-capabilities (probes), then booted with it"
A=$F/$K/accel.json
release=$(jq -r .kernel "$F/$K/suite/results.json" 2>/dev/null)
is "$(jq -r '[.accel, .cpu, .smp, .mode] | join(" ")' "$A" 2>/dev/null)" \
	"kvm host,-arch-capabilities $(nproc) auto" "accel.json: KVM, the CPU model that booted, every host CPU"
is "$(jq -r '.refused | map(.candidate + ": " + .reason) | join("; ")' "$A" 2>/dev/null)" \
	"kvm -cpu host: failed to set MSR 0x10a to 0x69" "accel.json: the refused candidate and why"
is "$(jq -r '[.vm.cpu, (.results[] | select(.tool == "tracecal-syscount") | .verdict)] | join(" ")' \
	"$F/$K/suite/results.json" 2>/dev/null)" "host,-arch-capabilities PASS" \
	"results.json carries the VM's accelerator beside its verdicts"
like "$F/kernel-matrix.txt" "^  $release +accelerator kvm -cpu host,-arch-capabilities, $(nproc) CPUs? \(refused: kvm -cpu host: failed to set MSR 0x10a to 0x69\)$" \
	"the matrix prints the accelerator of the kernel's VM"
is "$(jq -r '.kernels[0].vm.cpu' "$F/kernel-matrix.json" 2>/dev/null)" host,-arch-capabilities \
	"and so does the matrix's JSON"
is "$(sed -n 3p "$FAKE_QEMU_LOG")" "kvm host,-arch-capabilities $(nproc)" \
	"the boot asked KVM for every host CPU (-smp $(nproc))"

# The answer is cached per machine: no probe the second time, until the key
# (qemu, host kernel, CPU, the device node) no longer matches.
: >"$FAKE_QEMU_LOG"
vm-images/run.sh --probe-accel >"$T_DIR/probe2.out" 2>&1
like "$T_DIR/probe2.out" "^run: accelerator kvm -cpu host,-arch-capabilities \(refused: kvm -cpu host: failed to set MSR 0x10a to 0x69\), $(nproc) CPUs?$" \
	"--probe-accel: the same choice"
like "$T_DIR/probe2.out" "cached in $TRACECAL_ACCEL_CACHE" "said to come from the cache"
is "$(wc -l <"$FAKE_QEMU_LOG")" 0 "and no qemu started for it"
sed -i 's/^key\t.*/key\tqemu=an older one/' "$TRACECAL_ACCEL_CACHE"
vm-images/run.sh --probe-accel >"$T_DIR/probe3.out" 2>&1
is "$(cut -d' ' -f1,2 "$FAKE_QEMU_LOG" | tr '\n' ' ')" "kvm host kvm host,-arch-capabilities " \
	"a cache whose key does not match is ignored: probed again"
if grep -q cached "$T_DIR/probe3.out"; then
	not_ok "and not said to be cached" "$(cat "$T_DIR/probe3.out")"
else
	ok "and not said to be cached"
fi

# --accel tcg, through ci/vm-test: no KVM tried, one CPU.
: >"$FAKE_QEMU_LOG"
G=$T_DIR/tcg
ci/vm-test --kernels $K --no-host --out "$G" --timeout 300 --accel tcg --guest-command "$one_pair" \
	>"$G.out" 2>&1
is "$?" 0 "--accel tcg: the run succeeds"
is "$(tr '\n' ' ' <"$FAKE_QEMU_LOG")" "tcg - 1 " "qemu was only asked for TCG, with one CPU"
like "$G.out" "^run: $K: accelerator tcg \(forced by --accel tcg\)$" "the choice is printed as forced"
is "$(jq -r '[.vm.accel, .vm.smp, .vm.mode, (.vm.refused | length)] | join(" ")' \
	"$G/$K/suite/results.json" 2>/dev/null)" "tcg 1 tcg 0" "results.json: TCG, one CPU, forced, nothing refused"
like "$G/kernel-matrix.txt" "^  $release +accelerator tcg, 1 CPU \(forced by --accel tcg\)$" \
	"the matrix says so"

# --accel kvm where there is no KVM: refused before qemu runs, with the reason.
TRACECAL_KVM_DEV=$T_DIR/no-such-kvm vm-images/run.sh --probe-accel --accel kvm >"$T_DIR/nokvm.out" 2>&1
is "$?" 2 "--accel kvm without a KVM device: a setup error (exit 2)"
like "$T_DIR/nokvm.out" "--accel kvm: KVM does not work here: kvm: no $T_DIR/no-such-kvm$" "naming the missing device"

# A qemu that fails on every candidate, TCG too: an ERROR that quotes qemu,
# not an empty tail.
B=$T_DIR/broken
FAKE_QEMU_BROKEN=1 TRACECAL_ACCEL_CACHE=$T_DIR/broken.cache \
	ci/vm-test --kernels $K --no-host --out "$B" --timeout 60 --guest-command true >"$B.out" 2>&1
is "$?" 1 "a qemu that fails on every candidate fails the run (exit 1)"
like "$B.out" "^ci/vm-test: $K: ERROR: qemu stopped before the guest wrote a line; console tail: \(empty\); qemu stderr: qemu-system-x86_64: cannot set up guest memory 'pc.ram': Cannot allocate memory$" \
	"the message quotes qemu's stderr"
like "$B/kernel-matrix.txt" "^  \(the VM\) x \(boot\): ERROR: qemu stopped before the guest wrote a line; .*qemu stderr: .*cannot set up guest memory" \
	"and so does the matrix"
like "$B/kernel-matrix.txt" "accelerator tcg, 1 CPU \(refused: kvm -cpu host: -accel kvm: failed to initialize kvm: Operation not permitted; kvm -cpu host,-arch-capabilities: .*; kvm -cpu max: " \
	"with every KVM candidate refused, and why"
like "$B/$K/suite/junit.xml" "cannot set up guest memory" "and the JUnit error"
finish
