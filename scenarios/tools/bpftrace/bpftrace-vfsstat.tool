# bpftrace's own vfsstat.bt: VFS calls per second, from kprobes on
# vfs_read, vfs_write, vfs_fsync, vfs_open, vfs_create.
TOOL bpftrace-vfsstat
DESCRIPTION vfsstat.bt from the bpftrace package: VFS calls, system-wide
LEVEL vfs
REQUIRES program bpftrace
REQUIRES file /usr/sbin/vfsstat.bt
COMMAND bpftrace -B none /usr/sbin/vfsstat.bt
VERSION bpftrace --version
READY ^Tracing key VFS calls
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
PARSER bpftrace
MAP @ vfs_read_ops k0==kprobe:vfs_read
MAP @ vfs_write_ops k0==kprobe:vfs_write
ATTACH_WARNING could not attach probe .*skipping
