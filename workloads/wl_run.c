// SPDX-License-Identifier: GPL-2.0
/*
 * Measured processes: started by a raw clone(SIGCHLD), named with
 * prctl(PR_SET_NAME) first, their syscalls counted where they are issued
 * into memory shared before the fork, and read back by the parent, with
 * /proc/PID/io and /proc/PID/stat, while they are zombies.
 *
 * Why a raw clone and not fork(): glibc's fork() makes set_robust_list in
 * the child before returning to us, so a tool filtering by pid would see a
 * syscall we did not make. After a raw clone, the child's only syscall
 * before its prctl is the clone itself, returning 0 in the child (a tool
 * counting at syscall exit sees it, under the parent's comm).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <json-c/json.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "workload.h"

/* ---- in the measured process ---- */

long tc_wl_sc6(struct tc_wl_proc *p, long nr, long a, long b, long c, long d, long e, long f)
{
	long ret;

	/* Counted before it is made: exit_group never returns. */
	if (nr >= 0 && nr < TC_WL_NSYS)
		__atomic_fetch_add(&p->sys[nr], 1, __ATOMIC_RELAXED);
	ret = syscall(nr, a, b, c, d, e, f);
	if (ret == -1 && nr >= 0 && nr < TC_WL_NSYS)
		__atomic_fetch_add(&p->errs[nr], 1, __ATOMIC_RELAXED);
	return ret;
}

void tc_wl_count(struct tc_wl_proc *p, long nr, __u64 n)
{
	if (nr >= 0 && nr < TC_WL_NSYS)
		__atomic_fetch_add(&p->sys[nr], n, __ATOMIC_RELAXED);
}

void tc_wl_op(struct tc_wl_proc *p, enum tc_wl_op_kind kind, __u64 req, long ret)
{
	struct tc_wl_op *op = &p->ops[kind];

	__atomic_fetch_add(&op->count, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&op->bytes_requested, req, __ATOMIC_RELAXED);
	if (ret > 0)
		__atomic_fetch_add(&op->bytes_returned, (__u64)ret, __ATOMIC_RELAXED);
}

__u64 tc_wl_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

__u64 tc_wl_clock(struct tc_wl_proc *p)
{
	if (tc_wl_clock_is_syscall())
		tc_wl_count(p, SYS_clock_gettime, 1);
	return tc_wl_now_ns();
}

int tc_wl_child_fail(struct tc_wl_proc *p, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->what, sizeof(p->what), fmt, ap);
	va_end(ap);
	p->err = err > 0 ? err : EIO;
	return -p->err;
}

/*
 * Does clock_gettime(CLOCK_MONOTONIC) enter the kernel? Not when the vDSO
 * serves it (kvm-clock, tsc), yes with a clock source the vDSO cannot read.
 * Asked once, exactly: a throwaway child makes the syscall fail under a
 * seccomp filter and sees whether the call did.
 */
static int probe_clock(void)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clock_gettime, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EUCLEAN),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(insns) / sizeof(insns[0]), .filter = insns };
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return 0;
	if (pid == 0) {
		struct timespec ts;

		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0))
			_exit(2);
		_exit(clock_gettime(CLOCK_MONOTONIC, &ts) && errno == EUCLEAN ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 0;
	return WEXITSTATUS(status) == 1;
}

bool tc_wl_clock_is_syscall(void)
{
	static int known = -1;

	if (known < 0)
		known = probe_clock();
	return known;
}

/* ---- in the parent ---- */

int tc_wl_fail(struct tc_wl_ctx *ctx, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->msg, sizeof(ctx->msg), fmt, ap);
	va_end(ap);
	return err < 0 ? err : -EIO;
}

void *tc_wl_shared(struct tc_wl_ctx *ctx, size_t size)
{
	void *m;
	int i;

	for (i = 0; i < TC_WL_MAX_SHARED && ctx->shared[i]; i++)
		;
	if (i == TC_WL_MAX_SHARED) {
		errno = ENOSPC;
		return NULL;
	}
	m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	ctx->shared[i] = m;
	ctx->shared_size[i] = size;
	return m;
}

