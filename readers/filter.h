/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "PARSER filter COMMAND": a command that reads a tool's output on its
 * stdin and prints Prometheus text, for the tools no built-in parser
 * reads (perf, SystemTap scripts, anything). The command runs with
 * /bin/sh -c in a process group of its own; its input is written while
 * its output is read, so that neither side can wait forever on a full
 * pipe; it is killed (with its group) and reaped on every path.
 */
#ifndef TC_FILTER_H
#define TC_FILTER_H

#include <stddef.h>
#include "parse_prom.h"

struct tc_filter {
	const char *command;
	int timeout_ms;		/* for all of it, from start to exit; > 0 */
	enum tc_prom_keep keep; /* of the snapshots it prints */
};

/*
 * Run the filter over len bytes of input and append the samples it
 * printed to out. 0, or -errno with "filter 'COMMAND': why; stderr: 'its
 * last lines'" in err, and out as it was:
 *   -EIO        it exited with a status other than 0, or was killed by a signal
 *   -ETIMEDOUT  it ran past timeout_ms
 *   -EINVAL     its output is not Prometheus text (the line is named)
 *   -EFBIG      it printed more than 256 MiB
 *   or what pipe(), poll() or posix_spawn() failed with.
 */
int tc_filter_run(const struct tc_filter *f, const char *input, size_t len,
		  struct tc_samples *out, char *err, size_t errlen);

#endif
