// SPDX-License-Identifier: GPL-2.0
/* The guard: the overhead watchdog and the overflow policy; see guard.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include "guard.h"
#include "hooks.h"
#include "output.h"
#include "session.h"

double tc_guard_share(__u64 run_ns, __u64 window_ns, int online)
{
	if (!window_ns || online <= 0)
		return 0;
	return 100.0 * (double)run_ns / ((double)window_ns * online);
}

static int prog_stats(int fd, __u64 *run_ns, __u64 *runs)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		return -errno;
	*run_ns = info.run_time_ns;
	*runs = info.run_cnt;
	return 0;
}

/* Is kernel.bpf_stats_enabled already on (someone else holds it on)? */
static bool stats_already_on(void)
{
	FILE *f = fopen("/proc/sys/kernel/bpf_stats_enabled", "r");
	int on = 0;

	if (!f)
		return false;
	if (fscanf(f, "%d", &on) != 1)
		on = 0;
	fclose(f);
	return on == 1;
}

/* Switch the statistics on for a sample (the kernel keeps them on while the fd is open). */
static int stats_on(struct tc_guard *g)
{
	if (g->stats_fd >= 0 || g->shared)
		return 0;
	g->stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
	return g->stats_fd < 0 ? -errno : 0;
}

static void stats_off(struct tc_guard *g)
{
	if (g->stats_fd >= 0)
		close(g->stats_fd);
	g->stats_fd = -1;
}

/* Note where each program stands: the start of a sample. */
static void sample_begin(struct tc_guard *g, __u64 now)
{
	for (int i = 0; i < g->nprogs; i++)
		prog_stats(g->progs[i].fd, &g->progs[i].run_ns, &g->progs[i].runs);
	g->sample_ns = now;
}

void tc_guard_start(struct tc_session *s)
{
	struct tc_guard *g = &s->guard;
	long online = sysconf(_SC_NPROCESSORS_ONLN);

	g->stats_fd = -1;
	g->watching = false;
	if (s->env.no_overhead_limit) {
		fprintf(stderr, "%s: WARNING: no overhead limit (--no-overhead-limit): nothing "
			"stops the probes however much CPU time they take\n", s->argv0);
		return;
	}
	/* Someone else may hold the statistics on already: then they are always there. */
	g->shared = stats_already_on();
	g->online = online > 0 ? (int)online : 1;
	g->nprogs = 0;
	for (int i = 0; i < s->nprobes; i++) {
		const struct tc_candidate *c = tc_hooks_chosen(s, i);

		for (int a = 0; c && a < TC_MAX_ATTACH && c->at[a].prog; a++) {
			struct bpf_program *p = bpf_object__find_program_by_name(s->obj, c->at[a].prog);
			struct tc_guard_prog *gp = &g->progs[g->nprogs];

			if (!p || bpf_program__fd(p) < 0 || g->nprogs == (int)(sizeof(g->progs) /
									     sizeof(g->progs[0])))
				continue;
			gp->probe = s->choice[i].probe->name;
			gp->prog = c->at[a].prog;
			gp->fd = bpf_program__fd(p);
			g->nprogs++;
		}
	}
	/* The first sample comes after a second, like the others: no statistics until then. */
	g->over = 0;
	g->window_ns = tc_now_ns();
	g->sample_ns = 0;
	g->watching = true;
}

/*
 * The end of a sample: the share of the CPUs the programs took during it,
 * and the costliest of them. Two samples in a row over the limit stop the
 * run (one may be a burst).
 */
