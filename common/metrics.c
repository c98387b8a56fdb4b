// SPDX-License-Identifier: GPL-2.0
/* The canonical metric table; see metrics.h. */
#include <string.h>
#include "metrics.h"

const struct tc_metric tc_metrics[TC_M_NR] = {
	[TC_M_DISK_READ_BYTES] = { "disk_read_bytes", TC_COUNTER, "bytes", "pid,comm,dev",
		"Bytes read from a block device, counted at request completion and "
		"charged to the process that started the request." },
	[TC_M_DISK_WRITE_BYTES] = { "disk_write_bytes", TC_COUNTER, "bytes", "pid,comm,dev",
		"Bytes written to a block device, counted like disk_read_bytes." },
	[TC_M_DISK_READ_IOS] = { "disk_read_ios", TC_COUNTER, "requests", "pid,comm,dev",
		"Read requests completed (what /proc/diskstats counts as reads completed)." },
	[TC_M_DISK_WRITE_IOS] = { "disk_write_ios", TC_COUNTER, "requests", "pid,comm,dev",
		"Write requests completed." },
	[TC_M_DISK_IOS] = { "disk_ios_total", TC_COUNTER, "requests", "pid,comm,dev",
		"Block requests completed, reads and writes together, for tools that do not "
		"tell them apart." },
	[TC_M_VFS_READ_BYTES] = { "vfs_read_bytes", TC_COUNTER, "bytes", "pid,comm,dev,fs",
		"Bytes returned by reads at the VFS level (read family of syscalls, "
		"vfs_read, io_uring reads), whether or not they came from the page cache." },
	[TC_M_VFS_WRITE_BYTES] = { "vfs_write_bytes", TC_COUNTER, "bytes", "pid,comm,dev,fs",
		"Bytes accepted by writes at the VFS level." },
	[TC_M_VFS_READ_OPS] = { "vfs_read_ops", TC_COUNTER, "operations", "pid,comm,dev,fs",
		"Read operations at the VFS level that returned successfully." },
	[TC_M_VFS_WRITE_OPS] = { "vfs_write_ops", TC_COUNTER, "operations", "pid,comm,dev,fs",
		"Write operations at the VFS level that returned successfully." },
	[TC_M_SYSCALLS] = { "syscalls_total", TC_COUNTER, "calls", "name,pid,comm",
		"System calls made, by name (pid and comm with syscount -P)." },
	[TC_M_SYSCALL_ERRORS] = { "syscall_errors_total", TC_COUNTER, "calls", "name,pid,comm",
		"System calls that returned an error (-4095..-1)." },
	[TC_M_OPENS] = { "opens_total", TC_COUNTER, "calls", "pid,comm",
		"open, openat and openat2 calls seen as events." },
	[TC_M_OPEN_ERRORS] = { "open_errors_total", TC_COUNTER, "calls", "pid,comm",
		"open-family calls seen as events that failed." },
	[TC_M_CPU_SAMPLES] = { "cpu_samples_total", TC_COUNTER, "samples", "pid,comm",
		"cpu-clock samples that found the process on a CPU (profile -F HZ: HZ a "
		"second for a process always running)." },
	[TC_M_USER_CALLS] = { "user_calls_total", TC_COUNTER, "calls", "pid,comm,func",
		"Calls of a user-space function, seen by a uprobe on its entry." },
	[TC_M_DISK_LATENCY] = { "disk_latency_ns", TC_HISTOGRAM, "ns", "dev,op",
		"Block I/O latency from issue to the device to completion; buckets "
		"are cumulative, le is an inclusive upper bound in ns." },
	[TC_M_VFS_LATENCY] = { "vfs_latency_ns", TC_HISTOGRAM, "ns", "fs,op",
		"Read and write latency at the VFS level, by file-system type." },
	[TC_M_USER_LATENCY] = { "user_latency_ns", TC_HISTOGRAM, "ns", "func",
		"Latency of a user-space function, from its entry to its return." },
	[TC_M_EVENTS_LOST] = { "events_lost_total", TC_COUNTER, "events", "cpu",
		"Events the BPF side could not put into the ring buffer (it was full)." },
	[TC_M_MAP_DROPPED] = { "map_entries_dropped_total", TC_COUNTER, "updates", "map",
		"Updates dropped because a bounded map was full (raise --max-entries)." },
	[TC_M_UNMATCHED] = { "events_unmatched_total", TC_COUNTER, "events", "",
		"Completions whose start was not seen (begun before tracing started, or "
		"its start could not be stored)." },
	[TC_M_MISSED_DONE] = { "completions_missed_total", TC_COUNTER, "events", "",
		"Completions the program never saw (the kernel did not run it): a request's "
		"last (found issued again as another life of it while still owed one, or "
		"unfinished when tracing ended with nothing in flight on its disk), or a "
		"partial one (a request owing less than it did when it is sent back or ends). "
		"Those events are lost." },
	[TC_M_DISK_READ_BYTES_MISSED] = { "disk_read_bytes_missed_total", TC_COUNTER, "bytes",
		"pid,comm,dev",
		"Read bytes of requests whose last completion the program never saw (see "
		"completions_missed_total): disk_read_bytes + this = what the disk read." },
	[TC_M_DISK_WRITE_BYTES_MISSED] = { "disk_write_bytes_missed_total", TC_COUNTER, "bytes",
		"pid,comm,dev", "Write bytes of requests whose last completion was missed." },
	[TC_M_DISK_READ_IOS_MISSED] = { "disk_read_ios_missed_total", TC_COUNTER, "requests",
		"pid,comm,dev", "Read requests whose last completion was missed." },
	[TC_M_DISK_WRITE_IOS_MISSED] = { "disk_write_ios_missed_total", TC_COUNTER, "requests",
		"pid,comm,dev", "Write requests whose last completion was missed." },
	[TC_M_PROBE_MISSES] = { "probe_runs_missed_total", TC_COUNTER, "runs", "probe,program",
		"Runs of a probe's program the kernel skipped because it fired while the "
		"program was already running on that CPU; their events are lost." },
	[TC_M_READ_FAULTS] = { "read_faults_total", TC_COUNTER, "reads", "probe",
		"Reads of memory a probe was pointed at that failed (a bad or unmapped "
		"pointer): the probe went on without that data (an empty path, say)." },
	[TC_M_PROBE_INFO] = { "tracecal_probe_info", TC_INFO, "", "probe,hook,target",
		"One per probe: the hook the tracer core chose for it on this kernel." },
	[TC_M_PROBE_FIRES] = { "probe_fires_total", TC_COUNTER, "firings", "",
		"Times a probe point fired for the workload (`tracecal tapset`: one candidate "
		"of a probe alias)." },
	[TC_M_PROBE_VALUE] = { "probe_value_sum", TC_COUNTER, "", "value",
		"The sum over a probe point's firings of a value it exports (`tracecal tapset`), "
		"in the value's own unit." },
};

const char *tc_metric_type_name(enum tc_metric_type t)
{
	switch (t) {
	case TC_COUNTER:
		return "counter";
	case TC_GAUGE:
		return "gauge";
	case TC_HISTOGRAM:
		return "histogram";
	case TC_INFO:
		return "gauge";
	}
	return "untyped";
}

const struct tc_metric *tc_metric_by_name(const char *name)
{
	for (int i = 0; i < TC_M_NR; i++)
		if (!strcmp(tc_metrics[i].name, name))
			return &tc_metrics[i];
	return NULL;
}

void tc_metrics_markdown(FILE *f)
{
	fprintf(f, "| metric | type | unit | labels | meaning |\n");
	fprintf(f, "|---|---|---|---|---|\n");
	for (int i = 0; i < TC_M_NR; i++) {
		const struct tc_metric *m = &tc_metrics[i];

		fprintf(f, "| `%s` | %s | %s | %s | %s |\n", m->name,
			m->type == TC_INFO ? "info" : tc_metric_type_name(m->type),
			*m->unit ? m->unit : "-", *m->labels ? m->labels : "-", m->help);
	}
}
