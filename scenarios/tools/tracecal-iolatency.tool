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
