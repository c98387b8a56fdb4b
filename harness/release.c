// SPDX-License-Identifier: GPL-2.0
/*
 * Releasing what a dead run left behind, from its record (runrec.h): its
 * processes (by TRACECAL_RUN_ID in their environment), then its mounts,
 * its loop devices (found by their backing file, not by a number another
 * run may have taken since), their queue settings as found, and its
 * folders. Each step says what it did, or with dry_run what it would do.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/loop.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "fixture.h"
#include "runrec.h"

#define MAX_ITEMS 64

struct rel {
	const struct tc_deadrun *d;
	bool dry;
	FILE *f;
	bool said; /* the run's header line is out */
	int failed;
	char loops[MAX_ITEMS][32]; /* loop0: backed by one of its images */
	char loop_img[MAX_ITEMS][512];
	int nloops;
};

__attribute__((format(printf, 3, 4)))
static void say(struct rel *r, const char *verb, const char *fmt, ...)
{
	va_list ap;

	if (!r->said) {
		char when[32] = "?";
		time_t t = r->d->started;

		if (t)
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", localtime(&t));
		fprintf(r->f, "dead run %ld (%s, started %s) left fixtures; %s:\n", r->d->pid,
			r->d->command[0] ? r->d->command : "?", when,
			r->dry ? "would release" : "released");
		r->said = true;
	}
	fprintf(r->f, "  %s%s ", r->dry ? "would " : "", verb);
	va_start(ap, fmt);
	vfprintf(r->f, fmt, ap);
	va_end(ap);
	fputc('\n', r->f);
}

/* The record's entries of a kind, as paths; kind "dir" gives "dir PATH" lines' PATH. */
static const char *entry(const char *line, const char *kind)
{
	size_t n = strlen(kind);

	return !strncmp(line, kind, n) && line[n] == ' ' ? line + n + 1 : NULL;
}

static bool under(const char *path, const char *top)
{
	size_t n = strlen(top);

	return !strncmp(path, top, n) && (path[n] == '\0' || path[n] == '/');
}

/* Released by its run before it died: not ours to touch any more. */
static bool released(const struct tc_deadrun *d, const char *path)
{
	for (int i = 0; i < d->nlines; i++) {
		const char *r = entry(d->lines[i], "released");

		if (r && under(path, r))
			return true;
	}
	return false;
}

/* A path of the record, still ours: a recorded entry of kind, not released since. */
static bool recorded(const struct tc_deadrun *d, const char *kind, const char *path, bool below)
{
	for (int i = 0; i < d->nlines; i++) {
		const char *p = entry(d->lines[i], kind);

		if (p && (below ? under(path, p) : !strcmp(path, p)))
			return !released(d, path);
	}
	return false;
}

static bool has_env(pid_t pid, const char *want, size_t wlen)
{
	char path[64], buf[65536];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/environ", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	for (ssize_t i = 0; n > 0 && i < n; i += strlen(buf + i) + 1) {
		buf[n] = '\0';
		if (!strncmp(buf + i, want, wlen) && buf[i + wlen] == '\0')
			return true;
	}
	return false;
}

static void comm_of(pid_t pid, char *out, size_t size)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	f = fopen(path, "re");
	if (!f || !fgets(out, size, f))
		snprintf(out, size, "?");
	if (f)
		fclose(f);
	out[strcspn(out, "\n")] = '\0';
}

static bool gone(pid_t pid)
{
	char path[64], buf[256], *p;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "re");
	if (!f)
		return true;
	p = fgets(buf, sizeof(buf), f) ? strrchr(buf, ')') : NULL;
	fclose(f);
	return p && (p[2] == 'Z' || p[2] == 'X'); /* dead, its reaper not yet there */
}

