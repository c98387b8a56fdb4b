/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The functions of an ELF binary whose names match a glob, each with the
 * file offset a uprobe takes: the expansion of "BINARY:PATTERN" into the
 * probes it stands for, found before anything is attached.
 */
#ifndef TC_UFUNCS_H
#define TC_UFUNCS_H

#include <stddef.h>
#include <linux/types.h>

struct tc_ufunc {
	char *name;
	__u64 offset; /* in the file, as a uprobe is placed */
};

struct tc_ufuncs {
	char bin[4096];
	struct tc_ufunc *f; /* by offset; one name per address (the first in C order) */
	int n;
	int aliases;	 /* matching names dropped: another name had the same address */
	int empty;	 /* matching names of size 0 (no code to probe), dropped */
};

/* Whether PATTERN has glob characters (*, ? or [). */
int tc_ufuncs_is_glob(const char *pattern);
/*
 * The defined functions (STT_FUNC, size > 0) of the ELF file BIN whose
 * names match PATTERN (fnmatch), from .symtab and .dynsym. 0 with u->n >=
 * 1; -ENOENT when none match; other -errno with err saying why.
 */
int tc_ufuncs_find(const char *bin, const char *pattern, struct tc_ufuncs *u, char *err,
		   size_t size);
void tc_ufuncs_free(struct tc_ufuncs *u);

#endif
