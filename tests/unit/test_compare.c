// SPDX-License-Identifier: GPL-2.0
/*
 * The comparison of a claim against the truth (oracles/compare.c):
 * tolerances as scenarios write them, verdicts exactly at their bounds,
 * the wording of the difference (ratio or percent, grouped digits), and
 * the histogram neighbour rule, checked against an exhaustive search.
 */
#include <errno.h>
#include "tc_unit.h"
#include "../../oracles/compare.h"

static struct tc_tol tol(const char *text)
{
	struct tc_tol t;
	char err[256] = "";

	CHECK_ERR(tc_tol_parse(text, &t, err, sizeof(err)), 0, err);
	return t;
}

/* ---- tolerances ---- */

struct tol_case {
	const char *text;
	enum tc_tol_kind kind;
	__u64 num;
	unsigned int scale;
	const char *canonical;
};

static const struct tol_case tol_cases[] = {
	{ "exact", TC_TOL_EXACT, 0, 0, "exact" },
	{ "  EXACT ", TC_TOL_EXACT, 0, 0, "exact" },
	{ "±5%", TC_TOL_PCT, 5, 0, "±5%" },
	{ "+-5%", TC_TOL_PCT, 5, 0, "±5%" },
	{ "5%", TC_TOL_PCT, 5, 0, "±5%" },
	{ "± 0.5 %", TC_TOL_PCT, 5, 1, "±0.5%" },
	{ "+-0.125%", TC_TOL_PCT, 125, 3, "±0.125%" },
	{ "±4096", TC_TOL_ABS, 4096, 0, "±4,096" },
	{ "+-4096", TC_TOL_ABS, 4096, 0, "±4,096" },
	{ "abs 4096", TC_TOL_ABS, 4096, 0, "±4,096" },
	{ "ABS  1.5", TC_TOL_ABS, 15, 1, "±1.5" },
	{ ">= 100", TC_TOL_GE, 100, 0, ">= 100" },
	{ ">=1000000", TC_TOL_GE, 1000000, 0, ">= 1,000,000" },
	{ "<= 0.25", TC_TOL_LE, 25, 2, "<= 0.25" },
	{ "±0%", TC_TOL_PCT, 0, 0, "±0%" },
	{ "+2%", TC_TOL_PCT, 2, 0, "+2%" },
	{ "-0.5%", TC_TOL_PCT, 5, 1, "-0.5%" },
	{ "+4096", TC_TOL_ABS, 4096, 0, "+4,096" },
};

TC_TEST(tol_parse_every_form)
{
	for (size_t i = 0; i < ARRAY_SIZE(tol_cases); i++) {
		const struct tol_case *c = &tol_cases[i];
		struct tc_tol t = tol(c->text);
		char buf[64];

		CHECK_INT(t.kind, c->kind, c->text);
		CHECK_U64(t.num, c->num, c->text, "");
		CHECK_U64(t.scale, c->scale, c->text, "decimals");
		CHECK_STR(tc_tol_str(&t, buf, sizeof(buf)), c->canonical, c->text);
	}
}

static const struct {
	const char *text, *err;
} bad_tols[] = {
	{ "5", "'5': a bare number: write ±N for units or ±N% for a percentage" },
	{ "abs 5%", "'abs 5%': abs takes a number of units, not a percentage" },
	{ "±5%x", "'±5%x': text after the number" },
	{ "±5 apples", "'±5 apples': text after the number" },
	{ "±", "'±': expected exact, ±N%, ±N, +N%, -N%, abs N, >= N or <= N" },
	{ "", "'': expected exact, ±N%, ±N, +N%, -N%, abs N, >= N or <= N" },
	{ "roughly", "'roughly': expected exact, ±N%, ±N, +N%, -N%, abs N, >= N or <= N" },
	{ "±-5%", "'±-5%': expected exact, ±N%, ±N, +N%, -N%, abs N, >= N or <= N" },
	{ "±5.%", "'±5.%': expected exact, ±N%, ±N, +N%, -N%, abs N, >= N or <= N" },
	{ "±.5%", "'±.5%': expected exact, ±N%, ±N, +N%, -N%, abs N, >= N or <= N" },
	{ "±1e3", "'±1e3': text after the number" },
	{ "±0.0000000001%", "'±0.0000000001%': expected exact, ±N%, ±N, +N%, -N%, abs N, >= N or <= N" },
	{ "±10000000000000000000", "'±10000000000000000000': expected exact, ±N%, ±N, +N%, -N%, "
				   "abs N, >= N or <= N" },
	{ "+-+5%", "'+-+5%': expected exact, ±N%, ±N, +N%, -N%, abs N, >= N or <= N" },
	{ ">=", "'>=': expected >= and a number" },
	{ "<= 5%", "'<= 5%': expected <= and a number" },
	{ "exactly", "'exactly': expected exact, ±N%, ±N, +N%, -N%, abs N, >= N or <= N" },
	{ "abs4096", "'abs4096': expected exact, ±N%, ±N, +N%, -N%, abs N, >= N or <= N" },
};

