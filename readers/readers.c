// SPDX-License-Identifier: GPL-2.0
/* The table of readers of tools' reports; see readers.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "../harness/descriptor.h"
#include "../harness/scenario.h"
#include "filter.h"
#include "parse_bpftrace.h"
#include "parse_prom.h"
#include "parse_table.h"
#include "readers.h"

#define FILTER_TIMEOUT_MS 30000

static int read_prom(const struct tc_reader_in *in, struct tc_samples *raw, char *err,
		     size_t errlen)
{
	return tc_prom_parse(in->text, in->len, TC_PROM_LAST, raw, err, errlen);
}

/* bpftrace's maps have no canonical names: the MAP lines say which maps to read, keyed how. */
static int read_bpftrace(const struct tc_reader_in *in, struct tc_samples *raw, char *err,
			 size_t errlen)
{
	const struct tc_tooldesc *d = in->d;
	struct tc_bpftrace_map maps[TC_DESC_MAX];
	struct tc_bpftrace_opts bo = { .maps = maps, .sum = d->blocks_sum };
	struct tc_lines other = {};
	int ret;

	for (int i = 0; i < d->nmaps; i++)
		if (d->maps[i].keys[0])
			maps[bo.nmaps++] = (struct tc_bpftrace_map){ d->maps[i].source,
								    d->maps[i].keys };
	ret = tc_bpftrace_parse(in->text, in->len, &bo, raw, &other, err, errlen);
	tc_lines__free(&other);
	return ret;
}

static const char *bpftrace_lacks(const struct tc_tooldesc *d)
{
	return d->nmaps ? NULL : "MAP lines: bpftrace's maps have no canonical names of their own";
}

/* The columns of HEADER, each a label, a metric (COLUMN) or ignored. */
static void table_spec(const struct tc_tooldesc *d, struct tc_table_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->sum = d->blocks_sum;
	spec->ncols = d->nheader;
	for (int h = 0; h < d->nheader; h++) {
		struct tc_table_col *c = &spec->cols[h];

		snprintf(c->header, sizeof(c->header), "%s", d->header[h]);
		c->kind = TC_TABLE_IGNORE;
		for (int i = 0; i < d->ncolumns; i++) {
			if (strcmp(d->columns[i].name, d->header[h]))
				continue;
			c->kind = d->columns[i].label[0] ? TC_TABLE_LABEL : TC_TABLE_METRIC;
			snprintf(c->name, sizeof(c->name), "%s",
				 d->columns[i].label[0] ? d->columns[i].label : d->columns[i].metric);
			c->scale = d->columns[i].scale;
			c->spaces = d->columns[i].spaces;
		}
	}
}


static int read_table(const struct tc_reader_in *in, struct tc_samples *raw, char *err,
		      size_t errlen)
{
	struct tc_table_spec spec;

	table_spec(in->d, &spec);
	return tc_table_parse(in->text, in->len, &spec, raw, err, errlen);
}

static const char *table_lacks(const struct tc_tooldesc *d)
{
	return d->nheader && d->ncolumns ? NULL : "HEADER and COLUMN lines";
}

/* A command of the descriptor's reads the report and prints Prometheus text. */
static int read_filter(const struct tc_reader_in *in, struct tc_samples *raw, char *err,
		       size_t errlen)
{
	char cmd[1024];
	struct tc_filter f = { .command = cmd, .timeout_ms = FILTER_TIMEOUT_MS,
			       .keep = TC_PROM_LAST };
	int ret = tc_fill(in->d->filter_cmd, in->vars, in->nvars, cmd, sizeof(cmd));

	return ret ?: tc_filter_run(&f, in->text, in->len, raw, err, errlen);
}

/* The first is the default. */
const struct tc_reader tc_readers[] = {
	{ "prom", NULL, NULL, read_prom },
	{ "bpftrace", NULL, bpftrace_lacks, read_bpftrace },
	{ "table", NULL, table_lacks, read_table },
	{ "filter", "COMMAND", NULL, read_filter },
};
const size_t tc_nreaders = sizeof(tc_readers) / sizeof(tc_readers[0]);

const struct tc_reader *tc_reader_find(const char *value, const char **arg)
{
	for (size_t i = 0; i < tc_nreaders; i++) {
		const struct tc_reader *r = &tc_readers[i];
		size_t n = strlen(r->name);

		if (strncmp(value, r->name, n))
			continue;
		if (!r->arg && !value[n]) {
			*arg = NULL;
			return r;
		}
		if (r->arg && value[n] == ' ' && value[n + 1]) {
			*arg = value + n + 1;
			return r;
		}
	}
	return NULL;
}

const struct tc_reader *tc_reader_of(const struct tc_tooldesc *d)
{
	return d->reader ? d->reader : &tc_readers[0];
}

char *tc_reader_choices(char *buf, size_t size)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < tc_nreaders && o < size; i++)
		o += snprintf(buf + o, size - o, "%s%s%s%s",
			      !i ? "" : i + 1 == tc_nreaders ? " or " : ", ", tc_readers[i].name,
			      tc_readers[i].arg ? " " : "", tc_readers[i].arg ? tc_readers[i].arg : "");
	return buf;
}
