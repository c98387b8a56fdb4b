// SPDX-License-Identifier: GPL-2.0
/* Numbers out of JSON documents by dotted paths; see jsonpath.h. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "jsonpath.h"

#define KEY_MAX 256

/* Line and column (from 1) of offset off in text. */
static void where(const char *text, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && text[i]; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static bool only_space(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return !*s;
}

int tc_json_parse(const char *text, json_object **root, char *err, size_t errlen)
{
	struct json_tokener *tok = json_tokener_new();
	enum json_tokener_error jerr;
	size_t len = strlen(text), end;
	int line, col;

	if (!tok)
		return -ENOMEM;
	*root = json_tokener_parse_ex(tok, text, len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (*root && jerr == json_tokener_success && only_space(text + end))
		return 0;
	json_object_put(*root);
	*root = NULL;
	where(text, end, &line, &col);
	snprintf(err, errlen, "line %d, column %d: %s", line, col,
		 jerr == json_tokener_success	 ? "text after the JSON document"
		 : jerr == json_tokener_continue ? "the document is cut short"
						 : json_tokener_error_desc(jerr));
	return -EINVAL;
}

/* tc_json_parse for tc_text_read_parse. */
static int parse_root(void *root, const char *text, char *why, size_t size)
{
	return tc_json_parse(text, root, why, size);
}

int tc_json_read(const char *path, json_object **root, char *err, size_t errlen)
{
	return tc_text_read_parse(path, parse_root, root, err, errlen);
}

/* A quoted key from p (at the quote) into key; the end, or NULL. */
static const char *quoted_key(const char *p, char *key)
{
	size_t n = 0;

	for (p++; *p && *p != '"'; p++) {
		if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		else if (*p == '\\')
			return NULL;
		if (n + 1 >= KEY_MAX)
			return NULL;
		key[n++] = *p;
	}
	key[n] = '\0';
	return *p == '"' && n ? p + 1 : NULL;
}

static const char *bare_key(const char *p, char *key)
{
	size_t n = 0;

	while (*p && !strchr(".[]\"", *p)) {
		if (n + 1 >= KEY_MAX)
			return NULL;
		key[n++] = *p++;
	}
	key[n] = '\0';
	return n ? p : NULL;
}

static const char *index_of(const char *p, size_t *idx)
{
	char *end;

	if (!isdigit((unsigned char)p[1]))
		return NULL;
	errno = 0;
	*idx = strtoull(p + 1, &end, 10);
	return errno || *end != ']' ? NULL : end + 1;
}

static int bad_path(const char *path, const char *p, const char *what, char *err, size_t errlen)
{
	snprintf(err, errlen, "bad path '%s' at offset %d: %s", path, (int)(p - path), what);
	return -EINVAL;
}

/* The path up to reached, or "the top level", for messages. */
static const char *reached_name(char *buf, size_t size, const char *path, int reached)
{
	snprintf(buf, size, "%.*s", reached, path);
	return reached ? buf : "the top level";
}

/* Step into object o by key; reached is how much of path led to o. */
static int step_key(json_object **o, const char *key, const char *path, int reached, char *err,
		    size_t errlen)
{
	json_object *next;
	char name[KEY_MAX];

	if (!json_object_is_type(*o, json_type_object)) {
		snprintf(err, errlen, "%s: is %s, not an object, so it has no key '%s'",
			 reached_name(name, sizeof(name), path, reached),
			 json_type_to_name(json_object_get_type(*o)), key);
		return -EDOM;
	}
	if (!json_object_object_get_ex(*o, key, &next)) {
		snprintf(err, errlen, "no key '%s' in %s", key,
			 reached_name(name, sizeof(name), path, reached));
		return -ENOENT;
	}
	*o = next;
	return 0;
}

static int step_index(json_object **o, size_t idx, const char *path, int reached, char *err,
		      size_t errlen)
{
	char name[KEY_MAX];
	size_t len;

	if (!json_object_is_type(*o, json_type_array)) {
		snprintf(err, errlen, "%s: is %s, not an array, so it has no [%zu]",
			 reached_name(name, sizeof(name), path, reached),
			 json_type_to_name(json_object_get_type(*o)), idx);
		return -EDOM;
	}
	len = json_object_array_length(*o);
	if (idx >= len) {
		snprintf(err, errlen, "%s: no [%zu], it has %zu element%s",
			 reached_name(name, sizeof(name), path, reached), idx, len,
			 len == 1 ? "" : "s");
		return -ENOENT;
	}
	*o = json_object_array_get_idx(*o, idx);
	return 0;
}

/* One step at p: ".key", "key" at the start, or "[N]". Advances *pp. */
static int step(json_object **o, const char *path, const char **pp, char *err, size_t errlen)
{
	const char *p = *pp, *start = p;
	char key[KEY_MAX];
	size_t idx;

	if (*p == '[') {
		p = index_of(p, &idx);
		if (!p)
			return bad_path(path, start, "expected [N]", err, errlen);
		*pp = p;
		return step_index(o, idx, path, start - path, err, errlen);
	}
	if (p != path && *p++ != '.')
		return bad_path(path, start, "expected . or [", err, errlen);
	p = *p == '"' ? quoted_key(p, key) : bare_key(p, key);
	if (!p)
		return bad_path(path, start, "expected a key, bare or in double quotes", err,
				errlen);
	*pp = p;
	return step_key(o, key, path, start - path, err, errlen);
}

int tc_jsonpath_check(const char *path, char *err, size_t errlen)
{
	const char *p = path;
	char key[KEY_MAX];
	size_t idx;

	if (!*path)
		return bad_path(path, p, "empty", err, errlen);
	while (*p) {
		const char *start = p;

		if (*p == '[') {
			p = index_of(p, &idx);
			if (!p)
				return bad_path(path, start, "expected [N]", err, errlen);
			continue;
		}
		if (p != path && *p++ != '.')
			return bad_path(path, start, "expected . or [", err, errlen);
		p = *p == '"' ? quoted_key(p, key) : bare_key(p, key);
		if (!p)
			return bad_path(path, start, "expected a key, bare or in double quotes", err,
					errlen);
	}
	return 0;
}

int tc_jsonpath_get(json_object *root, const char *path, json_object **out, char *err,
		    size_t errlen)
{
	const char *p = path;
	json_object *o = root;
	int ret;

	if (!*path)
		return bad_path(path, p, "empty", err, errlen);
	while (*p) {
		ret = step(&o, path, &p, err, errlen);
		if (ret)
			return ret;
	}
	*out = o;
	return 0;
}

static int number_at(json_object *root, const char *path, json_object **o, char *err, size_t errlen)
{
	int ret = tc_jsonpath_get(root, path, o, err, errlen);

	if (ret)
		return ret;
	if (!json_object_is_type(*o, json_type_int) && !json_object_is_type(*o, json_type_double)) {
		snprintf(err, errlen, "%s: is %s, not a number", path,
			 json_type_to_name(json_object_get_type(*o)));
		return -EDOM;
	}
	return 0;
}

int tc_jsonpath_double(json_object *root, const char *path, double *v, char *err, size_t errlen)
{
	json_object *o;
	int ret = number_at(root, path, &o, err, errlen);

	if (!ret)
		*v = json_object_get_double(o);
	return ret;
}

/*
 * json-c keeps integers as int64 or, past INT64_MAX, as uint64, and
 * saturates larger ones to UINT64_MAX without a word: so that value is
 * refused, as a possible overflow.
 */
static int int_u64(json_object *o, const char *path, __u64 *v, char *err, size_t errlen)
{
	int64_t i = json_object_get_int64(o);

	if (i < 0) {
		snprintf(err, errlen, "%s: is %lld, below 0", path, (long long)i);
		return -ERANGE;
	}
	*v = i == INT64_MAX ? json_object_get_uint64(o) : (__u64)i;
	if (*v == UINT64_MAX) {
		snprintf(err, errlen, "%s: is 2^64 - 1 or more", path);
		return -ERANGE;
	}
	return 0;
}

int tc_jsonpath_u64(json_object *root, const char *path, __u64 *v, char *err, size_t errlen)
{
	json_object *o;
	double d;
	int ret = number_at(root, path, &o, err, errlen);

	if (ret)
		return ret;
	if (json_object_is_type(o, json_type_int))
		return int_u64(o, path, v, err, errlen);
	d = json_object_get_double(o);
	if (d != d || (d > -9.2e18 && d < 9.2e18 && d != (double)(long long)d)) {
		snprintf(err, errlen, "%s: is %g, not a whole number", path, d);
		return -EDOM;
	}
	if (d < 0 || d >= 18446744073709551616.0) {
		snprintf(err, errlen, "%s: is %g, %s", path, d,
			 d < 0 ? "below 0" : "past 2^64 - 1");
		return -ERANGE;
	}
	*v = d;
	return 0;
}
