/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the HTML pages share: the run's page (html.c, index.html) and the
 * kernel matrix's (html_kmatrix.c, kernel-matrix.html). Styles inline, a
 * colour per verdict, no script, no network.
 */
#ifndef TC_HTML_H
#define TC_HTML_H

#include <stdio.h>

/* Text with < > & " ' as entities. */
void tc_html_esc(FILE *f, const char *s);
/* The page's head, its title title followed by what, and the styles (a colour per verdict). */
void tc_html_head(FILE *f, const char *title, const char *what);

#endif
