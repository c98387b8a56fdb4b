# libbpf-tools' syscount (Debian package libbpf-tools 0.26), by process:
# each syscall counted as it returns (raw_syscalls:sys_exit) in a map of at
# most 8192 processes, keyed by pid and named after the process's leader;
# printed once, when it is stopped. Its stdout is a file: stdbuf -oL, or its
# first line would wait in a buffer until it ends (libbpf-tools print with
# stdio and never flush).
TOOL libbpf-syscount
DESCRIPTION syscount -P from libbpf-tools: system calls per process, at raw_syscalls:sys_exit
LEVEL syscall
REQUIRES program syscount
REQUIRES program stdbuf
REQUIRES btf
REQUIRES tracepoint raw_syscalls:sys_exit
# -T: the top 8192 (its map's size), not 10: a quiet workload must not fall off the list.
COMMAND stdbuf -oL syscount -P -T 8192
VERSION syscount --version
READY ^Tracing syscalls
PARSER table
HEADER PID COMM COUNT
COLUMN PID label=pid
COLUMN COMM label=comm spaces
COLUMN COUNT metric=syscalls_total
BLOCKS last
PROVIDES syscalls_total pid,comm
NOTE it reports no loss: a process that finds the map full is not counted, silently
