// SPDX-License-Identifier: GPL-2.0
/*
 * Histograms judged against the workload's own latencies: the placement
 * of measured units on a tool's buckets (oracles/hist_place.c), a unit
 * going down a bucket only within its slack, never up, gaps in the tool's
 * report as buckets of count 0, the greedy checked against an exhaustive
 * search; and EXPECT_HIST as the judge runs it (harness/judge_hist.c) on a
 * manifest made by the latency workload's own code: an honest histogram
 * passes, a doubled one or one in the wrong unit fails with that
 * diagnosis, an older manifest without samples is compared exactly; and
 * the manifest's buckets, made by the workload's code and not the
 * tracer's, catch a bucketing bug planted in the tracer (tc_hist_bucket
 * wrapped, see test_hist_place.wrap).
 */
#include <errno.h>
#include "tc_unit.h"
#include "../../harness/judge_hist.h"
#include "../../oracles/hist_place.h"
#include "../../oracles/jsonpath.h"
#include "../../tracer/hist.h"
#include "../../workloads/workload.h"

#define INF TC_HBUCKET_INF

/*
 * The planted bug: the tracer's tc_hist_bucket names each log2 slot s >= 1
 * by the next one's bounds, [2^s, 2^(s+1) - 1], an off-by-one of the kind
 * a rewrite of the bucketing could make. Off unless a test sets it.
 */
static bool planted;
int __real_tc_hist_bucket(const struct tc_hist_cfg *cfg, __u32 slot, __u64 *lo, __u64 *hi);
int __wrap_tc_hist_bucket(const struct tc_hist_cfg *cfg, __u32 slot, __u64 *lo, __u64 *hi)
{
	if (planted && cfg->kind == TC_HIST_LOG2 && slot)
		return __real_tc_hist_bucket(cfg, slot + 1, lo, hi);
	return __real_tc_hist_bucket(cfg, slot, lo, hi);
}

static struct tc_hist_place place(const struct tc_hbucket *a, size_t na,
				  const struct tc_hrange *r, size_t nr, __u64 allowed)
{
	struct tc_hist_place res;

	CHECK_ERR(tc_hist_place(a, na, r, nr, allowed, &res), 0, res.msg);
	return res;
}

static void check_place(const struct tc_hbucket *a, size_t na, const struct tc_hrange *r,
			size_t nr, __u64 allowed, bool pass, const char *msg)
{
	struct tc_hist_place res = place(a, na, r, nr, allowed);

	CHECK_TRUE(res.pass == pass, "place:FAIL:%s unexpected %s != expected %s", res.msg,
		   res.pass ? "pass" : "fail", pass ? "pass" : "fail");
	CHECK_STR(res.msg, msg, "message");
}

/* ---- the placement ---- */

TC_TEST(place_own_bucket)
{
	const struct tc_hbucket a[] = { { 0, 1023, 0 }, { 1024, 2047, 3 }, { 2048, INF, 0 } };
	const struct tc_hrange r[] = { { 1090, 1100 }, { 1490, 1500 }, { 1990, 2000 } };

	check_place(a, 3, r, 3, 0, true, "total 3 vs 3; every unit in its own bucket");
	CHECK_U64(tc_hbuckets_total(a, 3), 3, "total", "units");
}

/* 1,030 measured with a slack of 10: the tool may have seen 1,020, one bucket down. */
TC_TEST(place_down_within_slack)
{
	const struct tc_hbucket a[] = { { 0, 1023, 1 }, { 1024, 2047, 0 } };
	const struct tc_hrange near[] = { { 1020, 1030 } };
	const struct tc_hrange far[] = { { 1025, 1030 } };

	check_place(a, 2, near, 1, 0, true,
		    "total 1 vs 1; every unit placed (1 below their own bucket, within their slack)");
	check_place(a, 2, far, 1, 0, false,
		    "bucket 0 [0 .. 1,023]: 1 actual unit more than expected (and 1 more "
		    "elsewhere); total 1 vs 1; 2 unplaced, over 0 allowed");
}

