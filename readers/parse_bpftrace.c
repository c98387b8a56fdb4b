// SPDX-License-Identifier: GPL-2.0
/*
 * bpftrace's printed maps into samples; see parse_bpftrace.h. The text is
 * cut into lines. A line that starts "@name:" or "@name[" and ends in a
 * number, in stats or in nothing (a histogram's header, its rows below)
 * is a map entry; every other line is handed back as an other line.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse_bpftrace.h"
#include "parse_prom.h"

/* Bucket bounds: exact, and wide enough for "8E" and its neighbours. */
typedef __int128 bound_t;
#define BOUND_MAX ((bound_t)1 << 96)
#define NEG_INF (-((bound_t)1 << 100))
#define POS_INF ((bound_t)1 << 100)

#define MAX_PIECES (2 * TC_SAMPLE_LABELS + 1)
#define MAX_TOKENS 256

/* Part of a key's text: inline text to be split at ", ", or a whole stack. */
struct piece {
	const char *s;
	size_t len;
	bool stack;
};

/* One map entry: its map, its key's pieces and what follows the ": ". */
struct entry {
	char map[TC_SAMPLE_NAME];
	const char *layout; /* key letters, NULL if the caller gave none */
	struct piece pc[MAX_PIECES];
	int npc;
	struct tc_label keys[TC_SAMPLE_LABELS];
	int nkeys;
	const char *rest;
	size_t next; /* the line after the key */
};

struct bt {
	const struct tc_bpftrace_opts *o;
	struct tc_samples *out;
	struct tc_lines *other;
	size_t n0, other0;
	char *buf, **line; /* the text cut into lines */
	bool *nul;	   /* the line held a NUL byte: never map output */
	size_t nlines;
	char *scratch; /* stack keys' text */
	char *err;
	size_t errlen;
	/* sum: where each sample is, and the stats whose average to redo */
	struct tc_series_index ix;
	size_t (*stats)[3];
	size_t nstats, capstats;
	/* last: the printing in progress, and which map printed each sample */
	char run_map[TC_SAMPLE_NAME];
	struct tc_samples run_keys;
	struct tc_series_index run_ix;
	int *owner;
	size_t capowner;
	char (*maps)[TC_SAMPLE_NAME];
	size_t nmaps, capmaps;
};

static int line_error(struct bt *b, size_t i, int ret, const char *fmt, ...)
{
	const char *text = i < b->nlines ? b->line[i] : "";
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(b->err, b->errlen, "line %zu: %s: '%.80s%s'", i + 1, why, text,
		 strlen(text) > 80 ? "..." : "");
	return ret;
}

static int grow(void *pv, size_t *cap, size_t need, size_t size)
{
	void **p = pv, *np;
	size_t ncap = *cap ? *cap : 16;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	np = realloc(*p, ncap * size);
	if (!np)
		return -ENOMEM;
	*p = np;
	*cap = ncap;
	return 0;
}

static uint64_t fnv(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}

/* ---- the text, cut into lines ---- */

static int split_lines(struct bt *b, const char *text, size_t len)
{
	size_t n = 1;

	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	b->buf = malloc(len + 1);
	b->line = calloc(n, sizeof(*b->line));
	b->nul = calloc(n, sizeof(*b->nul));
	if (!b->buf || !b->line || !b->nul)
		return -ENOMEM;
	memcpy(b->buf, text, len);
	b->buf[len] = '\0';
	for (size_t i = 0; i < len;) {
		char *s = b->buf + i, *nl = memchr(s, '\n', len - i);
		size_t l = nl ? (size_t)(nl - s) : len - i;

		for (size_t k = 0; k < l; k++)
			if (!s[k]) {
				s[k] = '?';
				b->nul[b->nlines] = true;
			}
		s[l] = '\0';
		if (l && s[l - 1] == '\r')
			s[l - 1] = '\0';
		b->line[b->nlines++] = s;
		i += l + 1;
	}
	return 0;
}

static bool blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return !*s;
}

static int other_line(struct bt *b, size_t i)
{
	struct tc_line *l;

	if (blank(b->line[i]))
		return 0;
	b->run_map[0] = '\0'; /* ends a map's printing */
	if (!b->other)
		return 0;
	if (grow(&b->other->v, &b->other->cap, b->other->n + 1, sizeof(*b->other->v)))
		return -ENOMEM;
	l = &b->other->v[b->other->n];
	l->lineno = i + 1;
	l->text = strdup(b->line[i]);
	if (!l->text)
		return -ENOMEM;
	b->other->n++;
	return 0;
}

