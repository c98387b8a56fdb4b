#!/bin/sh
# A stand-in tool for the SIGKILL test (tests/integration/t_crash.sh): it
# holds the harness in one phase of a run for a minute, and drops a marker
# file in $TC_CRASH_MARKS when it is there, so that the test kills the
# harness at that moment and no other.
mark() { [ -z "${TC_CRASH_MARKS:-}" ] || : >"$TC_CRASH_MARKS/$1"; }
case "$1" in
ready)		# ready at once; at Ctrl-C prints a sample and exits
	echo "Tracing" >&2
	trap 'echo "syscalls_total{comm=\"tc_cr\"} 0"; exit 0' INT TERM
	while :; do sleep 0.1; done ;;
slow-start)	# the harness waits for its READY line, which does not come for 60 s
	mark tool-start
	sleep 60
	echo "Tracing" >&2 ;;
filter)		# PARSER filter: holds the harness while it judges
	mark judging
	sleep 60
	cat ;;
*)
	echo "crash-tool.sh: unknown mode '$1'" >&2
	exit 2 ;;
esac
