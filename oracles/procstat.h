/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /proc/stat, the kernel's system-wide activity counters: CPU time by
 * kind, all CPUs together and each online CPU, in USER_HZ ticks
 * (sysconf(_SC_CLK_TCK), 100 on Linux); context switches; forks; the
 * interrupt and softirq totals. One snapshot and the delta of two.
 */
#ifndef TC_PROCSTAT_H
#define TC_PROCSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#define TC_PROCSTAT_PATH "/proc/stat"

/*
 * The columns of a cpu line, in order. Kernels before 2.6.33 print fewer
 * (4 before 2.6.0, 7 before 2.6.11, 8 before 2.6.24, 9 before 2.6.33);
 * the missing ones read 0. guest and guest_nice are already counted in
 * user and nice.
 */
enum tc_cpu_col {
	TC_CPU_USER,
	TC_CPU_NICE,
	TC_CPU_SYSTEM,
	TC_CPU_IDLE,
	TC_CPU_IOWAIT,
	TC_CPU_IRQ,
	TC_CPU_SOFTIRQ,
	TC_CPU_STEAL,
	TC_CPU_GUEST,
	TC_CPU_GUEST_NICE,
	TC_CPU_NR
};

extern const char *const tc_cpu_col_names[TC_CPU_NR];

struct tc_procstat_cpu {
	int cpu;   /* N of "cpuN", -1 for the "cpu" line of all CPUs */
	int ncols; /* columns printed, 4 to 10 */
	__u64 t[TC_CPU_NR];
	/* After a delta: columns that went down, set to 0 (1 << enum tc_cpu_col). */
	unsigned int went_down;
};

struct tc_procstat {
	struct tc_procstat_cpu all;
	struct tc_procstat_cpu *cpus; /* online CPUs in file order; numbers may skip */
	size_t ncpus;
	__u64 intr;	     /* first number of "intr": all interrupts */
	__u64 ctxt;	     /* context switches */
	__u64 btime;	     /* boot time, seconds since the epoch */
	__u64 processes;     /* forks since boot */
	__u64 procs_running; /* gauge */
	__u64 procs_blocked; /* gauge: in uninterruptible I/O wait */
	__u64 softirq;	     /* first number of "softirq": all softirqs */
	bool has_softirq;    /* the line exists since 2.6.31 */
};

/*
 * Parse the text of /proc/stat. The cpu line, intr, ctxt, btime,
 * processes, procs_running and procs_blocked are required; softirq is
 * not. Lines with other keys (page, swap on 2.4) are skipped if they are
 * a key and numbers. Returns 0, or -EINVAL with "line N (KEY): reason" in
 * err, or -ENOMEM. Free with tc_procstat__free().
 */
int tc_procstat__parse(struct tc_procstat *st, const char *text, char *err, size_t errlen);
/* Read and parse path (NULL: /proc/stat). */
int tc_procstat__read(struct tc_procstat *st, const char *path, char *err, size_t errlen);
void tc_procstat__free(struct tc_procstat *st);
/* The line of CPU n, or NULL if it was offline. */
const struct tc_procstat_cpu *tc_procstat__cpu(const struct tc_procstat *st, int cpu);

/*
 * after - before into out (allocated; free with tc_procstat__free()).
 * Counters are subtracted, procs_running and procs_blocked are after's,
 * per-CPU lines are kept for CPUs online in both. idle and iowait may go
 * down (proc(5): iowait is not reliable; NO_HZ idle accounting): they
 * give 0 and a bit in went_down. Any other counter that went down, or a
 * different btime (a reboot), is -ERANGE naming it.
 */
int tc_procstat__delta(const struct tc_procstat *before, const struct tc_procstat *after,
		       struct tc_procstat *out, char *err, size_t errlen);

/*
 * A number by name: a line's key ("processes", "ctxt", "intr", "softirq",
 * "procs_running", ...) or "cpu.COLUMN" of the all-CPUs line ("cpu.user",
 * in ticks). -ENOENT if there is no such name.
 */
int tc_procstat__field(const struct tc_procstat *st, const char *name, __u64 *v);

#endif
