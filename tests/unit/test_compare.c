// SPDX-License-Identifier: GPL-2.0
/*
 * The comparison of a claim against the truth (oracles/compare.c):
 * tolerances as scenarios write them, verdicts exactly at their bounds,
 * and the wording of the difference (ratio or percent, grouped digits).
 * Histograms are judged in test_hist_place.
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
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_compare", tests, ARRAY_SIZE(tests), NULL, 0);
}
