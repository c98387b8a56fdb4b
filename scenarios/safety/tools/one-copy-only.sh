#!/bin/sh
# Planted (wrong-copies-one-only.tool): run the command given while holding
# a lock of fixed name, as SystemTap's module named by the script's hash was;
# a second copy started while the first runs fails at once, in SystemTap's
# words. The lock goes with the command (it holds the descriptor), however
# it ends.
lock=${TMPDIR:-/tmp}/tracecal-planted-stap_8cc179a1da0850e296eed475a0c13f72.lock
exec 9>>"$lock" || exit 1
if ! flock -n 9; then
	echo "Error inserting module '/tmp/stapYJ8JXf/stap_8cc179a1da0850e296eed475a0c13f72_584.ko': File exists" >&2
	echo "Error, 'stap_8cc179a1da0850e296eed475a0c13f72_584' is not a zombie systemtap module." >&2
	echo "Pass 5: run failed.  Try again with another '--vp 00001' option." >&2
	exit 1
fi
exec "$@"
