# PLANTED ERROR, for the harness's tests: reports 512-byte sectors as bytes
TOOL planted-sectors
DESCRIPTION planted: reports 512-byte sectors as bytes
COMMAND {TRACECAL} trace disktop -d {DEV} --prom
READY ^Tracing
GRACE 5s
PARSER filter awk '/^disk_(read|write)_bytes/ { $2 = int($2 / 512) } { print }'
PROVIDES disk_read_bytes pid,comm,dev
PROVIDES disk_write_bytes pid,comm,dev
