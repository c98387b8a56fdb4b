// SPDX-License-Identifier: GPL-2.0
/* The record of a run's fixtures, and finding the dead runs'; see runrec.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include "runrec.h"

#define NEW_PREFIX ".new."   /* a record being made: not yet locked and named */
#define NEW_STALE_SECS 60    /* a .new. folder this old was left by a harness killed making it */

static struct {
	char folder[512];
	int lock_fd; /* the owner file, locked for as long as this process lives */
	int fixtures_fd;
} me = { .lock_fd = -1, .fixtures_fd = -1 };

const char *tc_runrec_state_dir(void)
{
	const char *dir = getenv("TRACECAL_STATE_DIR");

	return dir && *dir ? dir : "/run/tracecal";
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		buf += n;
		len -= n;
	}
	return 0;
}

/* Made and locked under a dot-name, then renamed: no scan sees it unlocked. */
static int make_record(const char *state, const char *command, char *err, size_t errlen)
{
	char tmp[512], path[640], owner[1024];
	int n, ret;

	snprintf(tmp, sizeof(tmp), "%s/" NEW_PREFIX "XXXXXX", state);
	if (!mkdtemp(tmp)) {
		snprintf(err, errlen, "mkdtemp %s: %s", tmp, strerror(errno));
		return -errno;
	}
	snprintf(path, sizeof(path), "%s/owner", tmp);
	me.lock_fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (me.lock_fd < 0 || flock(me.lock_fd, LOCK_EX | LOCK_NB)) {
		ret = -errno;
		snprintf(err, errlen, "lock %s: %s", path, strerror(errno));
		goto fail;
	}
	n = snprintf(owner, sizeof(owner), "pid %d\nstarted %lld\ncommand %.900s\n", getpid(),
		     (long long)time(NULL), command);
	ret = write_all(me.lock_fd, owner, n);
	if (ret) {
		snprintf(err, errlen, "write %s: %s", path, strerror(-ret));
		goto fail;
	}
	snprintf(me.folder, sizeof(me.folder), "%s/run.%d.%s", state, getpid(),
		 tmp + strlen(tmp) - 6);
	if (rename(tmp, me.folder)) {
		ret = -errno;
		snprintf(err, errlen, "rename %s to %s: %s", tmp, me.folder, strerror(errno));
		me.folder[0] = '\0';
		goto fail;
	}
	return 0;
fail:
	if (me.lock_fd >= 0)
		close(me.lock_fd);
	me.lock_fd = -1;
	unlink(path);
	rmdir(tmp);
	return ret;
}

int tc_runrec_begin(const char *command, char *err, size_t errlen)
{
	const char *state = tc_runrec_state_dir();
	char path[640];
	int ret;

	if (me.lock_fd >= 0)
		return 0;
	if (mkdir(state, 0755) && errno == ENOENT) {
		char parent[512], *slash;

		/* A minimal system (the VM guests' initramfs) may have no /run yet. */
		snprintf(parent, sizeof(parent), "%s", state);
		slash = strrchr(parent, '/');
		if (slash && slash != parent) {
			*slash = '\0';
			mkdir(parent, 0755);
		}
	}
	if (mkdir(state, 0755) && errno != EEXIST) {
		snprintf(err, errlen, "mkdir %s: %s", state, strerror(errno));
		return -errno;
	}
	ret = make_record(state, command, err, errlen);
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "%s/fixtures", me.folder);
	me.fixtures_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (me.fixtures_fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "open %s: %s", path, strerror(errno));
		tc_runrec_end();
		return ret;
	}
	/* Every child and grandchild inherits it: how a dead run's strays are found. */
	setenv(TC_RUNREC_ENV, me.folder, 1);
	return 0;
}

void tc_runrec_note(const char *fmt, ...)
{
	char line[1200];
	va_list ap;
	int n;

	if (me.fixtures_fd < 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= (int)sizeof(line) - 1)
		return; /* no path this long is made here */
	line[n++] = '\n';
	/* One write of a whole line with O_APPEND: a kill cannot leave half of one. */
	write_all(me.fixtures_fd, line, n);
}

