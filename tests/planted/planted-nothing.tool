# PLANTED ERROR, for the harness's tests: attaches, and then reports nothing
TOOL planted-nothing
DESCRIPTION planted: attaches, and then reports nothing
COMMAND {TRACECAL} trace disktop -d {DEV} --prom
READY ^Tracing
GRACE 5s
PARSER filter awk '/^#/ { print }'
PROVIDES disk_read_bytes pid,comm,dev
PROVIDES disk_write_bytes pid,comm,dev
