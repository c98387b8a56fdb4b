# bpftrace's own biosnoop.bt: a line per block I/O, from kprobes. Its lines
# are counted per comm by a filter.
TOOL bpftrace-biosnoop
DESCRIPTION biosnoop.bt from the bpftrace package: block I/O events
LEVEL disk
REQUIRES program bpftrace
REQUIRES file /usr/sbin/biosnoop.bt
COMMAND bpftrace -B none /usr/sbin/biosnoop.bt
VERSION bpftrace --version
READY ^TIME\(ms\)
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
PARSER filter awk 'NF == 4 && $1 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ { n[$2]++ } END { for (c in n) printf "disk_ios_total{comm=\"%s\"} %d\n", c, n[c] }'
PROVIDES disk_ios_total comm
ATTACH_WARNING could not attach probe .*skipping
