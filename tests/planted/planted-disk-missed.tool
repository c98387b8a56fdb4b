# PLANTED ERROR, for the harness's tests: ignores 10 completions, as the kernel
# sometimes does, and says how many bytes they carried
# (disk_read_bytes_missed_total): the judge must add those to what it saw
TOOL planted-disk-missed
DESCRIPTION planted: misses 10 completions, and says which bytes
COMMAND {TRACECAL} trace disktop -d {DEV} --prom --fault-drop-done=5
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES disk_read_bytes pid,comm,dev
