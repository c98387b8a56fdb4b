# tracecal's VFS-level tool: bytes and operations per process and file
# system, as reads and writes return (io_uring's at their completion).
TOOL tracecal-vfstop
DESCRIPTION tracecal trace vfstop: file bytes per process, at the VFS level
LEVEL vfs
REQUIRES btf
COMMAND {TRACECAL} trace vfstop -c {COMM} --prom
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
