# PLANTED ERROR, for the harness's tests: charges the workload's disk reads to a kernel thread
TOOL planted-other-pid
DESCRIPTION planted: charges the workload's disk reads to a kernel thread
COMMAND {TRACECAL} trace disktop -d {DEV} --prom
READY ^Tracing
GRACE 5s
PARSER filter sed -e 's/comm="{COMM}"/comm="kworker\/u8:1"/'
PROVIDES disk_read_bytes pid,comm,dev
PROVIDES disk_write_bytes pid,comm,dev
