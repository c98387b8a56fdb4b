// SPDX-License-Identifier: GPL-2.0
/*
 * disktop: who is doing the disk I/O. Bytes and requests per process and
 * disk at the block layer, read and write apart, counted when requests
 * complete and charged to the process that started them; the same numbers
 * /proc/diskstats (and so iostat) counts, per process. Cached reads do not
 * appear: that is the point (the broken disktop.stp counted VFS reads).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include "../args.h"
#include "../../common/metrics.h"
#include "../../common/opts.h"
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

static const struct tc_table_def missed_table = {
	.nlabels = 3,
	.labels = { { "pid", "PID" }, { "comm", "COMM" }, { "dev", "DEV" } },
	.nvals = 4,
	.vals = { { TC_M_DISK_READ_BYTES_MISSED, "READ_BYTES" },
		  { TC_M_DISK_WRITE_BYTES_MISSED, "WRITE_BYTES" },
		  { TC_M_DISK_READ_IOS_MISSED, "READS" }, { TC_M_DISK_WRITE_IOS_MISSED, "WRITES" } },
};

/* enum tc_rw's read, in the issued field (1 + it) */
#define TC_READ_DIR 0

struct into {
	struct bpf_map *map;
	struct tc_table *table;
};

static int add_row(struct tc_session *s, const void *key, const void *vals, void *ctx)
{
	const struct disktop_key *k = key;
	struct into *in = ctx;
	struct tc_row *row = tc_table__add(in->table);

	if (!row)
		return -ENOMEM;
	tc_label_u64(row->lab[0], k->tgid);
	if (!k->tgid && !k->comm[0])
		strcpy(row->lab[1], "[unknown]");
	else
		tc_label_comm(row->lab[1], k->comm);
	tc_dev_name(k->dev, row->lab[2], TC_LABEL_LEN);
	tc_row_set_rw(s, row, 0, in->map, vals);
	return 0;
}

static int collect(struct tc_session *s, struct tc_result *r)
{
	struct into stats = { tc_session__map(s, "stats"), &r->table };
	struct into missed = { tc_session__map(s, "missed"), &r->lost };

	r->table.def = &table;
	r->lost.def = &missed_table;
	return tc_session__map_foreach(s, stats.map, add_row, &stats) ?:
	       tc_session__map_foreach(s, missed.map, add_row, &missed);
}

/* Reads and writes in flight on a disk now, as /sys/dev/block/M:m/inflight says; -1 if unknown. */
static int inflight(__u32 kdev, long long n[2])
{
	char path[64];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/inflight", kdev >> 20,
		 kdev & ((1u << 20) - 1));
	f = fopen(path, "r");
	if (!f)
		return -1;
	ok = fscanf(f, "%lld %lld", &n[0], &n[1]) == 2;
	fclose(f);
	return ok ? 0 : -1;
}

/* Add one request's missed bytes to "missed" (CPU 0's value of its key). */
static int add_missed(struct tc_session *s, const struct disktop_who *w)
{
	struct bpf_map *map = tc_session__map(s, "missed");
	struct disktop_key k = { .tgid = w->tgid, .dev = w->dev };
	size_t vsz = (sizeof(struct tc_rw_counts) + 7) & ~7u;
	struct tc_rw_counts *v;
	char *vals = calloc(s->ncpus, vsz);
	int rw = w->issued - 1, err = 0;

	if (!vals)
		return -ENOMEM;
	memcpy(k.comm, w->comm, sizeof(k.comm));
	if (bpf_map_lookup_elem(bpf_map__fd(map), &k, vals) && errno != ENOENT)
		err = -errno;
	v = (struct tc_rw_counts *)vals;
	v->bytes[rw & 1] += w->left;
	v->ops[rw & 1]++;
	if (!err && bpf_map_update_elem(bpf_map__fd(map), &k, vals, BPF_ANY))
		err = -errno;
	free(vals);
	return err;
}

struct leftover {
	struct disktop_who w;
	bool done;
};

static int by_issue_time(const void *a, const void *b)
{
	const struct leftover *x = a, *y = b;

	return x->w.issued_ns < y->w.issued_ns ? -1 : x->w.issued_ns > y->w.issued_ns;
}

