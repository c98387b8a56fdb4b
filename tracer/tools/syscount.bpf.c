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

/* Fault injection, for tests of the overhead watchdog (--fault-slow-probe=N). */
const volatile __u32 tc_sc_slow_probe = 0;
__u64 tc_sc_slow_sink = 0;

static __always_inline void slow_down(void)
{
	__u64 sum = 0;

	for (__u32 i = 0; i < 4096; i++) {
		if (i >= tc_sc_slow_probe)
			break;
		sum += bpf_ktime_get_ns();
	}
	tc_sc_slow_sink = sum;
}

static __always_inline int count_syscall(__u64 nr, long ret)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct syscount_val *v;
	__u32 slot;

	if (!tc_task_match(tgid, NULL))
		return 0;
	if (tc_sc_slow_probe)
		slow_down();
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

/*
 * exit and exit_group never return, so sys_exit never sees them. A task
 * leaving through one of them is still inside it when it dies: its saved
 * registers hold the call's number. Counted there, at sched_process_exit,
 * which fires once per dying task rather than on every syscall entry as a
 * syscalls:sys_enter_exit* hook would.
 */
const volatile __u32 nr_exit = ~0u;
const volatile __u32 nr_exit_group = ~0u;

static __always_inline int on_task_exit(void)
{
#ifdef TC_REGS_SYSCALL_NR
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	__u64 nr = BPF_CORE_READ(regs, TC_REGS_SYSCALL_NR_FIELD);

	if (nr == nr_exit || nr == nr_exit_group)
		return count_syscall(nr, 0);
#endif
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(tc_sc_texit_btf)
{
	return on_task_exit();
}

SEC("tracepoint/sched/sched_process_exit")
int tc_sc_texit_tp(void *ctx)
{
	return on_task_exit();
}

char LICENSE[] SEC("license") = "GPL";
