// SPDX-License-Identifier: GPL-2.0
/*
 * Histogram expectations (EXPECT_HIST): the tool's buckets against the
 * workload's; see judge_hist.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "../oracles/compare.h"
#include "../oracles/jsonpath.h"
#include "judge_hist.h"

struct hbuckets {
	struct tc_hbucket *v;
	size_t n, cap;
};

static int hb_add(struct hbuckets *h, __u64 lo, __u64 hi, __u64 count)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].lo == lo && h->v[i].hi == hi) {
			h->v[i].count += count;
			return 0;
		}
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 32;
		struct tc_hbucket *v = realloc(h->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		h->v = v;
		h->cap = cap;
	}
	h->v[h->n++] = (struct tc_hbucket){ lo, hi, count };
	return 0;
}

static int cmp_lo(const void *a, const void *b)
{
	const struct tc_hbucket *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* The tool's buckets for a histogram selector (NAME_bucket{...,lo,hi}). */
static int tool_hist(const struct tc_samples *s, const struct tc_selector *sel,
		     struct hbuckets *h)
{
	struct tc_selector b = *sel;
	int ret = 0;

	snprintf(b.name, sizeof(b.name), "%.88s_bucket", sel->name);
	for (size_t i = 0; i < s->n && !ret; i++) {
		const char *lo = tc_sample__label(&s->v[i], "lo");
		const char *hi = tc_sample__label(&s->v[i], "hi");

		if (!lo || !hi || !tc_selector_match(&b, &s->v[i]) || s->v[i].value < 0)
			continue;
		ret = hb_add(h, strtoull(lo, NULL, 10),
			     strcmp(hi, "+Inf") ? strtoull(hi, NULL, 10) : TC_HBUCKET_INF,
			     (__u64)s->v[i].value);
	}
	qsort(h->v, h->n, sizeof(h->v[0]), cmp_lo);
	return ret;
}

/* The manifest's histogram: {"unit", "buckets": [{lo, hi, count}]}, in ns. */
static int manifest_hist(json_object *m, const char *path, struct hbuckets *h, char *why,
			 size_t size)
{
	json_object *o, *buckets, *unit;
	__u64 mult = 1;
	int ret;

	ret = tc_jsonpath_get(m, path, &o, why, size);
	if (ret)
		return ret;
	if (!json_object_object_get_ex(o, "buckets", &buckets) ||
	    !json_object_is_type(buckets, json_type_array)) {
		snprintf(why, size, "manifest.%s has no buckets", path);
		return -EINVAL;
	}
	if (json_object_object_get_ex(o, "unit", &unit)) {
		const char *u = json_object_get_string(unit);

		mult = !strcmp(u, "us") ? 1000 : !strcmp(u, "ms") ? 1000000 : 1;
	}
	for (size_t i = 0; i < json_object_array_length(buckets) && !ret; i++) {
		json_object *b = json_object_array_get_idx(buckets, i), *lo, *hi, *count;

		if (!json_object_object_get_ex(b, "lo", &lo) ||
		    !json_object_object_get_ex(b, "hi", &hi) ||
		    !json_object_object_get_ex(b, "count", &count)) {
			snprintf(why, size, "manifest.%s.buckets[%zu] lacks lo, hi or count", path, i);
			return -EINVAL;
		}
		ret = hb_add(h, json_object_get_uint64(lo) * mult,
			     json_object_is_type(hi, json_type_null) ? TC_HBUCKET_INF :
			     (json_object_get_uint64(hi) + 1) * mult - 1,
			     json_object_get_uint64(count));
	}
	qsort(h->v, h->n, sizeof(h->v[0]), cmp_lo);
	return ret;
}

/* Drop the empty buckets: they say nothing (Prometheus text ends with an empty +Inf one). */
static void drop_empty(struct hbuckets *h)
{
	size_t w = 0;

	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].count)
			h->v[w++] = h->v[i];
	h->n = w;
}

/*
 * Put both on the union of their buckets; the buckets that hold counts must
 * tile the same way (a bucket of one is a bucket of the other, or overlaps
 * none of its). A range only one side has is 0 on the other.
 */
static int align(struct hbuckets *a, struct hbuckets *e, char *why, size_t size)
{
	drop_empty(a);
	drop_empty(e);
	for (int pass = 0; pass < 2; pass++) {
		struct hbuckets *from = pass ? e : a, *to = pass ? a : e;

		for (size_t i = 0; i < from->n; i++) {
			bool same = false;

			for (size_t j = 0; j < to->n && !same; j++) {
				if (to->v[j].lo == from->v[i].lo && to->v[j].hi == from->v[i].hi) {
					same = true;
				} else if (to->v[j].lo <= from->v[i].hi && from->v[i].lo <= to->v[j].hi) {
					snprintf(why, size, "the tool's buckets and the manifest's differ "
						 "(%llu..%llu against %llu..%llu ns): rebucketing "
						 "needs the raw latencies",
						 (unsigned long long)a->v[pass ? j : i].lo,
						 (unsigned long long)a->v[pass ? j : i].hi,
						 (unsigned long long)e->v[pass ? i : j].lo,
						 (unsigned long long)e->v[pass ? i : j].hi);
					return -EINVAL;
				}
			}
			if (!same && hb_add(to, from->v[i].lo, from->v[i].hi, 0))
				return -ENOMEM;
		}
	}
	qsort(a->v, a->n, sizeof(a->v[0]), cmp_lo);
	qsort(e->v, e->n, sizeof(e->v[0]), cmp_lo);
	return 0;
}

void tc_judge_hist(struct tc_check *c, const struct tc_samples *s,
		       const struct tc_selector *sel, json_object *manifest)
{
	struct hbuckets a = {}, e = {};
	struct tc_hist_cmp cmp;
	struct tc_tol tol;
	char why[400];
	__u64 slack = 0;
	int ret = tool_hist(s, sel, &a);
	size_t seen = a.n; /* the tool's own buckets, before align() adds the manifest's */

	snprintf(c->oracle, sizeof(c->oracle), "manifest");
	if (ret || !manifest ||
	    manifest_hist(manifest, c->e->oracle.path, &e, why, sizeof(why)) ||
	    align(&a, &e, why, sizeof(why))) {
		if (!manifest)
			snprintf(why, sizeof(why), "no manifest");
		c->verdict = TC_ERROR;
		snprintf(c->message, sizeof(c->message), "%s", why);
		goto out;
	}
	c->actual = tc_hbuckets_total(a.v, a.n);
	c->expected = tc_hbuckets_total(e.v, e.n);
	c->matched = seen;
	if (!tc_tol_parse(c->e->tolerance, &tol, why, sizeof(why)) && tol.kind != TC_TOL_EXACT) {
		double v = (double)tol.num;

		for (unsigned int i = 0; i < tol.scale; i++)
			v /= 10;
		slack = tol.kind == TC_TOL_PCT ? (__u64)(v * c->expected / 100) : (__u64)v;
	}
	if (tc_hist_compare(a.v, a.n, e.v, e.n, slack, &cmp)) {
		c->verdict = TC_ERROR;
		snprintf(c->message, sizeof(c->message), "%s", cmp.msg);
		goto out;
	}
	c->verdict = cmp.pass ? TC_PASS : TC_FAIL;
	snprintf(c->message, sizeof(c->message), "tool %.500s", cmp.msg);
	if (!cmp.pass && !seen)
		snprintf(c->diagnosis, sizeof(c->diagnosis),
			 "probe attached but never fired: the tool reported no histogram");
out:
	free(a.v);
	free(e.v);
}

