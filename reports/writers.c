// SPDX-License-Identifier: GPL-2.0
/* Run-result writers; see writers.h. */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <json-c/json.h>
#include "writers.h"

static const char *const names[TC_VERDICT_NR] = {
	[TC_PASS] = "PASS",   [TC_ACCOUNTED] = "ACCOUNTED", [TC_FAIL] = "FAIL",
	[TC_LOSS] = "LOSS",   [TC_ERROR] = "ERROR",	     [TC_TIMEOUT] = "TIMEOUT",
	[TC_SKIP] = "SKIP",
};

const char *tc_verdict_name(enum tc_verdict v)
{
	return v < TC_VERDICT_NR ? names[v] : "?";
}

bool tc_verdict_passes(enum tc_verdict v)
{
	return v == TC_PASS || v == TC_ACCOUNTED;
}

/* An expectation's line: its verdict, or that it was not judged (the run failed first). */
static void check_line(FILE *f, const struct tc_outcome *r, const struct tc_check *c)
{
	if (!c->judged) {
		fprintf(f, "    %s:%d not judged %s: the run is %s\n", c->e->file, c->e->line,
			c->e->selector, tc_verdict_name(r->verdict));
		return;
	}
	fprintf(f, "    %s:%d %s %s: %s%s%s\n", c->e->file, c->e->line, tc_verdict_name(c->verdict),
		c->e->selector, c->message, c->diagnosis[0] ? ": " : "", c->diagnosis);
}

void tc_write_line(FILE *f, const struct tc_outcome *r, int index, int total, int verbose)
{
	int w = total >= 100 ? 3 : total >= 10 ? 2 : 1;

	fprintf(f, "[%*d/%d] %-24s %-22s %-9s %5.1fs\n", w, index, total, r->tool->name,
		r->sc->name, tc_verdict_name(r->verdict), r->seconds);
	if (r->verdict != TC_PASS && r->reason[0])
		fprintf(f, "    %s\n", r->reason);
	if (r->oracle_notes[0])
		fprintf(f, "    oracles: %s\n", r->oracle_notes);
	for (int i = 0; verbose && i < r->nchecks; i++)
		if (r->checks[i].applicable)
			check_line(f, r, &r->checks[i]);
	fflush(f);
}

void tc_write_summary(FILE *f, const struct tc_outcome *r, int n)
{
	int count[TC_VERDICT_NR] = {};

	for (int i = 0; i < n; i++)
		count[r[i].verdict]++;
	fprintf(f, "%d runs:", n);
	for (int v = 0; v < TC_VERDICT_NR; v++)
		if (count[v])
			fprintf(f, " %d %s", count[v], names[v]);
	fputc('\n', f);
}

/* Judged: a verdict on what the tool did (anything but a SKIP). */
static bool judged(const struct tc_outcome *r)
{
	return r->verdict != TC_SKIP;
}

int tc_count_judged(const struct tc_outcome *r, int n)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		k += judged(&r[i]);
	return k;
}

/* Distinct tools and scenarios in the order first seen. */
static int distinct(const struct tc_outcome *r, int n, bool tools, const void **out, int max)
{
	int k = 0;

	for (int i = 0; i < n && k < max; i++) {
		const void *p = tools ? (const void *)r[i].tool : (const void *)r[i].sc;
		bool seen = false;

		for (int j = 0; j < k && !seen; j++)
			seen = out[j] == p;
		if (!seen)
			out[k++] = p;
	}
	return k;
}

static const struct tc_outcome *cell(const struct tc_outcome *r, int n, const void *tool,
				    const void *sc)
{
	for (int i = 0; i < n; i++)
		if ((const void *)r[i].tool == tool && (const void *)r[i].sc == sc)
			return &r[i];
	return NULL;
}

static int fail_errno(char *err, size_t errlen, const char *path)
{
	int e = errno;

	snprintf(err, errlen, "%s: %s", path, strerror(e));
	return -e;
}

double tc_slowdown_pct(const struct tc_overhead *o)
{
	return o->untraced_s > 0 ? 100.0 * (o->traced_s / o->untraced_s - 1) : 0;
}

