/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The run as one HTML page for people: the tool x scenario matrix in
 * colours, each cell opening (a <details>, no script) on its reason, its
 * checks' numbers and diagnoses and the tool's hooks; the coverage (judged
 * vs skipped, per tool); the overhead plot when a run measured one. One
 * self-contained file: styles inline, the plot a data: URI, no network.
 * Every cell is a <td class="cell" data-verdict="..."> (a check counts them).
 */
#ifndef TC_HTML_H
#define TC_HTML_H

#include <stdio.h>
#include "writers.h"

/* Text with < > & " ' as entities. */
void tc_html_esc(FILE *f, const char *s);
/* The page's head, its title title followed by what, and the styles (a colour per verdict). */
void tc_html_head(FILE *f, const char *title, const char *what);
/* 0, or -errno with the reason in err (the plot could not be made: the rest is written). */
int tc_write_html(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m,
		  char *err, size_t errlen);

#endif
