/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The probe libraries on several kernels: the JSON of `tracecal tapset`
 * from each (the host, each VM of `make vm-test`) as one table, probe alias
 * and candidate x kernel -> verdict, then every candidate whose verdict
 * differs between kernels with each kernel's reason: the same alias OK on
 * one kernel and NEVER FIRES or COUNT DRIFT on another.
 */
#ifndef TC_TSMATRIX_H
#define TC_TSMATRIX_H

#include <stdio.h>

#define TC_TSM_KERNELS 16

struct tc_tsm_cell {
	char verdict[16];
	char ratio[16]; /* "2x", "1/512x" for a drift, else "" */
	char detail[400];
	char kind[16];	/* the candidate's hook kind on that kernel's report */
};

struct tc_tsm_row {
	char lib[64];
	char alias[96];
	int n;
	char point[200];
	struct tc_tsm_cell cell[TC_TSM_KERNELS]; /* verdict "" where a kernel did not run it */
};

struct tc_tsmatrix {
	int nk;
	char label[TC_TSM_KERNELS][64];
	struct tc_tsm_row *rows;
	int nrows;
};

/* Add one kernel's `tracecal tapset --json` file, as column label. */
int tc_tsmatrix_add(struct tc_tsmatrix *m, const char *label, const char *path, char *err,
		    size_t errlen);
/* The table, then the candidates that differ between kernels, with why. */
void tc_tsmatrix_write_text(FILE *f, const struct tc_tsmatrix *m);
int tc_tsmatrix_ndiffer(const struct tc_tsmatrix *m);
void tc_tsmatrix_free(struct tc_tsmatrix *m);

#endif
