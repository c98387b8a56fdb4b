// SPDX-License-Identifier: GPL-2.0
/* One tool through one scenario; see runner.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <json-c/json.h>
#include "../oracles/diskstats.h"
#include "../common/opts.h"
#include "heartbeat.h"
#include "leaks.h"
#include "judge.h"
#include "proc.h"
#include "runner.h"
#include "witness.h"
#include "../readers/toolout.h"
#include "window.h"

#define SETTLE_NS 300000000ULL	    /* the disk counters stand still this long: idle */
#define INTERVAL_MARGIN_NS 1000000000ULL /* an INTERVAL tool's timer may be late this much */
#define IDLE_TIMEOUT_NS 20000000000ULL
#define LEAK_WAIT_NS 10000000000ULL /* what a tool made may take this long to go */

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int tc_runner_init(struct tc_runner *r, const char *workdir, volatile int *stop)
{
	ssize_t n;

	memset(r, 0, sizeof(*r));
	r->stop = stop;
	n = readlink("/proc/self/exe", r->tracecal, sizeof(r->tracecal) - 1);
	if (n < 0)
		return -errno;
	r->tracecal[n] = '\0';
	snprintf(r->workdir, sizeof(r->workdir), "%s", workdir);
	if (mkdir(workdir, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

void tc_runner_done(struct tc_runner *r)
{
	if (r->have_fix)
		tc_fixture_release(&r->fix);
	r->have_fix = false;
}

/* The placeholder values of this run, as NAME=VALUE. */
#define NVARS 8

struct vars {
	char buf[NVARS][600];
	const char *v[NVARS];
	int n;
};

static void vars_init(struct vars *v, struct tc_runner *r, const struct tc_tooldesc *tool,
		      const struct tc_scenario *sc, const char *out)
{
	const char *slash = strrchr(tool->path, '/');
	__u32 kdev = 0;

	if (r->have_fix)
		tc_dev_parse(r->fix.dev, &kdev, NULL, 0);
	snprintf(v->buf[0], sizeof(v->buf[0]), "TRACECAL=%.580s", r->tracecal);
	snprintf(v->buf[1], sizeof(v->buf[1]), "DEV=%s", r->have_fix ? r->fix.dev : "");
	snprintf(v->buf[2], sizeof(v->buf[2]), "DEVPATH=%s", r->have_fix ? r->fix.devpath : "");
	snprintf(v->buf[3], sizeof(v->buf[3]), "DEVNUM=%u", kdev);
	snprintf(v->buf[4], sizeof(v->buf[4]), "MNT=%.580s", r->have_fix ? r->fix.mnt : "");
	snprintf(v->buf[5], sizeof(v->buf[5]), "COMM=%s", sc->comm);
	snprintf(v->buf[6], sizeof(v->buf[6]), "OUT=%.580s", out);
	snprintf(v->buf[7], sizeof(v->buf[7]), "DIR=%.*s", slash ? (int)(slash - tool->path) : 1,
		 slash ? tool->path : ".");
	for (int i = 0; i < NVARS; i++)
		v->v[i] = v->buf[i];
	v->n = NVARS;
}

__attribute__((format(printf, 3, 4)))
static void set_reason(struct tc_outcome *res, enum tc_verdict v, const char *fmt, ...)
{
	va_list ap;

	res->verdict = v;
	va_start(ap, fmt);
	vsnprintf(res->reason, sizeof(res->reason), fmt, ap);
	va_end(ap);
}

static int fixture_for(struct tc_runner *r, const struct tc_scenario *sc, char *err,
		       size_t errlen)
{
	int ret;

	if (sc->no_fixture)
		return 0;
	if (r->have_fix && (r->fix_size != sc->fs_size || strcmp(r->fix_type, sc->fs_type)))
		tc_runner_done(r);
	if (!r->have_fix) {
		ret = tc_fixture_make(&r->fix, sc->fs_size, sc->fs_type, err, errlen);
		if (ret)
			return ret;
		r->have_fix = true;
		r->fix_size = sc->fs_size;
		snprintf(r->fix_type, sizeof(r->fix_type), "%s", sc->fs_type);
	} else {
		ret = tc_fixture_reset(&r->fix, err, errlen);
		if (ret)
			return ret;
	}
	return tc_fixture_queue(&r->fix, sc->queue, err, errlen);
}

/* `tracecal workload LINE --manifest FILE`, waited for (timeout_ns). */
static int run_workload(struct tc_runner *r, const struct vars *v, const char *line,
			const char *manifest, const char *tag, __u64 timeout_ns, char *why,
			size_t size)
{
	char filled[1024], *words[40], out[600], err[600], tail[400], status[64];
	char *argv[48];
	struct tc_proc p;
	int n, ret;

	if (tc_fill(line, v->v, v->n, filled, sizeof(filled)))
		return snprintf(why, size, "workload line too long"), -ENAMETOOLONG;
	n = tc_split_words(filled, words, 40);
	if (n < 1)
		return snprintf(why, size, "bad workload line '%s'", line), -EINVAL;
	argv[0] = r->tracecal;
	argv[1] = "workload";
	for (int i = 0; i < n; i++)
		argv[2 + i] = words[i];
	argv[2 + n] = "--manifest";
	argv[3 + n] = (char *)manifest;
	argv[4 + n] = NULL;
	snprintf(out, sizeof(out), "%s/%s.workload.out", r->workdir, tag);
	snprintf(err, sizeof(err), "%s/%s.workload.err", r->workdir, tag);
	ret = tc_proc_start(&p, argv, out, err);
	if (ret)
		return snprintf(why, size, "cannot start the workload: %s", strerror(-ret)), ret;
	ret = tc_proc_wait(&p, timeout_ns, r->stop);
	if (ret) {
		tc_proc_kill(&p);
		if (ret == -ETIMEDOUT)
			snprintf(why, size, "workload %s did not finish within the scenario's "
				 "TIMEOUT of %.3g s, and was killed", words[0], timeout_ns / 1e9);
		else
			snprintf(why, size, "workload %s interrupted", words[0]);
		return ret;
	}
	if (!WIFEXITED(p.status) || WEXITSTATUS(p.status)) {
		tc_proc_describe(&p, status, sizeof(status));
		tc_file_gist(err, tail, sizeof(tail));
		snprintf(why, size, "workload %s %s: %s", words[0], status, tail);
		return -EIO;
	}
	return 0;
}

static void tool_version(struct tc_runner *r, const struct tc_tooldesc *tool,
			 const struct vars *v, char *buf, size_t size)
{
	char out[600], err[600], cmd[1024];
	struct tc_proc p;

	buf[0] = '\0';
	if (!tool->version_cmd[0] || tc_fill(tool->version_cmd, v->v, v->n, cmd, sizeof(cmd)))
		return;
	snprintf(out, sizeof(out), "%s/%s.version", r->workdir, tool->name);
	snprintf(err, sizeof(err), "%s/%s.version.err", r->workdir, tool->name);
	if (tc_proc_start_shell(&p, cmd, out, err))
		return;
	if (tc_proc_wait(&p, 10000000000ULL, NULL))
		tc_proc_kill(&p);
	tc_file_gist(out, buf, size);
	buf[strcspn(buf, "\n")] = '\0';
}

/*
 * Ended as a tool should on its STOP signal: status 0, the signal, 128 + it,
 * or a status its descriptor declares (EXIT_STATUS).
 */
static bool stopped_well(const struct tc_proc *p, const struct tc_tooldesc *tool)
{
	int sig = tool->stop_signal;

	if (WIFEXITED(p->status)) {
		for (int i = 0; i < tool->nexit_ok; i++)
			if (WEXITSTATUS(p->status) == tool->exit_ok[i])
				return true;
		return WEXITSTATUS(p->status) == 0 || WEXITSTATUS(p->status) == 128 + sig;
	}
	return WIFSIGNALED(p->status) && WTERMSIG(p->status) == sig;
}

/* What a manifest says of a run's cost: its times, CPU, and its rate section's events. */
struct run_cost {
	double secs, rate;
	__u64 cpu_ns, events;
};

static int manifest_cost(const char *path, struct run_cost *c)
{
	json_object *m = json_object_from_file(path), *v, *r;
	__u64 start = 0, end = 0;

	memset(c, 0, sizeof(*c));
	if (!m)
		return -ENOENT;
	if (json_object_object_get_ex(m, "start_ns", &v))
		start = json_object_get_uint64(v);
	if (json_object_object_get_ex(m, "end_ns", &v))
		end = json_object_get_uint64(v);
	if (json_object_object_get_ex(m, "cpu_ns", &v))
		c->cpu_ns = json_object_get_uint64(v);
	if (json_object_object_get_ex(m, "rate", &r)) {
		if (json_object_object_get_ex(r, "per_second", &v))
			c->rate = json_object_get_double(v);
		if (json_object_object_get_ex(r, "count", &v))
			c->events = json_object_get_uint64(v);
	}
	json_object_put(m);
	if (end <= start)
		return -EINVAL;
	c->secs = (end - start) / 1e9;
	return 0;
}

/* The workload, as the traced run will run it, with no tool: the baseline. */
static int untraced(struct tc_runner *r, const struct tc_scenario *sc, const struct vars *v,
		    const char *tag, struct tc_outcome *res, char *why, size_t size)
{
	struct tc_heartbeat hb;
	char manifest[600], btag[220];
	struct run_cost c = {};
	__u64 beats;
	int ret;

	snprintf(manifest, sizeof(manifest), "%s/%s.untraced.json", r->workdir, tag);
	snprintf(btag, sizeof(btag), "%s.untraced", tag);
	ret = tc_heartbeat_start(&hb, sc->overhead_ns);
	if (ret)
		return snprintf(why, size, "heartbeat: %s", strerror(-ret)), ret;
	ret = run_workload(r, v, sc->workload, manifest, btag, sc->timeout_ns, why, size);
	tc_heartbeat_stop(&hb, &res->overhead.beat_untraced_ns, &beats);
	if (!ret && manifest_cost(manifest, &c)) {
		snprintf(why, size, "the untraced run's manifest has no times");
		ret = -EINVAL;
	}
	res->overhead.untraced_s = c.secs;
	res->overhead.untraced_cpu_ns = c.cpu_ns;
	return ret;
}

/*
 * A tool that ended on its own and said it stopped under overload (its
 * watchdog: ABORT lines, or an engine's words) is ABORTED, naming the probe
 * it blamed: not a crash. Its stderr, then its stdout, are read.
 */
static bool aborted(const struct tc_tooldesc *tool, struct tc_outcome *res, const char *when,
		    const char *status)
{
	const char *paths[] = { res->err_path, res->out_path };
	char line[600];
	bool found = false;

	for (int i = 0; i < 2 && !found; i++) {
		char *text = tc_file_read(paths[i], NULL);

		found = tc_judge_aborted(tool, text, res->aborted_probe,
					 sizeof(res->aborted_probe), line, sizeof(line));
		free(text);
	}
	if (!found)
		return false;
	if (res->aborted_probe[0])
		set_reason(res, TC_ABORTED, "it stopped itself under overload %s, naming probe %s "
			   "(%s): %s", when, res->aborted_probe, status, line);
	else
		set_reason(res, TC_ABORTED, "it stopped itself under overload %s, naming no probe "
			   "(%s): %s", when, status, line);
	return true;
}

/*
 * Its numbers are right, but it slowed the workload more than the scenario
 * allows (SLOWDOWN_MAX): a tool with no guard on a hot probe. SLOW, with
 * the slowdown measured; a run that failed already keeps its verdict.
 */
static void too_slow(const struct tc_scenario *sc, struct tc_outcome *res)
{
	const struct tc_overhead *o = &res->overhead;
	double x;

	if (!sc->slowdown_max || !o->measured || o->untraced_s <= 0 ||
	    !tc_verdict_passes(res->verdict))
		return;
	x = o->traced_s / o->untraced_s;
	if (x <= sc->slowdown_max)
		return;
	set_reason(res, TC_SLOW, "it slowed the workload %.1fx (%.3f s untraced, %.3f s traced), "
		   "more than the %gx SLOWDOWN_MAX allows; its numbers were %s", x, o->untraced_s,
		   o->traced_s, sc->slowdown_max, tc_verdict_name(res->verdict));
}

/*
 * One copy of the tool: the only one, or one of a scenario's INSTANCES,
 * each with its own output files and {OUT}, judged on its own.
 */
struct copy {
	struct tc_proc p;
	struct tc_outcome *res; /* the run's own for the first copy */
	struct vars v;
	char report[600];	/* its {OUT} */
	int died_of;		/* the signal it died of when stopped, no handler */
	bool started;
	bool ended;		/* it has exited, or was killed */
	bool judged;		/* its report was read and judged */
};

/* Start it and wait for it to be ready: 0, 1 when it failed (its verdict said), or -EINTR. */
static int start_copy(struct tc_runner *r, const struct tc_tooldesc *tool, struct copy *c)
{
	struct tc_outcome *res = c->res;
	char cmd[2048], tail[400], status[64];
	int ret;

	if (tc_fill(tool->command, c->v.v, c->v.n, cmd, sizeof(cmd)))
		return set_reason(res, TC_ERROR, "COMMAND too long"), 1;
	ret = tc_proc_start_shell(&c->p, cmd, res->out_path, res->err_path);
	if (ret)
		return set_reason(res, TC_ERROR, "cannot start it: %s", strerror(-ret)), 1;
	c->started = true;
	ret = tc_proc_wait_ready(&c->p, &tool->ready, tool->ready_timeout_ns, r->stop);
	if (!ret)
		return 0;
	tc_proc_kill(&c->p);
	c->ended = true;
	tc_proc_describe(&c->p, status, sizeof(status));
	tc_file_gist(res->err_path, tail, sizeof(tail));
	if (ret == -EINTR)
		return -EINTR;
	if (ret == -ETIMEDOUT) {
		set_reason(res, TC_TIMEOUT, "never became ready (no line matched READY in time)%s%s",
			   tail[0] ? ": " : "", tail);
	} else {
		char *err = tc_file_read(res->err_path, NULL), hook[300];

		/* A hook this kernel lacks is the cause to name first. */
		if (tc_judge_hook_missing(err, hook, sizeof(hook)))
			set_reason(res, TC_ERROR, "%s; it %s before it was ready: %s", hook, status,
				   tail);
		else
			set_reason(res, TC_ERROR, "%s before it was ready: %s", status, tail);
		free(err);
	}
	return 1;
}

/* Stop it as its descriptor says, and judge how it ended; its verdict is set if badly. */
static void end_copy(const struct tc_tooldesc *tool, struct copy *c)
{
	struct tc_outcome *res = c->res;
	char tail[400], status[64];
	bool killed;

	if (c->ended)
		return;
	c->ended = true;
	if (c->p.exited || tc_proc_wait(&c->p, 0, NULL) == 0) {
		tc_proc_describe(&c->p, status, sizeof(status));
		tc_file_gist(res->err_path, tail, sizeof(tail));
		if (!aborted(tool, res, "during the workload", status))
			set_reason(res, TC_ERROR, "it ended during the workload (%s): %s", status,
				   tail);
		return;
	}
	tc_proc_stop(&c->p, tool->stop_signal, tool->grace_ns, tool->stop_repeat_ns,
		     &res->stop_signals, &killed);
	tc_file_gist(res->err_path, tail, sizeof(tail));
	if (killed) {
		set_reason(res, TC_TIMEOUT, "did not exit within GRACE of its STOP signal (sent %d "
			   "time%s), and was killed%s%s", res->stop_signals,
			   res->stop_signals == 1 ? "" : "s", tail[0] ? ": " : "", tail);
	} else if (!stopped_well(&c->p, tool)) {
		tc_proc_describe(&c->p, status, sizeof(status));
		if (!aborted(tool, res, "before it was stopped", status))
			set_reason(res, TC_ERROR, "%s when it was stopped: %s", status, tail);
	} else if (WIFSIGNALED(c->p.status)) {
		c->died_of = WTERMSIG(c->p.status); /* no handler: whatever it held is lost */
	} else if (WEXITSTATUS(c->p.status) == 128 + tool->stop_signal) {
		c->died_of = tool->stop_signal; /* the same, through a shell */
	}
}

/* The copies that run, killed (an interrupt, the workload failed): nothing of theirs judged. */
static void kill_copies(struct copy *c, int n)
{
	for (int i = 0; i < n; i++)
		if (c[i].started && !c[i].ended) {
			tc_proc_kill(&c[i].p);
			c[i].ended = true;
		}
}

/*
 * The workload in the tool's window: the oracles read around it, the
 * witness beside it, the heartbeat in it when OVERHEAD measures. 0, or
 * -errno with why.
 */
static int window(struct tc_runner *r, const struct tc_scenario *sc, const struct vars *v,
		  const char *tag, struct tc_outcome *res, struct tc_judge_ctx *jc, char *why,
		  size_t size)
{
	struct tc_heartbeat hb = {};
	struct tc_witness wit = {};
	struct tc_window w = {};
	int ret;

	ret = tc_window_open(&w, sc, r->have_fix ? r->fix.dev : NULL, r->workdir, tag, jc, why,
			     size);
	/* Not in an OVERHEAD window: its programs would be part of the cost measured. */
	if (!ret && r->have_fix && !sc->overhead_ns)
		tc_witness_open(&wit, r->fix.devpath); /* if it cannot, it says why */
	if (!ret && sc->overhead_ns)
		ret = tc_heartbeat_start(&hb, sc->overhead_ns);
	if (!ret)
		ret = run_workload(r, v, sc->workload, jc->manifest_path, tag, sc->timeout_ns, why,
				   size);
	if (sc->overhead_ns && hb.sh) {
		struct run_cost c;
		__u64 beats;

		tc_heartbeat_stop(&hb, &res->overhead.beat_traced_ns, &beats);
		if (!ret && !manifest_cost(jc->manifest_path, &c)) {
			res->overhead.measured = true;
			res->overhead.traced_s = c.secs;
			res->overhead.rate = c.rate;
			res->overhead.events = c.events;
			res->overhead.traced_cpu_ns = c.cpu_ns;
		}
	}
	/* Let the last I/O complete and reach the tool before the counters are read. */
	if (!ret && r->have_fix)
		tc_wait_idle(r->fix.dev, SETTLE_NS, IDLE_TIMEOUT_NS);
	if (!ret)
		ret = tc_window_close(&w, jc, res->oracle_notes, sizeof(res->oracle_notes), why,
				      size);
	tc_window_release(&w);
	tc_witness_close(&wit);
	res->witness.on = wit.on;
	snprintf(res->witness.why, sizeof(res->witness.why), "%s", wit.why);
	res->witness.events = wit.events;
	res->witness.bpf = wit.bpf;
	res->witness.skipped_counted = wit.skipped_counted;
	res->witness.blind = tc_witness_blind(&wit);
	return ret;
}

/*
 * A tool of INTERVAL reports only that often and drops at its STOP what it
 * counted since: it is given one more report after the workload. 0, or
 * -EINTR when the run is interrupted meanwhile.
 */
static int interval_wait(struct tc_runner *r, __u64 ns)
{
	const struct timespec nap = { 0, 50000000 };
	__u64 start = now_ns();

	while (now_ns() - start < ns) {
		if (r->stop && *r->stop)
			return -EINTR;
		nanosleep(&nap, NULL);
	}
	return 0;
}

/*
 * The tool runs (each copy started while those before it run); the
 * workload does its work; each copy is stopped, in the order started.
 * The run's own outcome says what befell the run (the workload, an
 * oracle); each copy's, what befell it. 0; 1 when the run failed before
 * any copy could be judged (a copy never ready, the workload); -EINTR.
 */
static int traced(struct tc_runner *r, const struct tc_tooldesc *tool,
		  const struct tc_scenario *sc, struct copy *c, int n, const char *tag,
		  struct tc_outcome *res, struct tc_judge_ctx *jc)
{
	char why[600];
	int ret;

	for (int i = 0; i < n; i++) {
		ret = start_copy(r, tool, &c[i]);
		if (ret == -EINTR) {
			kill_copies(c, n);
			return -EINTR;
		}
		if (ret) { /* the copies started stop as they would have: nothing of theirs is lost */
			for (int j = 0; j < i; j++)
				end_copy(tool, &c[j]);
			return 1;
		}
	}
	ret = window(r, sc, &c[0].v, tag, res, jc, why, sizeof(why));
	if (ret) {
		kill_copies(c, n);
		if (ret == -EINTR)
			return -EINTR;
		set_reason(res, ret == -ETIMEDOUT ? TC_TIMEOUT : TC_ERROR, "%s", why);
		return 1;
	}
	if (tool->interval_ns && interval_wait(r, tool->interval_ns + INTERVAL_MARGIN_NS)) {
		kill_copies(c, n);
		return -EINTR;
	}
	for (int i = 0; i < n; i++)
		end_copy(tool, &c[i]);
	return 0;
}

/*
 * What the tool made that is still there after it (every copy of it) has
 * exited (a pinned program or map, a probe event, a mount), waited for a
 * while: true, with what.
 */
static bool left_behind(const struct tc_leak_snap *before, char *what, size_t size)
{
	return tc_leak_check(before, LEAK_WAIT_NS, what, size) > 0;
}

/* A leak makes the run an ERROR that names it; a run that failed already says it too. */
static void leaked(struct tc_outcome *res, int n, const char *what)
{
	char copies[40] = "it";

	if (n > 1)
		snprintf(copies, sizeof(copies), "its %d copies", n);
	if (res->verdict == TC_ERROR || res->verdict == TC_TIMEOUT) {
		size_t len = strlen(res->reason);

		snprintf(res->reason + len, sizeof(res->reason) - len, "; and %s left behind: %s",
			 n > 1 ? copies : "it", what);
		return;
	}
	set_reason(res, TC_ERROR, "%s left behind, after %s exited: %s", n > 1 ? copies : "it",
		   n > 1 ? "all" : "it", what);
}

static void fill_disk(struct tc_outcome *res, const struct tc_judge_ctx *jc)
{
	res->disk[0] = jc->win.disk.rd_ios;
	res->disk[1] = tc_diskstats_dev__read_bytes(&jc->win.disk);
	res->disk[2] = jc->win.disk.wr_ios;
	res->disk[3] = tc_diskstats_dev__write_bytes(&jc->win.disk);
}

/* Is name among the n names of list (a TOOLS or SCENARIOS line)? */
static bool named(const char *name, const char (*list)[64], int n)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return true;
	return false;
}

static bool requirements(const struct tc_tooldesc *tool, const struct tc_scenario *sc,
			 struct tc_outcome *res)
{
	char why[400];

	for (int i = 0; i < sc->nreq; i++)
		if (!tc_require_met(&sc->req[i], why, sizeof(why))) {
			set_reason(res, TC_SKIP, "scenario requires %s", why);
			return false;
		}
	if (!tc_tooldesc_usable(tool, why, sizeof(why))) {
		set_reason(res, TC_SKIP, "tool requires %s", why);
		return false;
	}
	if (tool->nscenarios && !named(sc->name, tool->scenarios, tool->nscenarios)) {
		set_reason(res, TC_SKIP, "not among the tool's SCENARIOS");
		return false;
	}
	if (sc->ntools && !named(tool->name, sc->tools, sc->ntools)) {
		set_reason(res, TC_SKIP, "not among the scenario's TOOLS");
		return false;
	}
	return true;
}

/* Severity, for the worst of the copies: PASS is least, an ERROR most. */
static int rank(enum tc_verdict v)
{
	static const int r[TC_VERDICT_NR] = {
		[TC_PASS] = 0,	  [TC_ACCOUNTED] = 1, [TC_SLOW] = 2,  [TC_LOSS] = 3,
		[TC_FAIL] = 4,	  [TC_ABORTED] = 5,   [TC_TIMEOUT] = 6, [TC_ERROR] = 7,
		[TC_SKIP] = 0,
	};

	return r[v];
}

/*
 * INSTANCES: the run's outcome is the worst copy's, the copy named and
 * every copy's verdict said; the run's own failure (the workload, an
 * oracle) comes first. The first copy's outcome is the run's.
 */
static void worst_copy(struct tc_outcome *res, const struct copy *c, int n)
{
	const struct tc_outcome *w = res;
	char all[200] = "", why[sizeof(res->reason)];
	int k = 0;

	res->instances = n;
	for (int i = 0; i < n; i++) {
		struct tc_outcome_instance *in = &res->instance[i];

		in->started = c[i].started;
		in->judged = c[i].judged;
		in->verdict = c[i].res->verdict;
		snprintf(in->reason, sizeof(in->reason), "%.299s", c[i].res->reason);
		snprintf(in->out_path, sizeof(in->out_path), "%s", c[i].res->out_path);
		snprintf(all + strlen(all), sizeof(all) - strlen(all), "%s%s", i ? ", " : "",
			 !in->started ? "not started" :
			 in->verdict == TC_PASS && !in->judged ? "stopped, not judged" :
			 tc_verdict_name(in->verdict));
		if (rank(c[i].res->verdict) > rank(w->verdict))
			w = c[i].res, k = i;
	}
	snprintf(why, sizeof(why), "%s", w->reason);
	if (w != res) {
		res->verdict = w->verdict;
		res->nchecks = w->nchecks;
		memcpy(res->checks, w->checks, sizeof(res->checks));
		snprintf(res->hooks, sizeof(res->hooks), "%s", w->hooks);
		snprintf(res->aborted_probe, sizeof(res->aborted_probe), "%s", w->aborted_probe);
		res->reported_lost = w->reported_lost;
		res->stop_signals = w->stop_signals;
		snprintf(res->out_path, sizeof(res->out_path), "%s", w->out_path);
		snprintf(res->err_path, sizeof(res->err_path), "%s", w->err_path);
	}
	if (res->verdict == TC_PASS)
		return;
	snprintf(res->reason, sizeof(res->reason), "copy %d of %d%s: %.700s (the copies: %s)", k + 1, n,
		 k ? " (started while the others before it ran)" : "", why, all);
}

/* The copies' outcomes: the first is the run's; the others alike, with files of their own. */
static int copies_init(struct tc_runner *r, const struct tc_tooldesc *tool,
		       const struct tc_scenario *sc, const char *tag, struct tc_outcome *res,
		       struct copy *c, int n)
{
	for (int i = 0; i < n; i++) {
		char base[480];

		memset(&c[i], 0, sizeof(c[i]));
		if (!i) {
			c[i].res = res;
			snprintf(base, sizeof(base), "%.270s/%s", r->workdir, tag);
		} else {
			c[i].res = malloc(sizeof(*res));
			if (!c[i].res)
				return -ENOMEM;
			memcpy(c[i].res, res, sizeof(*res));
			snprintf(base, sizeof(base), "%.260s/%s.copy%d", r->workdir, tag, i + 1);
			snprintf(c[i].res->out_path, sizeof(res->out_path), "%s.out", base);
			snprintf(c[i].res->err_path, sizeof(res->err_path), "%s.err", base);
		}
		snprintf(c[i].report, sizeof(c[i].report), "%s.report", base);
		vars_init(&c[i].v, r, tool, sc, c[i].report);
	}
	return 0;
}

static void copies_free(struct copy *c, int n)
{
	for (int i = 1; i < n; i++)
		free(c[i].res);
}

/* Judge each copy that ended well, with its own report and how it died. */
static void judge_copies(struct tc_judge_ctx *jc, const struct tc_tooldesc *tool,
			 const struct tc_scenario *sc, struct copy *c, int n)
{
	for (int i = 0; i < n; i++) {
		if (c[i].res->verdict != TC_PASS)
			continue;
		jc->vars = c[i].v.v;
		jc->nvars = c[i].v.n;
		jc->died_of = c[i].died_of;
		jc->loss_countless[0] = '\0';
		jc->report_path = tool->output == TC_OUT_FILE ? c[i].report : NULL;
		tc_judge(jc, tool, sc, c[i].res);
		c[i].judged = true;
	}
}

static int run_once(struct tc_runner *r, const struct tc_tooldesc *tool,
		    const struct tc_scenario *sc, struct tc_outcome *res)
{
	int n = sc->instances > 1 ? sc->instances : 1;
	struct copy c[TC_SCN_INSTANCES] = {};
	struct tc_judge_ctx jc = {};
	char tag[200], why[600];
	struct tc_leak_snap before;
	__u64 start = now_ns();
	bool leak = false;
	int ret = 0;

	memset(res, 0, sizeof(*res));
	tc_outcome_bind(res, tool, sc);
	snprintf(tag, sizeof(tag), "%s.%s", tool->name, sc->name);
	snprintf(res->out_path, sizeof(res->out_path), "%s/%s.out", r->workdir, tag);
	snprintf(res->err_path, sizeof(res->err_path), "%s/%s.err", r->workdir, tag);
	snprintf(res->manifest, sizeof(res->manifest), "%s/%s.manifest.json", r->workdir, tag);
	jc.manifest_path = res->manifest;
	if (!requirements(tool, sc, res) || !tc_judge_applicable(tool, sc, res))
		goto done;
	if (fixture_for(r, sc, why, sizeof(why))) {
		set_reason(res, TC_ERROR, "fixture: %s", why);
		goto done;
	}
	if (copies_init(r, tool, sc, tag, res, c, n)) {
		set_reason(res, TC_ERROR, "out of memory");
		goto done;
	}
	tool_version(r, tool, &c[0].v, res->version, sizeof(res->version));
	for (int i = 0; i < sc->nsetup; i++) {
		char manifest[600], stag[220];

		snprintf(manifest, sizeof(manifest), "%s/%s.setup%d.json", r->workdir, tag, i);
		snprintf(stag, sizeof(stag), "%s.setup%d", tag, i);
		ret = run_workload(r, &c[0].v, sc->setup[i], manifest, stag, sc->timeout_ns, why,
				   sizeof(why));
		if (ret == -EINTR)
			goto done;
		if (ret) {
			set_reason(res, TC_ERROR, "SETUP: %s", why);
			ret = 0;
			goto done;
		}
	}
	if (r->have_fix) {
		sync();
		tc_wait_idle(r->fix.dev, SETTLE_NS, IDLE_TIMEOUT_NS);
	}
	if (sc->overhead_ns) {
		ret = untraced(r, sc, &c[0].v, tag, res, why, sizeof(why));
		if (ret == -EINTR)
			goto done;
		if (ret) {
			set_reason(res, ret == -ETIMEDOUT ? TC_TIMEOUT : TC_ERROR, "untraced run: %s",
				   why);
			ret = 0;
			goto done;
		}
	}
	if (tc_leak_snap(&before)) {
		set_reason(res, TC_ERROR, "out of memory");
		goto done;
	}
	ret = traced(r, tool, sc, c, n, tag, res, &jc);
	if (ret >= 0)
		leak = left_behind(&before, why, sizeof(why));
	tc_leak_free(&before);
	if (ret < 0)
		goto done;
	/* The run failed as a whole (a copy never ready, the workload): no copy is judged. */
	if (!ret && !leak) {
		fill_disk(res, &jc);
		judge_copies(&jc, tool, sc, c, n);
	}
	if (n > 1)
		worst_copy(res, c, n);
	if (leak)
		leaked(res, n, why);
	if (!leak)
		too_slow(sc, res);
	ret = 0;
done:
	copies_free(c, n);
	tc_judge_ctx_free(&jc);
	res->seconds = (now_ns() - start) / 1e9;
	return ret;
}

/* Verdicts events no BPF program saw can make of a right tool. */
static bool blind_can_explain(enum tc_verdict v)
{
	return v == TC_FAIL || v == TC_LOSS || v == TC_ACCOUNTED;
}

static void add_reason(struct tc_outcome *res, const char *fmt, ...)
{
	size_t n = strlen(res->reason);
	va_list ap;

	if (n >= sizeof(res->reason) - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(res->reason + n, sizeof(res->reason) - n, fmt, ap);
	va_end(ap);
}

/*
 * A window its witness proves blind (block events tracefs counted that no
 * BPF program ran for, and the kernel counted no skip of) judges the
 * machine, not the tool: a verdict the blindness can make of a right tool
 * (FAIL, LOSS, ACCOUNTED) is judged again in a fresh window, BLIND_WINDOWS
 * at most. A verdict from a window with nothing unseen stands as it is;
 * one still blind after the last window stands too, with the count said.
 */
#define BLIND_WINDOWS 3

int tc_runner_run(struct tc_runner *r, const struct tc_tooldesc *tool,
		  const struct tc_scenario *sc, struct tc_outcome *res)
{
	__u64 start = now_ns(), blind_before = 0;
	int ret;

	for (int n = 1;; n++) {
		ret = run_once(r, tool, sc, res);
		res->witness.windows = n;
		res->witness.blind_before = blind_before;
		if (ret || !res->witness.blind || !blind_can_explain(res->verdict) ||
		    n == BLIND_WINDOWS || (r->stop && *r->stop))
			break;
		blind_before += res->witness.blind;
	}
	if (res->witness.blind && blind_can_explain(res->verdict))
		add_reason(res, "; blind in every one of %d windows (the last to %llu of %llu block "
			   "events: tracefs counted them, no BPF program ran): the machine's doing, "
			   "maybe not the tool's", res->witness.windows,
			   (unsigned long long)res->witness.blind,
			   (unsigned long long)res->witness.events);
	else if (res->witness.windows > 1)
		add_reason(res, "; judged in window %d: the earlier were blind to %llu block events "
			   "(tracefs counted them, no BPF program ran)", res->witness.windows,
			   (unsigned long long)blind_before);
	res->seconds = (now_ns() - start) / 1e9;
	return ret;
}
