/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guard: what stops a run before it hurts the machine or loses data
 * quietly. The overhead watchdog (--max-overhead) measures the share of
 * the CPUs' time spent in the session's BPF programs, from the kernel's
 * run-time statistics, over the first 100 ms of each second (the
 * statistics cost two clock reads per program run, so they are on only
 * then); two samples in a row past the limit stop the run, and it names
 * the costliest probe. --on-overflow=stop stops it at
 * the first update a full map drops or the first event the ring buffer
 * loses. Either way the probes are detached and what was counted until
 * then is reported, with the reason.
 */
#ifndef TC_GUARD_H
#define TC_GUARD_H

#include <stdbool.h>
#include <linux/types.h>

struct tc_session;

#define TC_GUARD_TICK_NS 100000000ULL	 /* how often the guard looks */
#define TC_GUARD_WINDOW_NS 1000000000ULL /* the overhead watchdog's window */
#define TC_GUARD_SAMPLE_NS 100000000ULL	 /* measured over this much of each window */
#define TC_GUARD_DEFAULT_PCT 20.0	 /* --max-overhead by default */

enum tc_on_overflow { TC_OVERFLOW_CONTINUE, TC_OVERFLOW_STOP };

struct tc_guard_prog {
	const char *probe, *prog;
	int fd;
	__u64 run_ns, runs; /* at the start of the window */
};

struct tc_guard {
	bool watching;	 /* the overhead watchdog is on */
	bool shared;	 /* kernel.bpf_stats_enabled was on already: always there */
	int stats_fd;	 /* holds the kernel's run-time statistics on; -1 if not now */
	int online;	 /* CPUs online, the denominator of the share */
	__u64 window_ns; /* when the window began */
	__u64 sample_ns; /* when the sample began; 0 between samples */
	int over;	 /* samples in a row over the limit */
	int nprogs;
	struct tc_guard_prog progs[64];
	double last_pct; /* the share of the last full window */
};

/*
 * After attach: note the programs to watch. Each sample switches the
 * run-time statistics on (BPF_ENABLE_STATS; the kernel switches them off
 * again when the descriptor closes, however the session ends). A kernel
 * that refuses leaves the watchdog off, said on stderr.
 */
void tc_guard_start(struct tc_session *s);
/* Every tick: 0 to go on; 1 to stop, with the reason in s->stopped. */
int tc_guard_check(struct tc_session *s, __u64 now_ns);
/* Release the statistics descriptor. Safe to call twice. */
void tc_guard_stop(struct tc_session *s);

/*
 * One window's verdict, for tests: the share of all CPUs' time the programs
 * took (run_ns over window_ns on online CPUs), in percent.
 */
double tc_guard_share(__u64 run_ns, __u64 window_ns, int online);

#endif
