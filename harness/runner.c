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

/* Ended as a tool should on its STOP signal: status 0, the signal, or 128 + it. */
static bool stopped_well(const struct tc_proc *p, int sig)
{
	if (WIFEXITED(p->status))
		return WEXITSTATUS(p->status) == 0 || WEXITSTATUS(p->status) == 128 + sig;
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

/* The tool runs; the workload does its work; the tool is stopped. */
static int traced(struct tc_runner *r, const struct tc_tooldesc *tool,
		  const struct tc_scenario *sc, const struct vars *v, const char *tag,
		  struct tc_outcome *res, struct tc_judge_ctx *jc)
{
	char cmd[2048], why[600], tail[400], status[64];
	struct tc_heartbeat hb = {};
	struct tc_witness wit = {};
	struct tc_window w = {};
	struct tc_proc p;
	bool killed;
	int ret;

	if (tc_fill(tool->command, v->v, v->n, cmd, sizeof(cmd)))
		return set_reason(res, TC_ERROR, "COMMAND too long"), 0;
	ret = tc_proc_start_shell(&p, cmd, res->out_path, res->err_path);
	if (ret)
		return set_reason(res, TC_ERROR, "cannot start it: %s", strerror(-ret)), 0;
	ret = tc_proc_wait_ready(&p, &tool->ready, tool->ready_timeout_ns, r->stop);
	if (ret) {
		tc_proc_kill(&p);
		tc_proc_describe(&p, status, sizeof(status));
		tc_file_gist(res->err_path, tail, sizeof(tail));
		if (ret == -EINTR)
			return -EINTR;
		if (ret == -ETIMEDOUT)
			set_reason(res, TC_TIMEOUT, "never became ready (no line matched READY in "
				   "time)%s%s", tail[0] ? ": " : "", tail);
		else {
			char *err = tc_file_read(res->err_path, NULL), hook[300];

			/* A hook this kernel lacks is the cause to name first. */
			if (tc_judge_hook_missing(err, hook, sizeof(hook)))
				set_reason(res, TC_ERROR, "%s; it %s before it was ready: %s", hook,
					   status, tail);
			else
				set_reason(res, TC_ERROR, "%s before it was ready: %s", status, tail);
			free(err);
		}
		return 0;
	}
	ret = tc_window_open(&w, sc, r->have_fix ? r->fix.dev : NULL, r->workdir, tag, jc, why,
			     sizeof(why));
	/* Not in an OVERHEAD window: its programs would be part of the cost measured. */
	if (!ret && r->have_fix && !sc->overhead_ns)
		tc_witness_open(&wit, r->fix.devpath); /* if it cannot, it says why */
	if (!ret && sc->overhead_ns)
		ret = tc_heartbeat_start(&hb, sc->overhead_ns);
	if (!ret)
		ret = run_workload(r, v, sc->workload, jc->manifest_path, tag, sc->timeout_ns, why,
				   sizeof(why));
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
				      sizeof(why));
	tc_window_release(&w);
	tc_witness_close(&wit);
	res->witness.on = wit.on;
	snprintf(res->witness.why, sizeof(res->witness.why), "%s", wit.why);
	res->witness.events = wit.events;
	res->witness.bpf = wit.bpf;
	res->witness.skipped_counted = wit.skipped_counted;
	res->witness.blind = tc_witness_blind(&wit);
	if (ret) {
		tc_proc_kill(&p);
		if (ret == -EINTR)
			return -EINTR;
		set_reason(res, ret == -ETIMEDOUT ? TC_TIMEOUT : TC_ERROR, "%s", why);
		return 0;
	}
	if (p.exited || tc_proc_wait(&p, 0, NULL) == 0) {
		tc_proc_describe(&p, status, sizeof(status));
		tc_file_gist(res->err_path, tail, sizeof(tail));
		if (!aborted(tool, res, "during the workload", status))
			set_reason(res, TC_ERROR, "it ended during the workload (%s): %s", status,
				   tail);
		return 0;
	}
	tc_proc_stop(&p, tool->stop_signal, tool->grace_ns, tool->stop_repeat_ns,
		     &res->stop_signals, &killed);
	tc_file_gist(res->err_path, tail, sizeof(tail));
	if (killed) {
		set_reason(res, TC_TIMEOUT, "did not exit within GRACE of its STOP signal (sent %d "
			   "time%s), and was killed%s%s", res->stop_signals,
			   res->stop_signals == 1 ? "" : "s", tail[0] ? ": " : "", tail);
	} else if (!stopped_well(&p, tool->stop_signal)) {
		tc_proc_describe(&p, status, sizeof(status));
		if (!aborted(tool, res, "before it was stopped", status))
			set_reason(res, TC_ERROR, "%s when it was stopped: %s", status, tail);
	} else if (WIFSIGNALED(p.status)) {
		jc->died_of = WTERMSIG(p.status); /* no handler: whatever it held is lost */
	} else if (WEXITSTATUS(p.status) == 128 + tool->stop_signal) {
		jc->died_of = tool->stop_signal; /* the same, through a shell */
	}
	return 0;
}

