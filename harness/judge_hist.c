// SPDX-License-Identifier: GPL-2.0
/*
 * Histogram expectations (EXPECT_HIST): the tool's buckets against the
 * latencies the workload measured itself; see judge_hist.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "../oracles/compare.h"
#include "../oracles/hist_place.h"
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
 * For a manifest without samples: put both on the union of their buckets;
 * the buckets that hold counts must tile the same way (a bucket of one is a
 * bucket of the other, or overlaps none of its). A range only one side has
 * is 0 on the other.
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


/* The object that holds the histogram at path: its samples sit beside it. */
static int parent_of(json_object *m, const char *path, json_object **o, char *why, size_t size)
{
	size_t cut = 0;
	bool quoted = false;
	char parent[256];

	for (size_t i = 0; path[i]; i++) {
		if (path[i] == '"' && (!i || path[i - 1] != '\\'))
			quoted = !quoted;
		else if (!quoted && (path[i] == '.' || path[i] == '['))
			cut = i;
	}
	*o = m;
	if (!cut)
		return 0;
	if (cut >= sizeof(parent)) {
		snprintf(why, size, "manifest path too long: %.200s", path);
		return -ENAMETOOLONG;
	}
	memcpy(parent, path, cut);
	parent[cut] = '\0';
	return tc_jsonpath_get(m, parent, o, why, size);
}

static bool is_array(json_object *o)
{
	return json_object_is_type(o, json_type_array);
}

/*
 * The workload's own latencies beside the histogram: samples_ns (each op
 * timed around the call in user space) and slack_ns (how much of it a
 * kernel-side tool may not see). A tool's value for op i lies in
 * [u_i - slack_i, u_i]. *found is false for an older manifest without them.
 */
static int measured_ranges(json_object *m, const char *path, struct tc_hrange **r, size_t *n,
			   bool *found, char *why, size_t size)
{
	json_object *o, *u, *sl = NULL;
	int ret = parent_of(m, path, &o, why, size);

	*found = false;
	if (ret || !json_object_object_get_ex(o, "samples_ns", &u))
		return ret;
	if (!is_array(u) || (json_object_object_get_ex(o, "slack_ns", &sl) &&
			     (!is_array(sl) ||
			      json_object_array_length(sl) != json_object_array_length(u)))) {
		snprintf(why, size, "manifest: samples_ns and slack_ns beside %.200s are not "
			 "arrays of the same length", path);
		return -EINVAL;
	}
	*n = json_object_array_length(u);
	*r = malloc((*n ? *n : 1) * sizeof(**r));
	if (!*r)
		return -ENOMEM;
	for (size_t i = 0; i < *n; i++) {
		__u64 v = json_object_get_uint64(json_object_array_get_idx(u, i));
		__u64 s = sl ? json_object_get_uint64(json_object_array_get_idx(sl, i)) : 0;

		(*r)[i] = (struct tc_hrange){ v > s ? v - s : 0, v };
	}
	*found = true;
	return 0;
}

/* Without samples: each expected unit's range is its bucket, so only that bucket takes it. */
static int bucket_ranges(const struct hbuckets *e, struct tc_hrange **r, size_t *n)
{
	size_t k = 0;

	*n = tc_hbuckets_total(e->v, e->n);
	*r = malloc((*n ? *n : 1) * sizeof(**r));
	if (!*r)
		return -ENOMEM;
	for (size_t i = 0; i < e->n; i++)
		for (__u64 j = 0; j < e->v[i].count; j++)
			(*r)[k++] = (struct tc_hrange){ e->v[i].lo, e->v[i].hi };
	return 0;
}

/* The units the tolerance lets go unplaced (EXPECT_HIST's TOLERANCE is on the count). */
static __u64 allowed_units(const struct tc_check *c, __u64 expected)
{
	const struct tc_tol tol = c->e->tol; /* compiled at load */
	double v;

	if (tol.kind == TC_TOL_EXACT)
		return 0;
	v = (double)tol.num;
	for (unsigned int i = 0; i < tol.scale; i++)
		v /= 10;
	return tol.kind == TC_TOL_PCT ? (__u64)(v * expected / 100) : (__u64)v;
}

/*
 * What a failed placement looks like when the tool's numbers are off by a
 * factor: the latencies scaled (their ranges too) place, so the tool
 * measured right and scaled wrong, or named its unit wrong. The factors of
 * a unit one step off (1,000: ns, us, ms, s) and of a shift by one log2
 * bucket (2).
 */
