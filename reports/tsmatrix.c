// SPDX-License-Identifier: GPL-2.0
/* Probe libraries x kernels; see tsmatrix.h. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "tsmatrix.h"

static const char *str(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string)
		       ? json_object_get_string(v)
		       : "";
}

static struct tc_tsm_row *row_of(struct tc_tsmatrix *m, const char *lib, const char *alias,
				 int n, const char *point)
{
	struct tc_tsm_row *rows;

	for (int i = 0; i < m->nrows; i++)
		if (!strcmp(m->rows[i].lib, lib) && !strcmp(m->rows[i].alias, alias) &&
		    m->rows[i].n == n)
			return &m->rows[i];
	rows = realloc(m->rows, (m->nrows + 1) * sizeof(*rows));
	if (!rows)
		return NULL;
	m->rows = rows;
	memset(&rows[m->nrows], 0, sizeof(rows[0]));
	snprintf(rows[m->nrows].lib, sizeof(rows[0].lib), "%s", lib);
	snprintf(rows[m->nrows].alias, sizeof(rows[0].alias), "%s", alias);
	snprintf(rows[m->nrows].point, sizeof(rows[0].point), "%s", point);
	rows[m->nrows].n = n;
	return &m->rows[m->nrows++];
}

int tc_tsmatrix_add(struct tc_tsmatrix *m, const char *label, const char *path, char *err,
		    size_t errlen)
{
	json_object *root = json_object_from_file(path), *cands, *v;
	int k = m->nk;

	if (m->nk == TC_TSM_KERNELS) {
		snprintf(err, errlen, "%s: at most %d kernels", path, TC_TSM_KERNELS);
		return -E2BIG;
	}
	if (!root || !json_object_object_get_ex(root, "candidates", &cands) ||
	    !json_object_is_type(cands, json_type_array) ||
	    !json_object_object_get_ex(root, "tracecal_tapset", &v)) {
		snprintf(err, errlen, "%s: not the JSON of `tracecal tapset --json`%s", path,
			 root ? "" : " (unreadable or not JSON)");
		json_object_put(root);
		return -EINVAL;
	}
	snprintf(m->label[k], sizeof(m->label[k]), "%s", label && *label ? label : str(root, "kernel"));
	m->nk++;
	for (size_t i = 0; i < json_object_array_length(cands); i++) {
		json_object *c = json_object_array_get_idx(cands, i), *n;
		struct tc_tsm_row *row;
		struct tc_tsm_cell *cell;

		json_object_object_get_ex(c, "candidate", &n);
		row = row_of(m, str(c, "library"), str(c, "alias"), json_object_get_int(n),
			     str(c, "point"));
		if (!row) {
			json_object_put(root);
			return -ENOMEM;
		}
		cell = &row->cell[k];
		snprintf(cell->verdict, sizeof(cell->verdict), "%s", str(c, "verdict"));
		snprintf(cell->detail, sizeof(cell->detail), "%s%s%s", str(c, "scenario"),
			 *str(c, "scenario") ? ": " : "", str(c, "detail"));
		snprintf(cell->kind, sizeof(cell->kind), "%s", str(c, "kind"));
		snprintf(cell->ratio, sizeof(cell->ratio), "%s", str(c, "ratio_text"));
	}
	json_object_put(root);
	return 0;
}

static bool differs(const struct tc_tsmatrix *m, const struct tc_tsm_row *r)
{
	for (int k = 1; k < m->nk; k++)
		if (strcmp(r->cell[k].verdict, r->cell[0].verdict) ||
		    strcmp(r->cell[k].ratio, r->cell[0].ratio))
			return true;
	return false;
}

int tc_tsmatrix_ndiffer(const struct tc_tsmatrix *m)
{
	int n = 0;

	for (int i = 0; i < m->nrows; i++)
		n += differs(m, &m->rows[i]);
	return n;
}

static void cell_text(const struct tc_tsm_cell *c, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s", c->verdict[0] ? c->verdict : "-", c->ratio[0] ? " " : "",
		 c->ratio);
}

void tc_tsmatrix_write_text(FILE *f, const struct tc_tsmatrix *m)
{
	char text[48];
	int nd = tc_tsmatrix_ndiffer(m), w = 18;

	for (int k = 0; k < m->nk; k++) /* a kernel's whole name, up to 24 */
		if ((int)strlen(m->label[k]) > w)
			w = strlen(m->label[k]) > 24 ? 24 : (int)strlen(m->label[k]);
	fprintf(f, "\nprobe libraries x kernel (tracecal tapset): %d candidates, %d differ "
		"between kernels\n%-52s", m->nrows, nd, "alias / candidate");
	for (int k = 0; k < m->nk; k++)
		fprintf(f, " %-*.*s", w, w, m->label[k]);
	fputc('\n', f);
	for (int i = 0; i < m->nrows; i++) {
		const struct tc_tsm_row *r = &m->rows[i];

		if (!i || strcmp(r->alias, m->rows[i - 1].alias) || strcmp(r->lib, m->rows[i - 1].lib))
			fprintf(f, "%s %s\n", r->lib, r->alias);
		fprintf(f, "  %d %-47.47s", r->n, r->point);
		for (int k = 0; k < m->nk; k++) {
			cell_text(&r->cell[k], text, sizeof(text));
			fprintf(f, " %-*.*s", w, w, text);
		}
		fputc('\n', f);
	}
	if (!nd)
		return;
	fprintf(f, "\ncandidates whose verdict differs between kernels, and why:\n");
	for (int i = 0; i < m->nrows; i++) {
		const struct tc_tsm_row *r = &m->rows[i];

		if (!differs(m, r))
			continue;
		fprintf(f, "%s %s, candidate %d (%s):\n", r->lib, r->alias, r->n, r->point);
		for (int k = 0; k < m->nk; k++) {
			cell_text(&r->cell[k], text, sizeof(text));
			fprintf(f, "  %-16s %s%s%s\n", m->label[k], text, r->cell[k].detail[0] ? ": " : "",
				r->cell[k].detail);
		}
	}
}

void tc_tsmatrix_free(struct tc_tsmatrix *m)
{
	free(m->rows);
	memset(m, 0, sizeof(*m));
}
