// SPDX-License-Identifier: GPL-2.0
/*
 * Column tables into samples; see parse_table.h. A row is cut into
 * fields at blanks; its samples are made whole before any is added, so
 * that a row beginning a block can first drop the block before it.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse_prom.h"
#include "parse_table.h"

#define MAX_FIELDS 256

struct field {
	const char *s;
	size_t len;
};

/* A row read, not yet added. */
struct row {
	int nlabels;
	struct tc_label labels[TC_SAMPLE_LABELS];
	double value[TC_TABLE_COLS];
};

struct tp {
	const struct tc_table_spec *sp;
	struct tc_samples *out;
	size_t n0;
	struct tc_series_index ix;
	char *buf, **line;
	size_t nlines;
	int header_line; /* of the last header; 0 before the first */
	char *err;
	size_t errlen;
};

static int spec_error(struct tp *t, const char *fmt, const char *arg)
{
	char why[200];

	snprintf(why, sizeof(why), fmt, arg);
	snprintf(t->err, t->errlen, "table spec: %s", why);
	return -EINVAL;
}

static int line_error(struct tp *t, size_t i, const char *fmt, ...)
{
	const char *text = t->line[i];
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(t->err, t->errlen, "line %zu: %s: '%.80s%s'", i + 1, why, text,
		 strlen(text) > 80 ? "..." : "");
	return -EINVAL;
}

static bool has_blank(const char *s)
{
	return !*s || strpbrk(s, " \t");
}

static int check_spec(struct tp *t)
{
	const struct tc_table_spec *sp = t->sp;
	int nlabels = 0, nmetrics = 0, nspaces = 0;

	if (sp->ncols < 1 || sp->ncols > TC_TABLE_COLS)
		return spec_error(t, "%s", "needs 1 to 24 columns");
	for (int c = 0; c < sp->ncols; c++) {
		const struct tc_table_col *col = &sp->cols[c];

		if (has_blank(col->header))
			return spec_error(t, "column header '%s' is empty or holds a blank",
					  col->header);
		if (col->kind != TC_TABLE_IGNORE && !*col->name)
			return spec_error(t, "column %s has no label or metric name", col->header);
		if (col->kind == TC_TABLE_LABEL && strlen(col->name) >= TC_SAMPLE_LNAME)
			return spec_error(t, "label name '%s' is too long", col->name);
		nlabels += col->kind == TC_TABLE_LABEL;
		nmetrics += col->kind == TC_TABLE_METRIC;
		nspaces += col->spaces;
	}
	if (nlabels > TC_SAMPLE_LABELS)
		return spec_error(t, "%s", "more label columns than a sample has labels (8)");
	if (!nmetrics)
		return spec_error(t, "%s", "no metric column");
	if (nspaces > 1)
		return spec_error(t, "%s", "more than one column whose values may hold blanks");
	return 0;
}

static int split_lines(struct tp *t, const char *text, size_t len)
{
	size_t n = 1;

	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	t->buf = malloc(len + 1);
	t->line = calloc(n, sizeof(*t->line));
	if (!t->buf || !t->line)
		return -ENOMEM;
	memcpy(t->buf, text, len);
	t->buf[len] = '\0';
	for (size_t i = 0; i < len;) {
		char *s = t->buf + i, *nl = memchr(s, '\n', len - i);
		size_t l = nl ? (size_t)(nl - s) : len - i;

		for (size_t k = 0; k < l; k++)
			if (!s[k]) /* a NUL byte, which no header or number holds */
				s[k] = '?';
		s[l] = '\0';
		if (l && s[l - 1] == '\r')
			s[l - 1] = '\0';
		t->line[t->nlines++] = s;
		i += l + 1;
	}
	return 0;
}

