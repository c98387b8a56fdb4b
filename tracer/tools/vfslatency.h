/* SPDX-License-Identifier: GPL-2.0 */
/* vfslatency: what its BPF side and user side share. */
#ifndef VFSLATENCY_H
#define VFSLATENCY_H

#include "../bpf/tc_shared.h"

enum vfslatency_maps { VFSLATENCY_MAP_START, VFSLATENCY_MAP_HISTS };

struct vfslatency_key {
	char fs[TC_FS_LEN];
	__u32 rw; /* 0 read, 1 write */
};

#endif
