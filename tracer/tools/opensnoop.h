/* SPDX-License-Identifier: GPL-2.0 */
/* opensnoop: the event its BPF side sends through the ring buffer. */
#ifndef OPENSNOOP_H
#define OPENSNOOP_H

#include "../bpf/tc_shared.h"

#define OPENSNOOP_PATH_LEN 256

struct opensnoop_event {
	__u64 ts_ns; /* CLOCK_MONOTONIC */
	__s64 ret;   /* fd, or -errno */
	__u32 tgid;
	__u32 tid;
	__u32 flags;
	__u32 pad;
	char comm[TC_COMM_LEN];
	char path[OPENSNOOP_PATH_LEN];
};

#endif
