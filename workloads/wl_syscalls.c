// SPDX-License-Identifier: GPL-2.0
/*
 * syscalls: an exact number of each of a set of syscalls, the defaults
 * prime so that no other count equals one by chance: getppid, openat and
 * close of /dev/null, reads of 0 bytes, and openat of a missing file that
 * fail with ENOENT, so that error counts can be checked too.
 *
 * threads=N runs the set in N tasks of one process: the main thread and
 * N-1 threads. The threads are made (pthread_create) in the prologue,
 * before any prctl, so that glibc's thread set-up (mmap, mprotect, clone3,
 * rseq, set_robust_list, rt_sigprocmask) happens under the parent's comm;
 * each thread then names itself with its own prctl and runs the set. A
 * thread ends with a raw exit syscall, not by returning to glibc (which
 * would make syscalls of its own under the measured comm). The main thread
 * waits for each with futex on a word the kernel clears when the thread
 * has gone (set_tid_address), each futex call counted, then exit_group.
 * A tool filtering by comm sees: N prctl, N sets, the main thread's futex
 * calls (their EAGAIN errors included), N-1 exit and one exit_group.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <json-c/json.h>
#include "workload.h"

#define MAX_THREADS 64

static const struct tc_wl_param params[] = {
	{ .name = "getppid", .type = TC_WL_U64, .def = "23", .max = 1000000000,
	  .help = "getppid calls, per task" },
	{ .name = "openclose", .type = TC_WL_U64, .def = "29", .max = 1000000000,
	  .help = "openat of /dev/null, each followed by a close, per task" },
	{ .name = "read0", .type = TC_WL_U64, .def = "31", .max = 1000000000,
	  .help = "read calls of 0 bytes on an open /dev/null, per task" },
	{ .name = "openfail", .type = TC_WL_U64, .def = "37", .max = 1000000000,
	  .help = "openat of missing= that fail with ENOENT, per task" },
	{ .name = "missing", .type = TC_WL_STRING, .def = "/nonexistent/tracecal",
	  .help = "a path that does not exist (checked before the run)" },
	{ .name = "threads", .type = TC_WL_U64, .def = "1", .min = 1, .max = MAX_THREADS,
	  .help = "tasks running the set: the main thread and threads-1 threads of one process" },
	TC_WL_PARAM_COMM("tc_syscalls"),
	{ .name = NULL },
};

struct sc_set;

struct sc_thread {
	int word; /* 1 while the thread lives; the kernel clears it when it has gone */
	struct tc_wl_proc *p;
	const struct sc_set *set;
};

struct sc_set {
	__u64 getppid, openclose, read0, openfail;
	const char *missing, *comm;
	int nullfd, nthreads; /* threads besides the main one */
	struct sc_thread threads[MAX_THREADS];
};

static int run_set(struct tc_wl_proc *p, const struct sc_set *s)
{
	char c;
	long r;

	for (__u64 i = 0; i < s->getppid; i++)
		tc_wl_sc0(p, SYS_getppid);
	for (__u64 i = 0; i < s->openclose; i++) {
		r = tc_wl_sc4(p, SYS_openat, AT_FDCWD, (long)"/dev/null", O_RDONLY | O_CLOEXEC, 0);
		if (r < 0)
			return tc_wl_child_fail(p, errno, "open /dev/null");
		if (tc_wl_sc1(p, SYS_close, r))
			return tc_wl_child_fail(p, errno, "close /dev/null");
	}
	for (__u64 i = 0; i < s->read0; i++) {
		r = tc_wl_sc3(p, SYS_read, s->nullfd, (long)&c, 0);
		if (r)
			return tc_wl_child_fail(p, r < 0 ? errno : EIO,
						"read 0 bytes from /dev/null");
		tc_wl_op(p, TC_WL_OP_READ, 0, r);
	}
	for (__u64 i = 0; i < s->openfail; i++) {
		r = tc_wl_sc4(p, SYS_openat, AT_FDCWD, (long)s->missing, O_RDONLY | O_CLOEXEC, 0);
		if (r >= 0) {
			tc_wl_sc1(p, SYS_close, r);
			return tc_wl_child_fail(p, EEXIST, "fail to open %s", s->missing);
		}
		if (errno != ENOENT)
			return tc_wl_child_fail(p, errno, "open %s (expecting ENOENT)", s->missing);
	}
	return 0;
}

