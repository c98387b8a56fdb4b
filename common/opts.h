/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Strict parsers for option values: every number checked whole, with its
 * range, and a device named any way a user would name it. They return
 * 0 or -errno; the caller words the message.
 */
#ifndef TC_OPTS_H
#define TC_OPTS_H

#include <stddef.h>
#include <linux/types.h>

/* A decimal integer in [min, max], nothing after it. */
int tc_parse_u64(const char *s, __u64 min, __u64 max, __u64 *out);
/* "10" (seconds), "10s", "500ms", "250us", "2m", "1.5s": > 0, in ns. */
int tc_parse_duration(const char *s, __u64 *ns);
/* "4096", "64K", "1M", "1G" (powers of 1024), in bytes. */
int tc_parse_size(const char *s, __u64 *bytes);
/* Parse "ns", "us", "ms", "s" into ns per unit; 0 if unknown. */
__u64 tc_unit_ns(const char *unit);
/* "MIN,MAX,STEP" for linear histograms; MAX > MIN, STEP > 0. */
int tc_parse_linear(const char *s, __u64 *min, __u64 *max, __u64 *step);

/*
 * A whole block device as "loop0", "/dev/loop0" or "7:0". *kdev gets the
 * kernel's encoding (major << 20 | minor) that block tracepoints use, name
 * its short name. -ENOENT: no such device; -EISDIR: a partition (block
 * requests are counted per whole disk); -ENOTBLK: not a block device.
 */
int tc_dev_parse(const char *s, __u32 *kdev, char *name, size_t size);
/* The short name of a kernel dev_t ("loop0"), or "MAJ:MIN" if it has none. */
const char *tc_dev_name(__u32 kdev, char *buf, size_t size);

#endif
