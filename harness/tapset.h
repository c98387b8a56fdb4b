/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probe libraries (tapsets) checked against workloads of known effect.
 * A library names probe aliases ("vfs.read", "ioblock.request"), each with
 * candidate probe points that may serve it on a kernel (a kprobe on a
 * function, a tracepoint, fentry), what each exports, and the truth it
 * must match. On a new kernel a library breaks in three ways: a probe no
 * longer attaches, attaches and never fires (an inlined function), or
 * fires with another meaning (per request instead of per bio, sectors
 * instead of bytes). Each candidate is turned into a tool descriptor and
 * each alias into a scenario, run by the campaign like any other pair,
 * and the outcome is read back as one of the verdicts below.
 *
 * The library file is a directive file (directives.h): a first record
 * with LIBRARY, then one record per ALIAS; see docs/tapsets.md.
 */
#ifndef TC_TAPSET_H
#define TC_TAPSET_H

#include <stdbool.h>
#include <stddef.h>
#include "directives.h"
#include "../common/outcome.h"

#define TC_TAPSET_PROBES 8 /* a scenario's TOOLS holds 8 names */
#define TC_TAPSET_VALUES 4

enum tc_tapset_verdict {
	TC_TS_OK,
	TC_TS_NO_ATTACH,   /* the kernel refused it: the tool's own reason */
	TC_TS_NEVER_FIRES, /* attached, and nothing came */
	TC_TS_COUNT_DRIFT, /* fired N times where the workload did M */
	TC_TS_VALUE_DRIFT, /* an exported value's sum is off */
	TC_TS_LOST,	   /* fewer than the truth, the rest reported lost: more than allowed */
	TC_TS_ERROR,	   /* the engine failed otherwise (crashed, unreadable report) */
	TC_TS_TIMEOUT,
	TC_TS_SKIP,	   /* a requirement of the alias is missing here */
	TC_TS_NR,
};

struct tc_tapset_probe {
	char point[200]; /* "kprobe:vfs_read", "tracepoint:block:block_rq_issue" */
	char kind[16];	 /* "kprobe", "tracepoint", "fentry", ... */
	char where[300]; /* the engine's predicate, or "" for the alias's */
	int nvalues;
	char vname[TC_TAPSET_VALUES][32];
	char vexpr[TC_TAPSET_VALUES][300];
	int line;
};

struct tc_tapset_alias {
	char name[64];	   /* "vfs.read" */
	char means[256];
	char fires[200];   /* "ORACLE [TOLERANCE]": how often it must fire */
	int nvalues;
	char vname[TC_TAPSET_VALUES][32];
	char voracle[TC_TAPSET_VALUES][200];
	char where[300];   /* default predicate of its probes */
	int nprobes;
	struct tc_tapset_probe probes[TC_TAPSET_PROBES];
	const struct tc_record *rec; /* its WORKLOAD, FIXTURE, SETUP, ... lines */
	const char *file;
	int line;
};

struct tc_tapset {
	char name[64];
	char description[256];
	char engine[16];
	char path[512];
	struct tc_dfile f;
	struct tc_tapset_alias *v;
	int n;
	char (*errors)[600]; /* "FILE:LINE: why (alias X is left out)" */
	int nerrors;
};

extern const struct tc_directive tc_tapset_lib_directives[];
extern const struct tc_directive tc_tapset_alias_directives[];

/*
 * Read a library. A malformed alias is an error (t->errors) and left out;
 * the rest is kept. -errno only when the file cannot be used at all.
 */
int tc_tapset_load(struct tc_tapset *t, const char *path, char *err, size_t errlen);
void tc_tapset_free(struct tc_tapset *t);

/*
 * Write the library as a suite: DIR/NAME.scn with a scenario per alias and
 * DIR/tools/ with a descriptor per candidate. An alias whose scenario or
 * descriptors do not load is an error of the library's file and line, and
 * is left out of what is written.
 */
int tc_tapset_write(struct tc_tapset *t, const char *dir, char *err, size_t errlen);

/* The descriptor name of an alias's candidate i (0-based): "vfs.read@2". */
void tc_tapset_tool_name(const char *alias, int i, char *out, size_t size);
/* The scenario name of an alias: "vfs-read". */
void tc_tapset_scenario_name(const char *alias, char *out, size_t size);

/* A candidate's verdict, read from the outcome of its run. */
struct tc_tapset_result {
	enum tc_tapset_verdict verdict;
	double ratio;	    /* COUNT or VALUE DRIFT: what the probe said / the truth */
	double actual, expected;
	char what[64];	    /* the metric or value that drifted */
	char detail[1100];  /* the numbers, or the reason */
};

void tc_tapset_classify(const struct tc_outcome *o, struct tc_tapset_result *r);
const char *tc_tapset_verdict_name(enum tc_tapset_verdict v);
/* "2x", "0.5x", "1/512x" */
void tc_tapset_ratio(double ratio, char *out, size_t size);

#endif