static int sample_end(struct tc_session *s, __u64 now)
{
	struct tc_guard *g = &s->guard;
	__u64 total = 0, worst_ns = 0, worst_runs = 0;
	const struct tc_guard_prog *worst = NULL;
	double secs = (now - g->sample_ns) / 1e9;
	char a[32], b[32];

	for (int i = 0; i < g->nprogs; i++) {
		struct tc_guard_prog *gp = &g->progs[i];
		__u64 run_ns = 0, runs = 0;

		if (prog_stats(gp->fd, &run_ns, &runs))
			continue;
		if (run_ns - gp->run_ns > worst_ns) {
			worst = gp;
			worst_ns = run_ns - gp->run_ns;
			worst_runs = runs - gp->runs;
		}
		total += run_ns - gp->run_ns;
	}
	stats_off(g);
	g->last_pct = tc_guard_share(total, now - g->sample_ns, g->online);
	if (s->env.verbose)
		fprintf(stderr, "%s: probes took %.2f%% of %d CPUs over a sample of %.2f s\n",
			s->argv0, g->last_pct, g->online, secs);
	if (g->last_pct <= s->env.max_overhead || !worst) {
		g->over = 0;
		return 0;
	}
	if (++g->over < 2)
		return 0;
	snprintf(s->stopped, sizeof(s->stopped),
		 "the probes took %.1f%% of the time of %d CPUs (measured over %.2f s of each of "
		 "the last 2 s; limit %g%%, --max-overhead); the costliest, probe %s (program "
		 "%s), took %s ns per hit over %s hits. The probes are detached; the report "
		 "covers the time until then. --no-overhead-limit lifts the limit",
		 g->last_pct, g->online, secs, s->env.max_overhead, worst->probe, worst->prog,
		 tc_fmt_grouped(a, sizeof(a), worst_runs ? worst_ns / worst_runs : 0),
		 tc_fmt_grouped(b, sizeof(b), worst_runs));
	return 1;
}

/* --on-overflow=stop: the first drop of a full map or of the ring buffer ends the run. */
static int overflowed(struct tc_session *s)
{
	char a[32], b[32];
	__u64 n;

	for (int i = 0; i < TC_MAX_MAPS && s->tool->maps[i]; i++) {
		n = tc_session__stat(s, TC_STAT_MAP_DROP + i, NULL);
		if (n) {
			snprintf(s->stopped, sizeof(s->stopped),
				 "map '%s' is full (%s entries) and dropped %s updates "
				 "(--on-overflow=stop): the report covers the time until then; "
				 "raise --max-entries", s->tool->maps[i],
				 tc_fmt_grouped(a, sizeof(a), s->env.max_entries),
				 tc_fmt_grouped(b, sizeof(b), n));
			return 1;
		}
	}
	if (s->tool->ringbuf) {
		n = tc_session__stat(s, TC_STAT_RB_LOST, NULL);
		if (n) {
			snprintf(s->stopped, sizeof(s->stopped),
				 "the ring buffer was full and %s events were lost "
				 "(--on-overflow=stop): the report covers the time until then; "
				 "raise --buffer-size", tc_fmt_grouped(a, sizeof(a), n));
			return 1;
		}
	}
	return 0;
}

int tc_guard_check(struct tc_session *s, __u64 now)
{
	struct tc_guard *g = &s->guard;

	if (s->env.on_overflow == TC_OVERFLOW_STOP && overflowed(s))
		return 1;
	if (!g->watching)
		return 0;
	/* A sample at the start of each window; the statistics off in between. */
	if (g->sample_ns && now - g->sample_ns >= TC_GUARD_SAMPLE_NS) {
		int stop = sample_end(s, now);

		g->sample_ns = 0;
		if (stop)
			return 1;
	}
	if (!g->sample_ns && now - g->window_ns >= TC_GUARD_WINDOW_NS) {
		int err = stats_on(g);

		g->window_ns = now;
		if (err) {
			fprintf(stderr, "%s: WARNING: the overhead watchdog is off: the kernel did "
				"not switch on BPF run-time statistics (%s)\n", s->argv0,
				strerror(-err));
			g->watching = false;
			return 0;
		}
		sample_begin(g, now);
	}
	return 0;
}

void tc_guard_stop(struct tc_session *s)
{
	stats_off(&s->guard);
	s->guard.watching = false;
}
