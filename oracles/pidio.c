// SPDX-License-Identifier: GPL-2.0
/* /proc/PID/io snapshots and their deltas; see pidio.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "pidio.h"

/* clang-format off */
static const struct {
	const char *key;
	size_t off;
} keys[] = {
#define K(x) { #x, offsetof(struct tc_pidio, x) }
	K(rchar), K(wchar), K(syscr), K(syscw), K(read_bytes), K(write_bytes),
	K(cancelled_write_bytes),
#undef K
};
/* clang-format on */

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static __u64 *slot(struct tc_pidio *io, size_t k)
{
	return (__u64 *)((char *)io + keys[k].off);
}

static __u64 cslot(const struct tc_pidio *io, size_t k)
{
	return *(const __u64 *)((const char *)io + keys[k].off);
}

static int find_key(const char *key)
{
	for (size_t k = 0; k < NKEYS; k++)
		if (!strcmp(keys[k].key, key))
			return k;
	return -1;
}

/* "key: number"; seen[] catches a key given twice. */
static int parse_line(struct tc_pidio *io, char *line, int no, unsigned int *seen, char *err,
		      size_t errlen)
{
	char *colon = strchr(line, ':'), *f[2];
	int n, k;
	__u64 v;

	if (!colon || colon == line || colon[1] != ' ') {
		snprintf(err, errlen, "line %d: '%s' is not 'key: number'", no, line);
		return -EINVAL;
	}
	*colon = '\0';
	n = tc_text_split(colon + 1, f, 2);
	k = find_key(line);
	if (n != 1) {
		snprintf(err, errlen, "line %d (%s): %s", no, line,
			 n ? "more than one value" : "no value");
		return -EINVAL;
	}
	if (k >= 0 && (*seen & (1u << k))) {
		snprintf(err, errlen, "line %d: %s given twice", no, line);
		return -EINVAL;
	}
	if (tc_text_u64(f[0], &v)) {
		snprintf(err, errlen, "line %d (%s): '%s' is not a number", no, line, f[0]);
		return -EINVAL;
	}
	if (k >= 0) {
		*slot(io, k) = v;
		*seen |= 1u << k;
	}
	return 0;
}

int tc_pidio__parse(struct tc_pidio *io, const char *text, char *err, size_t errlen)
{
	unsigned int seen = 0;
	struct tc_lines l;
	char *line;
	int ret;

	memset(io, 0, sizeof(*io));
	ret = tc_lines_init(&l, text, err, errlen);
	while (!ret && (line = tc_lines_next(&l)))
		ret = parse_line(io, line, l.no, &seen, err, errlen);
	tc_lines_free(&l);
	for (size_t k = 0; !ret && k < NKEYS; k++) {
		if (!(seen & (1u << k))) {
			snprintf(err, errlen, "no %s (after line %d)", keys[k].key, l.no);
			ret = -EINVAL;
		}
	}
	return ret;
}

/* tc_pidio__parse for tc_text_read_parse. */
static int parse_any(void *io, const char *text, char *why, size_t size)
{
	return tc_pidio__parse(io, text, why, size);
}

int tc_pidio__read_path(struct tc_pidio *io, const char *path, char *err, size_t errlen)
{
	return tc_text_read_parse(path, parse_any, io, err, errlen);
}

int tc_pidio__read(struct tc_pidio *io, pid_t pid, char *err, size_t errlen)
{
	char path[64];
	int ret;

	snprintf(path, sizeof(path), "/proc/%d/io", (int)pid);
	ret = tc_pidio__read_path(io, path, err, errlen);
	if (ret == -ENOENT)
		snprintf(err, errlen, "%s: no such process: read it before the process is reaped",
			 path);
	return ret;
}

int tc_pidio__delta(const struct tc_pidio *before, const struct tc_pidio *after,
		    struct tc_pidio *out, char *err, size_t errlen)
{
	struct tc_pidio d;

	for (size_t k = 0; k < NKEYS; k++) {
		__u64 b = cslot(before, k), a = cslot(after, k);

		if (a < b) {
			snprintf(err, errlen,
				 "%s went down from %llu to %llu: not the same process",
				 keys[k].key, (unsigned long long)b, (unsigned long long)a);
			return -ERANGE;
		}
		*slot(&d, k) = a - b;
	}
	*out = d;
	return 0;
}

int tc_pidio__field(const struct tc_pidio *io, const char *name, __u64 *v)
{
	int k = find_key(name);

	if (k < 0)
		return -ENOENT;
	*v = cslot(io, k);
	return 0;
}
