// SPDX-License-Identifier: GPL-2.0
/*
 * bench: what tracecal costs, measured side by side with bpftrace in one run
 * and printed as ratios. Absolute times on this noisy shared VM say little
 * (see /work/shared/MACHINE.md), so nothing here passes or fails on a time.
 * `make bench` runs it from the repository root.
 *
 * 1. Startup: from fork+exec to the tool's start message: a line starting
 *    "Tracing" on tracecal's stderr, "READY" printed by bpftrace's BEGIN
 *    (which runs once every probe is attached). STARTS runs of each,
 *    interleaved (tracecal, bpftrace, tracecal, ...); medians, min and max.
 * 2. Per-event cost: a loop of N getppid, made by this process, sized to
 *    take about 0.15 s, untraced and traced by (a) `tracecal trace syscount`,
 *    (b) the equivalent bpftrace one-liner, (c) the floor: an empty
 *    tp_btf/sys_exit program (bench_floor.bpf.c) loaded here, and (d)
 *    tracecal with the kernel's BPF run-time statistics on, as they are
 *    while its overhead watchdog samples (100 ms of each second), so that
 *    the cost averaged over time can be printed. Each traced
 *    loop runs between two untraced ones (a tracer runs only for its own
 *    loop); its cost is traced - mean(untraced before, untraced after), and
 *    the median over ROUNDS rounds is reported, the tracer order rotated each
 *    round. A loop is spread evenly over the CPUs and timed in chunks of
 *    CHUNK calls; its ns per call is the mean over CPUs of a low quantile of
 *    the chunks (see loop_ns() for why).
 * 3. A check that tracecal counts: `tracecal trace syscount -p PID --json`
 *    around one loop must report exactly N getppid, or the bench fails.
 *
 * Progress goes to stderr; results, then one "BENCH ..." line, to stdout.
 * Every child is stopped (SIGINT, repeated, then SIGKILL if it lingers) and
 * reaped on every path, Ctrl-C included, and gets SIGKILL should this process
 * die first; the floor program is detached and unloaded likewise.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <json-c/json.h>
#include "bench_floor.skel.h"
#include "../../common/sigpipe.h"

#define STARTS 10
#define ROUNDS 15
#define NTRACERS 4
#define LOOP_NS 150e6 /* the time one loop should take */
#define READY_TIMEOUT_NS (20 * 1000000000ULL)
#define STOP_TIMEOUT_NS (5 * 1000000000ULL)
#define SIGINT_AGAIN_NS (500 * 1000000ULL)
#define CHUNK 1000 /* getppid per timed chunk */
#define MAX_CHUNKS 2048 /* per CPU per loop */
#define CHUNK_QUANTILE 0.1
#define OUT_CAP 65536
#define AIM_STARTUP_MS 50.0
#define AIM_FLOOR_RATIO 1.3

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Ctrl-C and friends: tc_sigpipe_caught for the steps, its pipe to wake any poll(). */

/* ---- Children: a tool run with its stdout and stderr read through pipes. */

enum { OUT, ERR };

struct child {
	const char *name;
	pid_t pid; /* 0: none */
	int fd[2]; /* read ends of its stdout and stderr; -1 once at EOF */
	char buf[2][OUT_CAP + 1]; /* what it said, NUL-terminated; any excess dropped */
	size_t len[2];
	uint64_t t0; /* just before fork */
};

/* At most one child runs at a time; the cleanup finds it here. */
static struct child kid = { .fd = { -1, -1 } };

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static void child_exec(char *const argv[], int out, int err, int ex, pid_t parent)
{
	int e;

	/* Should the bench die without cleaning up, take the tool with it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	signal(SIGPIPE, SIG_DFL); /* an ignored signal stays ignored across exec */
	if (dup2(out, STDOUT_FILENO) >= 0 && dup2(err, STDERR_FILENO) >= 0)
		execvp(argv[0], argv);
	e = errno;
	if (write(ex, &e, sizeof(e)) < 0) {
		/* Nothing left to tell it with. */
	}
	_exit(127);
}

