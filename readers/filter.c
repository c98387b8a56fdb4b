// SPDX-License-Identifier: GPL-2.0
/*
 * Filter commands: spawn, feed and drain with poll(), kill and reap; see
 * filter.h. Writes to the command's stdin are made with SIGPIPE blocked
 * in this thread, so that a command which stops reading gives EPIPE here
 * rather than killing the harness.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "filter.h"

#define OUT_MAX (256u << 20)
#define ERR_TAIL 4096
#define CHUNK 65536

extern char **environ;

struct child {
	pid_t pid;	/* 0 once reaped */
	int in, out, err; /* our ends; -1 once closed */
	const char *input;
	size_t len, off;
	char *obuf;
	size_t olen, ocap;
	char etail[ERR_TAIL]; /* the last of its stderr */
	size_t elen;
	int status;
	bool exited, timed_out;
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int spawn_attrs(posix_spawn_file_actions_t *fa, posix_spawnattr_t *at, int in, int out,
		       int err)
{
	static const int dfl[] = { SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD };
	sigset_t none, def;

	sigemptyset(&none);
	sigemptyset(&def);
	for (size_t i = 0; i < sizeof(dfl) / sizeof(dfl[0]); i++)
		sigaddset(&def, dfl[i]);
	if (posix_spawn_file_actions_adddup2(fa, in, 0) ||
	    posix_spawn_file_actions_adddup2(fa, out, 1) ||
	    posix_spawn_file_actions_adddup2(fa, err, 2) ||
	    posix_spawnattr_setflags(at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
					     POSIX_SPAWN_SETSIGDEF) ||
	    posix_spawnattr_setpgroup(at, 0) || posix_spawnattr_setsigmask(at, &none) ||
	    posix_spawnattr_setsigdefault(at, &def))
		return -ENOMEM;
	return 0;
}

/* /bin/sh -c COMMAND, its stdio our pipes, in a process group of its own. */
static int spawn(struct child *c, const char *command)
{
	char *argv[] = { "sh", "-c", (char *)command, NULL };
	int p[3][2] = { { -1, -1 }, { -1, -1 }, { -1, -1 } }, ret = 0;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;

	for (int i = 0; i < 3 && !ret; i++)
		if (pipe2(p[i], O_CLOEXEC))
			ret = -errno;
	if (!ret && (posix_spawn_file_actions_init(&fa) || posix_spawnattr_init(&at)))
		ret = -ENOMEM;
	if (!ret) {
		ret = spawn_attrs(&fa, &at, p[0][0], p[1][1], p[2][1]);
		if (!ret)
			ret = -posix_spawn(&c->pid, "/bin/sh", &fa, &at, argv, environ);
		posix_spawn_file_actions_destroy(&fa);
		posix_spawnattr_destroy(&at);
	}
	if (ret)
		c->pid = 0;
	c->in = p[0][1];
	c->out = p[1][0];
	c->err = p[2][0];
	close_fd(&p[0][0]);
	close_fd(&p[1][1]);
	close_fd(&p[2][1]);
	for (int i = 0; i < 3 && !ret; i++)
		fcntl(i == 0 ? c->in : i == 1 ? c->out : c->err, F_SETFL, O_NONBLOCK);
	return ret;
}

