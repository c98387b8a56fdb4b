# tracecal's vfstop held to its fentry/fexit hooks (--avoid-hook takes the
# tracepoint fallbacks away): where the kernel lets BPF trampolines attach
# (the Debian 6.1 and 6.12 kernels in vm-images/) it must count as
# tracecal-vfstop does on tracepoints; where fentry is refused (this
# project's host: EPERM) it is skipped, and the kernel matrix of
# `make vm-test` shows the difference with the reason.
TOOL tracecal-vfstop-fentry
DESCRIPTION tracecal trace vfstop on fentry/fexit only: file bytes per process at the VFS
LEVEL vfs
REQUIRES btf
REQUIRES fentry vfs_read
COMMAND {TRACECAL} trace vfstop -c {COMM} --prom --avoid-hook tracepoint,raw_tp,tp_btf
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES vfs_read_bytes pid,comm,dev,fs
PROVIDES vfs_write_bytes pid,comm,dev,fs
PROVIDES vfs_read_ops pid,comm,dev,fs
PROVIDES vfs_write_ops pid,comm,dev,fs
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES vfs_read_bytes map_entries_dropped_total{map="stats"}
LOSSES vfs_write_bytes map_entries_dropped_total{map="stats"}
LOSSES vfs_read_ops map_entries_dropped_total{map="stats"}
LOSSES vfs_write_ops map_entries_dropped_total{map="stats"}
