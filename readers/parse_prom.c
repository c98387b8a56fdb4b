// SPDX-License-Identifier: GPL-2.0
/* Prometheus text exposition format into samples, and back; see parse_prom.h. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>
#include "parse_prom.h"

/* ---- series: samples by name and labels ---- */

static uint64_t fnv(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (h ^ 0xff) * 0x100000001b3ULL; /* 0xff ends a string */
}

static uint64_t series_hash(const struct tc_sample *x)
{
	uint64_t h = fnv(0xcbf29ce484222325ULL, x->name);

	for (int i = 0; i < x->nlabels; i++)
		h = fnv(fnv(h, x->labels[i].name), x->labels[i].value);
	return h;
}

static bool same_series(const struct tc_sample *a, const struct tc_sample *b)
{
	if (strcmp(a->name, b->name) || a->nlabels != b->nlabels)
		return false;
	for (int i = 0; i < a->nlabels; i++)
		if (strcmp(a->labels[i].name, b->labels[i].name) ||
		    strcmp(a->labels[i].value, b->labels[i].value))
			return false;
	return true;
}

/* The slot holding x's series, or the free one where it would go. */
static size_t *series_slot(const struct tc_series_index *ix, const struct tc_samples *s,
			   const struct tc_sample *x)
{
	size_t i = series_hash(x) & (ix->cap - 1);

	while (ix->slot[i] && !same_series(&s->v[ix->slot[i] - 1], x))
		i = (i + 1) & (ix->cap - 1);
	return &ix->slot[i];
}

static int series_grow(struct tc_series_index *ix, const struct tc_samples *s)
{
	size_t *old = ix->slot, oldcap = ix->cap;

	ix->cap = oldcap ? oldcap * 2 : 256;
	ix->slot = calloc(ix->cap, sizeof(*ix->slot));
	if (!ix->slot) {
		ix->slot = old;
		ix->cap = oldcap;
		return -ENOMEM;
	}
	for (size_t i = 0; i < oldcap; i++)
		if (old[i])
			*series_slot(ix, s, &s->v[old[i] - 1]) = old[i];
	free(old);
	return 0;
}

int tc_series_index__put(struct tc_series_index *ix, struct tc_samples *s,
			 const struct tc_sample *x, size_t *at, bool *found)
{
	size_t *slot;
	int ret;

	if ((ix->n + 1) * 2 > ix->cap) {
		ret = series_grow(ix, s);
		if (ret)
			return ret;
	}
	slot = series_slot(ix, s, x);
	*found = *slot;
	if (!*found) {
		ret = tc_samples__add(s, x->name, x->labels, x->nlabels, x->value);
		if (ret)
			return ret;
		*slot = s->n;
		ix->n++;
	}
	*at = *slot - 1;
	return 0;
}

void tc_series_index__clear(struct tc_series_index *ix)
{
	if (ix->cap)
		memset(ix->slot, 0, ix->cap * sizeof(*ix->slot));
	ix->n = 0;
}

void tc_series_index__free(struct tc_series_index *ix)
{
	free(ix->slot);
	memset(ix, 0, sizeof(*ix));
}

/* ---- reading ---- */

/* One line being read: where we are, and on failure why and which errno. */
struct pline {
	const char *p;
	const char *why;
	int ret;
};

static bool fail(struct pline *l, int ret, const char *why)
{
	l->ret = ret;
	l->why = why;
	return false;
}

static void skip_blank(struct pline *l)
{
	while (*l->p == ' ' || *l->p == '\t')
		l->p++;
}

static bool name_char(char c, bool first, bool metric)
{
	if (isalpha((unsigned char)c) || c == '_')
		return true;
	if (metric && (c == ':' || c == '@'))
		return true;
	return !first && isdigit((unsigned char)c);
}

static bool read_name(struct pline *l, bool metric, char *out, size_t size)
{
	size_t n = 0;

	if (!name_char(*l->p, true, metric))
		return fail(l, -EINVAL,
			    metric ? "expected a metric name" : "expected a label name");
	while (name_char(*l->p, false, metric)) {
		if (n + 1 >= size)
			return fail(l, -E2BIG,
				    metric ? "metric name too long" : "label name too long");
		out[n++] = *l->p++;
	}
	out[n] = '\0';
	return true;
}

