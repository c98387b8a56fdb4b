/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A campaign: a suite of scenarios, a set of tool descriptors, the runs of
 * every tool through every scenario, and what is known to fail. What
 * `tracecal run` and `tracecal audit` share.
 *
 * Known verdicts (scenarios/EXPECTED): one "TOOL SCENARIO VERDICT" per
 * line with a "# reason", SCENARIO may be "*" (every scenario the tool
 * does not SKIP; a line naming the scenario wins); "if REQUIREMENT" or
 * "unless REQUIREMENT" before the '#' keeps the line to the machines where
 * it holds (elsewhere it is dropped when read). A result equal to its known
 * verdict is as expected; anything else that is not a PASS or a SKIP
 * fails the campaign, and so does a known failure that now passes (the
 * list must not outlive the failures it excuses).
 */
#ifndef TC_CAMPAIGN_H
#define TC_CAMPAIGN_H

#include <stdbool.h>
#include <stdio.h>
#include "descriptor.h"
#include "outcome.h"
#include "runner.h"
#include "scenario.h"

struct tc_run_meta;

struct tc_known {
	char tool[64];
	char scenario[64];
	enum tc_verdict verdict;
	char cond[200]; /* "if REQUIREMENT", "unless ...", or "": where it holds */
	char reason[200];
	int line;
};

struct tc_campaign {
	struct tc_suite suite;
	struct tc_tooldesc *tools;
	int ntools;
	char (*left_out)[400]; /* tools whose requirements are not met, and why */
	int nleft_out;
	char (*problems)[600]; /* input errors: what they left out, "FILE:LINE: why" */
	int nproblems;
	struct tc_known *known;
	int nknown;
	char known_path[512];
	struct tc_outcome *results;
	int nresults;
	int verbose;
	FILE *live; /* a line per result as it finishes; NULL for none */
};

/*
 * Add scenario files, or every NAME.scn of a directory. A malformed scenario
 * or file is a problem (c->problems) and the rest is added; only running
 * out of memory is an error.
 */
int tc_campaign_add_suite(struct tc_campaign *c, const char *path, char *err, size_t errlen);
/*
 * Add tool descriptors: a file, or every NAME.tool of a directory and its
 * subdirectories. A malformed descriptor is a problem, as above.
 */
int tc_campaign_add_tools(struct tc_campaign *c, const char *path, char *err, size_t errlen);
/* Leave out the tools whose requirements are not met (audit), noting why. */
void tc_campaign_usable_only(struct tc_campaign *c);
/* Read known verdicts; a missing file is no error, a malformed line a problem. */
int tc_campaign_known(struct tc_campaign *c, const char *path, char *err, size_t errlen);
/* Run every tool through every scenario; -EINTR if stopped. */
int tc_campaign_run(struct tc_campaign *c, const char *workdir, volatile int *stop);
/* The known verdict of a result, or -1. */
int tc_campaign_known_verdict(const struct tc_campaign *c, const struct tc_outcome *r);
/* 0 if every result passed, skipped or was as expected; prints what was not to f. */
int tc_campaign_judge(const struct tc_campaign *c, FILE *f);
/* Reports into dir: matrix.txt, results.json, results.tap, junit.xml, results.ktap, index.html. */
/* What the reports say of the run: the kernel, tracecal's version, the input errors. */
void tc_campaign_meta(const struct tc_campaign *c, double seconds, const char *started,
		      struct tc_run_meta *m);
int tc_campaign_write(const struct tc_campaign *c, const char *dir, double seconds,
		      const char *started, char *err, size_t errlen);
void tc_campaign_free(struct tc_campaign *c);

#endif
