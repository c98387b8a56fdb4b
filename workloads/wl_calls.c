// SPDX-License-Identifier: GPL-2.0
/*
 * calls: exact counts of the calls that snoop tools claim to see, from one
 * process: opens through open, openat and openat2 (each closed), stats
 * through stat, statx and newfstatat, and fsync, fdatasync and syncfs,
 * each of them a pwrite64 of one page followed by the sync, so that every
 * sync has data to write: fsync and fdatasync write it themselves, syncfs
 * through the kernel's writeback (a flusher's work, what writeback tools
 * see), so "writeback_bytes" is a page per syncfs. openfail= and
 * statfail= add calls of each kind on a missing path, failing with
 * ENOENT.
 *
 * The file is made (one page) and opened for the syncs in the parent,
 * before the fork: the measured process makes only the calls above, a
 * close after each successful open, and its prctl and exit_group. The
 * "calls" section groups the counts by what a tool claims (opens, stats,
 * syncs) from the process's own counters, so that an oracle such as
 * manifest.calls.opens (an object of numbers: their sum) is exact by
 * construction.
 *
 * open and stat exist on x86-64 and a few others, not on arm64 or riscv:
 * there, open= and stat= must be 0 (their defaults are).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <json-c/json.h>
#include "workload.h"

#ifdef SYS_open
#define DEF_OPEN "11"
#else
#define DEF_OPEN "0"
#endif
#ifdef SYS_stat
#define DEF_STAT "19"
#else
#define DEF_STAT "0"
#endif

static const struct tc_wl_param params[] = {
	{ .name = "file", .type = TC_WL_STRING,
	  .help = "file to open, stat and sync (made if missing; given a page of data, synced, "
		  "before the measured phase if there are syncs); /dev/null for opens and stats" },
	{ .name = "open", .type = TC_WL_U64, .def = DEF_OPEN, .max = 1000000,
	  .help = "open of file, each followed by a close (0 where there is no open syscall)" },
	{ .name = "openat", .type = TC_WL_U64, .def = "13", .max = 1000000,
	  .help = "openat of file, each followed by a close" },
	{ .name = "openat2", .type = TC_WL_U64, .def = "17", .max = 1000000,
	  .help = "openat2 of file, each followed by a close" },
	{ .name = "openfail", .type = TC_WL_U64, .def = "5", .max = 1000000,
	  .help = "calls on missing= that fail with ENOENT, of each kind: open (where there "
		  "is one), openat, openat2" },
	{ .name = "stat", .type = TC_WL_U64, .def = DEF_STAT, .max = 1000000,
	  .help = "stat (newstat) of file (0 where there is no stat syscall)" },
	{ .name = "statx", .type = TC_WL_U64, .def = "23", .max = 1000000,
	  .help = "statx of file" },
	{ .name = "fstatat", .type = TC_WL_U64, .def = "29", .max = 1000000,
	  .help = "newfstatat of file (what glibc's stat() makes)" },
	{ .name = "statfail", .type = TC_WL_U64, .def = "7", .max = 1000000,
	  .help = "calls on missing= that fail with ENOENT, of each kind: stat (where there "
		  "is one), statx, newfstatat" },
	{ .name = "fsync", .type = TC_WL_U64, .def = "31", .max = 1000000,
	  .help = "pwrite64 of a page of file, then fsync" },
	{ .name = "fdatasync", .type = TC_WL_U64, .def = "37", .max = 1000000,
	  .help = "pwrite64 of a page of file, then fdatasync" },
	{ .name = "syncfs", .type = TC_WL_U64, .def = "0", .max = 1000000,
	  .help = "pwrite64 of a page of file, then syncfs: the page goes to the disk through "
		  "the kernel's writeback" },
	{ .name = "missing", .type = TC_WL_STRING, .def = "/nonexistent/tracecal",
	  .help = "a path that does not exist (checked before the run)" },
	TC_WL_PARAM_COMM("tc_calls"),
	{ .name = NULL },
};

struct calls {
	__u64 open, openat, openat2, openfail, stat, statx, fstatat, statfail;
	__u64 fsync, fdatasync, syncfs;
	const char *file, *missing;
	int syncfd;
	char *page;
};

/* One open of path by kind (SYS_open, SYS_openat or SYS_openat2). */
static long open_by(struct tc_wl_proc *p, long nr, const char *path)
{
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC };

#ifdef SYS_open
	if (nr == SYS_open)
		return tc_wl_sc2(p, SYS_open, (long)path, O_RDONLY | O_CLOEXEC);
#endif
	if (nr == SYS_openat)
		return tc_wl_sc4(p, SYS_openat, AT_FDCWD, (long)path, O_RDONLY | O_CLOEXEC, 0);
	return tc_wl_sc4(p, SYS_openat2, AT_FDCWD, (long)path, (long)&how, sizeof(how));
}