/* A double-quoted label value with the escapes \\ \" \n. */
static bool read_quoted(struct pline *l, char *out, size_t size)
{
	size_t n = 0;

	if (*l->p != '"')
		return fail(l, -EINVAL, "a label value must be in double quotes");
	for (l->p++; *l->p != '"'; l->p++) {
		char c = *l->p;

		if (!c)
			return fail(l, -EINVAL, "a label value has no closing quote");
		if (c == '\\') {
			c = *++l->p;
			if (c == 'n')
				c = '\n';
			else if (c != '\\' && c != '"')
				return fail(l, -EINVAL, "unknown escape in a label value "
					    "(only \\\\ \\\" \\n)");
		}
		if (n + 1 >= size)
			return fail(l, -E2BIG, "label value too long");
		out[n++] = c;
	}
	l->p++;
	out[n] = '\0';
	return true;
}

static bool read_label(struct pline *l, struct tc_sample *x)
{
	struct tc_label *lab;

	if (x->nlabels == TC_SAMPLE_LABELS)
		return fail(l, -E2BIG, "more labels than a sample holds");
	lab = &x->labels[x->nlabels];
	if (!read_name(l, false, lab->name, sizeof(lab->name)))
		return false;
	if (tc_sample__label(x, lab->name))
		return fail(l, -EINVAL, "a label given twice");
	skip_blank(l);
	if (*l->p++ != '=')
		return fail(l, -EINVAL, "expected '=' after a label name");
	skip_blank(l);
	if (!read_quoted(l, lab->value, sizeof(lab->value)))
		return false;
	x->nlabels++;
	return true;
}

static bool read_labels(struct pline *l, struct tc_sample *x)
{
	l->p++; /* '{' */
	for (;;) {
		skip_blank(l);
		if (*l->p == '}')
			break;
		if (!read_label(l, x))
			return false;
		skip_blank(l);
		if (*l->p == ',')
			l->p++;
		else if (*l->p != '}')
			return fail(l, -EINVAL, "expected ',' or '}' after a label");
	}
	l->p++;
	return true;
}

/* Decimal digits, a point, an exponent: the length of the number at s, or 0. */
static size_t decimal_len(const char *s)
{
	size_t i = 0, digits = 0;

	if (s[i] == '+' || s[i] == '-')
		i++;
	for (; isdigit((unsigned char)s[i]); i++)
		digits++;
	if (s[i] == '.')
		for (i++; isdigit((unsigned char)s[i]); i++)
			digits++;
	if (!digits)
		return 0;
	if (s[i] == 'e' || s[i] == 'E') {
		size_t e = i + 1;

		if (s[e] == '+' || s[e] == '-')
			e++;
		if (!isdigit((unsigned char)s[e]))
			return 0;
		while (isdigit((unsigned char)s[e]))
			e++;
		i = e;
	}
	return i;
}

static bool word_is(const char *p, const char *w, size_t *len)
{
	size_t n = strlen(w);

	if (strncasecmp(p, w, n) || (p[n] && p[n] != ' ' && p[n] != '\t'))
		return false;
	*len = n;
	return true;
}

static bool read_value(struct pline *l, double *v)
{
	size_t n;

	if (word_is(l->p, "NaN", &n)) {
		*v = NAN;
	} else if (word_is(l->p, "+Inf", &n) || word_is(l->p, "Inf", &n)) {
		*v = INFINITY;
	} else if (word_is(l->p, "-Inf", &n)) {
		*v = -INFINITY;
	} else {
		n = decimal_len(l->p);
		if (!n || (l->p[n] && l->p[n] != ' ' && l->p[n] != '\t'))
			return fail(l, -EINVAL, "expected a value: a number, +Inf, -Inf or NaN");
		*v = strtod(l->p, NULL);
	}
	l->p += n;
	return true;
}

static bool read_sample(struct pline *l, struct tc_sample *x)
{
	size_t n;

	memset(x, 0, sizeof(*x));
	if (!read_name(l, true, x->name, sizeof(x->name)))
		return false;
	n = strspn(l->p, " \t");
	if (l->p[n] == '{') {
		l->p += n;
		if (!read_labels(l, x))
			return false;
		n = strspn(l->p, " \t");
	}
	if (!n)
		return fail(l, -EINVAL, "expected a blank, then the value");
	l->p += n;
	if (!read_value(l, &x->value))
		return false;
	skip_blank(l);
	if (*l->p) { /* a timestamp, which we do not need */
		n = decimal_len(l->p);
		if (!n)
			return fail(l, -EINVAL, "expected a timestamp or the end of the line");
		l->p += n;
		skip_blank(l);
		if (*l->p)
			return fail(l, -EINVAL, "text after the timestamp");
	}
	return true;
}

