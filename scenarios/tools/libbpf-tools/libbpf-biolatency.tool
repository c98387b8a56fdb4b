# libbpf-tools' biolatency 0.26: block I/O latency from issue to completion
# (tp_btf block_rq_issue/complete, raw_tp where BTF-typed tracepoints are
# missing), a log2 histogram in microseconds, for one disk (-d), one per set
# of request flags (-F): reads and writes become op="read" and op="write";
# flushes (a journal commit's) are left out, as diskstats' reads and
# writes leave them out.
TOOL libbpf-biolatency
DESCRIPTION biolatency -d DISK -F from libbpf-tools: block I/O latency histograms of one disk
LEVEL latency
REQUIRES program biolatency
REQUIRES program stdbuf
REQUIRES btf
REQUIRES tracepoint block:block_rq_complete
COMMAND stdbuf -oL biolatency -d {DEV} -F
VERSION biolatency --version
READY ^Tracing block device I/O
PARSER filter awk -v metric=disk_latency_ns -v 'labels=dev="{DEV}"' -v key=op -v flags=1 -f {DIR}/log2hist.awk
PROVIDES disk_latency_ns dev,op
