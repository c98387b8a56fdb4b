// SPDX-License-Identifier: GPL-2.0
/* Stop signals through a pipe; see sigpipe.h. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "sigpipe.h"

volatile sig_atomic_t tc_sigpipe_caught;
static int fds[2] = { -1, -1 };

static void on_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;

	tc_sigpipe_caught = sig;
	if (write(fds[1], &c, 1) < 0) {
		/* The pipe is full: a stop is pending already. */
	}
	errno = saved;
}

int tc_sigpipe_open(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK))
		return -errno;
	tc_sigpipe_caught = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

int tc_sigpipe_fd(void)
{
	return fds[0];
}

void tc_sigpipe_close(void)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	fds[0] = fds[1] = -1;
}
