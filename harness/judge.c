// SPDX-License-Identifier: GPL-2.0
/* Verdicts and diagnoses; see judge.h. */
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "../oracles/compare.h"
#include "../oracles/oracle.h"
#include "../oracles/jsonpath.h"
#include "../common/feature.h"
#include "../common/metrics.h"
#include "engines.h"
#include "judge.h"
#include "judge_hist.h"
#include "proc.h"
#include "../readers/toolout.h"

static bool suffixed(const char *name, const char *suffix, char *base, size_t size)
{
	size_t ln = strlen(name), ls = strlen(suffix);

	if (ln <= ls || strcmp(name + ln - ls, suffix))
		return false;
	snprintf(base, size, "%.*s", (int)(ln - ls), name);
	return true;
}

/* The canonical metric an expectation is about: NAME_count is NAME's. */
static void base_metric(const struct tc_expect *e, const char *name, char *base, size_t size)
{
	const struct tc_metric *m;

	snprintf(base, size, "%s", name);
	if (e->kind == TC_EXPECT_HIST)
		return;
	if ((suffixed(name, "_count", base, size) || suffixed(name, "_sum", base, size)) &&
	    (m = tc_metric_by_name(base)) && m->type == TC_HISTOGRAM)
		return;
	snprintf(base, size, "%s", name);
}

bool tc_judge_applicable(const struct tc_tooldesc *tool, const struct tc_scenario *sc,
			 struct tc_outcome *res)
{
	char why[200], base[TC_SAMPLE_NAME], missing[400] = "";
	int napplicable = 0;

	res->nchecks = sc->nexpect;
	for (int i = 0; i < sc->nexpect; i++) {
		struct tc_check *c = &res->checks[i];
		const char *labels[TC_SEL_MATCHERS], *values[TC_SEL_MATCHERS];
		struct tc_selector sel;

		tc_check_bind(c, &sc->expect[i]);
		if (c->e->lhs_is_oracle)
			continue; /* truths held to truths: applicable where the others are */
		/* with stand-ins, to learn its metric and label names */
		if (tc_expect_selector(c->e, tc_standins, tc_nstandins, &sel, why, sizeof(why)))
			continue; /* checked at load: cannot happen */
		for (int m = 0; m < sel.nmatchers; m++) {
			labels[m] = sel.m[m].name;
			values[m] = sel.m[m].op == TC_MATCH_EQ ? sel.m[m].value : NULL;
		}
		base_metric(c->e, sel.name, base, sizeof(base));
		c->applicable = tc_tooldesc_provides(tool, base, labels, values, sel.nmatchers);
		napplicable += c->applicable;
		if (!c->applicable && !strstr(missing, base) && strlen(missing) < 300)
			snprintf(missing + strlen(missing), sizeof(missing) - strlen(missing), "%s%s",
				 missing[0] ? ", " : "", base);
	}
	for (int i = 0; napplicable && i < sc->nexpect; i++)
		if (res->checks[i].e->lhs_is_oracle)
			res->checks[i].applicable = true;
	if (napplicable)
		return true;
	res->verdict = TC_SKIP;
	snprintf(res->reason, sizeof(res->reason),
		 "it does not report what this scenario checks (%s, with those labels)", missing);
	return false;
}

void tc_judge_ctx_free(struct tc_judge_ctx *jc)
{
	tc_procstat__free(&jc->win.procstat);
	jc->win.have_procstat = false;
}

static bool near(double a, double b)
{
	return fabs(a - b) <= fmax(1, 0.02 * fabs(b));
}

/*
 * Unit errors a tracing tool makes, as factors between what it says and the
 * truth: `small` when it is f times too small (a larger unit read as the
 * canonical one), `large` when f times too large. Bytes and times.
 */
static const struct unit_error {
	double f;
	bool time; /* a factor of durations (ns, us, ms, s), else of bytes */
	const char *small, *large;
} unit_errors[] = {
	{ 1024, false, "KiB counted as bytes", "bytes taken for KiB (multiplied by 1024)" },
	{ 1000, false, "kB counted as bytes", "bytes taken for kB (multiplied by 1000)" },
	{ 4096, false, "pages counted as bytes", "bytes taken for pages (multiplied by 4096)" },
	{ 8, false, "bytes divided by 8, as if they were bits", "bits counted as bytes" },
	{ 1000.0 / 512, false, "kB taken for sectors (divided by 1000, times 512)",
	  "sectors taken for kB (divided by 512, times 1000)" },
	{ 1e3, true, "microseconds counted as nanoseconds", "nanoseconds counted as microseconds" },
	{ 1e6, true, "milliseconds counted as nanoseconds", "nanoseconds counted as milliseconds" },
	{ 1e9, true, "seconds counted as nanoseconds", "nanoseconds counted as seconds" },
};