/* One stat of path by kind (SYS_stat, SYS_statx or SYS_newfstatat). */
static long stat_by(struct tc_wl_proc *p, long nr, const char *path)
{
	struct statx stx;
	struct stat st;

#ifdef SYS_stat
	if (nr == SYS_stat)
		return tc_wl_sc2(p, SYS_stat, (long)path, (long)&st);
#endif
	if (nr == SYS_newfstatat)
		return tc_wl_sc4(p, SYS_newfstatat, AT_FDCWD, (long)path, (long)&st, 0);
	return tc_wl_sc6(p, SYS_statx, AT_FDCWD, (long)path, 0, STATX_BASIC_STATS, (long)&stx, 0);
}

/* A call of path that must fail with ENOENT. */
static int must_fail(struct tc_wl_proc *p, long r, const char *name, const char *path)
{
	if (r >= 0 || errno != ENOENT)
		return tc_wl_child_fail(p, r >= 0 ? EEXIST : errno, "%s %s (expecting ENOENT)",
					name, path);
	return 0;
}

/* n opens of the file, each closed, then openfail opens of the missing path. */
static int opens(struct tc_wl_proc *p, const struct calls *c, long nr, const char *name, __u64 n)
{
	int err = 0;

	for (__u64 i = 0; i < n; i++) {
		long fd = open_by(p, nr, c->file);

		if (fd < 0)
			return tc_wl_child_fail(p, errno, "%s %s", name, c->file);
		if (tc_wl_sc1(p, SYS_close, fd))
			return tc_wl_child_fail(p, errno, "close %s", c->file);
	}
	for (__u64 i = 0; i < c->openfail && !err; i++)
		err = must_fail(p, open_by(p, nr, c->missing), name, c->missing);
	return err;
}

static int stats(struct tc_wl_proc *p, const struct calls *c, long nr, const char *name, __u64 n)
{
	int err = 0;

	for (__u64 i = 0; i < n; i++)
		if (stat_by(p, nr, c->file))
			return tc_wl_child_fail(p, errno, "%s %s", name, c->file);
	for (__u64 i = 0; i < c->statfail && !err; i++)
		err = must_fail(p, stat_by(p, nr, c->missing), name, c->missing);
	return err;
}

/* n times: a page written at offset 0, then synced by nr (fsync or fdatasync). */
static int syncs(struct tc_wl_proc *p, const struct calls *c, long nr, const char *name, __u64 n)
{
	for (__u64 i = 0; i < n; i++) {
		long r = tc_wl_sc4(p, SYS_pwrite64, c->syncfd, (long)c->page, 4096, 0);

		if (r != 4096)
			return tc_wl_child_fail(p, r < 0 ? errno : EIO, "pwrite64 %s", c->file);
		tc_wl_op(p, TC_WL_OP_PWRITE64, 4096, r);
		r = tc_wl_sc1(p, nr, c->syncfd);
		if (r)
			return tc_wl_child_fail(p, errno, "%s %s", name, c->file);
		tc_wl_op(p, TC_WL_OP_FSYNC, 0, r);
	}
	return 0;
}

static int calls_body(struct tc_wl_proc *p, void *arg)
{
	const struct calls *c = arg;

	return
#ifdef SYS_open
		opens(p, c, SYS_open, "open", c->open) ?:
#endif
		opens(p, c, SYS_openat, "openat", c->openat) ?:
		opens(p, c, SYS_openat2, "openat2", c->openat2) ?:
#ifdef SYS_stat
		stats(p, c, SYS_stat, "stat", c->stat) ?:
#endif
		stats(p, c, SYS_statx, "statx", c->statx) ?:
		stats(p, c, SYS_newfstatat, "newfstatat", c->fstatat) ?:
		syncs(p, c, SYS_fsync, "fsync", c->fsync) ?:
		syncs(p, c, SYS_fdatasync, "fdatasync", c->fdatasync) ?:
		syncs(p, c, SYS_syncfs, "syncfs", c->syncfs);
}

static int calls_check(struct tc_wl_ctx *ctx)
{
#ifndef SYS_open
	if (tc_wl_num(ctx, "open"))
		return tc_wl_usage(ctx, "open=%s: this architecture has no open syscall",
				   tc_wl_str(ctx, "open"));
#endif
#ifndef SYS_stat
	if (tc_wl_num(ctx, "stat"))
		return tc_wl_usage(ctx, "stat=%s: this architecture has no stat syscall",
				   tc_wl_str(ctx, "stat"));
#endif
	(void)ctx;
	return 0;
}

