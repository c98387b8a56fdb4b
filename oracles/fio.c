// SPDX-License-Identifier: GPL-2.0
/* fio's JSON output as an oracle; see fio.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "jsonpath.h"
#include "text.h"
#include "fio.h"

/* Whole numbers of a direction, by path under "read" or "write". */
static const struct {
	const char *path;
	size_t off;
} dir_fields[] = {
	{ "io_bytes", offsetof(struct tc_fio_dir, io_bytes) },
	{ "total_ios", offsetof(struct tc_fio_dir, total_ios) },
	{ "runtime", offsetof(struct tc_fio_dir, runtime_ms) },
	{ "clat_ns.min", offsetof(struct tc_fio_dir, clat.min) },
	{ "clat_ns.max", offsetof(struct tc_fio_dir, clat.max) },
	{ "clat_ns.N", offsetof(struct tc_fio_dir, clat.n) },
};

/* clang-format off */
static const struct {
	const char *key;
	size_t off;
} disk_fields[] = {
#define D(x) { #x, offsetof(struct tc_fio_disk, x) }
	D(read_ios),   D(write_ios),   D(read_merges), D(write_merges),
	D(read_ticks), D(write_ticks), D(in_queue),
#undef D
};
/* clang-format on */

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int parse_pcts(json_object *pcts, struct tc_fio_clat *c, char *err, size_t errlen)
{
	json_object_object_foreach(pcts, key, val)
	{
		struct tc_fio_pct *p = &c->pct[c->npct];
		int64_t ns = json_object_get_int64(val);

		if (c->npct == TC_FIO_PCTS) {
			snprintf(err, errlen, "more than %d percentiles", TC_FIO_PCTS);
			return -EINVAL;
		}
		if (tc_text_double(key, &p->pct) || !json_object_is_type(val, json_type_int) ||
		    ns < 0) {
			snprintf(err, errlen, "percentile '%s': not \"PERCENT\" : NANOSECONDS",
				 key);
			return -EINVAL;
		}
		p->ns = ns;
		c->npct++;
	}
	return 0;
}

static int parse_dir(json_object *job, const char *dir, struct tc_fio_dir *d, char *err,
		     size_t errlen)
{
	json_object *pcts;
	char path[64];
	int ret;

	for (size_t i = 0; i < N(dir_fields); i++) {
		snprintf(path, sizeof(path), "%s.%s", dir, dir_fields[i].path);
		ret = tc_jsonpath_u64(job, path, (__u64 *)((char *)d + dir_fields[i].off), err,
				      errlen);
		if (ret)
			return -EINVAL;
	}
	snprintf(path, sizeof(path), "%s.clat_ns.mean", dir);
	if (tc_jsonpath_double(job, path, &d->clat.mean, err, errlen))
		return -EINVAL;
	snprintf(path, sizeof(path), "%s.clat_ns.percentile", dir);
	ret = tc_jsonpath_get(job, path, &pcts, err, errlen);
	if (ret == -ENOENT)
		return 0;
	if (ret || !json_object_is_type(pcts, json_type_object)) {
		snprintf(err, errlen, "%s: not an object", path);
		return -EINVAL;
	}
	return parse_pcts(pcts, &d->clat, err, errlen);
}

static int copy_string(json_object *o, const char *key, char *buf, size_t size, char *err,
		       size_t errlen)
{
	json_object *s;

	if (!json_object_object_get_ex(o, key, &s) || !json_object_is_type(s, json_type_string)) {
		snprintf(err, errlen, "no string '%s'", key);
		return -EINVAL;
	}
	snprintf(buf, size, "%s", json_object_get_string(s));
	return 0;
}

static int parse_job(json_object *o, struct tc_fio_job *j, char *err, size_t errlen)
{
	__u64 error = 0;
	int ret;

	memset(j, 0, sizeof(*j));
	ret = copy_string(o, "jobname", j->name, sizeof(j->name), err, errlen);
	if (!ret)
		ret = tc_jsonpath_u64(o, "error", &error, err, errlen) ? -EINVAL : 0;
	if (!ret)
		ret = parse_dir(o, "read", &j->read, err, errlen);
	if (!ret)
		ret = parse_dir(o, "write", &j->write, err, errlen);
	j->error = error;
	return ret;
}

static int parse_disk(json_object *o, struct tc_fio_disk *d, char *err, size_t errlen)
{
	int ret;

	memset(d, 0, sizeof(*d));
	d->sampled = true;
	ret = copy_string(o, "name", d->name, sizeof(d->name), err, errlen);
	for (size_t i = 0; !ret && i < N(disk_fields); i++)
		if (tc_jsonpath_u64(o, disk_fields[i].key,
				    (__u64 *)((char *)d + disk_fields[i].off), err, errlen))
			ret = -EINVAL;
	if (!ret && tc_jsonpath_double(o, "util", &d->util, err, errlen))
		ret = -EINVAL;
	return ret;
}

static int parse_jobs(json_object *root, struct tc_fio *f, char *err, size_t errlen)
{
	json_object *jobs;
	char why[200];
	int ret;

	if (tc_jsonpath_get(root, "jobs", &jobs, err, errlen) ||
	    !json_object_is_type(jobs, json_type_array)) {
		snprintf(err, errlen, "no array 'jobs'");
		return -EINVAL;
	}
	f->jobs = calloc(json_object_array_length(jobs) + 1, sizeof(*f->jobs));
	if (!f->jobs)
		return -ENOMEM;
	for (size_t i = 0; i < json_object_array_length(jobs); i++) {
		ret = parse_job(json_object_array_get_idx(jobs, i), &f->jobs[i], why, sizeof(why));
		if (ret) {
			snprintf(err, errlen, "jobs[%zu] (%s): %s", i,
				 f->jobs[i].name[0] ? f->jobs[i].name : "?", why);
			return ret;
		}
		f->njobs++;
	}
	return 0;
}

