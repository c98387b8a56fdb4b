# PLANTED SLOW: a probe made slow on purpose (it reads the clock 400 times a
# hit, --fault-slow-probe: a few microseconds) with no guard at all
# (--no-overhead-limit): it counts every call, but the workload pays for
# each hit; overload.scn bounds the slowdown (SLOWDOWN_MAX).
TOOL tracecal-errors-noguard
DESCRIPTION tracecal trace syscount -P with a slow probe and no overhead limit
LEVEL syscall
REQUIRES btf
COMMAND {TRACECAL} trace syscount -P -c {COMM} --prom --fault-slow-probe=400 --no-overhead-limit
VERSION {TRACECAL} --version
READY ^Tracing
PARSER prom
PROVIDES syscall_errors_total name,pid,comm