void tc_runrec_end(void)
{
	char path[640];

	if (me.fixtures_fd >= 0)
		close(me.fixtures_fd);
	me.fixtures_fd = -1;
	if (me.folder[0]) {
		snprintf(path, sizeof(path), "%s/fixtures", me.folder);
		unlink(path);
		snprintf(path, sizeof(path), "%s/owner", me.folder);
		unlink(path);
		rmdir(me.folder);
		me.folder[0] = '\0';
	}
	if (me.lock_fd >= 0)
		close(me.lock_fd);
	me.lock_fd = -1;
	unsetenv(TC_RUNREC_ENV);
}

static void read_owner(int fd, struct tc_deadrun *d)
{
	char buf[1200], *line, *save;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	buf[n > 0 ? n : 0] = '\0';
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "pid ", 4))
			d->pid = atol(line + 4);
		else if (!strncmp(line, "started ", 8))
			d->started = atoll(line + 8);
		else if (!strncmp(line, "command ", 8))
			snprintf(d->command, sizeof(d->command), "%s", line + 8);
	}
}

static int read_lines(const char *path, struct tc_deadrun *d)
{
	FILE *f = fopen(path, "re");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		return errno == ENOENT ? 0 : -errno;
	while ((n = getline(&line, &cap, f)) > 0) {
		char **v = realloc(d->lines, (d->nlines + 1) * sizeof(*v));

		if (!v) {
			fclose(f);
			free(line);
			return -ENOMEM;
		}
		d->lines = v;
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		d->lines[d->nlines++] = line;
		line = NULL;
		cap = 0;
	}
	free(line);
	fclose(f);
	return 0;
}

static void free_lines(struct tc_deadrun *d)
{
	for (int i = 0; i < d->nlines; i++)
		free(d->lines[i]);
	free(d->lines);
	d->lines = NULL;
	d->nlines = 0;
}

/* Its files, then itself; the lock is held until the folder is gone. */
static void drop_record(const char *folder)
{
	char path[640];

	snprintf(path, sizeof(path), "%s/fixtures", folder);
	unlink(path);
	snprintf(path, sizeof(path), "%s/owner", folder);
	unlink(path);
	rmdir(folder);
}

static void say_live(FILE *f, const char *folder, int fd)
{
	struct tc_deadrun d = {};

	read_owner(fd, &d);
	fprintf(f, "live run %ld (%s): left alone (%s)\n", d.pid, d.command, folder);
}

/* One run's folder: released if its owner is dead; the failures. */
static int clean_one(const char *folder, bool is_new, bool dry_run, bool verbose, FILE *f,
		     struct tc_clean_stats *st)
{
	struct tc_deadrun d = {};
	char path[640];
	struct stat sb;
	int fd, failed = 0;

	snprintf(path, sizeof(path), "%s/owner", folder);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (is_new && (stat(folder, &sb) || time(NULL) - sb.st_mtime < NEW_STALE_SECS)) {
		if (fd >= 0)
			close(fd);
		return 0; /* being made right now, most likely */
	}
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB)) {
		if (verbose)
			say_live(f, folder, fd);
		st->live++;
		close(fd);
		return 0;
	}
	snprintf(d.folder, sizeof(d.folder), "%s", folder);
	if (fd >= 0)
		read_owner(fd, &d);
	snprintf(path, sizeof(path), "%s/fixtures", folder);
	if (read_lines(path, &d)) {
		fprintf(f, "cannot read %s: %s\n", path, strerror(errno));
		failed = 1;
	} else {
		st->dead++;
		failed = tc_release_run(&d, dry_run, f);
		if (!dry_run && !failed)
			drop_record(folder);
	}
	free_lines(&d);
	if (fd >= 0)
		close(fd);
	return failed;
}

int tc_runrec_clean(bool dry_run, bool verbose, FILE *f, struct tc_clean_stats *st)
{
	const char *state = tc_runrec_state_dir();
	DIR *dir = opendir(state);
	struct dirent *e;

	memset(st, 0, sizeof(*st));
	if (!dir)
		return errno == ENOENT ? 0 : -errno;
	while ((e = readdir(dir))) {
		bool is_new = !strncmp(e->d_name, NEW_PREFIX, strlen(NEW_PREFIX));
		char folder[512];

		if (strncmp(e->d_name, "run.", 4) && !is_new)
			continue;
		if (snprintf(folder, sizeof(folder), "%s/%s", state, e->d_name) >= (int)sizeof(folder))
			continue;
		if (!strcmp(folder, me.folder))
			continue;
		st->failed += clean_one(folder, is_new, dry_run, verbose, f, st);
	}
	closedir(dir);
	return 0;
}