/* disk_util is absent when fio ran on no block device. */
static int parse_disks(json_object *root, struct tc_fio *f, char *err, size_t errlen)
{
	json_object *disks;
	char why[200];
	int ret;

	if (!json_object_object_get_ex(root, "disk_util", &disks))
		return 0;
	if (!json_object_is_type(disks, json_type_array)) {
		snprintf(err, errlen, "disk_util: not an array");
		return -EINVAL;
	}
	f->disks = calloc(json_object_array_length(disks) + 1, sizeof(*f->disks));
	if (!f->disks)
		return -ENOMEM;
	for (size_t i = 0; i < json_object_array_length(disks); i++) {
		ret =
		    parse_disk(json_object_array_get_idx(disks, i), &f->disks[i], why, sizeof(why));
		if (ret) {
			snprintf(err, errlen, "disk_util[%zu]: %s", i, why);
			return ret;
		}
		f->ndisks++;
	}
	return 0;
}

/* The JSON starts at the first line beginning with '{'. */
static const char *json_start(const char *text, int *preamble)
{
	const char *p = text;

	*preamble = 0;
	while (*p && *p != '{') {
		p = strchr(p, '\n');
		if (!p)
			return NULL;
		p++;
		(*preamble)++;
	}
	return *p ? p : NULL;
}

int tc_fio__from_json(struct tc_fio *f, json_object *root, char *err, size_t errlen)
{
	int preamble = f->preamble, ret;

	memset(f, 0, sizeof(*f));
	f->preamble = preamble;
	ret = copy_string(root, "fio version", f->version, sizeof(f->version), err, errlen);
	if (!ret)
		ret = parse_jobs(root, f, err, errlen);
	if (!ret)
		ret = parse_disks(root, f, err, errlen);
	if (ret == -ENOMEM)
		snprintf(err, errlen, "out of memory");
	if (ret)
		tc_fio__free(f);
	return ret;
}

int tc_fio__parse_root(struct tc_fio *f, const char *text, json_object **rootp, char *err,
		       size_t errlen)
{
	const char *start;
	json_object *root;
	char why[200];
	int ret;

	memset(f, 0, sizeof(*f));
	start = json_start(text, &f->preamble);
	if (!start) {
		snprintf(err, errlen, "no line starts with '{': not fio's JSON output");
		return -EINVAL;
	}
	ret = tc_json_parse(start, &root, why, sizeof(why));
	if (ret) {
		if (f->preamble)
			snprintf(err, errlen,
				 "%s (lines counted from line %d, where the JSON starts)", why,
				 f->preamble + 1);
		else
			snprintf(err, errlen, "%s", why);
		return ret;
	}
	ret = tc_fio__from_json(f, root, err, errlen);
	if (ret || !rootp)
		json_object_put(root);
	else
		*rootp = root;
	return ret;
}

int tc_fio__parse(struct tc_fio *f, const char *text, char *err, size_t errlen)
{
	return tc_fio__parse_root(f, text, NULL, err, errlen);
}

int tc_fio__read(struct tc_fio *f, const char *path, char *err, size_t errlen)
{
	return tc_fio__load(f, path, NULL, err, errlen);
}

/* tc_fio__parse_root for tc_text_read_parse: the summary and the document. */
struct fio_load {
	struct tc_fio *f;
	json_object **root;
};

static int parse_load(void *arg, const char *text, char *why, size_t size)
{
	struct fio_load *l = arg;

	return tc_fio__parse_root(l->f, text, l->root, why, size);
}

int tc_fio__load(struct tc_fio *f, const char *path, json_object **root, char *err,
		 size_t errlen)
{
	struct fio_load l = { f, root };

	return tc_text_read_parse(path, parse_load, &l, err, errlen);
}

void tc_fio__free(struct tc_fio *f)
{
	free(f->jobs);
	free(f->disks);
	f->jobs = NULL;
	f->disks = NULL;
	f->njobs = f->ndisks = 0;
}

const struct tc_fio_job *tc_fio__job(const struct tc_fio *f, const char *name)
{
	for (size_t i = 0; i < f->njobs; i++)
		if (!strcmp(f->jobs[i].name, name))
			return &f->jobs[i];
	return NULL;
}

int tc_fio_clat__pct(const struct tc_fio_clat *c, double pct, __u64 *ns)
{
	/* Keys are printed with six decimals: compare at that precision. */
	for (int i = 0; i < c->npct; i++) {
		if (c->pct[i].pct > pct - 5e-7 && c->pct[i].pct < pct + 5e-7) {
			*ns = c->pct[i].ns;
			return 0;
		}
	}
	return -ENOENT;
}

int tc_fio__sum(const struct tc_fio *f, const char *path, __u64 *v)
{
	const char *dot = strchr(path, '.');
	bool read;
	size_t i;

	if (!dot || (strncmp(path, "read.", 5) && strncmp(path, "write.", 6)))
		return -ENOENT;
	read = path[0] == 'r';
	for (i = 0; i < N(dir_fields); i++)
		if (!strcmp(dot + 1, dir_fields[i].path))
			break;
	/* Sums of counts only: a sum of minima or of runtimes means nothing. */
	if (i == N(dir_fields) || i > 1)
		return -ENOENT;
	*v = 0;
	for (size_t j = 0; f && j < f->njobs; j++) {
		const struct tc_fio_dir *d = read ? &f->jobs[j].read : &f->jobs[j].write;

		*v += *(const __u64 *)((const char *)d + dir_fields[i].off);
	}
	return 0;
}
