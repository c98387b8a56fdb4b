/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writers of run results: a line per result as it finishes, the matrix
 * tool x scenario -> verdict, and the machine formats CI reads (JSON with
 * every number, TAP, JUnit XML).
 */
#ifndef TC_WRITERS_H
#define TC_WRITERS_H

#include <stdio.h>
#include "../harness/outcome.h"

struct tc_run_meta {
	const char *kernel;
	const char *version; /* tracecal's */
	const char *started; /* ISO 8601 */
	double seconds;
	const char (*problems)[600]; /* input errors: what the run left out, and why */
	int nproblems;
};

/* "[ 3/40] tracecal-disktop      cached-reread     PASS   1.2s", then any reason. */
void tc_write_line(FILE *f, const struct tc_outcome *r, int index, int total, int verbose);
/* Counts by verdict, one line. */
void tc_write_summary(FILE *f, const struct tc_outcome *r, int n);
/* Cells with a verdict on the tool (not SKIP). */
int tc_count_judged(const struct tc_outcome *r, int n);
/* How many cells were judged, in all and per tool, and the tools judged nowhere. */
void tc_write_coverage(FILE *f, const struct tc_outcome *r, int n);
/*
 * Tools as rows, scenarios as numbered columns, a legend, every cell that
 * did not pass, then the coverage.
 */
void tc_write_matrix(FILE *f, const struct tc_outcome *r, int n);
/* OVERHEAD runs: a table (how many rows), and a gnuplot PNG against the event rate. */
double tc_slowdown_pct(const struct tc_overhead *o);
double tc_cpu_per_event_ns(const struct tc_overhead *o);
int tc_write_overhead(FILE *f, const struct tc_outcome *r, int n);
int tc_write_overhead_plot(const char *png, const struct tc_outcome *r, int n, char *err,
			   size_t errlen);
int tc_write_json(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m);
/* A result whose verdict is as known is "not ok ... # TODO known: why". */
void tc_write_tap(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m);
/* A result whose verdict is as known is <skipped>, its verdict in the message. */
void tc_write_junit(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m);

#endif
