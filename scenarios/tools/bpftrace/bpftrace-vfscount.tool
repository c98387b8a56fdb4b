# bpftrace's own vfscount.bt: calls of every vfs_* kernel function, from
# kprobes (kprobe:vfs_*), system-wide. Without kprobes bpftrace cannot list
# the functions (available_filter_functions), attaches nothing, says so in
# one warning and reports nothing: a partial attach, never a pass.
TOOL bpftrace-vfscount
DESCRIPTION vfscount.bt from the bpftrace package: VFS function calls, system-wide
LEVEL vfs
REQUIRES program bpftrace
REQUIRES file /usr/sbin/vfscount.bt
COMMAND bpftrace -B none /usr/sbin/vfscount.bt
VERSION bpftrace --version
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
READY ^Tracing VFS calls
PARSER bpftrace
MAP @ vfs_read_ops k0==vfs_read
MAP @ vfs_write_ops k0==vfs_write
ATTACH_WARNING could not attach probe .*skipping
ATTACH_WARNING Could not read symbols from .*available_filter_functions
