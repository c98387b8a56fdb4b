// SPDX-License-Identifier: GPL-2.0
/*
 * latency: operations of known duration, each timed with CLOCK_MONOTONIC
 * (the vDSO: no syscall) into the manifest's log2 histogram, bucketed as
 * tracecal's own histograms are, so a tool's histogram can be compared
 * with it bucket by bucket.
 *
 * op=nanosleep: nanosleep(dur), timed around the call; it never returns
 * early, so every achieved duration is at least its target.
 * op=pipe: two processes play ping-pong. The reader takes the time, pings
 * the writer (a counter in shared memory and FUTEX_WAKE) and blocks in
 * read() on a pipe; the writer, waiting for the ping (FUTEX_WAIT), sleeps
 * the target, then writes one byte to the pipe. The writer's sleep starts
 * after the reader's clock was read, so again every achieved duration is
 * at least its target; the reader's read() alone lasts the achieved time
 * less its FUTEX_WAKE (a microsecond or two). The ping is not a pipe, so
 * that the only pipe reads are the measured ones: a tool's read-latency
 * histogram for pipefs holds exactly these count operations.
 *
 * dur2= and ratio= make a bimodal mix: ratio percent of the operations
 * (spread evenly, not random) take dur2, the others dur. The defaults sit
 * well inside their log2 buckets (300us in [262144, 524287] ns, 5ms in
 * [4194304, 8388607] ns), so that the usual overshoot of a sleep (the
 * timer slack, 50us by default, plus the wake-up) seldom carries an
 * operation into the next bucket.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <time.h>
#include <linux/futex.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <json-c/json.h>
#include "workload.h"

static const char *const op_choices[] = { "nanosleep", "pipe", NULL };

static const struct tc_wl_param params[] = {
	{ .name = "op", .type = TC_WL_ENUM, .def = "nanosleep", .choices = op_choices,
	  .help = "nanosleep, or a pipe read blocked while another process sleeps" },
	{ .name = "count", .type = TC_WL_U64, .def = "50", .min = 1, .max = 1000000,
	  .help = "operations" },
	{ .name = "dur", .type = TC_WL_DURATION, .def = "300us", .max = 60000000000ULL,
	  .help = "target duration of an operation" },
	{ .name = "dur2", .type = TC_WL_DURATION, .def = "5ms", .max = 60000000000ULL,
	  .help = "target duration of the ratio percent of operations that take longer" },
	{ .name = "ratio", .type = TC_WL_U64, .def = "0", .max = 100,
	  .help = "percent of the operations that take dur2 (0: all take dur)" },
	{ .name = "slack", .type = TC_WL_DURATION, .def = "50us", .max = 1000000000ULL,
	  .help = "timer slack of the measured processes (PR_SET_TIMERSLACK, set in the parent "
		  "and inherited): how late a sleep may end" },
	TC_WL_PARAM_COMM("tc_latency"),
	{ .name = NULL },
};

struct lat {
	__u64 n;
	const __u64 *target; /* per op, ns */
	__u64 *achieved;     /* per op, ns, shared */
	int *ping;	     /* shared: the number of the op the reader waits for */
	int pong[2];
};

static int sleep_ns(struct tc_wl_proc *p, __u64 ns)
{
	struct timespec ts = { .tv_sec = ns / 1000000000ULL, .tv_nsec = ns % 1000000000ULL };

	if (tc_wl_sc2(p, SYS_nanosleep, (long)&ts, 0))
		return tc_wl_child_fail(p, errno, "nanosleep %llu ns", (unsigned long long)ns);
	tc_wl_op(p, TC_WL_OP_NANOSLEEP, 0, 0);
	return 0;
}

static int pipe_io(struct tc_wl_proc *p, bool write, int fd)
{
	char c = 'x';
	long r = tc_wl_sc3(p, write ? SYS_write : SYS_read, fd, (long)&c, 1);

	if (r != 1)
		return tc_wl_child_fail(p, r < 0 ? errno : EPIPE, "%s a pipe",
					write ? "write to" : "read from");
	tc_wl_op(p, write ? TC_WL_OP_PIPE_WRITE : TC_WL_OP_PIPE_READ, 1, r);
	return 0;
}

static int sleep_body(struct tc_wl_proc *p, void *arg)
{
	struct lat *l = arg;

	for (__u64 i = 0; i < l->n; i++) {
		__u64 t0 = tc_wl_clock(p);
		int err = sleep_ns(p, l->target[i]);

		if (err)
			return err;
		l->achieved[i] = tc_wl_clock(p) - t0;
	}
	return 0;
}

