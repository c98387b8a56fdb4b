// SPDX-License-Identifier: GPL-2.0
/* A tool's report into canonical samples; see toolout.h. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../harness/proc.h"
#include "../harness/scenario.h"
#include "readers.h"
#include "toolout.h"

char *tc_toolout_text(const struct tc_tooldesc *d, const char *out_path, const char *err_path,
		      const char *report_path)
{
	char *a, *b, *both;

	switch (d->output) {
	case TC_OUT_STDERR:
		return tc_file_read(err_path, NULL);
	case TC_OUT_FILE:
		return report_path ? tc_file_read(report_path, NULL) : NULL;
	case TC_OUT_BOTH:
		a = tc_file_read(out_path, NULL);
		b = tc_file_read(err_path, NULL);
		both = malloc((a ? strlen(a) : 0) + (b ? strlen(b) : 0) + 2);
		if (both)
			sprintf(both, "%s\n%s", a ? a : "", b ? b : "");
		free(a);
		free(b);
		return both;
	default:
		return tc_file_read(out_path, NULL);
	}
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && !strcmp(s + ls - lx, suffix);
}

static int copy_labels(struct tc_label *dst, const struct tc_sample *x, const char *skip)
{
	int n = 0;

	for (int i = 0; i < x->nlabels; i++)
		if (strcmp(x->labels[i].name, skip))
			dst[n++] = x->labels[i];
	return n;
}

static bool same_series(const struct tc_sample *a, const struct tc_sample *b)
{
	int na = 0, nb = 0;

	if (strcmp(a->name, b->name))
		return false;
	for (int i = 0; i < a->nlabels; i++) {
		const char *v;

		if (!strcmp(a->labels[i].name, "le"))
			continue;
		na++;
		v = tc_sample__label(b, a->labels[i].name);
		if (!v || strcmp(v, a->labels[i].value))
			return false;
	}
	for (int i = 0; i < b->nlabels; i++)
		nb += strcmp(b->labels[i].name, "le") != 0;
	return na == nb;
}

static double le_value(const struct tc_sample *x)
{
	const char *le = tc_sample__label(x, "le");

	return !le || !strcmp(le, "+Inf") ? INFINITY : strtod(le, NULL);
}

static int cmp_le(const void *a, const void *b)
{
	double x = le_value(*(const struct tc_sample *const *)a);
	double y = le_value(*(const struct tc_sample *const *)b);

	return x < y ? -1 : x > y;
}

/*
 * Prometheus histograms are cumulative over inclusive upper bounds (le):
 * turn each series into buckets with lo and hi, as the judge reads them.
 */
static int prom_buckets(const struct tc_samples *in, struct tc_samples *out, char *err,
			size_t errlen)
{
	const struct tc_sample **series = calloc(in->n ? in->n : 1, sizeof(*series));
	bool *done = calloc(in->n ? in->n : 1, sizeof(*done));
	int ret = 0;

	if (!series || !done) {
		free(series);
		free(done);
		return -ENOMEM;
	}
	for (size_t i = 0; i < in->n && !ret; i++) {
		const struct tc_sample *x = &in->v[i];
		size_t n = 0;
		double prev_le = -1, prev_cum = 0;

		if (done[i])
			continue;
		if (!ends_with(x->name, "_bucket") || !tc_sample__label(x, "le")) {
			ret = tc_samples__add(out, x->name, x->labels, x->nlabels, x->value);
			continue;
		}
		for (size_t j = i; j < in->n; j++)
			if (!done[j] && same_series(x, &in->v[j])) {
				series[n++] = &in->v[j];
				done[j] = true;
			}
		qsort(series, n, sizeof(*series), cmp_le);
		for (size_t k = 0; k < n && !ret; k++) {
			struct tc_label l[TC_SAMPLE_LABELS];
			double le = le_value(series[k]);
			int nl = copy_labels(l, series[k], "le");

			if (nl + 2 > TC_SAMPLE_LABELS) {
				snprintf(err, errlen, "%s: more than %d labels besides le (a bucket "
					 "needs two for lo and hi)", series[k]->name,
					 TC_SAMPLE_LABELS - 2);
				ret = -E2BIG;
				break;
			}
			snprintf(l[nl].name, sizeof(l[0].name), "lo");
			snprintf(l[nl++].value, sizeof(l[0].value), "%.0f", prev_le + 1);
			snprintf(l[nl].name, sizeof(l[0].name), "hi");
			if (isinf(le))
				snprintf(l[nl++].value, sizeof(l[0].value), "+Inf");
			else
				snprintf(l[nl++].value, sizeof(l[0].value), "%.0f", le);
			ret = tc_samples__add(out, series[k]->name, l, nl, series[k]->value - prev_cum);
			prev_cum = series[k]->value;
			prev_le = le;
		}
	}
	free(series);
	free(done);
	return ret;
}

/* A rule's KEY==VALUE filters, their placeholders ({TRACECAL}, ...) filled once per report. */
#define RULE ((const struct tc_map_rule *)0)
#define NFILTERS (sizeof(RULE->filters) / sizeof(RULE->filters[0]))
struct filled_filters {
	char value[NFILTERS][sizeof(RULE->filters[0].value) + 600];
	bool unfilled[NFILTERS]; /* too long once filled: matches nothing */
};

