// SPDX-License-Identifier: GPL-2.0
/* Tolerances and verdicts on numbers; see compare.h. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../common/fmt.h"
#include "compare.h"

#define NUM_MAX	  1000000000000000000ULL /* 10^18 */
#define SCALE_MAX 9

static const char *skip_space(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

static __u64 pow10u(unsigned int n)
{
	__u64 v = 1;

	while (n--)
		v *= 10;
	return v;
}

/* "12" or "0.25" at *pp into num / 10^scale; advances *pp. */
static int decimal(const char **pp, __u64 *num, unsigned int *scale)
{
	const char *p = *pp;
	bool frac = false;
	int digits = 0;

	*num = 0;
	*scale = 0;
	for (; isdigit((unsigned char)*p) || (*p == '.' && !frac && digits); p++) {
		if (*p == '.') {
			frac = true;
			continue;
		}
		if (*num > NUM_MAX / 10 || (frac && *scale == SCALE_MAX))
			return -ERANGE;
		*num = *num * 10 + (*p - '0');
		*scale += frac;
		digits++;
	}
	if (!digits || p[-1] == '.')
		return -EINVAL;
	*pp = p;
	return 0;
}

static int tol_bound(const char *p, struct tc_tol *t, const char *s, char *err, size_t errlen)
{
	t->kind = *p == '>' ? TC_TOL_GE : TC_TOL_LE;
	p = skip_space(p + 2);
	if (decimal(&p, &t->num, &t->scale) || *skip_space(p)) {
		snprintf(err, errlen, "'%s': expected %s and a number", s,
			 t->kind == TC_TOL_GE ? ">=" : "<=");
		return -EINVAL;
	}
	return 0;
}

int tc_tol_parse(const char *s, struct tc_tol *t, char *err, size_t errlen)
{
	const char *p = skip_space(s);
	bool sym = false, abs = false, pct;
	size_t len = strlen(p);
	int dir = 0;

	memset(t, 0, sizeof(*t));
	while (len && isspace((unsigned char)p[len - 1]))
		len--;
	if (len == 5 && !strncasecmp(p, "exact", 5))
		return 0;
	if (!strncmp(p, ">=", 2) || !strncmp(p, "<=", 2))
		return tol_bound(p, t, s, err, errlen);
	if (!strncmp(p, "\xc2\xb1", 2) || !strncmp(p, "+-", 2)) {
		sym = true;
		p += 2;
	} else if (*p == '+' || *p == '-') {
		sym = true; /* a sign, like ±, says the number is a tolerance */
		dir = *p == '+' ? 1 : -1;
		p++;
	} else if (!strncasecmp(p, "abs", 3) && isspace((unsigned char)p[3])) {
		abs = true;
		p += 4;
	}
	p = skip_space(p);
	if (decimal(&p, &t->num, &t->scale)) {
		snprintf(err, errlen, "'%s': expected exact, ±N%%, ±N, +N%%, -N%%, abs N, >= N or <= N", s);
		return -EINVAL;
	}
	p = skip_space(p);
	pct = *p == '%';
	p = skip_space(p + pct);
	if (*p || (abs && pct) || (!sym && !abs && !pct)) {
		snprintf(err, errlen, "'%s': %s", s,
			 *p    ? "text after the number"
			 : abs ? "abs takes a number of units, not a percentage"
			       : "a bare number: write ±N for units or ±N% for a percentage");
		return -EINVAL;
	}
	t->kind = pct ? TC_TOL_PCT : TC_TOL_ABS;
	t->dir = dir;
	return 0;
}

/* num / 10^scale, grouped: "4,096", "0.5". */
static char *fmt_decimal(char *buf, size_t size, __u64 num, unsigned int scale)
{
	__u64 p = pow10u(scale);
	char ip[32];

	tc_fmt_grouped(ip, sizeof(ip), num / p);
	if (scale)
		snprintf(buf, size, "%s.%0*llu", ip, (int)scale, (unsigned long long)(num % p));
	else
		snprintf(buf, size, "%s", ip);
	return buf;
}

char *tc_tol_str(const struct tc_tol *t, char *buf, size_t size)
{
	static const char *const pre[] = {
		[TC_TOL_PCT] = "±", [TC_TOL_ABS] = "±", [TC_TOL_GE] = ">= ", [TC_TOL_LE] = "<= "
	};
	bool side = t->kind == TC_TOL_PCT || t->kind == TC_TOL_ABS;
	char n[48];

	if (t->kind == TC_TOL_EXACT)
		snprintf(buf, size, "exact");
	else
		snprintf(buf, size, "%s%s%s",
			 side && t->dir ? (t->dir > 0 ? "+" : "-") : pre[t->kind],
			 fmt_decimal(n, sizeof(n), t->num, t->scale),
			 t->kind == TC_TOL_PCT ? "%" : "");
	return buf;
}

/* Whole numbers this small are compared exactly, in 128 bits. */
static bool whole(double v)
{
	return v > -9.2e18 && v < 9.2e18 && v == (double)(long long)v;
}

/* Without libm, which the build does not link. */
static long double abs_ld(long double v)
{
	return v < 0 ? -v : v;
}

static __u64 round_u64(double v)
{
	return (__u64)(v + 0.5);
}

static bool within_int(__int128 a, __int128 e, const struct tc_tol *t)
{
	__int128 d = a > e ? a - e : e - a, p = pow10u(t->scale), num = t->num;

	switch (t->kind) {
	case TC_TOL_ABS:
		return d * p <= num;
	case TC_TOL_PCT:
		return d * 100 * p <= num * (e < 0 ? -e : e);
	case TC_TOL_GE:
		return a * p >= num;
	case TC_TOL_LE:
		return a * p <= num;
	default:
		return d == 0;
	}
}

static bool within_ld(long double a, long double e, const struct tc_tol *t)
{
	long double v = (long double)t->num / pow10u(t->scale), d = abs_ld(a - e);

	switch (t->kind) {
	case TC_TOL_ABS:
		return d <= v;
	case TC_TOL_PCT:
		return d * 100 <= v * abs_ld(e);
	case TC_TOL_GE:
		return a >= v;
	case TC_TOL_LE:
		return a <= v;
	default:
		return d == 0;
	}
}

static bool within(double a, double e, const struct tc_tol *t)
{
	if ((t->kind == TC_TOL_PCT || t->kind == TC_TOL_ABS) &&
	    ((t->dir > 0 && a < e) || (t->dir < 0 && a > e)))
		return false;
	if (whole(a) && whole(e))
		return within_int((__int128)a, (__int128)e, t);
	return within_ld(a, e, t);
}

/* A number for a person: "67,108,864", "-4,096", "69,562.352". */
static char *fmt_num(char *buf, size_t size, double v)
{
	const char *sign = v < 0 ? "-" : "";
	double m = v < 0 ? -v : v;
	char ip[32];

	if (m != m || m >= 1.8e19) {
		snprintf(buf, size, "%g", v);
	} else if (whole(m) || m >= 9.2e18) {
		snprintf(buf, size, "%s%s", sign, tc_fmt_grouped(ip, sizeof(ip), (__u64)m));
	} else {
		unsigned long long r = round_u64(m * 1000);

		tc_fmt_grouped(ip, sizeof(ip), r / 1000);
		snprintf(buf, size, "%s%s.%03llu", sign, ip, r % 1000);
	}
	return buf;
}

/* 65536 -> "65,536", 2.5 -> "2.5". */
static char *fmt_ratio(char *buf, size_t size, double r)
{
	char g[32];

	if (r >= 100)
		snprintf(buf, size, "%s", tc_fmt_grouped(g, sizeof(g), round_u64(r)));
	else
		snprintf(buf, size, "%.3g", r);
	return buf;
}

/* How a differs from e: "65,536x", "1/2x", "+5.00%", "+4,096"; "" if equal. */
static char *fmt_diff(char *buf, size_t size, double a, double e)
{
	double r, pct;
	char n[48];

	buf[0] = '\0';
	if (a == e)
		return buf;
	if (a == 0 || e == 0 || (a < 0) != (e < 0)) {
		snprintf(buf, size, "%s%s", a > e ? "+" : "", fmt_num(n, sizeof(n), a - e));
		return buf;
	}
	r = a / e;
	pct = (a - e) / (e < 0 ? -e : e) * 100;
	if (r >= 2)
		snprintf(buf, size, "%sx", fmt_ratio(n, sizeof(n), r));
	else if (r <= 0.5)
		snprintf(buf, size, "1/%sx", fmt_ratio(n, sizeof(n), 1 / r));
	else if (pct > -0.005 && pct < 0.005)
		snprintf(buf, size, "%s<0.01%%", pct > 0 ? "+" : "-");
	else
		snprintf(buf, size, "%+.2f%%", pct);
	return buf;
}

static bool compare_bound(double a, const struct tc_tol *t, char *msg, size_t msglen)
{
	bool ok = within(a, 0, t);
	char n[48], tol[64];

	snprintf(msg, msglen, "%s%s %s", fmt_num(n, sizeof(n), a), ok ? "" : ", not",
		 tc_tol_str(t, tol, sizeof(tol)));
	return ok;
}

bool tc_compare(double actual, double expected, const struct tc_tol *t, char *msg, size_t msglen)
{
	char a[48], e[48], d[64], tol[64];
	bool ok;

	if (t->kind == TC_TOL_GE || t->kind == TC_TOL_LE)
		return compare_bound(actual, t, msg, msglen);
	ok = within(actual, expected, t);
	fmt_num(a, sizeof(a), actual);
	fmt_num(e, sizeof(e), expected);
	fmt_diff(d, sizeof(d), actual, expected);
	if (!d[0])
		snprintf(msg, msglen, "%s vs %s", a, e);
	else if (t->kind == TC_TOL_EXACT)
		snprintf(msg, msglen, "%s vs %s (%s)", a, e, d);
	else
		snprintf(msg, msglen, "%s vs %s (%s, %s %s)", a, e, d, ok ? "within" : "outside",
			 tc_tol_str(t, tol, sizeof(tol)));
	return ok;
}