/* Wait for exec: the CLOEXEC pipe closes on success, carries errno on failure. */
static int child_exec_result(struct child *c, int ex)
{
	ssize_t n;
	int e;

	do
		n = read(ex, &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(ex);
	if (n != sizeof(e))
		return 0;
	while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
		;
	c->pid = 0;
	close_fd(&c->fd[OUT]);
	close_fd(&c->fd[ERR]);
	return -e;
}

static int child_start(struct child *c, char *const argv[])
{
	int p[3][2], i, err;
	pid_t parent = getpid();

	for (i = 0; i < 3; i++) {
		if (pipe2(p[i], O_CLOEXEC)) {
			err = -errno;
			while (i--) {
				close(p[i][0]);
				close(p[i][1]);
			}
			return err;
		}
	}
	memset(c->len, 0, sizeof(c->len));
	c->buf[OUT][0] = c->buf[ERR][0] = '\0';
	c->t0 = now_ns();
	c->pid = fork();
	if (c->pid == 0)
		child_exec(argv, p[0][1], p[1][1], p[2][1], parent);
	err = c->pid < 0 ? -errno : 0;
	for (i = 0; i < 3; i++)
		close(p[i][1]);
	c->fd[OUT] = p[0][0];
	c->fd[ERR] = p[1][0];
	if (err) {
		c->pid = 0;
		close_fd(&c->fd[OUT]);
		close_fd(&c->fd[ERR]);
		close(p[2][0]);
		return err;
	}
	return child_exec_result(c, p[2][0]);
}

/* Read what one stream has; keep what fits. Closes it at EOF. */
static void child_read(struct child *c, int s)
{
	char tmp[4096];
	ssize_t n = read(c->fd[s], tmp, sizeof(tmp));
	size_t keep;

	if (n < 0 && errno == EINTR)
		return;
	if (n <= 0) {
		close_fd(&c->fd[s]);
		return;
	}
	keep = (size_t)n < OUT_CAP - c->len[s] ? (size_t)n : OUT_CAP - c->len[s];
	memcpy(c->buf[s] + c->len[s], tmp, keep);
	c->len[s] += keep;
	c->buf[s][c->len[s]] = '\0';
}

/* Wait up to timeout_ms for output and read it; -EINTR on a signal if asked. */
static int child_poll(struct child *c, int timeout_ms, bool signals)
{
	struct pollfd fds[3] = {
		{ .fd = c->fd[OUT], .events = POLLIN },
		{ .fd = c->fd[ERR], .events = POLLIN },
		{ .fd = signals ? tc_sigpipe_fd() : -1, .events = POLLIN },
	};
	int n = poll(fds, 3, timeout_ms);

	if (n < 0)
		return errno == EINTR && signals ? -EINTR : 0;
	for (int s = OUT; s <= ERR; s++)
		if (fds[s].revents)
			child_read(c, s);
	return signals && fds[2].revents ? -EINTR : 0;
}

static bool child_open(const struct child *c)
{
	return c->fd[OUT] >= 0 || c->fd[ERR] >= 0;
}

static bool has_line(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);

	for (const char *p = text; p; p = strchr(p, '\n')) {
		p += *p == '\n';
		if (!strncmp(p, prefix, n))
			return true;
	}
	return false;
}

/* Wait for a line starting with prefix on stream s; *when it appeared. */
static int child_wait_line(struct child *c, int s, const char *prefix, uint64_t *when)
{
	uint64_t deadline = now_ns() + READY_TIMEOUT_NS;
	int err;

	for (;;) {
		if (has_line(c->buf[s], prefix)) {
			*when = now_ns();
			return 0;
		}
		if (tc_sigpipe_caught)
			return -EINTR;
		if (!child_open(c))
			return -ECHILD;
		if (now_ns() >= deadline)
			return -ETIMEDOUT;
		err = child_poll(c, 100, true);
		if (err)
			return err;
	}
}

/* Wait (WNOHANG) for it to end until the deadline; true once reaped. */
static bool child_reap_until(struct child *c, uint64_t deadline, int *status)
{
	for (;;) {
		pid_t r = waitpid(c->pid, status, WNOHANG);

		if (r == c->pid || (r < 0 && errno != EINTR))
			return true;
		if (now_ns() >= deadline)
			return false;
		usleep(5000);
	}
}

/*
 * SIGINT, take its last words, SIGKILL if it lingers; reap. Its wait status.
 * SIGINT is repeated: bpftrace 0.17 looks at its SIGINT flag only when
 * epoll_wait() fails with EINTR, so one arriving while it prints (say, just
 * after READY) is lost and it runs on.
 */
