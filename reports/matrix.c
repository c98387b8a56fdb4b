// SPDX-License-Identifier: GPL-2.0
/* The matrix tool x scenario -> verdict, for a person (matrix.txt). */
#include <string.h>
#include "cells.h"
#include "writers.h"

void tc_write_matrix(FILE *f, const struct tc_outcome *r, int n)
{
	const struct tc_outcome *tools[256], *scs[256];
	int nt = tc_cells_distinct(r, n, true, tools, 256);
	int ns = tc_cells_distinct(r, n, false, scs, 256);
	int tw = 4;

	for (int t = 0; t < nt; t++) {
		int len = strlen(tools[t]->tool_name);

		if (len > tw)
			tw = len;
	}
	fprintf(f, "%-*s", tw, "tool");
	for (int s = 0; s < ns; s++) {
		char col[16];

		snprintf(col, sizeof(col), "S%d", s + 1);
		fprintf(f, " %9s", col);
	}
	fputc('\n', f);
	for (int t = 0; t < nt; t++) {
		fprintf(f, "%-*s", tw, tools[t]->tool_name);
		for (int s = 0; s < ns; s++) {
			const struct tc_outcome *c = tc_cell(r, n, tools[t]->tool, scs[s]->sc);

			fprintf(f, " %9s", c ? tc_verdict_name(c->verdict) : "-");
		}
		fputc('\n', f);
	}
	fputc('\n', f);
	for (int s = 0; s < ns; s++) {
		fprintf(f, "S%-3d %s: %s\n", s + 1, scs[s]->scenario, scs[s]->scenario_description);
	}
	fputc('\n', f);
	/* The cells worth a look: not a PASS, nor a SKIP of a tool the scenario is not about. */
	for (int i = 0; i < n; i++) {
		if (r[i].verdict == TC_PASS ||
		    (r[i].verdict == TC_SKIP && !strncmp(r[i].reason, "it does not report", 18)))
			continue;
		fprintf(f, "%s x %s: %s: %s\n", r[i].tool_name, r[i].scenario,
			tc_verdict_name(r[i].verdict), r[i].reason);
	}
	fputc('\n', f);
	tc_write_coverage(f, r, n);
}