/* ---- an entry's head: map name, key text, what follows ---- */

/* The last "]:" followed by a blank or the end: where a key ends. */
static const char *key_end(const char *s)
{
	const char *end = NULL;

	for (const char *p = strstr(s, "]:"); p; p = strstr(p + 1, "]:"))
		if (!p[2] || p[2] == ' ')
			end = p;
	return end;
}

static const char *after_colon(const char *colon)
{
	return colon[1] == ' ' ? colon + 2 : colon + 1;
}

static const struct tc_bpftrace_map *layout_of(const struct tc_bpftrace_opts *o, const char *map)
{
	for (size_t i = 0; i < o->nmaps; i++)
		if (!strcmp(o->maps[i].name, map))
			return &o->maps[i];
	return NULL;
}

static bool frame_line(const char *s)
{
	return (*s == ' ' || *s == '\t') && !blank(s);
}

static void add_piece(struct entry *e, const char *s, size_t len, bool stack)
{
	e->pc[e->npc++] = (struct piece){ .s = s, .len = len, .stack = stack };
}

/*
 * A key over several lines: a stack prints a line per frame, indented,
 * between the "@x[" line and the one with "]: ". A line in between that
 * is not indented holds inline keys between two stacks (", comm, ").
 * 0 if line i does not start such a key.
 */
static int multiline_key(struct bt *b, size_t i, const char *open, struct entry *e)
{
	char *w = b->scratch;
	const char *end = NULL;
	size_t j;

	for (j = i + 1; j < b->nlines && !end; j++) {
		const char *s = b->line[j];

		if (b->nul[j] || blank(s))
			return 0;
		if (frame_line(s))
			continue;
		if (s[0] != ',' && s[0] != ']')
			return 0;
		end = key_end(s);
	}
	if (!end)
		return 0;
	add_piece(e, open, strlen(open), false);
	if (j == i + 2) /* an empty stack */
		add_piece(e, w, 0, true);
	for (size_t k = i + 1; k < j - 1; k++) {
		const char *f = b->line[k];

		if (e->npc + 2 > MAX_PIECES)
			return line_error(b, k, -E2BIG,
					  "%s: more keys than a sample has labels (%d)", e->map,
					  TC_SAMPLE_LABELS);
		if (!frame_line(f)) {
			add_piece(e, f, strlen(f), false);
			continue;
		}
		if (!e->pc[e->npc - 1].stack)
			add_piece(e, w, 0, true);
		while (*f == ' ' || *f == '\t')
			f++;
		w += sprintf(w, "%s%s", e->pc[e->npc - 1].len ? ";" : "", f);
		e->pc[e->npc - 1].len = w - e->pc[e->npc - 1].s;
	}
	add_piece(e, b->line[j - 1], end - b->line[j - 1], false);
	e->rest = after_colon(end + 1);
	e->next = j;
	return 1;
}

/* Is line i a map entry? 1 and e filled in, 0 if not, or -errno. */
static int entry_head(struct bt *b, size_t i, struct entry *e)
{
	const char *s = b->line[i], *end;
	const struct tc_bpftrace_map *m;
	size_t n = 1;

	memset(e, 0, sizeof(*e));
	if (b->nul[i] || s[0] != '@')
		return 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '_')
		n++;
	if (s[n] != ':' && s[n] != '[')
		return 0;
	if (n + sizeof("_bucket") > sizeof(e->map))
		return line_error(b, i, -E2BIG, "map name longer than %zu characters",
				  sizeof(e->map) - sizeof("_bucket"));
	memcpy(e->map, s, n);
	m = layout_of(b->o, e->map);
	if (b->o->listed_only && !m)
		return 0;
	e->layout = m ? m->keys : NULL;
	e->next = i + 1;
	if (s[n] == ':') {
		e->rest = after_colon(s + n);
		return 1;
	}
	end = key_end(s + n + 1);
	if (!end)
		return multiline_key(b, i, s + n + 1, e);
	add_piece(e, s + n + 1, end - (s + n + 1), false);
	e->rest = after_colon(end + 1);
	return 1;
}

/* ---- keys ---- */

