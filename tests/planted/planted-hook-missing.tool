# PLANTED ERROR: a libbpf tool that wants a kprobe on a function this kernel
# does not have (renamed or inlined, as biotop 0.26's blk_account_io_start
# on 6.1) and gives up before it is ready. The verdict names the missing
# hook first; on a kernel without kprobes at all, that instead.
TOOL planted-hook-missing
DESCRIPTION planted: libbpf cannot create a kprobe on a function the kernel lacks
COMMAND sh {DIR}/fake-tool.sh hook-missing
READY ^Tracing
GRACE 5s
PARSER prom
PROVIDES syscalls_total name,pid,comm
