# pidkeys.stp (vm-images/stap): system calls per pid in an array of 1024
# entries (MAXMAPENTRIES), against flood-keys' 4096 processes: SystemTap's
# "Array overflow, check MAXMAPENTRIES", provoked. MAXERRORS lets it go on
# past each refused update, and its end counts them ("Number of errors"):
# each is one call of a pid that did not fit. -s 16: a buffer large enough
# for the thousands of ERROR lines, so that no transport failure mixes in.
TOOL systemtap-pidkeys
DESCRIPTION pidkeys.stp: system calls per pid, 1024 entries at most (MAXMAPENTRIES)
LEVEL syscall
REQUIRES program stap
REQUIRES root
COMMAND stap -v -s 16 -DMAXMAPENTRIES=1024 -DMAXERRORS=1000000 -G target_comm={COMM} -E 'probe begin { println("TRACECAL READY") }' {DIR}/../pidkeys.stp
VERSION stap -V
READY ^TRACECAL READY$
READY_TIMEOUT 900s
GRACE 60s
EXIT_STATUS 1
SCENARIOS flood-keys
PARSER filter awk -v fmt=pidkeys -f {DIR}/stapout.awk
PROVIDES syscalls_total comm,pid
LOSS ^WARNING: There were ([0-9]+) transport failures
LOSS ^WARNING: Number of errors: ([0-9]+), skipped probes: [0-9]+
LOSSES syscalls_total output
NOTE "Number of errors" is a loss: its handlers make one update each, and the only error they can meet is the full array's
NOTE EXIT_STATUS 1: staprun exits 1 when the script met errors, after its end probe printed the counts and its warning counted the errors
