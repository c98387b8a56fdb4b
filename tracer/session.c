// SPDX-License-Identifier: GPL-2.0
/*
 * The life of one `tracecal trace TOOL`: parse options, open the object,
 * configure it, choose hooks, load, attach, say "Tracing...", loop until
 * Ctrl-C, --duration or a broken pipe, report, and release everything on
 * every path. Drops and losses counted by the BPF side are reported at the
 * end (and lost events live), in every output format.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include "args.h"
#include "hooks.h"
#include "../common/metrics.h"
#include "../common/sigpipe.h"
#include "output.h"
#include "report.h"
#include "session.h"

/* libbpf's messages: warnings kept to show if load fails, all with -vv. */
static int verbosity;
static char libbpf_log[16384];
static size_t libbpf_log_len;

static int print_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (verbosity >= 2 || (verbosity == 1 && level <= LIBBPF_INFO))
		return vfprintf(stderr, fmt, ap);
	if (level == LIBBPF_WARN && libbpf_log_len < sizeof(libbpf_log) - 1) {
		int n = vsnprintf(libbpf_log + libbpf_log_len, sizeof(libbpf_log) - libbpf_log_len,
				  fmt, ap);

		if (n > 0)
			libbpf_log_len += n;
		if (libbpf_log_len > sizeof(libbpf_log) - 1)
			libbpf_log_len = sizeof(libbpf_log) - 1;
	}
	return 0;
}

static void dump_libbpf_log(void)
{
	if (!libbpf_log_len)
		return;
	fprintf(stderr, "libbpf said:\n%s", libbpf_log);
	if (libbpf_log[libbpf_log_len - 1] != '\n')
		fputc('\n', stderr);
}

__u64 tc_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int tc_session__set_var(struct tc_session *s, const char *name, const char *value)
{
	for (int i = 0; i < 4; i++) {
		if (!s->vars[i].name || !strcmp(s->vars[i].name, name)) {
			s->vars[i].name = name;
			snprintf(s->vars[i].value, sizeof(s->vars[i].value), "%s", value);
			return 0;
		}
	}
	return -ENOSPC;
}

const char *tc_session__var(struct tc_session *s, const char *name)
{
	for (int i = 0; i < 4; i++)
		if (s->vars[i].name && !strcmp(s->vars[i].name, name))
			return s->vars[i].value;
	return NULL;
}

/* Filters, histogram set-up and map sizes: everything decided before load. */
static int configure(struct tc_session *s)
{
	const struct tc_tool *t = s->tool;
	struct tc_env *env = &s->env;
	bool comm_on = env->comm_set;
	char comm[TC_COMM_LEN] = {};
	int err = 0;

	memcpy(comm, env->comm, sizeof(comm));
	if (t->filters & TC_FILTER_PID)
		err = err ?: tc_session__set_rodata(s, "tc_filter_tgid", &env->pid, sizeof(env->pid));
	if (t->filters & TC_FILTER_DEV)
		err = err ?: tc_session__set_rodata(s, "tc_filter_dev", &env->dev, sizeof(env->dev));
	if (t->filters & TC_FILTER_COMM) {
		err = err ?: tc_session__set_rodata(s, "tc_filter_comm_on", &comm_on, sizeof(comm_on));
		err = err ?: tc_session__set_rodata(s, "tc_filter_comm", comm, sizeof(comm));
	}
	if (t->flags & TC_TOOL_HIST)
		err = err ?: tc_session__set_rodata(s, "tc_hist_cfg", &env->hist, sizeof(env->hist));
	if (err) {
		fprintf(stderr, "%s: the BPF object lacks a load-time setting: %s\n", s->argv0,
			strerror(-err));
		return err;
	}
	for (int i = 0; i < TC_MAX_MAPS && t->maps[i]; i++) {
		struct bpf_map *map = tc_session__map(s, t->maps[i]);

		if (!map) {
			fprintf(stderr, "%s: no map '%s' in the BPF object\n", s->argv0, t->maps[i]);
			return -ENOENT;
		}
		bpf_map__set_max_entries(map, env->max_entries);
	}
	if (t->ringbuf) {
		struct bpf_map *map = tc_session__map(s, t->ringbuf);

		if (!map)
			return -ENOENT;
		bpf_map__set_max_entries(map, env->buffer_size);
	}
	return t->configure ? t->configure(s) : 0;
}

static int on_rb_event(void *ctx, void *data, size_t size)
{
	struct tc_session *s = ctx;

	s->events++;
	return s->tool->on_event(s, data, size);
}

