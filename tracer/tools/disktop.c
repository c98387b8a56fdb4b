// SPDX-License-Identifier: GPL-2.0
/*
 * disktop: who is doing the disk I/O. Bytes and requests per process and
 * disk at the block layer, read and write apart, counted when requests
 * complete and charged to the process that started them; the same numbers
 * /proc/diskstats (and so iostat) counts, per process. Cached reads do not
 * appear: that is the point (the broken disktop.stp counted VFS reads).
 */
#include <errno.h>
#include <string.h>
#include "../metrics.h"
#include "../opts.h"
#include "../session.h"
#include "disktop.h"
#include "disktop.skel.h"

static const struct tc_table_def table = {
	.nlabels = 3,
	.labels = { { "pid", "PID" }, { "comm", "COMM" }, { "dev", "DEV" } },
	.nvals = 4,
	.vals = { { TC_M_DISK_READ_BYTES, "READ_BYTES" }, { TC_M_DISK_WRITE_BYTES, "WRITE_BYTES" },
		  { TC_M_DISK_READ_IOS, "READS" }, { TC_M_DISK_WRITE_IOS, "WRITES" } },
	.sort_mask = 0x3, /* by bytes */
};

static int add_row(struct tc_session *s, const void *key, const void *vals, void *ctx)
{
	const struct disktop_key *k = key;
	struct tc_row *row = tc_table__add(&s->cur.table);

	if (!row)
		return -ENOMEM;
	tc_label_u64(row->lab[0], k->tgid);
	if (!k->tgid && !k->comm[0])
		strcpy(row->lab[1], "[unknown]");
	else
		tc_label_comm(row->lab[1], k->comm);
	tc_dev_name(k->dev, row->lab[2], TC_LABEL_LEN);
	tc_row_set_rw(s, row, 0, ctx, vals);
	return 0;
}

static int collect(struct tc_session *s, struct tc_result *r)
{
	struct bpf_map *map = tc_session__map(s, "stats");

	r->table.def = &table;
	return tc_session__map_foreach(s, map, add_row, map);
}

static const void *elf_bytes(size_t *size)
{
	return disktop_bpf__elf_bytes(size);
}

const struct tc_tool tc_tool_disktop = {
	.name = "disktop",
	.summary = "disk bytes and I/Os per process and device, at the block layer",
	.doc = "Show which processes do disk I/O: bytes and requests per process and disk, "
	       "read and write apart, counted as requests complete (as /proc/diskstats does) "
	       "and charged to the process that started each request. Reads served from the "
	       "page cache do not reach the disk and are not counted (see vfstop for those). "
	       "Requests already in flight when tracing starts are shown as [unknown].\v"
	       "Examples:\n"
	       "  tracecal trace disktop -d loop0          # one disk, until Ctrl-C\n"
	       "  tracecal trace disktop -i 1s -r 10       # top 10 every second\n"
	       "  tracecal trace disktop -c dd --prom      # dd only, canonical metrics",
	.filters = TC_FILTER_PID | TC_FILTER_COMM | TC_FILTER_DEV,
	.elf_bytes = elf_bytes,
	.probes = (const struct tc_probe[]){
		{ .name = "io-start", .what = "a block request made, in its maker's context",
		  .cand = {
			{ TC_HOOK_TP_BTF, { { "tc_dt_start_btf", "block:block_io_start" } } },
			{ TC_HOOK_FENTRY, { { "tc_dt_start_fe", "__blk_account_io_start" } } },
			{ TC_HOOK_FENTRY, { { "tc_dt_start_fe", "blk_account_io_start" } } },
			{ TC_HOOK_RAW_TP, { { "tc_dt_getrq", "block:block_getrq" },
					    { "tc_dt_insert", "block:block_rq_insert" },
					    { "tc_dt_issue", "block:block_rq_issue" } } },
		  } },
		{ .name = "io-done", .what = "bytes of a block request completed",
		  .cand = {
			{ TC_HOOK_TP_BTF, { { "tc_dt_done_btf", "block:block_rq_complete" } } },
			{ TC_HOOK_RAW_TP, { { "tc_dt_done_raw", "block:block_rq_complete" } } },
		  } },
		{},
	},
	.maps = { [DISKTOP_MAP_STATS] = "stats", [DISKTOP_MAP_START] = "start" },
	.collect = collect,
};
