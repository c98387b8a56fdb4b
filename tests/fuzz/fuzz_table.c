// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the column-table reader (tc_table_parse), with biotop's
 * and syscount's layouts. The first byte chooses the layout and whether
 * blocks are summed, the rest is the output.
 */
#include "fuzz.h"
#include "../../readers/parse_table.h"

#define COL(h, k, n, ...) { .header = h, .kind = k, .name = n, __VA_ARGS__ }

static const struct tc_table_spec specs[] = {
	{ .ncols = 9, .cols = {
		COL("PID", TC_TABLE_LABEL, "pid"),
		COL("COMM", TC_TABLE_LABEL, "comm", .spaces = true),
		COL("D", TC_TABLE_LABEL, "dir"),
		COL("MAJ", TC_TABLE_IGNORE, ""),
		COL("MIN", TC_TABLE_IGNORE, ""),
		COL("DISK", TC_TABLE_LABEL, "disk"),
		COL("I/O", TC_TABLE_METRIC, "disk_ios_total"),
		COL("Kbytes", TC_TABLE_METRIC, "disk_bytes", .scale = 1024),
		COL("AVGms", TC_TABLE_METRIC, "disk_avg_ns", .scale = 1e6),
	} },
	{ .ncols = 3, .cols = {
		COL("SYSCALL", TC_TABLE_LABEL, "name"),
		COL("COUNT", TC_TABLE_METRIC, "syscalls_total"),
		COL("ERRORS", TC_TABLE_METRIC, "syscall_errors_total"),
	} },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tc_table_spec sp;
	struct tc_samples s = {};
	char err[512];

	if (!size)
		return 0;
	sp = specs[data[0] & 1];
	sp.sum = data[0] & 2;
	tc_table_parse((const char *)data + 1, size - 1, &sp, &s, err, sizeof(err));
	tc_samples__free(&s);
	return 0;
}
