// SPDX-License-Identifier: GPL-2.0
/* Lookups in the syscall table the build generates from <sys/syscall.h>. */
#include <string.h>
#include "syscalls.h"

/* build/syscall_names.inc: lines of `[NR] = "name",` */
static const char *const names[] = {
#include "syscall_names.inc"
};

const char *tc_syscall_name(unsigned int nr)
{
	return nr < sizeof(names) / sizeof(names[0]) ? names[nr] : NULL;
}

int tc_syscall_nr(const char *name)
{
	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i] && !strcmp(names[i], name))
			return i;
	return -1;
}