/* A tool's value is never above the workload's: however wide the slack, no unit goes up. */
TC_TEST(place_never_up)
{
	const struct tc_hbucket a[] = { { 1024, 2047, 1 } };
	const struct tc_hrange r[] = { { 920, 1020 } };

	check_place(a, 1, r, 1, 0, false,
		    "bucket 0 [0 .. 1,023] (none in the tool's report): 1 expected unit with no "
		    "actual in their range (and 1 more elsewhere); total 1 vs 1; 2 unplaced, over "
		    "0 allowed");
}

/*
 * The tool printed [1,024 .. 2,047] and [4,096 .. 8,191]: a unit measured
 * at 3,000 is in the gap between, a bucket of count 0. One at 2,050 within
 * 10 of the edge may go down; one at 4,100 stays in its own.
 */
TC_TEST(place_gap_is_a_bucket_of_0)
{
	const struct tc_hbucket a[] = { { 1024, 2047, 1 }, { 4096, 8191, 1 } };
	const struct tc_hrange in_gap[] = { { 2990, 3000 }, { 4090, 4100 } };
	const struct tc_hrange near[] = { { 2040, 2050 }, { 4090, 4100 } };

	check_place(a, 2, in_gap, 2, 0, false,
		    "bucket 1 [1,024 .. 2,047]: 1 actual unit more than expected (and 1 more "
		    "elsewhere); total 2 vs 2; 2 unplaced, over 0 allowed");
	check_place(a, 2, near, 2, 0, true,
		    "total 2 vs 2; every unit placed (1 below their own bucket, within their slack)");
}

TC_TEST(place_tolerance_counts_unplaced)
{
	const struct tc_hbucket a[] = { { 0, 1023, 2 } };
	const struct tc_hrange r[] = { { 10, 10 }, { 20, 20 }, { 30, 30 } };

	check_place(a, 1, r, 3, 1, true,
		    "bucket 0 [0 .. 1,023]: 1 expected unit with no actual in their range; total "
		    "2 vs 3 (-33.33%); 1 unplaced, within 1 allowed");
	check_place(a, 1, r, 3, 0, false,
		    "bucket 0 [0 .. 1,023]: 1 expected unit with no actual in their range; total "
		    "2 vs 3 (-33.33%); 1 unplaced, over 0 allowed");
}

TC_TEST(place_rejects_bad_input)
{
	const struct tc_hbucket overlap[] = { { 0, 1023, 1 }, { 1000, 3000, 1 } };
	const struct tc_hbucket after_top[] = { { 0, INF, 1 }, { 5, 9, 1 } };
	const struct tc_hbucket ok[] = { { 0, 1023, 1 } };
	const struct tc_hrange empty[] = { { 9, 8 } };
	struct tc_hist_place res;

	CHECK_ERR(tc_hist_place(overlap, 2, empty, 0, 0, &res), -EINVAL, "overlapping buckets");
	CHECK_STR(res.msg, "bucket 1: [1,000 .. 3,000] is not above the one before it", "message");
	CHECK_ERR(tc_hist_place(after_top, 2, empty, 0, 0, &res), -EINVAL, "a bucket above +Inf");
	CHECK_ERR(tc_hist_place(ok, 1, empty, 1, 0, &res), -EINVAL, "an empty range");
	CHECK_STR(res.msg, "unit 0: range 9 .. 8 is empty", "message");
}

/*
 * The greedy against the truth: the most units matched, by trying every
 * assignment, over every tool histogram of 3 buckets with counts 0 to 2 and
 * every 4 units whose ranges span any run of those buckets (34,992 cases).
 */
#define NB 3
#define NU 4

static const struct tc_hbucket grid[NB] = { { 0, 9, 0 }, { 10, 19, 0 }, { 20, 29, 0 } };

/* The most units of r[i..] placeable on the counts left in cap, by trying each choice. */
static int most(const struct tc_hrange *r, int i, int *cap)
{
	int best;

	if (i == NU)
		return 0;
	best = most(r, i + 1, cap); /* unit i left out */
	for (int b = 0; b < NB; b++) {
		if (!cap[b] || grid[b].hi < r[i].lo || grid[b].lo > r[i].hi)
			continue;
		int with;

		cap[b]--;
		with = 1 + most(r, i + 1, cap);
		cap[b]++;
		best = with > best ? with : best;
	}
	return best;
}

