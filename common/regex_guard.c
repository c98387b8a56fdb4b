// SPDX-License-Identifier: GPL-2.0
/* Refusing the regexes glibc would take forever to compile; see regex_guard.h. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include "regex_guard.h"

/* The end of a bracket expression opening at p ("[]a]", "[^]a]", "[[:alpha:]]"). */
static const char *bracket_end(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	for (; *p && *p != ']'; p++)
		if (p[0] == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			char close = p[1];

			for (p += 2; *p && !(p[0] == close && p[1] == ']'); p++)
				;
			if (!*p)
				return p;
			p++;
		}
	return p;
}

/* An interval "{m}", "{m,}" or "{m,n}" at p: its end, and its largest count; NULL if not one. */
static const char *interval(const char *p, long *max)
{
	char *end;
	long m = strtol(p + 1, &end, 10), n = m;

	if (end == p + 1 || m < 0)
		return NULL;
	if (*end == ',') {
		const char *q = end + 1;

		n = isdigit((unsigned char)*q) ? strtol(q, &end, 10) : m;
		if (!isdigit((unsigned char)*q))
			end = (char *)q;
	}
	if (*end != '}')
		return NULL;
	*max = m > n ? m : n;
	return end;
}

/*
 * The copies regcomp() makes of a pattern's atoms: a repetition copies what
 * it repeats (twice for + and *, n times for {m,n}), a group is as costly
 * as its costliest part, and repeated groups multiply.
 */
struct cost {
	long group[TC_REGEX_MAX_NEST + 1]; /* the costliest part of each open group */
	int depth;
	long atom; /* of the last atom, before any repetition of it */
	bool after_dup;
};

static int repeat(struct cost *c, char op, long max, const char *re, const char *p, char *why,
		  size_t size)
{
	long times = op == '?' ? 1 : op == '{' ? max : 2;

	if (max > TC_REGEX_MAX_DUP) {
		snprintf(why, size, "an interval of %ld at offset %d: at most %d", max,
			 (int)(p - re), TC_REGEX_MAX_DUP);
		return -EINVAL;
	}
	if (c->after_dup) {
		snprintf(why, size, "a repetition ('%c') on a repetition at offset %d: undefined "
			 "in POSIX, and ruinous to compile", op, (int)(p - re));
		return -EINVAL;
	}
	if (c->atom * (times ? times : 1) > TC_REGEX_MAX_COPIES) {
		snprintf(why, size, "repetitions nested too deep at offset %d: more than %d copies "
			 "to compile", (int)(p - re), TC_REGEX_MAX_COPIES);
		return -EINVAL;
	}
	c->atom *= times ? times : 1;
	if (c->atom > c->group[c->depth])
		c->group[c->depth] = c->atom;
	c->after_dup = true;
	return 0;
}

static void atom(struct cost *c, long cost)
{
	c->atom = cost;
	if (cost > c->group[c->depth])
		c->group[c->depth] = cost;
	c->after_dup = false;
}

int tc_regex_check(const char *re, char *why, size_t size)
{
	struct cost c = { .group = { 1 }, .atom = 1 };

	for (const char *p = re; *p; p++) {
		const char *end = NULL;
		long max = 0;

		if (*p == '\\' && p[1]) {
			p++;
			atom(&c, 1);
		} else if (*p == '[') {
			p = bracket_end(p);
			if (!*p)
				return 0; /* unbalanced: regcomp says so */
			atom(&c, 1);
		} else if (*p == '(') {
			if (c.depth == TC_REGEX_MAX_NEST) {
				snprintf(why, size, "groups nested more than %d deep", TC_REGEX_MAX_NEST);
				return -EINVAL;
			}
			c.group[++c.depth] = 1;
			c.after_dup = false;
		} else if (*p == ')' && c.depth) {
			atom(&c, c.group[c.depth--]);
		} else if (*p == '*' || *p == '+' || *p == '?' ||
			   (*p == '{' && (end = interval(p, &max)))) {
			if (repeat(&c, end ? '{' : *p, max, re, p, why, size))
				return -EINVAL;
			if (end)
				p = end;
		} else {
			atom(&c, 1);
		}
	}
	return 0;
}
