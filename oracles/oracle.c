// SPDX-License-Identifier: GPL-2.0
/* The table of oracles, and an oracle reference parsed and valued through it; see oracle.h. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../common/opts.h"
#include "fio.h"
#include "jsonpath.h"
#include "oracle.h"
#include "pidio.h"

/* ---- diskstats.FIELD: the fixture device's line, over the window ---- */

static int disk_check(const char *field, char *why, size_t size)
{
	const struct tc_diskstats_dev zero = {};
	__u64 v;

	(void)why;
	(void)size;
	return tc_diskstats_dev__field(&zero, field, &v);
}

static int disk_value(const struct tc_oracle_truth *t, const char *field, double *v, char *why,
		      size_t size)
{
	__u64 n = 0;

	if (!t->win) {
		snprintf(why, size, "diskstats: not read over a window");
		return -ENOENT;
	}
	tc_diskstats_dev__field(&t->win->disk, field, &n);
	*v = n;
	return 0;
}

static int disk_snapshot(const struct tc_oracle_at *at, union tc_oracle_snap *s, char *why,
			 size_t size)
{
	return tc_diskstats__read(&s->disk, at->path, why, size);
}

static int disk_delta(const struct tc_oracle_at *at, const union tc_oracle_snap *before,
		      struct tc_oracle_window *w, char *why, size_t size)
{
	union tc_oracle_snap after = {};
	int ret;

	ret = disk_snapshot(at, &after, why, size);
	if (!ret)
		ret = tc_diskstats__delta_dev(&before->disk, &after.disk, at->dev, &w->disk, why,
					      size);
	tc_diskstats__free(&after.disk);
	return ret;
}

static void disk_release(union tc_oracle_snap *s)
{
	tc_diskstats__free(&s->disk);
}

/* ---- manifest.PATH, pidio.FIELD: the workload's manifest ---- */

static int json_check(const char *path, char *why, size_t size)
{
	return tc_jsonpath_check(path, why, size);
}

static double manifest_number(json_object *root, const char *path, char *why, size_t size,
			      int *err)
{
	json_object *o;
	double v = 0;

	*err = tc_jsonpath_get(root, path, &o, why, size);
	if (*err)
		return 0;
	if (json_object_is_type(o, json_type_object)) {
		/* An object of numbers stands for their sum (manifest.syscalls). */
		json_object_object_foreach(o, key, val) {
			(void)key;
			if (!json_object_is_type(val, json_type_int) &&
			    !json_object_is_type(val, json_type_double)) {
				snprintf(why, size, "manifest.%s.%s is not a number", path, key);
				*err = -EINVAL;
				return 0;
			}
			v += json_object_get_double(val);
		}
		return v;
	}
	return tc_jsonpath_double(root, path, &v, why, size) ? (*err = -EINVAL, 0) : v;
}

static int manifest_value(const struct tc_oracle_truth *t, const char *path, double *v,
			  char *why, size_t size)
{
	int err = 0;

	if (!t->manifest) {
		snprintf(why, size, "no manifest");
		return -ENOENT;
	}
	*v = manifest_number(t->manifest, path, why, size, &err);
	return err;
}

static int pidio_check(const char *field, char *why, size_t size)
{
	const struct tc_pidio zero = {};
	__u64 v;

	(void)why;
	(void)size;
	return tc_pidio__field(&zero, field, &v);
}

/* The workload read /proc/PID/io with oracles/pidio.c, as each process died: its manifest. */
static int pidio_value(const struct tc_oracle_truth *t, const char *field, double *v, char *why,
		       size_t size)
{
	char path[200];

	snprintf(path, sizeof(path), "proc_io.%.160s", field);
	return manifest_value(t, path, v, why, size);
}

/* ---- procstat.FIELD: /proc/stat over the window ---- */

static int procstat_check(const char *field, char *why, size_t size)
{
	const struct tc_procstat zero = {};
	__u64 v;

	(void)why;
	(void)size;
	return tc_procstat__field(&zero, field, &v);
}