TC_TEST(place_greedy_is_exact)
{
	static const struct tc_hrange spans[] = { { 5, 5 },   { 15, 15 }, { 25, 25 },
						  { 5, 15 },  { 15, 25 }, { 5, 25 } };
	int checked = 0;

	for (int counts = 0; counts < 27; counts++) {
		struct tc_hbucket a[NB];
		int cap[NB], total = 0;

		for (int b = 0, c = counts; b < NB; b++, c /= 3) {
			a[b] = grid[b];
			a[b].count = cap[b] = c % 3;
			total += cap[b];
		}
		for (int code = 0; code < 6 * 6 * 6 * 6; code++) {
			struct tc_hrange r[NU];
			struct tc_hist_place res;
			__u64 want;

			for (int i = 0, c = code; i < NU; i++, c /= 6)
				r[i] = spans[c % 6];
			res = place(a, NB, r, NU, 0);
			want = total + NU - 2 * most(r, 0, cap);
			if (res.unplaced != want)
				fail_msg("place:FAIL:counts %d %d %d, units code %d: unplaced "
					 "unexpected %llu != expected %llu", cap[0], cap[1], cap[2],
					 code, (unsigned long long)res.unplaced,
					 (unsigned long long)want);
			checked++;
		}
	}
	CHECK_INT(checked, 27 * 1296, "cases checked");
}

/* ---- EXPECT_HIST as the judge runs it ---- */

#define NOPS 200

/* 200 pipe reads of about 1.55 ms, as pipe-latency makes them, each with a slack of 10 us. */
static void pipe_ops(__u64 *sample, __u64 *slack)
{
	for (int i = 0; i < NOPS; i++) {
		sample[i] = 1500000 + 1000 * (i % 100);
		slack[i] = 10000;
	}
}

/* The ops, and each as a tool sees it from inside: a little shorter. */
static void pipe_seen(__u64 *sample, __u64 *slack, __u64 *seen)
{
	pipe_ops(sample, slack);
	for (int i = 0; i < NOPS; i++)
		seen[i] = sample[i] - 3000;
}

/* The manifest the latency workload writes for these ops (its own code). */
static json_object *manifest_of(const __u64 *sample, const __u64 *slack, size_t n)
{
	__u64 target[NOPS];
	const struct tc_wl_latency lat = {
		.op = "pipe", .n = n, .target = target, .achieved = sample, .sample = sample,
		.slack = slack, .fixed_slack_ns = 2000, .calibration_calls = 32,
	};
	json_object *m = json_object_new_object();

	for (size_t i = 0; i < n; i++)
		target[i] = 1500000;
	json_object_object_add(m, "latency", tc_wl_latency_json(&lat));
	return m;
}

/* A tool's log2 histogram of values in ns, as Prometheus buckets from 0 to +Inf. */
static void tool_of(const __u64 *v, size_t n, struct tc_samples *s)
{
	const struct tc_hist_cfg cfg = { .kind = TC_HIST_LOG2, .unit_ns = 1 };
	struct tc_hist h = {};

	for (size_t i = 0; i < n; i++)
		tc_hist_add(&h, &cfg, v[i]);
	for (__u32 slot = 0; slot < TC_HIST_SLOTS; slot++) {
		struct tc_label l[] = {
			{ "fs", "pipefs" }, { "op", "read" }, { "lo", "" }, { "hi", "" },
		};
		__u64 lo, hi;

		if (tc_hist_bucket(&cfg, slot, &lo, &hi))
			continue;
		snprintf(l[2].value, sizeof(l[2].value), "%llu", (unsigned long long)lo);
		if (hi == TC_HIST_INF)
			snprintf(l[3].value, sizeof(l[3].value), "+Inf");
		else
			snprintf(l[3].value, sizeof(l[3].value), "%llu", (unsigned long long)hi);
		CHECK_ERR(tc_samples__add(s, "vfs_latency_ns_bucket", l, 4, h.slots[slot]), 0, "add");
	}
}

static struct tc_check judge(const struct tc_samples *s, json_object *m, struct tc_expect *e)
{
	struct tc_check c = { .e = e, .applicable = true };
	struct tc_selector sel;
	char err[256] = "";