/* CPU time the tracing added to the workload, per event (ns; may be < 0 in noise). */
double tc_cpu_per_event_ns(const struct tc_overhead *o)
{
	if (!o->events)
		return 0;
	return ((double)o->traced_cpu_ns - (double)o->untraced_cpu_ns) / o->events;
}

int tc_write_overhead(FILE *f, const struct tc_outcome *r, int n)
{
	int shown = 0;

	for (int i = 0; i < n; i++) {
		const struct tc_overhead *o = &r[i].overhead;

		if (!o->measured)
			continue;
		if (!shown++)
			fprintf(f, "%-26s %-16s %10s %9s %9s %9s %10s %10s %10s\n",
				"overhead: tool", "scenario", "events/s", "untraced", "traced",
				"slowdown", "cpu/event", "beat worst", "(untraced)");
		fprintf(f, "%-26s %-16s %10.0f %8.3fs %8.3fs %8.1f%% %8.0fns %8.2fms %8.2fms\n",
			r[i].tool->name, r[i].sc->name, o->rate, o->untraced_s, o->traced_s,
			tc_slowdown_pct(o), tc_cpu_per_event_ns(o), o->beat_traced_ns / 1e6,
			o->beat_untraced_ns / 1e6);
	}
	return shown;
}

/*
 * The overhead a tool adds against the workload's event rate: a data file
 * and a gnuplot script beside png, then gnuplot run on them. 0, -ENOENT
 * when nothing was measured, or -errno.
 */
int tc_write_overhead_plot(const char *png, const struct tc_outcome *r, int n, char *err,
			   size_t errlen)
{
	const void *tools[64];
	char dat[600], gp[600], cmd[1400];
	int ntools = distinct(r, n, true, tools, 64), measured = 0, status;
	FILE *f;

	for (int i = 0; i < n; i++)
		measured += r[i].overhead.measured && r[i].overhead.rate > 0;
	if (!measured) {
		snprintf(err, errlen, "no run measured an overhead (OVERHEAD) at a known event rate");
		return -ENOENT;
	}
	snprintf(dat, sizeof(dat), "%s.dat", png);
	snprintf(gp, sizeof(gp), "%s.gp", png);
	f = fopen(dat, "w");
	if (!f)
		return fail_errno(err, errlen, dat);
	/* one block per tool: events a second, slowdown in %, CPU ns added per event, heartbeat worst in ms */
	for (int t = 0; t < ntools; t++) {
		int rows = 0;

		for (int i = 0; i < n; i++) {
			const struct tc_overhead *o = &r[i].overhead;

			if ((const void *)r[i].tool != tools[t] || !o->measured || o->rate <= 0)
				continue;
			if (!rows++)
				fprintf(f, "# %s\n", r[i].tool->name);
			fprintf(f, "%.0f %.2f %.1f %.3f\n", o->rate, tc_slowdown_pct(o),
				tc_cpu_per_event_ns(o), o->beat_traced_ns / 1e6);
		}
		if (rows)
			fprintf(f, "\n\n");
	}
	fclose(f);
	f = fopen(gp, "w");
	if (!f)
		return fail_errno(err, errlen, gp);
	fprintf(f, "set terminal png size 900,600\nset output '%s'\n"
		   "set title 'What tracing costs the workload'\n"
		   "set xlabel 'events a second (the traced run)'\nset logscale x\n"
		   "set ylabel 'CPU time added per event (ns)'\nset grid\n"
		   "set key top left\nplot", png);
	for (int t = 0, b = 0; t < ntools; t++) {
		bool any = false;

		for (int i = 0; i < n && !any; i++)
			any = (const void *)r[i].tool == tools[t] && r[i].overhead.measured &&
			      r[i].overhead.rate > 0;
		if (!any)
			continue;
		fprintf(f, "%s '%s' index %d using 1:3 with linespoints title '%s'", b ? "," : "",
			dat, b, ((const struct tc_tooldesc *)tools[t])->name);
		b++;
	}
	fprintf(f, "\n");
	fclose(f);
	snprintf(cmd, sizeof(cmd), "gnuplot '%s' 2>&1", gp);
	status = system(cmd);
	if (status) {
		snprintf(err, errlen, "gnuplot %s failed (status %d)%s", gp, status,
			 status == 127 << 8 ? ": is gnuplot installed?" : "");
		return -EIO;
	}
	return 0;
}

