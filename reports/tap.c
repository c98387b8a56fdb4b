// SPDX-License-Identifier: GPL-2.0
/* The run as TAP (results.tap). */
#include <string.h>
#include "cells.h"
#include "writers.h"

/* TAP descriptions and directives must not contain '#' or newlines. */
static void tap_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == '#' ? '_' : *s == '\n' ? ' ' : *s, f);
}

int tc_write_tap(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m)
{
	int nj;

	fprintf(f, "1..%d\n", n + m->nproblems);
	for (int i = 0; i < m->nproblems; i++) {
		fprintf(f, "not ok %d - input error: ", i + 1);
		tap_text(f, m->problems[i]);
		fputc('\n', f);
	}
	for (int i = 0; i < n; i++) {
		bool ok = tc_verdict_passes(r[i].verdict) || r[i].verdict == TC_SKIP;

		fprintf(f, "%s %d - %s %s", ok ? "ok" : "not ok", m->nproblems + i + 1,
			r[i].tool_name, r[i].scenario);
		if (r[i].verdict == TC_SKIP) {
			fputs(" # SKIP ", f);
			tap_text(f, r[i].reason);
		} else if (r[i].verdict == TC_ACCOUNTED) {
			fputs(" (ACCOUNTED: ", f);
			tap_text(f, r[i].reason);
			fputc(')', f);
		} else if (!ok) {
			fprintf(f, " (%s)", tc_verdict_name(r[i].verdict));
			if (tc_as_known(&r[i])) {
				fputs(" # TODO known:", f);
				tap_text(f, r[i].known_why);
			}
		}
		fputc('\n', f);
		if (!ok && r[i].reason[0]) {
			fputs("#   ", f);
			tap_text(f, r[i].reason);
			fputc('\n', f);
		}
	}
	nj = tc_count_judged(r, n);
	fprintf(f, "# coverage: %d of %d judged, %d SKIP\n", nj, n, n - nj);
	return ferror(f) ? -1 : 0;
}
