# bpftrace's own writeback.bt: a line per writeback work done (tracepoints
# writeback:writeback_start and _written), with the disk (MAJOR:MINOR) and
# PAGES, "pages written during writeback" says its man page. The filter
# sums the fixture disk's PAGES as its writeback bytes,
# disk_write_bytes{via="writeback"} (a constant label; docs/metrics.md):
# the part of the disk's writes that the kernel's flusher wrote. Each line
# is printed in two parts (time(), then printf()): the filter drops every
# leading time before it reads a line.
TOOL bpftrace-writeback
DESCRIPTION writeback.bt from the bpftrace package: writeback events with the pages they wrote
LEVEL disk
REQUIRES program bpftrace
REQUIRES file /usr/sbin/writeback.bt
REQUIRES tracepoint writeback:writeback_written
COMMAND bpftrace -B none /usr/sbin/writeback.bt
VERSION bpftrace --version
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
READY ^TIME +DEVICE +PAGES
PARSER filter awk 'BEGIN { d = int({DEVNUM} / 1048576) ":" ({DEVNUM} % 1048576) } { l = $0; while (match(l, /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]  /)) l = substr(l, RLENGTH + 1); split(l, f, " ") } f[1] == d && f[2] ~ /^[0-9]+$/ { b += f[2] * 4096; any = 1 } END { if (any) printf "wb{dev=\"{DEV}\"} %d\n", b }' 
MAP wb disk_write_bytes dev=dev via="writeback"
ATTACH_WARNING could not attach probe .*skipping
NOTE PAGES is the work item's nr_pages as the tracepoint gives it, masked to 16 bits by the script (args->nr_pages & 0xffff, "TODO: explain these bitmasks")
