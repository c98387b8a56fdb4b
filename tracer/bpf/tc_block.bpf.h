/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Block-layer helpers shared by disktop and iolatency: a request's device
 * and kind, classified as /proc/diskstats classifies them, so that what the
 * tools count can be compared with what iostat reads.
 */
#ifndef TC_BLOCK_BPF_H
#define TC_BLOCK_BPF_H

/* Before 5.19 (or so) a request named its disk itself. */
struct request___old {
	struct gendisk *rq_disk;
} __attribute__((preserve_access_index));

#define TC_REQ_OP_MASK 0xff

enum tc_rw {
	TC_READ = 0,
	TC_WRITE = 1,
	TC_NOT_COUNTED = 2, /* flush, discard, secure erase, driver passthrough */
};

static __always_inline __u32 tc_rq_dev(struct request *rq)
{
	struct request___old *old = (void *)rq;

	if (bpf_core_field_exists(old->rq_disk))
		return tc_disk_dev(BPF_CORE_READ(old, rq_disk));
	return tc_disk_dev(BPF_CORE_READ(rq, q, disk));
}

/*
 * Which diskstats group a request's bytes go to (op_stat_group()): discard
 * and secure erase go to the discard fields, flushes to the flush fields
 * and passthrough commands to none; of the rest, odd ops are writes.
 */
static __always_inline enum tc_rw tc_rq_rw(struct request *rq)
{
	__u32 op = BPF_CORE_READ(rq, cmd_flags) & TC_REQ_OP_MASK;

	switch (op) {
	case REQ_OP_FLUSH:
	case REQ_OP_DISCARD:
	case REQ_OP_SECURE_ERASE:
		return TC_NOT_COUNTED;
	default:
		if (op >= REQ_OP_DRV_IN)
			return TC_NOT_COUNTED;
		return op & 1 ? TC_WRITE : TC_READ;
	}
}

/*
 * Is the request inside the flush state machine (a write with PREFLUSH or
 * FUA on a disk that needs them emulated)? Its data completes while it is,
 * and it completes once more, with 0 bytes, when the sequence ends; the
 * kernel counts the I/O only then. The bit became an enum in 6.x; before,
 * it was the define RQF_FLUSH_SEQ (1 << 4), which BTF does not carry.
 */
static __always_inline bool tc_rq_flush_seq(struct request *rq)
{
	__u32 bit = 4;

	if (bpf_core_enum_value_exists(enum rqf_flags, __RQF_FLUSH_SEQ))
		bit = bpf_core_enum_value(enum rqf_flags, __RQF_FLUSH_SEQ);
	return BPF_CORE_READ(rq, rq_flags) & (1u << bit);
}

/*
 * Does this completion of nr_bytes end the request, as /proc/diskstats
 * counts requests (blk_account_io_done)? Partial completions do not; nor
 * does the data step of a flush sequence.
 */
static __always_inline bool tc_rq_last(struct request *rq, __u32 nr_bytes)
{
	return nr_bytes >= BPF_CORE_READ(rq, __data_len) && !tc_rq_flush_seq(rq);
}

/*
 * Which life of a request this is, so that one issued again can be told
 * from one freed and made again at the same address. A requeue keeps the
 * time it was made (start_time_ns; 0 if unknown: no such field, or a queue
 * without I/O accounting) and where its data ends (a partial completion
 * moves its first sector, not its last). Requests made under one plug can
 * share a time (the block layer caches it there); the end tells them apart
 * when the request is issued (the end of a write in the flush machinery
 * moves back to its start when the sequence ends, so it is no use later).
 */
struct tc_rq_life {
	__u64 gen;
	__u64 end;
};

static __always_inline struct tc_rq_life tc_rq_life(struct request *rq)
{
	struct tc_rq_life l = {};

	if (bpf_core_field_exists(rq->start_time_ns))
		l.gen = BPF_CORE_READ(rq, start_time_ns);
	l.end = BPF_CORE_READ(rq, __sector) + (BPF_CORE_READ(rq, __data_len) >> 9);
	return l;
}

/* The same life of a request, as far as one can tell; never when unknown. */
static __always_inline bool tc_rq_same_life(struct tc_rq_life a, __u64 gen, __u64 end)
{
	return a.gen && a.gen == gen && a.end == end;
}

/* Another life for certain (made at another time); never when unknown. */
static __always_inline bool tc_rq_other_life(struct tc_rq_life a, __u64 gen)
{
	return a.gen && gen && a.gen != gen;
}

/*
 * Fault injection, for tests (--fault-drop-done=N): the last completions N,
 * 2N, ... 10N of the traced disks are ignored, as if the kernel had not run
 * the program for them (tc_fault_drop_max 0, --fault-drop-done=all: every
 * one, a completion probe that never fires). The count is atomic: two
 * completions at once on two CPUs take two numbers, so exactly 10 drop.
 */
const volatile __u32 tc_fault_drop_every = 0;
const volatile __u32 tc_fault_drop_max = 10;
__u64 tc_fault_drop_calls = 0;

static __always_inline bool tc_fault_drop(void)
{
	__u64 n;

	if (!tc_fault_drop_every)
		return false;
	n = __sync_fetch_and_add(&tc_fault_drop_calls, 1) + 1;
	return n % tc_fault_drop_every == 0 &&
	       (!tc_fault_drop_max || n <= (__u64)tc_fault_drop_max * tc_fault_drop_every);
}

#endif
