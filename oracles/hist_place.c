// SPDX-License-Identifier: GPL-2.0
/* Measured units placed on a tool's histogram; see hist_place.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../common/fmt.h"
#include "compare.h"
#include "hist_place.h"

__u64 tc_hbuckets_total(const struct tc_hbucket *b, size_t n)
{
	__u64 sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += b[i].count;
	return sum;
}

/* "[1,024 .. 2,047]", "[65,536 .. +Inf)". */
static char *fmt_bucket(char *buf, size_t size, const struct tc_hbucket *b)
{
	char lo[32], hi[32];

	tc_fmt_grouped(lo, sizeof(lo), b->lo);
	if (b->hi == TC_HBUCKET_INF)
		snprintf(buf, size, "[%s .. +Inf)", lo);
	else
		snprintf(buf, size, "[%s .. %s]", lo, tc_fmt_grouped(hi, sizeof(hi), b->hi));
	return buf;
}

/* A bucket of the tiling: one of the tool's, or a gap between them (count 0). */
struct tile {
	struct tc_hbucket b;
	bool gap;
};

/*
 * The tool's buckets with buckets of count 0 in the gaps and up to +Inf,
 * so that every value has a bucket: a tool that prints no bucket for a
 * range says it counted nothing there.
 */
static int tile(const struct tc_hbucket *a, size_t na, struct tile **out, size_t *nout,
		struct tc_hist_place *res)
{
	struct tile *t = malloc((2 * na + 1) * sizeof(*t));
	bool top = false;
	__u64 next = 0;
	size_t n = 0;
	char b[80];

	if (!t)
		return -ENOMEM;
	for (size_t i = 0; i < na; i++) {
		if (top || a[i].lo > a[i].hi || a[i].lo < next) {
			snprintf(res->msg, sizeof(res->msg),
				 "bucket %zu: %s is not above the one before it", i,
				 fmt_bucket(b, sizeof(b), &a[i]));
			free(t);
			return -EINVAL;
		}
		if (a[i].lo > next)
			t[n++] = (struct tile){ { next, a[i].lo - 1, 0 }, true };
		t[n++] = (struct tile){ a[i], false };
		top = a[i].hi == TC_HBUCKET_INF;
		next = a[i].hi + 1;
	}
	if (!top)
		t[n++] = (struct tile){ { next, TC_HBUCKET_INF, 0 }, true };
	*out = t;
	*nout = n;
	return 0;
}

/* The bucket of the tiling holding v: the last one starting at or below it. */
static size_t find(const struct tile *t, size_t n, __u64 v)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;

		if (t[mid].b.lo <= v)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* The buckets a unit's range meets, first to last: on a line, they are contiguous. */
struct span {
	size_t first, last;
};

