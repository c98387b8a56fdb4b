/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a tool's collect step produces, before any formatting: a table of
 * rows (string labels, counter values) and/or a set of histograms. The
 * writers in output.c turn one result into a terminal table, JSON or
 * Prometheus text, so no tool formats anything itself.
 */
#ifndef TC_RESULT_H
#define TC_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "bpf/tc_shared.h"

#define TC_MAX_LABELS 5
#define TC_MAX_VALS 4
#define TC_LABEL_LEN 64

struct tc_label_def {
	const char *name;   /* canonical label name: "pid", "dev" */
	const char *header; /* terminal column header: "PID" */
};

struct tc_val_def {
	int metric;	    /* enum tc_metric_id */
	const char *header; /* terminal column header */
};

struct tc_table_def {
	int nlabels;
	struct tc_label_def labels[TC_MAX_LABELS];
	int nvals;
	struct tc_val_def vals[TC_MAX_VALS];
	unsigned int sort_mask; /* values summed to order rows (bit i: vals[i]); 0: all */
};

struct tc_row {
	char lab[TC_MAX_LABELS][TC_LABEL_LEN];
	__u64 val[TC_MAX_VALS];
};

struct tc_table {
	const struct tc_table_def *def;
	struct tc_row *rows;
	size_t n, cap;
};

struct tc_hist_def {
	int metric; /* enum tc_metric_id */
	int nlabels;
	struct tc_label_def labels[TC_MAX_LABELS];
};

struct tc_hist_row {
	char lab[TC_MAX_LABELS][TC_LABEL_LEN];
	struct tc_hist h;
};

struct tc_hists {
	const struct tc_hist_def *def;
	struct tc_hist_cfg cfg;
	const char *unit; /* "ns", "us", "ms": the unit of cfg.unit_ns */
	struct tc_hist_row *rows;
	size_t n, cap;
};

struct tc_result {
	struct tc_table table;
	struct tc_hists hists;
	/* What the tool knows it missed, in the table's units (may have no def). */
	struct tc_table lost;
};

/* Append a zeroed row; NULL when out of memory. */
struct tc_row *tc_table__add(struct tc_table *t);
struct tc_hist_row *tc_hists__add(struct tc_hists *h);
void tc_result__reset(struct tc_result *r);
void tc_result__free(struct tc_result *r);

/* Merge rows with equal labels (summing) and sort by label. */
void tc_table__normalize(struct tc_table *t);
void tc_hists__normalize(struct tc_hists *h);
/* Sort for display: by the sum of the sort_mask values, largest first, then by label. */
void tc_table__sort_by_value(struct tc_table *t);

/*
 * Replace cur's counters by cur - prev (rows matched by labels), for
 * interval output. Both must be normalized. Rows that did not change are
 * dropped. Histogram min and max stay cumulative: they cannot be differenced.
 */
int tc_result__delta(struct tc_result *cur, const struct tc_result *prev);
/* Deep copy, for keeping the previous interval. */
int tc_result__copy(struct tc_result *dst, const struct tc_result *src);

/* Merge per-CPU histograms into one. */
void tc_hist__merge(struct tc_hist *dst, const struct tc_hist *src);

/* Label values: a number; a task's comm from BPF, made printable. */
void tc_label_u64(char *lab, __u64 v);
void tc_label_comm(char *lab, const char *comm);

#endif