static int procstat_value(const struct tc_oracle_truth *t, const char *field, double *v,
			  char *why, size_t size)
{
	__u64 n = 0;
	int err;

	if (!t->win || !t->win->have_procstat) {
		snprintf(why, size, "procstat: %.280s", t->why && t->why[0] ? t->why : "not read");
		return -ENOENT;
	}
	err = tc_procstat__field(&t->win->procstat, field, &n);
	*v = n;
	return err;
}

static int procstat_snapshot(const struct tc_oracle_at *at, union tc_oracle_snap *s, char *why,
			     size_t size)
{
	return tc_procstat__read(&s->stat, at->path, why, size);
}

static int procstat_delta(const struct tc_oracle_at *at, const union tc_oracle_snap *before,
			  struct tc_oracle_window *w, char *why, size_t size)
{
	union tc_oracle_snap after = {};
	int ret;

	ret = procstat_snapshot(at, &after, why, size);
	if (!ret) {
		tc_procstat__free(&w->procstat);
		ret = tc_procstat__delta(&before->stat, &after.stat, &w->procstat, why, size);
	}
	tc_procstat__free(&after.stat);
	return ret;
}

static void procstat_release(union tc_oracle_snap *s)
{
	tc_procstat__free(&s->stat);
}

/* ---- iostat.FIELD: iostat run over the window ---- */

static int iostat_check(const char *field, char *why, size_t size)
{
	(void)why;
	(void)size;
	return tc_iostat_field_known(field) ? 0 : -ENOENT;
}

/*
 * The length of the interval iostat's rates are over, from its own numbers:
 * a total of the -dk report over the matching rate (kB_read / rkB/s). All
 * the window's I/O lies inside the interval of both iostats (each started
 * before the workload, and reported after the disk settled), so one's total
 * over the other's rate is the latter's interval, to the rate's 2 decimals:
 * closer than our own timing of it, which misses iostat's start-up (20 to
 * 100 ms here). The rate's own kind first (r/s: reads), then any with I/O;
 * our timing only when iostat moved nothing whole (under 1 kB).
 */
static double iostat_interval(const struct tc_oracle_window *w, const char *field)
{
	const struct tc_iostat_dev *k = &w->iostat[0], *x = &w->iostat[1];
	bool ext = x->extended && tc_iostat_dev__field(k, field, &(double){ 0 }, &(bool){ 0 });
	const double total[3] = { k->kb_read, k->kb_wrtn, k->kb_dscd };
	const double rate[3] = { ext ? x->rkb_s : k->kb_read_s, ext ? x->wkb_s : k->kb_wrtn_s,
				 ext ? x->dkb_s : k->kb_dscd_s };
	int first = field[0] == 'w' || strstr(field, "wrtn") ? 1 :
		    field[0] == 'd' || strstr(field, "dscd") ? 2 : 0;

	for (int i = 0; i < 3; i++) {
		int j = (first + i) % 3;

		if (total[j] > 0 && rate[j] > 0)
			return total[j] / rate[j];
	}
	return w->iostat_secs;
}

/*
 * iostat.FIELD over the window: a total as printed, a rate times iostat's
 * interval, to the thousandth. iostat prints rates to the hundredth, so no
 * figure is lost; what goes is a double's round-off (1000.04 * (8192 /
 * 1000.04) is 8191.999999999999), which prints as "8,192.000" and
 * fails an exact check of a rate against its own total.
 */
static int iostat_value(const struct tc_oracle_truth *t, const char *field, double *v,
			char *why, size_t size)
{
	const struct tc_oracle_window *w = t->win;
	bool rate = false;
	int err = -ENOENT;

	if (!w || !w->have_iostat) {
		snprintf(why, size, "iostat: %.280s", t->why && t->why[0] ? t->why : "not run");
		return -ENOENT;
	}
	for (int i = 0; i < 2 && err; i++)
		err = tc_iostat_dev__field(&w->iostat[i], field, v, &rate);
	if (err) {
		snprintf(why, size, "iostat printed no %s for %s", field, w->iostat[0].name);
		return err;
	}
	if (rate)
		*v = round(*v * iostat_interval(w, field) * 1000) / 1000;
	return 0;
}

