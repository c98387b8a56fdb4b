/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the BPF programs and the user-space core share: the layout of the
 * per-CPU statistics array, the histogram value and its bucketing rules.
 * Included by both clang -target bpf (with vmlinux.h) and gcc (with
 * <linux/types.h>), so it uses only __u32/__u64 and plain C.
 */
#ifndef TC_SHARED_H
#define TC_SHARED_H

#ifdef __bpf__
#define TC_INLINE static __always_inline
#else
#include <linux/types.h>
#include <stdbool.h>
#define TC_INLINE static inline
#endif

#define TC_COMM_LEN 16
#define TC_FS_LEN 16

/*
 * Slots of the per-CPU array "tc_stats". Every failed insert into a bounded
 * map is counted in the slot of that map; every failed ring-buffer reserve in
 * TC_STAT_RB_LOST. Nothing is dropped without a count.
 */
#define TC_MAX_MAPS 8
enum tc_stat_slot {
	TC_STAT_MAP_DROP = 0, /* TC_STAT_MAP_DROP + map index, see tc_tool.maps */
	TC_STAT_RB_LOST = TC_MAX_MAPS,
	TC_STAT_UNMATCHED, /* a completion whose start was not seen */
	TC_STAT_MISSED_DONE, /* a request issued again before its completion was seen */
	TC_STAT_NR,
};

/*
 * Reads of memory a probe was pointed at that failed (a bad user pointer,
 * an unmapped page): per probe (the index of the tool's probe), per CPU,
 * with the address of the last one. The probe goes on without the data.
 */
#define TC_FAULT_PROBES 8
struct tc_fault {
	__u64 count;
	__u64 addr;
};

/* Bytes and operations, index 0 read and 1 write: disktop's and vfstop's values. */
struct tc_rw_counts {
	__u64 bytes[2];
	__u64 ops[2];
};

/* Histograms: log2 buckets by default, linear ones when asked. */
#define TC_HIST_SLOTS 64 /* a power of two: tc_hist_add masks with it */
_Static_assert((TC_HIST_SLOTS & (TC_HIST_SLOTS - 1)) == 0, "TC_HIST_SLOTS: a power of two");

enum tc_hist_kind {
	TC_HIST_LOG2 = 0,
	TC_HIST_LINEAR = 1,
};

/*
 * One histogram, one per key and per CPU (maps holding it are per-CPU, so
 * the BPF side updates it without atomics; user space sums the CPUs).
 * Slots count values bucketed in units (tc_hist_cfg.unit_ns); sum, min and
 * max are in ns. min and max are meaningful only when count > 0.
 */
struct tc_hist {
	__u64 slots[TC_HIST_SLOTS];
	__u64 count;
	__u64 sum;
	__u64 min;
	__u64 max;
};

/* How values are put into buckets; set once at load time. */
struct tc_hist_cfg {
	__u32 kind;	/* enum tc_hist_kind */
	__u32 nslots;	/* linear: buckets in use, underflow and overflow included */
	__u64 unit_ns;	/* values are divided by this before bucketing */
	__u64 lmin;	/* linear: lowest bucket starts here (in units) */
	__u64 lstep;	/* linear: width of a bucket (in units) */
};

/*
 * Log2 bucket of v: 0 holds 0, 1 holds 1, and slot i (i >= 1) holds
 * [2^(i-1), 2^i - 1]. The shifts are a branch-light floor(log2(v)) that the
 * verifier accepts without loops.
 */
TC_INLINE __u32 tc_log2_slot(__u64 v)
{
	__u32 r = 0, shift;

	if (!v)
		return 0;
	shift = (v > 0xFFFFFFFFULL) << 5;
	v >>= shift;
	r |= shift;
	shift = (v > 0xFFFF) << 4;
	v >>= shift;
	r |= shift;
	shift = (v > 0xFF) << 3;
	v >>= shift;
	r |= shift;
	shift = (v > 0xF) << 2;
	v >>= shift;
	r |= shift;
	shift = (v > 0x3) << 1;
	v >>= shift;
	r |= shift;
	r |= (__u32)(v >> 1);
	r += 1;
	return r < TC_HIST_SLOTS ? r : TC_HIST_SLOTS - 1;
}

/*
 * Linear bucket of v: slot 0 holds v < lmin, slot k (1 <= k <= nslots - 2)
 * holds [lmin + (k-1)*lstep, lmin + k*lstep - 1], the last slot everything
 * above.
 */
TC_INLINE __u32 tc_lin_slot(__u64 v, __u64 lmin, __u64 lstep, __u32 nslots)
{
	__u64 k;

	if (nslots < 3 || nslots > TC_HIST_SLOTS || !lstep)
		return 0;
	if (v < lmin)
		return 0;
	k = (v - lmin) / lstep; /* no + 1 before the test: v may be UINT64_MAX */
	if (k >= nslots - 2)
		return nslots - 1;
	return (__u32)k + 1;
}

TC_INLINE __u32 tc_hist_slot(const struct tc_hist_cfg *cfg, __u64 v_ns)
{
	__u64 v = cfg->unit_ns > 1 ? v_ns / cfg->unit_ns : v_ns;

	if (cfg->kind == TC_HIST_LINEAR)
		return tc_lin_slot(v, cfg->lmin, cfg->lstep, cfg->nslots);
	return tc_log2_slot(v);
}

/*
 * Add one value (in ns) to a per-CPU histogram: bucketed in units, while
 * count, sum, min and max stay exact in ns.
 */
TC_INLINE void tc_hist_add(struct tc_hist *h, const struct tc_hist_cfg *cfg, __u64 v_ns)
{
	__u64 slot = tc_hist_slot(cfg, v_ns);

	if (slot < TC_HIST_SLOTS) {
#ifdef __bpf__
		/*
		 * The bound again, where clang cannot drop it: it tests one copy
		 * of slot and indexes with another, and the 6.1 verifier loses
		 * the bound in between ("unbounded memory access"). Slot < 64:
		 * the mask changes nothing.
		 */
		asm volatile("%0 &= %1" : "+r"(slot) : "i"(TC_HIST_SLOTS - 1));
#endif
		h->slots[slot]++;
	}
	if (!h->count || v_ns < h->min)
		h->min = v_ns;
	if (v_ns > h->max)
		h->max = v_ns;
	h->count++;
	h->sum += v_ns;
}

#endif /* TC_SHARED_H */