TC_TEST(tol_parse_rejects)
{
	for (size_t i = 0; i < ARRAY_SIZE(bad_tols); i++) {
		struct tc_tol t;
		char err[256] = "";

		CHECK_ERR(tc_tol_parse(bad_tols[i].text, &t, err, sizeof(err)), -EINVAL,
			  bad_tols[i].text);
		CHECK_STR(err, bad_tols[i].err, bad_tols[i].text);
	}
}

/* ---- verdicts and messages ---- */

static void check_cmp(double a, double e, const char *t, bool pass, const char *msg)
{
	struct tc_tol tl = tol(t);
	char got[256] = "";
	bool ok = tc_compare(a, e, &tl, got, sizeof(got));

	CHECK_TRUE(ok == pass, "compare:FAIL:%s with %s unexpected %s != expected %s", msg, t,
		   ok ? "pass" : "fail", pass ? "pass" : "fail");
	CHECK_STR(got, msg, t);
}

TC_TEST(compare_exact_messages)
{
	check_cmp(67108864, 67108864, "exact", true, "67,108,864 vs 67,108,864");
	check_cmp(268435456, 4096, "exact", false, "268,435,456 vs 4,096 (65,536x)");
	check_cmp(4096, 2097152, "exact", false, "4,096 vs 2,097,152 (1/512x)");
	check_cmp(1001, 1000, "exact", false, "1,001 vs 1,000 (+0.10%)");
	check_cmp(999, 1000, "exact", false, "999 vs 1,000 (-0.10%)");
	check_cmp(0, 4096, "exact", false, "0 vs 4,096 (-4,096)");
	check_cmp(4096, 0, "exact", false, "4,096 vs 0 (+4,096)");
	check_cmp(0, 0, "exact", true, "0 vs 0");
	check_cmp(100000001, 100000000, "exact", false, "100,000,001 vs 100,000,000 (+<0.01%)");
	check_cmp(69562.351807, 69562.351807, "exact", true, "69,562.352 vs 69,562.352");
	check_cmp(-5, 5, "exact", false, "-5 vs 5 (-10)");
}

/* A ratio from twice (or half) on, a percentage below. */
TC_TEST(compare_ratio_or_percent)
{
	check_cmp(2000, 1000, "exact", false, "2,000 vs 1,000 (2x)");
	check_cmp(1999, 1000, "exact", false, "1,999 vs 1,000 (+99.90%)");
	check_cmp(500, 1000, "exact", false, "500 vs 1,000 (1/2x)");
	check_cmp(501, 1000, "exact", false, "501 vs 1,000 (-49.90%)");
	check_cmp(2500, 1000, "exact", false, "2,500 vs 1,000 (2.5x)");
	check_cmp(26000, 10, "exact", false, "26,000 vs 10 (2,600x)");
	check_cmp(99960, 1000, "exact", false, "99,960 vs 1,000 (100x)");
}

