// SPDX-License-Identifier: GPL-2.0
/*
 * The run as one HTML page for people (index.html): the tool x scenario
 * matrix in colours, each cell opening (a <details>, no script) on its
 * reason, its checks' numbers and diagnoses and the tool's hooks; the
 * coverage (judged vs skipped, per tool); the overhead plot when a run
 * measured one. One self-contained file: styles inline, the plot a data:
 * URI, no network. Every cell is a <td class="cell" data-verdict="...">
 * (a check counts them).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cells.h"
#include "html.h"
#include "totals.h"
#include "writers.h"

/* A colour per verdict; a known verdict is drawn dashed (see .known). */
static const char style[] =
	"body{font:14px/1.4 sans-serif;margin:1.5em;color:#222;background:#fff}"
	"h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}"
	"table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:2px 5px}"
	"th{background:#eee;font-weight:normal}th.tool{text-align:left}"
	"td.cell{text-align:center;font-size:12px;min-width:4.2em;vertical-align:top;"
	"position:relative}td.cell summary{cursor:pointer;list-style:none}"
	"td.cell .pop{position:absolute;left:0;top:100%;z-index:2;text-align:left;width:52em;"
	"background:#fff;color:#222;border:1px solid #888;padding:6px;font-size:12px;"
	"box-shadow:2px 2px 6px #888}.pop table{width:100%}.pop td{vertical-align:top}"
	".PASS{background:#5cb85c;color:#fff}.ACCOUNTED{background:#a3d977}"
	".FAIL{background:#d9534f;color:#fff}.LOSS{background:#f0ad4e}"
	".ERROR{background:#8e44ad;color:#fff}.TIMEOUT{background:#8b5a2b;color:#fff}"
	".ABORTED{background:#2c3e50;color:#fff}.SLOW{background:#e67e22;color:#fff}"
	".SKIP{background:#f4f4f4;color:#999}.known{outline:2px dashed #333;outline-offset:-3px}"
	".totals{font-size:1.2em;font-weight:bold}img{max-width:100%;border:1px solid #ccc}";

/* Text as HTML: the five characters that could end an element or attribute. */
void tc_html_esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		const char *e = *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '&' ? "&amp;" :
				*s == '"' ? "&quot;" : *s == '\'' ? "&#39;" : NULL;

		if (e)
			fputs(e, f);
		else
			fputc(*s, f);
	}
}

static void checks_table(FILE *f, const struct tc_outcome *r)
{
	fputs("<table><tr><th>where</th><th>verdict</th><th>expectation</th><th>tool</th>"
	      "<th>truth</th><th>what it means</th></tr>", f);
	for (int i = 0; i < r->nchecks; i++) {
		const struct tc_check *c = &r->checks[i];

		if (!c->applicable)
			continue;
		fputs("<tr><td>", f);
		tc_html_esc(f, c->src.file);
		fprintf(f, ":%d</td><td class=\"%s\">%s</td><td>", c->src.line,
			c->judged ? tc_verdict_name(c->verdict) : "",
			c->judged ? tc_verdict_name(c->verdict) : "not judged");
		tc_html_esc(f, c->src.selector);
		fprintf(f, " %s ", c->src.op);
		tc_html_esc(f, c->src.oracle);
		fprintf(f, " (%s)</td>", c->src.tolerance);
		if (c->judged)
			fprintf(f, "<td>%.15g</td><td>%.15g</td><td>", c->actual, c->expected);
		else
			fputs("<td></td><td></td><td>", f);
		tc_html_esc(f, c->message);
		if (c->diagnosis[0]) {
			fputs(": <b>", f);
			tc_html_esc(f, c->diagnosis);
			fputs("</b>", f);
		}
		fputs("</td></tr>", f);
	}
	fputs("</table>", f);
}

