// SPDX-License-Identifier: GPL-2.0
/* A run in three numbers; see totals.h. */
#include "cells.h"
#include "totals.h"

struct tc_totals tc_totals_count(const struct tc_outcome *r, int n)
{
	struct tc_totals t = {};

	for (int i = 0; i < n; i++) {
		if (tc_verdict_passes(r[i].verdict)) {
			t.passed++;
		} else if (r[i].verdict == TC_SKIP) {
			t.skipped++;
		} else {
			t.failed++;
			t.known += tc_as_known(&r[i]);
			t.errors += !tc_as_known(&r[i]) &&
				    (r[i].verdict == TC_ERROR || r[i].verdict == TC_TIMEOUT);
		}
	}
	return t;
}

void tc_write_closing(FILE *f, const struct tc_outcome *r, int n)
{
	struct tc_totals t = tc_totals_count(r, n);

	fprintf(f, "%d passed, %d failed, %d skipped\n", t.passed, t.failed, t.skipped);
	fflush(f);
}
