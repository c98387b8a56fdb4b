/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Column tables, as top-style tools print them (BCC's biotop, tracecal's
 * own tables), read into samples. The caller says what the header line
 * reads and what each column is: a label, a metric (times a scale:
 * biotop's Kbytes x 1024), or nothing. Each row gives one sample per
 * metric column, labelled by the label columns. Values may be integers
 * or decimals, with thousands separators ("67,108,864").
 *
 * A tool printing every interval repeats the table: a block begins at a
 * header line, or at the first row after a blank line, and ends at a
 * blank line or the next header. Lines before the first header, and
 * between blocks (timestamps, "Tracing... Hit Ctrl-C to end."), are not
 * read. Inside a block every line must be a row, except a line just
 * before a header (the next block's title, such as a timestamp) and
 * BCC's "Detaching..."; anything else is an error naming the line: a
 * "(12 more rows not shown)" means the numbers are incomplete. (A tool
 * that drops rows without saying so, as biotop does past -r MAXROWS,
 * must be asked for all of them.)
 *
 * Rows whose labels are all alike (a column left out that told them
 * apart) are added up, in a block and, when summing, across blocks.
 */
#ifndef TC_PARSE_TABLE_H
#define TC_PARSE_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include "samples.h"

#define TC_TABLE_COLS 24

enum tc_table_col_kind {
	TC_TABLE_IGNORE, /* a column whose values are not read */
	TC_TABLE_LABEL,
	TC_TABLE_METRIC,
};

struct tc_table_col {
	char header[64]; /* its name in the header line, without blanks: "Kbytes" */
	enum tc_table_col_kind kind;
	char name[TC_SAMPLE_NAME]; /* the label's or the metric's name */
	double scale;		   /* a metric's values are multiplied by it; 0 is 1 */
	/*
	 * Its values may hold blanks (a process name: "Web Content"): a row
	 * with more fields than columns gives the extra ones to it. At most
	 * one column may say so; its value is the text from its first field
	 * to its last, as printed.
	 */
	bool spaces;
};

struct tc_table_spec {
	int ncols;
	struct tc_table_col cols[TC_TABLE_COLS];
	bool sum; /* add up every block; false keeps the last block only */
};

/*
 * Parse len bytes of a tool's output and append the samples of its
 * table to out. 0, or -EINVAL with "line N: why: 'text'" (or "table
 * spec: why") in err, or -ENODATA if no line is the header; out is then
 * as it was.
 */
int tc_table_parse(const char *text, size_t len, const struct tc_table_spec *spec,
		   struct tc_samples *out, char *err, size_t errlen);

#endif
