/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A set of samples in the canonical vocabulary: what every parser of a
 * tool's output produces and every expectation is checked against.
 * One sample is one Prometheus line: a name, labels, a value.
 */
#ifndef TC_SAMPLES_H
#define TC_SAMPLES_H

#include <stdbool.h>
#include <stddef.h>

#define TC_SAMPLE_NAME 96
#define TC_SAMPLE_LABELS 8
#define TC_SAMPLE_LNAME 32
#define TC_SAMPLE_LVALUE 160

struct tc_label {
	char name[TC_SAMPLE_LNAME];
	char value[TC_SAMPLE_LVALUE];
};

struct tc_sample {
	char name[TC_SAMPLE_NAME];
	int nlabels;
	struct tc_label labels[TC_SAMPLE_LABELS];
	double value; /* counts up to 2^53 are exact */
};

struct tc_samples {
	struct tc_sample *v;
	size_t n, cap;
};

/* Append; labels may be NULL when n is 0. -ENOMEM, or -E2BIG if too many labels. */
int tc_samples__add(struct tc_samples *s, const char *name, const struct tc_label *labels, int n,
		    double value);
void tc_samples__free(struct tc_samples *s);
/* The value of label name, or NULL. */
const char *tc_sample__label(const struct tc_sample *x, const char *name);

/*
 * A selector: a metric name and label matchers, as written in scenarios:
 *   disk_read_bytes{pid="123",comm!="dd",dev=~"loop[0-9]+"}
 * Matchers are = (equal), != (not equal), =~ (extended regex, whole value).
 * A label a sample lacks counts as the empty string.
 */
#define TC_SEL_MATCHERS 8

enum tc_match_op { TC_MATCH_EQ, TC_MATCH_NE, TC_MATCH_RE };

struct tc_matcher {
	char name[TC_SAMPLE_LNAME];
	enum tc_match_op op;
	char value[TC_SAMPLE_LVALUE];
};

struct tc_selector {
	char name[TC_SAMPLE_NAME];
	int nmatchers;
	struct tc_matcher m[TC_SEL_MATCHERS];
};

/* Parse "name{k="v",...}"; 0, or -EINVAL with why in err. */
int tc_selector_parse(const char *text, struct tc_selector *sel, char *err, size_t errlen);
bool tc_selector_match(const struct tc_selector *sel, const struct tc_sample *x);
/* Sum of the values of every matching sample; *found gets how many matched. */
double tc_samples__sum(const struct tc_samples *s, const struct tc_selector *sel, size_t *found);

#endif
