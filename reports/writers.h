/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writers of run results: a line per result as it finishes, the matrix
 * tool x scenario -> verdict, the machine formats CI reads (JSON with
 * every number, TAP, JUnit XML, KTAP) and an HTML page for people, each
 * format in a file of its own. The files a run writes into its --out
 * folder are the table tc_writers[]: the command goes through it, and a
 * new format is one entry. The writers read outcomes (common/outcome.h)
 * and nothing of harness/.
 */
#ifndef TC_WRITERS_H
#define TC_WRITERS_H

#include <stdio.h>
#include "../common/outcome.h"

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
int tc_write_tap(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m);
/* A result whose verdict is as known is <skipped>, its verdict in the message. */
int tc_write_junit(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m);
/* KTAP v1, a subtest per tool; a result whose verdict is as known is XFAIL. */
int tc_write_ktap(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m);
/*
 * One HTML page (html.c): the matrix in colours, each cell opening on its
 * numbers, the coverage, the overhead plot. Without gnuplot the page is
 * written without the plot, saying why, and stderr says so too: 0 unless
 * the page could not be written.
 */
int tc_write_html(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m);

/* A report file of a run: its format's name, the file's name in --out, the writer. */
struct tc_writer {
	const char *name;
	const char *file;
	int (*write)(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m);
};

extern const struct tc_writer tc_writers[];
extern const size_t tc_nwriters;

/* The writer of a format by name, or NULL. */
const struct tc_writer *tc_writer_find(const char *name);
/*
 * Every writer's file into dir (made if need be): 0, or -errno with the
 * path in err.
 */
int tc_writers_write_all(const char *dir, const struct tc_outcome *r, int n,
			 const struct tc_run_meta *m, char *err, size_t errlen);

#endif
