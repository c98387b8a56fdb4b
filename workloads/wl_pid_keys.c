// SPDX-License-Identifier: GPL-2.0
/*
 * pid-keys: n processes, each making getppid K times: n distinct pids,
 * made in batches of 1024, each batch reaped before the next is forked, so
 * that n has no cap (flood-keys keys=pids forks all of its processes at
 * once, so at most 4096). A tool keyed by pid (syscount -P, a per-process top) then
 * holds n keys by the end, more than a map of 8192 or 10240 entries holds.
 *
 * Each process makes prctl, K getppid and exit_group; tools counting at
 * syscall entry see the prctl under the parent's name, those counting at
 * exit miss exit_group: with K = 48 that edge is 1 call in 50 (2%).
 */
#include <sys/syscall.h>
#include <json-c/json.h>
#include "workload.h"

#define BATCH 1024

static const struct tc_wl_param params[] = {
	{ .name = "n", .type = TC_WL_U64, .def = "9001", .min = 1, .max = 1000000,
	  .help = "processes, 1024 at a time: distinct pids" },
	{ .name = "getppid", .type = TC_WL_U64, .def = "48", .max = 1000000,
	  .help = "getppid calls in each process" },
	TC_WL_PARAM_COMM("tc_pid_keys"),
	{ .name = NULL },
};

static int pid_body(struct tc_wl_proc *p, void *arg)
{
	const __u64 *k = arg;

	for (__u64 i = 0; i < *k; i++)
		tc_wl_sc0(p, SYS_getppid);
	return 0;
}

static int pid_keys_run(struct tc_wl_ctx *ctx)
{
	__u64 n = tc_wl_num(ctx, "n"), k = tc_wl_num(ctx, "getppid"), t0;
	const struct tc_wl_task task = { .role = "child", .body = pid_body, .arg = &k };
	int err = tc_wl_reserve(ctx, (int)n);
	struct json_object *o;

	t0 = tc_wl_now_ns();
	/* A batch at a time: reaped (tc_wl_wait) before the next is made. */
	for (__u64 i = 0; !err && i < n; i++) {
		err = tc_wl_spawn(ctx, &task);
		if (!err && ((i + 1) % BATCH == 0 || i + 1 == n))
			err = tc_wl_wait(ctx);
	}
	if (err)
		return err;
	o = json_object_new_object();
	json_object_object_add(o, "processes", json_object_new_uint64(n));
	json_object_object_add(o, "ns", json_object_new_uint64(tc_wl_now_ns() - t0));
	tc_wl_section(ctx, "keys", o);
	return 0;
}

const struct tc_workload tc_wl_pid_keys = {
	.name = "pid-keys",
	.summary = "n processes in batches of 1024, each getppid K times: more pids than a "
		   "tool's pid-keyed map holds",
	.example = "n=9001 getppid=48",
	.params = params,
	.run = pid_keys_run,
};
