/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stop signals (INT, TERM, HUP) delivered through a pipe, so that a poll()
 * loop never misses one: the handler writes the signal's number to the
 * pipe and notes it; the loop polls the read end. SIGPIPE is ignored while
 * it is open. One per process: the tracer's session and the benchmark use it.
 */
#ifndef TC_SIGPIPE_H
#define TC_SIGPIPE_H

#include <signal.h>

/* The last stop signal caught since tc_sigpipe_open(), or 0. */
extern volatile sig_atomic_t tc_sigpipe_caught;

/* Install the handlers (no SA_RESTART: a blocked poll() or read() returns); 0 or -errno. */
int tc_sigpipe_open(void);
/* The read end to poll, or -1 when not open. */
int tc_sigpipe_fd(void);
/* The default handlers back, the pipe closed. */
void tc_sigpipe_close(void);

#endif
