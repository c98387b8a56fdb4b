/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel matrix: several runs of a suite (results.json of `tracecal
 * run`, one per kernel) merged into scenario x kernel -> verdict for each
 * tool, with the hooks each kernel gave each tool, the cells that differ
 * between kernels and why, and whether different hook paths gave the
 * same numbers for the same workload.
 */
#ifndef TC_KMATRIX_H
#define TC_KMATRIX_H

#include <stdbool.h>
#include <stdio.h>

#define TC_KMAX 8     /* kernels (runs) in one matrix */
#define TC_KCHECKS 8  /* checks compared per cell */

struct tc_kcheck {
	char *expect; /* the selector, as written */
	char *oracle;
	bool exact_manifest; /* an exact check against the workload's own count */
	bool has[TC_KMAX];
	double actual[TC_KMAX];
};

struct tc_kcell {
	char *tool, *scenario;
	char *verdict[TC_KMAX]; /* NULL: not run on that kernel */
	char *reason[TC_KMAX];
	char *hooks[TC_KMAX];
	struct tc_kcheck checks[TC_KCHECKS];
	int nchecks;
};

struct tc_kmatrix {
	int nk;
	char *label[TC_KMAX];  /* "host", "6.1": as given, else the kernel */
	char *kernel[TC_KMAX]; /* uname -r of the run */
	char *file[TC_KMAX];
	char *vm[TC_KMAX];     /* the run's "vm" object (its accelerator), as JSON; NULL: none */
	int runs[TC_KMAX];
	struct tc_kcell *c;
	int n, cap;
};

/* Add one run: its results.json, under LABEL (NULL: its kernel's name). */
int tc_kmatrix_add(struct tc_kmatrix *m, const char *label, const char *path, char *err,
		   size_t errlen);
/* A cell whose verdicts differ between kernels, and not only for a program missing on one. */
bool tc_kcell_differs(const struct tc_kmatrix *m, const struct tc_kcell *c);
/* A cell SKIPped (or not run) on every kernel. */
bool tc_kcell_all_skip(const struct tc_kmatrix *m, const struct tc_kcell *c);
/* Cells whose verdicts differ between kernels; pairs run on different hooks. */
int tc_kmatrix_ndiffer(const struct tc_kmatrix *m);
void tc_kmatrix_write_text(FILE *f, const struct tc_kmatrix *m);
int tc_kmatrix_write_json(FILE *f, const struct tc_kmatrix *m);
/* The matrix as one HTML page (html_kmatrix.c): 0 or -EIO. */
int tc_kmatrix_write_html(FILE *f, const struct tc_kmatrix *m);
void tc_kmatrix_free(struct tc_kmatrix *m);

#endif
