# The VM path, so that it cannot rot: Debian's 6.1 cloud kernel boots in
# qemu (TCG here), runs a real scenario with the static tracecal, and the
# kernel matrix puts it beside the host's run; a guest that hangs (planted)
# is a TIMEOUT with the console's tail, reported as the VM's result.
# Needs the network once (apt-get download of the kernel; cached after).
. tests/integration/lib.sh
plan 14

K=linux-image-cloud-amd64
for p in qemu-system-x86_64 busybox jq; do
	command -v $p >/dev/null || { echo "Bail out! $p is needed (ci/deps installs it)"; exit 1; }
done

O=$T_DIR/vm
ci/vm-test --kernels $K --suite scenarios/syscalls.scn --out "$O" --timeout 300 >"$O.out" 2>&1
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
# bpftrace is not in the guest: its tools SKIP there, which the matrix says
# once, apart from what the kernels make differ.
like "$O/kernel-matrix.txt" "^Not run on every kernel, for want of a program .*: [0-9]+ cells?: tool requires program bpftrace is not installed" \
	"cells not run in the guest for want of bpftrace: said once, with the reason"
if [ -s "$O/$K/suite/junit.xml" ] && [ -s "$O/host/junit.xml" ] && [ -s "$O/kernel-matrix.json" ]; then
	ok "JUnit per kernel and the merged JSON"
else
	not_ok "JUnit per kernel and the merged JSON" "$(ls -R "$O" | head -30)"
fi

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
finish
