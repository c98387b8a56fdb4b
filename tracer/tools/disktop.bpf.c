// SPDX-License-Identifier: GPL-2.0
/*
 * disktop: bytes and requests per process per disk, counted at completion
 * (as /proc/diskstats counts them) and charged to the process that started
 * the request, remembered from the start hook.
 */
#include "tc_core.bpf.h"
#include "tc_block.bpf.h"
#include "disktop.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u64); /* struct request * */
	__type(value, struct disktop_who);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 10240);
	__type(key, struct disktop_key);
	__type(value, struct tc_rw_counts);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 10240);
	__type(key, struct disktop_key);
	__type(value, struct tc_rw_counts);
} missed SEC(".maps");

static const struct tc_rw_counts zero;

/*
 * The process a request is charged to: its thread group, by the name of the
 * group's leader. A thread has a name of its own: io_uring's workers
 * (iou-wrk-PID), which issue a process's punted direct writes on 6.1, would
 * otherwise take its bytes under another name, though with its pid.
 */
static __always_inline bool who_now(struct disktop_who *who)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();

	who->tgid = bpf_get_current_pid_tgid() >> 32;
	if (BPF_CORE_READ_STR_INTO(&who->comm, task, group_leader, comm) < 0)
		bpf_get_current_comm(who->comm, sizeof(who->comm));
	return tc_task_match(who->tgid, who->comm);
}

/*
 * A completion of an issued request that never reached on_done (the kernel
 * did not run the program for it): count it, with the bytes it completed,
 * and the request too if it was the last.
 */
static __always_inline void account_missed(const struct disktop_who *w, __u64 bytes, bool last)
{
	struct disktop_key k = { .tgid = w->tgid, .dev = w->dev };
	struct tc_rw_counts *v;
	bool write = w->issued == 1 + TC_WRITE;

	tc_stat_add(TC_STAT_MISSED_DONE, 1);
	if (w->issued != 1 + TC_READ && !write)
		return;
	__builtin_memcpy(k.comm, w->comm, sizeof(k.comm));
	v = tc_lookup_or_init(&missed, &k, &zero, DISKTOP_MAP_MISSED);
	if (!v)
		return;
	/* Constant offsets: the verifier does not follow a bounded index here. */
	if (write) {
		v->bytes[1] += bytes;
		v->ops[1] += last;
	} else {
		v->bytes[0] += bytes;
		v->ops[0] += last;
	}
}

/*
 * A request found issued when it is started, or issued again as another
 * life of it: its last completion never reached on_done. Everything it had
 * left is missed.
 */
static __always_inline void account_stale(const struct disktop_who *w)
{
	account_missed(w, w->left, true);
}

/*
 * An issued request now owes only owed bytes (sent back, or completing for
 * the last time): if it owed more, a partial completion of the difference
 * never reached on_done. Count those bytes as missed; the request itself
 * has not ended. A loop device's short read, for one, completes part of a
 * request, then requeues and issues it again for the rest.
 */
static __always_inline void settle_unseen(struct disktop_who *w, __u64 owed)
{
	if (!w->issued || w->left <= owed)
		return;
	account_missed(w, w->left - owed, false);
	w->left = owed;
}

/*
 * The entry of a request seen at its completion or requeue, unless it was
 * left by an earlier life of the request whose last completion was lost,
 * and the new life got here unseen (without block_io_start, a flush goes
 * through the flush machinery without being issued itself): that one
 * ended then, and NULL is returned.
 */
static __always_inline struct disktop_who *entry_now(struct request *rq, __u64 key)
{
	struct disktop_who *w = bpf_map_lookup_elem(&start, &key);

	if (!w || !w->issued || !tc_rq_other_life(tc_rq_life(rq), w->gen))
		return w;
	account_stale(w);
	bpf_map_delete_elem(&start, &key);
	return NULL;
}

static __always_inline int on_start(struct request *rq)
{
	struct disktop_who who = {}, *old;
	__u64 key = (__u64)rq;
	long err;

	who.dev = tc_rq_dev(rq);
	if (!tc_dev_match(who.dev) || !who_now(&who))
		return 0;
	/* One hash operation when the key is new, as it nearly always is. */
	err = bpf_map_update_elem(&start, &key, &who, BPF_NOEXIST);
	if (err == -EEXIST) {
		old = bpf_map_lookup_elem(&start, &key);
		if (!old)
			return 0;
		if (old->issued)
			account_stale(old);
		*old = who;
	} else if (err) {
		tc_stat_add(TC_STAT_MAP_DROP + DISKTOP_MAP_START, 1);
	}
	return 0;
}

/*
 * Without block_io_start or fentry: block_getrq fires where block_io_start
 * would, in the maker's context, but names only the request's first bio.
 * Keep the maker under the bio's address, and move it to the request's
 * when the request is next seen (inserted or issued: one always happens).
 */
static __always_inline int on_getrq(struct bio *bio)
{
	struct disktop_who who = {};
	__u64 key = (__u64)bio;

	if (!who_now(&who))
		return 0;
	tc_map_put(&start, &key, &who, DISKTOP_MAP_START);
	return 0;
}

