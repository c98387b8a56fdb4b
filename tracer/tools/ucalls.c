// SPDX-License-Identifier: GPL-2.0
/*
 * ucalls: how often a user-space function is called, by which processes,
 * and how long it takes: the tracer core's uprobe tool, and a test of
 * whether a probe library's user-space probes still attach and fire.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "../metrics.h"
#include "../session.h"
#include "ucalls.h"
#include "ucalls.skel.h"

static char func[TC_LABEL_LEN];

static const struct tc_table_def table = {
	.nlabels = 3,
	.labels = { { "pid", "PID" }, { "comm", "COMM" }, { "func", "FUNCTION" } },
	.nvals = 1,
	.vals = { { TC_M_USER_CALLS, "CALLS" } },
};

static const struct tc_hist_def hist_def = {
	.metric = TC_M_USER_LATENCY,
	.nlabels = 1,
	.labels = { { "func", "FUNCTION" } },
};

/* "BINARY:FUNCTION", the binary made absolute so the uprobe finds it. */
static int set_target(struct tc_session *s, struct argp_state *st, const char *arg)
{
	const char *colon = strrchr(arg, ':');
	char bin[PATH_MAX], abs[PATH_MAX], target[PATH_MAX + 160];

	if (!colon || colon == arg || !colon[1] || (size_t)(colon - arg) >= sizeof(bin) ||
	    strlen(colon + 1) >= sizeof(func))
		argp_error(st, "'%s': expected BINARY:FUNCTION, e.g. /bin/bash:readline", arg);
	memcpy(bin, arg, colon - arg);
	bin[colon - arg] = '\0';
	strcpy(func, colon + 1);
	if (!realpath(bin, abs))
		argp_error(st, "'%s': %s", bin, strerror(errno));
	snprintf(target, sizeof(target), "%s:%s", abs, func);
	return tc_session__set_var(s, "target", target);
}

static error_t parse_opt(int key, char *arg, struct argp_state *st)
{
	struct tc_session *s = st->input;

	switch (key) {
	case ARGP_KEY_ARG:
		if (func[0])
			argp_error(st, "one BINARY:FUNCTION only ('%s' is one too many)", arg);
		return set_target(s, st, arg);
	case ARGP_KEY_END:
		if (!func[0])
			argp_error(st, "which function? give BINARY:FUNCTION");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static int add_row(struct tc_session *s, const void *key, const void *vals, void *ctx)
{
	const struct ucalls_key *k = key;
	struct tc_row *row = tc_table__add(&s->cur.table);

	if (!row)
		return -ENOMEM;
	tc_label_u64(row->lab[0], k->tgid);
	tc_label_comm(row->lab[1], k->comm);
	snprintf(row->lab[2], TC_LABEL_LEN, "%s", func);
	for (int c = 0; c < s->ncpus; c++)
		row->val[0] += *(const __u64 *)tc_percpu(ctx, vals, c);
	return 0;
}

static int add_hist(struct tc_session *s, const void *key, const void *vals, void *ctx)
{
	struct tc_hist_row *row;
	struct tc_hist sum = {};

	(void)key;
	tc_hist_sum(s, &sum, ctx, vals);
	if (!sum.count)
		return 0;
	row = tc_hists__add(&s->cur.hists);
	if (!row)
		return -ENOMEM;
	snprintf(row->lab[0], TC_LABEL_LEN, "%s", func);
	row->h = sum;
	return 0;
}

static int collect(struct tc_session *s, struct tc_result *r)
{
	struct bpf_map *calls = tc_session__map(s, "calls");

	r->table.def = &table;
	return tc_session__map_foreach(s, calls, add_row, calls) ?:
	       tc_session__collect_hists(s, r, &hist_def, "hist", add_hist);
}

static const void *elf_bytes(size_t *size)
{
	return ucalls_bpf__elf_bytes(size);
}

const struct tc_tool tc_tool_ucalls = {
	.name = "ucalls",
	.summary = "calls of a user-space function per process, and their latency",
	.doc = "Count the calls of one function of a program or shared library, per process, "
	       "and show their latency as a histogram, from a uprobe on the function's entry "
	       "and a uretprobe on its return. Every process that runs the binary is traced "
	       "unless -p or -c says otherwise. The latency includes the probes' own cost: a "
	       "uprobe traps into the kernel, which costs microseconds per call.\v"
	       "Examples:\n"
	       "  tracecal trace ucalls /bin/bash:readline\n"
	       "  tracecal trace ucalls /lib/x86_64-linux-gnu/libc.so.6:malloc -p 1234 -u ns",
	.args_doc = "BINARY:FUNCTION",
	.parse_opt = parse_opt,
	.filters = TC_FILTER_PID | TC_FILTER_COMM,
	.flags = TC_TOOL_HIST,
	.default_unit = "us",
	.elf_bytes = elf_bytes,
	.probes = (const struct tc_probe[]){
		{ .name = "calls", .what = "the function's entry and return",
		  .cand = { { TC_HOOK_UPROBE, { { "tc_uc_entry", "$target" },
						{ "tc_uc_return", "$target" } } } } },
		{},
	},
	.maps = { [UCALLS_MAP_CALLS] = "calls", [UCALLS_MAP_START] = "start" },
	.collect = collect,
};