static bool is_eof_line(const char *s)
{
	if (strncmp(s, "# EOF", 5))
		return false;
	for (s += 5; *s == ' ' || *s == '\t'; s++)
		;
	return !*s;
}

/* The text of an offending line, shortened to fit a message. */
static int line_error(char *err, size_t errlen, int lineno, const char *why, const char *text,
		      int ret)
{
	snprintf(err, errlen, "line %d: %s: '%.80s%s'", lineno, why, text,
		 strlen(text) > 80 ? "..." : "");
	return ret;
}

/* Where a parse is: the snapshot in progress and the last "# EOF". */
struct prom_state {
	struct tc_samples *out;
	enum tc_prom_keep keep;
	size_t n0;	  /* out->n before we began */
	int eof_line;	  /* line of the last "# EOF", 0 if none */
	int pending_line; /* first sample line after it, 0 if none */
	struct tc_series_index ix; /* the series of the snapshot in progress */
};

static int prom_line(struct prom_state *st, char *line, int lineno, char *err, size_t errlen)
{
	struct pline l = { .p = line };
	struct tc_sample x;
	size_t at;
	bool found;
	int ret;

	skip_blank(&l);
	if (is_eof_line(l.p)) {
		st->eof_line = lineno;
		st->pending_line = 0;
		return 0;
	}
	if (!*l.p || *l.p == '#')
		return 0;
	if (!read_sample(&l, &x))
		return line_error(err, errlen, lineno, l.why, line, l.ret);
	if (!st->pending_line) {
		st->pending_line = lineno;
		if (st->keep == TC_PROM_LAST) /* a new snapshot replaces the last */
			st->out->n = st->n0;
		tc_series_index__clear(&st->ix);
	}
	ret = tc_series_index__put(&st->ix, st->out, &x, &at, &found);
	if (!ret && found)
		return line_error(err, errlen, lineno, "a series given twice in one snapshot",
				  line, -EINVAL);
	return ret;
}

static int prom_lines(struct prom_state *st, const char *text, size_t len, char *err,
		      size_t errlen)
{
	char *line = malloc(len + 1);
	int lineno = 0, ret = 0;

	if (!line)
		return -ENOMEM;
	for (size_t i = 0; i < len && !ret;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = (nl ? (size_t)(nl - text) : len) - i;

		memcpy(line, text + i, n);
		line[n] = '\0';
		if (n && line[n - 1] == '\r')
			line[n - 1] = '\0';
		lineno++;
		if (memchr(text + i, '\0', n))
			ret = line_error(err, errlen, lineno, "a NUL byte in the line", line,
					 -EINVAL);
		else
			ret = prom_line(st, line, lineno, err, errlen);
		i += n + 1;
	}
	free(line);
	return ret;
}

int tc_prom_parse(const char *text, size_t len, enum tc_prom_keep keep, struct tc_samples *out,
		  char *err, size_t errlen)
{
	struct prom_state st = { .out = out, .keep = keep, .n0 = out->n };
	int ret = prom_lines(&st, text, len, err, errlen);

	if (!ret && st.eof_line && st.pending_line) {
		snprintf(err, errlen, "line %d: samples after the '# EOF' of line %d, and no "
			 "'# EOF' after them: an incomplete snapshot", st.pending_line,
			 st.eof_line);
		ret = -EINVAL;
	}
	if (ret == -ENOMEM)
		snprintf(err, errlen, "out of memory");
	if (ret)
		out->n = st.n0;
	tc_series_index__free(&st.ix);
	return ret;
}

static void write_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\\' || *s == '"')
			fprintf(f, "\\%c", *s);
		else
			fputc(*s, f);
	}
}

static void write_value(FILE *f, double v)
{
	if (isnan(v))
		fputs("NaN", f);
	else if (isinf(v))
		fputs(v > 0 ? "+Inf" : "-Inf", f);
	else if (v == floor(v) && fabs(v) <= 0x1p64) /* any 64-bit counter, in full */
		fprintf(f, "%.0f", v == 0 ? 0 : v);
	else
		fprintf(f, "%.17g", v);
}

void tc_prom_write(FILE *f, const struct tc_samples *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct tc_sample *x = &s->v[i];

		fputs(x->name, f);
		for (int l = 0; l < x->nlabels; l++) {
			fprintf(f, "%s%s=\"", l ? "," : "{", x->labels[l].name);
			write_escaped(f, x->labels[l].value);
			fputc('"', f);
		}
		fputs(x->nlabels ? "} " : " ", f);
		write_value(f, x->value);
		fputc('\n', f);
	}
}
