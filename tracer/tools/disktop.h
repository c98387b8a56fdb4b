/* SPDX-License-Identifier: GPL-2.0 */
/* disktop: what its BPF side and user side share. */
#ifndef DISKTOP_H
#define DISKTOP_H

#include "../bpf/tc_shared.h"

/* Bounded maps, by their tc_stats drop slot. */
enum disktop_maps { DISKTOP_MAP_STATS, DISKTOP_MAP_START, DISKTOP_MAP_MISSED };

/*
 * Who started a request, kept from its start to its last completion, and,
 * once it is issued, its kind, which life of the request it is and the
 * bytes still to complete. A request started again, or issued again as
 * another life of it, while still marked issued lost its last completion:
 * those bytes were never counted. The same life issued again (after a
 * requeue, seen or not) lost nothing but the bytes, if any, that completed
 * unseen before it was sent back.
 */
struct disktop_who {
	__u32 tgid;
	__u32 dev;
	__u32 issued; /* 0: not issued; else 1 + enum tc_rw */
	__u32 pad;
	__u64 left;
	__u64 issued_ns; /* when it was issued, to tell the oldest at the end */
	__u64 gen, end; /* which life of the request it is (tc_rq_life()), when issued */
	char comm[TC_COMM_LEN];
};

/* tgid 0 with an empty comm: completions whose start was not seen. */
struct disktop_key {
	__u32 tgid;
	__u32 dev;
	char comm[TC_COMM_LEN];
};

/*
 * The values of "stats" and "missed" are a struct tc_rw_counts per CPU;
 * ops are requests. "missed" holds the bytes of completions the program
 * never saw, and as ops the requests whose last completion it was.
 */

#endif
