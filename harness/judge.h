/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Judging a tool's report against the truth: each applicable expectation
 * evaluated (the tool's number from its samples, the truth from the
 * oracles), a verdict per expectation and per run, and when a number is
 * wrong, what the numbers look like: VFS counted as disk, sectors counted
 * as bytes, doubled counts, I/O charged to another process, asynchronous
 * or mapped I/O missed, a probe that attached but never fired. A partial
 * attach is an ERROR before any number is looked at.
 */
#ifndef TC_JUDGE_H
#define TC_JUDGE_H

#include <stdbool.h>
#include "../oracles/diskstats.h"
#include "../oracles/iostat.h"
#include "../oracles/procstat.h"
#include "descriptor.h"
#include "../common/outcome.h"
#include "../readers/samples.h"
#include "scenario.h"

_Static_assert(TC_SCN_MAX <= TC_OUTCOME_CHECKS, "an outcome holds a check per expectation");
_Static_assert(TC_SCN_INSTANCES <= TC_OUTCOME_INSTANCES, "an outcome holds each copy's verdict");

/* Bind the names the writers print: the tool's and the scenario's, then an expectation's text. */
void tc_outcome_bind(struct tc_outcome *r, const struct tc_tooldesc *tool,
		     const struct tc_scenario *sc);
void tc_check_bind(struct tc_check *c, const struct tc_expect *e);

struct tc_judge_ctx {
	const char *manifest_path;
	const char *report_path; /* OUTPUT file, or NULL */
	const char *const *vars; /* placeholders: NAME=VALUE */
	int nvars;
	int died_of; /* the signal the tool died of when stopped (no handler), or 0 */
	/*
	 * The oracles read over the tool's window (harness/window.c): the
	 * fixture device's diskstats always, the others when the scenario names them.
	 */
	struct tc_oracle_window win;
	char oracle_why[300]; /* why an oracle wanted could not be read */
	char loss_countless[200];	/* a loss message of the tool's that gives no count */
};

/*
 * Which expectations apply to this tool (it reports the metric with the
 * labels the selector uses). If none does, res becomes a SKIP saying so
 * and false is returned.
 */
bool tc_judge_applicable(const struct tc_tooldesc *tool, const struct tc_scenario *sc,
			 struct tc_outcome *res);
/* Read the tool's report and judge it; res->verdict and the checks are set. */
void tc_judge(struct tc_judge_ctx *jc, const struct tc_tooldesc *tool,
	      const struct tc_scenario *sc, struct tc_outcome *res);
void tc_judge_ctx_free(struct tc_judge_ctx *jc);

/*
 * Did the tool abort under overload and say so (its descriptor's ABORT
 * lines, or an engine's message)? Then true, with the probe the message
 * names ("" if none) and the line.
 */
bool tc_judge_aborted(const struct tc_tooldesc *d, const char *text, char *probe,
		      size_t psize, char *line, size_t lsize);

/*
 * The diagnosis, if the numbers fit a known mistake. Exposed for tests.
 * vfs_bytes: what the workload moved at the VFS (the manifest), or < 0.
 * async: the workload used io_uring or a mapping. others: the same
 * selector without its pid and comm matchers (< 0 if it had none).
 * nothing: the tool reported no sample at all of what it provides.
 */
struct tc_diag_in {
	const char *metric;
	double actual, expected;
	double vfs_bytes;
	bool async;
	const char *async_how; /* "io_uring", "mmap" */
	double others;		 /* other processes' counts, each no more than is missing */
	const char *other_owner; /* the largest of them */
	bool absent;		 /* the workload is not in the report; others are */
	bool nothing;
	int died_of;	   /* nothing, and it died of its stop signal: it never printed */
	double lost;	   /* what it reported lost that feeds the metric, in its unit */
	const char *level; /* the tool's LEVEL */
};
bool tc_diagnose(const struct tc_diag_in *in, char *out, size_t size);

/*
 * What a tool's own words (its stderr) say of a hook this kernel lacks or
 * refuses, or of a program its verifier rejects (with the verifier's own
 * reason, "rejected by the verifier: its program block_rq_complete does not
 * load here (R1 invalid mem access 'scalar')"):
 * "hook missing: kprobe target blk_account_io_start is not in this kernel
 * (renamed, inlined or not built)", "hook missing: ... not in this kernel's
 * BTF ...", or, where the kernel has no kprobes at all, "kprobes are not
 * available here: ...". false (and out untouched) when it says none.
 */
bool tc_judge_hook_missing(const char *text, char *out, size_t size);

#endif
