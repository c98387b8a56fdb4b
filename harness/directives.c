// SPDX-License-Identifier: GPL-2.0
/* Directive files: reading, checking against a table, docs; see directives.h. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "directives.h"

char *tc_trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int add_record(struct tc_dfile *f)
{
	if (f->n == f->cap) {
		int cap = f->cap ? f->cap * 2 : 8;
		struct tc_record *r = realloc(f->records, cap * sizeof(*r));

		if (!r)
			return -ENOMEM;
		f->records = r;
		f->cap = cap;
	}
	memset(&f->records[f->n++], 0, sizeof(struct tc_record));
	return 0;
}

static int add_line(struct tc_record *r, const char *file, int line, const char *key,
		    const char *value)
{
	struct tc_dline *l;

	if (r->n == r->cap) {
		int cap = r->cap ? r->cap * 2 : 16;
		struct tc_dline *v = realloc(r->lines, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		r->lines = v;
		r->cap = cap;
	}
	l = &r->lines[r->n];
	l->file = file;
	l->line = line;
	l->key = strdup(key);
	l->value = strdup(value);
	if (!l->key || !l->value) {
		free(l->key);
		free(l->value);
		return -ENOMEM;
	}
	r->n++;
	return 0;
}

static bool is_directive_word(const char *w)
{
	if (!*w)
		return false;
	for (; *w; w++)
		if (!(isupper((unsigned char)*w) || isdigit((unsigned char)*w) || *w == '_'))
			return false;
	return true;
}

int tc_dfile_parse(const char *name, const char *text, struct tc_dfile *f, char *err,
		   size_t errlen)
{
	char *copy = strdup(text), *p, *next;
	bool in_record = false;
	int lineno = 0, ret = 0;

	memset(f, 0, sizeof(*f));
	f->path = strdup(name);
	if (!copy || !f->path) {
		free(copy);
		return -ENOMEM;
	}
	for (p = copy; p; p = next) {
		char *line, *key, *value;

		next = strchr(p, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		line = tc_trim(p);
		if (!*line) {
			in_record = false;
			continue;
		}
		if (*line == '#')
			continue;
		key = line;
		value = line + strcspn(line, " \t");
		if (*value)
			*value++ = '\0';
		value = tc_trim(value);
		if (!is_directive_word(key)) {
			snprintf(err, errlen, "%s:%d: '%s' is not a directive (directives are "
				 "upper-case words: NAME, EXPECT, ...)", name, lineno, key);
			ret = -EINVAL;
			break;
		}
		if (!in_record) {
			ret = add_record(f);
			if (ret)
				break;
			in_record = true;
		}
		ret = add_line(&f->records[f->n - 1], f->path, lineno, key, value);
		if (ret)
			break;
	}
	free(copy);
	if (ret)
		tc_dfile_free(f);
	return ret;
}

int tc_dfile_read(const char *path, struct tc_dfile *f, char *err, size_t errlen)
{
	FILE *in = fopen(path, "r");
	char *text = NULL;
	size_t size = 0;
	int ret;

	if (!in) {
		ret = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	{
		FILE *mem = open_memstream(&text, &size);
		char buf[4096];
		size_t n;

		if (!mem) {
			fclose(in);
			return -ENOMEM;
		}
		while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
			fwrite(buf, 1, n, mem);
		fclose(mem);
	}
	if (ferror(in)) {
		ret = -EIO;
		snprintf(err, errlen, "%s: read error", path);
		fclose(in);
		free(text);
		return ret;
	}
	fclose(in);
	ret = tc_dfile_parse(path, text, f, err, errlen);
	free(text);
	return ret;
}

void tc_dfile_free(struct tc_dfile *f)
{
	for (int i = 0; i < f->n; i++) {
		for (int j = 0; j < f->records[i].n; j++) {
			free(f->records[i].lines[j].key);
			free(f->records[i].lines[j].value);
		}
		free(f->records[i].lines);
	}
	free(f->records);
	free(f->path);
	memset(f, 0, sizeof(*f));
}

static const struct tc_directive *lookup(const struct tc_directive *t, const char *name)
{
	for (; t->name; t++)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

static void known_list(const struct tc_directive *t, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (; t->name && len + 2 < size; t++)
		len += snprintf(buf + len, size - len, "%s%s", len ? ", " : "", t->name);
}

int tc_record_check(const struct tc_record *r, const struct tc_directive *table, char *err,
		    size_t errlen)
{
	char known[512];

	for (int i = 0; i < r->n; i++) {
		const struct tc_dline *l = &r->lines[i];
		const struct tc_directive *d = lookup(table, l->key);

		if (!d) {
			known_list(table, known, sizeof(known));
			snprintf(err, errlen, "%s:%d: unknown directive %s (known: %s)", l->file,
				 l->line, l->key, known);
			return -EINVAL;
		}
		if (!*l->value && *d->args) {
			snprintf(err, errlen, "%s:%d: %s needs %s", l->file, l->line, l->key,
				 d->args);
			return -EINVAL;
		}
		if (d->repeatable)
			continue;
		for (int j = 0; j < i; j++)
			if (!strcmp(r->lines[j].key, l->key)) {
				snprintf(err, errlen, "%s:%d: %s given twice (first at line %d)",
					 l->file, l->line, l->key, r->lines[j].line);
				return -EINVAL;
			}
	}
	for (const struct tc_directive *d = table; d->name; d++) {
		if (!d->required || tc_record_get(r, d->name))
			continue;
		snprintf(err, errlen, "%s:%d: the record starting here has no %s (%s)",
			 r->n ? r->lines[0].file : "?", r->n ? r->lines[0].line : 0, d->name,
			 d->help);
		return -EINVAL;
	}
	return 0;
}

const struct tc_dline *tc_record_get(const struct tc_record *r, const char *name)
{
	for (int i = 0; i < r->n; i++)
		if (!strcmp(r->lines[i].key, name))
			return &r->lines[i];
	return NULL;
}

void tc_directives_markdown(FILE *f, const struct tc_directive *t)
{
	fprintf(f, "| directive | arguments | required | repeatable | meaning |\n");
	fprintf(f, "|---|---|---|---|---|\n");
	for (; t->name; t++)
		fprintf(f, "| `%s` | %s | %s | %s | %s |\n", t->name, *t->args ? t->args : "-",
			t->required ? "yes" : "no", t->repeatable ? "yes" : "no", t->help);
}

int tc_split_words(char *value, char **words, int max)
{
	int n = 0;
	char *p = value;

	while (*p) {
		char *w;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		if (n == max)
			return -1;
		if (*p == '"') {
			w = ++p;
			while (*p && *p != '"')
				p++;
			if (*p != '"')
				return -1;
			*p++ = '\0';
		} else {
			w = p;
			while (*p && !isspace((unsigned char)*p))
				p++;
			if (*p)
				*p++ = '\0';
		}
		words[n++] = w;
	}
	return n;
}

int tc_dline_parse(const struct tc_directive *table, void *obj, const struct tc_dline *l,
		   char *err, size_t errlen)
{
	const struct tc_directive *d = lookup(table, l->key);

	if (!d || !d->parse) {
		snprintf(err, errlen, "%s:%d: %s: no parser for this directive", l->file, l->line,
			 l->key);
		return -EINVAL;
	}
	return d->parse(obj, l, err, errlen);
}

int tc_directive_ignore(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	(void)obj;
	(void)l;
	(void)err;
	(void)errlen;
	return 0;
}

int tc_dline_fail(char *err, size_t errlen, const struct tc_dline *l, const char *fmt,
		  const char *arg)
{
	char msg[400];

	snprintf(msg, sizeof(msg), fmt, arg);
	snprintf(err, errlen, "%s:%d: %s %s", l->file, l->line, l->key, msg);
	return -EINVAL;
}
