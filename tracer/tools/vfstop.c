// SPDX-License-Identifier: GPL-2.0
/*
 * vfstop: who reads and writes files, at the VFS level. The same view as
 * disktop one layer up, so the two can be set side by side: a cached
 * re-read is all here and nothing there.
 */
#include <errno.h>
#include <string.h>
#include <bpf/bpf.h>
#include "../../common/metrics.h"
#include "../../common/opts.h"
#include "../session.h"
#include "vfstop.h"
#include "vfstop.skel.h"

static const struct tc_table_def table = {
	.nlabels = 4,
	.labels = { { "pid", "PID" }, { "comm", "COMM" }, { "dev", "DEV" }, { "fs", "FS" } },
	.nvals = 4,
	.vals = { { TC_M_VFS_READ_BYTES, "READ_BYTES" }, { TC_M_VFS_WRITE_BYTES, "WRITE_BYTES" },
		  { TC_M_VFS_READ_OPS, "READS" }, { TC_M_VFS_WRITE_OPS, "WRITES" } },
	.sort_mask = 0x3,
};

static int add_row(struct tc_session *s, const void *key, const void *vals, void *ctx)
{
	const struct vfstop_key *k = key;
	struct vfstop_fstype fs = {};
	struct tc_row *row = tc_table__add(&s->cur.table);

	if (!row)
		return -ENOMEM;
	tc_label_u64(row->lab[0], k->tgid);
	tc_label_comm(row->lab[1], k->comm);
	tc_dev_name(k->dev, row->lab[2], TC_LABEL_LEN);
	if (bpf_map_lookup_elem(bpf_map__fd(tc_session__map(s, "fstypes")), &k->dev, &fs) ||
	    !fs.name[0])
		strcpy(fs.name, "?");
	tc_label_comm(row->lab[3], fs.name);
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
	return vfstop_bpf__elf_bytes(size);
}

#define SYS(name) { "tc_vt_" #name, "syscalls:sys_exit_" #name }

const struct tc_tool tc_tool_vfstop = {
	.name = "vfstop",
	.summary = "file bytes and operations per process at the VFS level",
	.doc = "Show which processes read and write files: bytes and operations per process "
	       "and file system at the VFS level, as the calls return, whether the page cache "
	       "or the disk served them (compare disktop, one layer down). Counts read, pread, "
	       "readv, preadv and their write forms, and io_uring reads and writes. -d names "
	       "the block device a file system is on; pipes and sockets have devices of "
	       "their own (0:N).\v"
	       "Examples:\n"
	       "  tracecal trace vfstop -d loop0            # files on loop0's file system\n"
	       "  tracecal trace vfstop -c cat --json       # cat only, as JSON",
	.filters = TC_FILTER_PID | TC_FILTER_COMM | TC_FILTER_DEV,
	.elf_bytes = elf_bytes,
	.probes = (const struct tc_probe[]){
		{ .name = "vfs-rw", .what = "reads and writes as they return",
		  .cand = {
			{ TC_HOOK_FEXIT, { { "tc_vt_read_fx", "vfs_read" },
					   { "tc_vt_write_fx", "vfs_write" },
					   { "tc_vt_readv_fx", "vfs_readv" },
					   { "tc_vt_writev_fx", "vfs_writev" } } },
			{ TC_HOOK_TRACEPOINT, { SYS(read), SYS(pread64), SYS(readv), SYS(preadv),
						SYS(preadv2), SYS(write), SYS(pwrite64), SYS(writev),
						SYS(pwritev), SYS(pwritev2) } },
		  } },
		{ .name = "io_uring", .what = "io_uring reads and writes as they complete",
		  .optional = true,
		  .cand = {
			{ TC_HOOK_TRACEPOINT, { { "tc_vt_uring", "io_uring:io_uring_complete" } } },
		  } },
		{},
	},
	.maps = { [VFSTOP_MAP_STATS] = "stats", [VFSTOP_MAP_FSTYPES] = "fstypes" },
	.collect = collect,
};
