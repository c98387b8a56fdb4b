// SPDX-License-Identifier: GPL-2.0
/* OVERHEAD runs: a table, and a gnuplot plot against the event rate. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cells.h"
#include "writers.h"

static int fail_errno(char *err, size_t errlen, const char *path)
{
	int e = errno;

	snprintf(err, errlen, "%s: %s", path, strerror(e));
	return -e;
}

double tc_slowdown_pct(const struct tc_overhead *o)
{
	return o->untraced_s > 0 ? 100.0 * (o->traced_s / o->untraced_s - 1) : 0;
}

/* CPU time the tracing added to the workload, per event (ns; may be < 0 in noise). */
double tc_cpu_per_event_ns(const struct tc_overhead *o)
{
	if (!o->events)
		return 0;
	return ((double)o->traced_cpu_ns - (double)o->untraced_cpu_ns) / o->events;
}

int tc_write_overhead(FILE *f, const struct tc_outcome *r, int n)
{
	int shown = 0;

	for (int i = 0; i < n; i++) {
		const struct tc_overhead *o = &r[i].overhead;

		if (!o->measured)
			continue;
		if (!shown++)
			fprintf(f, "%-26s %-16s %10s %9s %9s %9s %10s %10s %10s\n",
				"overhead: tool", "scenario", "events/s", "untraced", "traced",
				"slowdown", "cpu/event", "beat worst", "(untraced)");
		fprintf(f, "%-26s %-16s %10.0f %8.3fs %8.3fs %8.1f%% %8.0fns %8.2fms %8.2fms\n",
			r[i].tool_name, r[i].scenario, o->rate, o->untraced_s, o->traced_s,
			tc_slowdown_pct(o), tc_cpu_per_event_ns(o), o->beat_traced_ns / 1e6,
			o->beat_untraced_ns / 1e6);
	}
	return shown;
}

/*
 * The overhead a tool adds against the workload's event rate: a data file
 * and a gnuplot script beside png, then gnuplot run on them. 0, -ENOENT
 * when nothing was measured, or -errno.
 */
int tc_write_overhead_plot(const char *png, const struct tc_outcome *r, int n, char *err,
			   size_t errlen)
{
	const struct tc_outcome *tools[64];
	char dat[600], gp[600], cmd[1400];
	int ntools = tc_cells_distinct(r, n, true, tools, 64), measured = 0, status;
	FILE *f;

	for (int i = 0; i < n; i++)
		measured += r[i].overhead.measured && r[i].overhead.rate > 0;
	if (!measured) {
		snprintf(err, errlen, "no run measured an overhead (OVERHEAD) at a known event rate");
		return -ENOENT;
	}
	snprintf(dat, sizeof(dat), "%s.dat", png);
	snprintf(gp, sizeof(gp), "%s.gp", png);
	f = fopen(dat, "w");
	if (!f)
		return fail_errno(err, errlen, dat);
	/* one block per tool: events a second, slowdown in %, CPU ns added per event, heartbeat worst in ms */
	for (int t = 0; t < ntools; t++) {
		int rows = 0;

		for (int i = 0; i < n; i++) {
			const struct tc_overhead *o = &r[i].overhead;

			if (r[i].tool != tools[t]->tool || !o->measured || o->rate <= 0)
				continue;
			if (!rows++)
				fprintf(f, "# %s\n", r[i].tool_name);
			fprintf(f, "%.0f %.2f %.1f %.3f\n", o->rate, tc_slowdown_pct(o),
				tc_cpu_per_event_ns(o), o->beat_traced_ns / 1e6);
		}
		if (rows)
			fprintf(f, "\n\n");
	}
	fclose(f);
	f = fopen(gp, "w");
	if (!f)
		return fail_errno(err, errlen, gp);
	fprintf(f, "set terminal png size 900,600\nset output '%s'\n"
		   "set title 'What tracing costs the workload'\n"
		   "set xlabel 'events a second (the traced run)'\nset logscale x\n"
		   "set ylabel 'CPU time added per event (ns)'\nset grid\n"
		   "set key top left\nplot", png);
	for (int t = 0, b = 0; t < ntools; t++) {
		bool any = false;

		for (int i = 0; i < n && !any; i++)
			any = r[i].tool == tools[t]->tool && r[i].overhead.measured &&
			      r[i].overhead.rate > 0;
		if (!any)
			continue;
		fprintf(f, "%s '%s' index %d using 1:3 with linespoints title '%s'", b ? "," : "",
			dat, b, tools[t]->tool_name);
		b++;
	}
	fprintf(f, "\n");
	fclose(f);
	snprintf(cmd, sizeof(cmd), "gnuplot '%s' 2>&1", gp);
	status = system(cmd);
	if (status) {
		snprintf(err, errlen, "gnuplot %s failed (status %d)%s", gp, status,
			 status == 127 << 8 ? ": is gnuplot installed?" : "");
		return -EIO;
	}
	return 0;
}
