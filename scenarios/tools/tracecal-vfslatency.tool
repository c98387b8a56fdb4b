# tracecal's VFS read/write latency histogram, per file-system type.
TOOL tracecal-vfslatency
DESCRIPTION tracecal trace vfslatency: VFS read/write latency histograms per file system
LEVEL latency
REQUIRES btf
COMMAND {TRACECAL} trace vfslatency -c {COMM} --prom
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES vfs_latency_ns fs,op
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES vfs_latency_ns map_entries_dropped_total{map="hists"}
