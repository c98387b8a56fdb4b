# libbpf-tools' vfsstat 0.26: calls of vfs_read, vfs_write, vfs_fsync,
# vfs_open and vfs_create, system-wide, per second (fentry where BPF
# trampolines attach, else kprobes). It has no SIGINT handler: stopped, it
# dies with the interval it was counting, and with whatever its stdout
# buffer held, hence stdbuf -oL (a line a second reaches the file).
TOOL libbpf-vfsstat
DESCRIPTION vfsstat 1 from libbpf-tools: VFS reads, writes, fsyncs, opens, creates a second, system-wide
LEVEL vfs
REQUIRES program vfsstat
REQUIRES program stdbuf
REQUIRES btf
REQUIRES kprobe vfs_read
COMMAND stdbuf -oL vfsstat 1
VERSION vfsstat --version
READY ^TIME +READ/s
PARSER table
HEADER TIME READ/s WRITE/s FSYNC/s OPEN/s CREATE/s
COLUMN READ/s metric=vfs_read_ops
COLUMN WRITE/s metric=vfs_write_ops
BLOCKS sum
NOTE it prefers fentry; the requirement names the kprobe it falls back to, which every kernel with kprobes has
NOTE per second with an interval of 1: the values are counts; rows of one printing are added up