/* A cell: its verdict, opening on the reason, the numbers, the hooks. */
static void cell(FILE *f, const struct tc_outcome *r)
{
	const char *v = tc_verdict_name(r->verdict);
	bool known = tc_as_known(r);

	fprintf(f, "<td class=\"cell %s%s\" data-verdict=\"%s\" data-tool=\"", v,
		known ? " known" : "", v);
	tc_html_esc(f, r->tool_name);
	fprintf(f, "\" data-scenario=\"%s\"><details><summary>%s%s</summary><div class=\"pop\">",
		r->scenario, v, known ? "*" : "");
	fprintf(f, "<b>");
	tc_html_esc(f, r->tool_name);
	fprintf(f, " x %s</b>: %s in %.1f s", r->scenario, v, r->seconds);
	if (r->reason[0]) {
		fputs("<p>", f);
		tc_html_esc(f, r->reason);
		fputs("</p>", f);
	}
	if (known) {
		fputs("<p>* as the known verdicts say:", f);
		tc_html_esc(f, r->known_why);
		fputs("</p>", f);
	}
	if (r->nchecks)
		checks_table(f, r);
	if (r->hooks[0]) {
		fputs("<p>hooks: ", f);
		tc_html_esc(f, r->hooks);
		fputs("</p>", f);
	}
	if (r->oracle_notes[0]) {
		fputs("<p>oracles: ", f);
		tc_html_esc(f, r->oracle_notes);
		fputs("</p>", f);
	}
	fputs("</div></details></td>", f);
}

