/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What changed between two runs of a suite (two results.json, read into a
 * kernel matrix of two columns, old and new): the verdicts that changed,
 * the numbers that moved, the cells only one run has, the hooks a tool
 * changed. What a user upgrading bpftrace or a kernel looks at first.
 *
 * A regression: a cell that passed (PASS or ACCOUNTED) in the old run and
 * got a verdict on the tool in the new one that is not a pass (FAIL, LOSS,
 * ERROR, ABORTED, SLOW, TIMEOUT). A pass that became a SKIP is named, not counted: the
 * tool was not judged, not found wrong. Fixed: a cell judged wrong before
 * (not a SKIP) that passes now.
 */
#ifndef TC_RUNDIFF_H
#define TC_RUNDIFF_H

#include <stdio.h>
#include "kmatrix.h"

struct tc_rundiff {
	int regressions, fixed, changed; /* changed: every verdict that differs */
	int moved;			 /* numbers that moved more than the threshold */
	int added, gone;		 /* cells only the new, only the old run has */
	int hooks;			 /* cells whose hooks differ */
};

/*
 * Write the differences between runs 0 (old) and 1 (new) of m; a number has
 * moved when it differs by more than min_pct percent of the old one (0:
 * any change). The counts go to *d.
 */
void tc_rundiff_write(FILE *f, const struct tc_kmatrix *m, double min_pct, struct tc_rundiff *d);

#endif