static int child_stop(struct child *c)
{
	uint64_t deadline = now_ns() + STOP_TIMEOUT_NS, again = 0;
	int status = -1;

	if (!c->pid)
		return -1;
	while (child_open(c) && now_ns() < deadline) {
		if (now_ns() >= again) {
			kill(c->pid, SIGINT);
			again = now_ns() + SIGINT_AGAIN_NS;
		}
		child_poll(c, 100, false);
	}
	if (!child_reap_until(c, deadline, &status)) {
		fprintf(stderr, "bench: %s did not end within %llu s of SIGINT%s; killing it\n",
			c->name, STOP_TIMEOUT_NS / 1000000000ULL,
			child_open(c) ? " (its output still open)" : "");
		kill(c->pid, SIGKILL);
		while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	c->pid = 0;
	close_fd(&c->fd[OUT]);
	close_fd(&c->fd[ERR]);
	return status;
}

/* ---- The tools, and when they say they are ready. */

struct tool {
	const char *name;
	char *const *argv;
	int stream;	   /* where it says it is ready */
	const char *ready; /* how that line starts */
};

#define BT_PROG                                                                                    \
	"tracepoint:raw_syscalls:sys_exit { @[args->id] = count(); } "                            \
	"BEGIN { printf(\"READY\\n\"); }"

static char *const tracecal_argv[] = { "./tracecal", "trace", "syscount", NULL };
static char *const bpftrace_argv[] = { "bpftrace", "-B", "none", "-e", BT_PROG, NULL };

static const struct tool tool_tracecal = { "tracecal", tracecal_argv, ERR, "Tracing" };
static const struct tool tool_bpftrace = { "bpftrace", bpftrace_argv, OUT, "READY" };

static void say_not_ready(const struct tool *t, int err)
{
	const char *why = err == -ETIMEDOUT ? "no start message in time" :
			  err == -ECHILD    ? "it ended before its start message" :
					      strerror(-err);

	fprintf(stderr, "bench: failed to start %s: %s\n", t->name, why);
	if (kid.len[ERR])
		fprintf(stderr, "%s said:\n%s", t->name, kid.buf[ERR]);
}

/* Start it and wait until it says it traces; *startup_ns from fork. */
static int tool_start(const struct tool *t, uint64_t *startup_ns)
{
	uint64_t ready;
	int err;

	kid.name = t->name;
	err = child_start(&kid, t->argv);

	if (err) {
		fprintf(stderr, "bench: failed to start %s: %s\n", t->argv[0], strerror(-err));
		return err;
	}
	err = child_wait_line(&kid, t->stream, t->ready, &ready);
	if (err) {
		child_stop(&kid);
		if (err != -EINTR)
			say_not_ready(t, err);
		return err;
	}
	if (startup_ns)
		*startup_ns = ready - kid.t0;
	return 0;
}

static bool in_path(const char *name)
{
	const char *path = getenv("PATH");
	char dirs[4096], file[4200], *save, *dir;

	snprintf(dirs, sizeof(dirs), "%s", path ? path : "/usr/bin:/bin");
	for (dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		snprintf(file, sizeof(file), "%s/%s", dir, name);
		if (!access(file, X_OK))
			return true;
	}
	return false;
}

/* ---- Statistics. */

struct stats {
	double med, q1, q3, min, max;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static struct stats stats_of(const double *v, int n)
{
	double s[1 + ROUNDS * NTRACERS];
	struct stats st = { NAN, NAN, NAN, NAN, NAN };

	if (n <= 0 || n > (int)(sizeof(s) / sizeof(s[0])))
		return st;
	memcpy(s, v, n * sizeof(*v));
	qsort(s, n, sizeof(*s), cmp_double);
	st.med = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	st.q1 = s[(n - 1) / 4];
	st.q3 = s[(3 * (n - 1) + 3) / 4];
	st.min = s[0];
	st.max = s[n - 1];
	return st;
}

/* A ratio of two costs; n/a (NAN) when the denominator is not a cost. */
static double ratio(double a, double b)
{
	return isnan(a) || isnan(b) || b <= 0 ? NAN : a / b;
}

/* ---- 1. Startup. */

struct startup {
	double ms[2][STARTS]; /* tracecal, bpftrace */
	struct stats st[2];
};

static int startup_once(const struct tool *t, double *ms)
{
	uint64_t ns;
	int err = tool_start(t, &ns);

	if (err)
		return err;
	child_stop(&kid);
	*ms = ns / 1e6;
	return tc_sigpipe_caught ? -EINTR : 0;
}

static int measure_startup(struct startup *su, bool with_bt)
{
	int err;

	for (int i = 0; i < STARTS; i++) {
		err = startup_once(&tool_tracecal, &su->ms[0][i]);
		if (!err && with_bt)
			err = startup_once(&tool_bpftrace, &su->ms[1][i]);
		if (err)
			return err;
		fprintf(stderr, "bench: startup %2d/%d: tracecal %6.1f ms", i + 1, STARTS,
			su->ms[0][i]);
		if (with_bt)
			fprintf(stderr, ", bpftrace %6.1f ms", su->ms[1][i]);
		fputc('\n', stderr);
	}
	su->st[0] = stats_of(su->ms[0], STARTS);
	su->st[1] = with_bt ? stats_of(su->ms[1], STARTS) : (struct stats){ NAN, NAN, NAN, NAN, NAN };
	return 0;
}

/* ---- 2. Per-event cost. */

/* The CPUs the bench may run on; every loop is spread evenly over them. */
static cpu_set_t cpus_allowed;
static int cpu_list[CPU_SETSIZE], ncpus;

static int setup_cpus(void)
{
	if (sched_getaffinity(0, sizeof(cpus_allowed), &cpus_allowed))
		return -errno;
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &cpus_allowed))
			cpu_list[ncpus++] = c;
	return ncpus ? 0 : -ENODEV;
}

