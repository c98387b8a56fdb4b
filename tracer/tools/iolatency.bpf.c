// SPDX-License-Identifier: GPL-2.0
/*
 * iolatency: block I/O latency, from the request's issue to the device to
 * its completion, as a histogram per disk and direction.
 */
#include "tc_core.bpf.h"
#include "tc_block.bpf.h"
#include "iolatency.h"

/* A request's issue: when, and which life of the request it was. */
struct issued {
	__u64 ts;
	struct tc_rq_life life;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u64); /* struct request * */
	__type(value, struct issued);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 10240);
	__type(key, struct iolatency_key);
	__type(value, struct tc_hist);
} hists SEC(".maps");

static const struct tc_hist zero;

static __always_inline int on_issue(struct request *rq)
{
	struct issued now, *old;
	__u64 key = (__u64)rq;
	long err;

	if (!tc_dev_match(tc_rq_dev(rq)) || tc_rq_rw(rq) == TC_NOT_COUNTED)
		return 0;
	now.ts = bpf_ktime_get_ns();
	now.life = tc_rq_life(rq);
	err = bpf_map_update_elem(&start, &key, &now, BPF_NOEXIST);
	if (err == -EEXIST) {
		/*
		 * A start still stored: the same life of the request sent back
		 * without our seeing the requeue (timed again from here, as a
		 * requeue would have it), or another life, and then the last
		 * completion of the one before never reached on_done: the kernel
		 * did not run the program for that event. Count it, it is lost.
		 */
		old = bpf_map_lookup_elem(&start, &key);
		if (!old)
			return 0;
		if (!tc_rq_same_life(now.life, old->life.gen, old->life.end))
			tc_stat_add(TC_STAT_MISSED_DONE, 1);
		*old = now;
	} else if (err) {
		tc_stat_add(TC_STAT_MAP_DROP + IOLATENCY_MAP_START, 1);
	}
	return 0;
}

/* A request sent back to the queue: it will be issued again, and timed from there. */
static __always_inline int on_requeue(struct request *rq)
{
	__u64 key = (__u64)rq;

	bpf_map_delete_elem(&start, &key);
	return 0;
}

static __always_inline int on_done(struct request *rq, __u32 nr_bytes)
{
	struct iolatency_key k;
	__u64 key = (__u64)rq, now;
	struct issued *is;
	struct tc_hist *h;
	enum tc_rw rw;

	if (!tc_rq_last(rq, nr_bytes))
		return 0;
	k.dev = tc_rq_dev(rq);
	rw = tc_rq_rw(rq);
	if (!tc_dev_match(k.dev) || rw == TC_NOT_COUNTED)
		return 0;
	if (tc_fault_drop())
		return 0;
	is = bpf_map_lookup_elem(&start, &key);
	if (is && tc_rq_other_life(tc_rq_life(rq), is->life.gen)) {
		/* Left by an earlier life of the request, whose last completion was lost. */
		tc_stat_add(TC_STAT_MISSED_DONE, 1);
		bpf_map_delete_elem(&start, &key);
		is = NULL;
	}
	if (!is) {
		tc_stat_add(TC_STAT_UNMATCHED, 1);
		return 0;
	}
	now = bpf_ktime_get_ns();
	k.rw = rw & 1;
	h = tc_lookup_or_init(&hists, &k, &zero, IOLATENCY_MAP_HISTS);
	if (h)
		tc_hist_record(h, now > is->ts ? now - is->ts : 0);
	bpf_map_delete_elem(&start, &key);
	return 0;
}

SEC("tp_btf/block_rq_issue")
int BPF_PROG(tc_il_issue_btf, struct request *rq)
{
	return on_issue(rq);
}

SEC("raw_tp/block_rq_issue")
int tc_il_issue_raw(struct bpf_raw_tracepoint_args *ctx)
{
	return on_issue((struct request *)ctx->args[0]);
}

SEC("tp_btf/block_rq_requeue")
int BPF_PROG(tc_il_requeue_btf, struct request *rq)
{
	return on_requeue(rq);
}

SEC("raw_tp/block_rq_requeue")
int tc_il_requeue_raw(struct bpf_raw_tracepoint_args *ctx)
{
	return on_requeue((struct request *)ctx->args[0]);
}

SEC("tp_btf/block_rq_complete")
int BPF_PROG(tc_il_done_btf, struct request *rq, int error, unsigned int nr_bytes)
{
	return on_done(rq, nr_bytes);
}

SEC("raw_tp/block_rq_complete")
int tc_il_done_raw(struct bpf_raw_tracepoint_args *ctx)
{
	return on_done((struct request *)ctx->args[0], (__u32)ctx->args[2]);
}

char LICENSE[] SEC("license") = "GPL";
