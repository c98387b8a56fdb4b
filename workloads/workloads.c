// SPDX-License-Identifier: GPL-2.0
/* Every workload, listed explicitly: grep here to find one. */
#include <string.h>
#include "workload.h"

const struct tc_workload *const tc_workloads[] = {
	&tc_wl_null,
	&tc_wl_syscalls,
	&tc_wl_io_direct,
	&tc_wl_io_buffered,
	&tc_wl_io_reread,
	&tc_wl_io_uring,
	&tc_wl_io_mmap,
	&tc_wl_latency,
	&tc_wl_procs,
	&tc_wl_hot_probe,
	&tc_wl_flood_events,
	&tc_wl_flood_keys,
	&tc_wl_calls,
	&tc_wl_io_requests,
	&tc_wl_pid_keys,
	&tc_wl_faults,
	&tc_wl_signals,
	&tc_wl_fio,
	NULL,
};

const struct tc_workload *tc_workload_find(const char *name)
{
	for (int i = 0; tc_workloads[i]; i++)
		if (!strcmp(tc_workloads[i]->name, name))
			return tc_workloads[i];
	return NULL;
}
