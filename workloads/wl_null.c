// SPDX-License-Identifier: GPL-2.0
/*
 * null: a measured process that does nothing: its prctl and its exit_group
 * are all it makes. It tests the harness itself, as fio's null engine
 * tests fio: a tool filtering by its comm must count exactly two syscalls.
 */
#include "workload.h"

static const struct tc_wl_param params[] = {
	TC_WL_PARAM_COMM("tc_null"),
	{ .name = NULL },
};

static int null_body(struct tc_wl_proc *p, void *arg)
{
	(void)p;
	(void)arg;
	return 0;
}

static int null_run(struct tc_wl_ctx *ctx)
{
	const struct tc_wl_task task = { .role = "main", .body = null_body };

	return tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);
}

const struct tc_workload tc_wl_null = {
	.name = "null",
	.summary = "Does nothing: prctl and exit_group only, to test the harness itself",
	.example = "comm=tc_null",
	.params = params,
	.run = null_run,
};