static void set_value(char *out, const char *s, size_t len)
{
	if (len < TC_SAMPLE_LVALUE) {
		memcpy(out, s, len);
		out[len] = '\0';
		return;
	}
	snprintf(out, TC_SAMPLE_LVALUE, "%.*s~%016llx", TC_SAMPLE_LVALUE - 18, s,
		 (unsigned long long)fnv(s, len));
}

static bool is_integer(const char *s, size_t len)
{
	size_t i = len && s[0] == '-';

	if (i == len)
		return false;
	for (; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static int add_key(struct bt *b, size_t line, struct entry *e, const char *s, size_t len,
		   char letter)
{
	struct tc_label *k;

	if (e->nkeys == TC_SAMPLE_LABELS)
		return line_error(b, line, -E2BIG, "%s: more keys than a sample has labels (%d)",
				  e->map, TC_SAMPLE_LABELS);
	if (letter == 'i' && !is_integer(s, len))
		return line_error(b, line, -EINVAL,
				  "%s: key %d is '%.*s', not an integer (keys '%s')", e->map,
				  e->nkeys, (int)len, s, e->layout);
	k = &e->keys[e->nkeys];
	snprintf(k->name, sizeof(k->name), "k%d", e->nkeys++);
	set_value(k->value, s, len);
	return 0;
}

/* Split text at ", " into at most MAX_TOKENS; -1 if more. */
static int tokens(const char *s, size_t len, struct piece *tok)
{
	int n = 0;
	size_t start = 0;

	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] != ',' || s[i + 1] != ' ')
			continue;
		if (n + 1 == MAX_TOKENS)
			return -1;
		tok[n++] = (struct piece){ .s = s + start, .len = i - start };
		start = i + 2;
		i++;
	}
	tok[n++] = (struct piece){ .s = s + start, .len = len - start };
	return n;
}

/*
 * Inline key text holding the m keys of layout letters lt. With more
 * ", " than that, integers are taken from the left and from the right,
 * and the one text key gets the rest.
 */
static int split_keys(struct bt *b, size_t line, struct entry *e, const struct piece *pc,
		      const char *lt, int m)
{
	struct piece tok[MAX_TOKENS];
	int n = tokens(pc->s, pc->len, tok), ns = 0, si = m, ret = 0;

	for (int k = 0; k < m; k++)
		if (lt[k] == 's') {
			ns++;
			si = k;
		}
	if (n < 0)
		return line_error(b, line, -E2BIG, "%s: a key with more than %d ', '", e->map,
				  MAX_TOKENS - 1);
	if (n > m && ns > 1)
		return line_error(b, line, -EINVAL, "%s: key '%.*s' is ambiguous: %d text keys "
				  "and %d parts", e->map, (int)pc->len, pc->s, ns, n);
	if (n < m || (n > m && !ns))
		return line_error(b, line, -EINVAL, "%s: key '%.*s' has %d parts, its layout "
				  "'%s' says %d", e->map, (int)pc->len, pc->s, n, e->layout, m);
	for (int k = 0; k < m && !ret; k++) {
		int first = k < si ? k : (k == si ? si : n - m + k), last = k < si ? k : n - m + k;

		ret = add_key(b, line, e, tok[first].s, tok[last].s + tok[last].len - tok[first].s,
			      lt[k]);
	}
	return ret;
}

static int unlaid_keys(struct bt *b, size_t line, struct entry *e, const struct piece *pc)
{
	struct piece tok[MAX_TOKENS];
	int n = tokens(pc->s, pc->len, tok), ret = 0;

	if (n < 0)
		return line_error(b, line, -E2BIG, "%s: more keys than a sample has labels (%d)",
				  e->map, TC_SAMPLE_LABELS);
	for (int k = 0; k < n && !ret; k++)
		ret = add_key(b, line, e, tok[k].s, tok[k].len, 's');
	return ret;
}

/*
 * Take off the ", " joining an inline piece to the stacks beside it.
 * False if it held no keys: "@x[" before a stack, ", " between two.
 */
static bool trim_separators(struct entry *e, int p)
{
	struct piece *pc = &e->pc[p];
	bool after = p > 0 && e->pc[p - 1].stack, before = p + 1 < e->npc && e->pc[p + 1].stack;
	int seps = 0;

	if (after && pc->len >= 2 && !strncmp(pc->s, ", ", 2)) {
		pc->s += 2;
		pc->len -= 2;
		seps++;
	}
	if (before && pc->len >= 2 && !strncmp(pc->s + pc->len - 2, ", ", 2)) {
		pc->len -= 2;
		seps++;
	}
	return pc->len || seps == after + before;
}

