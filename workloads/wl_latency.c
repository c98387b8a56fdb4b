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
 * at least its target. The ping is not a pipe, so that the only pipe
 * reads are the measured ones: a tool's read-latency histogram for pipefs
 * holds exactly these count operations.
 *
 * Each op is also timed around its call alone (samples_ns: the nanosleep,
 * the read), which is what a kernel-side tool times too, on the same clock
 * (bpf_ktime_get_ns is CLOCK_MONOTONIC), from inside the same window. What
 * lies between the two, the slack, is measured rather than guessed: the
 * longest round trip of CAL_CALLS short syscalls made before the timed ops,
 * each after a sleep as an op's return comes after it blocked (entry, exit
 * and the clock reads, as around every op), plus, per op, the time the
 * process waited on a run queue (run_delay, /proc/self/schedstat, read once
 * after each op, outside its window). A tool's value for op i then lies in
 * [sample_i - slack_i, sample_i], never above.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/*
 * Enough short calls for the longest to catch what now and then lands on
 * an op's edges (an interrupt, a cold cache); with their sleeps they cost
 * some 35 ms.
 */
#define CAL_CALLS 32
#define CAL_SLEEP_NS 1000000ULL /* before each: long enough for the CPU to go idle */

#define SCHEDSTAT "/proc/self/schedstat"

/* Written by the timing process; the parent reads it for the manifest. */
struct lat_shared {
	__u64 fixed_ns; /* the longest round trip of the calibration calls */
	int sched_err;	/* 0: run_delay read from SCHEDSTAT; else why not (an errno) */
	int ping;	/* the number of the op the reader waits for */
};

struct lat {
	__u64 n;
	const __u64 *target; /* per op, ns */
	__u64 *achieved;     /* per op, ns, shared: the whole op, from its start */
	__u64 *sample;	     /* per op, ns, shared: the measured call alone */
	__u64 *slack;	     /* per op, ns, shared: what of sample a kernel-side tool may not see */
	struct lat_shared *sh;
	int pong[2];
};

/*
 * The timing process's SCHEDSTAT: its fd (-1: none), and run_delay and its
 * run time on a CPU when last read; per op, the run time the op's read added.
 */
struct sched {
	int fd;
	bool on; /* run_delay is kept: the per-op reads are made */
	__u64 run_delay;
	__u64 exec;
	__u64 *on_cpu; /* per op, and one more for after the last */
};

/* A call's window, when timed: the clock just before it and just after. */
struct window {
	__u64 t0, t1;
};

static int sleep_ns(struct tc_wl_proc *p, __u64 ns, struct window *w)
{
	struct timespec ts = { .tv_sec = ns / 1000000000ULL, .tv_nsec = ns % 1000000000ULL };
	long r;

	if (w)
		w->t0 = tc_wl_clock(p);
	r = tc_wl_sc2(p, SYS_nanosleep, (long)&ts, 0);
	if (w)
		w->t1 = tc_wl_clock(p);
	if (r)
		return tc_wl_child_fail(p, errno, "nanosleep %llu ns", (unsigned long long)ns);
	tc_wl_op(p, TC_WL_OP_NANOSLEEP, 0, 0);
	return 0;
}

static int pipe_io(struct tc_wl_proc *p, bool write, int fd, struct window *w)
{
	char c = 'x';
	long r;

	if (w)
		w->t0 = tc_wl_clock(p);
	r = tc_wl_sc3(p, write ? SYS_write : SYS_read, fd, (long)&c, 1);
	if (w)
		w->t1 = tc_wl_clock(p);
	if (r != 1)
		return tc_wl_child_fail(p, r < 0 ? errno : EPIPE, "%s a pipe",
					write ? "write to" : "read from");
	tc_wl_op(p, write ? TC_WL_OP_PIPE_WRITE : TC_WL_OP_PIPE_READ, 1, r);
	return 0;
}

/* "SUM_EXEC RUN_DELAY PCOUNT"; false if the text is not that. */
static bool parse_schedstat(const char *s, __u64 *exec, __u64 *delay, __u64 *pcount)
{
	__u64 v[3] = {};

	for (int k = 0; k < 3; k++) {
		while (*s == ' ')
			s++;
		if (*s < '0' || *s > '9')
			return false;
		for (; *s >= '0' && *s <= '9'; s++)
			v[k] = v[k] * 10 + (*s - '0');
	}
	*exec = v[0];
	*delay = v[1];
	*pcount = v[2];
	return true;
}

/*
 * One pread64 of SCHEDSTAT into s->run_delay. Without the file (fd -1) it
 * fails at once with EBADF: still a syscall's round trip, all the
 * calibration needs. A kernel that keeps no statistics reads "0 0 0": a
 * running process has been put on a CPU at least once (pcount, the third
 * number; the first, its run time, may still read 0 before its first
 * switch), so a pcount of 0 says run_delay is not kept.
 */
