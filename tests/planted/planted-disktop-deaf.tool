# PLANTED: disktop whose completion probe never fires (every completion
# ignored, --fault-drop-done=all). At the end it reports every request as
# missed: seen 0 + missed all = the disk's bytes. Losses that account for
# everything must not buy a PASS: nothing was seen.
TOOL planted-disktop-deaf
DESCRIPTION planted: disktop with its completion probe disabled, all reported missed
COMMAND {TRACECAL} trace disktop -d {DEV} --prom --fault-drop-done=all
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES disk_read_bytes pid,comm,dev