static void pin(int cpu)
{
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	sched_setaffinity(0, sizeof(one), &one);
}

/* The q quantile of v[0..n), sorting v. */
static double quantile(double *v, int n, double q)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[(int)(q * (n - 1))];
}

/*
 * calls getppid on this CPU, in timed chunks; ns per call. Interference
 * (other tenants, preemption) only ever adds time, and comes in bursts that
 * can cover half a loop, so the loop's mean is mostly noise; a low quantile
 * of the chunks is the cost with the least interference, and not a single
 * lucky chunk as the minimum would be.
 */
static double chunks_ns(long calls)
{
	static double ch[MAX_CHUNKS];
	int k = 0;

	for (long done = 0; done < calls && k < MAX_CHUNKS; done += CHUNK) {
		uint64_t t0 = now_ns();

		for (long i = 0; i < CHUNK; i++)
			syscall(SYS_getppid);
		ch[k++] = (double)(now_ns() - t0) / CHUNK;
	}
	return quantile(ch, k, CHUNK_QUANTILE);
}

/*
 * n getppid (a multiple of CHUNK * ncpus), an equal share on each CPU; the
 * mean over the CPUs of their ns per call. A tracer's cost can depend on
 * the CPU (bpftrace's tracepoint program returns 1, so on the CPU its perf
 * event is opened on every event also goes through perf): a loop left to
 * the scheduler lands on one or the other, making the rounds bimodal.
 * Affinity is restored after, so the tools started between loops may run
 * anywhere.
 */
static double loop_ns(long n)
{
	double sum = 0;

	for (int c = 0; c < ncpus; c++) {
		pin(cpu_list[c]);
		sum += chunks_ns(n / ncpus);
	}
	sched_setaffinity(0, sizeof(cpus_allowed), &cpus_allowed);
	return sum / ncpus;
}

/* N for a loop of about LOOP_NS: whole chunks, as many on each CPU. */
static long choose_n(void)
{
	long unit = (long)CHUNK * ncpus, per_cpu;
	double ns;

	loop_ns(20 * unit); /* warm up */
	ns = loop_ns(50 * unit);
	per_cpu = (long)(LOOP_NS / ns / unit);
	per_cpu = per_cpu < 20 ? 20 : per_cpu > MAX_CHUNKS ? MAX_CHUNKS : per_cpu;
	return per_cpu * unit;
}

struct tracer {
	const char *name;
	int (*start)(void);
	void (*stop)(void);
	double added[ROUNDS];  /* ns per event over untraced, by round */
	double traced[ROUNDS]; /* ns per call, traced */
	struct stats st;
};

static struct bench_floor_bpf *floor_skel;
static struct bpf_link *floor_link;

static int floor_start(void)
{
	floor_link = bpf_program__attach(floor_skel->progs.tc_floor);
	if (!floor_link) {
		int err = -errno;

		fprintf(stderr, "bench: failed to attach the floor program: %s\n", strerror(-err));
		return err;
	}
	return 0;
}