/* Blank-separated fields; -1 if more than MAX_FIELDS. */
static int fields_of(const char *s, struct field *f)
{
	int n = 0;

	for (;;) {
		s += strspn(s, " \t");
		if (!*s)
			return n;
		if (n == MAX_FIELDS)
			return -1;
		f[n].s = s;
		f[n].len = strcspn(s, " \t");
		s += f[n++].len;
	}
}

static bool is_header(const struct tc_table_spec *sp, const char *line)
{
	struct field f[MAX_FIELDS];
	int n = fields_of(line, f);

	if (n != sp->ncols)
		return false;
	for (int c = 0; c < n; c++)
		if (f[c].len != strlen(sp->cols[c].header) ||
		    strncmp(f[c].s, sp->cols[c].header, f[c].len))
			return false;
	return true;
}

/* The row's fields, one per column, the column with blanks taking any extra. */
static int columns_of(const struct tc_table_spec *sp, const char *line, struct field *col)
{
	struct field f[MAX_FIELDS];
	int n = fields_of(line, f), extra = n - sp->ncols, sc = -1;

	for (int c = 0; c < sp->ncols; c++)
		if (sp->cols[c].spaces)
			sc = c;
	if (n < 0 || extra < 0 || (extra > 0 && sc < 0))
		return n;
	for (int c = 0, k = 0; c < sp->ncols; c++, k++) {
		col[c] = f[k];
		if (c != sc || !extra)
			continue;
		k += extra;
		col[c].len = f[k].s + f[k].len - col[c].s;
	}
	return sp->ncols;
}

/*
 * A number as such tables print it: an integer or a decimal, maybe
 * signed, its integer part maybe in groups of three between commas.
 * Scaled in long double, so that both 0.12 ms x 1000000 and biotop's
 * Kbytes (bytes / 1024 in Python: 0.9765625) x 1024 come out exact.
 */
static bool read_number(const struct field *f, double scale, double *v)
{
	char num[80];
	size_t i = 0, n = 0, group = 0;
	bool grouped = false, point = false;

	if (f->len && (f->s[0] == '-' || f->s[0] == '+'))
		num[n++] = f->s[i++];
	for (; i < f->len && n + 1 < sizeof(num); i++) {
		char c = f->s[i];

		if (c == ',' && !point && group && (grouped ? group == 3 : group <= 3)) {
			grouped = true;
			group = 0;
			continue;
		}
		if (c == '.' && !point && group && (!grouped || group == 3))
			point = true;
		else if (isdigit((unsigned char)c))
			group++;
		else
			return false;
		num[n++] = c;
	}
	if (i < f->len || !group || (grouped && !point && group != 3))
		return false;
	num[n] = '\0';
	*v = (double)(strtold(num, NULL) * scale);
	return true;
}

static int read_row(struct tp *t, size_t i, struct row *r, bool quiet)
{
	const struct tc_table_spec *sp = t->sp;
	struct field col[TC_TABLE_COLS];
	int n = columns_of(sp, t->line[i], col);

	if (n != sp->ncols)
		return quiet ? 1 : line_error(t, i, "%d fields, and the header of line %d has %d "
					      "columns", n, t->header_line, sp->ncols);
	r->nlabels = 0;
	for (int c = 0; c < sp->ncols; c++) {
		const struct tc_table_col *tc = &sp->cols[c];
		struct tc_label *l = &r->labels[r->nlabels];

		if (tc->kind == TC_TABLE_LABEL) {
			if (col[c].len >= sizeof(l->value))
				return quiet ? 1 : line_error(t, i, "column %s: longer than %zu "
							      "characters", tc->header,
							      sizeof(l->value) - 1);
			snprintf(l->name, sizeof(l->name), "%s", tc->name);
			snprintf(l->value, sizeof(l->value), "%.*s", (int)col[c].len, col[c].s);
			r->nlabels++;
		} else if (tc->kind == TC_TABLE_METRIC &&
			   !read_number(&col[c], tc->scale ? tc->scale : 1, &r->value[c])) {
			return quiet ? 1 : line_error(t, i, "column %s: '%.*s' is not a number",
						      tc->header, (int)col[c].len, col[c].s);
		}
	}
	return 0;
}