static const struct scale {
	__u64 mul, div;
	const char *what;
} scales[] = {
	{ 2, 1, "latencies doubled: the histogram matches the workload's latencies times 2" },
	{ 1, 2, "latencies halved: the histogram matches the workload's latencies divided by 2" },
	{ 1000, 1, "nanoseconds counted as microseconds (or us as ms): 1,000 times too large; "
		   "the histogram matches the workload's latencies times 1,000" },
	{ 1, 1000, "microseconds counted as nanoseconds (or ms as us): 1,000 times too small; "
		   "the histogram matches the workload's latencies divided by 1,000" },
	{ 1000000, 1, "nanoseconds counted as milliseconds (or us as s): 1,000,000 times too "
		      "large; the histogram matches the workload's latencies times 1,000,000" },
	{ 1, 1000000, "milliseconds counted as nanoseconds (or s as us): 1,000,000 times too "
		      "small; the histogram matches the workload's latencies divided by 1,000,000" },
};

static __u64 mul_sat(__u64 v, __u64 m)
{
	return v > TC_HBUCKET_INF / m ? TC_HBUCKET_INF : v * m;
}

/* The first factor by which the ranges place within the tolerance, or NULL. */
static const char *diagnose(const struct hbuckets *a, const struct tc_hrange *r, size_t n,
			    __u64 allowed)
{
	struct tc_hrange *x = malloc((n ? n : 1) * sizeof(*x));
	const char *what = NULL;

	for (size_t k = 0; x && k < sizeof(scales) / sizeof(scales[0]) && !what; k++) {
		const struct scale *f = &scales[k];
		struct tc_hist_place res;

		/* A tool that divides rounds down: floor(v / div) for v in [lo, hi]. */
		for (size_t i = 0; i < n; i++)
			x[i] = (struct tc_hrange){ mul_sat(r[i].lo, f->mul) / f->div,
						   mul_sat(r[i].hi, f->mul) / f->div };
		if (!tc_hist_place(a->v, a->n, x, n, allowed, &res) && res.pass)
			what = f->what;
	}
	free(x);
	return what;
}

/* The ranges to place: the samples, or for an older manifest its buckets, exactly. */
static int ranges_of(const struct tc_check *c, json_object *manifest, struct hbuckets *a,
		     struct hbuckets *e, struct tc_hrange **r, size_t *n, bool *sampled, char *why,
		     size_t size)
{
	const char *path = c->e->oracle.path;
	int ret;

	if (!manifest) {
		snprintf(why, size, "no manifest");
		return -ENOENT;
	}
	ret = manifest_hist(manifest, path, e, why, size) ?:
	      measured_ranges(manifest, path, r, n, sampled, why, size);
	if (ret || *sampled)
		return ret;
	ret = align(a, e, why, size);
	return ret ?: bucket_ranges(e, r, n);
}

void tc_judge_hist(struct tc_check *c, const struct tc_samples *s, const struct tc_selector *sel,
		   json_object *manifest)
{
	struct hbuckets a = {}, e = {};
	struct tc_hist_place res;
	struct tc_hrange *r = NULL;
	bool sampled = false;
	const char *scaled;
	__u64 allowed;
	char why[400] = "out of memory";
	size_t nr = 0, seen;
	int ret = tool_hist(s, sel, &a);

	seen = a.n; /* the tool's own buckets, before align() adds the manifest's */
	snprintf(c->oracle, sizeof(c->oracle), "manifest");
	ret = ret ?: ranges_of(c, manifest, &a, &e, &r, &nr, &sampled, why, sizeof(why));
	allowed = allowed_units(c, nr);
	if (!ret && tc_hist_place(a.v, a.n, r, nr, allowed, &res)) {
		ret = -EINVAL;
		snprintf(why, sizeof(why), "%.390s", res.msg);
	}
	if (ret) {
		c->verdict = TC_ERROR;
		snprintf(c->message, sizeof(c->message), "%s", why);
		goto out;
	}
	c->actual = res.total_actual;
	c->expected = res.total_expected;
	c->matched = seen;
	c->verdict = res.pass ? TC_PASS : TC_FAIL;
	snprintf(c->message, sizeof(c->message), "tool %.420s%s", res.msg,
		 sampled ? "" : "; buckets compared exactly (no neighbours): the manifest has no "
				"samples_ns");
	if (res.pass)
		goto out;
	if (!seen)
		snprintf(c->diagnosis, sizeof(c->diagnosis),
			 "probe attached but never fired: the tool reported no histogram");
	else if ((scaled = diagnose(&a, r, nr, allowed)))
		snprintf(c->diagnosis, sizeof(c->diagnosis), "%s", scaled);
out:
	free(a.v);
	free(e.v);
	free(r);
}
