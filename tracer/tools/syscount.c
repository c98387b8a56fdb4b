// SPDX-License-Identifier: GPL-2.0
/*
 * syscount: system calls by name, with how many failed; by process with -P.
 * Counted at syscall exit (tp_btf where the kernel has BTF-typed raw
 * tracepoints, else the raw_syscalls tracepoint), plus exit and exit_group,
 * which never return, when the task leaving through them dies.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include "../session.h"
#include "../../common/metrics.h"
#include "../../common/syscalls.h"
#include "syscount.h"
#include "syscount.skel.h"

static bool per_process;

static const struct tc_table_def by_name = {
	.nlabels = 1,
	.labels = { { "name", "SYSCALL" } },
	.nvals = 2,
	.vals = { { TC_M_SYSCALLS, "COUNT" }, { TC_M_SYSCALL_ERRORS, "ERRORS" } },
	.sort_mask = 1,
};

static const struct tc_table_def by_process = {
	.nlabels = 3,
	.labels = { { "pid", "PID" }, { "comm", "COMM" }, { "name", "SYSCALL" } },
	.nvals = 2,
	.vals = { { TC_M_SYSCALLS, "COUNT" }, { TC_M_SYSCALL_ERRORS, "ERRORS" } },
	.sort_mask = 1,
};

static const struct argp_option options[] = {
	{ "per-process", 'P', NULL, 0, "Count by process too (bounded by --max-entries)", 0 },
	{ "fault-slow-probe", 0x100, "N", OPTION_HIDDEN,
	  "For tests of the overhead watchdog: each counted syscall also reads the clock N "
	  "times (at most 4096), a probe made expensive on purpose",
	  0 },
	{},
};

static __u32 slow_probe;

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	char *end;
	unsigned long n;

	switch (key) {
	case 'P':
		per_process = true;
		return 0;
	case 0x100:
		errno = 0;
		n = strtoul(arg, &end, 10);
		if (errno || end == arg || *end || n < 1 || n > 4096)
			argp_error(state, "--fault-slow-probe: '%s' is not a count from 1 to 4096", arg);
		slow_probe = n;
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static int configure(struct tc_session *s)
{
	__u32 sigreturn = SYS_rt_sigreturn, exit1 = SYS_exit, exit_group = SYS_exit_group;

	/* -P's map stays as small as it can when unused: it is preallocated. */
	if (!per_process)
		bpf_map__set_max_entries(tc_session__map(s, "proc_counts"), 1);
	return tc_session__set_rodata(s, "per_process", &per_process, sizeof(per_process)) ?:
	       tc_session__set_rodata(s, "nr_rt_sigreturn", &sigreturn, sizeof(sigreturn)) ?:
	       tc_session__set_rodata(s, "nr_exit", &exit1, sizeof(exit1)) ?:
	       tc_session__set_rodata(s, "nr_exit_group", &exit_group, sizeof(exit_group)) ?:
	       tc_session__set_rodata(s, "tc_sc_slow_probe", &slow_probe, sizeof(slow_probe));
}

static void name_label(char *lab, __u32 nr)
{
	const char *name = tc_syscall_name(nr);

	if (nr == SYSCOUNT_MAX_NR - 1 && !name)
		snprintf(lab, TC_LABEL_LEN, "[other]");
	else if (name)
		snprintf(lab, TC_LABEL_LEN, "%s", name);
	else
		snprintf(lab, TC_LABEL_LEN, "[%u]", nr);
}

static int add_counts(struct tc_session *s, const void *key, const void *vals, void *ctx)
{
	struct bpf_map *map = ctx;
	struct syscount_val sum = {};
	struct tc_row *row;

	for (int c = 0; c < s->ncpus; c++) {
		const struct syscount_val *v = tc_percpu(map, vals, c);

		sum.count += v->count;
		sum.errors += v->errors;
	}
	if (!sum.count)
		return 0;
	row = tc_table__add(&s->cur.table);
	if (!row)
		return -ENOMEM;
	if (per_process) {
		const struct syscount_key *k = key;

		tc_label_u64(row->lab[0], k->tgid);
		tc_label_comm(row->lab[1], k->comm);
		name_label(row->lab[2], k->nr);
	} else {
		name_label(row->lab[0], *(const __u32 *)key);
	}
	row->val[0] = sum.count;
	row->val[1] = sum.errors;
	return 0;
}

static int collect(struct tc_session *s, struct tc_result *r)
{
	struct bpf_map *map = tc_session__map(s, per_process ? "proc_counts" : "counts");

	r->table.def = per_process ? &by_process : &by_name;
	return tc_session__map_foreach(s, map, add_counts, map);
}

static const void *elf_bytes(size_t *size)
{
	return syscount_bpf__elf_bytes(size);
}

const struct tc_tool tc_tool_syscount = {
	.name = "syscount",
	.summary = "system calls by name (and process), with error counts",
	.doc = "Count system calls by name, and how many returned an error, until Ctrl-C "
	       "or --duration; with -P, by process too.\v"
	       "Examples:\n"
	       "  tracecal trace syscount                 # every process, by syscall\n"
	       "  tracecal trace syscount -P -c dd        # dd only, by process\n"
	       "  tracecal trace syscount -p 1234 --duration 5s --prom",
	.options = options,
	.parse_opt = parse_opt,
	.filters = TC_FILTER_PID | TC_FILTER_COMM,
	.elf_bytes = elf_bytes,
	.probes = (const struct tc_probe[]){
		{ .name = "syscalls", .what = "every system call, at its exit",
		  .cand = {
			{ TC_HOOK_TP_BTF, { { "tc_sc_exit_btf", "raw_syscalls:sys_exit" } } },
			{ TC_HOOK_TRACEPOINT, { { "tc_sc_exit_tp", "raw_syscalls:sys_exit" } } },
		  } },
		{ .name = "exits", .what = "exit and exit_group, which never return",
		  .optional = true,
		  .cand = {
			{ TC_HOOK_TP_BTF, { { "tc_sc_texit_btf", "sched:sched_process_exit" } } },
			{ TC_HOOK_TRACEPOINT, { { "tc_sc_texit_tp", "sched:sched_process_exit" } } },
		  } },
		{},
	},
	.maps = { [SYSCOUNT_MAP_PROC] = "proc_counts" },
	.configure = configure,
	.collect = collect,
};