static void matrix(FILE *f, const struct tc_outcome *r, int n)
{
	const struct tc_outcome *tools[256], *scs[256];
	int nt = tc_cells_distinct(r, n, true, tools, 256);
	int ns = tc_cells_distinct(r, n, false, scs, 256);

	fputs("<h2>Tool x scenario</h2><p>Click a cell for its reason and numbers; * is a "
	      "verdict the known-verdicts file gives (drawn dashed).</p><table id=\"matrix\">"
	      "<tr><th class=\"tool\">tool</th>", f);
	for (int s = 0; s < ns; s++) {
		fprintf(f, "<th title=\"%s: ", scs[s]->scenario);
		tc_html_esc(f, scs[s]->scenario_description);
		fprintf(f, "\">S%d</th>", s + 1);
	}
	fputs("</tr>\n", f);
	for (int t = 0; t < nt; t++) {
		fputs("<tr><th class=\"tool\">", f);
		tc_html_esc(f, tools[t]->tool_name);
		fputs("</th>", f);
		for (int s = 0; s < ns; s++) {
			const struct tc_outcome *c = tc_cell(r, n, tools[t]->tool, scs[s]->sc);

			if (c)
				cell(f, c);
			else
				fputs("<td>-</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n<ol>", f);
	for (int s = 0; s < ns; s++) {
		fprintf(f, "<li><b>%s</b>: ", scs[s]->scenario);
		tc_html_esc(f, scs[s]->scenario_description);
		fputs("</li>", f);
	}
	fputs("</ol>\n", f);
}

static void coverage(FILE *f, const struct tc_outcome *r, int n)
{
	const struct tc_outcome *tools[256];
	int nt = tc_cells_distinct(r, n, true, tools, 256), nj = tc_count_judged(r, n);

	fprintf(f, "<h2>Coverage</h2><p>%d of %d cells judged, %d SKIP.</p><table id=\"coverage\">"
		   "<tr><th class=\"tool\">tool</th><th>judged</th><th>skipped</th></tr>", nj, n,
		n - nj);
	for (int t = 0; t < nt; t++) {
		int tj, ts;

		tc_cells_of_tool(r, n, tools[t]->tool, &tj, &ts);
		fputs("<tr><th class=\"tool\">", f);
		tc_html_esc(f, tools[t]->tool_name);
		fprintf(f, "</th><td>%d</td><td>%d%s</td></tr>", tj, ts, tj ? "" : " (judged nowhere)");
	}
	fputs("</table>\n", f);
}

/* The bytes of a file as base64, for a data: URI. */
static int base64_file(FILE *f, const char *path)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	FILE *in = fopen(path, "rb");
	unsigned char b[3];
	size_t got;

	if (!in)
		return -errno;
	while ((got = fread(b, 1, 3, in)) > 0) {
		unsigned int v = b[0] << 16 | (got > 1 ? b[1] << 8 : 0) | (got > 2 ? b[2] : 0);

		fputc(a[v >> 18 & 63], f);
		fputc(a[v >> 12 & 63], f);
		fputc(got > 1 ? a[v >> 6 & 63] : '=', f);
		fputc(got > 2 ? a[v & 63] : '=', f);
	}
	fclose(in);
	return 0;
}

/* The overhead plot, made by gnuplot into a folder of our own and embedded. */
static int overhead(FILE *f, const struct tc_outcome *r, int n, char *err, size_t errlen)
{
	char dir[] = "/tmp/tracecal-html.XXXXXX", png[64], side[80];
	int ret = 0, measured = 0;

	for (int i = 0; i < n; i++)
		measured += r[i].overhead.measured && r[i].overhead.rate > 0;
	if (!measured)
		return 0;
	if (!mkdtemp(dir)) {
		snprintf(err, errlen, "cannot make a folder for the plot: %s", strerror(errno));
		return -errno;
	}
	snprintf(png, sizeof(png), "%s/overhead.png", dir);
	fputs("<h2>Overhead</h2>", f);
	ret = tc_write_overhead_plot(png, r, n, err, errlen);
	if (!ret) {
		fputs("<img alt=\"CPU time added per event against the event rate\" "
		      "src=\"data:image/png;base64,", f);
		ret = base64_file(f, png);
		fputs("\">\n", f);
		if (ret)
			snprintf(err, errlen, "%s: %s", png, strerror(-ret));
	} else {
		fputs("<p>no plot: ", f);
		tc_html_esc(f, err);
		fputs("</p>", f);
	}
	/* the plot's data and script, which tc_write_overhead_plot leaves beside it */
	snprintf(side, sizeof(side), "%s.dat", png);
	unlink(side);
	snprintf(side, sizeof(side), "%s.gp", png);
	unlink(side);
	unlink(png);
	rmdir(dir);
	return ret;
}

void tc_html_head(FILE *f, const char *title, const char *what)
{
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
	tc_html_esc(f, title);
	tc_html_esc(f, what);
	fprintf(f, "</title><style>%s</style></head><body>\n", style);
}

/* The page: 0, or -errno with the reason in err (no plot, or a write error). */
static int page(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m,
		char *err, size_t errlen)
{
	struct tc_totals t = tc_totals_count(r, n);
	int ret;

	tc_html_head(f, "tracecal: kernel ", m->kernel);
	fprintf(f, "<h1>tracecal %s: kernel %s</h1><p>started %s, %.1f s, %d runs.</p>"
		   "<p class=\"totals\" id=\"totals\">%d passed, %d failed, %d skipped</p>\n",
		m->version, m->kernel, m->started, m->seconds, n, t.passed, t.failed, t.skipped);
	if (m->nproblems) {
		fprintf(f, "<h2>Input errors</h2><ul>");
		for (int i = 0; i < m->nproblems; i++) {
			fputs("<li>", f);
			tc_html_esc(f, m->problems[i]);
			fputs("</li>", f);
		}
		fputs("</ul>", f);
	}
	matrix(f, r, n);
	coverage(f, r, n);
	ret = overhead(f, r, n, err, errlen);
	fputs("</body></html>\n", f);
	if (!ret && ferror(f)) {
		snprintf(err, errlen, "write error");
		ret = -EIO;
	}
	return ret;
}

int tc_write_html(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m)
{
	char err[600];

	if (!page(f, r, n, m, err, sizeof(err)))
		return 0;
	if (ferror(f))
		return -1;
	/* the page is written, without the plot, and says why */
	fprintf(stderr, "tracecal: the HTML page has no overhead plot: %s\n", err);
	return 0;
}