/* write(), with a SIGPIPE it raises taken back: EPIPE instead. */
static ssize_t write_nosigpipe(int fd, const void *buf, size_t n)
{
	struct timespec zero = { 0 };
	sigset_t pipe_set, old, pending;
	bool was_pending;
	ssize_t w;
	int e;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	sigpending(&pending);
	was_pending = sigismember(&pending, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	w = write(fd, buf, n);
	e = errno;
	if (w < 0 && e == EPIPE && !was_pending)
		while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
			;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = e;
	return w;
}

static int feed(struct child *c)
{
	size_t n = c->len - c->off < CHUNK ? c->len - c->off : CHUNK;
	ssize_t w = write_nosigpipe(c->in, c->input + c->off, n);

	if (w < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (w < 0 && errno != EPIPE) /* EPIPE: it stopped reading, its business */
		return -errno;
	c->off += w > 0 ? w : 0;
	if (w < 0 || c->off == c->len)
		close_fd(&c->in);
	return 0;
}

static int drain_out(struct child *c)
{
	ssize_t r;

	if (c->ocap - c->olen < CHUNK) {
		size_t cap = c->ocap ? c->ocap * 2 : 4 * CHUNK;
		char *p;

		if (c->olen + CHUNK > OUT_MAX)
			return -EFBIG;
		p = realloc(c->obuf, cap);
		if (!p)
			return -ENOMEM;
		c->obuf = p;
		c->ocap = cap;
	}
	r = read(c->out, c->obuf + c->olen, c->ocap - c->olen);
	if (r < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -errno;
	if (!r)
		close_fd(&c->out);
	c->olen += r;
	return 0;
}

/* Keep the last ERR_TAIL bytes of its stderr. */
static int drain_err(struct child *c)
{
	char buf[ERR_TAIL];
	ssize_t r = read(c->err, buf, sizeof(buf));

	if (r < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -errno;
	if (!r) {
		close_fd(&c->err);
		return 0;
	}
	if ((size_t)r == ERR_TAIL)
		c->elen = 0;
	if (c->elen + r > ERR_TAIL) {
		size_t drop = c->elen + r - ERR_TAIL;

		memmove(c->etail, c->etail + drop, c->elen - drop);
		c->elen -= drop;
	}
	memcpy(c->etail + c->elen, buf, r);
	c->elen += r;
	return 0;
}

/* One poll() round over what is still open. */
static int pump_once(struct child *c, int wait_ms)
{
	struct pollfd p[3];
	int n = 0, ret = 0;

	if (c->in >= 0)
		p[n++] = (struct pollfd){ .fd = c->in, .events = POLLOUT };
	if (c->out >= 0)
		p[n++] = (struct pollfd){ .fd = c->out, .events = POLLIN };
	if (c->err >= 0)
		p[n++] = (struct pollfd){ .fd = c->err, .events = POLLIN };
	if (poll(p, n, wait_ms) < 0)
		return errno == EINTR ? 0 : -errno;
	for (int i = 0; i < n && !ret; i++) {
		if (!p[i].revents)
			continue;
		if (p[i].fd == c->in)
			ret = feed(c);
		else if (p[i].fd == c->out)
			ret = drain_out(c);
		else
			ret = drain_err(c);
	}
	return ret;
}

/* Has it exited? Seen without reaping it, so that its group id stays its own. */
static bool has_exited(struct child *c)
{
	siginfo_t si = { 0 };

	if (!c->exited && !waitid(P_PID, c->pid, &si, WEXITED | WNOHANG | WNOWAIT) && si.si_pid)
		c->exited = true;
	return c->exited;
}

/* Feed and drain until it closed its output and exited, or the time is up. */
static int run(struct child *c, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	int ret = 0;

	if (!c->len)
		close_fd(&c->in);
	while (!ret && (c->out >= 0 || c->err >= 0 || !has_exited(c))) {
		long long left = deadline - now_ms();

		if (left <= 0) {
			c->timed_out = true;
			return -ETIMEDOUT;
		}
		if (c->out < 0 && c->err < 0) { /* its output closed, it runs on */
			close_fd(&c->in);
			usleep(left < 5 ? left * 1000 : 5000);
			continue;
		}
		ret = pump_once(c, left > 1000 ? 1000 : left);
	}
	return ret;
}

/* Kill what is left of its process group, reap it, close everything. */
static void finish(struct child *c)
{
	if (c->pid > 0) {
		kill(-c->pid, SIGKILL);
		while (waitpid(c->pid, &c->status, 0) < 0 && errno == EINTR)
			;
		c->pid = 0;
	}
	close_fd(&c->in);
	close_fd(&c->out);
	close_fd(&c->err);
}

/* Its stderr's last lines, on one line, for a message. */
static void err_tail(const struct child *c, char *buf, size_t size)
{
	size_t n = c->elen, start, o = 0;

	while (n && (c->etail[n - 1] == '\n' || c->etail[n - 1] == ' '))
		n--;
	start = n > 300 ? n - 300 : 0;
	if (!n) {
		snprintf(buf, size, "(stderr empty)");
		return;
	}
	o = snprintf(buf, size, "stderr: '%s", start ? "..." : "");
	for (size_t i = start; i < n && o + 3 < size; i++) {
		char ch = c->etail[i];

		buf[o++] = ch == '\n' ? '|' : (ch < ' ' || ch == 127) ? '?' : ch;
	}
	snprintf(buf + o, size - o, "'");
}

static void status_text(const struct child *c, int ret, int timeout_ms, char *buf, size_t size)
{
	if (c->timed_out)
		snprintf(buf, size, "timed out after %d ms, killed", timeout_ms);
	else if (ret == -EFBIG)
		snprintf(buf, size, "printed more than %u MiB", OUT_MAX >> 20);
	else if (ret != -EIO)
		snprintf(buf, size, "%s", strerror(-ret));
	else if (WIFSIGNALED(c->status))
		snprintf(buf, size, "killed by signal %d (%s)", WTERMSIG(c->status),
			 strsignal(WTERMSIG(c->status)));
	else
		snprintf(buf, size, "exited with status %d", WEXITSTATUS(c->status));
}

int tc_filter_run(const struct tc_filter *f, const char *input, size_t len,
		  struct tc_samples *out, char *err, size_t errlen)
{
	struct child c = { .in = -1, .out = -1, .err = -1, .input = input, .len = len };
	char why[512], tail[400];
	int ret;

	if (f->timeout_ms <= 0) {
		snprintf(err, errlen, "filter '%.60s': a timeout is needed", f->command);
		return -EINVAL;
	}
	ret = spawn(&c, f->command);
	if (!ret)
		ret = run(&c, f->timeout_ms);
	finish(&c);
	if (!ret && (WIFSIGNALED(c.status) || WEXITSTATUS(c.status)))
		ret = -EIO;
	if (!ret) {
		ret = tc_prom_parse(c.obuf ? c.obuf : "", c.olen, f->keep, out, why, sizeof(why));
		if (ret) {
			err_tail(&c, tail, sizeof(tail));
			snprintf(err, errlen, "filter '%.60s': its output is not Prometheus text: "
				 "%s; %s", f->command, why, tail);
		}
	} else {
		status_text(&c, ret, f->timeout_ms, why, sizeof(why));
		err_tail(&c, tail, sizeof(tail));
		snprintf(err, errlen, "filter '%.60s': %s; %s", f->command, why, tail);
	}
	free(c.obuf);
	return ret;
}
