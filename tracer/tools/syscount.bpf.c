// SPDX-License-Identifier: GPL-2.0
/* syscount: count system calls, and their errors, at syscall exit. */
#include "tc_core.bpf.h"
#include "tc_syscalls.bpf.h"
#include "syscount.h"

const volatile bool per_process = false;
const volatile __u32 nr_rt_sigreturn = ~0u; /* its "return value" is not a result */

/* Default: per-CPU counters indexed by syscall number; no hashing, no atomics. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SYSCOUNT_MAX_NR);
	__type(key, __u32);
	__type(value, struct syscount_val);
} counts SEC(".maps");

/* -P: by process; bounded by --max-entries, every failed insert counted. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 10240);
	__type(key, struct syscount_key);
	__type(value, struct syscount_val);
} proc_counts SEC(".maps");

static const struct syscount_val zero;

static __always_inline int count_syscall(__u64 nr, long ret)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct syscount_val *v;
	__u32 slot;

	if (!tc_task_match(tgid, NULL))
		return 0;
	slot = nr < SYSCOUNT_MAX_NR ? (__u32)nr : SYSCOUNT_MAX_NR - 1;
	if (per_process) {
		struct syscount_key key = { .tgid = tgid, .nr = slot };

		bpf_get_current_comm(key.comm, sizeof(key.comm));
		v = tc_lookup_or_init(&proc_counts, &key, &zero, SYSCOUNT_MAP_PROC);
	} else {
		v = bpf_map_lookup_elem(&counts, &slot);
	}
	if (!v)
		return 0;
	v->count++;
	if (ret < 0 && ret >= -4095 && slot != nr_rt_sigreturn)
		v->errors++;
	return 0;
}

#ifdef TC_REGS_SYSCALL_NR
SEC("tp_btf/sys_exit")
int BPF_PROG(tc_sc_exit_btf, struct pt_regs *regs, long ret)
{
	return count_syscall(TC_REGS_SYSCALL_NR(regs), ret);
}
#endif

SEC("tracepoint/raw_syscalls/sys_exit")
int tc_sc_exit_tp(struct trace_event_raw_sys_exit *ctx)
{
	return count_syscall(ctx->id, ctx->ret);
}

/* exit and exit_group never return: count them on the way in. */
SEC("tracepoint/syscalls/sys_enter_exit_group")
int tc_sc_exitgrp(struct tc_sys_enter *ctx)
{
	return count_syscall(ctx->nr, 0);
}

SEC("tracepoint/syscalls/sys_enter_exit")
int tc_sc_exit1(struct tc_sys_enter *ctx)
{
	return count_syscall(ctx->nr, 0);
}

char LICENSE[] SEC("license") = "GPL";