/* A metric of time: latency histograms, their sums, anything in ns. */
static bool time_metric(const char *m)
{
	size_t len = strlen(m);

	return strstr(m, "latency") || strstr(m, "duration") ||
	       (len > 3 && !strcmp(m + len - 3, "_ns")) ||
	       (len > 7 && !strcmp(m + len - 7, "_ns_sum"));
}

static bool unit_error(const struct tc_diag_in *in, bool bytes, char *out, size_t size)
{
	bool time = time_metric(in->metric);

	if (in->expected <= 0 || in->actual <= 0 || (!bytes && !time))
		return false;
	/* What it saw, then with what it reported lost: a tool may do both. */
	for (int with_lost = 0; with_lost < 2; with_lost++) {
		double a = in->actual + (with_lost ? in->lost : 0);
		char also[80] = "";

		if (with_lost && !(in->lost > 0))
			break;
		if (with_lost)
			snprintf(also, sizeof(also), " (with the %.0f it reported lost)", in->lost);
		for (size_t i = 0; i < sizeof(unit_errors) / sizeof(unit_errors[0]); i++) {
			const struct unit_error *u = &unit_errors[i];
			double f = u->f;

			if (u->time != time)
				continue;
			if (near(a * f, in->expected)) {
				snprintf(out, size, "a unit error, %s: the numbers are %.4g times too "
					 "small%s", u->small, f, also);
				return true;
			}
			if (near(a, in->expected * f)) {
				snprintf(out, size, "a unit error, %s: the numbers are %.4g times too "
					 "large%s", u->large, f, also);
				return true;
			}
		}
	}
	return false;
}

/*
 * A tool with no handler for its stop signal dies of it with whatever it
 * had counted: silent, it proves nothing about its probes.
 */
static void died_text(int sig, char *out, size_t size)
{
	snprintf(out, size, "nothing reported: it died of SIG%s when stopped, before printing "
		 "what it had counted (no handler: an interval tool loses the interval it was in)",
		 sigabbrev_np(sig) ? sigabbrev_np(sig) : "?");
}

bool tc_diagnose(const struct tc_diag_in *in, char *out, size_t size)
{
	bool disk = !strncmp(in->metric, "disk_", 5), vfs = !strncmp(in->metric, "vfs_", 4);
	size_t len = strlen(in->metric);
	bool bytes = len > 6 && !strcmp(in->metric + len - 6, "_bytes");
	double missing = in->expected - in->actual;

	out[0] = '\0';
	/* Asynchronous or mapped I/O first: it explains a tool that saw nothing. */
	if (in->async && in->actual < in->expected / 2 &&
	    (vfs || !strcmp(in->level, "syscall") || !strcmp(in->level, "vfs"))) {
		snprintf(out, size, "%s I/O missed: the workload used %s, which no read() or "
			 "write() carries", strcmp(in->async_how, "mmap") ? "async" : "mapped",
			 in->async_how);
		return true;
	}
	if (in->expected > 0 && in->nothing && in->died_of) {
		died_text(in->died_of, out, size);
		return true;
	}
	if (in->expected > 0 && in->nothing) {
		snprintf(out, size, "probe attached but never fired: the tool reported nothing at all");
		return true;
	}
	if (bytes && in->expected >= 512 && in->actual > 0 &&
	    near(in->actual * 512, in->expected)) {
		snprintf(out, size, "sectors counted as bytes: the numbers are 512 times too small");
		return true;
	}
	if (disk && in->vfs_bytes > 0 && near(in->actual, in->vfs_bytes) &&
	    !near(in->expected, in->vfs_bytes)) {
		snprintf(out, size, "the numbers match the workload's VFS bytes: VFS counted as disk");
		return true;
	}
	if (unit_error(in, bytes, out, size))
		return true;
	if (in->expected > 0 && near(in->actual, 2 * in->expected)) {
		snprintf(out, size, "doubled counts: every one counted twice");
		return true;
	}
	/*
	 * What the workload's process lacks, others have: I/O charged to someone
	 * else. Bytes only: other processes' calls or opens that happen to add up
	 * to what is missing are no sign of it.
	 */
	if (bytes && missing > 0 && in->others >= 0.9 * missing && in->others <= 1.1 * missing) {
		snprintf(out, size, "I/O charged to another process: %.0f of it went to %s", missing,
			 in->other_owner ? in->other_owner : "others");
		return true;
	}
	if (missing > 0 && in->absent) {
		snprintf(out, size, "the workload is missing from the report, though other processes "
			 "are in it: does the tool print only its top N?");
		return true;
	}
	return false;
}