/* { name: count } of the process's calls of these syscalls, errors only if errors. */
static struct json_object *group(const struct tc_wl_proc *p, const long *nrs,
				 const char *const *names, int n, bool errors)
{
	struct json_object *o = json_object_new_object();

	for (int i = 0; i < n; i++)
		if (nrs[i] >= 0)
			json_object_object_add(o, names[i],
					       json_object_new_uint64(errors ? p->errs[nrs[i]]
									     : p->sys[nrs[i]]));
	return o;
}

static void calls_section(struct tc_wl_ctx *ctx, const struct tc_wl_proc *p)
{
#ifdef SYS_open
	const long nr_open = SYS_open;
#else
	const long nr_open = -1;
#endif
#ifdef SYS_stat
	const long nr_stat = SYS_stat;
#else
	const long nr_stat = -1;
#endif
	static const char *const open_names[] = { "open", "openat", "openat2" };
	static const char *const stat_names[] = { "stat", "statx", "newfstatat" };
	static const char *const sync_names[] = { "fsync", "fdatasync", "syncfs" };
	const long open_nrs[] = { nr_open, SYS_openat, SYS_openat2 };
	const long stat_nrs[] = { nr_stat, SYS_statx, SYS_newfstatat };
	const long sync_nrs[] = { SYS_fsync, SYS_fdatasync, SYS_syncfs };
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "file", json_object_new_string(tc_wl_str(ctx, "file")));
	json_object_object_add(o, "opens", group(p, open_nrs, open_names, 3, false));
	json_object_object_add(o, "open_errors", group(p, open_nrs, open_names, 3, true));
	json_object_object_add(o, "stats", group(p, stat_nrs, stat_names, 3, false));
	json_object_object_add(o, "stat_errors", group(p, stat_nrs, stat_names, 3, true));
	json_object_object_add(o, "syncs", group(p, sync_nrs, sync_names, 3, false));
	/* A syncfs writes its page through writeback; fsync and fdatasync write their own. */
	json_object_object_add(o, "writeback_bytes",
			       json_object_new_uint64(p->sys[SYS_syncfs] * 4096));
	tc_wl_section(ctx, "calls", o);
}

/* The file: made with a page of data if missing; opened for the syncs. */
static int prepare(struct tc_wl_ctx *ctx, struct calls *c)
{
	struct stat st;

	if (!stat(c->missing, &st)) {
		snprintf(ctx->why, sizeof(ctx->why), "it exists: its calls would not fail");
		return tc_wl_fail(ctx, -EEXIST, "use missing=%s", c->missing);
	}
	if (errno != ENOENT)
		return tc_wl_fail(ctx, -errno, "use missing=%s", c->missing);
	c->page = tc_wl_shared(ctx, 4096);
	if (!c->page)
		return tc_wl_fail(ctx, -ENOMEM, "map a page");
	memset(c->page, 0x5a, 4096);
	c->syncfd = open(c->file, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (c->syncfd < 0)
		return tc_wl_fail(ctx, -errno, "open %s", c->file);
	if (!c->fsync && !c->fdatasync && !c->syncfs)
		return 0; /* any file will do, /dev/null too */
	if (pwrite(c->syncfd, c->page, 4096, 0) != 4096 || fsync(c->syncfd))
		return tc_wl_fail(ctx, -errno, "write a page to %s", c->file);
	return 0;
}

static int calls_run(struct tc_wl_ctx *ctx)
{
	struct calls c = {
		.open = tc_wl_num(ctx, "open"), .openat = tc_wl_num(ctx, "openat"),
		.openat2 = tc_wl_num(ctx, "openat2"), .openfail = tc_wl_num(ctx, "openfail"),
		.stat = tc_wl_num(ctx, "stat"), .statx = tc_wl_num(ctx, "statx"),
		.fstatat = tc_wl_num(ctx, "fstatat"), .statfail = tc_wl_num(ctx, "statfail"),
		.fsync = tc_wl_num(ctx, "fsync"), .fdatasync = tc_wl_num(ctx, "fdatasync"),
		.syncfs = tc_wl_num(ctx, "syncfs"),
		.file = tc_wl_str(ctx, "file"), .missing = tc_wl_str(ctx, "missing"),
		.syncfd = -1,
	};
	const struct tc_wl_task task = { .role = "main", .body = calls_body, .arg = &c };
	int err = prepare(ctx, &c);

	err = err ?: tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);
	if (!err)
		calls_section(ctx, &ctx->procs[0]);
	if (c.syncfd >= 0)
		close(c.syncfd);
	return err;
}

const struct tc_workload tc_wl_calls = {
	.name = "calls",
	.summary = "Exact counts of what snoop tools claim: opens by open, openat and openat2, "
		   "stats by stat, statx and newfstatat (some failing), fsync, fdatasync, syncfs",
	.example = "file=/mnt/f openat2=17 statx=23 fsync=31",
	.params = params,
	.check = calls_check,
	.run = calls_run,
};