/* One-sided: metadata only adds bytes, so +2% allows 2% more and nothing less. */
TC_TEST(compare_one_sided)
{
	check_cmp(1020, 1000, "+2%", true, "1,020 vs 1,000 (+2.00%, within +2%)");
	check_cmp(1021, 1000, "+2%", false, "1,021 vs 1,000 (+2.10%, outside +2%)");
	check_cmp(999, 1000, "+2%", false, "999 vs 1,000 (-0.10%, outside +2%)");
	check_cmp(1000, 1000, "+2%", true, "1,000 vs 1,000");
	check_cmp(980, 1000, "-2%", true, "980 vs 1,000 (-2.00%, within -2%)");
	check_cmp(1001, 1000, "-2%", false, "1,001 vs 1,000 (+0.10%, outside -2%)");
	check_cmp(5096, 1000, "+4096", true, "5,096 vs 1,000 (5.1x, within +4,096)");
	check_cmp(999, 1000, "+4096", false, "999 vs 1,000 (-0.10%, outside +4,096)");
}

/* Bounds are inclusive, and exact even for 0.1% (not a binary fraction). */
TC_TEST(compare_percent_at_the_boundary)
{
	check_cmp(1050, 1000, "±5%", true, "1,050 vs 1,000 (+5.00%, within ±5%)");
	check_cmp(1051, 1000, "±5%", false, "1,051 vs 1,000 (+5.10%, outside ±5%)");
	check_cmp(950, 1000, "5%", true, "950 vs 1,000 (-5.00%, within ±5%)");
	check_cmp(949, 1000, "+-5%", false, "949 vs 1,000 (-5.10%, outside ±5%)");
	check_cmp(1001, 1000, "±0.1%", true, "1,001 vs 1,000 (+0.10%, within ±0.1%)");
	check_cmp(1002, 1000, "±0.1%", false, "1,002 vs 1,000 (+0.20%, outside ±0.1%)");
	check_cmp(10000003, 10000000, "±0.00003%", true,
		  "10,000,003 vs 10,000,000 (+<0.01%, within ±0.00003%)");
	check_cmp(10000004, 10000000, "±0.00003%", false,
		  "10,000,004 vs 10,000,000 (+<0.01%, outside ±0.00003%)");
	check_cmp(0, 0, "±5%", true, "0 vs 0");
	check_cmp(1, 0, "±5%", false, "1 vs 0 (+1, outside ±5%)");
	/* Exact far past 2^53: 10^18 and the doubles nearest 5% above it. */
	check_cmp(1050000000000000000.0, 1e18, "±5%", true,
		  "1,050,000,000,000,000,000 vs 1,000,000,000,000,000,000 (+5.00%, within ±5%)");
	check_cmp(1050000000000000128.0, 1e18, "±5%", false,
		  "1,050,000,000,000,000,128 vs 1,000,000,000,000,000,000 (+5.00%, outside ±5%)");
	check_cmp(268435456, 4096, "±5%", false, "268,435,456 vs 4,096 (65,536x, outside ±5%)");
}

TC_TEST(compare_absolute_at_the_boundary)
{
	check_cmp(104096, 100000, "±4096", true, "104,096 vs 100,000 (+4.10%, within ±4,096)");
	check_cmp(104097, 100000, "±4096", false, "104,097 vs 100,000 (+4.10%, outside ±4,096)");
	check_cmp(95904, 100000, "abs 4096", true, "95,904 vs 100,000 (-4.10%, within ±4,096)");
	check_cmp(95903, 100000, "abs 4096", false, "95,903 vs 100,000 (-4.10%, outside ±4,096)");
	check_cmp(1.5, 0, "±1.5", true, "1.500 vs 0 (+1.500, within ±1.5)");
	check_cmp(1.5001, 0, "±1.5", false, "1.500 vs 0 (+1.500, outside ±1.5)");
}

TC_TEST(compare_bounds)
{
	check_cmp(100, 7, ">= 100", true, "100 >= 100");
	check_cmp(99, 7, ">= 100", false, "99, not >= 100");
	check_cmp(0.25, 7, "<= 0.25", true, "0.250 <= 0.25");
	check_cmp(0.26, 7, "<= 0.25", false, "0.260, not <= 0.25");
	check_cmp(0, 7, "<= 0", true, "0 <= 0");
}

/* ---- histograms ---- */

