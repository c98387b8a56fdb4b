/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /proc/diskstats, the kernel's own per-device block I/O counters and what
 * iostat reads: every field of the three layouts the kernel has printed
 * (Documentation/admin-guide/iostats.rst), one snapshot, the delta of two,
 * and bytes from sectors. A sector here is always 512 bytes, whatever the
 * device's logical or physical sector size.
 */
#ifndef TC_DISKSTATS_H
#define TC_DISKSTATS_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#define TC_DISKSTATS_PATH "/proc/diskstats"
#define TC_DISKSTATS_NAME 64
#define TC_SECTOR_BYTES	  512

/*
 * Statistics after major, minor and name: 11 before 4.18 (14 fields on
 * the line), 15 with discards since 4.18 (18), 17 with flushes since 5.5
 * (20). Fields a layout lacks read 0. The *_ticks, io_ticks and
 * time_in_queue are milliseconds, printed as 32-bit unsigned and so wrap.
 */
enum { TC_DISKSTATS_V1 = 11, TC_DISKSTATS_V2 = 15, TC_DISKSTATS_V3 = 17 };

/* One line: one whole disk or partition. */
struct tc_diskstats_dev {
	unsigned int major, minor;
	char name[TC_DISKSTATS_NAME];
	int nstats;				       /* 11, 15 or 17 */
	__u64 rd_ios, rd_merges, rd_sectors, rd_ticks; /* fields 1-4 */
	__u64 wr_ios, wr_merges, wr_sectors, wr_ticks; /* fields 5-8 */
	__u64 in_flight, io_ticks, time_in_queue;      /* fields 9-11; 9 is a gauge */
	__u64 dc_ios, dc_merges, dc_sectors, dc_ticks; /* fields 12-15 */
	__u64 fl_ios, fl_ticks;			       /* fields 16-17 */
};

/* One snapshot of the whole file, devices in file order. */
struct tc_diskstats {
	struct tc_diskstats_dev *devs;
	size_t n;
};

/*
 * Parse the text of /proc/diskstats. Strict: every line has one of the
 * three layouts, all lines the same one, every number whole, no device
 * twice, and a newline at the end. Returns 0, or -EINVAL (-ENOMEM) with
 * "line N (NAME): reason" in err. The caller frees with tc_diskstats__free().
 */
int tc_diskstats__parse(struct tc_diskstats *ds, const char *text, char *err, size_t errlen);
/* Read and parse path (NULL: /proc/diskstats); a reason names the path. */
int tc_diskstats__read(struct tc_diskstats *ds, const char *path, char *err, size_t errlen);
void tc_diskstats__free(struct tc_diskstats *ds);
/* The device called name ("loop0"), or NULL. */
const struct tc_diskstats_dev *tc_diskstats__find(const struct tc_diskstats *ds, const char *name);

/*
 * after - before, field by field, into out (name, numbers and layout of
 * after; in_flight is after's, a gauge). The millisecond fields are taken
 * modulo 2^32 when they wrapped. Any other count that went down means the
 * device was detached and attached again, or is another one: -ERANGE, as
 * are different major:minor or layouts (-EINVAL), with the field in err.
 */
int tc_diskstats_dev__delta(const struct tc_diskstats_dev *before,
			    const struct tc_diskstats_dev *after, struct tc_diskstats_dev *out,
			    char *err, size_t errlen);
/* The same for the device called name in two snapshots; -ENOENT if missing. */
int tc_diskstats__delta_dev(const struct tc_diskstats *before, const struct tc_diskstats *after,
			    const char *name, struct tc_diskstats_dev *out, char *err,
			    size_t errlen);

/* Whether two readings of a device have the same layout and every statistic the same. */
bool tc_diskstats_dev__same(const struct tc_diskstats_dev *a, const struct tc_diskstats_dev *b);

/* Bytes: sectors * 512. */
__u64 tc_diskstats_dev__read_bytes(const struct tc_diskstats_dev *d);
__u64 tc_diskstats_dev__write_bytes(const struct tc_diskstats_dev *d);
__u64 tc_diskstats_dev__discard_bytes(const struct tc_diskstats_dev *d);
/*
 * A field by the name scenarios give it (reads, read_bytes, ios = reads +
 * writes, in_flight, ...); -ENOENT if there is none.
 */
int tc_diskstats_dev__field(const struct tc_diskstats_dev *d, const char *name, __u64 *v);

#endif
