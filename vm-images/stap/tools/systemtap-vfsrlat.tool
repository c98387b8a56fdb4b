# vfsrlat.stp, the seeds' VFS read latency script (Brendan Gregg, 2011;
# vm-images/stap/vfsrlat.stp): a log2 histogram of vfs_read latency in ns
# per file-system type, printed at its end. "Tracing..." is its begin probe:
# the module is compiled and its probes registered by then.
TOOL systemtap-vfsrlat
DESCRIPTION vfsrlat.stp of the seeds: VFS read latency per file-system type, at its end
LEVEL vfs
REQUIRES program stap
REQUIRES root
REQUIRES kprobe vfs_read
COMMAND stap -v {DIR}/../vfsrlat.stp
VERSION stap -V
READY ^Tracing\.\.\. Hit Ctrl-C to end$
READY_TIMEOUT 900s
GRACE 60s
PARSER filter awk -v fmt=hist -f {DIR}/stapout.awk
PROVIDES vfs_latency_ns fs,op="read"
LOSS ^WARNING: There were ([0-9]+) transport failures
LOSS ^WARNING: Number of errors: [0-9]+, skipped probes: ([1-9][0-9]*)
LOSSES vfs_latency_ns output
NOTE the errors that stop stap (ERROR: Array overflow, check MAXMAPENTRIES; Skipped too many probes; probe overhead exceeded threshold) end it before its STOP: an ERROR that quotes them
