/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Requirements, as scenarios and tool descriptors state them (REQUIRES
 * KIND ARG): features of this machine and kernel, checked by asking, never
 * by a kernel version. Known kinds: program NAME, file PATH, btf [FUNCTION]
 * (the kernel's BTF; with FUNCTION, that function in it: not inlined away),
 * tracepoint CATEGORY:EVENT, kprobe [FUNCTION], fentry FUNCTION, uprobe,
 * perf_event (software cpu-clock sampling), root.
 */
#ifndef TC_REQUIRE_H
#define TC_REQUIRE_H

#include <stdbool.h>
#include <stddef.h>

struct tc_require {
	char kind[16];
	char arg[160];
	const char *file;
	int line;
};

/* Parse "KIND [ARG]"; -EINVAL with "FILE:LINE: why" in err for an unknown kind. */
int tc_require_parse(const char *value, const char *file, int line, struct tc_require *r,
		     char *err, size_t errlen);
/* Is it met here? If not, why (naming the missing feature). */
bool tc_require_met(const struct tc_require *r, char *why, size_t size);
/* The directory part of a path a program is found at, or NULL: PATH search. */
bool tc_find_program(const char *name, char *path, size_t size);

#endif