static int open_object(struct tc_session *s)
{
	char name[32];
	size_t size;
	const void *elf = s->tool->elf_bytes(&size);
	int err;

	snprintf(name, sizeof(name), "tc_%s", s->tool->name);
	{
		LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = name);

		s->obj = bpf_object__open_mem(elf, size, &opts);
	}
	if (!s->obj) {
		err = -errno;
		fprintf(stderr, "%s: failed to open the BPF object: %s\n", s->argv0, strerror(-err));
		dump_libbpf_log();
		return err;
	}
	return 0;
}

static int term_width(FILE *f)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (isatty(fileno(f)) && !ioctl(fileno(f), TIOCGWINSZ, &ws) && ws.ws_col)
		return ws.ws_col;
	if (cols && atoi(cols) > 20)
		return atoi(cols);
	return 80;
}

static int collect(struct tc_session *s)
{
	int err;

	tc_result__reset(&s->cur);
	err = s->tool->collect ? s->tool->collect(s, &s->cur) : 0;
	if (err) {
		fprintf(stderr, "%s: failed to read the maps: %s\n", s->argv0, strerror(-err));
		return err;
	}
	tc_table__normalize(&s->cur.table);
	if (s->cur.lost.def)
		tc_table__normalize(&s->cur.lost);
	tc_hists__normalize(&s->cur.hists);
	return 0;
}

/* One report: an interval (deltas, except Prometheus) or the final one. */
static int emit(struct tc_session *s, bool final)
{
	struct tc_result shown = {};
	bool delta = s->env.interval_ns && s->env.format != TC_FMT_PROM;
	int err = collect(s);

	if (err)
		return err;
	err = tc_result__copy(&shown, &s->cur);
	if (err)
		return err;
	if (delta)
		tc_result__delta(&shown, &s->prev);
	switch (s->env.format) {
	case TC_FMT_TABLE:
		if (final && s->events) /* set the totals apart from the events above */
			fputc('\n', s->out);
		if (s->env.interval_ns) {
			char when[32];
			time_t now = time(NULL);

			strftime(when, sizeof(when), "%H:%M:%S", localtime(&now));
			fprintf(s->out, "%s%s\n", s->prev.table.def || s->prev.hists.def ? "\n" : "",
				when);
		}
		if (shown.table.def) {
			tc_table__sort_by_value(&shown.table);
			tc_table_print(s->out, &shown.table, s->env.rows);
		}
		if (shown.hists.def)
			tc_hists_print(s->out, &shown.hists, term_width(s->out));
		break;
	case TC_FMT_JSON:
		/* Intervals carry changes; the summary always the whole run's totals. */
		if (!final || delta)
			tc_report_json(s, &shown, "interval");
		if (final)
			tc_report_json(s, &s->cur, "summary");
		break;
	case TC_FMT_PROM:
		tc_report_prom(s, &shown);
		break;
	}
	fflush(s->out);
	tc_result__copy(&s->prev, &s->cur);
	tc_result__free(&shown);
	return 0;
}

/*
 * Say that events are being lost while it happens, at most once a second.
 * A thread of its own, writing to stderr only: the main thread may be stuck
 * writing events to a reader that has stopped reading, which is exactly
 * when events are lost.
 */
static void *lost_reporter(void *arg)
{
	struct tc_session *s = arg;
	struct pollfd pfd = { .fd = s->reporter_stop[0], .events = POLLIN };

	while (poll(&pfd, 1, 1000) == 0) {
		__u64 lost = tc_session__stat(s, TC_STAT_RB_LOST, NULL);
		char a[32], b[32];

		if (lost <= s->lost_reported)
			continue;
		fprintf(stderr, "%s: lost %s events (%s in all so far): the consumer is too slow; "
			"raise --buffer-size\n", s->argv0,
			tc_fmt_grouped(a, sizeof(a), lost - s->lost_reported),
			tc_fmt_grouped(b, sizeof(b), lost));
		s->lost_reported = lost;
	}
	return NULL;
}

static int start_reporter(struct tc_session *s)
{
	int err;

	if (pipe2(s->reporter_stop, O_CLOEXEC))
		return -errno;
	err = pthread_create(&s->reporter, NULL, lost_reporter, s);
	if (err) {
		close(s->reporter_stop[0]);
		close(s->reporter_stop[1]);
		s->reporter_stop[0] = s->reporter_stop[1] = -1;
		return -err;
	}
	s->reporter_on = true;
	return 0;
}

static void stop_reporter(struct tc_session *s)
{
	if (!s->reporter_on)
		return;
	close(s->reporter_stop[1]); /* poll() sees the hang-up */
	pthread_join(s->reporter, NULL);
	close(s->reporter_stop[0]);
	s->reporter_on = false;
}

