#!/bin/sh
# A stand-in for an engine we cannot run here (SystemTap and DTrace are not
# on this machine), for the overload scenario: it says it is tracing, waits
# for the workload's hot loop (a process named $2) to start, then does what
# the engine does when its guard trips, in the engine's own words, or dies
# as a crash does. Usage: overload-standin.sh stap|guard|crash COMM
mode=$1 comm=$2
echo "Tracing" >&2
trap 'exit 0' INT TERM
# The hot loop has started: the moment a real guard would see the overload.
until pgrep -x "$comm" >/dev/null; do sleep 0.01; done
sleep 0.1
case "$mode" in
stap)	# translate.cxx's overload check, then stap's error summary
	echo "ERROR: probe overhead exceeded threshold" >&2
	echo "WARNING: Number of errors: 1, skipped probes: 0" >&2
	exit 1 ;;
guard)	# a tool's own watchdog, naming its probe: its descriptor says so (ABORT)
	echo "overload-guard: probe sys_exit_openat took 61% of a CPU: detaching all probes" >&2
	exit 3 ;;
crash)	# no guard, no words: a crash, which is not an abort
	echo "Segmentation fault" >&2
	exit 139 ;;
esac
echo "overload-standin.sh: unknown mode '$mode'" >&2
exit 2