/*
 * What iostat -d -k (i 0) and -d -x -k (1) wrote: their second report,
 * made at the window's close, is of the window; the device's line of it.
 */
static int iostat_read(const struct tc_oracle_at *at, int i, struct tc_oracle_window *w,
		       char *why, size_t size)
{
	struct tc_iostat io = {};
	const struct tc_iostat_dev *d;
	char msg[200];
	int ret;

	ret = tc_iostat__read_json(&io, at->files[i], why, size);
	if (!ret && io.n != 2) {
		snprintf(why, size, "%s: %zu reports, not 2: iostat did not report at the window's "
			 "end", at->files[i], io.n);
		ret = -EINVAL;
	}
	d = ret ? NULL : tc_iostat_report__find(&io.reports[1], at->dev);
	if (!ret && !d) {
		snprintf(why, size, "%s: no %s in its report", at->files[i], at->dev);
		ret = -ENOENT;
	}
	if (!ret)
		w->iostat[i] = *d;
	/* iostat's arithmetic against ours, over the same window: it must agree. */
	if (!ret && i == 0 && tc_iostat__check(&io, 1, 2, &w->disk, msg, sizeof(msg)))
		snprintf(w->notes, sizeof(w->notes), "iostat disagrees with diskstats over the "
			 "window: %s", msg);
	tc_iostat__free(&io);
	return ret;
}

/* iostat took its own reading as it started: the delta is its second reports. */
static int iostat_delta(const struct tc_oracle_at *at, const union tc_oracle_snap *before,
			struct tc_oracle_window *w, char *why, size_t size)
{
	int ret = 0;

	(void)before;
	for (int i = 0; i < 2 && !ret; i++)
		ret = iostat_read(at, i, w, why, size);
	return ret;
}

/* ---- fio.PATH: the JSON fio wrote, in the manifest ---- */

/* fio.PATH: a count summed over jobs (read.io_bytes), or any number of fio's document. */
static int fio_value(const struct tc_oracle_truth *t, const char *path, double *v, char *why,
		     size_t size)
{
	json_object *manifest = t->manifest;
	json_object *doc;
	struct tc_fio f;
	__u64 sum;
	int err;

	if (!manifest || !json_object_object_get_ex(manifest, "fio", &doc)) {
		snprintf(why, size, "no fio section in the manifest: the WORKLOAD is not fio");
		return -ENOENT;
	}
	if (!tc_fio__sum(NULL, path, &sum)) {
		err = tc_fio__from_json(&f, doc, why, size);
		if (err)
			return err;
		tc_fio__sum(&f, path, &sum);
		tc_fio__free(&f);
		*v = sum;
		return 0;
	}
	return tc_jsonpath_double(doc, path, v, why, size) ? -EINVAL : 0;
}

/* ---- the table ---- */

const struct tc_oracle tc_oracles[TC_ORACLE_NR] = {
	[TC_ORACLE_LITERAL] = { .name = "literal" },
	[TC_ORACLE_DISKSTATS] = { .name = "diskstats",
			.fields = "reads, read_bytes, writes, write_bytes, read_sectors, ...; "
				  "see docs/scenarios.md",
			.check = disk_check, .value = disk_value, .snapshot = disk_snapshot,
			.delta = disk_delta, .release = disk_release },
	[TC_ORACLE_MANIFEST] = { .name = "manifest", .check = json_check, .value = manifest_value },
	[TC_ORACLE_PIDIO] = { .name = "pidio",
			.fields = "rchar, wchar, syscr, syscw, read_bytes, write_bytes, "
				  "cancelled_write_bytes; see docs/oracles.md",
			.check = pidio_check, .value = pidio_value },
	[TC_ORACLE_PROCSTAT] = { .name = "procstat",
			.fields = "processes, ctxt, intr, softirq, procs_running, procs_blocked, "
				  "cpu.user, cpu.system, ...; see docs/oracles.md",
			.check = procstat_check, .value = procstat_value,
			.snapshot = procstat_snapshot, .delta = procstat_delta,
			.release = procstat_release },
	[TC_ORACLE_IOSTAT] = { .name = "iostat",
			.fields = "kB_read, kB_wrtn, tps, kB_read/s, r/s, rkB/s, w/s, wkB/s, ...; "
				  "see docs/oracles.md",
			.check = iostat_check, .value = iostat_value, .delta = iostat_delta },
	[TC_ORACLE_FIO] = { .name = "fio", .check = json_check, .value = fio_value },
};

