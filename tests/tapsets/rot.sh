#!/bin/bash
# A tracecal tool whose second hook for its syscall probe has rotted: run
# as the hook table's candidate 2 (--use-hook syscalls=2), it reports every
# syscall twice; as any other, it is the real tool. Planted for t_tapset.sh.
rotted=0
for a in "$@"; do
	[ "$a" = syscalls=2 ] && rotted=1
done
if [ $rotted = 0 ]; then
	exec "$@"
fi
# The harness signals the whole process group: awk must outlive the tool
# to pass on what it prints at the end, and the tool sets its own handlers.
trap '' INT TERM
"$@" > >(awk '/^syscalls_total[{ ]/ { $NF = $NF * 2 } { print; fflush() }') &
tool=$!
wait $tool
status=$?
wait
exit $status