static int by_first(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/* Units at bucket i that found no partner: > 0 actual, < 0 expected. */
static void unplaced(struct tc_hist_place *res, size_t i, __s64 excess)
{
	res->unplaced += excess < 0 ? -excess : excess;
	if (res->bucket < 0) {
		res->bucket = i;
		res->excess = excess;
	}
}

/*
 * The matching: buckets in ascending order; each bucket's actual units go
 * to the units that can reach it, the one whose range ends first (its
 * last bucket lowest) first. pend[k] counts the units met so far whose
 * range ends at bucket k and that are still unmatched.
 *
 * Why this greedy matches the most units (an exchange argument): take a
 * largest matching M that agrees with the greedy on buckets 0..j-1, and at
 * bucket j let the greedy give an actual unit to x, the unmatched unit
 * reaching j whose range ends first. If M gives that actual unit to y !=
 * x: x is either unmatched in M (give the actual unit to x instead of y),
 * or matched at a bucket j' > j (not below: M agrees there), at or below
 * x's last bucket and so at or below y's; y's range starts at or below j,
 * so y reaches j' too (ranges are contiguous): swap x and y. If M leaves
 * that actual unit empty, move x to it. Each step keeps M's size and makes
 * it agree with the greedy on one more unit. And where the greedy leaves
 * an actual unit empty, no unit unmatched so far reaches it; M, agreeing
 * below, has none for it either. So the greedy's matching is a largest
 * one. (An exhaustive check: test_hist_place.)
 */
static void sweep(const struct tile *t, size_t nt, const struct span *s, size_t ns,
		  __u64 *pend, struct tc_hist_place *res)
{
	size_t p = 0;

	for (size_t j = 0; j < nt; j++) {
		__u64 cap = t[j].b.count;

		for (; p < ns && s[p].first == j; p++)
			pend[s[p].last]++;
		for (size_t k = j; k < nt && cap; k++) {
			__u64 take = pend[k] < cap ? pend[k] : cap;

			pend[k] -= take;
			cap -= take;
			if (k > j)
				res->moved += take;
		}
		/* Not both: a unit ending here and unmatched would have taken the spare unit. */
		if (cap)
			unplaced(res, j, cap);
		if (pend[j])
			unplaced(res, j, -(__s64)pend[j]);
	}
}

static void place_message(struct tc_hist_place *res, const struct tile *t, __u64 allowed)
{
	const struct tc_tol exact = { .kind = TC_TOL_EXACT };
	__u64 first = res->excess < 0 ? -res->excess : res->excess;
	char total[160], b[80], extra[64] = "";

	tc_compare(res->total_actual, res->total_expected, &exact, total, sizeof(total));
	if (!res->unplaced && !res->moved) {
		snprintf(res->msg, sizeof(res->msg), "total %s; every unit in its own bucket", total);
		return;
	}
	if (!res->unplaced) {
		snprintf(res->msg, sizeof(res->msg),
			 "total %s; every unit placed (%llu below their own bucket, within their "
			 "slack)", total, (unsigned long long)res->moved);
		return;
	}
	if (res->unplaced > first)
		snprintf(extra, sizeof(extra), " (and %llu more elsewhere)",
			 (unsigned long long)(res->unplaced - first));
	snprintf(res->msg, sizeof(res->msg),
		 "bucket %d %s%s: %llu %s unit%s %s%s; total %s; %llu unplaced, %s %llu allowed",
		 res->bucket, fmt_bucket(b, sizeof(b), &t[res->bucket].b),
		 t[res->bucket].gap ? " (none in the tool's report)" : "", (unsigned long long)first,
		 res->excess > 0 ? "actual" : "expected", first == 1 ? "" : "s",
		 res->excess > 0 ? "more than expected" : "with no actual in their range", extra,
		 total, (unsigned long long)res->unplaced, res->pass ? "within" : "over",
		 (unsigned long long)allowed);
}

/* Each range as the buckets it meets, ordered by the first. */
static int spans(const struct tile *t, size_t nt, const struct tc_hrange *r, size_t nr,
		 struct span *s, struct tc_hist_place *res)
{
	for (size_t i = 0; i < nr; i++) {
		if (r[i].lo > r[i].hi) {
			snprintf(res->msg, sizeof(res->msg), "unit %zu: range %llu .. %llu is empty",
				 i, (unsigned long long)r[i].lo, (unsigned long long)r[i].hi);
			return -EINVAL;
		}
		s[i] = (struct span){ find(t, nt, r[i].lo), find(t, nt, r[i].hi) };
	}
	qsort(s, nr, sizeof(*s), by_first);
	return 0;
}

int tc_hist_place(const struct tc_hbucket *actual, size_t na, const struct tc_hrange *r,
		  size_t nr, __u64 allowed, struct tc_hist_place *res)
{
	struct tile *t = NULL;
	struct span *s = NULL;
	__u64 *pend = NULL;
	size_t nt = 0;
	int ret;

	memset(res, 0, sizeof(*res));
	res->bucket = -1;
	ret = tile(actual, na, &t, &nt, res);
	if (ret)
		goto out;
	s = malloc((nr ? nr : 1) * sizeof(*s));
	pend = calloc(nt, sizeof(*pend));
	ret = !s || !pend ? -ENOMEM : spans(t, nt, r, nr, s, res);
	if (ret)
		goto out;
	res->total_actual = tc_hbuckets_total(actual, na);
	res->total_expected = nr;
	sweep(t, nt, s, nr, pend, res);
	res->pass = res->unplaced <= allowed;
	place_message(res, t, allowed);
out:
	if (ret == -ENOMEM)
		snprintf(res->msg, sizeof(res->msg), "out of memory placing %zu units", nr);
	free(t);
	free(s);
	free(pend);
	return ret;
}
