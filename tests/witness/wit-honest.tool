# tracecal's disktop as it is: right in every window.
TOOL wit-honest
DESCRIPTION tracecal trace disktop, honest
LEVEL disk
REQUIRES btf
COMMAND {TRACECAL} trace disktop -d {DEV} --prom
READY ^Tracing
PARSER prom
PROVIDES disk_read_bytes pid,comm,dev
PROVIDES disk_read_ios pid,comm,dev
