// SPDX-License-Identifier: GPL-2.0
/* vfslatency: a histogram of VFS read and write latency per file-system type. */
#include <errno.h>
#include "../../common/metrics.h"
#include "../session.h"
#include "vfslatency.h"
#include "vfslatency.skel.h"

static const struct tc_hist_def def = {
	.metric = TC_M_VFS_LATENCY,
	.nlabels = 2,
	.labels = { { "fs", "FS" }, { "op", "OP" } },
};

static int add_hist(struct tc_session *s, const void *key, const void *vals, void *ctx)
{
	const struct vfslatency_key *k = key;
	struct tc_hist_row *row = tc_hists__add(&s->cur.hists);

	if (!row)
		return -ENOMEM;
	if (k->fs[0])
		tc_label_comm(row->lab[0], k->fs);
	else
		snprintf(row->lab[0], TC_LABEL_LEN, "?");
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
	return vfslatency_bpf__elf_bytes(size);
}

#define SYS(name) { "tc_vl_in_" #name, "syscalls:sys_enter_" #name }, \
		  { "tc_vl_out_" #name, "syscalls:sys_exit_" #name }

const struct tc_tool tc_tool_vfslatency = {
	.name = "vfslatency",
	.summary = "histogram of VFS read/write latency per file-system type",
	.doc = "Summarize the latency of reads and writes at the VFS level (vfs_read and "
	       "vfs_write, or the read, pread64, write and pwrite64 syscalls where fentry is "
	       "not allowed), as a histogram per file-system type, reads and writes apart. "
	       "Cached reads show as a tight low mode, disk reads far to the right.\v"
	       "Examples:\n"
	       "  tracecal trace vfslatency                   # ns, until Ctrl-C\n"
	       "  tracecal trace vfslatency -u us -c cat      # cat only, in usecs",
	.filters = TC_FILTER_PID | TC_FILTER_COMM | TC_FILTER_DEV,
	.flags = TC_TOOL_HIST,
	.default_unit = "ns",
	.elf_bytes = elf_bytes,
	.probes = (const struct tc_probe[]){
		{ .name = "vfs-rw", .what = "entry and return of reads and writes",
		  .cand = {
			{ TC_HOOK_FENTRY, { { "tc_vl_read_fe", "vfs_read" },
					    { "tc_vl_read_fx", "vfs_read" },
					    { "tc_vl_write_fe", "vfs_write" },
					    { "tc_vl_write_fx", "vfs_write" } } },
			{ TC_HOOK_TRACEPOINT, { SYS(read), SYS(pread64), SYS(write), SYS(pwrite64) } },
		  } },
		{},
	},
	.maps = { [VFSLATENCY_MAP_START] = "start", [VFSLATENCY_MAP_HISTS] = "hists" },
	.collect = collect,
};
