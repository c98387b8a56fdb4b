# PLANTED ABORTED: tracecal's syscount made slow on purpose (2000 clock reads a
# hit, tens of microseconds, --fault-slow-probe) under a 5% overhead limit:
# its watchdog (tracer/guard.c)
# trips for real on the hot loop, detaches, names the probe and exits 1.
# Its message is known to the harness without an ABORT line.
TOOL tracecal-errors-guard
DESCRIPTION tracecal trace syscount -P with a slow probe and --max-overhead 5
LEVEL syscall
REQUIRES btf
COMMAND {TRACECAL} trace syscount -P -c {COMM} --prom --fault-slow-probe=2000 --max-overhead 5
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES syscall_errors_total name,pid,comm
