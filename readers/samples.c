// SPDX-License-Identifier: GPL-2.0
/* Canonical sample sets and selectors over them; see samples.h. */
#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../common/regex_guard.h"
#include "samples.h"

int tc_samples__add(struct tc_samples *s, const char *name, const struct tc_label *labels, int n,
		    double value)
{
	struct tc_sample *x;

	if (n < 0 || n > TC_SAMPLE_LABELS)
		return -E2BIG;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct tc_sample *v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	x = &s->v[s->n++];
	memset(x, 0, sizeof(*x));
	snprintf(x->name, sizeof(x->name), "%s", name);
	for (int i = 0; i < n; i++)
		x->labels[i] = labels[i];
	x->nlabels = n;
	x->value = value;
	return 0;
}

void tc_samples__free(struct tc_samples *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

const char *tc_sample__label(const struct tc_sample *x, const char *name)
{
	for (int i = 0; i < x->nlabels; i++)
		if (!strcmp(x->labels[i].name, name))
			return x->labels[i].value;
	return NULL;
}

static const char *ident(const char *p, char *out, size_t size)
{
	size_t n = 0;

	if (!(isalpha((unsigned char)*p) || *p == '_' || *p == ':' || *p == '@'))
		return NULL;
	while (isalnum((unsigned char)*p) || *p == '_' || *p == ':' || *p == '@') {
		if (n + 1 >= size)
			return NULL;
		out[n++] = *p++;
	}
	out[n] = '\0';
	return p;
}

/* A double-quoted string with \" \\ \n escapes, into out. */
static const char *quoted(const char *p, char *out, size_t size)
{
	size_t n = 0;

	if (*p++ != '"')
		return NULL;
	for (; *p && *p != '"'; p++) {
		char c = *p;

		if (c == '\\') {
			c = *++p;
			if (c == 'n')
				c = '\n';
			else if (c != '"' && c != '\\')
				return NULL;
		}
		if (n + 1 >= size)
			return NULL;
		out[n++] = c;
	}
	if (*p != '"')
		return NULL;
	out[n] = '\0';
	return p + 1;
}

int tc_selector_parse(const char *text, struct tc_selector *sel, char *err, size_t errlen)
{
	const char *p = text;
	char why[200];

	memset(sel, 0, sizeof(*sel));
	p = ident(p, sel->name, sizeof(sel->name));
	if (!p) {
		snprintf(err, errlen, "'%s': a metric name must start it", text);
		return -EINVAL;
	}
	if (!*p)
		return 0;
	if (*p++ != '{')
		goto bad;
	while (*p && *p != '}') {
		struct tc_matcher *m;

		if (sel->nmatchers == TC_SEL_MATCHERS) {
			snprintf(err, errlen, "'%s': at most %d label matchers", text,
				 TC_SEL_MATCHERS);
			return -EINVAL;
		}
		m = &sel->m[sel->nmatchers++];
		p = ident(p, m->name, sizeof(m->name));
		if (!p)
			goto bad;
		if (!strncmp(p, "=~", 2)) {
			m->op = TC_MATCH_RE;
			p += 2;
		} else if (!strncmp(p, "!=", 2)) {
			m->op = TC_MATCH_NE;
			p += 2;
		} else if (*p == '=') {
			m->op = TC_MATCH_EQ;
			p++;
		} else {
			goto bad;
		}
		p = quoted(p, m->value, sizeof(m->value));
		if (!p)
			goto bad;
		if (m->op == TC_MATCH_RE && tc_regex_check(m->value, why, sizeof(why))) {
			snprintf(err, errlen, "'%s': label %s: not a regex tracecal takes: %s", text,
				 m->name, why);
			return -EINVAL;
		}
		if (*p == ',')
			p++;
		else if (*p != '}')
			goto bad;
	}
	if (*p != '}' || p[1])
		goto bad;
	return 0;
bad:
	snprintf(err, errlen, "'%s': expected name{label=\"value\",...} with =, != or =~", text);
	return -EINVAL;
}

static bool re_whole(const char *re, const char *s)
{
	char anchored[TC_SAMPLE_LVALUE + 8];
	regex_t r;
	bool ok;

	snprintf(anchored, sizeof(anchored), "^(%s)$", re);
	if (regcomp(&r, anchored, REG_EXTENDED | REG_NOSUB))
		return false;
	ok = !regexec(&r, s, 0, NULL, 0);
	regfree(&r);
	return ok;
}

bool tc_selector_match(const struct tc_selector *sel, const struct tc_sample *x)
{
	if (strcmp(sel->name, x->name))
		return false;
	for (int i = 0; i < sel->nmatchers; i++) {
		const struct tc_matcher *m = &sel->m[i];
		const char *v = tc_sample__label(x, m->name);

		if (!v)
			v = "";
		switch (m->op) {
		case TC_MATCH_EQ:
			if (strcmp(v, m->value))
				return false;
			break;
		case TC_MATCH_NE:
			if (!strcmp(v, m->value))
				return false;
			break;
		case TC_MATCH_RE:
			if (!re_whole(m->value, v))
				return false;
			break;
		}
	}
	return true;
}

double tc_samples__sum(const struct tc_samples *s, const struct tc_selector *sel, size_t *found)
{
	double sum = 0;
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++) {
		if (!tc_selector_match(sel, &s->v[i]))
			continue;
		sum += s->v[i].value;
		n++;
	}
	if (found)
		*found = n;
	return sum;
}
