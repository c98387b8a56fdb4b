# DELIBERATELY WRONG, kept to prove the harness catches it: a "disk top"
# that sums block_rq_complete's nr_sector and reports it as bytes. The suite
# must FAIL it with the diagnosis "sectors counted as bytes".
TOOL wrong-disktop-sectors
DESCRIPTION planted error: 512-byte sectors reported as bytes
LEVEL disk
REQUIRES program bpftrace
REQUIRES tracepoint block:block_rq_complete
COMMAND bpftrace -B none -e 'tracepoint:block:block_rq_complete /args->dev == {DEVNUM}/ { if (strncmp(args->rwbs, "R", 1) == 0) { @rd = sum(args->nr_sector); } if (strncmp(args->rwbs, "W", 1) == 0 || strncmp(args->rwbs, "FW", 2) == 0) { @wr = sum(args->nr_sector); } } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
PARSER bpftrace
MAP @rd disk_read_bytes dev="{DEV}"
MAP @wr disk_write_bytes dev="{DEV}"