static int loop(struct tc_session *s)
{
	__u64 end = s->env.duration_ns ? s->start_ns + s->env.duration_ns : 0;
	__u64 tick = s->env.interval_ns ? s->start_ns + s->env.interval_ns : 0;
	__u64 gtick = s->guard.watching || s->env.on_overflow == TC_OVERFLOW_STOP ?
			      s->start_ns + TC_GUARD_TICK_NS : 0;
	struct pollfd fds[2] = { { .fd = tc_sigpipe_fd(), .events = POLLIN } };
	int nfds = 1, err = 0;

	if (s->rb) {
		fds[1].fd = ring_buffer__epoll_fd(s->rb);
		fds[1].events = POLLIN;
		nfds = 2;
	}
	for (;;) {
		__u64 now = tc_now_ns(), next = end;
		int timeout = -1, n;

		if (tick && (!next || tick < next))
			next = tick;
		if (gtick && (!next || gtick < next))
			next = gtick;
		if (next)
			timeout = next > now ? (int)((next - now + 999999) / 1000000) : 0;
		n = poll(fds, nfds, timeout);
		if (n < 0 && errno != EINTR)
			return -errno;
		if (n > 0 && (fds[0].revents & POLLIN))
			break;
		if (s->rb && n > 0 && (fds[1].revents & POLLIN)) {
			err = ring_buffer__consume(s->rb);
			if (err < 0 && err != -EINTR)
				return err;
			if (fflush(s->out) && errno == EPIPE)
				return -EPIPE;
		}
		now = tc_now_ns();
		if (tick && now >= tick) {
			err = emit(s, false);
			if (err)
				return err;
			if (ferror(s->out))
				return -EPIPE;
			while (tick <= now)
				tick += s->env.interval_ns;
		}
		if (gtick && now >= gtick) {
			if (tc_guard_check(s, now))
				break; /* s->stopped says why */
			while (gtick <= now)
				gtick += TC_GUARD_TICK_NS;
		}
		if (end && now >= end)
			break;
	}
	return 0;
}

static void say_hooks(struct tc_session *s)
{
	for (int i = 0; i < s->nprobes; i++) {
		char desc[256];

		if (s->choice[i].cand < 0)
			continue;
		tc_hooks_describe(s, i, desc, sizeof(desc));
		if (s->choice[i].why[0])
			fprintf(stderr, "probe %s: %s (fallback: %s)\n", s->choice[i].probe->name, desc,
				s->choice[i].why);
		else
			fprintf(stderr, "probe %s: %s\n", s->choice[i].probe->name, desc);
	}
}

/* The BTF, the CPUs, the object opened, configured, its hooks chosen and loaded, the ring buffer. */
/*
 * --fault-pin, planted for the tests of many copies at once: the maps
 * pinned by a fixed name, as LIBBPF_PIN_BY_NAME does. share: a second copy
 * finds them and libbpf reuses them, so every copy counts every copy's
 * events (and shares one ring buffer, each taking some of the others'
 * events); the copy that made the pins removes them at its end. leak: a
 * second copy pins its own beside them, under its pid, and never removes
 * them. One copy alone is right either way.
 */
static int fault_pin(struct tc_session *s)
{
	char path[PATH_MAX], first[PATH_MAX];
	struct bpf_map *m;
	bool taken = false;

	bpf_object__for_each_map(m, s->obj) {
		if (bpf_map__is_internal(m))
			continue;
		snprintf(first, sizeof(first), "/sys/fs/bpf/tracecal_planted_%s", bpf_map__name(m));
		taken |= !access(first, F_OK);
	}
	s->fault_pins_own = !taken;
	bpf_object__for_each_map(m, s->obj) {
		int err;

		if (bpf_map__is_internal(m))
			continue;
		if (taken && s->env.fault_pin == TC_FAULT_PIN_LEAK)
			snprintf(path, sizeof(path), "/sys/fs/bpf/tracecal_planted_%s_%d",
				 bpf_map__name(m), (int)getpid());
		else
			snprintf(path, sizeof(path), "/sys/fs/bpf/tracecal_planted_%s",
				 bpf_map__name(m));
		err = bpf_map__set_pin_path(m, path);
		if (err) {
			fprintf(stderr, "%s: --fault-pin: %s: %s\n", s->argv0, path, strerror(-err));
			return err;
		}
	}
	return 0;
}