int tc_wl_reserve(struct tc_wl_ctx *ctx, int nprocs)
{
	size_t size = (size_t)nprocs * sizeof(struct tc_wl_proc);

	ctx->procs = tc_wl_shared(ctx, size);
	if (!ctx->procs)
		return tc_wl_fail(ctx, -errno, "map %zu bytes of shared memory", size);
	ctx->maxprocs = nprocs;
	return 0;
}

/* A fork without glibc's child-side syscalls (see the top of the file). */
static pid_t raw_fork(void)
{
#if defined(__s390__) || defined(__s390x__)
	return syscall(SYS_clone, 0, SIGCHLD, 0, 0, 0);
#else
	return syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
#endif
}

static void __attribute__((noreturn))
child_main(const struct tc_wl_ctx *ctx, struct tc_wl_proc *p, const struct tc_wl_task *t)
{
	int err = t->prologue ? t->prologue(p, t->arg) : 0;

	if (!err) {
		/* The measured phase starts here: every syscall from now on is counted. */
		tc_wl_sc2(p, SYS_prctl, PR_SET_NAME, (long)ctx->comm);
		err = t->body(p, t->arg);
	}
	tc_wl_sc1(p, SYS_exit_group, err ? 1 : 0);
	_exit(1); /* not reached */
}

int tc_wl_spawn(struct tc_wl_ctx *ctx, const struct tc_wl_task *t)
{
	struct tc_wl_proc *p;
	pid_t pid;

	if (ctx->nprocs >= ctx->maxprocs)
		return tc_wl_fail(ctx, -ENOSPC, "start measured process %d (%d reserved)",
				  ctx->nprocs + 1, ctx->maxprocs);
	if (!ctx->parent_comm[0])
		prctl(PR_GET_NAME, ctx->parent_comm, 0, 0, 0);
	tc_wl_clock_is_syscall(); /* asked now, not in the child */
	p = &ctx->procs[ctx->nprocs];
	p->role = t->role;
	if (!ctx->nprocs)
		ctx->start_ns = tc_wl_now_ns();
	pid = raw_fork();
	if (pid < 0)
		return tc_wl_fail(ctx, -errno, "fork measured process %d", ctx->nprocs + 1);
	if (pid == 0)
		child_main(ctx, p, t);
	p->pid = pid;
	ctx->nprocs++;
	return 0;
}

static int read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	n = n < 0 ? -errno : 0;
	close(fd);
	buf[len] = '\0';
	return n;
}

int tc_wl_parse_proc_stat(const char *text, char *comm, size_t size, __u64 *minflt,
			  __u64 *majflt)
{
	const char *open = strchr(text, '('), *close = strrchr(text, ')');
	unsigned long long v[10];
	char state;

	/* "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt" */
	if (!open || !close || close < open)
		return -EINVAL;
	snprintf(comm, size, "%.*s", (int)(close - open - 1), open + 1);
	if (sscanf(close + 1, " %c %llu %llu %llu %llu %llu %llu %llu %llu %llu", &state, &v[0],
		   &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8]) != 10)
		return -EINVAL;
	*minflt = v[6];
	*majflt = v[8];
	return 0;
}

