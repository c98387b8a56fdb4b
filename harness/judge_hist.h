/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Judging a histogram expectation (EXPECT_HIST): the tool's buckets for
 * the selector against the histogram the workload's manifest gives, with
 * the neighbour rule of oracles/compare.h. Called by tc_judge().
 */
#ifndef TC_JUDGE_HIST_H
#define TC_JUDGE_HIST_H

#include <json-c/json.h>
#include "outcome.h"
#include "samples.h"

/* Judge one EXPECT_HIST check: c->verdict, message and diagnosis are set. */
void tc_judge_hist(struct tc_check *c, const struct tc_samples *s, const struct tc_selector *sel,
		   json_object *manifest);

#endif
