// SPDX-License-Identifier: GPL-2.0
/*
 * Workloads that push a tool to its limits, each with an exact count:
 *
 * hot-probe: n getppid calls from one process, as fast as it can or paced
 *   to rate= calls a second: a very high event rate on one hook, to push a
 *   probe's overhead up (and, at several rates, to plot the overhead a tool
 *   adds against the event rate).
 * flood-events: n openat of a missing file, each failing with ENOENT, as
 *   fast as possible or paced: events faster than a consumer can read them.
 * flood-keys: n unique keys: keys=files opens n distinct missing paths
 *   (a tool keyed by file name sees n keys); keys=pids forks n processes
 *   that each make one getppid (a tool keyed by pid sees n keys).
 *
 * Each writes a "rate" section: the calls made, the time they took and
 * the rate achieved. Pacing sleeps (nanosleep, counted) between batches of
 * 100 calls so that the rate over the run is at most rate=.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <json-c/json.h>
#include "workload.h"

#define BATCH 100

static const char *const key_choices[] = { "files", "pids", NULL };

struct flood {
	__u64 n, rate;
	const char *missing;
	__u64 t0, t1; /* CLOCK_MONOTONIC, in the measured process */
};

/* Sleep until call i is due at the given rate (calls per second; 0: never). */
static void pace(struct tc_wl_proc *p, const struct flood *f, __u64 i, __u64 start)
{
	__u64 due, now;
	struct timespec ts;

	if (!f->rate || i % BATCH)
		return;
	due = start + i * 1000000000ULL / f->rate;
	now = tc_wl_clock(p);
	if (now >= due)
		return;
	ts.tv_sec = (due - now) / 1000000000ULL;
	ts.tv_nsec = (due - now) % 1000000000ULL;
	tc_wl_sc2(p, SYS_nanosleep, (long)&ts, 0);
}

static int hot_body(struct tc_wl_proc *p, void *arg)
{
	struct flood *f = arg;

	f->t0 = tc_wl_clock(p);
	for (__u64 i = 0; i < f->n; i++) {
		pace(p, f, i, f->t0);
		tc_wl_sc0(p, SYS_getppid);
	}
	f->t1 = tc_wl_clock(p);
	return 0;
}

static int events_body(struct tc_wl_proc *p, void *arg)
{
	struct flood *f = arg;

	f->t0 = tc_wl_clock(p);
	for (__u64 i = 0; i < f->n; i++) {
		long r;

		pace(p, f, i, f->t0);
		r = tc_wl_sc4(p, SYS_openat, AT_FDCWD, (long)f->missing, O_RDONLY | O_CLOEXEC, 0);
		if (r >= 0 || errno != ENOENT)
			return tc_wl_child_fail(p, r >= 0 ? EEXIST : errno, "open %s (expecting ENOENT)",
						f->missing);
	}
	f->t1 = tc_wl_clock(p);
	return 0;
}

static int files_body(struct tc_wl_proc *p, void *arg)
{
	struct flood *f = arg;
	char path[PATH_MAX];
	size_t len = strlen(f->missing);

	if (len + 12 >= sizeof(path))
		return tc_wl_child_fail(p, ENAMETOOLONG, "name keys under %s", f->missing);
	memcpy(path, f->missing, len);
	f->t0 = tc_wl_clock(p);
	for (__u64 i = 0; i < f->n; i++) {
		long r;

		/* "/k0000042": no stdio in the measured loop */
		path[len] = '/';
		path[len + 1] = 'k';
		for (int d = 6, v = (int)i; d >= 0; d--, v /= 10)
			path[len + 2 + d] = '0' + v % 10;
		path[len + 9] = '\0';
		pace(p, f, i, f->t0);
		r = tc_wl_sc4(p, SYS_openat, AT_FDCWD, (long)path, O_RDONLY | O_CLOEXEC, 0);
		if (r >= 0 || errno != ENOENT)
			return tc_wl_child_fail(p, r >= 0 ? EEXIST : errno, "open %s (expecting ENOENT)",
						path);
	}
	f->t1 = tc_wl_clock(p);
	return 0;
}

static int pid_body(struct tc_wl_proc *p, void *arg)
{
	(void)arg;
	tc_wl_sc0(p, SYS_getppid);
	return 0;
}

static void rate_section(struct tc_wl_ctx *ctx, const struct flood *f, const char *what, __u64 t0,
			 __u64 t1)
{
	struct json_object *o = json_object_new_object();
	double secs = t1 > t0 ? (t1 - t0) / 1e9 : 0;

	json_object_object_add(o, "what", json_object_new_string(what));
	json_object_object_add(o, "count", json_object_new_uint64(f->n));
	json_object_object_add(o, "target_per_second", json_object_new_uint64(f->rate));
	json_object_object_add(o, "ns", json_object_new_uint64(t1 > t0 ? t1 - t0 : 0));
	json_object_object_add(o, "per_second",
			       json_object_new_double(secs > 0 ? f->n / secs : 0));
	tc_wl_section(ctx, "rate", o);
}

/* A missing path must be missing, or the opens would not fail. */
static int check_missing(struct tc_wl_ctx *ctx, const char *path)
{
	struct stat st;

	if (!stat(path, &st)) {
		snprintf(ctx->why, sizeof(ctx->why), "it exists: its opens would not fail");
		return tc_wl_fail(ctx, -EEXIST, "use missing=%s", path);
	}
	if (errno != ENOENT)
		return tc_wl_fail(ctx, -errno, "use missing=%s", path);
	return 0;
}

static int run_one(struct tc_wl_ctx *ctx, tc_wl_fn body, const char *what, struct flood *f)
{
	const struct tc_wl_task task = { .role = "main", .body = body, .arg = f };
	int err = tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);

	if (!err)
		rate_section(ctx, f, what, f->t0, f->t1);
	return err;
}