static int add_row(struct tp *t, const struct row *r)
{
	for (int c = 0; c < t->sp->ncols; c++) {
		struct tc_sample x = { .nlabels = r->nlabels, .value = r->value[c] };
		size_t at;
		bool found;
		int ret;

		if (t->sp->cols[c].kind != TC_TABLE_METRIC)
			continue;
		snprintf(x.name, sizeof(x.name), "%s", t->sp->cols[c].name);
		memcpy(x.labels, r->labels, sizeof(r->labels));
		ret = tc_series_index__put(&t->ix, t->out, &x, &at, &found);
		if (ret)
			return ret;
		if (found)
			t->out->v[at].value += x.value;
	}
	return 0;
}

static void begin_block(struct tp *t)
{
	if (t->sp->sum)
		return;
	t->out->n = t->n0;
	tc_series_index__clear(&t->ix);
}

/* Lines tools print when they end, right after their last row. */
static const char *const enders[] = { "Detaching...", NULL };

static bool is_ender(const char *s)
{
	size_t n;

	s += strspn(s, " \t");
	for (n = strlen(s); n && (s[n - 1] == ' ' || s[n - 1] == '\t'); n--)
		;
	for (int i = 0; enders[i]; i++)
		if (strlen(enders[i]) == n && !strncmp(s, enders[i], n))
			return true;
	return false;
}

/*
 * A line inside a block: a row, the next block's title (a line just
 * before its header), or a line that ends the tool's output (BCC's
 * "Detaching..."); anything else is an error.
 */
static int block_line(struct tp *t, size_t i, bool *in_block)
{
	struct row r;
	int ret = read_row(t, i, &r, true);

	if (!ret)
		return add_row(t, &r);
	if ((i + 1 < t->nlines && is_header(t->sp, t->line[i + 1])) || is_ender(t->line[i])) {
		*in_block = false;
		return 0;
	}
	return read_row(t, i, &r, false);
}

static int parse(struct tp *t)
{
	bool in_block = false;
	struct row r;
	int ret = 0;

	for (size_t i = 0; i < t->nlines && !ret; i++) {
		const char *s = t->line[i];

		if (is_header(t->sp, s)) {
			t->header_line = i + 1;
			begin_block(t);
			in_block = true;
		} else if (!s[strspn(s, " \t")]) {
			in_block = false;
		} else if (in_block) {
			ret = block_line(t, i, &in_block);
		} else if (t->header_line && !read_row(t, i, &r, true)) {
			begin_block(t); /* a block without a header, after a blank line */
			in_block = true;
			ret = add_row(t, &r);
		}
	}
	if (ret)
		return ret;
	return t->header_line ? 0 : -ENODATA;
}

static void header_text(const struct tc_table_spec *sp, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int c = 0; c < sp->ncols && n < size; c++)
		n += snprintf(buf + n, size - n, "%s%s", c ? " " : "", sp->cols[c].header);
}

int tc_table_parse(const char *text, size_t len, const struct tc_table_spec *spec,
		   struct tc_samples *out, char *err, size_t errlen)
{
	struct tp t = { .sp = spec, .out = out, .n0 = out->n, .err = err, .errlen = errlen };
	char header[120];
	int ret = check_spec(&t);

	if (!ret)
		ret = split_lines(&t, text, len);
	if (!ret)
		ret = parse(&t);
	if (ret == -ENOMEM)
		snprintf(err, errlen, "out of memory");
	if (ret == -ENODATA) {
		header_text(spec, header, sizeof(header));
		snprintf(err, errlen, "no header line '%s' in %zu lines", header, t.nlines);
	}
	if (ret)
		out->n = t.n0;
	tc_series_index__free(&t.ix);
	free(t.buf);
	free(t.line);
	return ret;
}
