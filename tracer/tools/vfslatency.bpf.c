// SPDX-License-Identifier: GPL-2.0
/*
 * vfslatency: read and write latency at the VFS level, as a histogram per
 * file-system type (the seeds' vfsrlat.stp). fentry and fexit on vfs_read
 * and vfs_write where the kernel allows them; else the entry and exit of
 * read, pread64, write and pwrite64, which call exactly those.
 */
#include "tc_core.bpf.h"
#include "tc_file.bpf.h"
#include "tc_syscalls.bpf.h"
#include "vfslatency.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32); /* thread id */
	__type(value, __u64); /* entry time, ns */
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 10240);
	__type(key, struct vfslatency_key);
	__type(value, struct tc_hist);
} hists SEC(".maps");

static const struct tc_hist zero;

static __always_inline int on_entry(void)
{
	__u64 id = bpf_get_current_pid_tgid(), ts;
	__u32 tid = id;

	if (!tc_task_match(id >> 32, NULL))
		return 0;
	ts = bpf_ktime_get_ns();
	tc_map_put(&start, &tid, &ts, VFSLATENCY_MAP_START);
	return 0;
}

static __always_inline int on_exit(struct file *file, int rw)
{
	__u32 tid = bpf_get_current_pid_tgid();
	struct vfslatency_key k = { .rw = rw };
	__u64 *ts, now = bpf_ktime_get_ns();
	struct tc_hist *h;

	ts = bpf_map_lookup_elem(&start, &tid);
	if (!ts)
		return 0;
	if (file && tc_dev_match(tc_file_dev(file))) {
		tc_file_fstype(file, k.fs, sizeof(k.fs));
		h = tc_lookup_or_init(&hists, &k, &zero, VFSLATENCY_MAP_HISTS);
		if (h)
			tc_hist_record(h, now > *ts ? now - *ts : 0);
	}
	bpf_map_delete_elem(&start, &tid);
	return 0;
}

SEC("fentry/vfs_read")
int BPF_PROG(tc_vl_read_fe)
{
	return on_entry();
}

SEC("fexit/vfs_read")
int BPF_PROG(tc_vl_read_fx, struct file *file)
{
	return on_exit(file, 0);
}

SEC("fentry/vfs_write")
int BPF_PROG(tc_vl_write_fe)
{
	return on_entry();
}

SEC("fexit/vfs_write")
int BPF_PROG(tc_vl_write_fx, struct file *file)
{
	return on_exit(file, 1);
}

#define SYS_PAIR(name, rw)                                          \
	SEC("tracepoint/syscalls/sys_enter_" #name)                 \
	int tc_vl_in_##name(struct tc_sys_enter *ctx)               \
	{                                                           \
		return on_entry();                                  \
	}                                                           \
	SEC("tracepoint/syscalls/sys_exit_" #name)                  \
	int tc_vl_out_##name(struct tc_sys_exit *ctx)               \
	{                                                           \
		return on_exit(tc_fd_file(tc_syscall_arg(1)), rw);  \
	}

SYS_PAIR(read, 0)
SYS_PAIR(pread64, 0)
SYS_PAIR(write, 1)
SYS_PAIR(pwrite64, 1)

char LICENSE[] SEC("license") = "GPL";