/* The entry's keys, from its pieces and its layout if any. */
static int entry_keys(struct bt *b, size_t line, struct entry *e)
{
	const char *lt = e->layout;
	size_t li = 0;
	int ret = 0;

	for (int p = 0; p < e->npc && !ret; p++) {
		int m = 0;

		if (e->pc[p].stack) {
			if (lt && lt[li++] != 'k')
				return line_error(b, line, -EINVAL,
						  "%s: key %d is a stack, its "
						  "layout '%s' says otherwise",
						  e->map, e->nkeys, lt);
			ret = add_key(b, line, e, e->pc[p].s, e->pc[p].len, 'k');
			continue;
		}
		if (!trim_separators(e, p))
			continue;
		if (!lt) {
			ret = unlaid_keys(b, line, e, &e->pc[p]);
			continue;
		}
		while (lt[li + m] && lt[li + m] != 'k')
			m++;
		ret = split_keys(b, line, e, &e->pc[p], lt + li, m);
		li += m;
	}
	if (!ret && lt && lt[li])
		return line_error(b, line, -EINVAL, "%s: has %d keys, its layout '%s' says %zu",
				  e->map, e->nkeys, lt, strlen(lt));
	return ret;
}

/* ---- values ---- */

enum rest_kind { REST_OTHER, REST_VALUE, REST_STATS, REST_HIST };

/* An integer at *p, as printed for counts, sums, averages, minima and maxima. */
static bool read_int(const char **p, double *v)
{
	const char *s = *p;
	char *end;

	if (*s == '-' ? !isdigit((unsigned char)s[1]) : !isdigit((unsigned char)*s))
		return false;
	errno = 0;
	*v = *s == '-' ? (double)strtoll(s, &end, 10) : (double)strtoull(s, &end, 10);
	if (errno)
		return false;
	*p = end;
	return true;
}

static bool read_word(const char **p, const char *w)
{
	if (strncmp(*p, w, strlen(w)))
		return false;
	*p += strlen(w);
	return true;
}

static enum rest_kind rest_kind(const char *s, double v[3])
{
	const char *p = s;
	size_t n = strlen(s);

	while (n && s[n - 1] == ' ')
		n--;
	if (!n)
		return REST_HIST;
	if (read_int(&p, &v[0]) && (size_t)(p - s) == n)
		return REST_VALUE;
	p = s;
	if (read_word(&p, "count ") && read_int(&p, &v[0]) && read_word(&p, ", average ") &&
	    read_int(&p, &v[1]) && read_word(&p, ", total ") && read_int(&p, &v[2]) &&
	    (size_t)(p - s) == n)
		return REST_STATS;
	return REST_OTHER;
}

/* ---- samples, kept last or summed ---- */

static int map_id(struct bt *b, const char *map)
{
	for (size_t i = 0; i < b->nmaps; i++)
		if (!strcmp(b->maps[i], map))
			return i;
	if (grow(&b->maps, &b->capmaps, b->nmaps + 1, sizeof(*b->maps)))
		return -ENOMEM;
	snprintf(b->maps[b->nmaps], sizeof(*b->maps), "%s", map);
	return b->nmaps++;
}

/* Forget what a map's last printing gave. */
static void drop_map(struct bt *b, int id)
{
	size_t w = b->n0;

	for (size_t r = b->n0; r < b->out->n; r++) {
		if (b->owner[r - b->n0] == id)
			continue;
		b->owner[w - b->n0] = b->owner[r - b->n0];
		b->out->v[w++] = b->out->v[r];
	}
	b->out->n = w;
}

/* Keeping the last: does this entry begin a new printing of its map? */
static int begin_entry(struct bt *b, const struct entry *e)
{
	struct tc_sample k = { .nlabels = e->nkeys };
	size_t at;
	bool found;
	int id, ret;

	if (b->o->sum)
		return 0;
	snprintf(k.name, sizeof(k.name), "%s", e->map);
	memcpy(k.labels, e->keys, sizeof(e->keys));
	if (!strcmp(b->run_map, e->map)) {
		ret = tc_series_index__put(&b->run_ix, &b->run_keys, &k, &at, &found);
		if (ret || !found)
			return ret;
	}
	id = map_id(b, e->map);
	if (id < 0)
		return id;
	drop_map(b, id);
	snprintf(b->run_map, sizeof(b->run_map), "%s", e->map);
	b->run_keys.n = 0;
	tc_series_index__clear(&b->run_ix);
	return tc_series_index__put(&b->run_ix, &b->run_keys, &k, &at, &found);
}

