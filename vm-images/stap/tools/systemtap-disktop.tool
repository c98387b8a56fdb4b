# SystemTap's disktop.stp as Debian's systemtap-doc 4.8 ships it: the script
# of the seeds' story, which counted page-cache reads as disk reads (500x off
# against iostat). It sums the bytes of vfs_read and vfs_write returns whose
# file has a device (devname != "N/A", "skip read from cache" says its
# comment: it skips nothing of the cache) and prints the top ten every 5 s.
# stap compiles the module before the begin probe that prints READY (-E), so
# the compile is outside the traced window; under TCG it takes minutes.
# Its end probe prints nothing: what it counted after its last 5 s report
# is lost, as it is for its users. INTERVAL 5s: the harness waits for one
# more report after the workload (5 s and a second) before it stops it.
TOOL systemtap-disktop
DESCRIPTION disktop.stp of systemtap-doc: disk reads and writes per process, every 5 s
LEVEL disk
REQUIRES program stap
REQUIRES root
REQUIRES kprobe vfs_read
REQUIRES file /usr/share/systemtap/examples/io/disktop.stp
COMMAND stap -v -E 'probe begin { println("TRACECAL READY") }' /usr/share/systemtap/examples/io/disktop.stp
VERSION stap -V
READY ^TRACECAL READY$
READY_TIMEOUT 900s
GRACE 60s
INTERVAL 5s
PARSER filter awk -v fmt=disktop -f {DIR}/stapout.awk
PROVIDES disk_read_bytes comm,dev
PROVIDES disk_write_bytes comm,dev
NOTE INTERVAL 5s: it prints every 5 s and nothing at its end; stopped at once, it would lose the workload's last 5 s
NOTE READY is a begin probe added with -E: stap runs it once the module's probes are registered, after the compile
LOSS ^WARNING: There were ([0-9]+) transport failures
LOSS ^WARNING: Number of errors: [0-9]+, skipped probes: ([1-9][0-9]*)
LOSSES disk_read_bytes output
LOSSES disk_write_bytes output
NOTE the errors that stop stap (ERROR: Array overflow, check MAXMAPENTRIES; Skipped too many probes; probe overhead exceeded threshold) end it before its STOP: an ERROR that quotes them
