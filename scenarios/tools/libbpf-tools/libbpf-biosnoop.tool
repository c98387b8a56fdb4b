# libbpf-tools' biosnoop 0.26: a line per block request at completion, with
# the process that started it (fentry on blk_account_io_start, or
# __blk_account_io_start; a kprobe on blk_account_io_merge_bio where the
# kernel has it), its disk, R or W, its bytes. The fentry program is
# always loaded: without BPF trampolines (this project's host: EPERM) the
# tool cannot start, so that is required (on vfs_read, which every kernel
# can trace). Whether its own function is there to hook is the tool's
# business, judged: 6.1 inlines both names, 6.12 will not trace its one.
TOOL libbpf-biosnoop
DESCRIPTION biosnoop -d DISK from libbpf-tools: every block request of one disk, per process
LEVEL disk
REQUIRES program biosnoop
REQUIRES program stdbuf
REQUIRES btf
REQUIRES fentry vfs_read
REQUIRES tracepoint block:block_rq_complete
COMMAND stdbuf -oL biosnoop -d {DEV}
VERSION biosnoop --version
READY ^TIME\(s\) +COMM
PARSER filter awk '$1 ~ /^[0-9]+\.[0-9]+$/ { c = substr($0, 13, 14); sub(/ +$/, "", c); gsub(/["\\]/, "_", c); split(substr($0, 28), f, " "); k = c "\",pid=\"" f[1] "\",dev=\"" f[2]; n[k]++; if (f[3] ~ /R/) { r[k]++; rb[k] += f[5] } else if (f[3] ~ /W/) { w[k]++; wb[k] += f[5] } } END { for (k in n) printf "disk_ios_total{comm=\"%s\"} %d\ndisk_read_ios{comm=\"%s\"} %d\ndisk_read_bytes{comm=\"%s\"} %d\ndisk_write_ios{comm=\"%s\"} %d\ndisk_write_bytes{comm=\"%s\"} %d\n", k, n[k], k, r[k], k, rb[k], k, w[k], k, wb[k] }'
PROVIDES disk_ios_total pid,comm,dev
PROVIDES disk_read_ios pid,comm,dev
PROVIDES disk_read_bytes pid,comm,dev
PROVIDES disk_write_ios pid,comm,dev
PROVIDES disk_write_bytes pid,comm,dev
LOSS ^lost ([0-9]+) events on CPU
LOSSES disk_ios_total output
LOSSES disk_read_ios output
LOSSES disk_read_bytes output
LOSSES disk_write_ios output
LOSSES disk_write_bytes output
NOTE its COMM column is 14 wide (%-14.14s): a longer process name is cut, and no longer matches
