/* SPDX-License-Identifier: GPL-2.0 */
/* iolatency: what its BPF side and user side share. */
#ifndef IOLATENCY_H
#define IOLATENCY_H

#include "../bpf/tc_shared.h"

enum iolatency_maps { IOLATENCY_MAP_START, IOLATENCY_MAP_HISTS };

struct iolatency_key {
	__u32 dev;
	__u32 rw; /* 0 read, 1 write */
};

#endif
