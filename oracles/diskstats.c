// SPDX-License-Identifier: GPL-2.0
/* /proc/diskstats snapshots and their deltas; see diskstats.h. */
#include <errno.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "diskstats.h"

/* The statistics in line order, as iostats.rst numbers them. */
/* clang-format off */
static const struct {
	const char *name;
	size_t off;
	bool ms;    /* printed as unsigned int: wraps at 2^32 */
	bool gauge; /* not a counter */
} fields[TC_DISKSTATS_V3] = {
#define F(x, ms, g) { #x, offsetof(struct tc_diskstats_dev, x), ms, g }
	F(rd_ios, 0, 0),    F(rd_merges, 0, 0), F(rd_sectors, 0, 0), F(rd_ticks, 1, 0),
	F(wr_ios, 0, 0),    F(wr_merges, 0, 0), F(wr_sectors, 0, 0), F(wr_ticks, 1, 0),
	F(in_flight, 0, 1), F(io_ticks, 1, 0),  F(time_in_queue, 1, 0),
	F(dc_ios, 0, 0),    F(dc_merges, 0, 0), F(dc_sectors, 0, 0), F(dc_ticks, 1, 0),
	F(fl_ios, 0, 0),    F(fl_ticks, 1, 0),
#undef F
};
/* clang-format on */

static __u64 *field(struct tc_diskstats_dev *d, int i)
{
	return (__u64 *)((char *)d + fields[i].off);
}

static __u64 cfield(const struct tc_diskstats_dev *d, int i)
{
	return *(const __u64 *)((const char *)d + fields[i].off);
}

static bool valid_layout(int nstats)
{
	return nstats == TC_DISKSTATS_V1 || nstats == TC_DISKSTATS_V2 || nstats == TC_DISKSTATS_V3;
}

static int parse_id(struct tc_diskstats_dev *d, char **f, int no, char *err, size_t errlen)
{
	__u64 major, minor;

	if (tc_text_u64(f[0], &major) || major > UINT32_MAX || tc_text_u64(f[1], &minor) ||
	    minor > UINT32_MAX) {
		snprintf(err, errlen, "line %d: '%s %s' is not a major and minor number", no, f[0],
			 f[1]);
		return -EINVAL;
	}
	if (strlen(f[2]) >= sizeof(d->name)) {
		snprintf(err, errlen, "line %d: device name '%.20s...' is too long", no, f[2]);
		return -EINVAL;
	}
	d->major = major;
	d->minor = minor;
	strcpy(d->name, f[2]);
	return 0;
}

/* One line: "MAJ MIN NAME" and 11, 15 or 17 numbers. */
static int parse_line(struct tc_diskstats_dev *d, char *line, int no, char *err, size_t errlen)
{
	char *f[3 + TC_DISKSTATS_V3];
	int n = tc_text_split(line, f, 3 + TC_DISKSTATS_V3), ret;

	memset(d, 0, sizeof(*d));
	if (n < 3) {
		snprintf(err, errlen,
			 "line %d: %d fields; expected major, minor, name and "
			 "11, 15 or 17 numbers",
			 no, n);
		return -EINVAL;
	}
	ret = parse_id(d, f, no, err, errlen);
	if (ret)
		return ret;
	d->nstats = n - 3;
	if (d->nstats == 4) {
		snprintf(err, errlen,
			 "line %d (%s): 4 statistics, the partition layout of kernels "
			 "before 2.6.25, which is not supported",
			 no, d->name);
		return -EINVAL;
	}
	if (!valid_layout(d->nstats)) {
		snprintf(err, errlen,
			 "line %d (%s): %d fields; expected 14, 18 or 20 (11, 15 or "
			 "17 statistics after the name)",
			 no, d->name, n);
		return -EINVAL;
	}
	for (int i = 0; i < d->nstats; i++) {
		if (tc_text_u64(f[3 + i], field(d, i))) {
			snprintf(err, errlen, "line %d (%s): column %d (%s) '%s' is not a number",
				 no, d->name, 4 + i, fields[i].name, f[3 + i]);
			return -EINVAL;
		}
	}
	return 0;
}

