/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Child processes of the harness: the tool under test (a shell command
 * line, in a process group of its own so that a signal reaches all of it)
 * and the workloads. Their stdout and stderr go to files: no pipe can
 * fill up and stall a tool, and the files stay for the reports.
 */
#ifndef TC_PROC_H
#define TC_PROC_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <linux/types.h>

struct tc_proc {
	pid_t pid;
	char out_path[512];
	char err_path[512];
	bool exited;
	int status; /* wait status, once exited */
};

/*
 * Start CMD with /bin/sh -c in its own process group, output to the two
 * files: `exec CMD` when it is a simple command, else as written, the shell
 * waiting out the stop signals for the tool's status.
 */
int tc_proc_start_shell(struct tc_proc *p, const char *cmd, const char *out, const char *err);
/* No unquoted ; & | or newline, and no leading keyword, subshell or cd. */
bool tc_shell_is_simple(const char *cmd);
/* Start argv (no shell) the same way. */
int tc_proc_start(struct tc_proc *p, char *const argv[], const char *out, const char *err);
/*
 * Wait for a line of its stdout or stderr to match ready. 0 when ready;
 * -ECHILD if it exited first; -ETIMEDOUT; -EINTR if *stop became true.
 */
int tc_proc_wait_ready(struct tc_proc *p, const regex_t *ready, __u64 timeout_ns,
		       volatile int *stop);
/* Wait for it to exit; -ETIMEDOUT (it is left running) or -EINTR on *stop. */
int tc_proc_wait(struct tc_proc *p, __u64 timeout_ns, volatile int *stop);
/*
 * Send sig to its group, give it grace_ns, then SIGKILL. With repeat_ns, sig
 * is sent again every repeat_ns within grace_ns; *sent counts the signals.
 * *killed says whether SIGKILL was needed. Reaps it.
 */
int tc_proc_stop(struct tc_proc *p, int sig, __u64 grace_ns, __u64 repeat_ns, int *sent,
		 bool *killed);
/* Kill and reap, whatever its state: for error paths. */
void tc_proc_kill(struct tc_proc *p);
/* "exited with status 1", "killed by signal 9 (Killed)". */
void tc_proc_describe(const struct tc_proc *p, char *buf, size_t size);
/* The last lines of a file, at most size bytes, for messages. */
void tc_file_tail(const char *path, char *buf, size_t size);
/* What went wrong, in a line: a file's lines that say so, else its last two. */
void tc_file_gist(const char *path, char *buf, size_t size);
/* The whole file, malloc'd (NULL if unreadable). */
char *tc_file_read(const char *path, size_t *len);

#endif
