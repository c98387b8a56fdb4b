# libbpf-tools' bitesize 0.26: block request sizes at issue (tp_btf
# block_rq_issue), a log2 histogram in KiB per process name, for one disk
# (-d). Each histogram row becomes the requests of that size bucket:
# disk_ios_total{size="LOW"}, LOW the bucket's first byte (4096 for the
# "4 -> 7" KiB row; docs/metrics.md).
TOOL libbpf-bitesize
DESCRIPTION bitesize -d DISK from libbpf-tools: block request sizes per process, a histogram
LEVEL disk
REQUIRES program bitesize
REQUIRES program stdbuf
REQUIRES btf
REQUIRES tracepoint block:block_rq_issue
COMMAND stdbuf -oL bitesize -d {DEV}
VERSION bitesize --version
READY ^Tracing block device I/O
PARSER filter awk '/^Process Name = / { c = substr($0, 16); gsub(/["\\]/, "_", c); next } $2 == "->" && $4 == ":" && $5 ~ /^[0-9]+$/ && $5 > 0 { n[c "\",size=\"" $1 * 1024] += $5 } END { for (k in n) printf "disk_ios_total{dev=\"{DEV}\",comm=\"%s\"} %d\n", k, n[k] }'
PROVIDES disk_ios_total comm,dev,size