const char *tc_oracle_name(enum tc_oracle_kind kind)
{
	return kind < TC_ORACLE_NR ? tc_oracles[kind].name : "?";
}

/*
 * "* N" or "/ N" after an oracle: the operator is a '*', or a '/' before a
 * number. iostat's columns have a '/' of their own (iostat.r/s).
 */
static char *factor_op(char *buf)
{
	for (char *p = buf; *p; p++) {
		const char *n = p + 1;

		if (*p == '*')
			return p;
		if (*p != '/')
			continue;
		while (isspace((unsigned char)*n))
			n++;
		if (isdigit((unsigned char)*n) || *n == '.')
			return p;
	}
	return NULL;
}

/* "* N" or "/ N" off the end of buf into o->factor. */
static int parse_factor(const char *text, char *buf, struct tc_oracle_ref *o, char *why,
			size_t size)
{
	char *star = factor_op(buf), op, *num, *end;
	double f;

	if (!star)
		return 0;
	op = *star;
	num = star + 1;
	*star = '\0';
	while (isspace((unsigned char)*num))
		num++;
	f = strtod(num, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (end == num || *end || f <= 0) {
		snprintf(why, size, "'%s': expected ORACLE * NUMBER or ORACLE / NUMBER", text);
		return -EINVAL;
	}
	o->factor = op == '*' ? f : 1 / f;
	for (char *e = star - 1; e >= buf && isspace((unsigned char)*e); e--)
		*e = '\0';
	return 0;
}

/* The source buf names before its dot, or TC_ORACLE_NR. */
static enum tc_oracle_kind source_of(const char *buf)
{
	for (int k = TC_ORACLE_DISKSTATS; k < TC_ORACLE_NR; k++) {
		size_t len = strlen(tc_oracles[k].name);

		if (!strncmp(buf, tc_oracles[k].name, len) && buf[len] == '.')
			return k;
	}
	return TC_ORACLE_NR;
}

int tc_oracle_parse(const char *text, struct tc_oracle_ref *o, char *why, size_t size)
{
	char buf[160];
	enum tc_oracle_kind k;
	__u64 v;
	int err;

	memset(o, 0, sizeof(*o));
	o->factor = 1;
	snprintf(o->src, sizeof(o->src), "%s", text);
	snprintf(buf, sizeof(buf), "%s", text);
	err = parse_factor(text, buf, o, why, size);
	if (err)
		return err;
	k = source_of(buf);
	if (k < TC_ORACLE_NR) {
		const struct tc_oracle *src = &tc_oracles[k];

		o->kind = k;
		snprintf(o->path, sizeof(o->path), "%s", buf + strlen(src->name) + 1);
		err = src->check(o->path, why, size);
		if (err == -ENOENT)
			snprintf(why, size, "'%s': no such %s field (%s)", buf, src->name,
				 src->fields);
		return err ? -EINVAL : 0;
	}
	if (!tc_parse_size(buf, &v)) {
		o->kind = TC_ORACLE_LITERAL;
		o->literal = v;
		return 0;
	}
	snprintf(why, size, "'%s': expected a number, diskstats.FIELD, manifest.PATH, "
		 "pidio.FIELD, procstat.FIELD, iostat.FIELD or fio.PATH", buf);
	return -EINVAL;
}

bool tc_oracle_named(const char *sel)
{
	return source_of(sel) < TC_ORACLE_NR;
}

int tc_oracle_value(const struct tc_oracle_truth *t, const struct tc_oracle_ref *o, double *v,
		    char *why, size_t size)
{
	int err = 0;

	if (o->kind >= TC_ORACLE_NR)
		return -EINVAL;
	if (o->kind == TC_ORACLE_LITERAL)
		*v = o->literal;
	else
		err = tc_oracles[o->kind].value(t, o->path, v, why, size);
	*v *= o->factor;
	return err;
}