static void *thread_main(void *arg)
{
	struct sc_thread *t = arg;

	/* Not measured yet (the parent's comm): the word to clear at exit. */
	syscall(SYS_set_tid_address, &t->word);
	tc_wl_sc2(t->p, SYS_prctl, PR_SET_NAME, (long)t->set->comm);
	run_set(t->p, t->set);
	tc_wl_sc1(t->p, SYS_exit, 0);
	return NULL; /* not reached */
}

static int sc_prologue(struct tc_wl_proc *p, void *arg)
{
	struct sc_set *s = arg;
	pthread_attr_t attr;
	int err;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	for (int i = 0; i < s->nthreads; i++) {
		pthread_t tid;

		s->threads[i].word = 1;
		s->threads[i].p = p;
		s->threads[i].set = s;
		err = pthread_create(&tid, &attr, thread_main, &s->threads[i]);
		if (err)
			return tc_wl_child_fail(p, err, "create thread %d", i + 2);
	}
	pthread_attr_destroy(&attr);
	return 0;
}

static int sc_body(struct tc_wl_proc *p, void *arg)
{
	struct sc_set *s = arg;
	int err = run_set(p, s);

	for (int i = 0; i < s->nthreads; i++) {
		int v;

		while ((v = __atomic_load_n(&s->threads[i].word, __ATOMIC_ACQUIRE)) != 0)
			tc_wl_sc6(p, SYS_futex, (long)&s->threads[i].word, FUTEX_WAIT, v, 0, 0, 0);
	}
	/* A thread's failure is in p->err (shared with the threads). */
	return err ?: (p->err ? -p->err : 0);
}

static int sc_run(struct tc_wl_ctx *ctx)
{
	struct sc_set *s = calloc(1, sizeof(*s));
	struct tc_wl_task task = { .role = "main", .prologue = sc_prologue, .body = sc_body };
	struct stat st;
	int err;

	if (!s)
		return tc_wl_fail(ctx, -ENOMEM, "allocate the set");
	task.arg = s;
	s->getppid = tc_wl_num(ctx, "getppid");
	s->openclose = tc_wl_num(ctx, "openclose");
	s->read0 = tc_wl_num(ctx, "read0");
	s->openfail = tc_wl_num(ctx, "openfail");
	s->missing = tc_wl_str(ctx, "missing");
	s->comm = ctx->comm;
	s->nthreads = tc_wl_num(ctx, "threads") - 1;
	ctx->before_prctl_inexact = s->nthreads > 0; /* glibc's thread start-up */
	if (s->openfail && !(stat(s->missing, &st) && errno == ENOENT)) {
		err = stat(s->missing, &st) ? -errno : -EEXIST;
		if (err == -EEXIST)
			snprintf(ctx->why, sizeof(ctx->why), "it exists: its opens would not fail");
		err = tc_wl_fail(ctx, err, "use missing=%s", s->missing);
		goto out;
	}
	s->nullfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (s->nullfd < 0) {
		err = tc_wl_fail(ctx, -errno, "open /dev/null");
		goto out;
	}
	err = tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);
	if (!err) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "tasks", json_object_new_int(s->nthreads + 1));
		json_object_object_add(o, "threads_exit", json_object_new_int(s->nthreads));
		tc_wl_section(ctx, "threads", o);
	}
	close(s->nullfd);
out:
	free(s);
	return err;
}

const struct tc_workload tc_wl_syscalls = {
	.name = "syscalls",
	.summary = "An exact count of getppid, openat+close, 0-byte read and failing openat "
		   "(ENOENT), in one or more threads",
	.example = "getppid=1009 threads=2",
	.params = params,
	.run = sc_run,
};
