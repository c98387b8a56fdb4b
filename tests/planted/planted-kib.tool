# PLANTED ERROR: a disk-top that prints KiB where its descriptor says bytes
# (a filter divides disktop's bytes by 1024): every number 1024 times too
# small. A unit error, a FAIL that says so, never a LOSS.
TOOL planted-kib
DESCRIPTION planted: disk bytes reported in KiB, read as bytes
COMMAND {TRACECAL} trace disktop -d {DEV} --prom
READY ^Tracing
GRACE 5s
PARSER filter awk '/^disk_read_bytes[{]/ { $2 = int($2 / 1024) } { print }'
PROVIDES disk_read_bytes pid,comm,dev
