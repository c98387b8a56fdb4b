/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an extended regex from a user's file (a descriptor's READY, LOSS or
 * ATTACH_WARNING, a selector's =~) must not hold before it is compiled:
 * glibc's regcomp() copies the tree under a repetition for each one
 * stacked on it, so that "a++++++++++++++++++++++++" took minutes and 2 GB
 * (found by make fuzz), and each group that repeats a repetition doubles
 * it again: 15 of them took 1.8 s, 18 over 20 s. POSIX leaves a repetition
 * of a repetition undefined anyway; such patterns are refused, the place
 * named.
 */
#ifndef TC_REGEX_GUARD_H
#define TC_REGEX_GUARD_H

#include <stddef.h>

#define TC_REGEX_MAX_DUP 255	 /* the largest count of a {m,n} interval taken */
#define TC_REGEX_MAX_COPIES 1024 /* nested repetitions: (((a+)+)+) is 8 copies of a */
#define TC_REGEX_MAX_NEST 32	 /* groups within groups */

/* 0, or -EINVAL with why: stacked repetitions, too large an interval, too many copies. */
int tc_regex_check(const char *re, char *why, size_t size);

#endif
