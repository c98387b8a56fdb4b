/* SPDX-License-Identifier: GPL-2.0 */
/* Hook choice by feature check, attach and detach; see hooks.c. */
#ifndef TC_HOOKS_H
#define TC_HOOKS_H

#include "session.h"

/* Before load: pick a candidate per probe, switch off the rest. */
int tc_hooks_choose(struct tc_session *s);
/* After load: attach every chosen program; on error the caller detaches. */
int tc_hooks_attach(struct tc_session *s);
void tc_hooks_detach(struct tc_session *s);
/* "tp_btf block:block_io_start" or "tracepoint syscalls:sys_exit_read (+9 more)". */
int tc_hooks_describe(struct tc_session *s, int i, char *buf, size_t size);
const struct tc_candidate *tc_hooks_chosen(const struct tc_session *s, int i);
const char *tc_hooks_target(struct tc_session *s, const struct tc_attach *at);
/*
 * The runs of program prog (by name) that the kernel skipped because it
 * fired while already running on that CPU (an interrupt inside a probe):
 * their events are lost, and only the kernel knows. 0 if unknown.
 */
__u64 tc_hooks_prog_misses(struct tc_session *s, const char *prog);
/* Fill choice[].misses for every probe. */
void tc_hooks_read_misses(struct tc_session *s);

#endif
