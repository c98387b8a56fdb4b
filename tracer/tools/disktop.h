/* SPDX-License-Identifier: GPL-2.0 */
/* disktop: what its BPF side and user side share. */
#ifndef DISKTOP_H
#define DISKTOP_H

#include "../bpf/tc_shared.h"

/* Bounded maps, by their tc_stats drop slot. */
enum disktop_maps { DISKTOP_MAP_STATS, DISKTOP_MAP_START };

/* Who started a request, kept from its start to its last completion. */
struct disktop_who {
	__u32 tgid;
	__u32 pad;
	char comm[TC_COMM_LEN];
};

/* tgid 0 with an empty comm: completions whose start was not seen. */
struct disktop_key {
	__u32 tgid;
	__u32 dev;
	char comm[TC_COMM_LEN];
};

/* The value is a struct tc_rw_counts per CPU; ops are requests. */

#endif
