/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tool's window: the oracles read around the workload, over the same
 * time. /proc/diskstats of the fixture device always; /proc/stat when a
 * scenario names procstat.FIELD; iostat when it names iostat.FIELD, run as
 * real processes for the whole window (iostat -d -k and iostat -d -x -k,
 * JSON), whose second report covers exactly the window: they are started
 * with an hour's interval and made to report at the window's end with
 * SIGALRM, the signal their own interval timer sends. iostat's totals are
 * cross-checked with diskstats, and a disagreement is said in the notes.
 */
#ifndef TC_WINDOW_H
#define TC_WINDOW_H

#include <stdbool.h>
#include <linux/types.h>
#include "../oracles/oracle.h"
#include "judge.h"
#include "proc.h"
#include "scenario.h"

struct tc_window {
	struct tc_oracle_at at;	 /* the fixture device (or NULL), iostat's files */
	unsigned int reads;	 /* the oracles read over it: 1 << enum tc_oracle_kind */
	union tc_oracle_snap snap[TC_ORACLE_NR]; /* their readings at its opening */
	struct tc_proc io[2];
	bool io_running[2];
	__u64 t0, t1; /* the window iostat's second report covers, as we timed it */
};

/*
 * Open the window just before the workload: iostat started and past its
 * first report, then the counters read. -errno with why (the run is an
 * ERROR then); an oracle that cannot be had is not an error here: it is
 * said in jc->oracle_why, and the checks that name it are errors.
 */
int tc_window_open(struct tc_window *w, const struct tc_scenario *sc, const char *dev,
		   const char *workdir, const char *tag, struct tc_judge_ctx *jc, char *why,
		   size_t size);
/*
 * Close it after the workload (and the disk's settling): the counters read
 * again, iostat made to report and read; the deltas go to jc->win, a
 * disagreement of iostat with diskstats to notes. Each oracle is read
 * through its entry in tc_oracles[] (oracles/oracle.c), the one place
 * that reads its counters.
 */
int tc_window_close(struct tc_window *w, struct tc_judge_ctx *jc, char *notes, size_t nsize,
		    char *why, size_t size);
/* Whatever happened: iostat stopped, snapshots freed. */
void tc_window_release(struct tc_window *w);

#endif