/* The flood's numbers live in memory the measured process shares with us. */
static struct flood *flood_of(struct tc_wl_ctx *ctx)
{
	struct flood *f = tc_wl_shared(ctx, sizeof(*f));

	if (!f)
		return NULL;
	f->n = tc_wl_num(ctx, "n");
	f->rate = tc_wl_num(ctx, "rate");
	return f;
}

/* ---- hot-probe ---- */

static const struct tc_wl_param hot_params[] = {
	{ .name = "n", .type = TC_WL_U64, .def = "1000003", .min = 1, .max = 10000000000ULL,
	  .help = "getppid calls" },
	{ .name = "rate", .type = TC_WL_U64, .def = "0", .max = 100000000,
	  .help = "calls per second at most, paced in batches of 100 (0: as fast as it can)" },
	TC_WL_PARAM_COMM("tc_hot"),
	{ .name = NULL },
};

static int hot_run(struct tc_wl_ctx *ctx)
{
	struct flood *f = flood_of(ctx);

	if (!f)
		return tc_wl_fail(ctx, -ENOMEM, "map the shared counters");
	return run_one(ctx, hot_body, "getppid", f);
}

const struct tc_workload tc_wl_hot_probe = {
	.name = "hot-probe",
	.summary = "n getppid calls from one process, as fast as it can or at rate= a second: "
		   "a very high event rate on one hook",
	.example = "n=1000003 rate=100000",
	.params = hot_params,
	.run = hot_run,
};

/* ---- flood-events ---- */

static const struct tc_wl_param events_params[] = {
	{ .name = "n", .type = TC_WL_U64, .def = "200003", .min = 1, .max = 1000000000,
	  .help = "openat calls of missing=, each failing with ENOENT: one event each" },
	{ .name = "rate", .type = TC_WL_U64, .def = "0", .max = 100000000,
	  .help = "calls per second at most, paced in batches of 100 (0: as fast as it can)" },
	{ .name = "missing", .type = TC_WL_STRING, .def = "/nonexistent/tracecal",
	  .help = "a path that does not exist (checked before the run)" },
	TC_WL_PARAM_COMM("tc_flood_ev"),
	{ .name = NULL },
};

static int events_run(struct tc_wl_ctx *ctx)
{
	struct flood *f = flood_of(ctx);

	if (!f)
		return tc_wl_fail(ctx, -ENOMEM, "map the shared counters");
	f->missing = tc_wl_str(ctx, "missing");
	return check_missing(ctx, f->missing) ?: run_one(ctx, events_body, "openat", f);
}

const struct tc_workload tc_wl_flood_events = {
	.name = "flood-events",
	.summary = "n failing openat calls from one process, as fast as it can: events faster "
		   "than a consumer reads them",
	.example = "n=200003",
	.params = events_params,
	.run = events_run,
};

/* ---- flood-keys ---- */

static const struct tc_wl_param keys_params[] = {
	{ .name = "n", .type = TC_WL_U64, .def = "20011", .min = 1, .max = 10000000,
	  .help = "unique keys (keys=pids: at most 4096 processes)" },
	{ .name = "keys", .type = TC_WL_ENUM, .def = "files", .choices = key_choices,
	  .help = "files: openat of n distinct missing paths under missing=; pids: n "
		  "processes, each one getppid" },
	{ .name = "rate", .type = TC_WL_U64, .def = "0", .max = 100000000,
	  .help = "keys=files: opens per second at most (0: as fast as it can)" },
	{ .name = "missing", .type = TC_WL_STRING, .def = "/nonexistent/tracecal",
	  .help = "a directory that does not exist: the paths are missing/k0000000 and on" },
	TC_WL_PARAM_COMM("tc_flood_keys"),
	{ .name = NULL },
};

static int keys_check(struct tc_wl_ctx *ctx)
{
	if (tc_wl_is(ctx, "keys", "pids") && tc_wl_num(ctx, "n") > 4096)
		return tc_wl_usage(ctx, "keys=pids: n=%llu processes; at most 4096",
				   (unsigned long long)tc_wl_num(ctx, "n"));
	if (tc_wl_is(ctx, "keys", "pids") && tc_wl_num(ctx, "rate"))
		return tc_wl_usage(ctx, "keys=pids takes no rate=");
	return 0;
}

static int keys_run(struct tc_wl_ctx *ctx)
{
	struct flood *f = flood_of(ctx);
	const struct tc_wl_task task = { .role = "child", .body = pid_body };
	__u64 t0;
	int err;

	if (!f)
		return tc_wl_fail(ctx, -ENOMEM, "map the shared counters");
	f->missing = tc_wl_str(ctx, "missing");
	if (tc_wl_is(ctx, "keys", "files"))
		return check_missing(ctx, f->missing) ?: run_one(ctx, files_body, "openat", f);
	/* pids: one process per key, all forked before any is waited for (as procs). */
	err = tc_wl_reserve(ctx, (int)f->n);
	t0 = tc_wl_now_ns();
	for (__u64 i = 0; !err && i < f->n; i++)
		err = tc_wl_spawn(ctx, &task);
	err = err ?: tc_wl_wait(ctx);
	if (!err)
		rate_section(ctx, f, "processes", t0, tc_wl_now_ns());
	return err;
}

const struct tc_workload tc_wl_flood_keys = {
	.name = "flood-keys",
	.summary = "n unique keys: openat of n distinct missing paths, or n processes: more "
		   "keys than a tool's map holds",
	.example = "n=20011 keys=files",
	.params = keys_params,
	.check = keys_check,
	.run = keys_run,
};