/* ---- oracles ---- */

static int oracle_value(struct tc_judge_ctx *jc, json_object *manifest,
			const struct tc_oracle_ref *o, double *v, char *name, char *why,
			size_t size)
{
	const struct tc_oracle_truth t = {
		.manifest = manifest, .win = &jc->win, .why = jc->oracle_why,
	};

	snprintf(name, 16, "%s", tc_oracle_name(o->kind));
	return tc_oracle_value(&t, o, v, why, size);
}

/* ---- the tool's side ---- */

/*
 * What the tool's loss lines add up to: its LOSS lines (each one's first
 * group, else its first number), and the engines' loss messages it printed
 * (harness/engines.c). A message that gives no count is kept in countless
 * (the first such line), when asked: the tool said it lost some.
 */
static double loss_lines(const struct tc_tooldesc *d, const char *text, char *countless,
			 size_t size)
{
	char *copy = strdup(text), *line, *save = NULL;
	double lost = 0, n;

	if (!copy)
		return 0;
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int i;

		for (i = 0; i < d->nloss; i++) {
			regmatch_t m[2];

			if (regexec(&d->loss[i], line, 2, m, 0))
				continue;
			if (d->loss[i].re_nsub >= 1 && m[1].rm_so >= 0) {
				line[m[1].rm_eo] = '\0';
				lost += tc_line_count(line + m[1].rm_so);
			} else {
				lost += tc_line_count(line);
			}
			break;
		}
		if (i < d->nloss || !tc_engine_loss(line, &n))
			continue;
		if (n >= 0)
			lost += n;
		else if (countless && !countless[0])
			snprintf(countless, size, "%s", line);
	}
	free(copy);
	return lost;
}

static double reported_lost(struct tc_judge_ctx *jc, const struct tc_tooldesc *d,
			    const struct tc_samples *s, const char *out_err)
{
	struct tc_selector sel = {};
	double lost = 0;

	for (int i = 0; tc_loss_counters[i]; i++) {
		snprintf(sel.name, sizeof(sel.name), "%s", tc_loss_counters[i]);
		lost += tc_samples__sum(s, &sel, NULL);
	}
	return lost + loss_lines(d, out_err, jc->loss_countless, sizeof(jc->loss_countless));
}

/*
 * Did the tool stop itself under overload, and say so? Its ABORT lines
 * first, then the engines' messages; probe gets the probe the line names
 * (the regex's first group), line the line itself.
 */
bool tc_judge_aborted(const struct tc_tooldesc *d, const char *text, char *probe,
		      size_t psize, char *line, size_t lsize)
{
	char *copy = text ? strdup(text) : NULL, *l, *save = NULL;
	bool found = false;

	for (l = copy ? strtok_r(copy, "\n", &save) : NULL; l && !found;
	     l = strtok_r(NULL, "\n", &save)) {
		for (int i = 0; i < d->nabort && !found; i++) {
			regmatch_t m[2];

			if (regexec(&d->abort[i], l, 2, m, 0))
				continue;
			found = true;
			probe[0] = '\0';
			if (d->abort[i].re_nsub >= 1 && m[1].rm_so >= 0)
				snprintf(probe, psize, "%.*s", (int)(m[1].rm_eo - m[1].rm_so),
					 l + m[1].rm_so);
		}
		if (!found)
			found = tc_engine_abort(l, probe, psize);
		if (found)
			snprintf(line, lsize, "%s", l);
	}
	free(copy);
	return found;
}

/*
 * libbpf's words for a hook the kernel lacks: a kprobe on a function the
 * kernel does not have (renamed, inlined, or in no built-in code), an
 * fentry program whose target is not in the kernel's BTF. Told apart from
 * a kernel without kprobes at all, which fails the same call.
 */
