# tracecal's block I/O latency histogram, per disk and direction.
TOOL tracecal-iolatency
DESCRIPTION tracecal trace iolatency: block I/O latency histograms per disk
LEVEL latency
REQUIRES btf
REQUIRES tracepoint block:block_rq_issue
COMMAND {TRACECAL} trace iolatency -d {DEV} --prom
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES disk_latency_ns dev,op
# What it reports lost that these metrics would have counted (LOSSES):
LOSSES disk_latency_ns completions_missed_total
LOSSES disk_latency_ns map_entries_dropped_total{map="hists"}
