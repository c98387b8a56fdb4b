/* SPDX-License-Identifier: GPL-2.0 */
/* vfstop: what its BPF side and user side share. */
#ifndef VFSTOP_H
#define VFSTOP_H

#include "../bpf/tc_shared.h"

/* Bounded maps, by their tc_stats drop slot. */
enum vfstop_maps { VFSTOP_MAP_STATS, VFSTOP_MAP_FSTYPES };

struct vfstop_key {
	__u32 tgid;
	__u32 dev; /* of the file system: major << 20 | minor */
	char comm[TC_COMM_LEN];
};

/* The value is a struct tc_rw_counts per CPU. */

/* Value of the fstypes map, keyed by dev. */
struct vfstop_fstype {
	char name[TC_FS_LEN];
};

#endif
