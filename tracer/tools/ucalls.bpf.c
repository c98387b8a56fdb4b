// SPDX-License-Identifier: GPL-2.0
/*
 * ucalls: calls of one function of a program or library, per process,
 * and their latency, from a uprobe on its entry and a uretprobe on its
 * return.
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
	__type(key, __u32); /* thread id */
	__type(value, __u64); /* entry time, ns */
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct tc_hist);
} hist SEC(".maps");

static const __u64 zero;

SEC("uprobe")
int tc_uc_entry(struct pt_regs *ctx)
{
	__u64 id = bpf_get_current_pid_tgid(), ts;
	struct ucalls_key k = { .tgid = id >> 32 };
	__u32 tid = id;
	__u64 *v;

	bpf_get_current_comm(k.comm, sizeof(k.comm));
	if (!tc_task_match(k.tgid, k.comm))
		return 0;
	v = tc_lookup_or_init(&calls, &k, &zero, UCALLS_MAP_CALLS);
	if (v)
		(*v)++;
	ts = bpf_ktime_get_ns();
	tc_map_put(&start, &tid, &ts, UCALLS_MAP_START);
	return 0;
}

SEC("uretprobe")
int tc_uc_return(struct pt_regs *ctx)
{
	__u32 tid = bpf_get_current_pid_tgid(), slot = 0;
	__u64 *ts = bpf_map_lookup_elem(&start, &tid), now = bpf_ktime_get_ns();
	struct tc_hist *h;

	if (!ts)
		return 0;
	h = bpf_map_lookup_elem(&hist, &slot);
	if (h)
		tc_hist_record(h, now > *ts ? now - *ts : 0);
	bpf_map_delete_elem(&start, &tid);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
