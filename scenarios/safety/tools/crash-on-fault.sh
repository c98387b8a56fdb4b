#!/bin/sh
# PLANTED, for wrong-opensnoop-crash.tool: tracecal's opensnoop events,
# printed by a loop that dies of SIGSEGV, with its whole process group (the
# tracer too), at the first event whose path is empty: a faulted read.
# Usage: crash-on-fault.sh TRACECAL COMM
"$1" trace opensnoop -c "$2" | while read -r pid tid comm fd err path; do
	[ "$pid" = PID ] && continue
	if [ -z "$path" ]; then
		echo "Segmentation fault" >&2
		kill -SEGV 0
	fi
	echo "$pid $comm $fd $err $path"
done