bool tc_judge_hook_missing(const char *text, char *out, size_t size)
{
	static const struct {
		const char *re, *what;
		bool kprobe;
	} hooks[] = {
		{ "failed to create kprobe '([A-Za-z0-9_.]+)\\+0x0' perf event: No such file",
		  "hook missing: kprobe target %s is not in this kernel (renamed, inlined or not "
		  "built)", true },
		{ "failed to create kprobe '([A-Za-z0-9_.]+)\\+0x0' perf event: Invalid argument",
		  "hook refused: the kernel will not put a kprobe on %s (Invalid argument: not a "
		  "function entry it can probe)", true },
		{ "failed to find kernel BTF type ID of '([A-Za-z0-9_.]+)'",
		  "hook missing: %s is not in this kernel's BTF (an fentry or tp_btf program "
		  "cannot attach)", false },
		{ "failed to find BTF for extern '([A-Za-z0-9_.]+)'",
		  "hook missing: %s is not in this kernel's BTF", false },
		{ "prog '([A-Za-z0-9_.]+)': failed to attach: Device or resource busy",
		  "hook refused: %s could not attach (Device or resource busy: a function the "
		  "kernel cannot trace)", false },
	};
	regmatch_t m[2];
	regex_t re;
	char why[200];
	const char *load, *done;

	if (!text)
		return false;
	/*
	 * The verifier's refusal: libbpf prints its log, whose last line before
	 * "processed N insns" says why (R1 invalid mem access 'scalar').
	 */
	if ((load = strstr(text, "': BPF program load failed: ")) &&
	    (done = strstr(load, "\nprocessed "))) {
		const char *prog = load, *last = done;

		while (prog > text && prog[-1] != '\'')
			prog--;
		while (last > load && last[-1] != '\n')
			last--;
		snprintf(out, size, "rejected by the verifier: its program %.*s does not load "
			 "here (%.*s)", (int)(load - prog), prog, (int)(done - last), last);
		return true;
	}
	for (size_t i = 0; i < sizeof(hooks) / sizeof(hooks[0]); i++) {
		char name[128];
		int found;

		if (regcomp(&re, hooks[i].re, REG_EXTENDED))
			continue;
		found = !regexec(&re, text, 2, m, 0);
		regfree(&re);
		if (!found)
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(m[1].rm_eo - m[1].rm_so),
			 text + m[1].rm_so);
		if (hooks[i].kprobe && !tc_feat_kprobe(NULL, why, sizeof(why))) {
			snprintf(out, size, "kprobes are not available here: %s (the tool "
				 "wanted one on %s)", why, name);
			return true;
		}
		snprintf(out, size, hooks[i].what, name);
		return true;
	}
	return false;
}

/* Lines of the tool's output saying a probe did not attach; "" if none. */
static void attach_warnings(const struct tc_tooldesc *d, const char *text, char *out,
			    size_t size)
{
	char *copy = strdup(text), *line, *save = NULL;
	int n = 0;

	out[0] = '\0';
	if (!copy)
		return;
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		bool hit = tc_engine_attach_warning(line);

		for (int i = 0; i < d->nwarn && !hit; i++)
			hit = !regexec(&d->warn[i], line, 0, NULL, 0);
		if (!hit)
			continue;
		if (n++ < 3 && strlen(out) + strlen(line) + 4 < size)
			snprintf(out + strlen(out), size - strlen(out), "%s%s", out[0] ? "; " : "",
				 line);
	}
	if (n > 3)
		snprintf(out + strlen(out), size - strlen(out), " (and %d more)", n - 3);
	free(copy);
}

static bool provides_anything(const struct tc_tooldesc *d, const struct tc_samples *s)
{
	for (size_t i = 0; i < s->n; i++)
		for (int p = 0; p < d->nprovides; p++) {
			char base[TC_SAMPLE_NAME];

			if (!strcmp(s->v[i].name, d->provides[p].metric))
				return true;
			if (suffixed(s->v[i].name, "_bucket", base, sizeof(base)) &&
			    !strcmp(base, d->provides[p].metric))
				return true;
		}
	return false;
}

/* The same selector without pid and comm: all processes. */
/*
 * What other processes got that may be the workload's: the sum over the
 * samples the selector would match but for its pid and comm, of those no
 * larger than what the workload lacks (a busy process with more than that
 * cannot hold only the workload's share). -1 if the selector names no pid
 * or comm. *owner: the largest of them.
 */
static double others_total(const struct tc_samples *s, const struct tc_selector *sel,
			   double missing, const char **owner, char *owner_buf, size_t size)
{
	struct tc_selector all = *sel;
	double best = -1, sum = 0;
	int w = 0;

	for (int i = 0; i < sel->nmatchers; i++)
		if (strcmp(sel->m[i].name, "pid") && strcmp(sel->m[i].name, "comm"))
			all.m[w++] = sel->m[i];
	if (w == sel->nmatchers)
		return -1;
	all.nmatchers = w;
	*owner = NULL;
	for (size_t i = 0; i < s->n; i++) {
		const struct tc_sample *x = &s->v[i];
		const char *comm;

		if (!tc_selector_match(&all, x) || tc_selector_match(sel, x) || x->value <= 0 ||
		    x->value > missing * 1.02 + 1)
			continue;
		sum += x->value;
		comm = tc_sample__label(x, "comm");
		if (comm && x->value > best) {
			best = x->value;
			snprintf(owner_buf, size, "%s", comm);
			*owner = owner_buf;
		}
	}
	return sum;
}

