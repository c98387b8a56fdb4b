// SPDX-License-Identifier: GPL-2.0
/* The run as it goes and its totals, for a person: a line per cell, the summary, the coverage. */
#include <stdio.h>
#include "cells.h"
#include "writers.h"

/* An expectation's line: its verdict, or that it was not judged (the run failed first). */
static void check_line(FILE *f, const struct tc_outcome *r, const struct tc_check *c)
{
	if (!c->judged) {
		fprintf(f, "    %s:%d not judged %s: the run is %s\n", c->src.file, c->src.line,
			c->src.selector, tc_verdict_name(r->verdict));
		return;
	}
	fprintf(f, "    %s:%d %s %s: %s%s%s\n", c->src.file, c->src.line, tc_verdict_name(c->verdict),
		c->src.selector, c->message, c->diagnosis[0] ? ": " : "", c->diagnosis);
}

void tc_write_line(FILE *f, const struct tc_outcome *r, int index, int total, int verbose)
{
	int w = total >= 100 ? 3 : total >= 10 ? 2 : 1;

	fprintf(f, "[%*d/%d] %-24s %-22s %-9s %5.1fs\n", w, index, total, r->tool_name,
		r->scenario, tc_verdict_name(r->verdict), r->seconds);
	if (r->verdict != TC_PASS && r->reason[0])
		fprintf(f, "    %s\n", r->reason);
	else if (r->instances > 1) /* a failing run's reason names its copies */
		fprintf(f, "    %d copies at once, each judged on its own: PASS\n", r->instances);
	if (r->oracle_notes[0])
		fprintf(f, "    oracles: %s\n", r->oracle_notes);
	for (int i = 0; verbose && i < r->nchecks; i++)
		if (r->checks[i].applicable)
			check_line(f, r, &r->checks[i]);
	fflush(f);
}

void tc_write_summary(FILE *f, const struct tc_outcome *r, int n)
{
	int count[TC_VERDICT_NR] = {};

	for (int i = 0; i < n; i++)
		count[r[i].verdict]++;
	fprintf(f, "%d runs:", n);
	for (int v = 0; v < TC_VERDICT_NR; v++)
		if (count[v])
			fprintf(f, " %d %s", count[v], tc_verdict_name(v));
	fputc('\n', f);
}

void tc_write_coverage(FILE *f, const struct tc_outcome *r, int n)
{
	const struct tc_outcome *tools[256];
	int nt = tc_cells_distinct(r, n, true, tools, 256), nj = tc_count_judged(r, n), none = 0;

	fprintf(f, "Coverage: %d of %d cells judged, %d SKIP; per tool (judged/cells):\n", nj, n,
		n - nj);
	for (int t = 0; t < nt; t++) {
		char cells[32];
		int tj, ts;


		tc_cells_of_tool(r, n, tools[t]->tool, &tj, &ts);
		none += !tj;
		snprintf(cells, sizeof(cells), "%d/%d", tj, tj + ts);
		if (tj)
			fprintf(f, "  %-28s %s\n", tools[t]->tool_name, cells);
		else
			fprintf(f, "  %-28s %-7s judged nowhere\n",
				tools[t]->tool_name, cells);
	}
	if (none)
		fprintf(f, "%d tool%s judged nowhere: %s SKIPped every scenario (see why above)\n",
			none, none == 1 ? "" : "s", none == 1 ? "it" : "they");
}
