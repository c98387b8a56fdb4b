# bpftrace's own bitesize.bt: block request sizes at issue
# (block:block_rq_issue), a log2 histogram in bytes per process name, every
# disk. Each histogram row becomes the requests of that size bucket:
# disk_ios_total{size="LOW"}, LOW the row's first byte ([4K, 8K) is 4096;
# docs/metrics.md).
TOOL bpftrace-bitesize
DESCRIPTION bitesize.bt from the bpftrace package: block request sizes per process, a histogram
LEVEL disk
REQUIRES program bpftrace
REQUIRES file /usr/sbin/bitesize.bt
COMMAND bpftrace -B none /usr/sbin/bitesize.bt
VERSION bpftrace --version
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
READY ^Tracing block device I/O
PARSER filter awk 'function bytes(s) { m = s ~ /K$/ ? 1024 : s ~ /M$/ ? 1048576 : s ~ /G$/ ? 1073741824 : 1; sub(/[KMG]$/, "", s); return s * m } /^@\[.*\]: *$/ { c = $0; sub(/^@\[/, "", c); sub(/\]: *$/, "", c); gsub(/["\\]/, "_", c); next } /^\[/ { lo = $1; sub(/^\[/, "", lo); sub(/[],]$/, "", lo); v = $1 ~ /,$/ ? $3 : $2; if (v > 0) n[c "\",size=\"" bytes(lo)] += v } END { for (k in n) printf "disk_ios_total{comm=\"%s\"} %d\n", k, n[k] }'
PROVIDES disk_ios_total comm,size
ATTACH_WARNING could not attach probe .*skipping