	*e = (struct tc_expect){ .kind = TC_EXPECT_HIST, .op = "~", .tolerance = "exact",
				 .oracle = { .kind = TC_ORACLE_MANIFEST, .path = "latency.hist" } };
	CHECK_ERR(tc_selector_parse("vfs_latency_ns{fs=\"pipefs\",op=\"read\"}", &sel, err,
				    sizeof(err)), 0, err);
	tc_judge_hist(&c, s, &sel, m);
	return c;
}

/* The tool saw each read a little shorter than the workload, as it does from inside. */
static struct tc_check judge_scaled(__u64 mul, __u64 div, __u64 *sample, __u64 *slack)
{
	struct tc_samples s = {};
	struct tc_expect e;
	struct tc_check c;
	__u64 seen[NOPS];
	json_object *m;

	pipe_ops(sample, slack);
	for (int i = 0; i < NOPS; i++)
		seen[i] = (sample[i] - 3000) * mul / div;
	tool_of(seen, NOPS, &s);
	m = manifest_of(sample, slack, NOPS);
	c = judge(&s, m, &e);
	json_object_put(m);
	tc_samples__free(&s);
	c.e = NULL;
	return c;
}

TC_TEST(judge_honest_passes)
{
	__u64 sample[NOPS], slack[NOPS];
	struct tc_check c = judge_scaled(1, 1, sample, slack);

	CHECK_STR(tc_verdict_name(c.verdict), "PASS", c.message);
	CHECK_STR(c.message, "tool total 200 vs 200; every unit in its own bucket", "message");
	CHECK_STR(c.diagnosis, "", "diagnosis");
}

