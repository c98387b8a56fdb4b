// SPDX-License-Identifier: GPL-2.0
/* The differences between two runs; see rundiff.h. */
#include <math.h>
#include <stdbool.h>
#include <string.h>
#include "rundiff.h"
#include "../common/fmt.h"

enum { OLD, NEW };

static bool passes(const char *v)
{
	return v && (!strcmp(v, "PASS") || !strcmp(v, "ACCOUNTED"));
}

/* A cell judged wrong before (not a SKIP) that passes now. */
static bool is_fix(const struct tc_kcell *c)
{
	const char *was = c->verdict[OLD];

	return was && !passes(was) && strcmp(was, "SKIP") && passes(c->verdict[NEW]);
}

static bool is_regression(const struct tc_kcell *c)
{
	const char *now = c->verdict[NEW];

	return passes(c->verdict[OLD]) && now && !passes(now) && strcmp(now, "SKIP");
}

static void reason(FILE *f, const char *label, const char *why)
{
	if (why && why[0])
		fprintf(f, "      %s: %s\n", label, why);
}

/* Verdicts that differ, regressions first; returns how many were shown. */
static int verdicts(FILE *f, const struct tc_kmatrix *m, bool regressions, struct tc_rundiff *d)
{
	int n = 0;

	for (int i = 0; i < m->n; i++) {
		const struct tc_kcell *c = &m->c[i];

		if (!c->verdict[OLD] || !c->verdict[NEW] || !strcmp(c->verdict[OLD], c->verdict[NEW]) ||
		    is_regression(c) != regressions)
			continue;
		if (!n++)
			fprintf(f, "\n%s:\n", regressions ? "Regressions (passed before, not now)" :
				"Other verdicts that changed");
		fprintf(f, "  %s x %s: %s -> %s%s\n", c->tool, c->scenario, c->verdict[OLD],
			c->verdict[NEW], is_fix(c) ? "  (fixed)" : "");
		reason(f, "was", c->reason[OLD]);
		reason(f, "now", c->reason[NEW]);
		d->changed++;
		d->regressions += regressions;
		d->fixed += is_fix(c);
	}
	return n;
}

/* "1,234" or "0.5": counts grouped, as the run's messages have them. */
static void number(FILE *f, double v)
{
	char g[32];

	if (v != floor(v) || fabs(v) >= 1e15)
		fprintf(f, "%g", v);
	else
		fprintf(f, "%s%s", v < 0 ? "-" : "", tc_fmt_grouped(g, sizeof(g), (__u64)fabs(v)));
}

/* Numbers that moved: each check both runs judged, by more than min_pct of the old. */
static void moved(FILE *f, const struct tc_kmatrix *m, double min_pct, struct tc_rundiff *d)
{
	for (int i = 0; i < m->n; i++) {
		const struct tc_kcell *c = &m->c[i];

		for (int j = 0; j < c->nchecks; j++) {
			const struct tc_kcheck *k = &c->checks[j];
			double was = k->actual[OLD], now = k->actual[NEW];
			double pct = was ? 100 * (now - was) / fabs(was) : (now ? INFINITY : 0);

			if (!k->has[OLD] || !k->has[NEW] || was == now || fabs(pct) <= min_pct)
				continue;
			if (!d->moved++)
				fprintf(f, "\nNumbers that moved%s (what the tool reported):\n",
					min_pct > 0 ? " by more than the threshold" : "");
			fprintf(f, "  %s x %s: %s [%s]: ", c->tool, c->scenario, k->expect, k->oracle);
			number(f, was);
			fputs(" -> ", f);
			number(f, now);
			if (isfinite(pct))
				fprintf(f, " (%+.2f%%)\n", pct);
			else
				fputs(" (from 0)\n", f);
		}
	}
}

/* Cells one run has and the other has not: run `which` has them. */
static void only_in(FILE *f, const struct tc_kmatrix *m, int which, int *count)
{
	for (int i = 0; i < m->n; i++) {
		const struct tc_kcell *c = &m->c[i];

		if (!c->verdict[which] || c->verdict[!which])
			continue;
		if (!(*count)++)
			fprintf(f, "\n%s:\n", which == NEW ? "New cells (only in the new run)" :
				"Gone cells (only in the old run)");
		fprintf(f, "  %s x %s: %s\n", c->tool, c->scenario, c->verdict[which]);
	}
}

static void hooks(FILE *f, const struct tc_kmatrix *m, struct tc_rundiff *d)
{
	for (int i = 0; i < m->n; i++) {
		const struct tc_kcell *c = &m->c[i];
		const char *was = c->hooks[OLD] ? c->hooks[OLD] : "", *now = c->hooks[NEW] ? c->hooks[NEW] : "";

		if (!c->verdict[OLD] || !c->verdict[NEW] || !strcmp(was, now))
			continue;
		if (!d->hooks++)
			fprintf(f, "\nHooks that changed:\n");
		fprintf(f, "  %s x %s: %s -> %s\n", c->tool, c->scenario, was[0] ? was : "(none)",
			now[0] ? now : "(none)");
	}
}

void tc_rundiff_write(FILE *f, const struct tc_kmatrix *m, double min_pct, struct tc_rundiff *d)
{
	memset(d, 0, sizeof(*d));
	for (int k = OLD; k <= NEW; k++)
		fprintf(f, "%s %s: kernel %s, %d runs\n", k == OLD ? "old" : "new", m->file[k],
			m->kernel[k], m->runs[k]);
	verdicts(f, m, true, d);
	verdicts(f, m, false, d);
	moved(f, m, min_pct, d);
	only_in(f, m, NEW, &d->added);
	only_in(f, m, OLD, &d->gone);
	hooks(f, m, d);
	fprintf(f, "\n%d regression%s, %d fixed, %d verdict%s changed, %d number%s moved, "
		   "%d new cell%s, %d gone, %d with other hooks\n",
		d->regressions, d->regressions == 1 ? "" : "s", d->fixed, d->changed,
		d->changed == 1 ? "" : "s", d->moved, d->moved == 1 ? "" : "s", d->added,
		d->added == 1 ? "" : "s", d->gone, d->hooks);
}
