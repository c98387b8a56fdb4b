/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the common tracing engines print when they lose data or stop
 * themselves under overload, known whatever a descriptor declares: a tool
 * built on SystemTap, DTrace or bpftrace that says "There were 12 transport
 * failures" has reported a loss of 12, and one that says "probe overhead
 * exceeded threshold" aborted, even if its descriptor has no LOSS or ABORT
 * line for it. Exposed for the unit tests (tests/unit/test_engines.c).
 */
#ifndef TC_ENGINES_H
#define TC_ENGINES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Is line an engine's loss message? Then true, with *count the number it
 * gives, or -1 for a message that says data was lost but not how much
 * ("Array overflow, check MAXMAPENTRIES").
 */
bool tc_engine_loss(const char *line, double *count);

/*
 * Is line an engine's overload abort? Then true, with probe set to the
 * probe it names ("" when the engine names none).
 */
bool tc_engine_abort(const char *line, char *probe, size_t size);

/* Does line say a probe did not attach (bpftrace, libbpf, perf, SystemTap)? */
bool tc_engine_attach_warning(const char *line);

/* The first number of a line (thousands separators allowed), or 1 if none. */
double tc_line_count(const char *line);

#endif