static int session_load(struct tc_session *s)
{
	char why[TC_WHY_LEN];
	int err;

	if (!tc_feat_btf(why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", s->argv0, why);
		return -EOPNOTSUPP;
	}
	s->ncpus = libbpf_num_possible_cpus();
	if (s->ncpus <= 0) {
		fprintf(stderr, "%s: cannot count the CPUs: %s\n", s->argv0, strerror(-s->ncpus));
		return s->ncpus;
	}
	/* Open the object, set its load-time constants and map sizes. */
	err = open_object(s);
	if (!err)
		err = configure(s);
	/* Pick a hook per probe by asking the kernel; switch off the rest. */
	if (!err)
		err = tc_hooks_choose(s);
	if (!err && s->env.fault_pin)
		err = fault_pin(s);
	if (err)
		return err;
	/* Load: BTF relocation and verification. */
	libbpf_log_len = 0;
	libbpf_log[0] = '\0';
	err = bpf_object__load(s->obj);
	if (err) {
		fprintf(stderr, "%s: failed to load the BPF programs: %s\n", s->argv0, strerror(-err));
		dump_libbpf_log();
		return err;
	}
	if (s->tool->ringbuf) {
		s->rb = ring_buffer__new(bpf_map__fd(tc_session__map(s, s->tool->ringbuf)),
					 on_rb_event, s, NULL);
		if (!s->rb) {
			err = -errno;
			fprintf(stderr, "%s: failed to open the ring buffer: %s\n", s->argv0,
				strerror(-err));
			return err;
		}
	}
	return 0;
}

/* Attach everything, or nothing (a partial attach is an error), and start the watchers. */
static int session_start(struct tc_session *s)
{
	int err, probes = 0;

	err = tc_hooks_attach(s);
	if (err) {
		dump_libbpf_log();
		return err;
	}
	s->start_ns = tc_now_ns();
	tc_guard_start(s);
	if (s->tool->ringbuf) {
		err = start_reporter(s);
		if (err) {
			fprintf(stderr, "%s: failed to start the loss reporter: %s\n", s->argv0,
				strerror(-err));
			return err;
		}
	}
	for (int i = 0; i < s->nprobes; i++)
		probes += s->choice[i].cand >= 0;
	say_hooks(s);
	fprintf(stderr, "Tracing %d probe%s (%d hook%s)... Hit Ctrl-C to end.\n", probes,
		probes == 1 ? "" : "s", s->nlinks, s->nlinks == 1 ? "" : "s");
	return 0;
}

/* Stop the probes, take the events still buffered, then report. */
static int session_finish(struct tc_session *s)
{
	int err;

	stop_reporter(s);
	tc_hooks_detach(s);
	tc_guard_stop(s);
	if (s->rb)
		ring_buffer__consume(s->rb);
	if (s->tool->settle)
		s->tool->settle(s);
	err = emit(s, true);
	if (!err && s->tool->finish)
		s->tool->finish(s);
	if (!err)
		tc_report_losses(s, stderr);
	if (s->stopped[0]) {
		fprintf(stderr, "%s: stopped early: %s\n", s->argv0, s->stopped);
		err = err ?: -ECANCELED; /* the exit status says the run was cut short */
	}
	return err;
}

/* Whatever happened: everything released, the report flushed; err, or a write error. */
static int session_close(struct tc_session *s, bool opened_out, int err)
{
	stop_reporter(s);
	tc_hooks_detach(s);
	tc_guard_stop(s);
	ring_buffer__free(s->rb);
	if (s->fault_pins_own && s->obj)
		bpf_object__unpin_maps(s->obj, NULL);
	bpf_object__close(s->obj);
	tc_ufuncs_free(&s->ufuncs);
	tc_features_free();
	tc_result__free(&s->cur);
	tc_result__free(&s->prev);
	tc_sigpipe_close();
	if (s->out && fflush(s->out) && errno != EPIPE) {
		fprintf(stderr, "%s: cannot write the report: %s\n", s->argv0, strerror(errno));
		err = err ?: -EIO;
	}
	if (opened_out)
		fclose(s->out);
	return err;
}

int tc_session_run(const struct tc_tool *tool, int argc, char **argv)
{
	struct tc_session s = { .tool = tool, .guard.stats_fd = -1 };
	char argv0[64];
	bool opened_out = false;
	int err;

	snprintf(argv0, sizeof(argv0), "tracecal trace %s", tool->name);
	s.argv0 = argv0;
	if (tc_args_parse(&s, argc, argv))
		return 2;
	verbosity = s.env.verbose;
	libbpf_set_print(print_libbpf);

	s.out = stdout;
	if (s.env.output) {
		s.out = fopen(s.env.output, "w");
		if (!s.out) {
			fprintf(stderr, "%s: cannot write %s: %s\n", argv0, s.env.output, strerror(errno));
			return 2;
		}
		opened_out = true;
	}
	err = session_load(&s);
	if (!err)
		err = tc_sigpipe_open();
	if (!err)
		err = session_start(&s);
	if (!err) {
		err = loop(&s);
		if (err == -EPIPE)
			err = 0; /* the reader went away: nothing more to say */
		else if (err)
			fprintf(stderr, "%s: tracing failed: %s\n", argv0, strerror(-err));
		else
			err = session_finish(&s);
	}
	return session_close(&s, opened_out, err) ? 1 : 0;
}
