/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Load-time checks of what scenarios name, so that a typo is an error
 * with its file and line rather than a surprise during a run: metrics
 * against the canonical table, tolerances and JSON paths against their
 * parsers, workloads and their parameters against the workload table.
 */
#ifndef TC_VALIDATE_H
#define TC_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

/* A canonical metric; a histogram one when hist (else NAME_count and NAME_sum too). */
int tc_validate_metric(const char *name, bool hist, char *why, size_t size);
int tc_validate_tolerance(const char *text, char *why, size_t size);
int tc_validate_json_path(const char *path, char *why, size_t size);
/* "NAME KEY=VALUE...": a known workload, known keys, good values; its comm into comm. */
int tc_validate_workload(const char *line, char comm[16], char *why, size_t size);

#endif
