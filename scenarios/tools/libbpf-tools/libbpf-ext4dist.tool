# libbpf-tools' fsdist for ext4 (Debian ships it as ext4dist too):
# latency of ext4's read_iter, write_iter, open, fsync and getattr, from
# fentry/fexit where BPF trampolines attach, else kprobes/kretprobes, a log2
# histogram in microseconds per operation. Read and write become
# vfs_latency_ns{fs="ext4",op=...}.
TOOL libbpf-ext4dist
DESCRIPTION fsdist -t ext4 from libbpf-tools: ext4 read and write latency histograms, system-wide
LEVEL latency
REQUIRES program fsdist
REQUIRES program stdbuf
REQUIRES btf
REQUIRES kprobe ext4_file_read_iter
COMMAND stdbuf -oL fsdist -t ext4
VERSION fsdist --version
READY ^Tracing ext4 operation latency
PARSER filter awk -v metric=vfs_latency_ns -v 'labels=fs="ext4"' -v key=op -f {DIR}/log2hist.awk
PROVIDES vfs_latency_ns fs="ext4",op
NOTE system-wide: every ext4 file system's reads and writes, the root's too where it is ext4
