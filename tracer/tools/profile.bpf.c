// SPDX-License-Identifier: GPL-2.0
/*
 * profile: on-CPU samples per process, from a cpu-clock perf event on
 * every CPU at a fixed frequency: a process that is always running gets
 * about that many samples a second.
 */
#include "tc_core.bpf.h"
#include "profile.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 10240);
	__type(key, struct profile_key);
	__type(value, __u64);
} samples SEC(".maps");

static const __u64 zero;

SEC("perf_event")
int tc_pf_sample(struct bpf_perf_event_data *ctx)
{
	struct profile_key k = { .tgid = bpf_get_current_pid_tgid() >> 32 };
	__u64 *v;

	bpf_get_current_comm(k.comm, sizeof(k.comm));
	if (!tc_task_match(k.tgid, k.comm))
		return 0;
	v = tc_lookup_or_init(&samples, &k, &zero, PROFILE_MAP_SAMPLES);
	if (v)
		(*v)++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
