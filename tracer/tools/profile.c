// SPDX-License-Identifier: GPL-2.0
/*
 * profile: which processes are on the CPUs, by sampling: a cpu-clock perf
 * event on every CPU at --frequency, counted per process. The tracer
 * core's perf-event tool; the seeds' profile-997 in its simplest form.
 */
#include <errno.h>
#include <string.h>
#include "../../common/metrics.h"
#include "../../common/opts.h"
#include "../session.h"
#include "profile.h"
#include "profile.skel.h"

static __u64 frequency = 99;

static const struct tc_table_def table = {
	.nlabels = 2,
	.labels = { { "pid", "PID" }, { "comm", "COMM" } },
	.nvals = 1,
	.vals = { { TC_M_CPU_SAMPLES, "SAMPLES" } },
};

static const struct argp_option options[] = {
	{ "frequency", 'F', "HZ", 0, "Samples per second on each CPU (default 99)", 0 },
	{},
};

static error_t parse_opt(int key, char *arg, struct argp_state *st)
{
	struct tc_session *s = st->input;
	char spec[32];

	switch (key) {
	case 'F':
		if (tc_parse_u64(arg, 1, 10000, &frequency))
			argp_error(st, "invalid --frequency '%s' (expected 1 to 10000 Hz)", arg);
		break;
	case ARGP_KEY_END:
		snprintf(spec, sizeof(spec), "cpu-clock:%llu", (unsigned long long)frequency);
		tc_session__set_var(s, "sample", spec);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static int add_row(struct tc_session *s, const void *key, const void *vals, void *ctx)
{
	const struct profile_key *k = key;
	struct tc_row *row = tc_table__add(&s->cur.table);

	if (!row)
		return -ENOMEM;
	tc_label_u64(row->lab[0], k->tgid);
	tc_label_comm(row->lab[1], k->comm);
	for (int c = 0; c < s->ncpus; c++)
		row->val[0] += *(const __u64 *)tc_percpu(ctx, vals, c);
	return 0;
}

static int collect(struct tc_session *s, struct tc_result *r)
{
	struct bpf_map *map = tc_session__map(s, "samples");

	r->table.def = &table;
	return tc_session__map_foreach(s, map, add_row, map);
}

static const void *elf_bytes(size_t *size)
{
	return profile_bpf__elf_bytes(size);
}

const struct tc_tool tc_tool_profile = {
	.name = "profile",
	.summary = "on-CPU samples per process, from a cpu-clock perf event",
	.doc = "Sample what runs on every CPU, --frequency times a second, from a cpu-clock "
	       "perf event, and count the samples per process: a process always on a CPU gets "
	       "about --frequency samples a second. The idle task is pid 0; a tickless kernel "
	       "may not sample an idle CPU at all, so idle time is not measured here.\v"
	       "Examples:\n"
	       "  tracecal trace profile --duration 10s        # who used the CPUs\n"
	       "  tracecal trace profile -F 997 -c gzip        # gzip, at 997 Hz",
	.options = options,
	.parse_opt = parse_opt,
	.filters = TC_FILTER_PID | TC_FILTER_COMM,
	.elf_bytes = elf_bytes,
	.probes = (const struct tc_probe[]){
		{ .name = "sample", .what = "a cpu-clock sample on each CPU",
		  .cand = { { TC_HOOK_PERF, { { "tc_pf_sample", "$sample" } } } } },
		{},
	},
	.maps = { [PROFILE_MAP_SAMPLES] = "samples" },
	.collect = collect,
};
