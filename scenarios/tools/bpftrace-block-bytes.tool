# The classic bpftrace one-liner for "who does disk I/O": bytes summed at
# block_rq_issue by the issuing task's comm (Gregg's bpftrace one-liners).
# It counts at issue, not completion, and names whoever issues the request.
TOOL bpftrace-block-bytes
DESCRIPTION bpftrace one-liner: bytes per comm at tracepoint block:block_rq_issue
LEVEL disk
REQUIRES program bpftrace
REQUIRES tracepoint block:block_rq_issue
COMMAND bpftrace -B none -e 'tracepoint:block:block_rq_issue /args->dev == {DEVNUM}/ { if (strncmp(args->rwbs, "R", 1) == 0) { @rd[comm] = sum(args->bytes); } if (strncmp(args->rwbs, "W", 1) == 0 || strncmp(args->rwbs, "FW", 2) == 0) { @wr[comm] = sum(args->bytes); } } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
PARSER bpftrace
MAP @rd disk_read_bytes comm=k0 dev="{DEV}"
MAP @wr disk_write_bytes comm=k0 dev="{DEV}"
ATTACH_WARNING could not attach probe .*skipping
