# Planted: disktop deaf to every completion in its first window only (the
# first run makes the folder $WIT_MARK), right after: what a tool blinded
# by the machine in one window looks like.
TOOL wit-first-wrong
DESCRIPTION disktop deaf in its first window, right in the next
LEVEL disk
REQUIRES btf
COMMAND if mkdir "$WIT_MARK" 2>/dev/null; then exec {TRACECAL} trace disktop -d {DEV} --prom --fault-drop-done=all; else exec {TRACECAL} trace disktop -d {DEV} --prom; fi
READY ^Tracing
PARSER prom
PROVIDES disk_read_bytes pid,comm,dev
PROVIDES disk_read_ios pid,comm,dev
