/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A witness of a traced window on a disk fixture: the device's block
 * requests issued and completed as tracefs counts them (ftrace runs no BPF),
 * beside those the kernel ran a BPF program of the harness's own for. An
 * event tracefs saw and no BPF program ran for, without the kernel counting
 * a skipped run either, is an event every BPF tool was blind to (this
 * sandbox's kernel runs none while a thread of its PID 1 is current): a
 * window with one is disturbed, proved by counts, not guessed, and the
 * runner judges the tool again in a fresh one (harness/runner.c).
 */
#ifndef TC_WITNESS_H
#define TC_WITNESS_H

#include <stdbool.h>
#include <linux/types.h>

struct witness_bpf;

struct tc_witness {
	bool on;		  /* both halves ran through the window */
	char why[200];		  /* else why not */
	char inst[160];		  /* the tracefs instance */
	struct witness_bpf *skel;
	__u64 events;		  /* the device's issues and completions, as tracefs counted */
	__u64 bpf;		  /* those the witness's BPF programs ran for */
	__u64 skipped_counted;	  /* runs the kernel skipped and said so (recursion_misses) */
};

/*
 * Start both halves for the block device at dev_path (a loop device);
 * 0, or -errno with w->why said; a witness that cannot start leaves the
 * window unwitnessed, never the run failed. TRACECAL_FAULT_WITNESS_BLIND=N
 * plants blindness for the tests: the BPF half leaves its first N runs
 * uncounted, as the kernel leaves them unrun.
 */
int tc_witness_open(struct tc_witness *w, const char *dev_path);
/* Stop both halves, read their counts and release them (on every path). */
void tc_witness_close(struct tc_witness *w);
/* The events no BPF program saw and the kernel did not count as skipped. */
__u64 tc_witness_blind(const struct tc_witness *w);

#endif
