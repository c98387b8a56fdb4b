// SPDX-License-Identifier: GPL-2.0
/*
 * What a session says about itself around a tool's result: which hooks it
 * used, how long it ran, and every drop and loss the BPF side counted, in
 * JSON, in Prometheus text and, for a person, on stderr.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <json-c/json.h>
#include "hooks.h"
#include "../common/metrics.h"
#include "output.h"
#include "report.h"

static const char *kernel_release(void)
{
	static struct utsname u;

	if (!u.release[0] && uname(&u))
		return "unknown";
	return u.release;
}

static json_object *probes_json(struct tc_session *s)
{
	json_object *arr = json_object_new_array();

	for (int i = 0; i < s->nprobes; i++) {
		const struct tc_choice *ch = &s->choice[i];
		const struct tc_candidate *c = tc_hooks_chosen(s, i);
		json_object *o = json_object_new_object(), *targets = json_object_new_array();

		json_object_object_add(o, "probe", json_object_new_string(ch->probe->name));
		json_object_object_add(o, "hook",
				       c ? json_object_new_string(tc_hook_kind_name(c->kind)) : NULL);
		for (int a = 0; c && a < TC_MAX_ATTACH && c->at[a].prog; a++)
			json_object_array_add(targets, json_object_new_string(
				tc_hooks_target(s, &c->at[a])));
		json_object_object_add(o, "targets", targets);
		json_object_object_add(o, "links", json_object_new_int(ch->nlinks));
		json_object_object_add(o, "fallback_reason",
				       ch->why[0] ? json_object_new_string(ch->why) : NULL);
		json_object_array_add(arr, o);
	}
	return arr;
}

static json_object *misses_json(struct tc_session *s)
{
	json_object *arr = json_object_new_array();

	for (int i = 0; i < s->nprobes; i++) {
		const struct tc_candidate *c = tc_hooks_chosen(s, i);

		for (int a = 0; c && a < TC_MAX_ATTACH && c->at[a].prog; a++) {
			json_object *m = json_object_new_object();

			json_object_object_add(m, "probe",
					       json_object_new_string(s->choice[i].probe->name));
			json_object_object_add(m, "program", json_object_new_string(c->at[a].prog));
			json_object_object_add(m, "misses", json_object_new_uint64(
				tc_hooks_prog_misses(s, c->at[a].prog)));
			json_object_array_add(arr, m);
		}
	}
	return arr;
}

/* A bounded map's size as loaded (a tool may shrink one it does not use). */
static __u64 map_size(struct tc_session *s, const char *name)
{
	struct bpf_map *map = tc_session__map(s, name);

	return map ? bpf_map__max_entries(map) : s->env.max_entries;
}

static json_object *faults_json(struct tc_session *s)
{
	json_object *arr = json_object_new_array();
	char addr[32];

	for (int i = 0; i < s->nprobes && i < TC_FAULT_PROBES; i++) {
		json_object *f = json_object_new_object();
		__u64 at, n = tc_session__faults(s, i, &at);

		snprintf(addr, sizeof(addr), "0x%llx", (unsigned long long)at);
		json_object_object_add(f, "probe", json_object_new_string(s->tool->probes[i].name));
		json_object_object_add(f, "count", json_object_new_uint64(n));
		json_object_object_add(f, "last_address", n ? json_object_new_string(addr) : NULL);
		json_object_array_add(arr, f);
	}
	return arr;
}

static json_object *losses_json(struct tc_session *s)
{
	json_object *o = json_object_new_object(), *maps = json_object_new_array();

	for (int i = 0; i < TC_MAX_MAPS && s->tool->maps[i]; i++) {
		json_object *m = json_object_new_object();

		json_object_object_add(m, "map", json_object_new_string(s->tool->maps[i]));
		json_object_object_add(m, "max_entries", json_object_new_uint64(
			map_size(s, s->tool->maps[i])));
		json_object_object_add(m, "entries", json_object_new_uint64(tc_session__map_entries(
			s, tc_session__map(s, s->tool->maps[i]))));
		json_object_object_add(m, "dropped", json_object_new_uint64(
			tc_session__stat(s, TC_STAT_MAP_DROP + i, NULL)));
		json_object_array_add(maps, m);
	}
	json_object_object_add(o, "maps", maps);
	if (s->tool->ringbuf) {
		__u64 *percpu = calloc(s->ncpus, sizeof(*percpu));
		json_object *arr = json_object_new_array();
		__u64 lost = tc_session__stat(s, TC_STAT_RB_LOST, percpu);

		for (int c = 0; percpu && c < s->ncpus; c++)
			json_object_array_add(arr, json_object_new_uint64(percpu[c]));
		free(percpu);
		json_object_object_add(o, "events_lost", json_object_new_uint64(lost));
		json_object_object_add(o, "events_lost_per_cpu", arr);
		json_object_object_add(o, "buffer_size", json_object_new_uint64(s->env.buffer_size));
	}
	json_object_object_add(o, "unmatched", json_object_new_uint64(
		tc_session__stat(s, TC_STAT_UNMATCHED, NULL)));
	json_object_object_add(o, "completions_missed", json_object_new_uint64(
		tc_session__stat(s, TC_STAT_MISSED_DONE, NULL)));
	json_object_object_add(o, "probe_misses", misses_json(s));
	json_object_object_add(o, "read_faults", faults_json(s));
	return o;
}