static void floor_stop(void)
{
	bpf_link__destroy(floor_link);
	floor_link = NULL;
}

static int tracecal_start(void)
{
	return tool_start(&tool_tracecal, NULL);
}

/*
 * tracecal during one of its watchdog's samples: the kernel's run-time
 * statistics on (the watchdog holds them on for 100 ms of each second, so
 * a loop of 0.15 s traced by plain tracecal rarely meets one).
 */
static int sampling_fd = -1;

static int sampling_start(void)
{
	sampling_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
	if (sampling_fd < 0) {
		int err = -errno;

		fprintf(stderr, "bench: cannot switch on BPF run-time statistics: %s\n",
			strerror(-err));
		return err;
	}
	return tool_start(&tool_tracecal, NULL);
}

static void sampling_stop(void)
{
	child_stop(&kid);
	if (sampling_fd >= 0)
		close(sampling_fd);
	sampling_fd = -1;
}

static int bpftrace_start(void)
{
	return tool_start(&tool_bpftrace, NULL);
}

static void tool_stop(void)
{
	child_stop(&kid);
}

/* In the order they are printed; bpftrace last, so it can be left out. */
static struct tracer tracers[NTRACERS] = {
	{ .name = "floor", .start = floor_start, .stop = floor_stop },
	{ .name = "tracecal", .start = tracecal_start, .stop = tool_stop },
	{ .name = "tc-sampling", .start = sampling_start, .stop = sampling_stop },
	{ .name = "bpftrace", .start = bpftrace_start, .stop = tool_stop },
};

struct events {
	long n; /* getppid per loop */
	int ntracers;
	double untraced[1 + ROUNDS * NTRACERS]; /* ns per call, in the order measured */
	int nuntraced;
	struct stats st;
	long long counted; /* by tracecal -p, of n */
};

/* Start, loop, stop, loop untraced: one bracketed difference. */
static int traced_once(struct events *ev, struct tracer *t, int round)
{
	double before = ev->untraced[ev->nuntraced - 1], traced, after;
	int err = t->start();

	if (err)
		return err;
	traced = loop_ns(ev->n);
	t->stop();
	after = loop_ns(ev->n);
	ev->untraced[ev->nuntraced++] = after;
	t->traced[round] = traced;
	t->added[round] = traced - (before + after) / 2;
	return tc_sigpipe_caught ? -EINTR : 0;
}

static int measure_round(struct events *ev, int r)
{
	int err;

	for (int j = 0; j < ev->ntracers; j++) {
		err = traced_once(ev, &tracers[(r + j) % ev->ntracers], r);
		if (err)
			return err;
	}
	fprintf(stderr, "bench: round %2d/%d:", r + 1, ROUNDS);
	for (int j = 0; j < ev->ntracers; j++)
		fprintf(stderr, " %s %+6.1f", tracers[j].name, tracers[j].added[r]);
	fprintf(stderr, " ns/event (untraced %.1f ns/call)\n", ev->untraced[ev->nuntraced - 1]);
	return 0;
}

static int measure_events(struct events *ev)
{
	int err;

	ev->untraced[ev->nuntraced++] = loop_ns(ev->n);
	for (int r = 0; r < ROUNDS; r++) {
		err = measure_round(ev, r);
		if (err)
			return err;
	}
	ev->st = stats_of(ev->untraced, ev->nuntraced);
	for (int j = 0; j < ev->ntracers; j++)
		tracers[j].st = stats_of(tracers[j].added, ROUNDS);
	return 0;
}

/* ---- 3. Does tracecal count? */

static long long rows_getppid(json_object *doc)
{
	json_object *rows, *row, *v;

	if (!json_object_object_get_ex(doc, "rows", &rows) ||
	    !json_object_is_type(rows, json_type_array))
		return -1;
	for (size_t i = 0; i < json_object_array_length(rows); i++) {
		row = json_object_array_get_idx(rows, i);
		if (json_object_object_get_ex(row, "name", &v) &&
		    !strcmp(json_object_get_string(v), "getppid") &&
		    json_object_object_get_ex(row, "syscalls_total", &v))
			return json_object_get_int64(v);
	}
	return 0; /* no row: none counted */
}