#define MAXB 8

/* Buckets [0,1], [2,3], [4,7], [8,15], ...: log2-like, ascending. */
static void mk(struct tc_hbucket *b, const __u64 *counts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		b[i].lo = i ? 1ULL << i : 0;
		b[i].hi = (2ULL << i) - 1;
		b[i].count = counts[i];
	}
}

static struct tc_hist_cmp hcmp(const __u64 *a, const __u64 *e, size_t n, __u64 slack)
{
	struct tc_hbucket ba[MAXB], be[MAXB];
	struct tc_hist_cmp res;

	mk(ba, a, n);
	mk(be, e, n);
	CHECK_ERR(tc_hist_compare(ba, n, be, n, slack, &res), 0, res.msg);
	return res;
}

static void check_hist(const __u64 *a, const __u64 *e, size_t n, __u64 slack, bool pass,
		       const char *msg)
{
	struct tc_hist_cmp res = hcmp(a, e, n, slack);

	CHECK_TRUE(res.pass == pass, "hist:FAIL:%s unexpected %s != expected %s", msg,
		   res.pass ? "pass" : "fail", pass ? "pass" : "fail");
	CHECK_STR(res.msg, msg, "message");
}

TC_TEST(hist_identical)
{
	const __u64 a[] = { 1, 2, 3, 4 };

	check_hist(a, a, 4, 0, true, "total 10 vs 10; every unit within one bucket (0 moved)");
	CHECK_U64(tc_hbuckets_total((struct tc_hbucket[]){ { 0, 1, 5 }, { 2, 3, 7 } }, 2), 12,
		  "total", "units");
}

/* These differ bucket by bucket, and pass only thanks to the neighbour rule. */
TC_TEST(hist_neighbour_rule_passes)
{
	const __u64 spread_e[] = { 0, 10, 0 }, spread_a[] = { 3, 4, 3 };
	const __u64 shift_e[] = { 5, 5, 5, 0 }, shift_a[] = { 0, 5, 5, 5 };
	const __u64 left_e[] = { 0, 5 }, left_a[] = { 5, 0 };
	const __u64 mix_e[] = { 2, 1, 0 }, mix_a[] = { 1, 1, 1 };
	const __u64 cross_e[] = { 1, 0, 1 }, cross_a[] = { 0, 2, 0 };
	const __u64 chain_e[] = { 3, 3, 3, 3, 3 }, chain_a[] = { 2, 3, 3, 3, 4 };
	struct tc_hist_cmp res;

	check_hist(spread_a, spread_e, 3, 0, true,
		   "total 10 vs 10; every unit within one bucket (6 moved)");
	check_hist(shift_a, shift_e, 4, 0, true,
		   "total 15 vs 15; every unit within one bucket (15 moved)");
	check_hist(left_a, left_e, 2, 0, true,
		   "total 5 vs 5; every unit within one bucket (5 moved)");
	check_hist(mix_a, mix_e, 3, 0, true,
		   "total 3 vs 3; every unit within one bucket (2 moved)");
	check_hist(cross_a, cross_e, 3, 0, true,
		   "total 2 vs 2; every unit within one bucket (2 moved)");
	/* Not one unit from bucket 0 to 4: four units each one bucket right. */
	check_hist(chain_a, chain_e, 5, 0, true,
		   "total 15 vs 15; every unit within one bucket (4 moved)");
	res = hcmp(spread_a, spread_e, 3, 0);
	CHECK_INT(res.bucket, -1, "failing bucket");
	CHECK_U64(res.unplaced, 0, "unplaced", "units");
}