static int emit(struct bt *b, const struct entry *e, const char *suffix,
		const struct tc_label *l, int n, double v, size_t *at, bool *found)
{
	struct tc_sample x = { .nlabels = n, .value = v };
	int ret;

	snprintf(x.name, sizeof(x.name), "%s%s", e->map, suffix);
	memcpy(x.labels, l, n * sizeof(*l));
	if (b->o->sum) {
		ret = tc_series_index__put(&b->ix, b->out, &x, at, found);
		if (!ret && *found)
			b->out->v[*at].value += v;
		return ret;
	}
	*found = false;
	*at = b->out->n;
	ret = tc_samples__add(b->out, x.name, x.labels, n, v);
	if (ret || grow(&b->owner, &b->capowner, b->out->n - b->n0, sizeof(*b->owner)))
		return -ENOMEM;
	b->owner[b->out->n - 1 - b->n0] = map_id(b, e->map);
	return b->owner[b->out->n - 1 - b->n0] < 0 ? -ENOMEM : 0;
}

static int emit_stats(struct bt *b, const struct entry *e, const double v[3])
{
	static const char *const suffix[3] = { "_count", "_avg", "_total" };
	size_t at[3];
	bool found = false;
	int ret = 0;

	for (int i = 0; i < 3 && !ret; i++)
		ret = emit(b, e, suffix[i], e->keys, e->nkeys, v[i], &at[i], &found);
	if (ret || !b->o->sum || found)
		return ret;
	if (grow(&b->stats, &b->capstats, b->nstats + 1, sizeof(*b->stats)))
		return -ENOMEM;
	memcpy(b->stats[b->nstats++], at, sizeof(at));
	return 0;
}

/* bpftrace's average is the total over the count, in integers. */
static void redo_averages(struct bt *b)
{
	for (size_t i = 0; i < b->nstats; i++) {
		double count = b->out->v[b->stats[i][0]].value;
		double total = b->out->v[b->stats[i][2]].value;

		b->out->v[b->stats[i][1]].value = count ? trunc(total / count) : 0;
	}
}

/* ---- histograms ---- */

/* A bound as bpftrace prints it: -?digits, then K, M, G, T, P or E (powers of 1024). */
static bool read_bound(const char **p, bound_t *v)
{
	static const char suffix[] = "KMGTPE";
	const char *s = *p, *k;
	bool neg = *s == '-';
	bound_t n = 0;

	s += neg;
	if (!isdigit((unsigned char)*s))
		return false;
	for (; isdigit((unsigned char)*s); s++) {
		n = n * 10 + (*s - '0');
		if (n > BOUND_MAX)
			return false;
	}
	k = *s ? strchr(suffix, *s) : NULL;
	if (k) {
		n <<= 10 * (k - suffix + 1);
		s++;
	}
	if (n > BOUND_MAX)
		return false;
	*v = neg ? -n : n;
	*p = s;
	return true;
}

/* "(..., X)", "[X]", "[X, Y)" or "[X, ...)". */
static bool read_bucket(const char **p, bound_t *lo, bound_t *hi)
{
	const char *s = *p;

	if (read_word(&s, "(..., ")) {
		*lo = NEG_INF;
		if (!read_bound(&s, hi) || *s++ != ')')
			return false;
	} else if (*s++ == '[' && read_bound(&s, lo)) {
		if (*s == ']') {
			*hi = *lo + 1;
			s++;
		} else if (read_word(&s, ", ...)")) {
			*hi = POS_INF;
		} else if (!read_word(&s, ", ") || !read_bound(&s, hi) || *s++ != ')') {
			return false;
		}
	} else {
		return false;
	}
	*p = s;
	return *lo < *hi;
}

/* A row: bucket, count, bar between '|'. */
static bool read_row(const char *s, bound_t *lo, bound_t *hi, double *count)
{
	size_t n;

	if (!read_bucket(&s, lo, hi) || *s != ' ')
		return false;
	while (*s == ' ')
		s++;
	if (*s == '-' || !read_int(&s, count) || *s != ' ')
		return false;
	while (*s == ' ')
		s++;
	n = strlen(s);
	return n >= 2 && s[0] == '|' && s[n - 1] == '|';
}

