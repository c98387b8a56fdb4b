/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Judging a histogram expectation (EXPECT_HIST): the tool's buckets for
 * the selector against the latencies the workload measured itself, beside
 * the manifest's histogram (samples_ns, slack_ns), placed as
 * oracles/hist_place.h does; a manifest without samples, against its
 * buckets exactly. A failed placement that the latencies times 2, 1/2,
 * 1,000, 1/1,000, 10^6 or 10^-6 would pass is diagnosed as that: a
 * doubled latency, a unit named wrong. Called by tc_judge().
 */
#ifndef TC_JUDGE_HIST_H
#define TC_JUDGE_HIST_H

#include <json-c/json.h>
#include "../common/outcome.h"
#include "scenario.h"
#include "../readers/samples.h"

/* Judge one EXPECT_HIST check: c->verdict, message and diagnosis are set. */
void tc_judge_hist(struct tc_check *c, const struct tc_samples *s, const struct tc_selector *sel,
		   json_object *manifest);

#endif
