// SPDX-License-Identifier: GPL-2.0
/*
 * tracecal diff OLD.json NEW.json: what changed between two runs of a suite
 * (a tool's new version, a new kernel): verdicts, numbers, cells, hooks.
 * Exit 1 on a regression, so CI can hold an upgrade to it.
 */
#include <argp.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "../reports/rundiff.h"

struct diff_opts {
	const char *runs[2];
	int nruns;
	double min_pct;
};

static const struct argp_option options[] = {
	{ "moved", 'm', "PCT", 0, "Show only numbers that moved by more than PCT percent of the "
	  "old value (default 0: every change)", 0 },
	{},
};

static error_t parse_opt(int key, char *arg, struct argp_state *st)
{
	struct diff_opts *o = st->input;
	char *end;

	switch (key) {
	case 'm':
		errno = 0;
		o->min_pct = strtod(arg, &end);
		if (errno || end == arg || *end || !isfinite(o->min_pct) || o->min_pct < 0)
			argp_error(st, "--moved: '%s' is not a percentage (a number >= 0)", arg);
		break;
	case ARGP_KEY_ARG:
		if (o->nruns == 2)
			argp_error(st, "'%s': diff compares two runs, OLD.json and NEW.json", arg);
		o->runs[o->nruns++] = arg;
		break;
	case ARGP_KEY_END:
		if (o->nruns != 2)
			argp_error(st, "which runs? give OLD.json and NEW.json (results.json of "
				   "tracecal run --json or --out)");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

int cmd_diff(int argc, char **argv)
{
	struct diff_opts o = {};
	struct argp argp = { options, parse_opt, "OLD.json NEW.json",
			     "What changed between two runs of a suite (the results.json of "
			     "`tracecal run --json` or --out): a tool's new version, a new kernel. "
			     "It lists the regressions (a cell that passed, PASS or ACCOUNTED, and now "
			     "has a verdict that is not a pass: FAIL, LOSS, ERROR, ABORTED, SLOW, "
			     "TIMEOUT), the other "
			     "verdicts that changed with both runs' reasons, the numbers the tool "
			     "reported that moved, the cells only one run has, and the hooks that "
			     "changed. A pass that became a SKIP is listed, not counted as a "
			     "regression. Exit status: 0, 1 if there is a regression, 2 for a usage "
			     "or input error.\v"
			     "Examples:\n"
			     "  tracecal diff before/results.json after/results.json\n"
			     "  tracecal diff --moved 1 6.1/results.json 6.12/results.json  # moves over 1%",
			     NULL, NULL, NULL };
	struct tc_kmatrix m = {};
	struct tc_rundiff d;
	char err[4200];
	int ret = 0;

	argv[0] = "tracecal diff";
	argp_err_exit_status = 2;
	if (argp_parse(&argp, argc, argv, 0, NULL, &o))
		return 2;
	/* labelled, so that two runs of one kernel stay two columns */
	for (int i = 0; i < 2 && !ret; i++) {
		ret = tc_kmatrix_add(&m, i ? "new" : "old", o.runs[i], err, sizeof(err));
		if (ret)
			fprintf(stderr, "tracecal diff: %s\n", err);
	}
	if (!ret)
		tc_rundiff_write(stdout, &m, o.min_pct, &d);
	tc_kmatrix_free(&m);
	if (ret)
		return 2;
	return d.regressions ? 1 : 0;
}