/* While p is a zombie: all its I/O is in its counters, and it still has a /proc entry. */
static int read_zombie(struct tc_wl_ctx *ctx, struct tc_wl_proc *p)
{
	char path[64], text[1024], why[200];
	int err;

	err = tc_pidio__read(&p->io, p->pid, why, sizeof(why));
	if (err) {
		snprintf(ctx->why, sizeof(ctx->why), "%.120s", why);
		return tc_wl_fail(ctx, err, "read /proc/%d/io", p->pid);
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", p->pid);
	err = read_text(path, text, sizeof(text));
	if (!err)
		err = tc_wl_parse_proc_stat(text, p->comm, sizeof(p->comm), &p->minflt, &p->majflt);
	if (err)
		return tc_wl_fail(ctx, err, "read %s", path);
	return 0;
}

static int reap(struct tc_wl_proc *p)
{
	struct rusage ru = {};
	int status = 0;

	while (wait4(p->pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			return -errno;
	p->reaped = true;
	if (WIFEXITED(status))
		p->status = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		p->signal = WTERMSIG(status);
	/* its CPU time, the time probes in its context added included */
	p->cpu_ns = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000ULL +
		    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000ULL;
	return 0;
}

/* The next of ours to have exited (a zombie now), or to wait for. */
static struct tc_wl_proc *next_exited(struct tc_wl_ctx *ctx, int *err)
{
	siginfo_t si = {};
	int first = -1;

	for (int i = 0; i < ctx->nprocs; i++)
		if (!ctx->procs[i].reaped && first < 0)
			first = i;
	*err = 0;
	if (first < 0)
		return NULL;
	/* Whichever exits first: a failed one must not wait for a partner stuck without it. */
	while (waitid(P_ALL, 0, &si, WEXITED | WNOWAIT) < 0)
		if (errno != EINTR) {
			*err = -errno;
			return NULL;
		}
	for (int i = first; i < ctx->nprocs; i++)
		if (!ctx->procs[i].reaped && ctx->procs[i].pid == si.si_pid)
			return &ctx->procs[i];
	/* Not ours (the caller has other children): wait for ours in order. */
	while (waitid(P_PID, ctx->procs[first].pid, &si, WEXITED | WNOWAIT) < 0)
		if (errno != EINTR) {
			*err = -errno;
			return NULL;
		}
	return &ctx->procs[first];
}

int tc_wl_wait(struct tc_wl_ctx *ctx)
{
	struct tc_wl_proc *p;
	int err = 0, werr;

	while ((p = next_exited(ctx, &werr))) {
		if (!err)
			err = read_zombie(ctx, p);
		if (reap(p) && !err)
			err = tc_wl_fail(ctx, -errno, "reap measured process %d", p->pid);
		/* One failed: the others may wait for it forever (a pipe, a futex). */
		if (p->status || p->signal)
			for (int i = 0; i < ctx->nprocs; i++)
				if (!ctx->procs[i].reaped)
					kill(ctx->procs[i].pid, SIGKILL);
	}
	if (werr)
		return tc_wl_fail(ctx, werr, "wait for the measured processes");
	ctx->end_ns = tc_wl_now_ns();
	if (err)
		return err;
	/* The cause first: a process's own failure, then an exit status, then a signal. */
	for (int i = 0; i < ctx->nprocs; i++)
		if (ctx->procs[i].err)
			return tc_wl_fail(ctx, -ctx->procs[i].err, "%s", ctx->procs[i].what);
	for (int i = 0; i < ctx->nprocs; i++)
		if (ctx->procs[i].status)
			return tc_wl_fail(ctx, -EIO, "run measured process %d (exit status %d)",
					  ctx->procs[i].pid, ctx->procs[i].status);
	for (int i = 0; i < ctx->nprocs; i++) {
		struct tc_wl_proc *q = &ctx->procs[i];

		if (q->signal) {
			snprintf(ctx->why, sizeof(ctx->why), "killed by signal %d (%s)", q->signal,
				 strsignal(q->signal));
			return tc_wl_fail(ctx, -EINTR, "run measured process %d", q->pid);
		}
	}
	return 0;
}

int tc_wl_check(struct tc_wl_ctx *ctx)
{
	return ctx->wl->check ? ctx->wl->check(ctx) : 0;
}

int tc_wl_run(struct tc_wl_ctx *ctx)
{
	return ctx->wl->run(ctx);
}

void tc_wl_ctx__release(struct tc_wl_ctx *ctx)
{
	/* A run that failed half-way: no measured process outlives it. */
	for (int i = 0; i < ctx->nprocs; i++) {
		if (ctx->procs[i].reaped)
			continue;
		kill(ctx->procs[i].pid, SIGKILL);
		reap(&ctx->procs[i]);
	}
	for (int i = 0; i < TC_WL_MAX_SHARED; i++) {
		if (ctx->shared[i])
			munmap(ctx->shared[i], ctx->shared_size[i]);
		ctx->shared[i] = NULL;
	}
	ctx->procs = NULL;
	ctx->nprocs = ctx->maxprocs = 0;
	if (ctx->sections) {
		json_object_put(ctx->sections);
		ctx->sections = NULL;
	}
}
