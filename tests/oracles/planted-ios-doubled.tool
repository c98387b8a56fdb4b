# PLANTED ERROR: a disk-top that counts every read request twice (as one
# counting at both issue and completion would), its bytes right: iostat's
# r/s over the same window catches it.
TOOL planted-ios-doubled
DESCRIPTION planted: every read request counted twice
COMMAND {TRACECAL} trace disktop -d {DEV} --prom
READY ^Tracing
GRACE 5s
PARSER filter awk '/^disk_read_ios[{]/ { $2 = $2 * 2 } { print }'
PROVIDES disk_read_bytes pid,comm,dev
PROVIDES disk_read_ios pid,comm,dev
