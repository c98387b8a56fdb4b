/* SPDX-License-Identifier: GPL-2.0 */
/* Syscall numbers and names of this architecture, from <sys/syscall.h>. */
#ifndef TC_SYSCALLS_H
#define TC_SYSCALLS_H

/* The name of syscall nr, or NULL if this architecture has none. */
const char *tc_syscall_name(unsigned int nr);
/* The number of a syscall by name, or -1. */
int tc_syscall_nr(const char *name);

#endif