void tc_write_matrix(FILE *f, const struct tc_outcome *r, int n)
{
	const void *tools[256], *scs[256];
	int nt = distinct(r, n, true, tools, 256);
	int ns = distinct(r, n, false, scs, 256);
	int tw = 4;

	for (int t = 0; t < nt; t++) {
		int len = strlen(((const struct tc_tooldesc *)tools[t])->name);

		if (len > tw)
			tw = len;
	}
	fprintf(f, "%-*s", tw, "tool");
	for (int s = 0; s < ns; s++) {
		char col[16];

		snprintf(col, sizeof(col), "S%d", s + 1);
		fprintf(f, " %9s", col);
	}
	fputc('\n', f);
	for (int t = 0; t < nt; t++) {
		fprintf(f, "%-*s", tw, ((const struct tc_tooldesc *)tools[t])->name);
		for (int s = 0; s < ns; s++) {
			const struct tc_outcome *c = cell(r, n, tools[t], scs[s]);

			fprintf(f, " %9s", c ? tc_verdict_name(c->verdict) : "-");
		}
		fputc('\n', f);
	}
	fputc('\n', f);
	for (int s = 0; s < ns; s++) {
		const struct tc_scenario *sc = scs[s];

		fprintf(f, "S%-3d %s: %s\n", s + 1, sc->name, sc->description);
	}
	fputc('\n', f);
	/* The cells worth a look: not a PASS, nor a SKIP of a tool the scenario is not about. */
	for (int i = 0; i < n; i++) {
		if (r[i].verdict == TC_PASS ||
		    (r[i].verdict == TC_SKIP && !strncmp(r[i].reason, "it does not report", 18)))
			continue;
		fprintf(f, "%s x %s: %s: %s\n", r[i].tool->name, r[i].sc->name,
			tc_verdict_name(r[i].verdict), r[i].reason);
	}
	fputc('\n', f);
	tc_write_coverage(f, r, n);
}

/* A tool's cells: judged and skipped. */
static void tool_cells(const struct tc_outcome *r, int n, const void *tool, int *nj, int *ns)
{
	*nj = *ns = 0;
	for (int i = 0; i < n; i++)
		if ((const void *)r[i].tool == tool)
			judged(&r[i]) ? (*nj)++ : (*ns)++;
}

void tc_write_coverage(FILE *f, const struct tc_outcome *r, int n)
{
	const void *tools[256];
	int nt = distinct(r, n, true, tools, 256), nj = tc_count_judged(r, n), none = 0;

	fprintf(f, "Coverage: %d of %d cells judged, %d SKIP; per tool (judged/cells):\n", nj, n,
		n - nj);
	for (int t = 0; t < nt; t++) {
		char cells[32];
		int tj, ts;


		tool_cells(r, n, tools[t], &tj, &ts);
		none += !tj;
		snprintf(cells, sizeof(cells), "%d/%d", tj, tj + ts);
		if (tj)
			fprintf(f, "  %-28s %s\n", ((const struct tc_tooldesc *)tools[t])->name, cells);
		else
			fprintf(f, "  %-28s %-7s judged nowhere\n",
				((const struct tc_tooldesc *)tools[t])->name, cells);
	}
	if (none)
		fprintf(f, "%d tool%s judged nowhere: %s SKIPped every scenario (see why above)\n",
			none, none == 1 ? "" : "s", none == 1 ? "it" : "they");
}

/* JSON has no NaN or Infinity: a number a tool made non-finite is null. */
static json_object *number(double v)
{
	return isfinite(v) ? json_object_new_double(v) : NULL;
}

