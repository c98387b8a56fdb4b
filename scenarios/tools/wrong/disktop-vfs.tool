# DELIBERATELY WRONG, kept to prove the harness catches it: a "disk top"
# that counts bytes returned by read syscalls as disk reads, the mistake of
# disktop.stp in the seeds (500x off on a cached server). The suite must
# FAIL it with the diagnosis "VFS counted as disk".
TOOL wrong-disktop-vfs
DESCRIPTION planted error: VFS read bytes reported as disk read bytes
LEVEL disk
REQUIRES program bpftrace
COMMAND bpftrace -B none -e 'tracepoint:syscalls:sys_exit_read,tracepoint:syscalls:sys_exit_pread64 /comm == "{COMM}" && args->ret > 0/ { @disk_read[comm] = sum(args->ret); } BEGIN { printf("READY\n"); }'
VERSION bpftrace --version
READY ^READY$
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
PARSER bpftrace
MAP @disk_read disk_read_bytes comm=k0 dev="{DEV}"
