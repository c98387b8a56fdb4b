# Planted: disktop deaf to every completion in every window.
TOOL wit-always-wrong
DESCRIPTION disktop deaf in every window
LEVEL disk
REQUIRES btf
COMMAND {TRACECAL} trace disktop -d {DEV} --prom --fault-drop-done=all
READY ^Tracing
PARSER prom
PROVIDES disk_read_bytes pid,comm,dev
PROVIDES disk_read_ios pid,comm,dev