/* A unit two buckets away is missing from one and extra in the other. */
TC_TEST(hist_two_buckets_away_fails)
{
	const __u64 far_e[] = { 10, 0, 0 }, far_a[] = { 0, 0, 10 };
	const __u64 part_e[] = { 0, 4, 0, 0 }, part_a[] = { 0, 1, 0, 3 };
	const __u64 one_e[] = { 3, 0, 3 }, one_a[] = { 2, 0, 4 };
	struct tc_hist_cmp res;

	check_hist(far_a, far_e, 3, 0, false,
		   "bucket 0 [0 .. 1]: 10 expected units with no actual within one bucket (and 10 "
		   "more elsewhere); total 10 vs 10; 20 unplaced, over 0 allowed");
	res = hcmp(far_a, far_e, 3, 0);
	CHECK_INT(res.bucket, 0, "failing bucket");
	CHECK_INT(res.excess, -10, "excess there");
	check_hist(part_a, part_e, 4, 0, false,
		   "bucket 1 [2 .. 3]: 3 expected units with no actual within one bucket (and 3 "
		   "more elsewhere); total 4 vs 4; 6 unplaced, over 0 allowed");
	/* One unit of bucket 0 found in bucket 2, over an empty bucket 1. */
	check_hist(one_a, one_e, 3, 0, false,
		   "bucket 0 [0 .. 1]: 1 expected unit with no actual within one bucket (and 1 "
		   "more elsewhere); total 6 vs 6; 2 unplaced, over 0 allowed");
	res = hcmp(one_a, one_e, 3, 1);
	CHECK_TRUE(!res.pass, "hist:FAIL:a two-bucket move passes with slack 1");
	res = hcmp(one_a, one_e, 3, 2);
	CHECK_TRUE(res.pass, "hist:FAIL:a two-bucket move fails with slack 2: %s", res.msg);
}

/* Totals that differ: a lost or extra unit counts once against the slack. */
TC_TEST(hist_total_mismatch)
{
	const __u64 e[] = { 5, 5 }, extra[] = { 5, 6 }, lost[] = { 2, 5 };

	check_hist(extra, e, 2, 0, false,
		   "bucket 1 [2 .. 3]: 1 actual unit more than expected within one bucket; total "
		   "11 vs 10 (+10.00%); 1 unplaced, over 0 allowed");
	check_hist(extra, e, 2, 1, true,
		   "bucket 1 [2 .. 3]: 1 actual unit more than expected within one bucket; total "
		   "11 vs 10 (+10.00%); 1 unplaced, within 1 allowed");
	check_hist(lost, e, 2, 2, false,
		   "bucket 1 [2 .. 3]: 3 expected units with no actual within one bucket; total 7 "
		   "vs 10 (-30.00%); 3 unplaced, over 2 allowed");
	check_hist(lost, e, 2, 3, true,
		   "bucket 1 [2 .. 3]: 3 expected units with no actual within one bucket; total 7 "
		   "vs 10 (-30.00%); 3 unplaced, within 3 allowed");
}

TC_TEST(hist_rejects_other_buckets)
{
	struct tc_hbucket a[3], e[3];
	const __u64 c[] = { 1, 1, 1 };
	struct tc_hist_cmp res;

	mk(a, c, 3);
	mk(e, c, 3);
	e[1].hi = 4;
	CHECK_ERR(tc_hist_compare(a, 3, e, 3, 0, &res), -EINVAL, "different bounds");
	CHECK_STR(res.msg, "bucket 1: [2 .. 3] vs [2 .. 4]: not the same buckets (rebucket first)",
		  "message");
	CHECK_ERR(tc_hist_compare(a, 3, e, 2, 0, &res), -EINVAL, "different lengths");
	CHECK_STR(res.msg, "3 buckets vs 2: not the same buckets", "message");
	CHECK_ERR(tc_hist_compare(a, 0, e, 0, 0, &res), -EINVAL, "no buckets");
	mk(e, c, 3);
	a[2] = a[0];
	e[2] = e[0];
	CHECK_ERR(tc_hist_compare(a, 3, e, 3, 0, &res), -EINVAL, "not ascending");
	CHECK_STR(res.msg, "bucket 2: [0 .. 1] is not above the one before it", "message");
}

TC_TEST(hist_open_top_bucket)
{
	struct tc_hbucket a[2] = { { 0, 1023, 0 }, { 1024, TC_HBUCKET_INF, 3 } };
	struct tc_hbucket e[2] = { { 0, 1023, 0 }, { 1024, TC_HBUCKET_INF, 1 } };
	struct tc_hist_cmp res;

	CHECK_ERR(tc_hist_compare(a, 2, e, 2, 0, &res), 0, res.msg);
	CHECK_STR(res.msg,
		  "bucket 1 [1,024 .. +Inf): 2 actual units more than expected within one bucket; "
		  "total 3 vs 1 (3x); 2 unplaced, over 0 allowed",
		  "message");
}

