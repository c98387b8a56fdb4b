// SPDX-License-Identifier: GPL-2.0
/* Tools and workloads as child processes; see proc.h. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include "proc.h"

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void nap(void)
{
	struct timespec ts = { 0, 10000000 }; /* 10 ms */

	nanosleep(&ts, NULL);
}

int tc_proc_start(struct tc_proc *p, char *const argv[], const char *out, const char *err)
{
	int o, e;

	memset(p, 0, sizeof(*p));
	snprintf(p->out_path, sizeof(p->out_path), "%s", out);
	snprintf(p->err_path, sizeof(p->err_path), "%s", err);
	o = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	e = open(err, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (o < 0 || e < 0) {
		int ret = -errno;

		if (o >= 0)
			close(o);
		if (e >= 0)
			close(e);
		return ret;
	}
	p->pid = fork();
	if (p->pid < 0) {
		int ret = -errno;

		close(o);
		close(e);
		return ret;
	}
	if (!p->pid) {
		int null = open("/dev/null", O_RDONLY);

		setpgid(0, 0);
		/* If the harness dies, so do its children: nothing keeps tracing. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		if (null >= 0)
			dup2(null, 0);
		dup2(o, 1);
		dup2(e, 2);
		execvp(argv[0], argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(p->pid, p->pid); /* both sides, to win the race */
	close(o);
	close(e);
	return 0;
}

bool tc_shell_is_simple(const char *cmd)
{
	/* A keyword first (if, for, ...), or cd, makes a compound command too. */
	static const char *const words[] = { "if", "for", "while", "until", "case", "cd", NULL };
	size_t first;
	char quote = 0;

	while (*cmd == ' ' || *cmd == '\t')
		cmd++;
	if (*cmd == '(' || *cmd == '{' || *cmd == '!')
		return false;
	/* NAME=VALUE first: `exec NAME=VALUE tool` would run a program of that name. */
	first = strcspn(cmd, " \t'\"");
	if (memchr(cmd, '=', first))
		return false;
	for (const char *p = cmd; *p; p++) {
		if (quote == '\'') {
			quote = *p == '\'' ? 0 : quote;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if (quote == '"') {
			quote = *p == '"' ? 0 : quote;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (strchr(";&|\n", *p)) {
			return false;
		}
	}
	for (int i = 0; words[i]; i++) {
		size_t n = strlen(words[i]);

		if (!strncmp(cmd, words[i], n) && (!cmd[n] || cmd[n] == ' ' || cmd[n] == '\t'))
			return false;
	}
	return true;
}

/*
 * A simple command is exec'd by the shell, so the tool is the child: its exit
 * status and the death signal (PR_SET_PDEATHSIG) are its own. A compound one
 * (`cd {DIR} && ./tool`, `a; b`) runs as written; the shell catches the stop
 * signals, which the whole process group gets, so that it outlives the tool
 * and returns its status rather than dying first (its children get the
 * default action back at exec, as POSIX says for caught signals).
 */
int tc_proc_start_shell(struct tc_proc *p, const char *cmd, const char *out, const char *err)
{
	static const char simple[] = "exec ", compound[] = "trap : INT TERM HUP QUIT; ";
	char *line = malloc(strlen(cmd) + sizeof(compound));
	char *argv[] = { "/bin/sh", "-c", line, NULL };
	int ret;

	if (!line)
		return -ENOMEM;
	sprintf(line, "%s%s", tc_shell_is_simple(cmd) ? simple : compound, cmd);
	ret = tc_proc_start(p, argv, out, err);
	free(line);
	return ret;
}

static bool reap(struct tc_proc *p, bool block)
{
	int status;
	pid_t r;

	if (p->exited)
		return true;
	do
		r = waitpid(p->pid, &status, block ? 0 : WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == p->pid || (r < 0 && errno == ECHILD)) {
		p->exited = true;
		p->status = r == p->pid ? status : 0;
	}
	return p->exited;
}

static bool file_matches(const char *path, const regex_t *re)
{
	char *text = tc_file_read(path, NULL), *line, *save = NULL;
	bool found = false;

	if (!text)
		return false;
	for (line = strtok_r(text, "\n", &save); line && !found; line = strtok_r(NULL, "\n", &save))
		found = !regexec(re, line, 0, NULL, 0);
	free(text);
	return found;
}

int tc_proc_wait_ready(struct tc_proc *p, const regex_t *ready, __u64 timeout_ns,
		       volatile int *stop)
{
	__u64 start = now_ns();

	for (;;) {
		if (file_matches(p->err_path, ready) || file_matches(p->out_path, ready))
			return 0;
		if (reap(p, false))
			return -ECHILD;
		if (stop && *stop)
			return -EINTR;
		if (now_ns() - start > timeout_ns)
			return -ETIMEDOUT;
		nap();
	}
}

int tc_proc_wait(struct tc_proc *p, __u64 timeout_ns, volatile int *stop)
{
	__u64 start = now_ns();

	while (!reap(p, false)) {
		if (stop && *stop)
			return -EINTR;
		if (now_ns() - start > timeout_ns)
			return -ETIMEDOUT;
		nap();
	}
	return 0;
}

int tc_proc_stop(struct tc_proc *p, int sig, __u64 grace_ns, __u64 repeat_ns, int *sent,
		 bool *killed)
{
	__u64 start = now_ns(), waited = 0;

	*killed = false;
	*sent = 0;
	if (reap(p, false))
		return 0;
	do {
		__u64 slice = repeat_ns && repeat_ns < grace_ns - waited ? repeat_ns
									 : grace_ns - waited;

		kill(-p->pid, sig);
		(*sent)++;
		if (!tc_proc_wait(p, slice, NULL))
			return 0;
		waited = now_ns() - start;
	} while (repeat_ns && waited < grace_ns);
	*killed = true;
	kill(-p->pid, SIGKILL);
	reap(p, true);
	return 0;
}

void tc_proc_kill(struct tc_proc *p)
{
	if (p->pid <= 0 || p->exited)
		return;
	kill(-p->pid, SIGKILL);
	kill(p->pid, SIGKILL);
	reap(p, true);
}

void tc_proc_describe(const struct tc_proc *p, char *buf, size_t size)
{
	if (!p->exited)
		snprintf(buf, size, "still running");
	else if (WIFEXITED(p->status))
		snprintf(buf, size, "exited with status %d", WEXITSTATUS(p->status));
	else if (WIFSIGNALED(p->status))
		snprintf(buf, size, "killed by signal %d (%s)", WTERMSIG(p->status),
			 strsignal(WTERMSIG(p->status)));
	else
		snprintf(buf, size, "ended (status 0x%x)", p->status);
}

char *tc_file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t size = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		size_t got;

		if (n + 4097 > size) {
			char *nb = realloc(buf, size ? size * 2 : 8192);

			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
			size = size ? size * 2 : 8192;
		}
		got = fread(buf + n, 1, 4096, f);
		n += got;
		if (got < 4096)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

void tc_file_tail(const char *path, char *buf, size_t size)
{
	size_t len;
	char *text = tc_file_read(path, &len), *start;

	buf[0] = '\0';
	if (!text)
		return;
	while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
		text[--len] = '\0';
	start = len >= size ? text + len - (size - 1) : text;
	if (start != text) {
		char *nl = strchr(start, '\n');

		if (nl)
			start = nl + 1;
	}
	snprintf(buf, size, "%s", start);
	free(text);
}

static bool telling(const char *line)
{
	static const char *const words[] = { "error", "ERROR", "Error", "fail", "cannot",
					     "unable", "not ", NULL };

	for (int i = 0; words[i]; i++)
		if (strstr(line, words[i]))
			return true;
	return false;
}

void tc_file_gist(const char *path, char *buf, size_t size)
{
	char *text = tc_file_read(path, NULL), *line, *save = NULL, *last[2] = {};
	size_t o = 0;
	int picked = 0;

	buf[0] = '\0';
	if (!text)
		return;
	/* The first two lines that say what went wrong; else the last two with anything. */
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line || strspn(line, "~^ ") == strlen(line))
			continue;
		if (telling(line) && picked < 2 && strncmp(line, "ERROR: Unknown error -1: couldn't "
							    "set RLIMIT_MEMLOCK", 46)) {
			o += snprintf(buf + o, o < size ? size - o : 0, "%s%s", o ? " | " : "", line);
			picked++;
		}
		last[0] = last[1];
		last[1] = line;
	}
	for (int i = 0; !picked && i < 2; i++)
		if (last[i])
			o += snprintf(buf + o, o < size ? size - o : 0, "%s%s", o ? " | " : "", last[i]);
	free(text);
}