/* Whether the tool reported the metric for anyone at all (the selector's pid and comm aside). */
static bool others_reported(const struct tc_samples *s, const struct tc_selector *sel)
{
	struct tc_selector all = *sel;
	int w = 0;

	for (int i = 0; i < sel->nmatchers; i++)
		if (strcmp(sel->m[i].name, "pid") && strcmp(sel->m[i].name, "comm"))
			all.m[w++] = sel->m[i];
	if (w == sel->nmatchers)
		return false;
	all.nmatchers = w;
	for (size_t i = 0; i < s->n; i++)
		if (tc_selector_match(&all, &s->v[i]) && !tc_selector_match(sel, &s->v[i]))
			return true;
	return false;
}

/* An fio job's engine that no read() or write() carries: libaio, io_uring. */
static const char *async_engine(json_object *opts)
{
	json_object *e;
	const char *name;

	if (!json_object_object_get_ex(opts, "ioengine", &e))
		return NULL;
	name = json_object_get_string(e);
	return name && (!strcmp(name, "libaio") || !strcmp(name, "io_uring")) ? name : NULL;
}

static bool manifest_async(json_object *m, const char **how)
{
	static const char *const kinds[] = { "uring_read", "uring_write", "mmap_read" };
	json_object *ops, *op, *count, *fio, *jobs, *v;

	/* A real fio job: its engine, from its options or fio's own report. */
	if (m && json_object_object_get_ex(m, "params", &v) && (*how = async_engine(v)))
		return true;
	if (m && json_object_object_get_ex(m, "fio", &fio)) {
		if (json_object_object_get_ex(fio, "global options", &v) && (*how = async_engine(v)))
			return true;
		if (json_object_object_get_ex(fio, "jobs", &jobs))
			for (size_t i = 0; i < json_object_array_length(jobs); i++)
				if (json_object_object_get_ex(json_object_array_get_idx(jobs, i),
							      "job options", &v) &&
				    (*how = async_engine(v)))
					return true;
	}
	if (!m || !json_object_object_get_ex(m, "ops", &ops))
		return false;
	for (int i = 0; i < 3; i++)
		if (json_object_object_get_ex(ops, kinds[i], &op) &&
		    json_object_object_get_ex(op, "count", &count) &&
		    json_object_get_int64(count) > 0) {
			*how = i < 2 ? "io_uring" : "mmap";
			return true;
		}
	return false;
}

static double manifest_vfs_bytes(json_object *m, const char *metric)
{
	const char *path = strstr(metric, "read") ? "io.read_bytes" :
			   strstr(metric, "write") ? "io.write_bytes" : NULL;
	char why[100];
	double v;

	if (!m || !path || strstr(metric, "_ios") || tc_jsonpath_double(m, path, &v, why,
									  sizeof(why)))
		return -1;
	return v;
}

/* "A vs B (...)" from tc_compare, told whose numbers they are. */
static void say(struct tc_check *c, const char *cmp, const char *oracle)
{
	const char *vs = strstr(cmp, " vs ");

	if (vs)
		snprintf(c->message, sizeof(c->message), "tool %.*s vs %s %s", (int)(vs - cmp), cmp,
			 oracle, vs + 4);
	else
		snprintf(c->message, sizeof(c->message), "tool %s (%s)", cmp, oracle);
}

/* ---- one expectation ---- */

/*
 * What the tool says it lost of this check's metric, and from where (src).
 * A loss in the metric's own unit and labels (METRIC_missed_total: the
 * bytes of completions disktop never saw) is taken under the check's
 * selector; otherwise only the loss counters or LOSS lines the descriptor
 * ties to the metric (LOSSES). A loss of some other map or probe of the
 * tool says nothing about this number.
 */