void tc_report_json(struct tc_session *s, const struct tc_result *r, const char *type)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "type", json_object_new_string(type));
	json_object_object_add(o, "tool", json_object_new_string(s->tool->name));
	json_object_object_add(o, "version", json_object_new_string(tc_version()));
	json_object_object_add(o, "kernel", json_object_new_string(kernel_release()));
	json_object_object_add(o, "elapsed_ns", json_object_new_uint64(tc_now_ns() - s->start_ns));
	json_object_object_add(o, "probes", probes_json(s));
	tc_result_json(o, r);
	if (s->tool->ringbuf)
		json_object_object_add(o, "events", json_object_new_uint64(s->events));
	json_object_object_add(o, "losses", losses_json(s));
	json_object_object_add(o, "stopped", s->stopped[0] ? json_object_new_string(s->stopped) : NULL);
	fprintf(s->out, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
}

void tc_report_prom(struct tc_session *s, const struct tc_result *r)
{
	const char *keys[3] = { "probe", "hook", "target" }, *vals[3];
	char cpu[16];

	fprintf(s->out, "# tracecal %s trace %s, kernel %s, %.3f s\n", tc_version(), s->tool->name,
		kernel_release(), (tc_now_ns() - s->start_ns) / 1e9);
	if (s->stopped[0])
		fprintf(s->out, "# stopped early: %s\n", s->stopped);
	tc_result_prom(s->out, r);
	if (s->tool->ringbuf) {
		__u64 *percpu = calloc(s->ncpus, sizeof(*percpu));

		tc_prom_header(s->out, TC_M_EVENTS_LOST);
		tc_session__stat(s, TC_STAT_RB_LOST, percpu);
		for (int c = 0; percpu && c < s->ncpus; c++) {
			const char *k = "cpu", *v = cpu;

			snprintf(cpu, sizeof(cpu), "%d", c);
			tc_prom_sample(s->out, tc_metrics[TC_M_EVENTS_LOST].name, NULL, &k, &v, 1, NULL,
				       percpu[c]);
		}
		free(percpu);
	}
	if (s->tool->maps[0])
		tc_prom_header(s->out, TC_M_MAP_DROPPED);
	for (int i = 0; i < TC_MAX_MAPS && s->tool->maps[i]; i++) {
		const char *k = "map", *v = s->tool->maps[i];

		tc_prom_sample(s->out, tc_metrics[TC_M_MAP_DROPPED].name, NULL, &k, &v, 1, NULL,
			       tc_session__stat(s, TC_STAT_MAP_DROP + i, NULL));
	}
	tc_prom_header(s->out, TC_M_UNMATCHED);
	tc_prom_sample(s->out, tc_metrics[TC_M_UNMATCHED].name, NULL, NULL, NULL, 0, NULL,
		       tc_session__stat(s, TC_STAT_UNMATCHED, NULL));
	tc_prom_header(s->out, TC_M_MISSED_DONE);
	tc_prom_sample(s->out, tc_metrics[TC_M_MISSED_DONE].name, NULL, NULL, NULL, 0, NULL,
		       tc_session__stat(s, TC_STAT_MISSED_DONE, NULL));
	tc_prom_header(s->out, TC_M_PROBE_MISSES);
	for (int i = 0; i < s->nprobes; i++) {
		const struct tc_candidate *c = tc_hooks_chosen(s, i);
		const char *k[2] = { "probe", "program" }, *v[2];

		for (int a = 0; c && a < TC_MAX_ATTACH && c->at[a].prog; a++) {
			v[0] = s->choice[i].probe->name;
			v[1] = c->at[a].prog;
			tc_prom_sample(s->out, tc_metrics[TC_M_PROBE_MISSES].name, NULL, k, v, 2, NULL,
				       tc_hooks_prog_misses(s, c->at[a].prog));
		}
	}
	tc_prom_header(s->out, TC_M_READ_FAULTS);
	for (int i = 0; i < s->nprobes && i < TC_FAULT_PROBES; i++) {
		const char *k = "probe", *v = s->tool->probes[i].name;
		__u64 at;

		tc_prom_sample(s->out, tc_metrics[TC_M_READ_FAULTS].name, NULL, &k, &v, 1, NULL,
			       tc_session__faults(s, i, &at));
	}
	tc_prom_header(s->out, TC_M_PROBE_INFO);
	for (int i = 0; i < s->nprobes; i++) {
		const struct tc_candidate *c = tc_hooks_chosen(s, i);

		if (!c)
			continue;
		vals[0] = s->choice[i].probe->name;
		vals[1] = tc_hook_kind_name(c->kind);
		vals[2] = tc_hooks_target(s, &c->at[0]);
		tc_prom_sample(s->out, tc_metrics[TC_M_PROBE_INFO].name, NULL, keys, vals, 3, NULL, 1);
	}
	fprintf(s->out, "# EOF\n");
}

