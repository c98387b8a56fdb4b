/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The comparison of a claim against the truth: tolerances as scenarios
 * write them, a verdict on two numbers with a message that says how far
 * apart they are ("268,435,456 vs 4,096 (65,536x)"). Histograms are
 * judged in hist_place.h.
 */
#ifndef TC_COMPARE_H
#define TC_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>

/*
 * Tolerances, as text:
 *   exact                       actual == expected
 *   ±5%   +-5%   5%             |actual - expected| <= 5% of |expected|
 *   ±4096 +-4096 abs 4096       |actual - expected| <= 4096
 *   +2%   +4096                 one-sided: expected <= actual <= expected + 2%
 *   -2%   -4096                 one-sided: expected - 2% <= actual <= expected
 *   >= 100   <= 100             a bound on actual alone; expected is not used
 * Numbers are decimal, with an optional fraction ("0.5%"). Every bound is
 * inclusive: 105 vs 100 passes ±5%, and the arithmetic is exact for
 * whole numbers below 2^63. A one-sided tolerance is for a cause that goes
 * one way: file-system metadata only adds disk bytes to a file's own.
 */
enum tc_tol_kind { TC_TOL_EXACT, TC_TOL_PCT, TC_TOL_ABS, TC_TOL_GE, TC_TOL_LE };

struct tc_tol {
	enum tc_tol_kind kind;
	/* The number as an exact decimal: num / 10^scale (5% is 5, 0.5% is 5 / 10^1). */
	__u64 num;
	unsigned int scale;
	int dir; /* TC_TOL_PCT and TC_TOL_ABS: 0 either way, > 0 above only, < 0 below only */
};

/* Parse a tolerance; 0, or -EINVAL with the reason in err. */
int tc_tol_parse(const char *s, struct tc_tol *t, char *err, size_t errlen);
/* The tolerance as text, in its canonical form ("±5%", "+2%", "±4,096", ">= 100", "exact"). */
char *tc_tol_str(const struct tc_tol *t, char *buf, size_t size);

/*
 * Is actual within t of expected? msg gets both numbers with thousands
 * separators and, when they differ, how: a ratio when one is at least
 * twice the other ("268,435,456 vs 4,096 (65,536x)", "4,096 vs 8,192
 * (1/2x)"), otherwise a percentage ("1,050 vs 1,000 (+5.00%)"), and for
 * ± tolerances "within" or "outside" it. Bounds read "150 >= 100" or
 * "90, not >= 100".
 */
bool tc_compare(double actual, double expected, const struct tc_tol *t, char *msg, size_t msglen);

#endif
