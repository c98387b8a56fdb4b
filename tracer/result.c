// SPDX-License-Identifier: GPL-2.0
/* Result tables and histogram sets: building, merging, differencing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "result.h"

static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
	size_t ncap;
	void *np;

	if (n < *cap)
		return p;
	ncap = *cap ? *cap * 2 : 64;
	np = realloc(p, ncap * size);
	if (!np)
		return NULL;
	memset((char *)np + *cap * size, 0, (ncap - *cap) * size);
	*cap = ncap;
	return np;
}

struct tc_row *tc_table__add(struct tc_table *t)
{
	struct tc_row *rows = grow(t->rows, &t->cap, t->n, sizeof(*rows));

	if (!rows)
		return NULL;
	t->rows = rows;
	memset(&rows[t->n], 0, sizeof(rows[0]));
	return &rows[t->n++];
}

struct tc_hist_row *tc_hists__add(struct tc_hists *h)
{
	struct tc_hist_row *rows = grow(h->rows, &h->cap, h->n, sizeof(*rows));

	if (!rows)
		return NULL;
	h->rows = rows;
	memset(&rows[h->n], 0, sizeof(rows[0]));
	return &rows[h->n++];
}

void tc_result__reset(struct tc_result *r)
{
	r->table.n = 0;
	r->hists.n = 0;
	r->lost.n = 0;
}

void tc_result__free(struct tc_result *r)
{
	free(r->table.rows);
	free(r->hists.rows);
	free(r->lost.rows);
	r->lost.rows = NULL;
	r->lost.n = r->lost.cap = 0;
	r->table.rows = NULL;
	r->hists.rows = NULL;
	r->table.n = r->table.cap = 0;
	r->hists.n = r->hists.cap = 0;
}

static int labcmp(const char a[][TC_LABEL_LEN], const char b[][TC_LABEL_LEN], int n)
{
	for (int i = 0; i < n; i++) {
		int c = strcmp(a[i], b[i]);

		if (c)
			return c;
	}
	return 0;
}

/* qsort has no context argument: the label count travels in a static. */
static int sort_nlabels;

static int row_labcmp(const void *a, const void *b)
{
	return labcmp(((const struct tc_row *)a)->lab, ((const struct tc_row *)b)->lab,
		      sort_nlabels);
}

static int hrow_labcmp(const void *a, const void *b)
{
	return labcmp(((const struct tc_hist_row *)a)->lab, ((const struct tc_hist_row *)b)->lab,
		      sort_nlabels);
}