static json_object *check_json(const struct tc_check *c)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "expect", json_object_new_string(c->e->selector));
	json_object_object_add(o, "op", json_object_new_string(c->e->op));
	json_object_object_add(o, "oracle", json_object_new_string(c->e->oracle.src));
	json_object_object_add(o, "tolerance", json_object_new_string(c->e->tolerance));
	json_object_object_add(o, "where", json_object_new_string(c->e->file));
	json_object_object_add(o, "line", json_object_new_int(c->e->line));
	json_object_object_add(o, "applicable", json_object_new_boolean(c->applicable));
	json_object_object_add(o, "judged", json_object_new_boolean(c->judged));
	if (c->applicable && c->judged) {
		json_object_object_add(o, "verdict",
				       json_object_new_string(tc_verdict_name(c->verdict)));
		json_object_object_add(o, "actual", number(c->actual));
		json_object_object_add(o, "expected", number(c->expected));
		json_object_object_add(o, "samples_matched", json_object_new_int64(c->matched));
		json_object_object_add(o, "message", json_object_new_string(c->message));
		json_object_object_add(o, "diagnosis", c->diagnosis[0] ?
				       json_object_new_string(c->diagnosis) : NULL);
	}
	return o;
}

static json_object *result_json(const struct tc_outcome *r)
{
	json_object *o = json_object_new_object(), *checks = json_object_new_array();
	json_object *disk = json_object_new_object();

	json_object_object_add(o, "tool", json_object_new_string(r->tool->name));
	json_object_object_add(o, "descriptor", json_object_new_string(r->tool->path));
	json_object_object_add(o, "scenario", json_object_new_string(r->sc->name));
	json_object_object_add(o, "scenario_file", json_object_new_string(r->sc->file));
	json_object_object_add(o, "verdict", json_object_new_string(tc_verdict_name(r->verdict)));
	json_object_object_add(o, "reason", json_object_new_string(r->reason));
	json_object_object_add(o, "oracle_notes", r->oracle_notes[0] ?
			       json_object_new_string(r->oracle_notes) : NULL);
	json_object_object_add(o, "seconds", json_object_new_double(r->seconds));
	json_object_object_add(o, "tool_version", json_object_new_string(r->version));
	json_object_object_add(o, "hooks", json_object_new_string(r->hooks));
	json_object_object_add(o, "tool_stdout", json_object_new_string(r->out_path));
	json_object_object_add(o, "tool_stderr", json_object_new_string(r->err_path));
	json_object_object_add(o, "manifest", json_object_new_string(r->manifest));
	json_object_object_add(disk, "reads", json_object_new_uint64(r->disk[0]));
	json_object_object_add(disk, "read_bytes", json_object_new_uint64(r->disk[1]));
	json_object_object_add(disk, "writes", json_object_new_uint64(r->disk[2]));
	json_object_object_add(disk, "write_bytes", json_object_new_uint64(r->disk[3]));
	json_object_object_add(o, "diskstats_delta", disk);
	json_object_object_add(o, "reported_lost", number(r->reported_lost));
	json_object_object_add(o, "stop_signals", json_object_new_int(r->stop_signals));
	if (r->overhead.measured) {
		json_object *ov = json_object_new_object();

		json_object_object_add(ov, "untraced_s", number(r->overhead.untraced_s));
		json_object_object_add(ov, "traced_s", number(r->overhead.traced_s));
		json_object_object_add(ov, "slowdown_pct", number(tc_slowdown_pct(&r->overhead)));
		json_object_object_add(ov, "events_per_second", number(r->overhead.rate));
		json_object_object_add(ov, "events", json_object_new_uint64(r->overhead.events));
		json_object_object_add(ov, "untraced_cpu_ns",
				       json_object_new_uint64(r->overhead.untraced_cpu_ns));
		json_object_object_add(ov, "traced_cpu_ns",
				       json_object_new_uint64(r->overhead.traced_cpu_ns));
		json_object_object_add(ov, "cpu_per_event_ns", number(tc_cpu_per_event_ns(&r->overhead)));
		json_object_object_add(ov, "heartbeat_worst_untraced_ns",
				       json_object_new_uint64(r->overhead.beat_untraced_ns));
		json_object_object_add(ov, "heartbeat_worst_traced_ns",
				       json_object_new_uint64(r->overhead.beat_traced_ns));
		json_object_object_add(o, "overhead", ov);
	}
	json_object_object_add(o, "known_verdict", r->has_known ?
			       json_object_new_string(tc_verdict_name(r->known)) : NULL);
	json_object_object_add(o, "known_why", r->has_known ?
			       json_object_new_string(r->known_why) : NULL);
	for (int i = 0; i < r->nchecks; i++)
		json_object_array_add(checks, check_json(&r->checks[i]));
	json_object_object_add(o, "checks", checks);
	return o;
}