/* Its processes, grandchildren and qemu included, by the run id they inherited. */
static void kill_strays(struct rel *r)
{
	char want[600];
	pid_t pids[MAX_ITEMS];
	int n = 0, wlen;
	DIR *proc = opendir("/proc");
	struct dirent *e;

	wlen = snprintf(want, sizeof(want), "%s=%s", TC_RUNREC_ENV, r->d->folder);
	while (proc && (e = readdir(proc)) && n < MAX_ITEMS) {
		pid_t pid = atoi(e->d_name);
		char comm[32];

		if (pid <= 1 || pid == getpid() || !has_env(pid, want, wlen) || gone(pid))
			continue;
		comm_of(pid, comm, sizeof(comm));
		say(r, r->dry ? "kill" : "killed", "pid %d (%s)", pid, comm);
		if (!r->dry && !kill(pid, SIGKILL))
			pids[n++] = pid;
	}
	if (proc)
		closedir(proc);
	/* Until they are gone: a process in a mount keeps it busy. */
	for (int t = 0; t < 250; t++) {
		int left = 0;

		for (int i = 0; i < n; i++)
			left += !gone(pids[i]);
		if (!left)
			return;
		usleep(20000);
	}
	fprintf(r->f, "  (some of its processes are still exiting)\n");
}

/* The loop devices backed by one of its images, now. */
static void find_loops(struct rel *r)
{
	DIR *dir = opendir("/sys/block");
	struct dirent *e;

	while (dir && (e = readdir(dir)) && r->nloops < MAX_ITEMS) {
		char back[512] = "";
		char *del;

		if (strncmp(e->d_name, "loop", 4) || tc_loop_backing(e->d_name, back, sizeof(back)))
			continue; /* not attached */
		del = strstr(back, " (deleted)"); /* the image was removed, the device kept */
		if (del && !del[10])
			*del = '\0';
		if (!back[0] || !recorded(r->d, "image", back, false))
			continue;
		snprintf(r->loops[r->nloops], sizeof(r->loops[0]), "%.31s", e->d_name);
		snprintf(r->loop_img[r->nloops++], sizeof(r->loop_img[0]), "%s", back);
	}
	if (dir)
		closedir(dir);
}

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] && s[3]) {
			*o++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

static int by_length_desc(const void *a, const void *b)
{
	return (int)strlen((const char *)b) - (int)strlen((const char *)a);
}

/* Its mount points, and any mount under one of its folders; the deepest first. */
static void unmount_all(struct rel *r)
{
	static char mnts[MAX_ITEMS][1024];
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[2048];
	int n = 0;

	while (f && fgets(line, sizeof(line), f) && n < MAX_ITEMS) {
		char mp[1024];

		if (sscanf(line, "%*s %*s %*s %*s %1023s", mp) != 1)
			continue;
		unescape(mp);
		if (recorded(r->d, "mount", mp, false) || recorded(r->d, "dir", mp, true))
			snprintf(mnts[n++], sizeof(mnts[0]), "%s", mp);
	}
	if (f)
		fclose(f);
	qsort(mnts, n, sizeof(mnts[0]), by_length_desc);
	for (int i = 0; i < n; i++) {
		if (r->dry) {
			say(r, "unmount", "%s", mnts[i]);
		} else if (!umount(mnts[i])) {
			say(r, "unmounted", "%s", mnts[i]);
		} else if (!umount2(mnts[i], MNT_DETACH)) {
			say(r, "unmounted", "%s (busy: detached, freed when its last user goes)",
			    mnts[i]);
		} else {
			fprintf(r->f, "  cannot unmount %s: %s\n", mnts[i], strerror(errno));
			r->failed++;
		}
	}
}

static bool still_backed(const char *dev)
{
	char file[512];

	return !tc_loop_backing(dev, file, sizeof(file));
}

/* Each queue setting of dev as the run found it (the last recorded of each wins). */
static void restore_queue(struct rel *r, const char *dev)
{
	char attrs[8][64];
	int vals[8], n = 0;

	for (int i = 0; i < r->d->nlines; i++) {
		char ldev[32], attr[64];
		int val, k;

		if (sscanf(r->d->lines[i], "queue %31s %63s %d", ldev, attr, &val) != 3 ||
		    strcmp(ldev, dev) || strchr(attr, '/'))
			continue;
		for (k = 0; k < n && strcmp(attrs[k], attr); k++)
			;
		if (k == 8)
			continue;
		snprintf(attrs[k], sizeof(attrs[k]), "%s", attr);
		vals[k] = val;
		n += k == n;
	}
	for (int k = 0; k < n; k++) {
		char path[640], buf[16];
		int fd, len = snprintf(buf, sizeof(buf), "%d", vals[k]);

		snprintf(path, sizeof(path), "/sys/block/%s/queue/%s", dev, attrs[k]);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0 || write(fd, buf, len) != len)
			fprintf(r->f, "  cannot put back %s as found (%s): %s\n", path, buf,
				strerror(errno));
		if (fd >= 0)
			close(fd);
	}
}