void tc_hist__merge(struct tc_hist *dst, const struct tc_hist *src)
{
	if (!src->count)
		return;
	for (int i = 0; i < TC_HIST_SLOTS; i++)
		dst->slots[i] += src->slots[i];
	if (!dst->count || src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
	dst->count += src->count;
	dst->sum += src->sum;
}

void tc_table__normalize(struct tc_table *t)
{
	size_t w = 0;

	if (!t->def || t->n < 2)
		return;
	sort_nlabels = t->def->nlabels;
	qsort(t->rows, t->n, sizeof(t->rows[0]), row_labcmp);
	for (size_t r = 1; r < t->n; r++) {
		if (!labcmp(t->rows[w].lab, t->rows[r].lab, t->def->nlabels)) {
			for (int v = 0; v < t->def->nvals; v++)
				t->rows[w].val[v] += t->rows[r].val[v];
		} else {
			t->rows[++w] = t->rows[r];
		}
	}
	t->n = w + 1;
}

void tc_hists__normalize(struct tc_hists *h)
{
	size_t w = 0;

	if (!h->def || h->n < 2)
		return;
	sort_nlabels = h->def->nlabels;
	qsort(h->rows, h->n, sizeof(h->rows[0]), hrow_labcmp);
	for (size_t r = 1; r < h->n; r++) {
		if (!labcmp(h->rows[w].lab, h->rows[r].lab, h->def->nlabels))
			tc_hist__merge(&h->rows[w].h, &h->rows[r].h);
		else
			h->rows[++w] = h->rows[r];
	}
	h->n = w + 1;
}

static int sort_nvals;
static unsigned int sort_mask;

static int row_valcmp(const void *a, const void *b)
{
	const struct tc_row *x = a, *y = b;
	__u64 sx = 0, sy = 0;

	for (int v = 0; v < sort_nvals; v++) {
		if (!(sort_mask & (1u << v)))
			continue;
		sx += x->val[v];
		sy += y->val[v];
	}
	if (sx != sy)
		return sx < sy ? 1 : -1;
	return labcmp(x->lab, y->lab, sort_nlabels);
}

void tc_table__sort_by_value(struct tc_table *t)
{
	if (!t->def || t->n < 2)
		return;
	sort_nlabels = t->def->nlabels;
	sort_nvals = t->def->nvals;
	sort_mask = t->def->sort_mask ? t->def->sort_mask : ~0u;
	qsort(t->rows, t->n, sizeof(t->rows[0]), row_valcmp);
}

static void table_delta(struct tc_table *cur, const struct tc_table *prev)
{
	size_t w = 0;

	sort_nlabels = cur->def->nlabels;
	for (size_t r = 0; r < cur->n; r++) {
		struct tc_row *row = &cur->rows[r];
		const struct tc_row *old = NULL;
		bool changed = false;

		if (prev->n)
			old = bsearch(row, prev->rows, prev->n, sizeof(*row), row_labcmp);
		for (int v = 0; v < cur->def->nvals; v++) {
			if (old)
				row->val[v] -= old->val[v];
			changed |= row->val[v] != 0;
		}
		if (changed)
			cur->rows[w++] = *row;
	}
	cur->n = w;
}

static void hists_delta(struct tc_hists *cur, const struct tc_hists *prev)
{
	size_t w = 0;

	sort_nlabels = cur->def->nlabels;
	for (size_t r = 0; r < cur->n; r++) {
		struct tc_hist_row *row = &cur->rows[r];
		const struct tc_hist_row *old = NULL;

		if (prev->n)
			old = bsearch(row, prev->rows, prev->n, sizeof(*row), hrow_labcmp);
		if (old) {
			for (int i = 0; i < TC_HIST_SLOTS; i++)
				row->h.slots[i] -= old->h.slots[i];
			row->h.count -= old->h.count;
			row->h.sum -= old->h.sum;
		}
		if (row->h.count)
			cur->rows[w++] = *row;
	}
	cur->n = w;
}

int tc_result__delta(struct tc_result *cur, const struct tc_result *prev)
{
	if (cur->table.def)
		table_delta(&cur->table, &prev->table);
	if (cur->hists.def)
		hists_delta(&cur->hists, &prev->hists);
	if (cur->lost.def)
		table_delta(&cur->lost, &prev->lost);
	return 0;
}

static void *dup_rows(const void *rows, size_t n, size_t size, bool *failed)
{
	void *p;

	if (!n || *failed)
		return NULL;
	p = malloc(n * size);
	if (!p) {
		*failed = true;
		return NULL;
	}
	return memcpy(p, rows, n * size);
}

int tc_result__copy(struct tc_result *dst, const struct tc_result *src)
{
	bool failed = false;
	struct tc_row *rows = dup_rows(src->table.rows, src->table.n, sizeof(*rows), &failed);
	struct tc_hist_row *hrows = dup_rows(src->hists.rows, src->hists.n, sizeof(*hrows), &failed);
	struct tc_row *lrows = dup_rows(src->lost.rows, src->lost.n, sizeof(*lrows), &failed);

	if (failed) {
		free(rows);
		free(hrows);
		free(lrows);
		return -ENOMEM;
	}
	tc_result__free(dst);
	*dst = *src;
	dst->table.rows = rows;
	dst->table.cap = src->table.n;
	dst->hists.rows = hrows;
	dst->hists.cap = src->hists.n;
	dst->lost.rows = lrows;
	dst->lost.cap = src->lost.n;
	return 0;
}

void tc_label_u64(char *lab, __u64 v)
{
	snprintf(lab, TC_LABEL_LEN, "%llu", (unsigned long long)v);
}

void tc_label_comm(char *lab, const char *comm)
{
	int i;

	for (i = 0; i < TC_COMM_LEN && comm[i]; i++)
		lab[i] = (comm[i] >= 0x20 && comm[i] < 0x7f) ? comm[i] : '?';
	lab[i] = '\0';
}

