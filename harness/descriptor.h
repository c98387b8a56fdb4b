/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tool descriptors: how the harness runs a tool under test and reads what
 * it says, written without C (scenarios/tools/NAME.tool). The directive
 * table in descriptor.c is the format's definition and the source of
 * docs/descriptors.md.
 */
#ifndef TC_DESCRIPTOR_H
#define TC_DESCRIPTOR_H

#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>
#include "directives.h"
#include "require.h"
#include "../readers/readers.h"

#define TC_DESC_EXIT_MAX 8 /* EXIT_STATUS: statuses a tool may end with after STOP */
#define TC_DESC_MAX 16

enum tc_output_kind { TC_OUT_STDOUT, TC_OUT_STDERR, TC_OUT_BOTH, TC_OUT_FILE };

/* A canonical metric the tool reports, and the labels it gives it. */
struct tc_provides {
	char metric[96];
	int nlabels;
	char labels[8][32];
	/*
	 * Labels the tool sets to constants (MAP ... name="getppid"): it
	 * reports those values only, so an expectation applies only if it
	 * names the label.
	 */
	int npartial;
	char partial[8][32];
	/*
	 * The value of each of labels[] the tool sets to a constant (PROVIDES
	 * METRIC fs="ext4",op; MAP ... fs="ext4"), "" for any: an expectation
	 * naming that label with another value does not apply to it.
	 */
	char fixed[8][64];
};

/* MAP SOURCE TARGET [LABEL=KEY | LABEL="literal" | KEY==VALUE]... [scale=N] [unit=U] */
struct tc_map_rule {
	char source[96];
	char target[96];
	int nlabels;
	struct {
		char name[32];
		char key[32];	  /* the raw label it comes from, or "" for a literal */
		char value[64];	  /* the literal */
	} labels[8];
	int nfilters; /* KEY==VALUE: only raw samples whose label KEY is VALUE */
	struct {
		char key[32];
		char value[64];
	} filters[4];
	double scale;
	__u64 unit_ns; /* histograms: the raw buckets' unit; 0 if not a histogram */
	char keys[16]; /* bpftrace: the key layout, 'i' integer, 's' text, 'k' stack */
	int line;
};

/* COLUMN NAME label=L | metric=M [scale=N] */
struct tc_column {
	char name[64];
	char label[32];
	char metric[96];
	double scale;
	bool spaces; /* its values may hold blanks (a process name) */
	int line;
};

/*
 * LOSSES METRIC SOURCE: what the tool reports lost that METRIC would have
 * counted. SOURCE is a selector of its loss counters, or "output" for its
 * LOSS lines. Only these, and METRIC_missed_total, can account for a
 * shortfall in METRIC: a loss of some other map or probe cannot.
 */
struct tc_loss_feed {
	char metric[96];
	char source[256]; /* "" for the LOSS lines */
	int line;
};

struct tc_tooldesc {
	const char *path;
	int line;
	char name[64];
	char description[256];
	char level[16];
	int nreq;
	struct tc_require req[TC_DESC_MAX];
	char command[1024];
	char version_cmd[256];
	regex_t ready;
	char ready_src[256];
	__u64 ready_timeout_ns;
	int stop_signal;
	int exit_ok[TC_DESC_EXIT_MAX]; /* EXIT_STATUS: ends after STOP with these, reported */
	int nexit_ok;
	__u64 grace_ns;
	__u64 stop_repeat_ns;	/* 0: the stop signal is sent once */
	__u64 interval_ns;	/* INTERVAL: it reports only this often; 0: at its end too */
	enum tc_output_kind output;
	const struct tc_reader *reader; /* PARSER: readers/readers.c */
	char filter_cmd[1024];	/* PARSER filter COMMAND */
	int nprovides;
	struct tc_provides provides[TC_DESC_MAX];
	int nmaps;
	struct tc_map_rule maps[TC_DESC_MAX];
	int nheader;
	char header[TC_DESC_MAX][32];
	int ncolumns;
	struct tc_column columns[TC_DESC_MAX];
	bool blocks_sum;
	int nwarn;
	regex_t warn[4];
	int nabort;	     /* ABORT: lines saying it stopped itself under overload */
	regex_t abort[4];
	int nloss;
	regex_t loss[4];
	int nfeeds;
	struct tc_loss_feed feeds[TC_DESC_MAX];
	int nscenarios;		 /* SCENARIOS: run in these alone (0: wherever it applies) */
	char scenarios[8][64];
	bool compiled; /* regexes to free */
};

extern const struct tc_directive tc_descriptor_directives[];
/* The canonical counters of what a tool lost (NULL-terminated): what LOSSES may name. */
extern const char *const tc_loss_counters[];

/* Read one descriptor file; -errno with "FILE:LINE: why" in err. */
int tc_tooldesc_load(const char *path, struct tc_tooldesc *d, char *err, size_t errlen);
void tc_tooldesc_free(struct tc_tooldesc *d);
/*
 * Does the tool report metric with every label in labels? values[i], when
 * values and it are not NULL, is the value the expectation wants labels[i]
 * to equal: a label the tool fixes to another value does not apply.
 */
bool tc_tooldesc_provides(const struct tc_tooldesc *d, const char *metric,
			  const char *const *labels, const char *const *values, int nlabels);
/* Are its requirements met here? If not, the first one that is not, in why. */
bool tc_tooldesc_usable(const struct tc_tooldesc *d, char *why, size_t size);

#endif