static bool rule_filters(const struct tc_map_rule *m, const struct filled_filters *want,
			 const struct tc_sample *x)
{
	for (int i = 0; i < m->nfilters; i++) {
		const char *v = tc_sample__label(x, m->filters[i].key);

		if (!v || want->unfilled[i] || strcmp(v, want->value[i]))
			return false;
	}
	return true;
}

/* lo and hi of a raw bpftrace bucket, in units, hi exclusive, into ns inclusive. */
static int bucket_ns(const struct tc_sample *x, __u64 unit, struct tc_label *l, int *nl)
{
	const char *lo = tc_sample__label(x, "lo"), *hi = tc_sample__label(x, "hi");
	double vlo, vhi;

	if (!lo || !hi || !strcmp(lo, "-Inf"))
		return -ENOENT; /* negative values: no latency is */
	vlo = strtod(lo, NULL) * unit;
	snprintf(l[*nl].name, sizeof(l[0].name), "lo");
	snprintf(l[(*nl)++].value, sizeof(l[0].value), "%.0f", vlo);
	snprintf(l[*nl].name, sizeof(l[0].name), "hi");
	if (!strcmp(hi, "+Inf")) {
		snprintf(l[(*nl)++].value, sizeof(l[0].value), "+Inf");
	} else {
		vhi = strtod(hi, NULL) * unit - 1;
		snprintf(l[(*nl)++].value, sizeof(l[0].value), "%.0f", vhi);
	}
	return 0;
}

static int apply_rule(const struct tc_map_rule *m, const struct tc_sample *x, bool bucket,
		      const char *const *vars, int nvars, struct tc_samples *out)
{
	struct tc_label l[TC_SAMPLE_LABELS];
	char name[TC_SAMPLE_NAME + 8];
	int nl = 0;

	/* a bucket needs two more: lo and hi */
	for (int i = 0; i < m->nlabels && nl < TC_SAMPLE_LABELS - 2 * bucket; i++, nl++) {
		snprintf(l[nl].name, sizeof(l[0].name), "%s", m->labels[i].name);
		if (m->labels[i].key[0]) {
			const char *v = tc_sample__label(x, m->labels[i].key);

			snprintf(l[nl].value, sizeof(l[0].value), "%s", v ? v : "");
		} else if (tc_fill(m->labels[i].value, vars, nvars, l[nl].value,
				   sizeof(l[0].value))) {
			return -ENAMETOOLONG;
		}
	}
	snprintf(name, sizeof(name), "%s%s", m->target, bucket ? "_bucket" : "");
	if (bucket && bucket_ns(x, m->unit_ns ? m->unit_ns : 1, l, &nl))
		return 0;
	return tc_samples__add(out, name, l, nl, x->value * m->scale);
}

static int map_samples(const struct tc_tooldesc *d, const struct tc_samples *raw,
		       const char *const *vars, int nvars, struct tc_samples *out)
{
	struct filled_filters *want = calloc(d->nmaps ? d->nmaps : 1, sizeof(*want));
	int ret = 0;

	if (!want)
		return -ENOMEM;
	for (int r = 0; r < d->nmaps; r++)
		for (int i = 0; i < d->maps[r].nfilters; i++)
			want[r].unfilled[i] = tc_fill(d->maps[r].filters[i].value, vars, nvars,
						      want[r].value[i], sizeof(want[r].value[i]));
	for (size_t i = 0; i < raw->n && !ret; i++) {
		const struct tc_sample *x = &raw->v[i];

		for (int r = 0; r < d->nmaps && !ret; r++) {
			const struct tc_map_rule *m = &d->maps[r];
			size_t len = strlen(m->source);
			bool bucket = !strncmp(x->name, m->source, len) &&
				      !strcmp(x->name + len, "_bucket");

			if (!bucket && strcmp(x->name, m->source))
				continue;
			if (!rule_filters(m, &want[r], x))
				continue;
			ret = apply_rule(m, x, bucket, vars, nvars, out);
		}
	}
	free(want);
	return ret;
}

int tc_toolout_parse(const struct tc_tooldesc *d, const char *text, const char *const *vars,
		     int nvars, struct tc_samples *out, char *err, size_t errlen)
{
	const struct tc_reader_in in = { .d = d, .text = text, .len = strlen(text), .vars = vars,
					 .nvars = nvars };
	struct tc_samples raw = {}, flat = {};
	int ret = tc_reader_of(d)->read(&in, &raw, err, errlen);

	if (ret)
		goto out;
	ret = prom_buckets(&raw, &flat, err, errlen);
	if (ret)
		goto out;
	if (d->nmaps)
		ret = map_samples(d, &flat, vars, nvars, out);
	else
		for (size_t i = 0; i < flat.n && !ret; i++)
			ret = tc_samples__add(out, flat.v[i].name, flat.v[i].labels,
					      flat.v[i].nlabels, flat.v[i].value);
out:
	tc_samples__free(&raw);
	tc_samples__free(&flat);
	return ret;
}
