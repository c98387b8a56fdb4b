# libbpf-tools' biopattern 0.26: block requests of one disk at completion
# (tracepoint block_rq_complete), each sequential if it starts where the
# previous one ended, else random; it prints the count and the share of
# each in whole percent. The filter gives the requests of each pattern
# (disk_ios_total{pattern="seq"|"random"}; docs/metrics.md): sequential
# ones as COUNT * %SEQ / 100, rounded, random ones the rest, so that their
# sum is COUNT exactly and each is within 1% of COUNT.
TOOL libbpf-biopattern
DESCRIPTION biopattern -d DISK from libbpf-tools: sequential and random block requests of one disk
LEVEL disk
REQUIRES program biopattern
REQUIRES program stdbuf
REQUIRES btf
REQUIRES tracepoint block:block_rq_complete
COMMAND stdbuf -oL biopattern -d {DEV}
VERSION biopattern --version
READY ^Tracing block device I/O requested seeks
PARSER filter awk '$1 == "{DEV}" && NF == 5 && $4 ~ /^[0-9]+$/ { s = int($4 * $3 / 100 + 0.5); seq += s; rnd += $4 - s; any = 1 } END { if (any) printf "disk_ios_total{dev=\"{DEV}\",pattern=\"seq\"} %d\ndisk_ios_total{dev=\"{DEV}\",pattern=\"random\"} %d\n", seq, rnd }'
PROVIDES disk_ios_total dev,pattern
