// SPDX-License-Identifier: GPL-2.0
/* Result writers: terminal, JSON, Prometheus text; see output.h. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "hist.h"
#include "../common/metrics.h"
#include "output.h"

static bool is_number(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

void tc_table_print(FILE *f, const struct tc_table *t, size_t max_rows)
{
	const struct tc_table_def *d = t->def;
	int wl[TC_MAX_LABELS], wv[TC_MAX_VALS];
	bool rlab[TC_MAX_LABELS];
	size_t n = max_rows && t->n > max_rows ? max_rows : t->n;
	char buf[32];

	for (int l = 0; l < d->nlabels; l++) {
		wl[l] = strlen(d->labels[l].header);
		rlab[l] = true;
		for (size_t r = 0; r < n; r++) {
			int len = strlen(t->rows[r].lab[l]);

			if (len > wl[l])
				wl[l] = len;
			rlab[l] &= is_number(t->rows[r].lab[l]);
		}
		rlab[l] &= n > 0;
	}
	for (int v = 0; v < d->nvals; v++) {
		wv[v] = strlen(d->vals[v].header);
		for (size_t r = 0; r < n; r++) {
			int len = strlen(tc_fmt_grouped(buf, sizeof(buf), t->rows[r].val[v]));

			if (len > wv[v])
				wv[v] = len;
		}
	}
	for (int l = 0; l < d->nlabels; l++)
		fprintf(f, "%s%*s", l ? "  " : "", rlab[l] ? wl[l] : -wl[l], d->labels[l].header);
	for (int v = 0; v < d->nvals; v++)
		fprintf(f, "  %*s", wv[v], d->vals[v].header);
	fputc('\n', f);
	for (size_t r = 0; r < n; r++) {
		for (int l = 0; l < d->nlabels; l++)
			fprintf(f, "%s%*s", l ? "  " : "", rlab[l] ? wl[l] : -wl[l],
				t->rows[r].lab[l]);
		for (int v = 0; v < d->nvals; v++)
			fprintf(f, "  %*s", wv[v], tc_fmt_grouped(buf, sizeof(buf), t->rows[r].val[v]));
		fputc('\n', f);
	}
	if (n < t->n)
		fprintf(f, "(%zu more rows not shown; --rows 0 shows all)\n", t->n - n);
}

/* ns value shown in the histogram's unit, with one decimal when not whole. */
static void fmt_in_unit(char *buf, size_t size, __u64 ns, __u64 unit_ns)
{
	char g[32];

	if (unit_ns <= 1 || ns % unit_ns == 0) {
		snprintf(buf, size, "%s", tc_fmt_grouped(g, sizeof(g), ns / (unit_ns ? unit_ns : 1)));
		return;
	}
	snprintf(buf, size, "%s.%" PRIu64, tc_fmt_grouped(g, sizeof(g), ns / unit_ns),
		 (uint64_t)(ns % unit_ns * 10 / unit_ns));
}

void tc_hists_print(FILE *f, const struct tc_hists *hs, int width)
{
	const struct tc_hist_def *d = hs->def;

	if (!hs->n)
		fprintf(f, "(no events)\n");
	for (size_t r = 0; r < hs->n; r++) {
		const struct tc_hist *h = &hs->rows[r].h;
		char cnt[32], avg[40], mn[40], mx[40];

		if (r)
			fputc('\n', f);
		for (int l = 0; l < d->nlabels; l++)
			fprintf(f, "%s%s %s", l ? ", " : "", d->labels[l].name, hs->rows[r].lab[l]);
		fmt_in_unit(avg, sizeof(avg), h->count ? h->sum / h->count : 0, hs->cfg.unit_ns);
		fmt_in_unit(mn, sizeof(mn), h->min, hs->cfg.unit_ns);
		fmt_in_unit(mx, sizeof(mx), h->max, hs->cfg.unit_ns);
		fprintf(f, ": count %s, avg %s, min %s, max %s (%s)\n",
			tc_fmt_grouped(cnt, sizeof(cnt), h->count), avg, mn, mx, hs->unit);
		tc_hist_print(f, h, &hs->cfg, hs->unit, width);
	}
}

static json_object *label_json(const struct tc_label_def *ld, const char *v)
{
	if (!strcmp(ld->name, "pid") && is_number(v))
		return json_object_new_int64(strtoll(v, NULL, 10));
	return json_object_new_string(v);
}

static json_object *u64_json(__u64 v)
{
	/* json-c 0.16 has uint64; values above INT64_MAX do not occur here. */
	return json_object_new_uint64(v);
}

static json_object *rows_json(const struct tc_table *t)
{
	const struct tc_table_def *d = t->def;
	json_object *rows = json_object_new_array();

	for (size_t i = 0; i < t->n; i++) {
		json_object *row = json_object_new_object();

		for (int l = 0; l < d->nlabels; l++)
			json_object_object_add(row, d->labels[l].name,
					       label_json(&d->labels[l], t->rows[i].lab[l]));
		for (int v = 0; v < d->nvals; v++)
			json_object_object_add(row, tc_metrics[d->vals[v].metric].name,
					       u64_json(t->rows[i].val[v]));
		json_object_array_add(rows, row);
	}
	return rows;
}

