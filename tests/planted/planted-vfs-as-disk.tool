# PLANTED ERROR, for the harness's tests: reports VFS read bytes as disk read bytes
TOOL planted-vfs-as-disk
DESCRIPTION planted: reports VFS read bytes as disk read bytes
COMMAND {TRACECAL} trace vfstop -c {COMM} --prom
READY ^Tracing
GRACE 5s
PARSER filter sed -e 's/^vfs_read_bytes{/disk_read_bytes{/' -e '/^vfs_/d' -e '/^# [HT]/d'
PROVIDES disk_read_bytes comm,dev
