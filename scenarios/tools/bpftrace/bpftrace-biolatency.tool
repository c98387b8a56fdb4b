# bpftrace's own biolatency.bt, as packaged: block I/O latency from kprobes
# on blk_account_io_start/done. Without kprobes it starts, skips them and
# reports nothing: a partial attach, which must be an ERROR, never a PASS.
TOOL bpftrace-biolatency
DESCRIPTION biolatency.bt from the bpftrace package: block I/O latency histogram
LEVEL latency
REQUIRES program bpftrace
REQUIRES file /usr/sbin/biolatency.bt
COMMAND bpftrace -B none /usr/sbin/biolatency.bt
VERSION bpftrace --version
READY ^Tracing block device I/O
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
PARSER bpftrace
MAP @usecs disk_latency_ns unit=us
ATTACH_WARNING could not attach probe .*skipping