static int sched_read(struct tc_wl_proc *p, struct lat *l, struct sched *s)
{
	char buf[96];
	long r = tc_wl_sc4(p, SYS_pread64, s->fd, (long)buf, sizeof(buf) - 1, 0);
	__u64 pcount;

	if (s->fd < 0)
		return 0;
	if (r <= 0)
		return tc_wl_child_fail(p, r < 0 ? errno : EIO, "read " SCHEDSTAT);
	tc_wl_op(p, TC_WL_OP_PREAD64, sizeof(buf) - 1, r);
	buf[r] = '\0';
	if (!parse_schedstat(buf, &s->exec, &s->run_delay, &pcount))
		return tc_wl_child_fail(p, EINVAL, "read " SCHEDSTAT ": '%.40s'", buf);
	if (!pcount && s->on) {
		s->on = false;
		l->sh->sched_err = ENODATA;
	}
	return 0;
}

/*
 * Before the timed ops: open SCHEDSTAT (a counted openat, as every syscall
 * after the prctl) and take the fixed slack, the longest round trip of
 * CAL_CALLS preads of it, each timed as an op is. Not pipe reads: those
 * would land in the very histogram being checked.
 *
 * Each timed call comes after a sleep of CAL_SLEEP_NS, as an op's return
 * comes after it blocked: measured against a tracer's own view of the
 * pipe reads, the time outside its window was 2 to 5 us typically (and
 * mostly after the syscall's exit), where back-to-back calls round-trip
 * in 1.5 us and the longest of 32 took 2.5 to 4.5 us; after a sleep, the
 * longest took 10 to 14 us, nearer what the ops' edges take at worst.
 *
 * A round trip that waited on a run queue measures the scheduler, not the
 * call (a millisecond and more under load, here): that wait is in every
 * op's own run_delay already, so it is taken out of the round trip. A call
 * around which run_delay grew, from the read before it to the read after
 * it, counts less that growth (what it waited between the calls too: it
 * can only come out lower). Interrupts are not in run_delay, and stay in.
 *
 * One read comes first, untimed: the first read of the file allocates the
 * kernel's buffer for it and touches a fresh stack (10 to 30 us here),
 * which no op's edges pay. One more comes last, for the run_delay after
 * the last timed call; it is where the first op starts.
 */
static int sched_start(struct tc_wl_proc *p, struct lat *l, struct sched *s)
{
	__u64 took[CAL_CALLS + 1], delay[CAL_CALLS + 2], worst = 0;
	int err;

	s->on_cpu = calloc(l->n + 1, sizeof(*s->on_cpu));
	if (!s->on_cpu)
		return tc_wl_child_fail(p, ENOMEM, "allocate %llu run times",
					(unsigned long long)l->n + 1);
	s->fd = tc_wl_sc4(p, SYS_openat, AT_FDCWD, (long)SCHEDSTAT, O_RDONLY | O_CLOEXEC, 0);
	s->on = s->fd >= 0;
	l->sh->sched_err = s->on ? 0 : errno;
	err = sched_read(p, l, s);
	delay[0] = s->run_delay;
	for (int k = 0; k <= CAL_CALLS && !err; k++) {
		__u64 t0;

		err = k < CAL_CALLS ? sleep_ns(p, CAL_SLEEP_NS, NULL) : 0;
		t0 = tc_wl_clock(p);
		err = err ?: sched_read(p, l, s);
		took[k] = tc_wl_clock(p) - t0;
		delay[k + 1] = s->run_delay;
	}
	if (err)
		return err;
	for (int k = 0; k < CAL_CALLS; k++) {
		__u64 waited = s->on ? delay[k + 2] - delay[k] : 0;
		__u64 cost = took[k] > waited ? took[k] - waited : 0;

		worst = cost > worst ? cost : worst;
	}
	l->sh->fixed_ns = worst;
	return 0;
}

/* After op i, outside its window: its slack, the fixed part and its run-queue wait. */
static int op_done(struct tc_wl_proc *p, struct lat *l, struct sched *s, __u64 i)
{
	__u64 before = s->run_delay, exec = s->exec;
	int err = s->on ? sched_read(p, l, s) : 0;

	l->slack[i] = l->sh->fixed_ns + (s->on ? s->run_delay - before : 0);
	if (s->on)
		s->on_cpu[i] = s->exec - exec;
	return err;
}

/*
 * The time the op's process ran on a CPU outside a tool's window is in its
 * slack too: a CPU taken from the whole VM by its host (seen here: 7.4 ms in
 * one read, with no run-queue wait and no steal time reported) is charged
 * to the task that was running, as run time. The kernel adds run time up
 * when the task leaves the CPU: what ran before op i's call is in the read
 * after it (the call blocked), what ran after its return in the read after
 * the next op, or after one more sleep for the last. So op i may have run
 * on_cpu[i] + on_cpu[i + 1] outside, at most (its in-window run time, some
 * microseconds, included: an upper bound, never under).
 */
