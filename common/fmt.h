/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Numbers as people read them, one way for every part of tracecal: the
 * tracer's tables, the oracles' messages and the reports.
 */
#ifndef TC_FMT_H
#define TC_FMT_H

#include <stddef.h>
#include <linux/types.h>

/* 67108864 -> "67,108,864". Returns buf. */
char *tc_fmt_grouped(char *buf, size_t size, __u64 v);

#endif
