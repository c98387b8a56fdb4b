// SPDX-License-Identifier: GPL-2.0
/* Loop-device file-system fixtures; see fixture.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/loop.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "../oracles/diskstats.h"
#include "fixture.h"
#include "runrec.h"

#define MAX_FIXTURES 4

static struct tc_fixture *live[MAX_FIXTURES];

static void reg(struct tc_fixture *f)
{
	for (int i = 0; i < MAX_FIXTURES; i++)
		if (!live[i]) {
			live[i] = f;
			f->registered = true;
			return;
		}
}

static void unreg(struct tc_fixture *f)
{
	for (int i = 0; i < MAX_FIXTURES; i++)
		if (live[i] == f)
			live[i] = NULL;
	f->registered = false;
}

void tc_fixtures_release_all(void)
{
	for (int i = 0; i < MAX_FIXTURES; i++)
		if (live[i])
			tc_fixture_release(live[i]);
}

static void sleep_ns(__u64 ns)
{
	struct timespec ts = { ns / 1000000000ULL, ns % 1000000000ULL };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Run argv, its output to log; 0 if it exited 0. */
static int run(char *const argv[], const char *log)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -errno;
	if (!pid) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 127 ? -ENOENT : -EIO;
}

static void log_tail(const char *log, char *buf, size_t size)
{
	FILE *f = fopen(log, "r");
	size_t n;

	buf[0] = '\0';
	if (!f)
		return;
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
}

static int attach_loop(struct tc_fixture *f, char *err, size_t errlen)
{
	int ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC), nr, backing, ret;
	struct loop_config cfg = { .info = { .lo_flags = LO_FLAGS_DIRECT_IO | LO_FLAGS_AUTOCLEAR } };
	char path[96], dio[8] = "";
	FILE *flag;

	if (ctl < 0) {
		snprintf(err, errlen, "open /dev/loop-control: %s", strerror(errno));
		return -errno;
	}
	nr = ioctl(ctl, LOOP_CTL_GET_FREE);
	close(ctl);
	if (nr < 0) {
		snprintf(err, errlen, "no free loop device: %s", strerror(errno));
		return -errno;
	}
	snprintf(f->dev, sizeof(f->dev), "loop%d", nr);
	snprintf(f->devpath, sizeof(f->devpath), "/dev/loop%d", nr);
	backing = open(f->image, O_RDWR | O_CLOEXEC);
	f->loop_fd = open(f->devpath, O_RDWR | O_CLOEXEC);
	if (backing < 0 || f->loop_fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "open %s: %s", backing < 0 ? f->image : f->devpath,
			 strerror(errno));
		if (backing >= 0)
			close(backing);
		return ret;
	}
	cfg.fd = backing;
	ret = ioctl(f->loop_fd, LOOP_CONFIGURE, &cfg) ? -errno : 0;
	close(backing);
	if (ret) {
		snprintf(err, errlen, "LOOP_CONFIGURE %s: %s", f->devpath, strerror(-ret));
		close(f->loop_fd);
		f->loop_fd = -1;
		return ret;
	}
	/* Direct I/O can be refused quietly (an unaligned backing file system). */
	snprintf(path, sizeof(path), "/sys/block/%s/loop/dio", f->dev);
	flag = fopen(path, "r");
	if (flag) {
		if (!fgets(dio, sizeof(dio), flag))
			dio[0] = '\0';
		fclose(flag);
	}
	if (dio[0] != '1') {
		snprintf(err, errlen, "%s: direct I/O is off (%s): its disk counters would count "
			 "the backing file's page cache", f->devpath, path);
		return -EOPNOTSUPP;
	}
	return 0;
}

static int make_fs(struct tc_fixture *f, char *err, size_t errlen)
{
	char mkfs[32], log[PATH_MAX + 16], tail[256];
	char *ext[] = { mkfs, "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0",
			f->devpath, NULL };
	char *xfs[] = { mkfs, "-q", "-f", f->devpath, NULL };
	bool is_ext = !strncmp(f->fstype, "ext", 3);
	int ret;

	snprintf(mkfs, sizeof(mkfs), "mkfs.%s", f->fstype);
	snprintf(log, sizeof(log), "%s/mkfs.log", f->dir);
	if (!is_ext && strcmp(f->fstype, "xfs")) {
		snprintf(err, errlen, "fs=%s: ext2, ext3, ext4 or xfs", f->fstype);
		return -EINVAL;
	}
	ret = run(is_ext ? ext : xfs, log);
	if (ret) {
		log_tail(log, tail, sizeof(tail));
		snprintf(err, errlen, "%s %s failed%s%s", mkfs, f->devpath,
			 ret == -ENOENT ? ": not installed" : ": ", ret == -ENOENT ? "" : tail);
		return ret;
	}
	/* No background I/O of ext4's own: tools are compared with diskstats. */
	if (!strcmp(f->fstype, "ext4") &&
	    !mount(f->devpath, f->mnt, "ext4", 0, "noinit_itable,no_prefetch_block_bitmaps")) {
		f->mounted = true;
		return 0;
	}
	if (mount(f->devpath, f->mnt, f->fstype, 0, NULL)) {
		snprintf(err, errlen, "mount %s on %s: %s", f->devpath, f->mnt, strerror(errno));
		return -errno;
	}
	f->mounted = true;
	return 0;
}

