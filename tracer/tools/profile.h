/* SPDX-License-Identifier: GPL-2.0 */
/* profile: what its BPF side and user side share. */
#ifndef PROFILE_H
#define PROFILE_H

#include "../bpf/tc_shared.h"

enum profile_maps { PROFILE_MAP_SAMPLES };

struct profile_key {
	__u32 tgid; /* 0: the idle task */
	__u32 pad;
	char comm[TC_COMM_LEN];
};

#endif
