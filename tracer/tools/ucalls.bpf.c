// SPDX-License-Identifier: GPL-2.0
/*
 * ucalls: calls of the functions of a program or library, per process and
 * function, and their latency, from a uprobe on each entry and a uretprobe
 * on each return. Each attachment's BPF cookie is its function's index.
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
	__type(value, __u64); /* entry time, ns */
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1); /* one per function: set before load */
	__type(key, __u32);
	__type(value, struct tc_hist);
} hist SEC(".maps");

static const __u64 zero;
/* Whether the kernel has bpf_get_attach_cookie() (for one function, not needed). */
const volatile bool tc_uc_cookie = false;

static __always_inline __u32 func_index(struct pt_regs *ctx)
{
	return tc_uc_cookie ? (__u32)bpf_get_attach_cookie(ctx) : 0;
}

SEC("uprobe")
int tc_uc_entry(struct pt_regs *ctx)
{
	__u64 id = bpf_get_current_pid_tgid(), ts;
	struct ucalls_key k = { .tgid = id >> 32, .func = func_index(ctx) };
	struct ucalls_start_key sk = { .tid = id, .func = k.func };
	__u64 *v;

	bpf_get_current_comm(k.comm, sizeof(k.comm));
	if (!tc_task_match(k.tgid, k.comm))
		return 0;
	v = tc_lookup_or_init(&calls, &k, &zero, UCALLS_MAP_CALLS);
	if (v)
		(*v)++;
	ts = bpf_ktime_get_ns();
	tc_map_put(&start, &sk, &ts, UCALLS_MAP_START);
	return 0;
}

SEC("uretprobe")
int tc_uc_return(struct pt_regs *ctx)
{
	struct ucalls_start_key sk = { .tid = bpf_get_current_pid_tgid(),
				       .func = func_index(ctx) };
	__u64 *ts = bpf_map_lookup_elem(&start, &sk), now = bpf_ktime_get_ns();
	struct tc_hist *h;

	if (!ts)
		return 0;
	h = bpf_map_lookup_elem(&hist, &sk.func);
	if (h)
		tc_hist_record(h, now > *ts ? now - *ts : 0);
	bpf_map_delete_elem(&start, &sk);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
