// SPDX-License-Identifier: GPL-2.0
/*
 * vfstop: bytes and operations per process and file system at the VFS
 * level: reads and writes as they return to the caller, whether the page
 * cache served them or the disk. fexit on vfs_read/vfs_write (and the
 * vector forms) where the kernel allows it, else the exits of the read
 * and write syscalls; io_uring reads and writes from their completions.
 */
#include "tc_core.bpf.h"
#include "tc_file.bpf.h"
#include "tc_syscalls.bpf.h"
#include "vfstop.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 10240);
	__type(key, struct vfstop_key);
	__type(value, struct tc_rw_counts);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct vfstop_fstype);
} fstypes SEC(".maps");

static const struct tc_rw_counts zero;

static __always_inline int account(struct file *file, long ret, int rw)
{
	struct vfstop_key k = {};
	struct tc_rw_counts *v;

	if (ret < 0 || !file)
		return 0;
	k.tgid = bpf_get_current_pid_tgid() >> 32;
	if (tc_filter_tgid && k.tgid != tc_filter_tgid)
		return 0;
	k.dev = tc_file_dev(file);
	if (!tc_dev_match(k.dev))
		return 0;
	bpf_get_current_comm(k.comm, sizeof(k.comm));
	if (!tc_comm_match(k.comm))
		return 0;
	if (!bpf_map_lookup_elem(&fstypes, &k.dev)) {
		struct vfstop_fstype fs = {};

		tc_file_fstype(file, fs.name, sizeof(fs.name));
		tc_map_put(&fstypes, &k.dev, &fs, VFSTOP_MAP_FSTYPES);
	}
	v = tc_lookup_or_init(&stats, &k, &zero, VFSTOP_MAP_STATS);
	if (!v)
		return 0;
	v->bytes[rw] += ret;
	v->ops[rw]++;
	return 0;
}

/* fexit: the file and the result in one place. */
SEC("fexit/vfs_read")
int BPF_PROG(tc_vt_read_fx, struct file *file, char *buf, size_t count, loff_t *pos, ssize_t ret)
{
	return account(file, ret, 0);
}

SEC("fexit/vfs_write")
int BPF_PROG(tc_vt_write_fx, struct file *file, const char *buf, size_t count, loff_t *pos,
	     ssize_t ret)
{
	return account(file, ret, 1);
}

SEC("fexit/vfs_readv")
int BPF_PROG(tc_vt_readv_fx, struct file *file, const struct iovec *vec, unsigned long vlen,
	     loff_t *pos, rwf_t flags, ssize_t ret)
{
	return account(file, ret, 0);
}

SEC("fexit/vfs_writev")
int BPF_PROG(tc_vt_writev_fx, struct file *file, const struct iovec *vec, unsigned long vlen,
	     loff_t *pos, rwf_t flags, ssize_t ret)
{
	return account(file, ret, 1);
}

/* Fallback: the syscalls' exits; the fd is still in the saved registers. */
static __always_inline int sys_exit(struct tc_sys_exit *ctx, int rw)
{
	if (ctx->ret < 0)
		return 0;
	return account(tc_fd_file(tc_syscall_arg(1)), ctx->ret, rw);
}

#define SYS_EXIT(name, rw)                                   \
	SEC("tracepoint/syscalls/sys_exit_" #name)           \
	int tc_vt_##name(struct tc_sys_exit *ctx)            \
	{                                                    \
		return sys_exit(ctx, rw);                    \
	}

SYS_EXIT(read, 0)
SYS_EXIT(pread64, 0)
SYS_EXIT(readv, 0)
SYS_EXIT(preadv, 0)
SYS_EXIT(preadv2, 0)
SYS_EXIT(write, 1)
SYS_EXIT(pwrite64, 1)
SYS_EXIT(writev, 1)
SYS_EXIT(pwritev, 1)
SYS_EXIT(pwritev2, 1)

/* io_uring reads and writes never pass the syscalls or vfs_read. */
SEC("tracepoint/io_uring/io_uring_complete")
int tc_vt_uring(struct trace_event_raw_io_uring_complete *ctx)
{
	struct io_kiocb *req = ctx->req;
	int rw;

	switch (BPF_CORE_READ(req, opcode)) {
	case IORING_OP_READV:
	case IORING_OP_READ_FIXED:
	case IORING_OP_READ:
		rw = 0;
		break;
	case IORING_OP_WRITEV:
	case IORING_OP_WRITE_FIXED:
	case IORING_OP_WRITE:
		rw = 1;
		break;
	default:
		return 0;
	}
	return account(BPF_CORE_READ(req, file), ctx->res, rw);
}

char LICENSE[] SEC("license") = "GPL";