/* {"judged": N, "skipped": M, "tools": {NAME: {"judged", "skipped"}}, "judged_nowhere": [...]} */
static json_object *coverage_json(const struct tc_outcome *r, int n)
{
	json_object *o = json_object_new_object(), *tools = json_object_new_object();
	json_object *nowhere = json_object_new_array();
	const void *v[256];
	int nt = distinct(r, n, true, v, 256), nj = tc_count_judged(r, n);

	json_object_object_add(o, "judged", json_object_new_int(nj));
	json_object_object_add(o, "skipped", json_object_new_int(n - nj));
	for (int t = 0; t < nt; t++) {
		const char *name = ((const struct tc_tooldesc *)v[t])->name;
		json_object *one = json_object_new_object();
		int tj, ts;

		tool_cells(r, n, v[t], &tj, &ts);
		json_object_object_add(one, "judged", json_object_new_int(tj));
		json_object_object_add(one, "skipped", json_object_new_int(ts));
		json_object_object_add(tools, name, one);
		if (!tj)
			json_object_array_add(nowhere, json_object_new_string(name));
	}
	json_object_object_add(o, "tools", tools);
	json_object_object_add(o, "judged_nowhere", nowhere);
	return o;
}

int tc_write_json(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m)
{
	json_object *o = json_object_new_object(), *arr = json_object_new_array();
	int count[TC_VERDICT_NR] = {};
	json_object *counts = json_object_new_object(), *problems = json_object_new_array();

	json_object_object_add(o, "tracecal", json_object_new_string(m->version));
	json_object_object_add(o, "kernel", json_object_new_string(m->kernel));
	json_object_object_add(o, "started", json_object_new_string(m->started));
	json_object_object_add(o, "seconds", json_object_new_double(m->seconds));
	for (int i = 0; i < n; i++) {
		json_object_array_add(arr, result_json(&r[i]));
		count[r[i].verdict]++;
	}
	for (int v = 0; v < TC_VERDICT_NR; v++)
		json_object_object_add(counts, names[v], json_object_new_int(count[v]));
	json_object_object_add(o, "counts", counts);
	json_object_object_add(o, "coverage", coverage_json(r, n));
	json_object_object_add(o, "input_errors", problems);
	for (int i = 0; i < m->nproblems; i++)
		json_object_array_add(problems, json_object_new_string(m->problems[i]));
	json_object_object_add(o, "results", arr);
	fprintf(f, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
							  JSON_C_TO_STRING_SPACED));
	json_object_put(o);
	return ferror(f) ? -1 : 0;
}

/* TAP descriptions and directives must not contain '#' or newlines. */
static void tap_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == '#' ? '_' : *s == '\n' ? ' ' : *s, f);
}

static bool as_known(const struct tc_outcome *r)
{
	return r->has_known && r->verdict == r->known;
}

