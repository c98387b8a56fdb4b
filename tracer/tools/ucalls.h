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

/*
 * The entry times of a thread's calls of a function under way, innermost
 * last: a call nests in another of the same function in the same thread
 * when it recurses, or when a signal handler interrupts it and calls it
 * again. Each return pairs with its own entry. A call deeper than
 * UCALLS_DEPTH is counted but not timed, and counted as a dropped start.
 */
#define UCALLS_DEPTH 16

struct ucalls_stack {
	__u32 depth;
	__u32 pad;
	__u64 ts[UCALLS_DEPTH];
};

#endif
