// SPDX-License-Identifier: GPL-2.0
/* iostat -d -o JSON's reports as numbers, and their cross-check with diskstats; see iostat.h. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "../common/fmt.h"
#include "jsonpath.h"
#include "text.h"
#include "iostat.h"

void tc_iostat__free(struct tc_iostat *io)
{
	for (size_t i = 0; i < io->n; i++)
		free(io->reports[i].devs);
	free(io->reports);
	io->reports = NULL;
	io->n = 0;
}

const struct tc_iostat_dev *tc_iostat_report__find(const struct tc_iostat_report *r,
						   const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->devs[i].name, name))
			return &r->devs[i];
	return NULL;
}

/* One kind: kB summed over n reports against sectors; 0 or -EDOM. */
static int check_kind(const char *dev, const char *what, __u64 kb, __u64 sectors, size_t n,
		      char *msg, size_t msglen)
{
	char a[32], b[32], c[32];

	if (2 * kb <= sectors && sectors - 2 * kb <= n)
		return 0;
	snprintf(msg, msglen, "%s %s %s vs diskstats %s sectors / 2 = %s over %zu report%s", dev,
		 what, tc_fmt_grouped(a, sizeof(a), kb), tc_fmt_grouped(b, sizeof(b), sectors),
		 tc_fmt_grouped(c, sizeof(c), sectors / 2), n, n == 1 ? "" : "s");
	return -EDOM;
}

int tc_iostat__check(const struct tc_iostat *io, size_t first, size_t last,
		     const struct tc_diskstats_dev *delta, char *msg, size_t msglen)
{
	__u64 rd = 0, wr = 0, dc = 0;
	size_t found = 0, n = last - first;
	bool dscd = io->has_dscd && delta->nstats >= TC_DISKSTATS_V2;
	char a[32], b[32], c[32];
	int ret;

	if (first >= last || last > io->n) {
		snprintf(msg, msglen, "reports [%zu, %zu) of %zu", first, last, io->n);
		return -EINVAL;
	}
	for (size_t i = first; i < last; i++) {
		const struct tc_iostat_dev *d =
		    tc_iostat_report__find(&io->reports[i], delta->name);

		if (!d)
			continue;
		found++;
		rd += d->kb_read;
		wr += d->kb_wrtn;
		dc += d->kb_dscd;
	}
	if (!found) {
		snprintf(msg, msglen, "%s: in none of reports [%zu, %zu)", delta->name, first,
			 last);
		return -ENOENT;
	}
	ret = check_kind(delta->name, "kB_read", rd, delta->rd_sectors, n, msg, msglen);
	if (!ret)
		ret = check_kind(delta->name, "kB_wrtn", wr, delta->wr_sectors, n, msg, msglen);
	if (!ret && dscd)
		ret = check_kind(delta->name, "kB_dscd", dc, delta->dc_sectors, n, msg, msglen);
	if (!ret)
		snprintf(
		    msg, msglen, "%s kB_read %s, kB_wrtn %s, kB_dscd %s agree over %zu report%s",
		    delta->name, tc_fmt_grouped(a, sizeof(a), rd), tc_fmt_grouped(b, sizeof(b), wr),
		    dscd ? tc_fmt_grouped(c, sizeof(c), dc) : "-", n, n == 1 ? "" : "s");
	return ret;
}

/* ---- JSON (-o JSON) ---- */

/*
 * Columns by iostat's names: where they go, whether -x prints them, whether whole numbers,
 * whether a discard column of -d, which sysstat 11 does not print.
 */