/*
 * Requests still marked issued when tracing stops either are in flight or
 * lost their last completion. The last requests of a run are the ones a
 * lost completion is seldom found by (nothing reuses them), so ask the
 * disk how many of each direction it has in flight now: if it has k and
 * n are still marked, the n - k issued first lost theirs (a disk finishes
 * its requests about in the order they came).
 */
static void settle(struct tc_session *s)
{
	struct bpf_map *map = tc_session__map(s, "start");
	int fd = bpf_map__fd(map), n = 0, cap = 0;
	struct leftover *v = NULL, *nv;
	__u64 key, next, *prev = NULL;
	struct disktop_who w;

	while (!bpf_map_get_next_key(fd, prev, &next)) {
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &w) || !w.issued)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv)
				break;
			v = nv;
		}
		v[n].w = w;
		v[n++].done = false;
	}
	qsort(v, n, sizeof(*v), by_issue_time);
	for (int i = 0; i < n; i++) {
		/* one pass per device and direction (flushes and discards go as writes) */
		int dir = v[i].w.issued == 1 + TC_READ_DIR ? 0 : 1, count = 0, missed;
		long long busy[2];

		if (v[i].done)
			continue;
		for (int j = i; j < n; j++)
			count += !v[j].done && v[j].w.dev == v[i].w.dev &&
				 (v[j].w.issued == 1 + TC_READ_DIR ? 0 : 1) == dir;
		if (inflight(v[i].w.dev, busy))
			busy[dir] = count; /* cannot tell: none is called missed */
		missed = count - (int)busy[dir];
		for (int j = i; j < n; j++) {
			if (v[j].done || v[j].w.dev != v[i].w.dev ||
			    (v[j].w.issued == 1 + TC_READ_DIR ? 0 : 1) != dir)
				continue;
			v[j].done = true;
			if (missed-- <= 0)
				continue;
			tc_session__stat_add(s, TC_STAT_MISSED_DONE, 1);
			if (v[j].w.issued <= 2) /* a read or a write: bytes diskstats counts */
				add_missed(s, &v[j].w);
		}
	}
	free(v);
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
	.options = tc_fault_drop_options,
	.parse_opt = tc_fault_drop_parse,
	.filters = TC_FILTER_PID | TC_FILTER_COMM | TC_FILTER_DEV,
	.elf_bytes = elf_bytes,
	.probes = (const struct tc_probe[]){
		{ .name = "io-start", .what = "a block request made, in its maker's context",
		  .cand = {
			{ TC_HOOK_TP_BTF, { { "tc_dt_start_btf", "block:block_io_start" } } },
			{ TC_HOOK_FENTRY, { { "tc_dt_start_fe", "__blk_account_io_start" } } },
			{ TC_HOOK_FENTRY, { { "tc_dt_start_fe", "blk_account_io_start" } } },
			{ TC_HOOK_RAW_TP, { { "tc_dt_getrq", "block:block_getrq" },
					    { "tc_dt_insert", "block:block_rq_insert" } } },
		  } },
		{ .name = "io-issue", .what = "a block request issued to the device, or sent back",
		  .cand = {
			{ TC_HOOK_TP_BTF, { { "tc_dt_issue_btf", "block:block_rq_issue" },
					    { "tc_dt_requeue_btf", "block:block_rq_requeue" } } },
			{ TC_HOOK_RAW_TP, { { "tc_dt_issue_raw", "block:block_rq_issue" },
					    { "tc_dt_requeue_raw", "block:block_rq_requeue" } } },
		  } },
		{ .name = "io-done", .what = "bytes of a block request completed",
		  .cand = {
			{ TC_HOOK_TP_BTF, { { "tc_dt_done_btf", "block:block_rq_complete" } } },
			{ TC_HOOK_RAW_TP, { { "tc_dt_done_raw", "block:block_rq_complete" } } },
		  } },
		{},
	},
	.maps = { [DISKTOP_MAP_STATS] = "stats", [DISKTOP_MAP_START] = "start",
		  [DISKTOP_MAP_MISSED] = "missed" },
	.configure = tc_fault_drop_configure,
	.collect = collect,
	.settle = settle,
};
