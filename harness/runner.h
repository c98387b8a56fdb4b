/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running one tool through one scenario: requirements, the fixture, the
 * setup, the tool started and ready, the oracles read around the
 * workload, the tool stopped, its output read and judged. Whatever
 * happens, children are stopped and the fixture is left clean.
 */
#ifndef TC_RUNNER_H
#define TC_RUNNER_H

#include <stdbool.h>
#include "descriptor.h"
#include "fixture.h"
#include "../common/outcome.h"
#include "scenario.h"

struct tc_runner {
	char tracecal[512];	 /* this binary, for {TRACECAL} and workloads */
	char workdir[256];	 /* outputs of every run are kept here */
	struct tc_fixture fix;
	bool have_fix;
	__u64 fix_size;
	char fix_type[16];
	volatile int *stop;	 /* set by Ctrl-C: wind down */
	int verbose;
};

/* Set up; workdir is made if need be. */
int tc_runner_init(struct tc_runner *r, const char *workdir, volatile int *stop);
/* Run tool through sc into res. Returns 0, or -EINTR when stopped by Ctrl-C. */
int tc_runner_run(struct tc_runner *r, const struct tc_tooldesc *tool,
		  const struct tc_scenario *sc, struct tc_outcome *res);
/* Release the fixture. */
void tc_runner_done(struct tc_runner *r);

#endif
