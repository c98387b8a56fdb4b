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
#include "../../common/metrics.h"
#include "../session.h"
#include "ucalls.h"
#include "ucalls.skel.h"

static bool have_target;

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

/*
 * "BINARY:PATTERN": the binary made absolute, and the functions the pattern
 * (a name or a glob) matches found in its ELF symbols now, so that a typo
 * is a usage error and the probe count is known before anything attaches.
 */
static int set_target(struct tc_session *s, struct argp_state *st, const char *arg)
{
	const char *colon = strrchr(arg, ':');
	char bin[PATH_MAX], abs[PATH_MAX], shown[PATH_MAX + TC_LABEL_LEN + 2], err[PATH_MAX + 200];

	if (!colon || colon == arg || !colon[1] || (size_t)(colon - arg) >= sizeof(bin) ||
	    strlen(colon + 1) >= TC_LABEL_LEN)
		argp_error(st, "'%s': expected BINARY:FUNCTION or BINARY:GLOB, e.g. "
			   "/bin/bash:readline", arg);
	memcpy(bin, arg, colon - arg);
	bin[colon - arg] = '\0';
	if (!realpath(bin, abs))
		argp_error(st, "'%s': %s", bin, strerror(errno));
	if (tc_ufuncs_find(abs, colon + 1, &s->ufuncs, err, sizeof(err)))
		argp_error(st, "%s", err);
	if (s->env.verbose)
		fprintf(stderr, "%s: %d function%s match '%s' in %s (%d alias%s and %d of size 0 "
			"left out)\n", s->argv0, s->ufuncs.n, s->ufuncs.n == 1 ? "" : "s",
			colon + 1, abs, s->ufuncs.aliases, s->ufuncs.aliases == 1 ? "" : "es",
			s->ufuncs.empty);
	/* What "$ufuncs" shows in messages and in the hook report. */
	snprintf(shown, sizeof(shown), "%s:%s", abs, colon + 1);
	if (strlen(shown) >= sizeof(s->vars[0].value))
		argp_error(st, "'%s': the path is too long (at most %zu characters with the "
			   "function)", shown, sizeof(s->vars[0].value) - 1);
	have_target = true;
	return tc_session__set_var(s, "ufuncs", shown);
}

static error_t parse_opt(int key, char *arg, struct argp_state *st)
{
	struct tc_session *s = st->input;

	switch (key) {
	case ARGP_KEY_ARG:
		if (have_target)
			argp_error(st, "one BINARY:FUNCTION only ('%s' is one too many)", arg);
		return set_target(s, st, arg);
	case ARGP_KEY_END:
		if (!have_target)
			argp_error(st, "which function? give BINARY:FUNCTION or BINARY:GLOB");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

/* The function of a cookie, as the probes were attached. */
static const char *func_name(struct tc_session *s, __u32 i)
{
	return i < (__u32)s->ufuncs.n ? s->ufuncs.f[i].name : "?";
}

/* One function: no cookie needed. Several: one histogram each. */
static int configure(struct tc_session *s)
{
	char why[TC_WHY_LEN];
	bool cookie = s->ufuncs.n > 1 && tc_feat_attach_cookie(why, sizeof(why));

	return tc_session__set_rodata(s, "tc_uc_cookie", &cookie, sizeof(cookie)) ?:
	       bpf_map__set_max_entries(tc_session__map(s, "hist"), s->ufuncs.n);
}

static int add_row(struct tc_session *s, const void *key, const void *vals, void *ctx)
{
	const struct ucalls_key *k = key;
	struct tc_row *row = tc_table__add(&s->cur.table);

	if (!row)
		return -ENOMEM;
	tc_label_u64(row->lab[0], k->tgid);
	tc_label_comm(row->lab[1], k->comm);
	snprintf(row->lab[2], TC_LABEL_LEN, "%s", func_name(s, k->func));
	for (int c = 0; c < s->ncpus; c++)
		row->val[0] += *(const __u64 *)tc_percpu(ctx, vals, c);
	return 0;
}

static int add_hist(struct tc_session *s, const void *key, const void *vals, void *ctx)
{
	struct tc_hist_row *row;
	struct tc_hist sum = {};

	tc_hist_sum(s, &sum, ctx, vals);
	if (!sum.count)
		return 0;
	row = tc_hists__add(&s->cur.hists);
	if (!row)
		return -ENOMEM;
	snprintf(row->lab[0], TC_LABEL_LEN, "%s", func_name(s, *(const __u32 *)key));
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
	.summary = "calls of user-space functions per process, and their latency",
	.doc = "Count the calls of functions of a program or shared library, per process and "
	       "function, and show their latency as a histogram per function, from a uprobe on "
	       "each entry and a uretprobe on each return. FUNCTION may be a glob (*, ?, [...]) "
	       "over the binary's ELF symbols (.symtab and .dynsym); two names of one address "
	       "are probed once, under the first in C order. The probes are counted before "
	       "any is attached: more than --max-probes (two per function), or more open files "
	       "than RLIMIT_NOFILE allows, is an error, never a partial attach. Every process "
	       "that runs the binary is traced unless -p or -c says otherwise. The latency "
	       "includes the probes' own cost: a uprobe traps into the kernel, which costs "
	       "microseconds per call; a function that recurses is timed at its outermost "
	       "return only.\v"
	       "Examples:\n"
	       "  tracecal trace ucalls /bin/bash:readline\n"
	       "  tracecal trace ucalls /lib/x86_64-linux-gnu/libc.so.6:malloc -p 1234 -u ns\n"
	       "  tracecal trace ucalls '/lib/x86_64-linux-gnu/libc.so.6:str*' -c ls\n",
	.args_doc = "BINARY:FUNCTION|GLOB",
	.parse_opt = parse_opt,
	.filters = TC_FILTER_PID | TC_FILTER_COMM,
	.flags = TC_TOOL_HIST,
	.default_unit = "us",
	.elf_bytes = elf_bytes,
	.probes = (const struct tc_probe[]){
		{ .name = "calls", .what = "the function's entry and return",
		  .cand = { { TC_HOOK_UPROBE, { { "tc_uc_entry", "$ufuncs" },
						{ "tc_uc_return", "$ufuncs" } } } } },
		{},
	},
	.maps = { [UCALLS_MAP_CALLS] = "calls", [UCALLS_MAP_START] = "start" },
	.configure = configure,
	.collect = collect,
};
