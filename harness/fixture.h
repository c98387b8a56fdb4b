/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The disk a scenario's workload uses: a file-backed loop device with
 * direct I/O on (so that what reaches the loop device is what the
 * workload asked for, not the page cache of the backing file), holding a
 * new file system, mounted under a run directory. Every fixture made is
 * registered, and tc_fixtures_release_all() releases them whatever
 * happened: the runner calls it on every exit path, Ctrl-C included.
 */
#ifndef TC_FIXTURE_H
#define TC_FIXTURE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

struct tc_fixture {
	char dir[256];		/* the run directory, removed at release */
	char image[PATH_MAX];
	char dev[32];		/* loop0 */
	char devpath[64];	/* /dev/loop0 */
	char mnt[PATH_MAX];
	char fstype[16];
	int loop_fd;		/* held open while attached */
	int queue_depth;	/* nr_requests as the device was made */
	bool mounted;
	bool registered;
};

/* Make one: size bytes, fstype (ext4); -errno with the step that failed in err. */
int tc_fixture_make(struct tc_fixture *f, __u64 size, const char *fstype, char *err,
		    size_t errlen);
/* Set the device's request queue depth (nr_requests); 0 restores the one it was made with. */
int tc_fixture_queue_depth(struct tc_fixture *f, int depth, char *err, size_t errlen);
/* Unmount, detach, remove; safe to call twice. */
void tc_fixture_release(struct tc_fixture *f);
/* Between runs: a new file system, the page cache dropped, the disk idle. */
int tc_fixture_reset(struct tc_fixture *f, char *err, size_t errlen);
void tc_fixtures_release_all(void);

/* Write back and drop clean caches system-wide (/proc/sys/vm/drop_caches). */
int tc_drop_caches(void);
/* Until nothing is in flight on dev and its counters stand still for settle_ns. */
int tc_wait_idle(const char *dev, __u64 settle_ns, __u64 timeout_ns);

#endif
