/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The JSON of `iostat -d -k -o JSON [-y] INTERVAL COUNT [DEVICE...]` and of
 * `iostat -d -x -k -o JSON ...` (sysstat 12.x; also 11.x, without
 * discards), read back as numbers, and a cross-check of our diskstats
 * arithmetic against it: over the same interval iostat's kB_read, kB_wrtn
 * and kB_dscd must be the diskstats sector deltas halved. Without -y the
 * first report counts since boot; with -y every report covers one
 * interval. Run iostat with LC_ALL=C (a decimal comma is no JSON number)
 * and with -k (not -m).
 */
#ifndef TC_IOSTAT_H
#define TC_IOSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "diskstats.h"

#define TC_IOSTAT_NAME 64

/* One device of one report. Rates are per second over the report's interval. */
struct tc_iostat_dev {
	char name[TC_IOSTAT_NAME];
	double tps; /* reads + writes + discards completed per second */
	double kb_read_s, kb_wrtn_s, kb_dscd_s;
	__u64 kb_read, kb_wrtn, kb_dscd; /* sector deltas / 2, rounded down */
	/* iostat -x: requests and kB per second, by kind */
	bool extended;
	double r_s, w_s, d_s, f_s, rkb_s, wkb_s, dkb_s, rrqm_s, wrqm_s;
};

/* One element of sysstat.hosts[0].statistics[]: its "disk" array. */
struct tc_iostat_report {
	struct tc_iostat_dev *devs;
	size_t n;
};

struct tc_iostat {
	bool has_dscd; /* sysstat 12 prints discards; 11 does not */
	struct tc_iostat_report *reports;
	size_t n;
};

/*
 * Parse the JSON of `iostat -d -k -o JSON` or `iostat -d -x -k -o JSON`:
 * sysstat.hosts[0].statistics[], a report each, its "disk" array a device
 * each. A report of -x sets extended and the -x rates; one without, the
 * columns of -d -k. Every device has the first one's columns; without
 * kB_dscd there (sysstat 11), has_dscd is false. Returns 0, or -EINVAL
 * with "statistics[1].disk[0] (loop0): no key 'kB_read'"-style reasons
 * (bad JSON: "line L, column C: reason"), or -ENOMEM. Free with
 * tc_iostat__free().
 */
int tc_iostat__parse_json(struct tc_iostat *io, const char *text, char *err, size_t errlen);
/* The same from a file; a reason names the path. */
int tc_iostat__read_json(struct tc_iostat *io, const char *path, char *err, size_t errlen);
/*
 * A device's number by iostat's own name for it: "kB_read", "tps",
 * "r/s", "rkB/s", ... -ENOENT if iostat has no such column here,
 * -ENODATA if it has, but not in this report (a -x column of a report
 * made without -x, or the reverse). *rate: a per-second figure.
 */
int tc_iostat_dev__field(const struct tc_iostat_dev *d, const char *name, double *v, bool *rate);
/* Whether name is a column tc_iostat_dev__field() knows. */
bool tc_iostat_field_known(const char *name);
void tc_iostat__free(struct tc_iostat *io);
/* Device name in report r, or NULL (iostat leaves out devices idle since boot, and with -z idle
 * ones). */
const struct tc_iostat_dev *tc_iostat_report__find(const struct tc_iostat_report *r,
						   const char *name);

/*
 * Cross-check: do reports [first, last) of io, summed for the device
 * delta->name, agree with the diskstats delta over the same time? Each
 * report rounds its kB down from sectors / 2, so over n reports
 * 0 <= sectors - 2 * kB <= n must hold for reads, writes and discards
 * (discards only when both sides have them). A device missing from a
 * report counts 0 there (iostat -z). Returns 0 if they agree, -EDOM if not,
 * with "kB_read 28,912 vs diskstats 57,830 sectors / 2 = 28,915" in msg;
 * -ENOENT if no report names the device, -EINVAL for a bad range.
 */
int tc_iostat__check(const struct tc_iostat *io, size_t first, size_t last,
		     const struct tc_diskstats_dev *delta, char *msg, size_t msglen);

#endif
