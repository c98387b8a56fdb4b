/* SPDX-License-Identifier: GPL-2.0 */
/* ucalls: what its BPF side and user side share. */
#ifndef UCALLS_H
#define UCALLS_H

#include "../bpf/tc_shared.h"

enum ucalls_maps { UCALLS_MAP_CALLS, UCALLS_MAP_START };

struct ucalls_key {
	__u32 tgid;
	__u32 func; /* index of the function: the probe's BPF cookie */
	char comm[TC_COMM_LEN];
};

/* A call in progress: the thread and the function. */
struct ucalls_start_key {
	__u32 tid;
	__u32 func;
};

#endif
