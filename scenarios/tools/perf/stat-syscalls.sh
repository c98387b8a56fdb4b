#!/bin/sh
# perf stat for perf-stat-syscalls.tool: the calls and the errors (ret < 0)
# of the process named $1, in total (raw_syscalls) and for the syscalls the
# scenarios name, each an ftrace filter on the name. Not every syscalls:*
# tracepoint: perf closes each of them slowly (about 20 ms a CPU here), and
# 700 of them made it miss its GRACE. Names this kernel has no tracepoint
# for (open and newstat on arm64) are left out.
comm=$1
events=/sys/kernel/tracing/events
[ -d $events/syscalls ] || events=/sys/kernel/debug/tracing/events
set -- -e raw_syscalls:sys_enter --filter "comm == \"$comm\"" \
	-e raw_syscalls:sys_exit --filter "comm == \"$comm\" && ret < 0"
for n in read pread64 pwrite64 close getppid open openat openat2 newstat statx newfstatat \
	fsync fdatasync syncfs execve; do
	[ -d $events/syscalls ] && [ ! -d $events/syscalls/sys_enter_$n ] && continue
	set -- "$@" -e syscalls:sys_enter_$n --filter "comm == \"$comm\"" \
		-e syscalls:sys_exit_$n --filter "comm == \"$comm\" && ret < 0"
done
exec perf stat -a -x, "$@" -- sh -c 'echo READY; exec sleep 86400'
