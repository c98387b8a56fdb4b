// SPDX-License-Identifier: GPL-2.0
/* Verdict names and what passes; see outcome.h. */
#include "outcome.h"

static const char *const names[TC_VERDICT_NR] = {
	[TC_PASS] = "PASS",   [TC_ACCOUNTED] = "ACCOUNTED", [TC_FAIL] = "FAIL",
	[TC_LOSS] = "LOSS",   [TC_ERROR] = "ERROR",	     [TC_TIMEOUT] = "TIMEOUT",
	[TC_SKIP] = "SKIP",   [TC_ABORTED] = "ABORTED",     [TC_SLOW] = "SLOW",
};

const char *tc_verdict_name(enum tc_verdict v)
{
	return v < TC_VERDICT_NR ? names[v] : "?";
}

bool tc_verdict_passes(enum tc_verdict v)
{
	return v == TC_PASS || v == TC_ACCOUNTED;
}
