// SPDX-License-Identifier: GPL-2.0
/*
 * opensnoop: print every file open as it happens, with its result. The
 * tracer core's event tool: events travel through a BPF ring buffer, and
 * every event the buffer had no room for is counted and reported, so that
 * printed + lost is exactly what happened.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <json-c/json.h>
#include "../../common/metrics.h"
#include "../session.h"
#include "opensnoop.h"
#include "opensnoop.skel.h"

static bool failed_only;

static const struct tc_table_def table = {
	.nlabels = 2,
	.labels = { { "pid", "PID" }, { "comm", "COMM" } },
	.nvals = 2,
	.vals = { { TC_M_OPENS, "OPENS" }, { TC_M_OPEN_ERRORS, "ERRORS" } },
	.sort_mask = 1,
};

/* Per-process totals, folded together as they grow. */
struct opensnoop_state {
	struct tc_table totals;
	bool header;
};

static struct opensnoop_state state = { .totals = { .def = &table } };

static const struct argp_option options[] = {
	{ "failed", 'x', NULL, 0, "Only opens that failed", 0 },
	{},
};

static error_t parse_opt(int key, char *arg, struct argp_state *st)
{
	(void)arg;
	(void)st;
	if (key != 'x')
		return ARGP_ERR_UNKNOWN;
	failed_only = true;
	return 0;
}

static int configure(struct tc_session *s)
{
	return tc_session__set_rodata(s, "failed_only", &failed_only, sizeof(failed_only));
}

static int count(const struct opensnoop_event *e)
{
	struct tc_row *row;

	if (state.totals.n >= 4096)
		tc_table__normalize(&state.totals);
	row = tc_table__add(&state.totals);
	if (!row)
		return -ENOMEM;
	tc_label_u64(row->lab[0], e->tgid);
	tc_label_comm(row->lab[1], e->comm);
	row->val[0] = 1;
	row->val[1] = e->ret < 0;
	return 0;
}

static int on_event(struct tc_session *s, const void *data, size_t size)
{
	const struct opensnoop_event *e = data;
	char comm[TC_LABEL_LEN];

	if (size < sizeof(*e))
		return 0;
	if (count(e))
		return -ENOMEM;
	tc_label_comm(comm, e->comm);
	if (s->env.format == TC_FMT_TABLE) {
		if (!state.header) {
			fprintf(s->out, "%-7s %-7s %-16s %4s %3s %s\n", "PID", "TID", "COMM", "FD",
				"ERR", "PATH");
			state.header = true;
		}
		fprintf(s->out, "%-7u %-7u %-16s %4" PRId64 " %3" PRId64 " %s\n", e->tgid, e->tid,
			comm, e->ret >= 0 ? (int64_t)e->ret : (int64_t)-1,
			e->ret < 0 ? (int64_t)-e->ret : (int64_t)0, e->path);
	} else if (s->env.format == TC_FMT_JSON) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "type", json_object_new_string("event"));
		json_object_object_add(o, "ts_ns", json_object_new_uint64(e->ts_ns));
		json_object_object_add(o, "pid", json_object_new_int64(e->tgid));
		json_object_object_add(o, "tid", json_object_new_int64(e->tid));
		json_object_object_add(o, "comm", json_object_new_string(comm));
		json_object_object_add(o, "ret", json_object_new_int64(e->ret));
		json_object_object_add(o, "flags", json_object_new_int64(e->flags));
		json_object_object_add(o, "path", json_object_new_string(e->path));
		fprintf(s->out, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
		json_object_put(o);
	}
	return 0;
}

static int collect(struct tc_session *s, struct tc_result *r)
{
	(void)s;
	tc_table__normalize(&state.totals);
	r->table.def = &table;
	for (size_t i = 0; i < state.totals.n; i++) {
		struct tc_row *row = tc_table__add(&r->table);

		if (!row)
			return -ENOMEM;
		*row = state.totals.rows[i];
	}
	return 0;
}

static void finish(struct tc_session *s)
{
	(void)s;
	free(state.totals.rows);
	state.totals.rows = NULL;
	state.totals.n = state.totals.cap = 0;
}

static const void *elf_bytes(size_t *size)
{
	return opensnoop_bpf__elf_bytes(size);
}

const struct tc_tool tc_tool_opensnoop = {
	.name = "opensnoop",
	.summary = "every open, as an event, with lost events counted",
	.doc = "Print every open, openat and openat2 as it returns: process, thread, the fd "
	       "or the error, and the path. Events travel through a ring buffer; if it fills, "
	       "the events that did not fit are counted per CPU and reported, live and at the "
	       "end. Ends with the opens per process (in every output format).\v"
	       "Examples:\n"
	       "  tracecal trace opensnoop -c cat            # cat's opens\n"
	       "  tracecal trace opensnoop -x                # failed opens only\n"
	       "  tracecal trace opensnoop --json -p 1234    # JSON, one event per line",
	.options = options,
	.parse_opt = parse_opt,
	.filters = TC_FILTER_PID | TC_FILTER_COMM,
	.elf_bytes = elf_bytes,
	.probes = (const struct tc_probe[]){
		{ .name = "openat", .what = "openat returning",
		  .cand = { { TC_HOOK_TRACEPOINT, { { "tc_os_openat", "syscalls:sys_exit_openat" } } } } },
		{ .name = "open", .what = "open returning", .optional = true,
		  .cand = { { TC_HOOK_TRACEPOINT, { { "tc_os_open", "syscalls:sys_exit_open" } } } } },
		{ .name = "openat2", .what = "openat2 returning", .optional = true,
		  .cand = { { TC_HOOK_TRACEPOINT, { { "tc_os_openat2", "syscalls:sys_exit_openat2" } } } } },
		{},
	},
	.ringbuf = "events",
	.configure = configure,
	.collect = collect,
	.on_event = on_event,
	.finish = finish,
};
