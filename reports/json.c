// SPDX-License-Identifier: GPL-2.0
/* The run as JSON (results.json). */
#include <math.h>
#include <json-c/json.h>
#include "cells.h"
#include "writers.h"

/* JSON has no NaN or Infinity: a number a tool made non-finite is null. */
static json_object *number(double v)
{
	return isfinite(v) ? json_object_new_double(v) : NULL;
}

static json_object *check_json(const struct tc_check *c)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "expect", json_object_new_string(c->src.selector));
	json_object_object_add(o, "op", json_object_new_string(c->src.op));
	json_object_object_add(o, "oracle", json_object_new_string(c->src.oracle));
	json_object_object_add(o, "tolerance", json_object_new_string(c->src.tolerance));
	json_object_object_add(o, "where", json_object_new_string(c->src.file));
	json_object_object_add(o, "line", json_object_new_int(c->src.line));
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

	json_object_object_add(o, "tool", json_object_new_string(r->tool_name));
	json_object_object_add(o, "descriptor", json_object_new_string(r->tool_path));
	json_object_object_add(o, "scenario", json_object_new_string(r->scenario));
	json_object_object_add(o, "scenario_file", json_object_new_string(r->scenario_file));
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
	if (r->witness.on) {
		/* The disk window's witness (harness/witness.h), and the windows judged. */
		json_object *w = json_object_new_object();

		json_object_object_add(w, "block_events", json_object_new_uint64(r->witness.events));
		json_object_object_add(w, "bpf_ran", json_object_new_uint64(r->witness.bpf));
		json_object_object_add(w, "skipped_counted",
				       json_object_new_uint64(r->witness.skipped_counted));
		json_object_object_add(w, "blind", json_object_new_uint64(r->witness.blind));
		json_object_object_add(w, "windows", json_object_new_int(r->witness.windows));
		json_object_object_add(w, "blind_before",
				       json_object_new_uint64(r->witness.blind_before));
		json_object_object_add(o, "witness", w);
	}
	if (!r->witness.on && r->witness.why[0])
		json_object_object_add(o, "witness_off", json_object_new_string(r->witness.why));
	if (r->instances > 1) {
		/* INSTANCES: each copy's verdict, reason and output; the run's is the worst. */
		json_object *a = json_object_new_array();

		for (int i = 0; i < r->instances; i++) {
			json_object *c = json_object_new_object();

			json_object_object_add(c, "started",
					       json_object_new_boolean(r->instance[i].started));
			json_object_object_add(c, "judged",
					       json_object_new_boolean(r->instance[i].judged));
			json_object_object_add(c, "verdict", json_object_new_string(
					       tc_verdict_name(r->instance[i].verdict)));
			json_object_object_add(c, "reason",
					       json_object_new_string(r->instance[i].reason));
			json_object_object_add(c, "tool_stdout",
					       json_object_new_string(r->instance[i].out_path));
			json_object_array_add(a, c);
		}
		json_object_object_add(o, "instances", a);
	}
	json_object_object_add(o, "aborted_probe", r->verdict == TC_ABORTED ?
			       json_object_new_string(r->aborted_probe) : NULL);
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
	const struct tc_outcome *v[256];
	int nt = tc_cells_distinct(r, n, true, v, 256), nj = tc_count_judged(r, n);

	json_object_object_add(o, "judged", json_object_new_int(nj));
	json_object_object_add(o, "skipped", json_object_new_int(n - nj));
	for (int t = 0; t < nt; t++) {
		const char *name = v[t]->tool_name;
		json_object *one = json_object_new_object();
		int tj, ts;

		tc_cells_of_tool(r, n, v[t]->tool, &tj, &ts);
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
		json_object_object_add(counts, tc_verdict_name(v), json_object_new_int(count[v]));
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