/*
 * A loop device keeps its queue settings from one use to the next, so a
 * fixture sets the kernel's defaults for the ones runs depend on (a loop
 * device's 128 requests; requests of up to 1280 KiB, or what the device
 * takes) and puts back what it found when it is released. The read-ahead
 * is set again by the kernel when a file is attached: left as made.
 */
const struct tc_queue_attr_def tc_queue_attrs[TC_Q_NR] = {
	[TC_Q_NR_REQUESTS] = { "queue_depth", "nr_requests", "a queue depth", 4, 128, 128 },
	[TC_Q_MAX_SECTORS_KB] = { "max_sectors_kb", "max_sectors_kb", "a request size limit in KiB",
				  4, 1024, 1280 },
	[TC_Q_READ_AHEAD_KB] = { "read_ahead_kb", "read_ahead_kb", "a read-ahead in KiB", 4, 16384,
				 0 },
};

static void queue_path(const struct tc_fixture *f, int a, char *path, size_t size)
{
	snprintf(path, size, "/sys/block/%s/queue/%s", f->dev, tc_queue_attrs[a].file);
}

static int read_queue(const struct tc_fixture *f, int a, int *val, char *err, size_t errlen)
{
	char path[128], buf[32];
	int fd, n;

	queue_path(f, a, path, sizeof(path));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (n <= 0) {
		int e = n < 0 ? errno : EIO;

		snprintf(err, errlen, "read %s: %s", path, strerror(e));
		if (fd >= 0)
			close(fd);
		return -e;
	}
	close(fd);
	buf[n] = '\0';
	*val = atoi(buf);
	return 0;
}

static int set_queue(struct tc_fixture *f, int a, int val, char *err, size_t errlen)
{
	char path[128], buf[16];
	int fd, n, now;

	if (read_queue(f, a, &now, err, errlen))
		return -EIO;
	if (now == val)
		return 0;
	queue_path(f, a, path, sizeof(path));
	n = snprintf(buf, sizeof(buf), "%d", val);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, buf, n) != n) {
		int e = errno;

		snprintf(err, errlen, "%s %d: write %s: %s", tc_queue_attrs[a].key, val, path,
			 strerror(e));
		if (fd >= 0)
			close(fd);
		return -e;
	}
	close(fd);
	if (read_queue(f, a, &now, err, errlen))
		return -EIO;
	if (now != val) {
		snprintf(err, errlen, "%s %d: %s says %d", tc_queue_attrs[a].key, val, path, now);
		return -EINVAL;
	}
	return 0;
}

/* The setting of a run that asks for none: the kernel's default, or what the device takes. */
static int base_queue(struct tc_fixture *f, int a, char *err, size_t errlen)
{
	int want = tc_queue_attrs[a].base, hw;

	f->queue[a] = f->found[a];
	if (!want)
		return 0;
	if (a == TC_Q_MAX_SECTORS_KB) {
		char path[128];
		FILE *hwf;

		snprintf(path, sizeof(path), "/sys/block/%s/queue/max_hw_sectors_kb", f->dev);
		hwf = fopen(path, "r");
		if (hwf && fscanf(hwf, "%d", &hw) == 1 && hw > 0 && hw < want)
			want = hw;
		if (hwf)
			fclose(hwf);
	}
	if (set_queue(f, a, want, err, errlen))
		return -EIO;
	f->queue[a] = want;
	return 0;
}

int tc_fixture_queue(struct tc_fixture *f, const int want[TC_Q_NR], char *err, size_t errlen)
{
	for (int a = 0; a < TC_Q_NR; a++) {
		int ret = set_queue(f, a, want[a] ? want[a] : f->queue[a], err, errlen);

		if (ret)
			return ret;
	}
	return 0;
}

