/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tool's histogram judged against the latencies the workload measured
 * itself: each measured unit may only be counted in a bucket its range
 * reaches, so a histogram shifted one bucket, or in the wrong unit, cannot
 * pass for the right one.
 *
 * A unit's range is where a tool's value for it can lie. A workload timing
 * a call in user space (u, CLOCK_MONOTONIC around it) and a kernel-side
 * tool timing the same call on the same clock (bpf_ktime_get_ns) differ by
 * what happens outside the tool's window and inside the workload's: the
 * syscall's entry and exit, the clock reads, time spent waiting to run. So
 * the tool's value lies in [u - slack, u], never above u: a unit may go to
 * its own bucket, or down to the one below when it lies within its slack
 * of a lower edge, never up.
 */
#ifndef TC_HIST_PLACE_H
#define TC_HIST_PLACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>

/* One bucket of a histogram: [lo, hi], inclusive, as tc_hist_bucket() gives. */
#define TC_HBUCKET_INF UINT64_MAX /* hi of an open top bucket */

struct tc_hbucket {
	__u64 lo, hi;
	__u64 count;
};

/* The sum of the counts. */
__u64 tc_hbuckets_total(const struct tc_hbucket *b, size_t n);

/* One measured unit: the tool's value for it lies in [lo, hi] (ns). */
struct tc_hrange {
	__u64 lo, hi;
};

/*
 * The placement. The tool's buckets, ascending, are tiled over [0, +Inf)
 * first: a range the tool printed no bucket for (a gap, or above its last
 * bucket) is a bucket of count 0. Each unit may be matched to one actual
 * unit of any bucket its range meets; the most units are matched, and those
 * left over, on either side, are unplaced. It passes when unplaced <=
 * allowed (0: the totals must match and every unit be placed).
 *
 * The message names the first bucket with unplaced units ("bucket 21
 * [1,048,576 .. 2,097,151]: 200 expected units with no actual in their
 * range ...; total 200 vs 200; 400 unplaced, over 0 allowed"); its numbers
 * count the buckets as tiled.
 */
struct tc_hist_place {
	bool pass;
	__u64 total_actual, total_expected;
	__u64 unplaced; /* actual units with no measured unit, and measured with no actual */
	__u64 moved;	/* units placed in a bucket below their own */
	int bucket;	/* the first bucket with unplaced units, or -1 */
	__s64 excess;	/* there: > 0 actual units too many, < 0 expected units too many */
	char msg[512];
};

/*
 * Place nr units (ranges r) on the na buckets of actual. Returns 0, or
 * -EINVAL (reason in res->msg) when the buckets overlap or are not
 * ascending, -ENOMEM.
 */
int tc_hist_place(const struct tc_hbucket *actual, size_t na, const struct tc_hrange *r,
		  size_t nr, __u64 allowed, struct tc_hist_place *res);

#endif
