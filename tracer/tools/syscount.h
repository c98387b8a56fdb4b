/* SPDX-License-Identifier: GPL-2.0 */
/* syscount: what its BPF side and user side share. */
#ifndef SYSCOUNT_H
#define SYSCOUNT_H

#include "../bpf/tc_shared.h"

/* Syscall numbers at or above this are counted in the last slot. */
#define SYSCOUNT_MAX_NR 1024

/* Bounded maps, by their tc_stats drop slot. */
enum syscount_maps { SYSCOUNT_MAP_PROC };

/* -P: one entry per process and syscall. */
struct syscount_key {
	__u32 tgid;
	__u32 nr;
	char comm[TC_COMM_LEN];
};

/* Per CPU: calls and calls that returned an error. */
struct syscount_val {
	__u64 count;
	__u64 errors;
};

#endif