static int sched_finish(struct tc_wl_proc *p, struct lat *l, struct sched *s)
{
	__u64 exec = s->exec;
	int err;

	if (!s->on || !l->n)
		return 0;
	err = sleep_ns(p, CAL_SLEEP_NS, NULL) ?: sched_read(p, l, s);
	if (err)
		return err;
	s->on_cpu[l->n] = s->exec - exec;
	for (__u64 i = 0; i < l->n; i++)
		l->slack[i] += s->on_cpu[i] + s->on_cpu[i + 1];
	return 0;
}

static int sleep_body(struct tc_wl_proc *p, void *arg)
{
	struct lat *l = arg;
	struct sched s;
	int err = sched_start(p, l, &s);

	for (__u64 i = 0; i < l->n && !err; i++) {
		struct window w;

		err = sleep_ns(p, l->target[i], &w);
		l->sample[i] = l->achieved[i] = w.t1 - w.t0;
		err = err ?: op_done(p, l, &s, i);
	}
	return err ?: sched_finish(p, l, &s);
}

static int reader_body(struct tc_wl_proc *p, void *arg)
{
	struct lat *l = arg;
	struct sched s;
	int err = sched_start(p, l, &s);

	for (__u64 i = 0; i < l->n && !err; i++) {
		__u64 start = tc_wl_clock(p);
		struct window w;

		__atomic_store_n(&l->sh->ping, (int)i + 1, __ATOMIC_RELEASE);
		if (tc_wl_sc3(p, SYS_futex, (long)&l->sh->ping, FUTEX_WAKE, 1) < 0)
			return tc_wl_child_fail(p, errno, "wake the writer (FUTEX_WAKE)");
		err = pipe_io(p, false, l->pong[0], &w);
		l->sample[i] = w.t1 - w.t0;
		l->achieved[i] = w.t1 - start;
		err = err ?: op_done(p, l, &s, i);
	}
	return err ?: sched_finish(p, l, &s);
}

static int writer_body(struct tc_wl_proc *p, void *arg)
{
	struct lat *l = arg;
	int *ping = &l->sh->ping;

	for (__u64 i = 0; i < l->n; i++) {
		int v, err;

		/* Each wait counted as made; one that finds the ping already there fails
		 * with EAGAIN, as syscall counters see it. */
		while ((v = __atomic_load_n(ping, __ATOMIC_ACQUIRE)) < (int)i + 1)
			if (tc_wl_sc4(p, SYS_futex, (long)ping, FUTEX_WAIT, v, 0) < 0 &&
			    errno != EAGAIN && errno != EINTR)
				return tc_wl_child_fail(p, errno, "wait for the reader (FUTEX_WAIT)");
		err = sleep_ns(p, l->target[i], NULL) ?: pipe_io(p, true, l->pong[1], NULL);
		if (err)
			return err;
	}
	return 0;
}

/* Why the slack holds no run-queue wait, for the manifest; NULL if it does. */
static const char *no_run_delay(int err, char *buf, size_t size)
{
	if (!err)
		return NULL;
	if (err == ENODATA)
		snprintf(buf, size, SCHEDSTAT " reads 0 0 0: the kernel keeps no run_delay");
	else
		snprintf(buf, size, "open " SCHEDSTAT ": %s", strerror(err));
	return buf;
}

static int lat_run(struct tc_wl_ctx *ctx)
{
	struct lat l = { .n = tc_wl_num(ctx, "count"), .pong = { -1, -1 } };
	bool pipe_op = tc_wl_is(ctx, "op", "pipe");
	__u64 dur = tc_wl_num(ctx, "dur"), dur2 = tc_wl_num(ctx, "dur2");
	__u64 ratio = tc_wl_num(ctx, "ratio"), *target = malloc(l.n * sizeof(*target));
	int err;

	l.achieved = tc_wl_shared(ctx, 3 * l.n * sizeof(*l.achieved) + sizeof(*l.sh));
	if (!target || !l.achieved) {
		err = tc_wl_fail(ctx, -ENOMEM, "allocate %llu latencies", (unsigned long long)l.n);
		goto out;
	}
	/* Op i takes dur2 when the running count of ratio% steps up at it: spread evenly. */
	for (__u64 i = 0; i < l.n; i++)
		target[i] = (i + 1) * ratio / 100 > i * ratio / 100 ? dur2 : dur;
	l.target = target;
	l.sample = l.achieved + l.n;
	l.slack = l.sample + l.n;
	l.sh = (struct lat_shared *)(l.slack + l.n);
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
	if (!err) {
		char why[160];
		const struct tc_wl_latency lat = {
			.op = pipe_op ? "pipe" : "nanosleep", .n = l.n, .target = target,
			.achieved = l.achieved, .sample = l.sample, .slack = l.slack,
			.fixed_slack_ns = l.sh->fixed_ns, .calibration_calls = CAL_CALLS,
			.no_run_delay = no_run_delay(l.sh->sched_err, why, sizeof(why)),
		};

		tc_wl_section(ctx, "latency", tc_wl_latency_json(&lat));
	}
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