/* getppid's syscalls_total in the "summary" document; -1 if there is none. */
static long long json_getppid(char *text)
{
	long long count = -1;
	char *save, *line;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		json_object *doc = json_tokener_parse(line), *type;

		if (doc && json_object_object_get_ex(doc, "type", &type) &&
		    !strcmp(json_object_get_string(type), "summary"))
			count = rows_getppid(doc);
		json_object_put(doc);
	}
	return count;
}

static int count_check(struct events *ev)
{
	char pid[16];
	char *argv[] = { "./tracecal", "trace", "syscount", "-p", pid, "--json", NULL };
	struct tool t = tool_tracecal;
	int err, status;

	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	t.argv = argv;
	err = tool_start(&t, NULL);
	if (err)
		return err;
	loop_ns(ev->n);
	status = child_stop(&kid);
	if (tc_sigpipe_caught)
		return -EINTR;
	if (status < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "bench: failed to count with tracecal -p %s: it ended with status "
			"0x%x; it said:\n%s", pid, status, kid.buf[ERR]);
		return -EIO;
	}
	ev->counted = json_getppid(kid.buf[OUT]);
	if (ev->counted < 0) {
		fprintf(stderr, "bench: failed to parse tracecal's JSON: no summary in:\n%s\n",
			kid.buf[OUT]);
		return -EINVAL;
	}
	fprintf(stderr, "bench: count check: tracecal counted %lld getppid of %ld\n",
		ev->counted, ev->n);
	return 0;
}

/* ---- Results. */

/* A number, or n/a. */
static const char *num(char *buf, size_t size, const char *fmt, double v)
{
	if (isnan(v))
		snprintf(buf, size, "n/a");
	else
		snprintf(buf, size, fmt, v);
	return buf;
}

static void print_header(bool with_bt)
{
	struct utsname u;

	uname(&u);
	printf("tracecal bench: kernel %s, %d CPUs, pid %d%s\n", u.release, ncpus, (int)getpid(),
	       with_bt ? "" : "; bpftrace is not installed: tracecal alone");
	printf("\nStartup: fork+exec to start message, %d runs%s\n", STARTS,
	       with_bt ? " each, interleaved" : "");
}

static void print_cols(const char *first, const char *unit)
{
	printf("  %-17s %9s %9s %9s %9s %9s   (%s)\n", first, "median", "q1", "q3", "min", "max",
	       unit);
}

static void print_row(const char *name, const struct stats *st, const char *note)
{
	printf("  %-17s %9.1f %9.1f %9.1f %9.1f %9.1f%s%s\n", name, st->med, st->q1, st->q3,
	       st->min, st->max, note ? "   " : "", note ? note : "");
}

static void print_ratio(const char *name, double r, const char *note)
{
	char buf[16];

	printf("  %-17s %9s%s%s\n", name, num(buf, sizeof(buf), "%.2f", r), note ? "   " : "",
	       note ? note : "");
}

static void print_startup(const struct startup *su, bool with_bt)
{
	char aim[32];

	snprintf(aim, sizeof(aim), "aim: < %.0f ms", AIM_STARTUP_MS);
	print_cols("tool", "ms");
	print_row("tracecal", &su->st[0], aim);
	if (with_bt)
		print_row("bpftrace", &su->st[1], NULL);
	print_ratio("tracecal/bpftrace", ratio(su->st[0].med, su->st[1].med), "(medians)");
}

static void print_events(const struct events *ev)
{
	const struct stats *fl = &tracers[0].st, *tc = &tracers[1].st, *bt = &tracers[3].st;
	const struct stats *sa = &tracers[2].st;
	double avg = 0.9 * tc->med + 0.1 * sa->med;
	char aim[32];

	printf("\nPer-event cost: %ld getppid per loop, spread over %d CPUs, timed in chunks of "
	       "%d (p%.0f); %d rounds\n", ev->n, ncpus, CHUNK, CHUNK_QUANTILE * 100, ROUNDS);
	printf("  added per round = traced - mean(untraced before, untraced after)\n");
	print_cols("tracer", "ns added per event, over rounds");
	for (int j = 0; j < ev->ntracers; j++)
		print_row(tracers[j].name, &tracers[j].st, NULL);
	print_row("untraced ns/call", &ev->st, "(over loops)");
	snprintf(aim, sizeof(aim), "aim: within %.1fx", AIM_FLOOR_RATIO);
	print_ratio("tracecal/floor", ratio(tc->med, fl->med), aim);
	print_ratio("tracecal/bpftrace", ev->ntracers > 3 ? ratio(tc->med, bt->med) : NAN,
		    "aim: below 1");
	printf("  tc-sampling: tracecal while its overhead watchdog samples (100 ms of each "
	       "second);\n  averaged over time, 0.9 x %.1f + 0.1 x %.1f = %.1f ns per event\n",
	       tc->med, sa->med, avg);
	print_ratio("averaged/floor", ratio(avg, fl->med), "");
	printf("\nCount check: tracecal trace syscount -p PID --json around one loop counted %lld "
	       "getppid of %ld: %s\n", ev->counted, ev->n, ev->counted == ev->n ? "ok" : "WRONG");
	if (ev->counted != ev->n)
		fprintf(stderr, "bench:FAIL:count_check tracecal counted %lld getppid != expected "
			"%ld\n", ev->counted, ev->n);
}

