# A bpftrace one-liner at the syscall level: bytes returned by read and
# pread64, accepted by write and pwrite64, for the workload's comm. It
# cannot see io_uring or mmap: the harness must flag that.
TOOL bpftrace-syscall-rw
DESCRIPTION bpftrace one-liner: read/write syscall bytes for the workload
LEVEL syscall
REQUIRES program bpftrace
REQUIRES tracepoint syscalls:sys_exit_read
COMMAND bpftrace -B none -e 'tracepoint:syscalls:sys_exit_read,tracepoint:syscalls:sys_exit_pread64 /comm == "{COMM}" && args->ret > 0/ { @rb[comm] = sum(args->ret); } tracepoint:syscalls:sys_exit_write,tracepoint:syscalls:sys_exit_pwrite64 /comm == "{COMM}" && args->ret > 0/ { @wb[comm] = sum(args->ret); } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
PARSER bpftrace
MAP @rb vfs_read_bytes comm=k0
MAP @wb vfs_write_bytes comm=k0
ATTACH_WARNING could not attach probe .*skipping