static int reader_body(struct tc_wl_proc *p, void *arg)
{
	struct lat *l = arg;

	for (__u64 i = 0; i < l->n; i++) {
		__u64 t0 = tc_wl_clock(p);
		int err;

		__atomic_store_n(l->ping, (int)i + 1, __ATOMIC_RELEASE);
		if (tc_wl_sc3(p, SYS_futex, (long)l->ping, FUTEX_WAKE, 1) < 0)
			return tc_wl_child_fail(p, errno, "wake the writer (FUTEX_WAKE)");
		err = pipe_io(p, false, l->pong[0]);
		if (err)
			return err;
		l->achieved[i] = tc_wl_clock(p) - t0;
	}
	return 0;
}

static int writer_body(struct tc_wl_proc *p, void *arg)
{
	struct lat *l = arg;

	for (__u64 i = 0; i < l->n; i++) {
		int v, err;

		/* Each wait counted as made; one that finds the ping already there fails
		 * with EAGAIN, as syscall counters see it. */
		while ((v = __atomic_load_n(l->ping, __ATOMIC_ACQUIRE)) < (int)i + 1)
			if (tc_wl_sc4(p, SYS_futex, (long)l->ping, FUTEX_WAIT, v, 0) < 0 &&
			    errno != EAGAIN && errno != EINTR)
				return tc_wl_child_fail(p, errno, "wait for the reader (FUTEX_WAIT)");
		err = sleep_ns(p, l->target[i]) ?: pipe_io(p, true, l->pong[1]);
		if (err)
			return err;
	}
	return 0;
}

static int lat_run(struct tc_wl_ctx *ctx)
{
	struct lat l = { .n = tc_wl_num(ctx, "count"), .pong = { -1, -1 } };
	bool pipe_op = tc_wl_is(ctx, "op", "pipe");
	__u64 dur = tc_wl_num(ctx, "dur"), dur2 = tc_wl_num(ctx, "dur2");
	__u64 ratio = tc_wl_num(ctx, "ratio"), *target = malloc(l.n * sizeof(*target));
	int err;

	l.achieved = tc_wl_shared(ctx, l.n * sizeof(*l.achieved) + sizeof(int));
	if (!target || !l.achieved) {
		err = tc_wl_fail(ctx, -ENOMEM, "allocate %llu latencies", (unsigned long long)l.n);
		goto out;
	}
	/* Op i takes dur2 when the running count of ratio% steps up at it: spread evenly. */
	for (__u64 i = 0; i < l.n; i++)
		target[i] = (i + 1) * ratio / 100 > i * ratio / 100 ? dur2 : dur;
	l.target = target;
	l.ping = (int *)(l.achieved + l.n);
	if (pipe_op && pipe2(l.pong, O_CLOEXEC)) {
		err = tc_wl_fail(ctx, -errno, "make a pipe");
		goto out;
	}
	/* Inherited at fork: the measured processes make no prctl of their own for it. */
	if (prctl(PR_SET_TIMERSLACK, tc_wl_num(ctx, "slack"), 0, 0, 0)) {
		err = tc_wl_fail(ctx, -errno, "set the timer slack");
		goto out;
	}
	if (pipe_op) {
		const struct tc_wl_task reader = { .role = "reader", .body = reader_body,
						   .arg = &l };
		const struct tc_wl_task writer = { .role = "writer", .body = writer_body,
						   .arg = &l };

		err = tc_wl_reserve(ctx, 2) ?: tc_wl_spawn(ctx, &reader) ?:
		      tc_wl_spawn(ctx, &writer) ?: tc_wl_wait(ctx);
	} else {
		const struct tc_wl_task task = { .role = "main", .body = sleep_body, .arg = &l };

		err = tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);
	}
	prctl(PR_SET_TIMERSLACK, 0, 0, 0, 0); /* back to the default */
	if (!err)
		tc_wl_section(ctx, "latency", tc_wl_latency_json(pipe_op ? "pipe" : "nanosleep",
								 target, l.achieved, l.n));
out:
	for (int i = 0; i < 2; i++)
		if (l.pong[i] >= 0)
			close(l.pong[i]);
	free(target);
	return err;
}

const struct tc_workload tc_wl_latency = {
	.name = "latency",
	.summary = "Operations of known duration (nanosleep, or a pipe read blocked while another "
		   "process sleeps), each timed, as a log2 histogram",
	.example = "op=pipe count=100 dur=300us dur2=5ms ratio=10",
	.params = params,
	.run = lat_run,
};
