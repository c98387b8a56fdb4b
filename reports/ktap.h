/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KTAP version 1 (the kernel's Documentation/dev-tools/ktap.rst), which
 * KernelCI, LKFT and kunit.py read: a subtest per tool, a result line per
 * scenario, what went wrong as "#" lines before it, ERROR and TIMEOUT as
 * directives, a verdict the known-verdicts file gives as XFAIL, and the
 * totals at the end in kselftest's words.
 */
#ifndef TC_KTAP_H
#define TC_KTAP_H

#include <stdio.h>
#include "writers.h"

void tc_write_ktap(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m);

#endif
