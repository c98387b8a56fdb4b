# openat_heavy.stp (vm-images/stap): failed openat calls counted by a probe
# made costly on purpose, against overload's million calls: SystemTap's own
# watchdog, "probe overhead exceeded threshold", provoked. It names no
# probe: the verdict is ABORTED, naming none.
TOOL systemtap-openat-heavy
DESCRIPTION openat_heavy.stp: failed openat calls, from a probe of 5,000 steps a call
LEVEL syscall
REQUIRES program stap
REQUIRES root
COMMAND stap -v -DMAXACTION=100000 -G target_comm={COMM} -E 'probe begin { println("TRACECAL READY") }' {DIR}/../openat_heavy.stp
VERSION stap -V
READY ^TRACECAL READY$
READY_TIMEOUT 900s
GRACE 60s
SCENARIOS overload
PARSER filter awk -v fmt=errors -f {DIR}/stapout.awk
PROVIDES syscall_errors_total comm,name
LOSS ^WARNING: There were ([0-9]+) transport failures
LOSS ^WARNING: Number of errors: [0-9]+, skipped probes: ([1-9][0-9]*)
LOSSES syscall_errors_total output
