# tracecal's own block-level tool: bytes and requests per process and disk,
# counted at completion, charged to the process that started each request.
TOOL tracecal-disktop
DESCRIPTION tracecal trace disktop: disk bytes and I/Os per process, at the block layer
LEVEL disk
REQUIRES btf
REQUIRES tracepoint block:block_rq_complete
COMMAND {TRACECAL} trace disktop -d {DEV} --prom
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES disk_read_bytes pid,comm,dev
PROVIDES disk_write_bytes pid,comm,dev
PROVIDES disk_read_ios pid,comm,dev
PROVIDES disk_write_ios pid,comm,dev