void tc_write_tap(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m)
{
	int nj;

	fprintf(f, "1..%d\n", n + m->nproblems);
	for (int i = 0; i < m->nproblems; i++) {
		fprintf(f, "not ok %d - input error: ", i + 1);
		tap_text(f, m->problems[i]);
		fputc('\n', f);
	}
	for (int i = 0; i < n; i++) {
		bool ok = tc_verdict_passes(r[i].verdict) || r[i].verdict == TC_SKIP;

		fprintf(f, "%s %d - %s %s", ok ? "ok" : "not ok", m->nproblems + i + 1,
			r[i].tool->name, r[i].sc->name);
		if (r[i].verdict == TC_SKIP) {
			fputs(" # SKIP ", f);
			tap_text(f, r[i].reason);
		} else if (r[i].verdict == TC_ACCOUNTED) {
			fputs(" (ACCOUNTED: ", f);
			tap_text(f, r[i].reason);
			fputc(')', f);
		} else if (!ok) {
			fprintf(f, " (%s)", tc_verdict_name(r[i].verdict));
			if (as_known(&r[i])) {
				fputs(" # TODO known:", f);
				tap_text(f, r[i].known_why);
			}
		}
		fputc('\n', f);
		if (!ok && r[i].reason[0]) {
			fputs("#   ", f);
			tap_text(f, r[i].reason);
			fputc('\n', f);
		}
	}
	nj = tc_count_judged(r, n);
	fprintf(f, "# coverage: %d of %d judged, %d SKIP\n", nj, n, n - nj);
}

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\n': /* in an attribute, a raw newline would read as a space */
			fputs("&#10;", f);
			break;
		case '\t':
			fputs("&#9;", f);
			break;
		default:
			if ((unsigned char)*s < 0x20)
				fputc(' ', f);
			else
				fputc(*s, f);
		}
	}
}

/* JUnit's element for a result: "failure", "error", "skipped" or NULL (passed). */
static const char *junit_kind(const struct tc_outcome *r)
{
	if (r->verdict == TC_SKIP || as_known(r))
		return "skipped";
	switch (r->verdict) {
	case TC_FAIL:
	case TC_LOSS:
		return "failure";
	case TC_ERROR:
	case TC_TIMEOUT:
		return "error";
	default:
		return NULL;
	}
}

void tc_write_junit(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m)
{
	int fails = 0, errors = m->nproblems, skips = 0, nj = tc_count_judged(r, n);

	for (int i = 0; i < n; i++) {
		const char *kind = junit_kind(&r[i]);

		fails += kind && !strcmp(kind, "failure");
		errors += kind && !strcmp(kind, "error");
		skips += kind && !strcmp(kind, "skipped");
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites name=\"tracecal\" tests=\"%d\" failures=\"%d\" errors=\"%d\" "
		   "skipped=\"%d\" time=\"%.3f\">\n", n + m->nproblems, fails, errors, skips,
		m->seconds);
	fprintf(f, "  <testsuite name=\"tracecal kernel ");
	xml_text(f, m->kernel);
	fprintf(f, "\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" "
		   "timestamp=\"%s\">\n", n + m->nproblems, fails, errors, skips, m->started);
	fprintf(f, "    <properties>\n      <property name=\"judged\" value=\"%d\"/>\n"
		   "      <property name=\"skipped\" value=\"%d\"/>\n    </properties>\n",
		nj, n - nj);
	for (int i = 0; i < m->nproblems; i++) {
		fprintf(f, "    <testcase classname=\"input\" name=\"input error %d\" time=\"0\">"
			   "\n      <error type=\"input\" message=\"", i + 1);
		xml_text(f, m->problems[i]);
		fprintf(f, "\"/>\n    </testcase>\n");
	}
	for (int i = 0; i < n; i++) {
		const char *kind = junit_kind(&r[i]);

		fprintf(f, "    <testcase classname=\"");
		xml_text(f, r[i].tool->name);
		fprintf(f, "\" name=\"");
		xml_text(f, r[i].sc->name);
		fprintf(f, "\" time=\"%.3f\">", r[i].seconds);
		if (kind) {
			fprintf(f, "\n      <%s type=\"%s\" message=\"", kind,
				tc_verdict_name(r[i].verdict));
			if (as_known(&r[i])) {
				fprintf(f, "known %s:", tc_verdict_name(r[i].verdict));
				xml_text(f, r[i].known_why);
				fprintf(f, "; ");
			}
			xml_text(f, r[i].reason);
			fprintf(f, "\"/>\n    ");
		} else if (r[i].verdict == TC_ACCOUNTED) {
			/* Passed, but not clean: say so where a CI reader looks. */
			fprintf(f, "\n      <system-out>ACCOUNTED: ");
			xml_text(f, r[i].reason);
			fprintf(f, "</system-out>\n    ");
		}
		fprintf(f, "</testcase>\n");
	}
	fprintf(f, "  </testsuite>\n</testsuites>\n");
}