static int add(struct tc_diskstats *ds, size_t *cap)
{
	if (ds->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct tc_diskstats_dev *v = realloc(ds->devs, ncap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		ds->devs = v;
		*cap = ncap;
	}
	return 0;
}

/* Every line shares the first one's layout, and names a new device. */
static int check_line(const struct tc_diskstats *ds, const struct tc_diskstats_dev *d, int no,
		      char *err, size_t errlen)
{
	if (ds->n && ds->devs[0].nstats != d->nstats) {
		snprintf(err, errlen, "line %d (%s): %d fields, but line 1 has %d", no, d->name,
			 d->nstats + 3, ds->devs[0].nstats + 3);
		return -EINVAL;
	}
	if (tc_diskstats__find(ds, d->name)) {
		snprintf(err, errlen, "line %d (%s): the device is listed twice", no, d->name);
		return -EINVAL;
	}
	return 0;
}

int tc_diskstats__parse(struct tc_diskstats *ds, const char *text, char *err, size_t errlen)
{
	struct tc_lines l;
	size_t cap = 0;
	char *line;
	int ret;

	ds->devs = NULL;
	ds->n = 0;
	ret = tc_lines_init(&l, text, err, errlen);
	while (!ret && (line = tc_lines_next(&l))) {
		struct tc_diskstats_dev d;

		ret = parse_line(&d, line, l.no, err, errlen);
		if (!ret)
			ret = check_line(ds, &d, l.no, err, errlen);
		if (!ret && !(ret = add(ds, &cap)))
			ds->devs[ds->n++] = d;
	}
	tc_lines_free(&l);
	if (ret == -ENOMEM)
		snprintf(err, errlen, "out of memory");
	if (ret)
		tc_diskstats__free(ds);
	return ret;
}

/* tc_diskstats__parse for tc_text_read_parse. */
static int parse_any(void *ds, const char *text, char *why, size_t size)
{
	return tc_diskstats__parse(ds, text, why, size);
}

int tc_diskstats__read(struct tc_diskstats *ds, const char *path, char *err, size_t errlen)
{
	return tc_text_read_parse(path ? path : TC_DISKSTATS_PATH, parse_any, ds, err, errlen);
}

void tc_diskstats__free(struct tc_diskstats *ds)
{
	free(ds->devs);
	ds->devs = NULL;
	ds->n = 0;
}

const struct tc_diskstats_dev *tc_diskstats__find(const struct tc_diskstats *ds, const char *name)
{
	for (size_t i = 0; i < ds->n; i++)
		if (!strcmp(ds->devs[i].name, name))
			return &ds->devs[i];
	return NULL;
}

static int delta_field(const struct tc_diskstats_dev *b, const struct tc_diskstats_dev *a, int i,
		       __u64 *out, char *err, size_t errlen)
{
	__u64 vb = cfield(b, i), va = cfield(a, i);

	if (fields[i].gauge) {
		*out = va;
	} else if (va >= vb) {
		*out = va - vb;
	} else if (fields[i].ms && vb <= UINT32_MAX) {
		*out = (va - vb) & UINT32_MAX;
	} else {
		snprintf(err, errlen,
			 "%s: %s went down from %llu to %llu: the device was "
			 "attached again",
			 a->name, fields[i].name, (unsigned long long)vb, (unsigned long long)va);
		return -ERANGE;
	}
	return 0;
}

int tc_diskstats_dev__delta(const struct tc_diskstats_dev *before,
			    const struct tc_diskstats_dev *after, struct tc_diskstats_dev *out,
			    char *err, size_t errlen)
{
	struct tc_diskstats_dev d = *after;
	int ret;

	if (before->major != after->major || before->minor != after->minor) {
		snprintf(err, errlen, "%s: device %u:%u before, %u:%u after", after->name,
			 before->major, before->minor, after->major, after->minor);
		return -EINVAL;
	}
	if (before->nstats != after->nstats) {
		snprintf(err, errlen, "%s: %d statistics before, %d after", after->name,
			 before->nstats, after->nstats);
		return -EINVAL;
	}
	for (int i = 0; i < after->nstats; i++) {
		ret = delta_field(before, after, i, field(&d, i), err, errlen);
		if (ret)
			return ret;
	}
	*out = d;
	return 0;
}

int tc_diskstats__delta_dev(const struct tc_diskstats *before, const struct tc_diskstats *after,
			    const char *name, struct tc_diskstats_dev *out, char *err,
			    size_t errlen)
{
	const struct tc_diskstats_dev *b = tc_diskstats__find(before, name);
	const struct tc_diskstats_dev *a = tc_diskstats__find(after, name);

	if (!b || !a) {
		snprintf(err, errlen, "%s: not in the %s snapshot", name, b ? "second" : "first");
		return -ENOENT;
	}
	return tc_diskstats_dev__delta(b, a, out, err, errlen);
}

bool tc_diskstats_dev__same(const struct tc_diskstats_dev *a, const struct tc_diskstats_dev *b)
{
	if (a->nstats != b->nstats)
		return false;
	for (int i = 0; i < a->nstats; i++)
		if (cfield(a, i) != cfield(b, i))
			return false;
	return true;
}

__u64 tc_diskstats_dev__read_bytes(const struct tc_diskstats_dev *d)
{
	return d->rd_sectors * TC_SECTOR_BYTES;
}

__u64 tc_diskstats_dev__write_bytes(const struct tc_diskstats_dev *d)
{
	return d->wr_sectors * TC_SECTOR_BYTES;
}

__u64 tc_diskstats_dev__discard_bytes(const struct tc_diskstats_dev *d)
{
	return d->dc_sectors * TC_SECTOR_BYTES;
}

/* The fields of a device's line by name, with where each sits in the struct. */
static const struct {
	const char *name;
	size_t off;
} dev_fields[] = {
#define F(n, m) { n, offsetof(struct tc_diskstats_dev, m) }
	F("reads", rd_ios), F("read_merges", rd_merges), F("read_sectors", rd_sectors),
	F("read_ms", rd_ticks), F("writes", wr_ios), F("write_merges", wr_merges),
	F("write_sectors", wr_sectors), F("write_ms", wr_ticks), F("in_flight", in_flight),
	F("io_ms", io_ticks), F("weighted_ms", time_in_queue), F("discards", dc_ios),
	F("discard_merges", dc_merges), F("discard_sectors", dc_sectors),
	F("discard_ms", dc_ticks), F("flushes", fl_ios), F("flush_ms", fl_ticks),
#undef F
};

int tc_diskstats_dev__field(const struct tc_diskstats_dev *d, const char *name, __u64 *v)
{
	if (!strcmp(name, "read_bytes"))
		*v = tc_diskstats_dev__read_bytes(d);
	else if (!strcmp(name, "write_bytes"))
		*v = tc_diskstats_dev__write_bytes(d);
	else if (!strcmp(name, "ios"))
		*v = d->rd_ios + d->wr_ios;
	else
		for (size_t i = 0;; i++) {
			if (i == sizeof(dev_fields) / sizeof(dev_fields[0]))
				return -ENOENT;
			if (!strcmp(name, dev_fields[i].name)) {
				*v = *(const __u64 *)((const char *)d + dev_fields[i].off);
				break;
			}
		}
	return 0;
}
