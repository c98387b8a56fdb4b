# DELIBERATELY WRONG, kept to prove the harness catches it: a disk-top that
# prints KiB where bytes are meant (tracecal's disktop, its bytes divided by
# 1024 on the way out). The suite must FAIL it on every I/O scenario with
# the diagnosis "KiB counted as bytes", never call it a loss.
TOOL wrong-disktop-kib
DESCRIPTION planted error: disk bytes in KiB reported as bytes
LEVEL disk
REQUIRES btf
REQUIRES tracepoint block:block_rq_complete
COMMAND {TRACECAL} trace disktop -d {DEV} --prom
VERSION {TRACECAL} --version
READY ^Tracing
PARSER filter awk '/^disk_(read|write)_bytes(_missed_total)?[{]/ { $2 = int($2 / 1024) } { print }'
PROVIDES disk_read_bytes pid,comm,dev
PROVIDES disk_write_bytes pid,comm,dev
