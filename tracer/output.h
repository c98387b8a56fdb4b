/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writers of a result: the terminal table and histograms for a person,
 * JSON and Prometheus text (the canonical metrics) for a program.
 */
#ifndef TC_OUTPUT_H
#define TC_OUTPUT_H

#include <stdio.h>
#include <json-c/json.h>
#include "../common/fmt.h"
#include "result.h"

/* Terminal: a table of at most max_rows rows (0: all), widest column first. */
void tc_table_print(FILE *f, const struct tc_table *t, size_t max_rows);
/* Terminal: every histogram, each under a line naming its labels. */
void tc_hists_print(FILE *f, const struct tc_hists *h, int width);

/* JSON: adds "rows" and/or "histograms" to obj. */
void tc_result_json(json_object *obj, const struct tc_result *r);

/* Prometheus text exposition of every row and histogram. */
void tc_result_prom(FILE *f, const struct tc_result *r);
/* One sample line: name{k="v",...} value, label values escaped. */
void tc_prom_sample(FILE *f, const char *name, const char *suffix, const char *const *keys,
		    const char *const *vals, int n, const char *le, __u64 value);
void tc_prom_header(FILE *f, int metric);

#endif
