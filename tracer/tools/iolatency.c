// SPDX-License-Identifier: GPL-2.0
/* iolatency: a histogram of block I/O latency per disk, reads and writes apart. */
#include <errno.h>
#include <stdlib.h>
#include "../args.h"
#include "../../common/metrics.h"
#include "../../common/opts.h"
#include "../session.h"
#include "iolatency.h"
#include "iolatency.skel.h"

static const struct tc_hist_def def = {
	.metric = TC_M_DISK_LATENCY,
	.nlabels = 2,
	.labels = { { "dev", "DEV" }, { "op", "OP" } },
};

static int add_hist(struct tc_session *s, const void *key, const void *vals, void *ctx)
{
	const struct iolatency_key *k = key;
	struct tc_hist_row *row = tc_hists__add(&s->cur.hists);

	if (!row)
		return -ENOMEM;
	tc_dev_name(k->dev, row->lab[0], TC_LABEL_LEN);
	snprintf(row->lab[1], TC_LABEL_LEN, "%s", k->rw ? "write" : "read");
	tc_hist_sum(s, &row->h, ctx, vals);
	return 0;
}

static int collect(struct tc_session *s, struct tc_result *r)
{
	return tc_session__collect_hists(s, r, &def, "hists", add_hist);
}

static const void *elf_bytes(size_t *size)
{
	return iolatency_bpf__elf_bytes(size);
}

const struct tc_tool tc_tool_iolatency = {
	.name = "iolatency",
	.summary = "histogram of block I/O latency per device",
	.doc = "Summarize block I/O latency, from a request's issue to the device to its "
	       "completion, as a log2 (or linear) histogram per disk and direction. Flushes "
	       "and discards are left out, as in disktop.\v"
	       "Examples:\n"
	       "  tracecal trace iolatency -d loop0           # usecs, until Ctrl-C\n"
	       "  tracecal trace iolatency -u ms -i 1s        # msecs, every second\n"
	       "  tracecal trace iolatency --linear 0,1000,100   # 100 us buckets to 1 ms",
	.options = tc_fault_drop_options,
	.parse_opt = tc_fault_drop_parse,
	.filters = TC_FILTER_DEV,
	.flags = TC_TOOL_HIST,
	.default_unit = "us",
	.elf_bytes = elf_bytes,
	.probes = (const struct tc_probe[]){
		{ .name = "io-issue", .what = "a block request issued to the device",
		  .cand = {
			{ TC_HOOK_TP_BTF, { { "tc_il_issue_btf", "block:block_rq_issue" } } },
			{ TC_HOOK_RAW_TP, { { "tc_il_issue_raw", "block:block_rq_issue" } } },
		  } },
		{ .name = "io-requeue", .what = "a block request sent back to the queue",
		  .cand = {
			{ TC_HOOK_TP_BTF, { { "tc_il_requeue_btf", "block:block_rq_requeue" } } },
			{ TC_HOOK_RAW_TP, { { "tc_il_requeue_raw", "block:block_rq_requeue" } } },
		  } },
		{ .name = "io-done", .what = "a block request completed",
		  .cand = {
			{ TC_HOOK_TP_BTF, { { "tc_il_done_btf", "block:block_rq_complete" } } },
			{ TC_HOOK_RAW_TP, { { "tc_il_done_raw", "block:block_rq_complete" } } },
		  } },
		{},
	},
	.maps = { [IOLATENCY_MAP_START] = "start", [IOLATENCY_MAP_HISTS] = "hists" },
	.configure = tc_fault_drop_configure,
	.collect = collect,
};