static void print_summary(const struct startup *su, const struct events *ev)
{
	double bt = ev->ntracers > 3 ? tracers[3].st.med : NAN;
	double tc = tracers[1].st.med, fl = tracers[0].st.med, sa = tracers[2].st.med;
	char b[5][16];

	printf("\nBENCH startup_ms tracecal=%.1f bpftrace=%s ratio=%s ; event_ns floor=%.1f "
	       "tracecal=%.1f sampling=%.1f bpftrace=%s tracecal/floor=%s tracecal/bpftrace=%s ; "
	       "getppid_counted=%lld/%ld\n",
	       su->st[0].med, num(b[0], 16, "%.1f", su->st[1].med),
	       num(b[1], 16, "%.2f", ratio(su->st[0].med, su->st[1].med)), fl, tc, sa,
	       num(b[2], 16, "%.1f", bt), num(b[3], 16, "%.2f", ratio(tc, fl)),
	       num(b[4], 16, "%.2f", ratio(tc, bt)), ev->counted, ev->n);
}

/* ---- The run. */

static int print_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, ap) : 0;
}

static int load_floor(void)
{
	floor_skel = bench_floor_bpf__open_and_load();
	if (!floor_skel) {
		int err = -errno;

		fprintf(stderr, "bench: failed to load the floor program: %s\n", strerror(-err));
		return err;
	}
	return 0;
}

/* Stop whatever still runs: the child, the floor program. */
static void cleanup(void)
{
	child_stop(&kid);
	bpf_link__destroy(floor_link);
	floor_link = NULL;
	bench_floor_bpf__destroy(floor_skel);
	floor_skel = NULL;
}

static int run(struct startup *su, struct events *ev, bool with_bt)
{
	int err;

	fprintf(stderr, "bench: startup, %d runs of each tool\n", STARTS);
	err = measure_startup(su, with_bt);
	if (err)
		return err;
	ev->n = choose_n();
	ev->ntracers = with_bt ? 4 : 3;
	fprintf(stderr, "bench: per-event cost: %ld getppid per loop, %d rounds\n", ev->n, ROUNDS);
	err = count_check(ev);
	if (err)
		return err;
	err = load_floor();
	if (err)
		return err;
	err = measure_events(ev);
	cleanup(); /* the floor program goes before the results come */
	return err;
}

int main(void)
{
	static struct startup su;
	static struct events ev;
	bool with_bt = in_path("bpftrace");
	uint64_t t0 = now_ns();
	int err;

	libbpf_set_print(print_libbpf);
	err = tc_sigpipe_open();
	if (err) {
		fprintf(stderr, "bench: failed to set up signals: %s\n", strerror(-err));
		return 1;
	}
	err = setup_cpus();
	if (err) {
		fprintf(stderr, "bench: failed to read the CPU affinity: %s\n", strerror(-err));
		return 1;
	}
	if (!with_bt)
		fprintf(stderr, "bench: bpftrace is not installed: measuring tracecal alone\n");
	err = run(&su, &ev, with_bt);
	cleanup();
	if (tc_sigpipe_caught) {
		fprintf(stderr, "bench: interrupted; every child stopped and reaped\n");
		signal(tc_sigpipe_caught, SIG_DFL);
		raise(tc_sigpipe_caught);
	}
	if (err)
		return 1;
	print_header(with_bt);
	print_startup(&su, with_bt);
	print_events(&ev);
	print_summary(&su, &ev);
	fprintf(stderr, "bench: done in %.0f s\n", (now_ns() - t0) / 1e9);
	return ev.counted == ev.n ? 0 : 1;
}
