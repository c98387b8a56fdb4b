#!/bin/sh
# A qemu for the SIGKILL test (TRACECAL_QEMU=this): it boots nothing and
# hangs, as a guest stuck in its kernel does, so that vm-images/run.sh is
# killed while its qemu runs. Marks $TC_CRASH_MARKS/qemu when started.
[ -z "${TC_CRASH_MARKS:-}" ] || : >"$TC_CRASH_MARKS/qemu"
exec sleep 120
