#!/bin/sh
# A stand-in for a tool under test that misbehaves in one planted way, so
# that the harness's ERROR and TIMEOUT verdicts can be provoked on purpose.
# It says "Tracing" on stderr when "ready", as tracecal's tools do.
case "$1" in
partial)	# starts, says some probes did not attach, then reports nothing
	echo "WARNING: could not attach probe kprobe:vfs_read, skipping." >&2
	echo "Tracing" >&2
	trap 'echo "# nothing to say"; exit 0' INT TERM
	while :; do sleep 0.1; done ;;
partial-libbpf)	# as a libbpf tool whose program did not attach says it (no descriptor declares it)
	echo "libbpf: prog 'handle_vfs_read': failed to attach: Operation not supported" >&2
	echo "Tracing" >&2
	trap 'echo "# nothing to say"; exit 0' INT TERM
	while :; do sleep 0.1; done ;;
crash)		# dies as soon as it has said it is tracing
	echo "Tracing" >&2
	echo "Segmentation fault" >&2
	exit 139 ;;
never-ready)	# never says it is tracing
	exec sleep 60 ;;
no-stop)	# ignores Ctrl-C
	trap '' INT
	echo "Tracing" >&2
	while :; do sleep 0.1; done ;;
deaf-once)	# misses its first Ctrl-C, as a busy tool can; stops at the second
	n=0
	trap 'n=$((n + 1)); echo "got INT $n" >&2
	      if [ $n -ge 2 ]; then echo "# stopped at signal $n"; exit 0; fi' INT
	echo "Tracing" >&2
	while :; do sleep 0.1; done ;;
hook-missing)	# as a libbpf tool whose kprobe's function this kernel lacks: gives up before ready
	echo "libbpf: prog 'blk_account_io_start': failed to create kprobe 'tracecal_no_such_fn+0x0' perf event: No such file or directory" >&2
	echo "failed to load attach blk_account_io_start" >&2
	exit 0 ;;
dies-silent)	# prints its header, counts, and has no handler for Ctrl-C: dies of it, silent
	echo "Tracing" >&2
	exec sleep 600 ;;
garbage)	# reports something no parser can read
	echo "Tracing" >&2
	trap 'echo "this is not { prometheus"; exit 0' INT TERM
	while :; do sleep 0.1; done ;;
exit-1)		# runs the rest of its line as the tool, and when it is stopped stops
		# it and exits 1, as SystemTap's staprun does after errors it counted
	shift
	"$@" &
	trap 'kill -INT $!; wait $!; exit 1' INT TERM
	wait $!
	exit 1 ;;
*)
	echo "fake-tool.sh: unknown mode '$1'" >&2
	exit 2 ;;
esac
