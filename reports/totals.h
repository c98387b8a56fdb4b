/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A run in three numbers, "N passed, N failed, N skipped": the closing line
 * of `tracecal run` and `tracecal audit`, and the totals the KTAP and HTML
 * reports end with. Passed is PASS or ACCOUNTED, skipped is SKIP, failed
 * is everything else (FAIL, LOSS, ERROR, ABORTED, SLOW, TIMEOUT), known or not: a known
 * failure is still the tool's failure; whether it fails the run is the
 * known-verdicts file's business (harness/campaign.h).
 */
#ifndef TC_TOTALS_H
#define TC_TOTALS_H

#include <stdio.h>
#include "../common/outcome.h"

struct tc_totals {
	int passed, failed, skipped;
	int known;  /* of the failed: as the known verdicts say (XFAIL in KTAP) */
	int errors; /* of the others: ERROR or TIMEOUT (the tool did not get to answer) */
};

struct tc_totals tc_totals_count(const struct tc_outcome *r, int n);
/* "N passed, N failed, N skipped" and a newline, alone on its line. */
void tc_write_closing(FILE *f, const struct tc_outcome *r, int n);

#endif
