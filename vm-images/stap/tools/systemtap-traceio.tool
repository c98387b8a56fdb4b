# SystemTap's traceio.stp (systemtap-doc 4.8): bytes of successful
# vfs_read and vfs_write returns per process, cumulative since it started,
# the top ten every second in B, KiB, MiB or GiB (cut to whole units). The
# module is compiled before READY (a begin probe added with -E).
TOOL systemtap-traceio
DESCRIPTION traceio.stp of systemtap-doc: cumulative VFS reads and writes per process, every second
LEVEL vfs
REQUIRES program stap
REQUIRES root
REQUIRES kprobe vfs_read
REQUIRES file /usr/share/systemtap/examples/io/traceio.stp
COMMAND stap -v -E 'probe begin { println("TRACECAL READY") }' /usr/share/systemtap/examples/io/traceio.stp
VERSION stap -V
READY ^TRACECAL READY$
READY_TIMEOUT 900s
GRACE 60s
INTERVAL 1s
PARSER filter awk -v fmt=traceio -f {DIR}/stapout.awk
PROVIDES vfs_read_bytes pid,comm
PROVIDES vfs_write_bytes pid,comm
NOTE the last printing counts, in whole units it chooses: 33554431 bytes print as "31 MiB"
LOSS ^WARNING: There were ([0-9]+) transport failures
LOSS ^WARNING: Number of errors: [0-9]+, skipped probes: ([1-9][0-9]*)
LOSSES vfs_read_bytes output
LOSSES vfs_write_bytes output
NOTE INTERVAL: it prints every second and nothing at its end; the harness waits for one more printing after the workload
NOTE the errors that stop stap (ERROR: Array overflow, check MAXMAPENTRIES; Skipped too many probes; probe overhead exceeded threshold) end it before its STOP: an ERROR that quotes them