/*
 * The tool has exited: whatever it made that is still there (a pinned
 * program, a probe event, a mount) makes the run an ERROR that names it.
 */
static void left_behind(struct tc_outcome *res, const struct tc_leak_snap *before)
{
	char what[600];

	if (!tc_leak_check(before, LEAK_WAIT_NS, what, sizeof(what)))
		return;
	if (res->verdict == TC_ERROR || res->verdict == TC_TIMEOUT) {
		size_t len = strlen(res->reason);

		snprintf(res->reason + len, sizeof(res->reason) - len, "; and it left behind: %s",
			 what);
		return;
	}
	set_reason(res, TC_ERROR, "it left behind, after it exited: %s", what);
}

static void fill_disk(struct tc_outcome *res, const struct tc_judge_ctx *jc)
{
	res->disk[0] = jc->win.disk.rd_ios;
	res->disk[1] = tc_diskstats_dev__read_bytes(&jc->win.disk);
	res->disk[2] = jc->win.disk.wr_ios;
	res->disk[3] = tc_diskstats_dev__write_bytes(&jc->win.disk);
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
	if (sc->ntools) {
		bool listed = false;

		for (int i = 0; i < sc->ntools; i++)
			listed |= !strcmp(sc->tools[i], tool->name);
		if (!listed) {
			set_reason(res, TC_SKIP, "not among the scenario's TOOLS");
			return false;
		}
	}
	return true;
}

static int run_once(struct tc_runner *r, const struct tc_tooldesc *tool,
		    const struct tc_scenario *sc, struct tc_outcome *res)
{
	struct tc_judge_ctx jc = {};
	char tag[200], why[600], out[600];
	struct tc_leak_snap before;
	__u64 start = now_ns();
	struct vars v;
	int ret = 0;

	memset(res, 0, sizeof(*res));
	tc_outcome_bind(res, tool, sc);
	snprintf(tag, sizeof(tag), "%s.%s", tool->name, sc->name);
	snprintf(res->out_path, sizeof(res->out_path), "%s/%s.out", r->workdir, tag);
	snprintf(res->err_path, sizeof(res->err_path), "%s/%s.err", r->workdir, tag);
	snprintf(res->manifest, sizeof(res->manifest), "%s/%s.manifest.json", r->workdir, tag);
	snprintf(out, sizeof(out), "%s/%s.report", r->workdir, tag);
	jc.manifest_path = res->manifest;
	if (!requirements(tool, sc, res) || !tc_judge_applicable(tool, sc, res))
		goto done;
	if (fixture_for(r, sc, why, sizeof(why))) {
		set_reason(res, TC_ERROR, "fixture: %s", why);
		goto done;
	}
	vars_init(&v, r, tool, sc, out);
	tool_version(r, tool, &v, res->version, sizeof(res->version));
	for (int i = 0; i < sc->nsetup; i++) {
		char manifest[600], stag[220];

		snprintf(manifest, sizeof(manifest), "%s/%s.setup%d.json", r->workdir, tag, i);
		snprintf(stag, sizeof(stag), "%s.setup%d", tag, i);
		ret = run_workload(r, &v, sc->setup[i], manifest, stag, sc->timeout_ns, why,
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
		ret = untraced(r, sc, &v, tag, res, why, sizeof(why));
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
	ret = traced(r, tool, sc, &v, tag, res, &jc);
	if (!ret)
		left_behind(res, &before);
	tc_leak_free(&before);
	if (ret || res->verdict != TC_PASS)
		goto done;
	fill_disk(res, &jc);
	jc.vars = v.v;
	jc.nvars = v.n;
	jc.report_path = tool->output == TC_OUT_FILE ? out : NULL;
	tc_judge(&jc, tool, sc, res);
	too_slow(sc, res);
done:
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
