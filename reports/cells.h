/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cells of a run, for the writers of reports/ only: a cell is one
 * outcome, a tool through a scenario; tools and scenarios are told apart
 * by identity, and named by what the outcome binds.
 */
#ifndef TC_CELLS_H
#define TC_CELLS_H

#include <stdbool.h>
#include "../common/outcome.h"

/* Distinct tools (or scenarios), each by its first outcome, in the order first seen. */
int tc_cells_distinct(const struct tc_outcome *r, int n, bool tools, const struct tc_outcome **out,
		      int max);
/* The outcome of tool through sc, or NULL. */
const struct tc_outcome *tc_cell(const struct tc_outcome *r, int n,
				 const struct tc_tooldesc *tool, const struct tc_scenario *sc);
/* A tool's cells: judged and skipped. */
void tc_cells_of_tool(const struct tc_outcome *r, int n, const struct tc_tooldesc *tool, int *nj,
		      int *ns);
/* Its verdict is the one a known-verdicts line gives it. */
bool tc_as_known(const struct tc_outcome *r);

#endif