static __always_inline struct disktop_who *on_rq_seen(struct request *rq)
{
	__u64 rkey = (__u64)rq, bkey = (__u64)BPF_CORE_READ(rq, bio);
	struct disktop_who who, *w;

	w = bpf_map_lookup_elem(&start, &rkey);
	if (w)
		return w;
	w = bpf_map_lookup_elem(&start, &bkey);
	if (!w)
		return NULL;
	who = *w;
	bpf_map_delete_elem(&start, &bkey);
	who.dev = tc_rq_dev(rq);
	if (!tc_dev_match(who.dev))
		return NULL;
	tc_map_put(&start, &rkey, &who, DISKTOP_MAP_START);
	return bpf_map_lookup_elem(&start, &rkey);
}

/* Issued to the device: from here on, the request's bytes are owed a completion. */
static __always_inline int on_issue(struct request *rq)
{
	struct tc_rq_life life = tc_rq_life(rq);
	__u32 len = BPF_CORE_READ(rq, __data_len);
	__u64 rkey = (__u64)rq;
	struct disktop_who *w = bpf_map_lookup_elem(&start, &rkey);

	/* Still issued: sent back unseen (the same life), or its end was lost. */
	if (w && w->issued) {
		if (tc_rq_same_life(life, w->gen, w->end)) {
			settle_unseen(w, len);
		} else {
			account_stale(w);
			bpf_map_delete_elem(&start, &rkey);
		}
	}
	w = on_rq_seen(rq);
	if (!w)
		return 0;
	w->issued = 1 + tc_rq_rw(rq);
	w->left = len;
	w->issued_ns = bpf_ktime_get_ns();
	w->gen = life.gen;
	w->end = life.end;
	return 0;
}

/*
 * Sent back to the queue: it will be issued again, and that is not a loss;
 * what it owes now tells whether a partial completion went unseen.
 */
static __always_inline int on_requeue(struct request *rq)
{
	struct disktop_who *w = entry_now(rq, (__u64)rq);

	if (!w)
		return 0;
	settle_unseen(w, BPF_CORE_READ(rq, __data_len));
	w->issued = 0;
	return 0;
}

static __always_inline int on_done(struct request *rq, __u32 nr_bytes)
{
	struct disktop_key k = { .dev = tc_rq_dev(rq) };
	__u64 key = (__u64)rq;
	struct disktop_who *who;
	struct tc_rw_counts *v;
	enum tc_rw rw;
	bool last;

	if (!tc_dev_match(k.dev))
		return 0;
	rw = tc_rq_rw(rq);
	last = tc_rq_last(rq, nr_bytes);
	if (last && tc_fault_drop())
		return 0;
	who = entry_now(rq, key);
	if (who) {
		k.tgid = who->tgid;
		__builtin_memcpy(k.comm, who->comm, sizeof(k.comm));
		if (last) {
			settle_unseen(who, nr_bytes);
			bpf_map_delete_elem(&start, &key);
		} else {
			who->left = who->left > nr_bytes ? who->left - nr_bytes : 0;
		}
	} else {
		if (last)
			tc_stat_add(TC_STAT_UNMATCHED, 1);
		/* Unattributable: counted as unknown, unless a task filter is on. */
		if (tc_filter_tgid || tc_filter_comm_on)
			return 0;
	}
	if (rw == TC_NOT_COUNTED)
		return 0;
	v = tc_lookup_or_init(&stats, &k, &zero, DISKTOP_MAP_STATS);
	if (!v)
		return 0;
	v->bytes[rw & 1] += nr_bytes;
	if (last)
		v->ops[rw & 1]++;
	return 0;
}

/* Start: where the request is made, in the context of who made it. */
SEC("tp_btf/block_io_start")
int BPF_PROG(tc_dt_start_btf, struct request *rq)
{
	return on_start(rq);
}

SEC("fentry/blk_account_io_start")
int BPF_PROG(tc_dt_start_fe, struct request *rq)
{
	return on_start(rq);
}

SEC("raw_tp/block_getrq")
int tc_dt_getrq(struct bpf_raw_tracepoint_args *ctx)
{
	return on_getrq((struct bio *)ctx->args[0]);
}

SEC("raw_tp/block_rq_insert")
int tc_dt_insert(struct bpf_raw_tracepoint_args *ctx)
{
	on_rq_seen((struct request *)ctx->args[0]);
	return 0;
}

/* Issue and requeue: what a request still owes, for the missed-completion count. */
SEC("tp_btf/block_rq_issue")
int BPF_PROG(tc_dt_issue_btf, struct request *rq)
{
	return on_issue(rq);
}

SEC("raw_tp/block_rq_issue")
int tc_dt_issue_raw(struct bpf_raw_tracepoint_args *ctx)
{
	return on_issue((struct request *)ctx->args[0]);
}

SEC("tp_btf/block_rq_requeue")
int BPF_PROG(tc_dt_requeue_btf, struct request *rq)
{
	return on_requeue(rq);
}

SEC("raw_tp/block_rq_requeue")
int tc_dt_requeue_raw(struct bpf_raw_tracepoint_args *ctx)
{
	return on_requeue((struct request *)ctx->args[0]);
}

/* Completion: (rq, error, nr_bytes), possibly in parts. */
SEC("tp_btf/block_rq_complete")
int BPF_PROG(tc_dt_done_btf, struct request *rq, int error, unsigned int nr_bytes)
{
	return on_done(rq, nr_bytes);
}

SEC("raw_tp/block_rq_complete")
int tc_dt_done_raw(struct bpf_raw_tracepoint_args *ctx)
{
	return on_done((struct request *)ctx->args[0], (__u32)ctx->args[2]);
}

char LICENSE[] SEC("license") = "GPL";
