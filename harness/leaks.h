/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a tool under test may leave behind when it exits: BPF programs,
 * maps and links (by id: a pinned or leaked object outlives its maker),
 * tracefs probe events (kprobe_events, uprobe_events), loop devices and
 * mounts. The runner takes a snapshot before the tool starts and compares
 * one taken after it has exited; anything new that stays is a leak, and
 * the run is an ERROR naming it.
 */
#ifndef TC_LEAKS_H
#define TC_LEAKS_H

#include <stddef.h>
#include <linux/types.h>

enum tc_leak_kind {
	TC_LEAK_PROG,
	TC_LEAK_MAP,
	TC_LEAK_LINK,
	TC_LEAK_PROBE_EVENT,
	TC_LEAK_LOOP,
	TC_LEAK_MOUNT,
	TC_LEAK_NR,
};

/* One kind of object: what exists, one line of text each (ids as decimal). */
struct tc_leak_set {
	char **v;
	int n;
};

struct tc_leak_snap {
	struct tc_leak_set set[TC_LEAK_NR];
};

/* Take a snapshot; 0, or -ENOMEM. Kinds the machine lacks (no tracefs) are empty. */
int tc_leak_snap(struct tc_leak_snap *s);
void tc_leak_free(struct tc_leak_snap *s);
/*
 * What is in after and not in before, as "2 BPF programs (id 41 tc_x, id
 * 42 ...); 1 mount (tmpfs on /tmp/x)"; the count of objects, 0 if none.
 */
int tc_leak_diff(const struct tc_leak_snap *before, const struct tc_leak_snap *after, char *out,
		 size_t size);
/*
 * After a tool exits: snapshots until nothing new is left or wait_ns has
 * passed (the kernel frees a closed program after a grace period).
 */
int tc_leak_check(const struct tc_leak_snap *before, __u64 wait_ns, char *out, size_t size);

#endif
