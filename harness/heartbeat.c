// SPDX-License-Identifier: GPL-2.0
/* The heartbeat; see heartbeat.h. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include "heartbeat.h"

struct tc_beat_shared {
	__u64 worst_ns;
	__u64 beats;
};

static __u64 mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* The child: sleep until each due time, note how late the wake-up came. */
static void beat(struct tc_beat_shared *sh, __u64 period_ns)
{
	__u64 due = mono_ns() + period_ns;

	prctl(PR_SET_NAME, "tc_heartbeat");
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	signal(SIGTERM, SIG_DFL);
	for (;;) {
		struct timespec ts = { due / 1000000000ULL, due % 1000000000ULL };
		__u64 now;

		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
		now = mono_ns();
		if (now > due && now - due > __atomic_load_n(&sh->worst_ns, __ATOMIC_RELAXED))
			__atomic_store_n(&sh->worst_ns, now - due, __ATOMIC_RELAXED);
		__atomic_add_fetch(&sh->beats, 1, __ATOMIC_RELAXED);
		due += period_ns;
		if (due < now) /* overslept more than a period: catch up, do not burst */
			due = now + period_ns;
	}
}

int tc_heartbeat_start(struct tc_heartbeat *hb, __u64 period_ns)
{
	hb->sh = mmap(NULL, sizeof(*hb->sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		      -1, 0);
	if (hb->sh == MAP_FAILED) {
		hb->sh = NULL;
		return -errno;
	}
	memset(hb->sh, 0, sizeof(*hb->sh));
	hb->pid = fork();
	if (hb->pid < 0) {
		int err = -errno;

		munmap(hb->sh, sizeof(*hb->sh));
		hb->sh = NULL;
		return err;
	}
	if (!hb->pid) {
		beat(hb->sh, period_ns);
		_exit(0);
	}
	return 0;
}

int tc_heartbeat_stop(struct tc_heartbeat *hb, __u64 *worst_ns, __u64 *beats)
{
	*worst_ns = *beats = 0;
	if (!hb->sh)
		return -EINVAL;
	if (hb->pid > 0) {
		kill(hb->pid, SIGTERM);
		while (waitpid(hb->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	*worst_ns = __atomic_load_n(&hb->sh->worst_ns, __ATOMIC_RELAXED);
	*beats = __atomic_load_n(&hb->sh->beats, __ATOMIC_RELAXED);
	munmap(hb->sh, sizeof(*hb->sh));
	hb->sh = NULL;
	hb->pid = 0;
	return 0;
}
