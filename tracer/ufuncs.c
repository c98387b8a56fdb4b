// SPDX-License-Identifier: GPL-2.0
/*
 * A binary's functions by glob, read with libelf: what "BINARY:PATTERN"
 * stands for, so that the number of probes is known, and checked against
 * the limits, before the first one is attached.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ufuncs.h"

int tc_ufuncs_is_glob(const char *pattern)
{
	return strpbrk(pattern, "*?[") != NULL;
}

void tc_ufuncs_free(struct tc_ufuncs *u)
{
	for (int i = 0; i < u->n; i++)
		free(u->f[i].name);
	free(u->f);
	u->f = NULL;
	u->n = u->aliases = u->empty = 0;
}

static int add(struct tc_ufuncs *u, int *cap, const char *name, __u64 offset)
{
	if (u->n == *cap) {
		int ncap = *cap ? *cap * 2 : 64;
		struct tc_ufunc *f = realloc(u->f, ncap * sizeof(*f));

		if (!f)
			return -ENOMEM;
		u->f = f;
		*cap = ncap;
	}
	u->f[u->n].name = strdup(name);
	if (!u->f[u->n].name)
		return -ENOMEM;
	u->f[u->n++].offset = offset;
	return 0;
}

/* The matching functions of one symbol table section. */
static int scan(Elf *elf, Elf_Scn *symscn, const GElf_Shdr *symsh, const char *pattern,
		struct tc_ufuncs *u, int *cap)
{
	Elf_Data *data = elf_getdata(symscn, NULL);
	size_t nsyms = symsh->sh_entsize ? symsh->sh_size / symsh->sh_entsize : 0;

	for (size_t i = 0; data && i < nsyms; i++) {
		GElf_Sym sym;
		GElf_Shdr sh;
		Elf_Scn *scn;
		const char *name;
		int err;

		if (!gelf_getsym(data, i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE)
			continue;
		name = elf_strptr(elf, symsh->sh_link, sym.st_name);
		if (!name || !*name || fnmatch(pattern, name, 0))
			continue;
		if (!sym.st_size) {
			u->empty++;
			continue;
		}
		scn = elf_getscn(elf, sym.st_shndx);
		if (!scn || !gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_EXECINSTR) ||
		    sym.st_value < sh.sh_addr)
			continue;
		err = add(u, cap, name, sym.st_value - sh.sh_addr + sh.sh_offset);
		if (err)
			return err;
	}
	return 0;
}

static int by_offset(const void *a, const void *b)
{
	const struct tc_ufunc *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return strcmp(x->name, y->name);
}

int tc_ufuncs_find(const char *bin, const char *pattern, struct tc_ufuncs *u, char *err,
		   size_t size)
{
	Elf_Scn *scn = NULL;
	Elf *elf;
	int fd, ret = 0, cap = 0, kept = 0;

	memset(u, 0, sizeof(*u));
	snprintf(u->bin, sizeof(u->bin), "%s", bin);
	if (elf_version(EV_CURRENT) == EV_NONE) {
		snprintf(err, size, "libelf: %s", elf_errmsg(-1));
		return -EINVAL;
	}
	fd = open(bin, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, size, "%s: %s", bin, strerror(errno));
		return ret;
	}
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		snprintf(err, size, "%s: not an ELF file", bin);
		ret = -ENOEXEC;
		goto out;
	}
	/* .symtab and .dynsym: a stripped binary has only the second. */
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh) || (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM))
			continue;
		ret = scan(elf, scn, &sh, pattern, u, &cap);
		if (ret) {
			snprintf(err, size, "%s: %s", bin, strerror(-ret));
			goto out;
		}
	}
	/* One probe per address: a name found in both tables, or an alias, once. */
	qsort(u->f, u->n, sizeof(*u->f), by_offset);
	for (int i = 0; i < u->n; i++) {
		if (kept && u->f[kept - 1].offset == u->f[i].offset) {
			if (strcmp(u->f[kept - 1].name, u->f[i].name))
				u->aliases++;
			free(u->f[i].name);
			continue;
		}
		u->f[kept++] = u->f[i];
	}
	u->n = kept;
	if (!u->n) {
		snprintf(err, size, "no function %s '%s' in %s%s",
			 tc_ufuncs_is_glob(pattern) ? "matching" : "named", pattern, bin,
			 u->empty ? " (only symbols of size 0, with no code to probe)" : "");
		ret = -ENOENT;
	}
out:
	if (elf)
		elf_end(elf);
	close(fd);
	if (ret)
		tc_ufuncs_free(u);
	return ret;
}
