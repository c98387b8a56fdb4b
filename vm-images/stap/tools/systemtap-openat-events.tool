# openat_events.stp (vm-images/stap): a line per openat, through a 1 MiB
# transport buffer (stap -s 1), against flood-events' 200,003 failing
# openat calls: SystemTap's "There were N transport failures", provoked.
# Each failure is a line that found the buffer full: an event lost.
TOOL systemtap-openat-events
DESCRIPTION openat_events.stp: a line per openat, through a 1 MiB buffer (stap -s 1)
LEVEL syscall
REQUIRES program stap
REQUIRES root
COMMAND stap -v -s 1 -G target_comm={COMM} -E 'probe begin { println("TRACECAL READY") }' {DIR}/../openat_events.stp
VERSION stap -V
READY ^TRACECAL READY$
READY_TIMEOUT 900s
GRACE 60s
SCENARIOS flood-events
PARSER filter awk -v fmt=events -f {DIR}/stapout.awk
PROVIDES opens_total comm
LOSS ^WARNING: There were ([0-9]+) transport failures
LOSS ^WARNING: Number of errors: [0-9]+, skipped probes: ([1-9][0-9]*)
LOSSES opens_total output
