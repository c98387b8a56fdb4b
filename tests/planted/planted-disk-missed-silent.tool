# PLANTED ERROR, for the harness's tests: misses 10 completions and hides
# every count of them, as a disk-top that does not look for them would
TOOL planted-disk-missed-silent
DESCRIPTION planted: misses 10 completions of disk bytes, and says nothing
COMMAND {TRACECAL} trace disktop -d {DEV} --prom --fault-drop-done=5
READY ^Tracing
GRACE 5s
PARSER filter grep -Ev '^(completions_missed_total|disk_[a-z_]+_missed_total)'
PROVIDES disk_read_bytes pid,comm,dev
