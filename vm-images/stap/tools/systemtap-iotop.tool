# SystemTap's iotop.stp (systemtap-doc 4.8): bytes read and written per
# process name, from the vfs tapset's vfs.read.return and vfs.write.return
# (bytes_read, bytes_written: the return value, negative on error), the top
# ten every 5 s in whole KiB, cleared after each. The module is compiled
# before READY (a begin probe added with -E).
TOOL systemtap-iotop
DESCRIPTION iotop.stp of systemtap-doc: VFS reads and writes per process name, every 5 s
LEVEL vfs
REQUIRES program stap
REQUIRES root
REQUIRES kprobe vfs_read
REQUIRES file /usr/share/systemtap/examples/io/iotop.stp
COMMAND stap -v -E 'probe begin { println("TRACECAL READY") }' /usr/share/systemtap/examples/io/iotop.stp
VERSION stap -V
READY ^TRACECAL READY$
READY_TIMEOUT 900s
GRACE 60s
INTERVAL 5s
PARSER filter awk -v fmt=iotop -f {DIR}/stapout.awk
PROVIDES vfs_read_bytes comm
PROVIDES vfs_write_bytes comm
NOTE whole KiB per process and 5 s block, cut: up to 1023 bytes a block below the truth
LOSS ^WARNING: There were ([0-9]+) transport failures
LOSS ^WARNING: Number of errors: [0-9]+, skipped probes: ([1-9][0-9]*)
LOSSES vfs_read_bytes output
LOSSES vfs_write_bytes output
NOTE INTERVAL: it prints every 5 s and nothing at its end; the harness waits for one more printing after the workload
NOTE the errors that stop stap (ERROR: Array overflow, check MAXMAPENTRIES; Skipped too many probes; probe overhead exceeded threshold) end it before its STOP: an ERROR that quotes them
