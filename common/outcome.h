/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The outcome of running one tool through one scenario: a verdict, and
 * per expectation what the tool said, what the truth was, and what the
 * difference looks like. The harness fills it and hands it to the
 * command, which writes it through the writers of reports/. It sits on
 * the ground floor so that reports/ reads it without harness/: the
 * writers print the names and texts bound into it (tc_outcome_bind,
 * tc_check_bind in harness/judge.h), never the harness's structures the
 * pointers tool, sc and e lead to.
 */
#ifndef TC_OUTCOME_H
#define TC_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

struct tc_expect;
struct tc_scenario;
struct tc_tooldesc;

/* As many as a scenario holds expectations (TC_SCN_MAX; scenario.h checks). */
#define TC_OUTCOME_CHECKS 16
/* As many copies of a tool as a scenario runs at once (INSTANCES; scenario.h checks). */
#define TC_OUTCOME_INSTANCES 8

enum tc_verdict {
	TC_PASS,
	TC_ACCOUNTED, /* fewer than happened, the rest reported lost: a small, allowed share */
	TC_FAIL,    /* a number is wrong */
	TC_LOSS,    /* fewer than happened, and no loss reported */
	TC_ERROR,   /* the tool failed to start, attach (even partly), or crashed */
	TC_TIMEOUT, /* the tool or the workload hung */
	TC_SKIP,    /* a requirement is missing, or nothing applies to this tool */
	TC_ABORTED, /* the tool stopped itself under overload and said why (its guard) */
	TC_SLOW,    /* its numbers are right, but it slowed the workload past SLOWDOWN_MAX */
	TC_VERDICT_NR,
};

const char *tc_verdict_name(enum tc_verdict v);
/* PASS, or PASS with the losses the tool reported making up the rest (ACCOUNTED). */
bool tc_verdict_passes(enum tc_verdict v);

/* An expectation as its scenario file says it, for the writers. */
struct tc_check_src {
	const char *file;
	int line;
	const char *selector;
	const char *op;
	const char *oracle;
	const char *tolerance;
};

struct tc_check {
	const struct tc_expect *e;  /* the harness's, compiled */
	struct tc_check_src src;
	bool applicable;
	bool judged;	     /* its numbers were compared (not when the run failed first) */
	enum tc_verdict verdict;
	double actual;
	double expected;
	size_t matched;	     /* samples the selector matched */
	char oracle[16];     /* "diskstats", "manifest", "literal" */
	char message[512];   /* "tool 268,435,456 vs diskstats 4,096 (65,536x)" */
	char diagnosis[300]; /* "VFS counted as disk", ... */
};

struct tc_outcome {
	const struct tc_tooldesc *tool; /* the harness's; for the writers, only an identity */
	const struct tc_scenario *sc;
	const char *tool_name, *tool_path; /* bound from them, for the writers */
	const char *scenario, *scenario_file, *scenario_description;
	enum tc_verdict verdict;
	char reason[1024];
	char aborted_probe[128]; /* ABORTED: the probe its message named ("" if none) */
	int nchecks;
	struct tc_check checks[TC_OUTCOME_CHECKS];
	double seconds;
	char version[128];
	char hooks[512];     /* the hooks a tracecal tool chose, from its report */
	char out_path[512];  /* the tool's stdout and stderr, kept */
	char err_path[512];
	char manifest[512];
	__u64 disk[4];	     /* diskstats delta: reads, read_bytes, writes, write_bytes */
	double reported_lost; /* by any of its loss counters or LOSS lines */
	char oracle_notes[400]; /* the oracles among themselves: iostat disagreeing with diskstats */
	int stop_signals;    /* STOP signals sent before it exited (STOP_REPEAT) */
	/* OVERHEAD: the workload untraced, then traced (from its manifests) */
	struct tc_overhead {
		bool measured;
		double untraced_s, traced_s;
		double rate;		 /* the traced run's events a second, if it says */
		__u64 events;		 /* and how many */
		__u64 untraced_cpu_ns, traced_cpu_ns; /* the workload's CPU time */
		__u64 beat_untraced_ns;	 /* the heartbeat's worst lateness, untraced */
		__u64 beat_traced_ns;	 /* and while traced */
	} overhead;
	/* The window's witness on the disk fixture (harness/witness.h): the device's
	 * block events tracefs counted, those BPF ran for, and the blind rest. */
	struct tc_window_witness {
		bool on;
		char why[200];	     /* a fixture's window left unwitnessed: why */
		__u64 events, bpf, skipped_counted, blind;
		int windows;	     /* windows judged: 1, or more when one was blind */
		__u64 blind_before;  /* what the earlier windows were blind to, in all */
	} witness;
	/* INSTANCES: copies of the tool run at once, each judged; 0 when one ran */
	int instances;
	struct tc_outcome_instance {
		bool started;	     /* a copy after one that failed to start is not */
		bool judged;	     /* its report was judged: not when the run failed first */
		enum tc_verdict verdict;
		char reason[300];
		char out_path[512];
	} instance[TC_OUTCOME_INSTANCES];
	bool has_known;	     /* a known-verdicts line speaks for it: */
	enum tc_verdict known; /* the verdict it gives, */
	char known_why[200];   /* and its "# reason" */
};

#endif