int tc_fixture_make(struct tc_fixture *f, __u64 size, const char *fstype, char *err,
		    size_t errlen)
{
	int fd, ret;

	memset(f, 0, sizeof(*f));
	f->loop_fd = -1;
	snprintf(f->fstype, sizeof(f->fstype), "%s", fstype);
	snprintf(f->dir, sizeof(f->dir), "/tmp/tracecal-run.XXXXXX");
	if (!mkdtemp(f->dir)) {
		snprintf(err, errlen, "mkdtemp %s: %s", f->dir, strerror(errno));
		return -errno;
	}
	reg(f);
	snprintf(f->image, sizeof(f->image), "%s/disk.img", f->dir);
	snprintf(f->mnt, sizeof(f->mnt), "%s/mnt", f->dir);
	/* Recorded before they exist: a run killed from here on leaves them to the next. */
	tc_runrec_note("dir %s", f->dir);
	tc_runrec_note("image %s", f->image);
	tc_runrec_note("mount %s", f->mnt);
	fd = open(f->image, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || ftruncate(fd, size) || mkdir(f->mnt, 0755)) {
		ret = -errno;
		snprintf(err, errlen, "make %s: %s", f->image, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto fail;
	}
	close(fd);
	ret = attach_loop(f, err, errlen);
	if (!ret)
		ret = make_fs(f, err, errlen);
	if (!ret)
		ret = tc_wait_idle(f->dev, 300000000ULL, 10000000000ULL);
	for (int a = 0; !ret && a < TC_Q_NR; a++) {
		ret = read_queue(f, a, &f->found[a], err, errlen);
		if (!ret)
			tc_runrec_note("queue %s %s %d", f->dev, tc_queue_attrs[a].file, f->found[a]);
	}
	f->found_ok = !ret;
	for (int a = 0; !ret && a < TC_Q_NR; a++)
		ret = base_queue(f, a, err, errlen);
	if (!ret)
		return 0;
fail:
	tc_fixture_release(f);
	return ret;
}

void tc_fixture_release(struct tc_fixture *f)
{
	if (f->mounted && umount(f->mnt))
		umount2(f->mnt, MNT_DETACH); /* busy: detach now, freed when unused */
	f->mounted = false;
	if (f->loop_fd >= 0 && f->found_ok) {
		char err[256];

		/* The next user of this loop device finds it as we did. */
		for (int a = 0; a < TC_Q_NR; a++)
			set_queue(f, a, f->found[a], err, sizeof(err));
		f->found_ok = false;
	}
	if (f->loop_fd >= 0) {
		/* Autoclear detaches it now that it is unmounted; say so explicitly too. */
		ioctl(f->loop_fd, LOOP_CLR_FD, 0);
		close(f->loop_fd);
		f->loop_fd = -1;
	}
	if (f->image[0])
		unlink(f->image);
	if (f->mnt[0])
		rmdir(f->mnt);
	if (f->dir[0]) {
		char log[PATH_MAX + 16];

		snprintf(log, sizeof(log), "%s/mkfs.log", f->dir);
		unlink(log);
		rmdir(f->dir);
		tc_runrec_note("released %s", f->dir);
	}
	f->image[0] = f->mnt[0] = f->dir[0] = '\0';
	if (f->registered)
		unreg(f);
}

int tc_loop_backing(const char *dev, char *file, size_t size)
{
	char path[300];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/block/%s/loop/backing_file", dev);
	f = fopen(path, "re");
	if (!f)
		return -ENOENT; /* not attached */
	if (!fgets(file, size, f))
		file[0] = '\0';
	fclose(f);
	file[strcspn(file, "\n")] = '\0';
	return 0;
}

int tc_drop_caches(void)
{
	int fd, ret = 0;

	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, "3", 1) != 1)
		ret = -errno;
	close(fd);
	return ret;
}

int tc_fixture_reset(struct tc_fixture *f, char *err, size_t errlen)
{
	int ret;

	/*
	 * A new file system each run, not an emptied one: the same layout every
	 * time (where a file's blocks go, which metadata a read must fetch
	 * first), so that a run is the same run whichever ran before it.
	 */
	if (f->mounted && umount(f->mnt)) {
		snprintf(err, errlen, "unmount %s: %s", f->mnt, strerror(errno));
		return -errno;
	}
	f->mounted = false;
	ret = make_fs(f, err, errlen);
	if (ret)
		return ret;
	ret = tc_drop_caches();
	if (ret) {
		snprintf(err, errlen, "drop caches: %s", strerror(-ret));
		return ret;
	}
	ret = tc_wait_idle(f->dev, 300000000ULL, 10000000000ULL);
	if (ret)
		snprintf(err, errlen, "%s did not become idle", f->dev);
	return ret;
}

/* The device's /proc/diskstats line, read with the diskstats oracle's reader. */
static int counters(const char *dev, struct tc_diskstats_dev *d)
{
	struct tc_diskstats ds = {};
	const struct tc_diskstats_dev *found;
	char why[200];
	int ret;

	ret = tc_diskstats__read(&ds, TC_DISKSTATS_PATH, why, sizeof(why));
	if (ret)
		return ret;
	found = tc_diskstats__find(&ds, dev);
	if (found)
		*d = *found;
	tc_diskstats__free(&ds);
	return found ? 0 : -ENOENT;
}

int tc_wait_idle(const char *dev, __u64 settle_ns, __u64 timeout_ns)
{
	struct tc_diskstats_dev last = {}, now;
	__u64 start = now_ns(), stable = 0;

	for (;;) {
		int ret = counters(dev, &now);

		if (ret)
			return ret;
		if (!now.in_flight && tc_diskstats_dev__same(&now, &last)) {
			if (now_ns() - stable >= settle_ns)
				return 0;
		} else {
			stable = now_ns();
			last = now;
		}
		if (now_ns() - start > timeout_ns)
			return -ETIMEDOUT;
		sleep_ns(20000000ULL);
	}
}
