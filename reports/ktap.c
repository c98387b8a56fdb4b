// SPDX-License-Identifier: GPL-2.0
/*
 * The run as KTAP version 1 (results.ktap; the kernel's
 * Documentation/dev-tools/ktap.rst), which KernelCI, LKFT and kunit.py
 * read: a subtest per tool, a result line per scenario, what went wrong as
 * "#" lines before it, ERROR and TIMEOUT as directives, a verdict the
 * known-verdicts file gives as XFAIL, and the totals at the end in
 * kselftest's words. The layout, for two tools:
 *
 *   KTAP version 1
 *   1..2
 *     KTAP version 1
 *     # Subtest: tracecal-syscount
 *     1..2
 *     ok 1 syscall-counts
 *     # FAIL: syscalls_total{...} FAIL: tool 1 vs manifest 2 (-50%): ...
 *     not ok 2 opens
 *   not ok 1 tracecal-syscount
 *     ...
 *   ok 2 iostat # SKIP every scenario: ...
 *   # Totals: pass:1 fail:1 xfail:0 xpass:0 skip:0 error:0
 *
 * A result line's description may not hold '#'; tool and scenario names
 * cannot (letters, digits, - and _). Free text goes after the '#'.
 */
#include <string.h>
#include "cells.h"
#include "totals.h"
#include "writers.h"

/* Free text on one line: a newline in a reason would end the line early. */
static void one_line(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
}

static bool check_failed(const struct tc_check *c)
{
	return c->applicable && c->judged && !tc_verdict_passes(c->verdict);
}

/*
 * The "#" lines before a result that did not simply pass: a line per failed
 * check, with its numbers and diagnosis, or else the run's reason (an
 * ACCOUNTED's, or an ERROR's that XFAIL leaves no directive for).
 */
static void diagnosis(FILE *f, const struct tc_outcome *r)
{
	int failed = 0;

	if (r->verdict == TC_PASS || r->verdict == TC_SKIP)
		return;
	for (int i = 0; i < r->nchecks; i++)
		failed += check_failed(&r->checks[i]);
	if (!failed && r->reason[0] &&
	    ((r->verdict != TC_ERROR && r->verdict != TC_TIMEOUT) || tc_as_known(r))) {
		fprintf(f, "  # %s: ", tc_verdict_name(r->verdict));
		one_line(f, r->reason);
		fputc('\n', f);
	}
	for (int i = 0; i < r->nchecks; i++) {
		const struct tc_check *c = &r->checks[i];

		if (!check_failed(c))
			continue;
		fprintf(f, "  # %s:%d %s %s: ", c->src.file, c->src.line, tc_verdict_name(c->verdict),
			c->src.selector);
		one_line(f, c->message);
		if (c->diagnosis[0]) {
			fputs(": ", f);
			one_line(f, c->diagnosis);
		}
		fputc('\n', f);
	}
}

/* One scenario's result line; true when it counts as "ok". */
static bool result_line(FILE *f, const struct tc_outcome *r, int num)
{
	bool ok = tc_verdict_passes(r->verdict) || r->verdict == TC_SKIP || tc_as_known(r);

	diagnosis(f, r);
	fprintf(f, "  %s %d %s", ok ? "ok" : "not ok", num, r->scenario);
	if (tc_as_known(r)) {
		fprintf(f, " # XFAIL %s as known:", tc_verdict_name(r->verdict));
		one_line(f, r->known_why);
	} else if (r->verdict == TC_SKIP || r->verdict == TC_ERROR || r->verdict == TC_TIMEOUT) {
		fprintf(f, " # %s ", tc_verdict_name(r->verdict));
		one_line(f, r->reason);
	}
	fputc('\n', f);
	return ok;
}

/* A tool's subtest (the tool named by its first outcome), then its result line at the top level. */
static void subtest(FILE *f, const struct tc_outcome *r, int n, const struct tc_outcome *tool,
		    int num)
{
	int judged, skipped, bad = 0;

	tc_cells_of_tool(r, n, tool->tool, &judged, &skipped);
	fprintf(f, "  KTAP version 1\n  # Subtest: %s\n  1..%d\n", tool->tool_name,
		judged + skipped);
	for (int i = 0, k = 0; i < n; i++)
		if (r[i].tool == tool->tool)
			bad += !result_line(f, &r[i], ++k);
	if (!judged)
		fprintf(f, "ok %d %s # SKIP it SKIPped every scenario\n", num, tool->tool_name);
	else
		fprintf(f, "%s %d %s\n", bad ? "not ok" : "ok", num, tool->tool_name);
}

int tc_write_ktap(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m)
{
	const struct tc_outcome *tools[256]; /* in the order first seen, as the matrix has them */
	int ntools = tc_cells_distinct(r, n, true, tools, 256);
	struct tc_totals t = tc_totals_count(r, n);
	int nj = tc_count_judged(r, n);

	fprintf(f, "KTAP version 1\n# tracecal %s, kernel %s, started %s, %.1f s\n", m->version,
		m->kernel, m->started, m->seconds);
	fprintf(f, "1..%d\n", m->nproblems + ntools);
	for (int i = 0; i < m->nproblems; i++) {
		fprintf(f, "not ok %d input_error_%d # ERROR ", i + 1, i + 1);
		one_line(f, m->problems[i]);
		fputc('\n', f);
	}
	for (int i = 0; i < ntools; i++)
		subtest(f, r, n, tools[i], m->nproblems + i + 1);
	/* kselftest's totals line, which KernelCI's parsers know */
	fprintf(f, "# Totals: pass:%d fail:%d xfail:%d xpass:0 skip:%d error:%d\n", t.passed,
		t.failed - t.known - t.errors, t.known, t.skipped, t.errors + m->nproblems);
	fprintf(f, "# coverage: %d of %d judged, %d SKIP\n", nj, n, n - nj);
	fprintf(f, "# %d passed, %d failed, %d skipped\n", t.passed, t.failed, t.skipped);
	return ferror(f) ? -1 : 0;
}
