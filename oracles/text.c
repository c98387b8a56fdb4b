// SPDX-License-Identifier: GPL-2.0
/* Whole files, lines and fields for the oracle parsers; see text.h. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../common/opts.h"
#include "text.h"

static int grow(char **buf, size_t *cap)
{
	size_t ncap = *cap ? *cap * 2 : 8192;
	char *nbuf;

	if (ncap > TC_TEXT_MAX + 1)
		return -EFBIG;
	nbuf = realloc(*buf, ncap);
	if (!nbuf)
		return -ENOMEM;
	*buf = nbuf;
	*cap = ncap;
	return 0;
}

int tc_text_slurp(const char *path, char **buf, size_t *len, char *err, size_t errlen)
{
	size_t cap = 0, n = 0;
	char *b = NULL;
	int fd, ret = 0;
	ssize_t got;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(-ret));
		return ret;
	}
	do {
		if (n + 1 >= cap && (ret = grow(&b, &cap)))
			break;
		got = read(fd, b + n, cap - n - 1);
		if (got < 0)
			ret = -errno;
		else
			n += got;
	} while (!ret && got > 0);
	close(fd);
	if (ret) {
		snprintf(err, errlen, "%s: %s", path,
			 ret == -EFBIG ? "larger than any oracle file" : strerror(-ret));
		free(b);
		return ret;
	}
	b[n] = '\0';
	*buf = b;
	if (len)
		*len = n;
	return 0;
}

int tc_lines_init(struct tc_lines *l, const char *text, char *err, size_t errlen)
{
	size_t len = strlen(text);

	l->no = 0;
	l->copy = NULL;
	l->next = NULL;
	if (len && text[len - 1] != '\n') {
		int last = 1;

		for (const char *p = text; *p; p++)
			last += *p == '\n';
		snprintf(err, errlen, "line %d: no newline at its end: the text is cut short",
			 last);
		return -EINVAL;
	}
	l->copy = strdup(text);
	if (!l->copy) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	l->next = len ? l->copy : NULL;
	return 0;
}

char *tc_lines_next(struct tc_lines *l)
{
	char *line = l->next, *nl;

	if (!line)
		return NULL;
	nl = strchr(line, '\n');
	*nl = '\0';
	l->next = nl[1] ? nl + 1 : NULL;
	l->no++;
	return line;
}

void tc_lines_free(struct tc_lines *l)
{
	free(l->copy);
	l->copy = l->next = NULL;
}

int tc_text_split(char *line, char **f, int max)
{
	int n = 0;

	for (char *p = line; *p;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		if (n < max)
			f[n] = p;
		n++;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	return n;
}

int tc_text_u64(const char *s, __u64 *v)
{
	return tc_parse_u64(s, 0, UINT64_MAX, v);
}

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

int tc_text_double(const char *s, double *v)
{
	const char *p = s;
	char *end;

	while (isdigit((unsigned char)*p))
		p++;
	if (p == s)
		return -EINVAL;
	if (*p == '.') {
		const char *frac = ++p;

		while (isdigit((unsigned char)*p))
			p++;
		if (p == frac)
			return -EINVAL;
	}
	if (*p)
		return -EINVAL;
	/* iostat and fio print in the C locale whatever the caller's is. */
	pthread_once(&c_locale_once, make_c_locale);
	if (!c_locale)
		return -ENOMEM;
	errno = 0;
	*v = strtod_l(s, &end, c_locale);
	return errno == ERANGE ? -ERANGE : 0;
}

int tc_text_read_parse(const char *path,
		       int (*parse)(void *obj, const char *text, char *why, size_t size), void *obj,
		       char *err, size_t errlen)
{
	char *text, why[240];
	int ret = tc_text_slurp(path, &text, NULL, err, errlen);

	if (ret)
		return ret;
	ret = parse(obj, text, why, sizeof(why));
	if (ret)
		snprintf(err, errlen, "%s: %s", path, why);
	free(text);
	return ret;
}
