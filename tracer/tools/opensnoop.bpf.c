// SPDX-License-Identifier: GPL-2.0
/*
 * opensnoop: one event per open, openat and openat2, sent at the call's
 * exit with its result. A full ring buffer is counted per CPU by
 * tc_rb_reserve(); the core reports it.
 */
#include "tc_core.bpf.h"
#include "tc_file.bpf.h"
#include "tc_syscalls.bpf.h"
#include "opensnoop.h"

const volatile bool failed_only = false;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

/* The probes' indexes in the tool's table, for read faults. */
enum { PROBE_OPENAT, PROBE_OPEN, PROBE_OPENAT2 };

static __always_inline int emit(long ret, const char *path, __u32 flags, __u32 probe)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct opensnoop_event *e;
	char comm[TC_COMM_LEN];

	if (failed_only && ret >= 0)
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	if (!tc_task_match(id >> 32, comm))
		return 0;
	e = tc_rb_reserve(&events, sizeof(*e));
	if (!e)
		return 0;
	e->ts_ns = bpf_ktime_get_ns();
	e->ret = ret;
	e->tgid = id >> 32;
	e->tid = id;
	e->flags = flags;
	e->pad = 0;
	__builtin_memcpy(e->comm, comm, sizeof(e->comm));
	tc_read_user_str(e->path, sizeof(e->path), path, probe);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_openat")
int tc_os_openat(struct tc_sys_exit *ctx)
{
	return emit(ctx->ret, (const char *)tc_syscall_arg(2), tc_syscall_arg(3), PROBE_OPENAT);
}

SEC("tracepoint/syscalls/sys_exit_open")
int tc_os_open(struct tc_sys_exit *ctx)
{
	return emit(ctx->ret, (const char *)tc_syscall_arg(1), tc_syscall_arg(2), PROBE_OPEN);
}

SEC("tracepoint/syscalls/sys_exit_openat2")
int tc_os_openat2(struct tc_sys_exit *ctx)
{
	__u64 flags = 0;

	/* struct open_how starts with its __u64 flags. */
	tc_read_user(&flags, sizeof(flags), (void *)tc_syscall_arg(3), PROBE_OPENAT2);
	return emit(ctx->ret, (const char *)tc_syscall_arg(2), flags, PROBE_OPENAT2);
}

char LICENSE[] SEC("license") = "GPL";