static void fmt_bound(char *out, bound_t v)
{
	char tmp[48];
	int n = 0;
	bool neg = v < 0;

	if (v == NEG_INF || v == POS_INF) {
		strcpy(out, v < 0 ? "-Inf" : "+Inf");
		return;
	}
	if (neg)
		v = -v;
	do {
		tmp[n++] = '0' + (int)(v % 10);
		v /= 10;
	} while (v);
	if (neg)
		*out++ = '-';
	while (n)
		*out++ = tmp[--n];
	*out = '\0';
}

static int read_hist(struct bt *b, struct entry *e)
{
	struct tc_label l[TC_SAMPLE_LABELS];
	bound_t lo, hi, prev_hi = 0;
	size_t j, at;
	double count;
	bool found;
	int ret;

	if (e->nkeys + 2 > TC_SAMPLE_LABELS)
		return line_error(b, e->next - 1, -E2BIG, "%s: a histogram with more than %d keys",
				  e->map, TC_SAMPLE_LABELS - 2);
	memcpy(l, e->keys, e->nkeys * sizeof(*l));
	strcpy(l[e->nkeys].name, "lo");
	strcpy(l[e->nkeys + 1].name, "hi");
	for (j = e->next; j < b->nlines && !b->nul[j] && b->line[j][0] &&
			  strchr("[(", b->line[j][0]); j++) {
		if (!read_row(b->line[j], &lo, &hi, &count))
			return line_error(b, j, -EINVAL, "%s: expected a histogram row: "
					  "[LO, HI) COUNT |BAR|", e->map);
		if (j > e->next && lo != prev_hi)
			return line_error(b, j, -EINVAL, "%s: this bucket does not start where the "
					  "row above ended", e->map);
		prev_hi = hi;
		fmt_bound(l[e->nkeys].value, lo);
		fmt_bound(l[e->nkeys + 1].value, hi);
		ret = emit(b, e, "_bucket", l, e->nkeys + 2, count, &at, &found);
		if (ret)
			return ret;
	}
	e->next = j;
	return 0;
}

/* ---- the whole ---- */

static int read_entry(struct bt *b, size_t i, struct entry *e)
{
	double v[3];
	size_t at;
	bool found;
	enum rest_kind kind = rest_kind(e->rest, v);
	int ret;

	if (kind == REST_OTHER) {
		for (ret = 0; i < e->next && !ret; i++)
			ret = other_line(b, i);
		return ret;
	}
	ret = entry_keys(b, i, e);
	if (!ret)
		ret = begin_entry(b, e);
	if (ret)
		return ret;
	if (kind == REST_VALUE)
		return emit(b, e, "", e->keys, e->nkeys, v[0], &at, &found);
	if (kind == REST_STATS)
		return emit_stats(b, e, v);
	return read_hist(b, e);
}

static int parse(struct bt *b, const char *text, size_t len)
{
	struct entry e;
	int ret = split_lines(b, text, len);

	b->scratch = malloc(len + 1);
	if (ret || !b->scratch)
		return -ENOMEM;
	for (size_t i = 0; i < b->nlines && !ret;) {
		ret = entry_head(b, i, &e);
		if (ret < 0)
			break;
		if (!ret) {
			ret = other_line(b, i++);
			continue;
		}
		ret = read_entry(b, i, &e);
		i = e.next;
	}
	if (!ret && b->o->sum)
		redo_averages(b);
	return ret;
}

int tc_bpftrace_parse(const char *text, size_t len, const struct tc_bpftrace_opts *opts,
		      struct tc_samples *out, struct tc_lines *other, char *err, size_t errlen)
{
	static const struct tc_bpftrace_opts none;
	struct bt b = {
		.o = opts ? opts : &none, .out = out, .other = other, .n0 = out->n,
		.other0 = other ? other->n : 0, .err = err, .errlen = errlen,
	};
	int ret = parse(&b, text, len);

	if (ret == -ENOMEM)
		snprintf(err, errlen, "out of memory");
	if (ret) {
		out->n = b.n0;
		while (other && other->n > b.other0)
			free(other->v[--other->n].text);
	}
	free(b.buf);
	free(b.line);
	free(b.nul);
	free(b.scratch);
	tc_series_index__free(&b.ix);
	free(b.stats);
	tc_samples__free(&b.run_keys);
	tc_series_index__free(&b.run_ix);
	free(b.owner);
	free(b.maps);
	return ret;
}

void tc_lines__free(struct tc_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
