# PLANTED ERROR, for the harness's tests: counts every byte twice
TOOL planted-doubled
DESCRIPTION planted: counts every byte twice
COMMAND {TRACECAL} trace disktop -d {DEV} --prom
READY ^Tracing
GRACE 5s
PARSER filter awk '/^disk_(read|write)_bytes/ { $2 = $2 * 2 } { print }'
PROVIDES disk_read_bytes pid,comm,dev
PROVIDES disk_write_bytes pid,comm,dev
