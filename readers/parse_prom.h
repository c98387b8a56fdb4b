/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Prometheus text exposition format in, canonical samples out: what
 * `tracecal trace --prom` prints, what a filter command must print, what
 * any exporter serves. Strict: a line that is neither a sample, a comment
 * nor blank is an error naming its line, since a reading that is silently
 * skipped is a metric silently lost.
 *
 * Accepted: `name{label="value",...} value [timestamp]`, blanks between
 * tokens, a trailing comma in the braces; label values with the escapes
 * \\ \" \n; values as integers, decimals, exponents, +Inf, -Inf, NaN (any
 * case); a timestamp is read and dropped. Metric names may hold '@', as
 * tc_selector_parse() accepts them, so bpftrace's map names round-trip.
 * `# HELP`, `# TYPE` and other comments are ignored; `# EOF` ends a
 * snapshot (`tracecal trace --interval --prom` prints one per interval).
 */
#ifndef TC_PARSE_PROM_H
#define TC_PARSE_PROM_H

#include <stdio.h>
#include "samples.h"

/* Of a text holding several snapshots, each ending in "# EOF": */
enum tc_prom_keep {
	TC_PROM_LAST, /* the last one: the final state of cumulative counters */
	TC_PROM_ALL,  /* every one, in order (tc_samples__sum() then adds them up) */
};

/*
 * Parse len bytes of text and append its samples to out. A text without
 * "# EOF" is one snapshot; a series given twice in one is an error, as
 * Prometheus has it. Samples after the last "# EOF" with no "# EOF"
 * of their own are an incomplete snapshot (a tool killed while printing)
 * and an error. 0, or -EINVAL (-E2BIG: more labels than a sample holds,
 * or a name or value too long) with "line N: why: 'text'" in err; out is
 * then as it was.
 */
int tc_prom_parse(const char *text, size_t len, enum tc_prom_keep keep, struct tc_samples *out,
		  char *err, size_t errlen);

/*
 * Samples found by series (name and labels), for parsers that add up or
 * replace what a tool printed more than once. Positions in a tc_samples:
 * clear the index when samples are taken out of it.
 */
struct tc_series_index {
	size_t *slot; /* position + 1, 0 when free */
	size_t cap, n;
};

/*
 * The position in s of x's series, appending x if s has none (*found
 * false) as long as every sample of that series went through this index.
 * 0 or -ENOMEM.
 */
int tc_series_index__put(struct tc_series_index *ix, struct tc_samples *s,
			 const struct tc_sample *x, size_t *at, bool *found);
void tc_series_index__clear(struct tc_series_index *ix);
void tc_series_index__free(struct tc_series_index *ix);

/*
 * Write samples as Prometheus text, a line each, in order, with no HELP,
 * TYPE or EOF lines; values exactly (integers in full, others with 17
 * digits), so that tc_prom_parse() reads back the same samples.
 */
void tc_prom_write(FILE *f, const struct tc_samples *s);

#endif