/*
 * The greedy against the truth: the most units that can be matched within
 * one bucket, by augmenting paths over every pair of histograms of 4
 * buckets with counts 0 to 2 (6,561 pairs).
 */
static bool augment(int i, const __u64 *e, __u64 flow[][MAXB], const __u64 *a, int n, bool *seen);

static __u64 used(__u64 flow[][MAXB], int j, int n)
{
	__u64 s = 0;

	for (int i = 0; i < n; i++)
		s += flow[i][j];
	return s;
}

/* Find a place for one more unit of expected bucket i, moving others if need be. */
static bool augment(int i, const __u64 *e, __u64 flow[][MAXB], const __u64 *a, int n, bool *seen)
{
	for (int j = i - 1; j <= i + 1; j++) {
		if (j < 0 || j >= n || seen[j])
			continue;
		seen[j] = true;
		if (used(flow, j, n) < a[j]) {
			flow[i][j]++;
			return true;
		}
		for (int k = j - 1; k <= j + 1; k++) {
			if (k < 0 || k >= n || !flow[k][j] || k == i)
				continue;
			flow[k][j]--;
			if (augment(k, e, flow, a, n, seen)) {
				flow[i][j]++;
				return true;
			}
			flow[k][j]++;
		}
	}
	return false;
}

static __u64 max_matched(const __u64 *a, const __u64 *e, int n)
{
	__u64 flow[MAXB][MAXB] = {}, matched = 0;

	for (int i = 0; i < n; i++) {
		for (__u64 u = 0; u < e[i]; u++) {
			bool seen[MAXB] = {};

			matched += augment(i, e, flow, a, n, seen);
		}
	}
	return matched;
}

TC_TEST(hist_greedy_is_exact)
{
	const int n = 4;
	int checked = 0;

	for (int code = 0; code < 6561; code++) {
		__u64 a[4], e[4];
		int c = code;

		for (int i = 0; i < n; i++, c /= 3)
			a[i] = c % 3;
		for (int i = 0; i < n; i++, c /= 3)
			e[i] = c % 3;
		struct tc_hist_cmp res = hcmp(a, e, n, 0);
		__u64 m = max_matched(a, e, n);
		__u64 want = res.total_actual + res.total_expected - 2 * m;

		if (res.unplaced != want)
			fail_msg("hist:FAIL:a %llu %llu %llu %llu e %llu %llu %llu %llu: unplaced "
				 "unexpected %llu != expected %llu",
				 (unsigned long long)a[0], (unsigned long long)a[1],
				 (unsigned long long)a[2], (unsigned long long)a[3],
				 (unsigned long long)e[0], (unsigned long long)e[1],
				 (unsigned long long)e[2], (unsigned long long)e[3],
				 (unsigned long long)res.unplaced, (unsigned long long)want);
		checked++;
	}
	CHECK_INT(checked, 6561, "pairs checked");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tol_parse_every_form),
		cmocka_unit_test(tol_parse_rejects),
		cmocka_unit_test(compare_one_sided),
		cmocka_unit_test(compare_exact_messages),
		cmocka_unit_test(compare_ratio_or_percent),
		cmocka_unit_test(compare_percent_at_the_boundary),
		cmocka_unit_test(compare_absolute_at_the_boundary),
		cmocka_unit_test(compare_bounds),
		cmocka_unit_test(hist_identical),
		cmocka_unit_test(hist_neighbour_rule_passes),
		cmocka_unit_test(hist_two_buckets_away_fails),
		cmocka_unit_test(hist_total_mismatch),
		cmocka_unit_test(hist_rejects_other_buckets),
		cmocka_unit_test(hist_open_top_bucket),
		cmocka_unit_test(hist_greedy_is_exact),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_compare", tests, ARRAY_SIZE(tests), NULL, 0);
}
