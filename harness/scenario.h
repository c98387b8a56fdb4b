/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scenarios: a fixture, a workload whose effect is known, and what a tool
 * should report about it, as checkable expectations. Directive files, a
 * blank line between scenarios (scenarios/NAME.scn); the directive table in
 * scenario.c is the format's definition and the source of
 * docs/scenarios.md. The parser is strict: an unknown directive, a
 * scenario with nothing to expect, a bad selector, oracle or tolerance is
 * an error with the file and line.
 */
#ifndef TC_SCENARIO_H
#define TC_SCENARIO_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>
#include "directives.h"
#include "fixture.h"
#include "require.h"
#include "../oracles/compare.h"
#include "../oracles/oracle.h"
#include "../readers/samples.h"

#define TC_SCN_MAX 16
#define TC_SCN_INSTANCES 8 /* INSTANCES at most */
/* The share of the truth a tool may report lost and still pass (ACCOUNTED), by default. */
#define TC_LOSS_ALLOWED_PCT 1.0

enum tc_expect_kind {
	TC_EXPECT_VALUE, /* EXPECT SELECTOR == ORACLE [TOLERANCE] */
	TC_EXPECT_HIST,	 /* EXPECT_HIST SELECTOR ~ ORACLE [TOLERANCE] */
};


struct tc_expect {
	enum tc_expect_kind kind;
	char selector[600]; /* as written; placeholders are filled at run time */
	/*
	 * The selector names an oracle, not a tool's metric: one truth held to
	 * another (fio's bytes against the disk's), judged in every run the
	 * scenario's other expectations apply to.
	 */
	bool lhs_is_oracle;
	struct tc_oracle_ref lhs;
	char op[3];	    /* "==", "<=", ">=", "~" */
	struct tc_oracle_ref oracle;
	char tolerance[64]; /* as written; "exact" if none */
	const char *file;
	int line;
	/*
	 * Compiled once, at load: the selector (unless lhs_is_oracle), with the
	 * matchers whose values hold a {PLACEHOLDER} as slots (bit m for
	 * matcher m) that tc_expect_selector() fills at run time; the
	 * tolerance. The judge parses neither again.
	 */
	struct tc_selector sel;
	unsigned int slots;
	struct tc_tol tol;
};

struct tc_scenario {
	const char *file;
	int line;
	char name[64];
	char description[256];
	int nreq;
	struct tc_require req[TC_SCN_MAX];
	bool no_fixture;
	__u64 fs_size;
	char fs_type[16];
	int queue[TC_Q_NR]; /* the loop device's queue settings; 0: as made */
	int nsetup;
	char setup[4][512];
	char workload[512];
	char comm[16];
	__u64 timeout_ns;
	__u64 overhead_ns; /* OVERHEAD: the heartbeat's period; 0: no measure */
	double loss_allowed; /* LOSS_ALLOWED: the share of the truth (%) a tool may report lost */
	double slowdown_max; /* SLOWDOWN_MAX: traced / untraced time beyond which a run is SLOW */
	int slowdown_line;   /* its line, to name when it lacks OVERHEAD */
	int instances;	     /* INSTANCES: copies of the tool run at once; 0 or 1: one */
	int nexpect;
	struct tc_expect expect[TC_SCN_MAX];
	int ntools;
	char tools[8][64];
	unsigned int oracles; /* 1 << enum tc_oracle_kind of every oracle its expectations name */
};

struct tc_suite {
	struct tc_scenario *v;
	int n, cap;
	char **files; /* owned paths the scenarios point to */
	int nfiles;
	char (*errors)[600]; /* "FILE:LINE: why" of each scenario left out */
	int nerrors;
};

extern const struct tc_directive tc_scenario_directives[];

/*
 * Add every scenario of path to suite; -errno with "FILE:LINE: why" (the
 * first error). A malformed scenario does not stop the others of the file:
 * they are added, and it is left out with its error in suite->errors.
 */
int tc_suite_load(struct tc_suite *suite, const char *path, char *err, size_t errlen);
void tc_suite_free(struct tc_suite *suite);
const struct tc_scenario *tc_suite_find(const struct tc_suite *suite, const char *name);

/* Fill {DEV} {DEVPATH} {MNT} {COMM} and the like in text: vars are NAME=VALUE pairs. */
int tc_fill(const char *text, const char *const *vars, int nvars, char *out, size_t size);

/* Stand-ins for the placeholders, for what must be known before a run (names, applicability). */
extern const char *const tc_standins[];
extern const int tc_nstandins;
/*
 * The expectation's compiled selector with its slots filled from vars:
 * 0, or -ENAMETOOLONG with why if a filled value does not fit.
 */
int tc_expect_selector(const struct tc_expect *e, const char *const *vars, int nvars,
		       struct tc_selector *out, char *why, size_t size);

/* The oracles by their prefix ("diskstats", "pidio", ...), for messages. */

#endif