static void detach_loops(struct rel *r)
{
	for (int i = 0; i < r->nloops; i++) {
		char devpath[48];
		int fd;

		snprintf(devpath, sizeof(devpath), "/dev/%s", r->loops[i]);
		if (r->dry) {
			say(r, "detach", "%s (%s)", devpath, r->loop_img[i]);
			continue;
		}
		/* Autoclear has detached it at the unmount, as a rule; else now. */
		fd = still_backed(r->loops[i]) ? open(devpath, O_RDWR | O_CLOEXEC) : -1;
		if (fd >= 0) {
			ioctl(fd, LOOP_CLR_FD, 0);
			close(fd);
		}
		for (int t = 0; t < 100 && still_backed(r->loops[i]); t++)
			usleep(20000);
		if (still_backed(r->loops[i])) {
			fprintf(r->f, "  cannot detach %s (%s): still attached\n", devpath,
				r->loop_img[i]);
			r->failed++;
			continue;
		}
		say(r, "detached", "%s (%s)", devpath, r->loop_img[i]);
		restore_queue(r, r->loops[i]);
	}
}

static long long du_bytes;

static int add_size(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)path;
	(void)type;
	(void)ftw;
	du_bytes += (long long)st->st_blocks * 512;
	return 0;
}

static int rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

/* Only a folder of ours by its name: /ABSOLUTE/PATH/tracecal-WHAT.XXXXXX. */
static bool safe_dir(const char *p)
{
	const char *base = strrchr(p, '/');

	return p[0] == '/' && !strstr(p, "/../") && !strstr(p, "/./") && base &&
	       !strncmp(base + 1, "tracecal-", 9);
}

static void remove_dirs(struct rel *r)
{
	for (int i = 0; i < r->d->nlines; i++) {
		const char *dir = entry(r->d->lines[i], "dir");
		struct stat st;

		if (!dir || released(r->d, dir) || lstat(dir, &st) || !S_ISDIR(st.st_mode))
			continue;
		if (!safe_dir(dir)) {
			fprintf(r->f, "  left %s: not a name tracecal gives its folders\n", dir);
			r->failed++;
			continue;
		}
		du_bytes = 0;
		/* FTW_MOUNT: never into a file system still mounted below it. */
		nftw(dir, add_size, 16, FTW_PHYS | FTW_MOUNT);
		if (r->dry) {
			say(r, "remove", "%s (%.0f MB)", dir, du_bytes / 1e6);
			continue;
		}
		nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
		if (!lstat(dir, &st)) {
			fprintf(r->f, "  cannot remove %s entirely\n", dir);
			r->failed++;
			continue;
		}
		say(r, "removed", "%s (%.0f MB)", dir, du_bytes / 1e6);
	}
}

/* A window's witness left its tracefs instance (harness/witness.c): rmdir takes it. */
static void remove_instances(struct rel *r)
{
	for (int i = 0; i < r->d->nlines; i++) {
		const char *inst = entry(r->d->lines[i], "instance");
		const char *base = inst ? strrchr(inst, '/') : NULL;
		struct stat st;

		if (!inst || released(r->d, inst) || lstat(inst, &st) || !S_ISDIR(st.st_mode))
			continue;
		if (!base || strncmp(base + 1, "tracecal-witness.", 17) || !strstr(inst, "/instances/")) {
			fprintf(r->f, "  left %s: not a tracefs instance tracecal names\n", inst);
			r->failed++;
		} else if (r->dry) {
			say(r, "remove", "tracefs instance %s", inst);
		} else if (rmdir(inst)) {
			fprintf(r->f, "  cannot remove tracefs instance %s: %s\n", inst, strerror(errno));
			r->failed++;
		} else {
			say(r, "removed", "tracefs instance %s", inst);
		}
	}
}

int tc_release_run(const struct tc_deadrun *d, bool dry_run, FILE *f)
{
	struct rel r = { .d = d, .dry = dry_run, .f = f };

	kill_strays(&r);
	find_loops(&r);
	unmount_all(&r);
	detach_loops(&r);
	remove_dirs(&r);
	remove_instances(&r);
	fflush(f);
	return r.failed;
}
