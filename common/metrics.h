/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The canonical metrics: the one vocabulary every tool's output is
 * translated into. tc_metrics[] is the source of docs/metrics.md
 * (`tracecal list --metrics --markdown`); a test keeps the two equal.
 */
#ifndef TC_METRICS_H
#define TC_METRICS_H

#include <stdio.h>

enum tc_metric_type {
	TC_COUNTER,
	TC_GAUGE,
	TC_HISTOGRAM,
	TC_INFO,
};

enum tc_metric_id {
	TC_M_DISK_READ_BYTES,
	TC_M_DISK_WRITE_BYTES,
	TC_M_DISK_READ_IOS,
	TC_M_DISK_WRITE_IOS,
	TC_M_DISK_IOS,
	TC_M_VFS_READ_BYTES,
	TC_M_VFS_WRITE_BYTES,
	TC_M_VFS_READ_OPS,
	TC_M_VFS_WRITE_OPS,
	TC_M_SYSCALLS,
	TC_M_SYSCALL_ERRORS,
	TC_M_OPENS,
	TC_M_OPEN_ERRORS,
	TC_M_CPU_SAMPLES,
	TC_M_USER_CALLS,
	TC_M_DISK_LATENCY,
	TC_M_VFS_LATENCY,
	TC_M_USER_LATENCY,
	TC_M_EVENTS_LOST,
	TC_M_MAP_DROPPED,
	TC_M_UNMATCHED,
	TC_M_MISSED_DONE,
	TC_M_DISK_READ_BYTES_MISSED,
	TC_M_DISK_WRITE_BYTES_MISSED,
	TC_M_DISK_READ_IOS_MISSED,
	TC_M_DISK_WRITE_IOS_MISSED,
	TC_M_PROBE_MISSES,
	TC_M_READ_FAULTS,
	TC_M_PROBE_INFO,
	TC_M_PROBE_FIRES,
	TC_M_PROBE_VALUE,
	TC_M_NR,
};

struct tc_metric {
	const char *name;
	enum tc_metric_type type;
	const char *unit;
	const char *labels; /* comma-separated, in output order */
	const char *help;
};

extern const struct tc_metric tc_metrics[TC_M_NR];

const char *tc_metric_type_name(enum tc_metric_type t);
const struct tc_metric *tc_metric_by_name(const char *name);
/* The documentation table, as docs/metrics.md holds it. */
void tc_metrics_markdown(FILE *f);

#endif