static const struct {
	const char *key;
	size_t off;
	bool extended, whole, dscd;
} cols[] = {
#define C(k, m, x, w, d) { k, offsetof(struct tc_iostat_dev, m), x, w, d }
	C("tps", tps, 0, 0, 0),		    C("kB_read/s", kb_read_s, 0, 0, 0),
	C("kB_wrtn/s", kb_wrtn_s, 0, 0, 0), C("kB_dscd/s", kb_dscd_s, 0, 0, 1),
	C("kB_read", kb_read, 0, 1, 0),	    C("kB_wrtn", kb_wrtn, 0, 1, 0),
	C("kB_dscd", kb_dscd, 0, 1, 1),	    C("r/s", r_s, 1, 0, 0),
	C("w/s", w_s, 1, 0, 0),		    C("d/s", d_s, 1, 0, 0),
	C("f/s", f_s, 1, 0, 0),		    C("rkB/s", rkb_s, 1, 0, 0),
	C("wkB/s", wkb_s, 1, 0, 0),	    C("dkB/s", dkb_s, 1, 0, 0),
	C("rrqm/s", rrqm_s, 1, 0, 0),	    C("wrqm/s", wrqm_s, 1, 0, 0),
#undef C
};

#define NCOLS_JSON (sizeof(cols) / sizeof(cols[0]))

/* The columns a device has. One iostat prints one set: a document mixing them is two runs'. */
enum layout { LAYOUT_UNSEEN, LAYOUT_D, LAYOUT_D11, LAYOUT_X };

static const char *const layout_name[] = {
	[LAYOUT_D] = "iostat -d -k's",
	[LAYOUT_D11] = "sysstat 11's iostat -d -k's (no discards)",
	[LAYOUT_X] = "iostat -d -x -k's",
};

static bool has(json_object *o, const char *key)
{
	return json_object_object_get_ex(o, key, NULL);
}

static enum layout dev_layout(json_object *o)
{
	if (has(o, "r/s"))
		return LAYOUT_X;
	return has(o, "kB_dscd/s") || has(o, "kB_dscd") ? LAYOUT_D : LAYOUT_D11;
}

/* The numbers of the device o into d, each column of its layout there and a number. */
static int json_cols(json_object *o, struct tc_iostat_dev *d, enum layout l, const char *where,
		     char *err, size_t errlen)
{
	char why[160];

	for (size_t i = 0; i < NCOLS_JSON; i++) {
		void *dst = (char *)d + cols[i].off;
		int ret;

		if (cols[i].extended != (l == LAYOUT_X) || (cols[i].dscd && l == LAYOUT_D11))
			continue;
		if (!has(o, cols[i].key)) {
			snprintf(err, errlen, "%s (%s): no key '%s'", where, d->name, cols[i].key);
			return -EINVAL;
		}
		ret = cols[i].whole ? tc_jsonpath_u64(o, cols[i].key, dst, why, sizeof(why)) :
				      tc_jsonpath_double(o, cols[i].key, dst, why, sizeof(why));
		if (ret) {
			snprintf(err, errlen, "%s (%s): %s", where, d->name, why);
			return -EINVAL;
		}
	}
	return 0;
}

/* One device; *layout is the first device's, which every other must share. */
static int json_dev(json_object *o, struct tc_iostat_dev *d, enum layout *layout, const char *where,
		    char *err, size_t errlen)
{
	enum layout l = dev_layout(o);
	json_object *name;

	if (!json_object_object_get_ex(o, "disk_device", &name) ||
	    !json_object_is_type(name, json_type_string)) {
		snprintf(err, errlen, "%s: no \"disk_device\" string", where);
		return -EINVAL;
	}
	snprintf(d->name, sizeof(d->name), "%s", json_object_get_string(name));
	if (!has(o, "kB_read/s") && !has(o, "rkB/s")) {
		snprintf(err, errlen,
			 "%s (%s): neither kB_read/s nor rkB/s: run iostat with -k, not -m", where,
			 d->name);
		return -EINVAL;
	}
	if (*layout != LAYOUT_UNSEEN && l != *layout) {
		snprintf(err, errlen, "%s (%s): %s columns, but the first device has %s", where,
			 d->name, layout_name[l], layout_name[*layout]);
		return -EINVAL;
	}
	*layout = l;
	d->extended = l == LAYOUT_X;
	return json_cols(o, d, l, where, err, errlen);
}