static double metric_lost(struct tc_judge_ctx *jc, const struct tc_tooldesc *tool,
			  const struct tc_samples *s, const struct tc_selector *sel,
			  const char *text, char *src, size_t size)
{
	struct tc_selector m = *sel;
	double lost = 0;

	src[0] = '\0';
	if (snprintf(m.name, sizeof(m.name), "%s_missed_total", sel->name) < (int)sizeof(m.name))
		for (size_t i = 0; i < s->n; i++)
			if (!strcmp(s->v[i].name, m.name)) {
				snprintf(src, size, "%s", m.name);
				return tc_samples__sum(s, &m, NULL);
			}
	for (int i = 0; i < tool->nfeeds; i++) {
		const struct tc_loss_feed *f = &tool->feeds[i];
		char filled[300], why[200];
		struct tc_selector ls;

		char count[TC_SAMPLE_NAME];

		/* A histogram's losses are of its count: disk_latency_ns_count. */
		snprintf(count, sizeof(count), "%.80s_count", f->metric);
		if (strcmp(f->metric, sel->name) && strcmp(count, sel->name))
			continue;
		if (!f->source[0])
			lost += loss_lines(tool, text, NULL, 0);
		else if (!tc_fill(f->source, jc->vars, jc->nvars, filled, sizeof(filled)) &&
			 !tc_selector_parse(filled, &ls, why, sizeof(why)))
			lost += tc_samples__sum(s, &ls, NULL);
		snprintf(src + strlen(src), size - strlen(src), "%s%s", src[0] ? ", " : "",
			 f->source[0] ? f->source : "its LOSS lines");
	}
	return lost;
}

/*
 * Fewer than happened, and the losses the tool reported for this metric make
 * up the rest. That is a pass only while the tool still saw something and
 * lost no more than the scenario allows: a probe that never fires, with
 * everything "reported lost", must not pass.
 */
static void judge_accounted(struct tc_check *c, double lost, const char *src, double allowed)
{
	double share = c->expected > 0 ? 100 * lost / c->expected : 100;

	if (c->actual <= 0) {
		c->verdict = TC_FAIL;
		snprintf(c->diagnosis, sizeof(c->diagnosis),
			 "nothing seen: all %.0f reported lost (%s): a probe that never fires, or "
			 "one that loses everything", lost, src);
	} else if (share > allowed) {
		c->verdict = TC_FAIL;
		snprintf(c->diagnosis, sizeof(c->diagnosis),
			 "%.0f seen + %.0f reported lost (%s) = %.0f, but %.2f%% lost is more than "
			 "the %g%% allowed (LOSS_ALLOWED): too little seen to judge", c->actual, lost,
			 src, c->expected, share, allowed);
	} else {
		c->verdict = TC_ACCOUNTED;
		snprintf(c->diagnosis, sizeof(c->diagnosis),
			 "accounted for: %.0f seen + %.0f reported lost (%s) = %.0f (%.2f%% lost, "
			 "%g%% allowed)", c->actual, lost, src, c->expected, share, allowed);
	}
}

/* The tolerance of a check: its own (==, compiled at load), or the oracle as a bound (>=, <=). */
static void check_tol(const struct tc_check *c, struct tc_tol *tol)
{
	*tol = c->e->tol;
	if (strcmp(c->e->op, "==")) {
		tol->kind = !strcmp(c->e->op, ">=") ? TC_TOL_GE : TC_TOL_LE;
		tol->num = (__u64)llround(c->expected);
		tol->scale = 0;
	}
}

