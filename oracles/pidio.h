/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /proc/PID/io, the kernel's per-process I/O accounting: bytes through
 * read and write syscalls (rchar, wchar, syscr, syscw) and bytes the
 * process caused to be fetched from or sent to storage (read_bytes,
 * write_bytes, cancelled_write_bytes). One snapshot and the delta of two.
 */
#ifndef TC_PIDIO_H
#define TC_PIDIO_H

#include <stddef.h>
#include <sys/types.h>
#include <linux/types.h>

struct tc_pidio {
	__u64 rchar;		     /* bytes read() and friends returned, cached or not */
	__u64 wchar;		     /* bytes passed to write() and friends */
	__u64 syscr;		     /* read syscalls, including those returning 0 */
	__u64 syscw;		     /* write syscalls */
	__u64 read_bytes;	     /* bytes read from storage on its behalf */
	__u64 write_bytes;	     /* bytes it dirtied, charged when dirtied */
	__u64 cancelled_write_bytes; /* dirtied bytes truncated or deleted before writeback */
};

/*
 * Parse the text of /proc/PID/io. Strict: each of the seven keys exactly
 * once, as "key: number". A well-formed line with another key is skipped,
 * so that a newer kernel's extra counter does not fail a run. Returns 0,
 * or -EINVAL with "line N: reason" (or "no KEY") in err.
 */
int tc_pidio__parse(struct tc_pidio *io, const char *text, char *err, size_t errlen);
/* Read and parse path. */
int tc_pidio__read_path(struct tc_pidio *io, const char *path, char *err, size_t errlen);
/*
 * Read /proc/PID/io. -ENOENT once the process is reaped (its counts then
 * go to its parent's): read it before, e.g. after waitid(WNOWAIT).
 * -EACCES without ptrace read access to the process.
 */
int tc_pidio__read(struct tc_pidio *io, pid_t pid, char *err, size_t errlen);

/*
 * after - before for every counter; -ERANGE, naming the counter, if one
 * went down (not the same process).
 */
int tc_pidio__delta(const struct tc_pidio *before, const struct tc_pidio *after,
		    struct tc_pidio *out, char *err, size_t errlen);

/* The counter called name ("read_bytes", as in the file); -ENOENT if there is none. */
int tc_pidio__field(const struct tc_pidio *io, const char *name, __u64 *v);

#endif