static int json_report(json_object *stat, struct tc_iostat_report *r, int no, enum layout *layout,
		       char *err, size_t errlen)
{
	json_object *disks;
	char where[64];
	size_t n;

	if (!json_object_object_get_ex(stat, "disk", &disks) ||
	    !json_object_is_type(disks, json_type_array)) {
		snprintf(err, errlen, "statistics[%d]: no \"disk\" array (run iostat with -d)", no);
		return -EINVAL;
	}
	n = json_object_array_length(disks);
	r->devs = calloc(n ? n : 1, sizeof(*r->devs));
	if (!r->devs)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		struct tc_iostat_dev *d = &r->devs[r->n];

		snprintf(where, sizeof(where), "statistics[%d].disk[%zu]", no, i);
		if (json_dev(json_object_array_get_idx(disks, i), d, layout, where, err, errlen))
			return -EINVAL;
		if (tc_iostat_report__find(r, d->name)) {
			snprintf(err, errlen, "%s (%s): the device is listed twice", where,
				 d->name);
			return -EINVAL;
		}
		r->n++;
	}
	return 0;
}

/* A digit, a comma, a digit: numbers printed in a locale with a decimal comma. */
static bool decimal_comma(const char *text)
{
	for (const char *c = strchr(text, ','); c; c = strchr(c + 1, ','))
		if (c > text && isdigit((unsigned char)c[-1]) && isdigit((unsigned char)c[1]))
			return true;
	return false;
}

int tc_iostat__parse_json(struct tc_iostat *io, const char *text, char *err, size_t errlen)
{
	enum layout layout = LAYOUT_UNSEEN;
	json_object *root, *stats;
	char why[200];
	size_t n;
	int ret;

	memset(io, 0, sizeof(*io));
	ret = tc_json_parse(text, &root, why, sizeof(why));
	if (ret) {
		snprintf(err, errlen, "%s%s", ret == -ENOMEM ? "out of memory" : why,
			 ret == -EINVAL && decimal_comma(text) ?
				 " (a decimal comma: run iostat with LC_ALL=C)" :
				 "");
		return ret;
	}
	ret = tc_jsonpath_get(root, "sysstat.hosts[0].statistics", &stats, why, sizeof(why));
	if (ret || !json_object_is_type(stats, json_type_array)) {
		snprintf(err, errlen, "not iostat's JSON (-o JSON): %s",
			 ret ? why : "sysstat.hosts[0].statistics is not an array");
		json_object_put(root);
		return -EINVAL;
	}
	n = json_object_array_length(stats);
	io->reports = calloc(n ? n : 1, sizeof(*io->reports));
	ret = io->reports ? 0 : -ENOMEM;
	if (!ret)
		io->n = n;
	for (size_t i = 0; !ret && i < io->n; i++)
		ret = json_report(json_object_array_get_idx(stats, i), &io->reports[i], i, &layout,
				  err, errlen);
	io->has_dscd = layout != LAYOUT_D11;
	if (!ret && !io->n) {
		snprintf(err, errlen, "no report: iostat was stopped before its first");
		ret = -EINVAL;
	}
	json_object_put(root);
	if (ret == -ENOMEM)
		snprintf(err, errlen, "out of memory");
	if (ret)
		tc_iostat__free(io);
	return ret;
}

/* tc_iostat__parse_json for tc_text_read_parse. */
static int parse_any(void *io, const char *text, char *why, size_t size)
{
	return tc_iostat__parse_json(io, text, why, size);
}

int tc_iostat__read_json(struct tc_iostat *io, const char *path, char *err, size_t errlen)
{
	return tc_text_read_parse(path, parse_any, io, err, errlen);
}

bool tc_iostat_field_known(const char *name)
{
	for (size_t i = 0; i < NCOLS_JSON; i++)
		if (!strcmp(cols[i].key, name))
			return true;
	return false;
}

int tc_iostat_dev__field(const struct tc_iostat_dev *d, const char *name, double *v, bool *rate)
{
	for (size_t i = 0; i < NCOLS_JSON; i++) {
		const void *src = (const char *)d + cols[i].off;

		if (strcmp(cols[i].key, name))
			continue;
		if (cols[i].extended != d->extended)
			return -ENODATA;
		*v = cols[i].whole ? (double)*(const __u64 *)src : *(const double *)src;
		*rate = !cols[i].whole;
		return 0;
	}
	return -ENOENT;
}