static void check_value(struct tc_judge_ctx *jc, const struct tc_tooldesc *tool,
			const struct tc_scenario *sc, struct tc_check *c, const struct tc_samples *s,
			const struct tc_selector *sel, json_object *manifest, const char *text,
			double unattributed, bool nothing)
{
	char cmp[400], why[300], owner[TC_SAMPLE_LVALUE], src[300];
	struct tc_diag_in d = {};
	struct tc_tol tol;
	double lost;
	bool pass;

	c->actual = tc_samples__sum(s, sel, &c->matched);
	lost = metric_lost(jc, tool, s, sel, text, src, sizeof(src));
	if (oracle_value(jc, manifest, &c->e->oracle, &c->expected, c->oracle, why, sizeof(why))) {
		c->verdict = TC_ERROR;
		snprintf(c->message, sizeof(c->message), "the oracle: %s", why);
		return;
	}
	check_tol(c, &tol);
	pass = tc_compare(c->actual, c->expected, &tol, cmp, sizeof(cmp));
	say(c, cmp, c->oracle);
	if (pass) {
		c->verdict = TC_PASS;
		return;
	}
	/* Fewer than happened: reported losses may account for the rest. */
	if (c->actual < c->expected && lost > 0 &&
	    tc_compare(c->actual + lost, c->expected, &tol, cmp, sizeof(cmp))) {
		judge_accounted(c, lost, src, sc->loss_allowed);
		return;
	}
	d.metric = sel->name;
	d.actual = c->actual;
	d.expected = c->expected;
	d.vfs_bytes = manifest_vfs_bytes(manifest, sel->name);
	d.async = manifest_async(manifest, &d.async_how);
	d.others = others_total(s, sel, c->expected - c->actual, &d.other_owner, owner,
				sizeof(owner));
	d.absent = !c->matched && others_reported(s, sel);
	d.nothing = nothing;
	d.died_of = jc->died_of;
	d.lost = lost;
	d.level = tool->level;
	if (tc_diagnose(&d, c->diagnosis, sizeof(c->diagnosis))) {
		c->verdict = TC_FAIL;
	} else if (c->actual < c->expected && lost <= 0 && unattributed > 0) {
		c->verdict = TC_FAIL;
		snprintf(c->diagnosis, sizeof(c->diagnosis),
			 "%.0f missing; the %.0f the tool reported lost are of other maps or probes "
			 "(no LOSSES line ties them to %s)", c->expected - c->actual, unattributed,
			 sel->name);
	} else if (c->actual < c->expected && lost <= 0 && jc->loss_countless[0]) {
		c->verdict = TC_FAIL;
		snprintf(c->diagnosis, sizeof(c->diagnosis),
			 "%.0f missing; the tool said it lost some but not how many (\"%.150s\")",
			 c->expected - c->actual, jc->loss_countless);
	} else if (c->actual < c->expected && lost <= 0) {
		c->verdict = TC_LOSS;
		snprintf(c->diagnosis, sizeof(c->diagnosis),
			 "%.0f missing and none reported lost", c->expected - c->actual);
	} else {
		c->verdict = TC_FAIL;
		if (lost > 0)
			snprintf(c->diagnosis, sizeof(c->diagnosis),
				 "%.0f reported lost does not account for the difference", lost);
	}
}

/* One truth held to another (fio's bytes to the disk's): no tool's number in it. */
static void check_oracles(struct tc_judge_ctx *jc, struct tc_check *c, json_object *manifest)
{
	char lname[16], why[300], cmp[400];
	const char *vs;
	struct tc_tol tol;

	if (oracle_value(jc, manifest, &c->e->lhs, &c->actual, lname, why, sizeof(why)) ||
	    oracle_value(jc, manifest, &c->e->oracle, &c->expected, c->oracle, why, sizeof(why))) {
		c->verdict = TC_ERROR;
		snprintf(c->message, sizeof(c->message), "the oracle: %s", why);
		return;
	}
	check_tol(c, &tol);
	c->verdict = tc_compare(c->actual, c->expected, &tol, cmp, sizeof(cmp)) ? TC_PASS : TC_FAIL;
	vs = strstr(cmp, " vs ");
	if (vs)
		snprintf(c->message, sizeof(c->message), "%s %.*s vs %s %s", lname, (int)(vs - cmp),
			 cmp, c->oracle, vs + 4);
	else
		snprintf(c->message, sizeof(c->message), "%s %s (%s)", lname, cmp, c->oracle);
	if (c->verdict == TC_FAIL)
		snprintf(c->diagnosis, sizeof(c->diagnosis), "the oracles disagree (%s and %s): "
			 "no number of the tool's is in this line", lname, c->oracle);
}

/* The hooks a tracecal tool chose, from its tracecal_probe_info samples. */
static void hooks_of(const struct tc_samples *s, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < s->n; i++) {
		const char *p = tc_sample__label(&s->v[i], "probe");
		const char *h = tc_sample__label(&s->v[i], "hook");
		const char *t = tc_sample__label(&s->v[i], "target");

		if (strcmp(s->v[i].name, "tracecal_probe_info") || !p || !h || !t)
			continue;
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s=%s %s", buf[0] ? "; " : "", p,
			 h, t);
	}
}

/* The run's verdict before any number is looked at: no check was judged. */
static void set(struct tc_outcome *res, enum tc_verdict v, const char *fmt, const char *a)
{
	res->verdict = v;
	snprintf(res->reason, sizeof(res->reason), fmt, a);
	for (int i = 0; i < res->nchecks; i++) {
		if (!res->checks[i].applicable)
			continue;
		res->checks[i].verdict = v;
		res->checks[i].judged = false;
		snprintf(res->checks[i].message, sizeof(res->checks[i].message),
			 "not judged: the run's verdict is %s", tc_verdict_name(v));
	}
}