void tc_report_losses(struct tc_session *s, FILE *f)
{
	char a[32], b[32], d[32];
	__u64 n;

	for (int i = 0; i < TC_MAX_MAPS && s->tool->maps[i]; i++) {
		n = tc_session__stat(s, TC_STAT_MAP_DROP + i, NULL);
		if (n)
			fprintf(f, "%s: map '%s' full (%s entries): %s updates dropped; raise "
				"--max-entries\n", s->argv0, s->tool->maps[i],
				tc_fmt_grouped(a, sizeof(a), s->env.max_entries),
				tc_fmt_grouped(b, sizeof(b), n));
	}
	if (s->tool->ringbuf) {
		__u64 *percpu = calloc(s->ncpus, sizeof(*percpu));

		n = tc_session__stat(s, TC_STAT_RB_LOST, percpu);
		if (n) {
			fprintf(f, "%s: lost %s events: the consumer was too slow; raise "
				"--buffer-size (now %s bytes). Per CPU:", s->argv0,
				tc_fmt_grouped(a, sizeof(a), n),
				tc_fmt_grouped(b, sizeof(b), s->env.buffer_size));
			for (int c = 0; percpu && c < s->ncpus; c++)
				if (percpu[c])
					fprintf(f, " cpu%d %s", c,
						tc_fmt_grouped(a, sizeof(a), percpu[c]));
			fputc('\n', f);
		}
		free(percpu);
	}
	tc_hooks_read_misses(s);
	for (int i = 0; i < s->nprobes; i++)
		if (s->choice[i].misses)
			fprintf(f, "%s: probe %s: the kernel skipped %s runs of its programs (an event "
				"fired while one was already running on that CPU): their events are "
				"lost\n", s->argv0, s->choice[i].probe->name,
				tc_fmt_grouped(a, sizeof(a), s->choice[i].misses));
	n = tc_session__stat(s, TC_STAT_MISSED_DONE, NULL);
	if (n)
		fprintf(f, "%s: lost %s completions: the kernel did not run the program for them "
			"(their requests were issued again, or were unfinished when tracing ended "
			"with nothing in flight)\n",
			s->argv0, tc_fmt_grouped(a, sizeof(a), n));
	if (n && s->cur.lost.def) {
		__u64 sum[TC_MAX_VALS] = {};
		const struct tc_table_def *d = s->cur.lost.def;

		for (size_t r = 0; r < s->cur.lost.n; r++)
			for (int v = 0; v < d->nvals; v++)
				sum[v] += s->cur.lost.rows[r].val[v];
		fprintf(f, "%s: not counted above, from those completions:", s->argv0);
		for (int v = 0; v < d->nvals; v++)
			fprintf(f, "%s %s %s", v ? "," : "", tc_fmt_grouped(a, sizeof(a), sum[v]),
				tc_metrics[d->vals[v].metric].name);
		fputc('\n', f);
	}
	for (int i = 0; i < s->nprobes && i < TC_FAULT_PROBES; i++) {
		__u64 at;

		n = tc_session__faults(s, i, &at);
		if (n)
			fprintf(f, "%s: read fault at 0x%llx in probe %s: %s time%s (the memory it "
				"was pointed at could not be read; it went on without it)\n", s->argv0,
				(unsigned long long)at, s->tool->probes[i].name,
				tc_fmt_grouped(a, sizeof(a), n), n == 1 ? "" : "s");
	}
	for (int i = 0; s->env.verbose && i < TC_MAX_MAPS && s->tool->maps[i]; i++)
		fprintf(f, "%s: map '%s': %s of %s entries used, %s updates dropped\n", s->argv0,
			s->tool->maps[i],
			tc_fmt_grouped(a, sizeof(a), tc_session__map_entries(
				s, tc_session__map(s, s->tool->maps[i]))),
			tc_fmt_grouped(b, sizeof(b), map_size(s, s->tool->maps[i])),
			tc_fmt_grouped(d, sizeof(d), tc_session__stat(s, TC_STAT_MAP_DROP + i, NULL)));
	n = tc_session__stat(s, TC_STAT_UNMATCHED, NULL);
	if (n)
		fprintf(f, "%s: note: %s completions whose start was not seen (in flight when "
			"tracing began, or not stored)\n", s->argv0, tc_fmt_grouped(a, sizeof(a), n));
}
