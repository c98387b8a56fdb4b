/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Histogram buckets as ranges, and their terminal rendering: one header,
 * aligned columns, bars scaled to the width, one empty row of padding on
 * each side of the data and long interior runs of empty rows folded to "~".
 * The bucketing itself is tc_hist_slot() in bpf/tc_shared.h, which the
 * BPF programs run too.
 */
#ifndef TC_HIST_H
#define TC_HIST_H

#include <stdio.h>
#include <stdint.h>
#include "bpf/tc_shared.h"

#define TC_HIST_INF UINT64_MAX

/* Slots in use for this configuration. */
__u32 tc_hist_nslots(const struct tc_hist_cfg *cfg);
/*
 * Inclusive range [*lo, *hi] of a slot, in units; *hi is TC_HIST_INF for
 * the open top bucket. Returns -1 for a slot that can hold nothing (the
 * linear underflow bucket when lmin is 0).
 */
int tc_hist_bucket(const struct tc_hist_cfg *cfg, __u32 slot, __u64 *lo, __u64 *hi);
/* Inclusive upper bound in ns of a slot, TC_HIST_INF for the open one. */
__u64 tc_hist_le_ns(const struct tc_hist_cfg *cfg, __u32 slot);

/*
 * Print h, in the given unit name, into at most width columns. Returns the
 * number of lines written.
 */
int tc_hist_print(FILE *f, const struct tc_hist *h, const struct tc_hist_cfg *cfg,
		  const char *unit, int width);

#endif