/* Each factor fails, and is named: one log2 bucket off, or a unit 1,000 off. */
TC_TEST(judge_scaled_fails_with_the_factor)
{
	static const struct {
		__u64 mul, div;
		const char *diagnosis;
	} cases[] = {
		{ 2, 1, "latencies doubled: the histogram matches the workload's latencies times 2" },
		{ 1, 2, "latencies halved: the histogram matches the workload's latencies divided "
			"by 2" },
		{ 1000, 1, "nanoseconds counted as microseconds (or us as ms): 1,000 times too "
			   "large; the histogram matches the workload's latencies times 1,000" },
		{ 1, 1000, "microseconds counted as nanoseconds (or ms as us): 1,000 times too "
			   "small; the histogram matches the workload's latencies divided by 1,000" },
		{ 1000000, 1, "nanoseconds counted as milliseconds (or us as s): 1,000,000 times "
			      "too large; the histogram matches the workload's latencies times "
			      "1,000,000" },
		{ 1, 1000000, "milliseconds counted as nanoseconds (or s as us): 1,000,000 times "
			      "too small; the histogram matches the workload's latencies divided by "
			      "1,000,000" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		__u64 sample[NOPS], slack[NOPS];
		struct tc_check c = judge_scaled(cases[i].mul, cases[i].div, sample, slack);

		CHECK_STR(tc_verdict_name(c.verdict), "FAIL", c.message);
		CHECK_STR(c.diagnosis, cases[i].diagnosis, "diagnosis");
	}
	/* The message of the doubled one, in full. */
	{
		__u64 sample[NOPS], slack[NOPS];
		struct tc_check c = judge_scaled(2, 1, sample, slack);

		CHECK_STR(c.message,
			  "tool bucket 21 [1,048,576 .. 2,097,151]: 200 expected units with no "
			  "actual in their range (and 200 more elsewhere); total 200 vs 200; 400 "
			  "unplaced, over 0 allowed",
			  "message");
	}
}

/*
 * A read measured at 2,100,000 ns with 5,000 of slack: the tool, inside,
 * saw it below 2,097,152, one bucket down; with 1,000 of slack it could not
 * have.
 */
TC_TEST(judge_edge_sample_goes_down_within_its_slack)
{
	__u64 sample[NOPS], slack[NOPS], seen[NOPS];
	struct tc_samples s = {};
	struct tc_expect e;
	struct tc_check c;
	json_object *m;

	pipe_seen(sample, slack, seen);
	sample[7] = 2100000;
	slack[7] = 5000;
	seen[7] = 2096000;
	tool_of(seen, NOPS, &s);
	m = manifest_of(sample, slack, NOPS);
	c = judge(&s, m, &e);
	CHECK_STR(tc_verdict_name(c.verdict), "PASS", c.message);
	CHECK_STR(c.message,
		  "tool total 200 vs 200; every unit placed (1 below their own bucket, within "
		  "their slack)", "message");
	json_object_put(m);
	slack[7] = 1000;
	m = manifest_of(sample, slack, NOPS);
	c = judge(&s, m, &e);
	CHECK_STR(tc_verdict_name(c.verdict), "FAIL", c.message);
	CHECK_STR(c.message,
		  "tool bucket 21 [1,048,576 .. 2,097,151]: 1 actual unit more than expected (and "
		  "1 more elsewhere); total 200 vs 200; 2 unplaced, over 0 allowed", "message");
	json_object_put(m);
	tc_samples__free(&s);
}

/* The manifest as an older workload wrote it: the histogram without the samples beside it. */
static void drop_samples(json_object *m)
{
	json_object *l;

	json_object_object_get_ex(m, "latency", &l);
	json_object_object_del(l, "samples_ns");
	json_object_object_del(l, "slack_ns");
}

/* An older manifest has only the histogram: compared exactly, and the message says so. */
TC_TEST(judge_old_manifest_exactly)
{
	__u64 sample[NOPS], slack[NOPS], seen[NOPS];
	struct tc_samples s = {};
	struct tc_expect e;
	struct tc_check c;
	json_object *m;

	pipe_ops(sample, slack);
	m = manifest_of(sample, slack, NOPS);
	drop_samples(m);
	for (int i = 0; i < NOPS; i++)
		seen[i] = sample[i] - 3000;
	tool_of(seen, NOPS, &s);
	c = judge(&s, m, &e);
	CHECK_STR(tc_verdict_name(c.verdict), "PASS", c.message);
	CHECK_STR(c.message,
		  "tool total 200 vs 200; every unit in its own bucket; buckets compared exactly "
		  "(no neighbours): the manifest has no samples_ns", "message");
	tc_samples__free(&s);
	/* doubled: one bucket up, which the neighbour rule let pass */
	for (int i = 0; i < NOPS; i++)
		seen[i] *= 2;
	tool_of(seen, NOPS, &s);
	c = judge(&s, m, &e);
	CHECK_STR(tc_verdict_name(c.verdict), "FAIL", c.message);
	CHECK_STR(c.diagnosis,
		  "latencies doubled: the histogram matches the workload's latencies times 2",
		  "diagnosis");
	json_object_put(m);
	tc_samples__free(&s);
}

/* The only bucket of a manifest of one sample v: its bounds. */
static void manifest_bucket(__u64 v, __u64 *lo, __u64 *hi)
{
	__u64 zero = 0;
	json_object *m = manifest_of(&v, &zero, 1), *b;

	CHECK_ERR(tc_jsonpath_get(m, "latency.hist.buckets[0]", &b, NULL, 0), 0, "bucket");
	*lo = json_object_get_uint64(json_object_object_get(b, "lo"));
	*hi = json_object_get_uint64(json_object_object_get(b, "hi"));
	CHECK_U64(json_object_get_uint64(json_object_object_get(b, "count")), 1, "count", "");
	json_object_put(m);
}

/*
 * The manifest's own bucketing has the tracer's layout: on every power of two,
 * either side of it, and the ends, a sample lands in the bucket the tracer
 * (unplanted) puts it in, with the same bounds.
 */
TC_TEST(manifest_buckets_have_the_tracers_layout)
{
	const struct tc_hist_cfg cfg = { .kind = TC_HIST_LOG2, .unit_ns = 1 };
	__u64 vals[3 * 64 + 2] = { 0, UINT64_MAX };
	size_t n = 2;

	for (int k = 0; k < 64; k++) {
		vals[n++] = (1ULL << k) - 1;
		vals[n++] = 1ULL << k;
		vals[n++] = (1ULL << k) + 1;
	}
	for (size_t i = 0; i < n; i++) {
		__u64 lo, hi, tlo, thi;
		char what[64];

		manifest_bucket(vals[i], &lo, &hi);
		tc_hist_bucket(&cfg, tc_log2_slot(vals[i]), &tlo, &thi);
		snprintf(what, sizeof(what), "lo of %llu", (unsigned long long)vals[i]);
		CHECK_U64(lo, tlo, what, "");
		snprintf(what, sizeof(what), "hi of %llu", (unsigned long long)vals[i]);
		CHECK_U64(hi, thi, what, "");
	}
}

/*
 * The planted tracer bug is caught by the manifest's histogram alone (no
 * samples beside it): had the manifest been bucketed with tc_hist_bucket, as
 * it once was, it would carry the same bug and pass. With the samples too.
 */
TC_TEST(judge_catches_a_planted_tracer_bucketing_bug)
{
	__u64 sample[NOPS], slack[NOPS], seen[NOPS];
	struct tc_samples s = {};
	struct tc_expect e;
	struct tc_check c;
	json_object *m;

	pipe_seen(sample, slack, seen);
	for (int with_samples = 0; with_samples < 2; with_samples++) {
		planted = true;
		tool_of(seen, NOPS, &s);
		m = manifest_of(sample, slack, NOPS);
		planted = false;
		if (!with_samples)
			drop_samples(m);
		c = judge(&s, m, &e);
		CHECK_STR(tc_verdict_name(c.verdict), "FAIL", c.message);
		CHECK_STR(c.diagnosis,
			  "latencies doubled: the histogram matches the workload's latencies times 2",
			  "diagnosis");
		json_object_put(m);
		tc_samples__free(&s);
	}
}

TC_TEST(judge_never_fired)
{
	__u64 sample[NOPS], slack[NOPS];
	struct tc_samples s = {};
	struct tc_expect e;
	struct tc_check c;
	json_object *m;

	pipe_ops(sample, slack);
	m = manifest_of(sample, slack, NOPS);
	c = judge(&s, m, &e);
	CHECK_STR(tc_verdict_name(c.verdict), "FAIL", c.message);
	CHECK_STR(c.diagnosis, "probe attached but never fired: the tool reported no histogram",
		  "diagnosis");
	CHECK_U64(c.matched, 0, "buckets seen", "");
	json_object_put(m);
}

/* The manifest's samples and slacks must pair up. */
TC_TEST(judge_mismatched_slacks_are_an_error)
{
	__u64 sample[NOPS], slack[NOPS];
	struct tc_samples s = {};
	struct tc_expect e;
	struct tc_check c;
	json_object *m, *l, *sl;

	pipe_ops(sample, slack);
	m = manifest_of(sample, slack, NOPS);
	json_object_object_get_ex(m, "latency", &l);
	json_object_object_get_ex(l, "slack_ns", &sl);
	json_object_array_del_idx(sl, 0, 1);
	tool_of(sample, NOPS, &s);
	c = judge(&s, m, &e);
	CHECK_STR(tc_verdict_name(c.verdict), "ERROR", c.message);
	CHECK_STR(c.message,
		  "manifest: samples_ns and slack_ns beside latency.hist are not arrays of the "
		  "same length", "message");
	json_object_put(m);
	tc_samples__free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(place_own_bucket),
		cmocka_unit_test(place_down_within_slack),
		cmocka_unit_test(place_never_up),
		cmocka_unit_test(place_gap_is_a_bucket_of_0),
		cmocka_unit_test(place_tolerance_counts_unplaced),
		cmocka_unit_test(place_rejects_bad_input),
		cmocka_unit_test(place_greedy_is_exact),
		cmocka_unit_test(judge_honest_passes),
		cmocka_unit_test(judge_scaled_fails_with_the_factor),
		cmocka_unit_test(judge_edge_sample_goes_down_within_its_slack),
		cmocka_unit_test(judge_old_manifest_exactly),
		cmocka_unit_test(manifest_buckets_have_the_tracers_layout),
		cmocka_unit_test(judge_catches_a_planted_tracer_bucketing_bug),
		cmocka_unit_test(judge_never_fired),
		cmocka_unit_test(judge_mismatched_slacks_are_an_error),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_hist_place", tests, ARRAY_SIZE(tests), NULL, 0);
}
