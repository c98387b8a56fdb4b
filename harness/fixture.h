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

/*
 * Request-queue settings a scenario may ask of its disk (FIXTURE key=N):
 * each a file of /sys/block/DEV/queue/, with the values a scenario may set.
 */
enum tc_queue_attr { TC_Q_NR_REQUESTS, TC_Q_MAX_SECTORS_KB, TC_Q_READ_AHEAD_KB, TC_Q_NR };

struct tc_queue_attr_def {
	const char *key;  /* in FIXTURE: queue_depth= */
	const char *file; /* under /sys/block/DEV/queue/ */
	const char *what; /* for messages: "a queue depth" */
	int min, max;
	int base; /* set on every fixture made, for runs the machine's past does not sway; 0: as made */
};

extern const struct tc_queue_attr_def tc_queue_attrs[TC_Q_NR];

struct tc_fixture {
	char dir[256];		/* the run directory, removed at release */
	char image[PATH_MAX];
	char dev[32];		/* loop0 */
	char devpath[64];	/* /dev/loop0 */
	char mnt[PATH_MAX];
	char fstype[16];
	int loop_fd;		/* held open while attached */
	int found[TC_Q_NR];	/* the queue settings as found, put back at release */
	int queue[TC_Q_NR];	/* the settings of a run that asks for none */
	bool found_ok;
	bool mounted;
	bool registered;
};

/* Make one: size bytes, fstype (ext4); -errno with the step that failed in err. */
int tc_fixture_make(struct tc_fixture *f, __u64 size, const char *fstype, char *err,
		    size_t errlen);
/* Set the device's queue settings; a 0 in want restores that one as the device was made. */
int tc_fixture_queue(struct tc_fixture *f, const int want[TC_Q_NR], char *err, size_t errlen);
/* Unmount, detach, remove; safe to call twice. */
void tc_fixture_release(struct tc_fixture *f);
/* Between runs: a new file system, the page cache dropped, the disk idle. */
int tc_fixture_reset(struct tc_fixture *f, char *err, size_t errlen);
void tc_fixtures_release_all(void);

/* The file loop device dev (loop0) is attached to, as the kernel says it; -ENOENT if free. */
int tc_loop_backing(const char *dev, char *file, size_t size);

/* Write back and drop clean caches system-wide (/proc/sys/vm/drop_caches). */
int tc_drop_caches(void);
/* Until nothing is in flight on dev and its counters stand still for settle_ns. */
int tc_wait_idle(const char *dev, __u64 settle_ns, __u64 timeout_ns);

#endif
