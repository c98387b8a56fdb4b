// SPDX-License-Identifier: GPL-2.0
/* The cells of a run (tool x scenario) as the writers count and find them; see cells.h. */
#include "cells.h"

/* Judged: a verdict on what the tool did (anything but a SKIP). */
static bool judged(const struct tc_outcome *r)
{
	return r->verdict != TC_SKIP;
}

int tc_count_judged(const struct tc_outcome *r, int n)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		k += judged(&r[i]);
	return k;
}

/* Distinct tools (or scenarios), each by its first outcome, in the order first seen. */
int tc_cells_distinct(const struct tc_outcome *r, int n, bool tools, const struct tc_outcome **out,
		    int max)
{
	int k = 0;

	for (int i = 0; i < n && k < max; i++) {
		bool seen = false;

		for (int j = 0; j < k && !seen; j++)
			seen = tools ? out[j]->tool == r[i].tool : out[j]->sc == r[i].sc;
		if (!seen)
			out[k++] = &r[i];
	}
	return k;
}

const struct tc_outcome *tc_cell(const struct tc_outcome *r, int n,
				    const struct tc_tooldesc *tool, const struct tc_scenario *sc)
{
	for (int i = 0; i < n; i++)
		if (r[i].tool == tool && r[i].sc == sc)
			return &r[i];
	return NULL;
}

/* A tool's cells: judged and skipped. */
void tc_cells_of_tool(const struct tc_outcome *r, int n, const struct tc_tooldesc *tool, int *nj,
		       int *ns)
{
	*nj = *ns = 0;
	for (int i = 0; i < n; i++)
		if (r[i].tool == tool)
			judged(&r[i]) ? (*nj)++ : (*ns)++;
}

bool tc_as_known(const struct tc_outcome *r)
{
	return r->has_known && r->verdict == r->known;
}