void tc_judge(struct tc_judge_ctx *jc, const struct tc_tooldesc *tool,
	      const struct tc_scenario *sc, struct tc_outcome *res)
{
	char *text = tc_toolout_text(tool, res->out_path, res->err_path, jc->report_path);
	char *out = tc_file_read(res->out_path, NULL), *err = tc_file_read(res->err_path, NULL);
	char why[600], warn[600], all_text[1];
	struct tc_samples s = {};
	json_object *manifest = NULL;
	bool nothing;
	size_t alen;
	char *both;

	(void)all_text;
	alen = (out ? strlen(out) : 0) + (err ? strlen(err) : 0) + 2;
	both = malloc(alen);
	if (both)
		snprintf(both, alen, "%s\n%s", out ? out : "", err ? err : "");
	attach_warnings(tool, both ? both : "", warn, sizeof(warn));
	if (warn[0]) {
		if (tc_judge_hook_missing(both, why, sizeof(why)))
			snprintf(warn + strlen(warn), sizeof(warn) - strlen(warn), " [%.300s]", why);
		else if (strstr(warn, "kprobe") && !tc_feat_kprobe(NULL, why, sizeof(why)))
			snprintf(warn + strlen(warn), sizeof(warn) - strlen(warn), " [%.200s]", why);
		set(res, TC_ERROR, "partial attach: %s", warn);
		goto out;
	}
	if (!text) {
		set(res, TC_ERROR, "its report is missing (%s)",
		    tool->output == TC_OUT_FILE ? "no {OUT} file" : "no output");
		goto out;
	}
	if (tc_toolout_parse(tool, text, jc->vars, jc->nvars, &s, why, sizeof(why))) {
		set(res, TC_ERROR, "cannot read its report: %s", why);
		goto out;
	}
	hooks_of(&s, res->hooks, sizeof(res->hooks));
	res->reported_lost = reported_lost(jc, tool, &s, both ? both : "");
	if (tc_json_read(jc->manifest_path, &manifest, why, sizeof(why)))
		manifest = NULL;
	nothing = !provides_anything(tool, &s);
	for (int i = 0; i < res->nchecks; i++) {
		struct tc_check *c = &res->checks[i];
		struct tc_selector sel;

		if (!c->applicable)
			continue;
		if (c->e->lhs_is_oracle) {
			c->judged = true;
			check_oracles(jc, c, manifest);
			continue;
		}
		if (tc_expect_selector(c->e, jc->vars, jc->nvars, &sel, why, sizeof(why))) {
			c->verdict = TC_ERROR;
			snprintf(c->message, sizeof(c->message), "selector: %.480s", why);
			continue;
		}
		c->judged = true;
		if (c->e->kind == TC_EXPECT_HIST) {
			tc_judge_hist(c, &s, &sel, manifest);
			if (nothing && jc->died_of && c->verdict == TC_FAIL)
				died_text(jc->died_of, c->diagnosis, sizeof(c->diagnosis));
		} else
			check_value(jc, tool, sc, c, &s, &sel, manifest, both ? both : "",
				    res->reported_lost, nothing);
	}
	/* The run's verdict: the worst of its checks. */
	for (int i = 0; i < res->nchecks; i++) {
		static const int rank[TC_VERDICT_NR] = {
			[TC_PASS] = 0, [TC_ACCOUNTED] = 1, [TC_LOSS] = 2, [TC_FAIL] = 3,
			[TC_TIMEOUT] = 4, [TC_ERROR] = 5, [TC_SKIP] = 0,
		};
		const struct tc_check *c = &res->checks[i];

		if (!c->applicable || rank[c->verdict] <= rank[res->verdict])
			continue;
		res->verdict = c->verdict;
		snprintf(res->reason, sizeof(res->reason), "%s %s: %s%s%s", c->e->selector,
			 tc_verdict_name(c->verdict), c->message, c->diagnosis[0] ? ": " : "",
			 c->diagnosis);
	}
out:
	if (manifest)
		json_object_put(manifest);
	tc_samples__free(&s);
	free(text);
	free(out);
	free(err);
	free(both);
}

void tc_outcome_bind(struct tc_outcome *r, const struct tc_tooldesc *tool,
		     const struct tc_scenario *sc)
{
	r->tool = tool;
	r->sc = sc;
	r->tool_name = tool->name;
	r->tool_path = tool->path;
	r->scenario = sc->name;
	r->scenario_file = sc->file;
	r->scenario_description = sc->description;
}

void tc_check_bind(struct tc_check *c, const struct tc_expect *e)
{
	c->e = e;
	c->src = (struct tc_check_src){ .file = e->file, .line = e->line, .selector = e->selector,
					.op = e->op, .oracle = e->oracle.src,
					.tolerance = e->tolerance };
}
