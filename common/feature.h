/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What this kernel can do, found by asking it, never by its version.
 * Each check returns true or false and, when false, says why in why[]
 * ("fentry on vfs_read: the kernel refused the program: Operation not
 * permitted"). Results are cached for the life of the process.
 */
#ifndef TC_FEATURE_H
#define TC_FEATURE_H

#include <stdbool.h>
#include <stddef.h>

#define TC_WHY_LEN 200

/* The mounted tracefs, mounting it at /sys/kernel/tracing if need be. */
const char *tc_tracefs(void);
bool tc_feat_btf(char *why, size_t size);
/* Is FUNC a function of the kernel's BTF (not inlined away, not absent)? */
bool tc_feat_btf_func(const char *func, char *why, size_t size);
bool tc_feat_tracepoint(const char *category, const char *event, char *why, size_t size);
/* fentry (or fexit) programs can be loaded and attached to func. */
bool tc_feat_fentry(const char *func, bool fexit, char *why, size_t size);
bool tc_feat_kprobe(const char *func, char *why, size_t size);
bool tc_feat_uprobe(const char *binary, char *why, size_t size);
/* BPF cookies for uprobes (bpf_get_attach_cookie()). */
bool tc_feat_attach_cookie(char *why, size_t size);
bool tc_feat_perf_cpu_clock(char *why, size_t size);
/* Release the cached kernel BTF. */
void tc_features_free(void);

#endif