void tc_result_json(json_object *obj, const struct tc_result *r)
{
	if (r->table.def)
		json_object_object_add(obj, "rows", rows_json(&r->table));
	if (r->lost.def)
		json_object_object_add(obj, "missed_rows", rows_json(&r->lost));
	if (r->hists.def) {
		const struct tc_hists *hs = &r->hists;
		json_object *arr = json_object_new_array();

		for (size_t i = 0; i < hs->n; i++) {
			const struct tc_hist *h = &hs->rows[i].h;
			json_object *o = json_object_new_object(), *labels = json_object_new_object();
			json_object *buckets = json_object_new_array();

			for (int l = 0; l < hs->def->nlabels; l++)
				json_object_object_add(labels, hs->def->labels[l].name,
						       label_json(&hs->def->labels[l], hs->rows[i].lab[l]));
			json_object_object_add(o, "metric",
					       json_object_new_string(tc_metrics[hs->def->metric].name));
			json_object_object_add(o, "labels", labels);
			json_object_object_add(o, "kind", json_object_new_string(
				hs->cfg.kind == TC_HIST_LINEAR ? "linear" : "log2"));
			json_object_object_add(o, "unit", json_object_new_string(hs->unit));
			json_object_object_add(o, "count", u64_json(h->count));
			json_object_object_add(o, "sum_ns", u64_json(h->sum));
			json_object_object_add(o, "min_ns", u64_json(h->count ? h->min : 0));
			json_object_object_add(o, "max_ns", u64_json(h->max));
			for (__u32 s = 0; s < tc_hist_nslots(&hs->cfg); s++) {
				__u64 lo, hi;
				json_object *b;

				if (!h->slots[s] || tc_hist_bucket(&hs->cfg, s, &lo, &hi))
					continue;
				b = json_object_new_object();
				json_object_object_add(b, "lo", u64_json(lo));
				json_object_object_add(b, "hi", hi == TC_HIST_INF ? NULL : u64_json(hi));
				json_object_object_add(b, "count", u64_json(h->slots[s]));
				json_object_array_add(buckets, b);
			}
			json_object_object_add(o, "buckets", buckets);
			json_object_array_add(arr, o);
		}
		json_object_object_add(obj, "histograms", arr);
	}
}

static void prom_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			fputc('\\', f);
		if (*s == '\n') {
			fputs("\\n", f);
			continue;
		}
		fputc(*s, f);
	}
}

void tc_prom_sample(FILE *f, const char *name, const char *suffix, const char *const *keys,
		    const char *const *vals, int n, const char *le, __u64 value)
{
	int printed = 0;

	fprintf(f, "%s%s", name, suffix ? suffix : "");
	for (int i = 0; i < n; i++) {
		fprintf(f, "%s%s=\"", printed++ ? "," : "{", keys[i]);
		prom_escape(f, vals[i]);
		fputc('"', f);
	}
	if (le)
		fprintf(f, "%sle=\"%s\"", printed++ ? "," : "{", le);
	fprintf(f, "%s %" PRIu64 "\n", printed ? "}" : "", (uint64_t)value);
}

void tc_prom_header(FILE *f, int metric)
{
	const struct tc_metric *m = &tc_metrics[metric];

	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", m->name, m->help, m->name,
		tc_metric_type_name(m->type));
}

static void prom_table(FILE *f, const struct tc_table *t)
{
	const struct tc_table_def *d = t->def;
	const char *keys[TC_MAX_LABELS], *vals[TC_MAX_LABELS];

	for (int l = 0; l < d->nlabels; l++)
		keys[l] = d->labels[l].name;
	for (int v = 0; v < d->nvals; v++) {
		tc_prom_header(f, d->vals[v].metric);
		for (size_t r = 0; r < t->n; r++) {
			for (int l = 0; l < d->nlabels; l++)
				vals[l] = t->rows[r].lab[l];
			tc_prom_sample(f, tc_metrics[d->vals[v].metric].name, NULL, keys, vals,
				       d->nlabels, NULL, t->rows[r].val[v]);
		}
	}
}

static void prom_hists(FILE *f, const struct tc_hists *hs)
{
	const char *name = tc_metrics[hs->def->metric].name;
	const char *keys[TC_MAX_LABELS], *vals[TC_MAX_LABELS];
	int nl = hs->def->nlabels;

	for (int l = 0; l < nl; l++)
		keys[l] = hs->def->labels[l].name;
	tc_prom_header(f, hs->def->metric);
	for (size_t r = 0; r < hs->n; r++) {
		const struct tc_hist *h = &hs->rows[r].h;
		__u32 n = tc_hist_nslots(&hs->cfg), last = 0;
		__u64 cum = 0;
		char le[32];

		for (int l = 0; l < nl; l++)
			vals[l] = hs->rows[r].lab[l];
		for (__u32 s = 0; s < n; s++)
			if (h->slots[s])
				last = s;
		for (__u32 s = 0; s <= last; s++) {
			__u64 le_ns = tc_hist_le_ns(&hs->cfg, s), lo, hi;

			if (tc_hist_bucket(&hs->cfg, s, &lo, &hi))
				continue;
			cum += h->slots[s];
			if (le_ns == TC_HIST_INF)
				break;
			snprintf(le, sizeof(le), "%" PRIu64, (uint64_t)le_ns);
			tc_prom_sample(f, name, "_bucket", keys, vals, nl, le, cum);
		}
		tc_prom_sample(f, name, "_bucket", keys, vals, nl, "+Inf", h->count);
		tc_prom_sample(f, name, "_sum", keys, vals, nl, NULL, h->sum);
		tc_prom_sample(f, name, "_count", keys, vals, nl, NULL, h->count);
	}
}

void tc_result_prom(FILE *f, const struct tc_result *r)
{
	if (r->table.def)
		prom_table(f, &r->table);
	if (r->hists.def)
		prom_hists(f, &r->hists);
	if (r->lost.def)
		prom_table(f, &r->lost);
}
