/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A heartbeat: a process that sleeps a fixed period again and again and
 * measures how late it wakes, to judge what a tool does to the machine's
 * responsiveness while it traces. Its worst lateness travels back in memory
 * shared before the fork.
 */
#ifndef TC_HEARTBEAT_H
#define TC_HEARTBEAT_H

#include <sys/types.h>
#include <linux/types.h>

struct tc_beat_shared;

struct tc_heartbeat {
	pid_t pid;
	struct tc_beat_shared *sh;
};

/* Start one, waking every period_ns; 0, or -errno. */
int tc_heartbeat_start(struct tc_heartbeat *hb, __u64 period_ns);
/* Stop it (SIGTERM), reap it; its worst lateness in ns and its wake-ups. */
int tc_heartbeat_stop(struct tc_heartbeat *hb, __u64 *worst_ns, __u64 *beats);

#endif
