// SPDX-License-Identifier: GPL-2.0
/*
 * ucalls: calls of the functions of a program or library, per process and
 * function, and their latency, from a uprobe on each entry and a uretprobe
 * on each return. Each attachment's BPF cookie is its function's index.
 * Calls that nest (recursion, a signal handler calling the function it
 * interrupted) are each timed from their own entry.
 */
#include "tc_core.bpf.h"
#include "ucalls.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 10240);
	__type(key, struct ucalls_key);
	__type(value, __u64);
} calls SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, struct ucalls_start_key);
	__type(value, struct ucalls_stack); /* entry times, ns */
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1); /* one per function: set before load */
	__type(key, __u32);
	__type(value, struct tc_hist);
} hist SEC(".maps");

static const __u64 zero;
static const struct ucalls_stack empty_stack;
/* Whether the kernel has bpf_get_attach_cookie() (for one function, not needed). */
const volatile bool tc_uc_cookie = false;

static __always_inline __u32 func_index(struct pt_regs *ctx)
{
	return tc_uc_cookie ? (__u32)bpf_get_attach_cookie(ctx) : 0;
}

/*
 * A slot of a call stack. The mask bounds the index for the verifier; the
 * empty asm keeps the compiler from dropping it, as the callers' checks
 * make it redundant in C.
 */
static __always_inline __u32 stack_slot(__u32 d)
{
	__asm__ volatile("" : "+r"(d));
	return d & (UCALLS_DEPTH - 1);
}

SEC("uprobe")
int tc_uc_entry(struct pt_regs *ctx)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct ucalls_key k = { .tgid = id >> 32, .func = func_index(ctx) };
	struct ucalls_start_key sk = { .tid = id, .func = k.func };
	struct ucalls_stack *st;
	__u64 *v;
	__u32 d;

	bpf_get_current_comm(k.comm, sizeof(k.comm));
	if (!tc_task_match(k.tgid, k.comm))
		return 0;
	v = tc_lookup_or_init(&calls, &k, &zero, UCALLS_MAP_CALLS);
	if (v)
		(*v)++;
	st = tc_lookup_or_init(&start, &sk, &empty_stack, UCALLS_MAP_START);
	if (!st)
		return 0;
	/* One thread's entries and returns never run at once: no race on the stack. */
	d = st->depth;
	if (d < UCALLS_DEPTH)
		st->ts[stack_slot(d)] = bpf_ktime_get_ns();
	else
		tc_stat_add(TC_STAT_MAP_DROP + UCALLS_MAP_START, 1);
	st->depth = d + 1;
	return 0;
}

SEC("uretprobe")
int tc_uc_return(struct pt_regs *ctx)
{
	struct ucalls_start_key sk = { .tid = bpf_get_current_pid_tgid(),
				       .func = func_index(ctx) };
	struct ucalls_stack *st = bpf_map_lookup_elem(&start, &sk);
	__u64 now = bpf_ktime_get_ns(), ts;
	struct tc_hist *h;
	__u32 d;

	if (!st || !st->depth)
		return 0;
	d = --st->depth;
	if (!d)
		bpf_map_delete_elem(&start, &sk);
	if (d >= UCALLS_DEPTH)
		return 0;
	ts = st->ts[stack_slot(d)];
	h = bpf_map_lookup_elem(&hist, &sk.func);
	if (h)
		tc_hist_record(h, now > ts ? now - ts : 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
