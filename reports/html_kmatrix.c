// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel matrix (tracecal merge) as an HTML page: per tool, scenario x
 * kernel in the run page's colours, each cell opening on that kernel's
 * reason, hooks and numbers; rows whose verdicts differ between kernels
 * marked as the text marks them (not for a program missing on one). Scenarios SKIPped on every kernel are left out, as in the text.
 */
#include <errno.h>
#include <string.h>
#include "html.h"
#include "kmatrix.h"

static void kcell(FILE *f, const struct tc_kmatrix *m, const struct tc_kcell *c, int k)
{
	const char *v = c->verdict[k];

	if (!v) {
		fputs("<td>-</td>", f);
		return;
	}
	fprintf(f, "<td class=\"cell %s\" data-verdict=\"%s\" data-kernel=\"", v, v);
	tc_html_esc(f, m->label[k]);
	fprintf(f, "\"><details><summary>%s</summary><div class=\"pop\"><b>", v);
	tc_html_esc(f, c->tool);
	fprintf(f, " x %s on ", c->scenario);
	tc_html_esc(f, m->label[k]);
	fputs("</b>", f);
	if (c->reason[k] && c->reason[k][0]) {
		fputs("<p>", f);
		tc_html_esc(f, c->reason[k]);
		fputs("</p>", f);
	}
	if (c->hooks[k] && c->hooks[k][0]) {
		fputs("<p>hooks: ", f);
		tc_html_esc(f, c->hooks[k]);
		fputs("</p>", f);
	}
	for (int j = 0; j < c->nchecks; j++) {
		if (!c->checks[j].has[k])
			continue;
		fputs("<p>", f);
		tc_html_esc(f, c->checks[j].expect);
		fputs(" vs ", f);
		tc_html_esc(f, c->checks[j].oracle);
		fprintf(f, ": the tool said %.15g</p>", c->checks[j].actual[k]);
	}
	fputs("</div></details></td>", f);
}

/* One tool's table: a row per scenario it was judged on somewhere. */
static void tool_table(FILE *f, const struct tc_kmatrix *m, const char *tool)
{
	int rows = 0;

	for (int i = 0; i < m->n; i++) {
		const struct tc_kcell *c = &m->c[i];

		if (strcmp(c->tool, tool) || tc_kcell_all_skip(m, c))
			continue;
		if (!rows++) {
			fputs("<h2>", f);
			tc_html_esc(f, tool);
			fputs("</h2><table><tr><th class=\"tool\">scenario</th>", f);
			for (int k = 0; k < m->nk; k++) {
				fputs("<th>", f);
				tc_html_esc(f, m->label[k]);
				fputs("</th>", f);
			}
			fputs("<th></th></tr>\n", f);
		}
		fprintf(f, "<tr><th class=\"tool\">%s</th>", c->scenario);
		for (int k = 0; k < m->nk; k++)
			kcell(f, m, c, k);
		fprintf(f, "<td>%s</td></tr>\n", tc_kcell_differs(m, c) ? "differs" : "");
	}
	if (rows)
		fputs("</table>\n", f);
}

int tc_kmatrix_write_html(FILE *f, const struct tc_kmatrix *m)
{
	tc_html_head(f, "tracecal: the kernel matrix", "");
	fputs("<h1>tracecal: the kernel matrix</h1><table><tr><th>column</th><th>kernel</th>"
	      "<th>runs</th><th>from</th></tr>", f);
	for (int k = 0; k < m->nk; k++) {
		fputs("<tr><td>", f);
		tc_html_esc(f, m->label[k]);
		fputs("</td><td>", f);
		tc_html_esc(f, m->kernel[k]);
		fprintf(f, "</td><td>%d</td><td>", m->runs[k]);
		tc_html_esc(f, m->file[k]);
		fputs("</td></tr>", f);
	}
	fprintf(f, "</table><p>%d cell%s differ between kernels (a program missing on one is not "
		   "counted). Click a cell for its reason, hooks and numbers.</p>\n",
		tc_kmatrix_ndiffer(m),
		tc_kmatrix_ndiffer(m) == 1 ? "" : "s");
	for (int i = 0; i < m->n; i++) {
		int j = 0;

		while (j < i && strcmp(m->c[j].tool, m->c[i].tool))
			j++;
		if (j == i) /* each tool once, where it first appears */
			tool_table(f, m, m->c[i].tool);
	}
	fputs("</body></html>\n", f);
	return ferror(f) ? -EIO : 0;
}
