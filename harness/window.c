// SPDX-License-Identifier: GPL-2.0
/* The oracles read over the tool's window; see window.h. */
#include <errno.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "window.h"

#define IOSTAT_START_NS 5000000000ULL /* to its first report */
#define IOSTAT_STOP_NS 5000000000ULL  /* from SIGALRM to its exit */

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static bool uses(const struct tc_scenario *sc, enum tc_oracle_kind k)
{
	return sc->oracles & (1u << k);
}

/*
 * iostat with an hour's interval and a count of 2: a report since boot at
 * once, the second when SIGALRM comes, then it exits and closes its JSON.
 * LC_ALL=C: a decimal comma is no JSON number.
 */
static int iostat_start(struct tc_window *w, int i, const char *workdir, const char *tag,
			char *why, size_t size)
{
	char *argv[] = { "env", "LC_ALL=C", "iostat", i ? "-dxk" : "-dk", "-o", "JSON", "3600", "2",
			 (char *)w->at.dev, NULL };
	char out[600], err[600];
	int ret;

	snprintf(out, sizeof(out), "%s/%s.iostat%s.json", workdir, tag, i ? "-x" : "");
	snprintf(err, sizeof(err), "%s/%s.iostat%s.err", workdir, tag, i ? "-x" : "");
	ret = tc_proc_start(&w->io[i], argv, out, err);
	if (ret)
		return snprintf(why, size, "cannot start iostat: %s", strerror(-ret)), ret;
	w->io_running[i] = true;
	w->at.files[i] = w->io[i].out_path;
	return 0;
}

/* Its first report is out: its first sample is taken, the window may open. */
static int iostat_ready(struct tc_window *w, int i, char *why, size_t size)
{
	regex_t first;
	int ret;

	if (regcomp(&first, "\"disk_device\"", REG_NOSUB))
		return snprintf(why, size, "regcomp"), -EINVAL;
	ret = tc_proc_wait_ready(&w->io[i], &first, IOSTAT_START_NS, NULL);
	regfree(&first);
	if (ret) {
		char tail[160];

		tc_file_gist(w->io[i].err_path, tail, sizeof(tail));
		snprintf(why, size, "iostat %s: no first report for %.32s (%s)%s%.160s",
			 i ? "-dxk" : "-dk", w->at.dev, ret == -ECHILD ? "it exited" : "timed out",
			 tail[0] ? ": " : "", tail);
	}
	return ret;
}

/* Both iostats started and past their first report: 0, or -errno with why. */
static int iostat_open(struct tc_window *w, const char *workdir, const char *tag, char *why,
		       size_t size)
{
	int ret = 0;

	/*
	 * Each samples as it starts, a few ms after this: the window it
	 * reports on is at most that much shorter than the one we time.
	 */
	w->t0 = now_ns();
	for (int i = 0; i < 2 && !ret; i++)
		ret = iostat_start(w, i, workdir, tag, why, size);
	for (int i = 0; i < 2 && !ret; i++)
		ret = iostat_ready(w, i, why, size);
	return ret;
}

/* The oracles read over the window: the device's diskstats, and those the scenario names. */
static unsigned int window_reads(const struct tc_scenario *sc, const char *dev,
				 struct tc_judge_ctx *jc)
{
	unsigned int reads = 0;

	if (dev)
		reads |= 1u << TC_ORACLE_DISKSTATS;
	if (uses(sc, TC_ORACLE_PROCSTAT))
		reads |= 1u << TC_ORACLE_PROCSTAT;
	if (uses(sc, TC_ORACLE_IOSTAT) && dev)
		reads |= 1u << TC_ORACLE_IOSTAT;
	else if (uses(sc, TC_ORACLE_IOSTAT))
		snprintf(jc->oracle_why, sizeof(jc->oracle_why), "the scenario has no fixture "
			 "device (FIXTURE none)");
	return reads;
}

/*
 * An oracle that cannot be read is no error of the run, but of the checks
 * that name it (jc->oracle_why), except the fixture device's diskstats:
 * the run's own measure. Returns what the caller returns.
 */
static int window_failed(struct tc_window *w, enum tc_oracle_kind k, struct tc_judge_ctx *jc,
			 int err, const char *tmp, char *why, size_t size)
{
	if (k == TC_ORACLE_DISKSTATS) {
		snprintf(why, size, "%s", tmp);
		return err;
	}
	snprintf(jc->oracle_why, sizeof(jc->oracle_why), "%s", tmp);
	w->reads &= ~(1u << k);
	return 0;
}

int tc_window_open(struct tc_window *w, const struct tc_scenario *sc, const char *dev,
		   const char *workdir, const char *tag, struct tc_judge_ctx *jc, char *why,
		   size_t size)
{
	char tmp[300];
	int ret = 0;

	memset(w, 0, sizeof(*w));
	w->at.dev = dev;
	w->reads = window_reads(sc, dev, jc);
	if (w->reads & (1u << TC_ORACLE_IOSTAT)) {
		ret = iostat_open(w, workdir, tag, tmp, sizeof(tmp));
		if (ret)
			window_failed(w, TC_ORACLE_IOSTAT, jc, ret, tmp, why, size);
	}
	for (int k = 0; k < TC_ORACLE_NR; k++) {
		const struct tc_oracle *o = &tc_oracles[k];

		if (!(w->reads & (1u << k)) || !o->snapshot)
			continue;
		ret = o->snapshot(&w->at, &w->snap[k], tmp, sizeof(tmp));
		if (ret) {
			ret = window_failed(w, k, jc, ret, tmp, why, size);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* Both iostats report now, of the window, and exit. */
static void iostat_stop(struct tc_window *w, struct tc_judge_ctx *jc)
{
	w->t1 = now_ns();
	for (int i = 0; i < 2; i++) {
		int sent;
		bool killed;

		tc_proc_stop(&w->io[i], SIGALRM, IOSTAT_STOP_NS, 0, &sent, &killed);
		w->io_running[i] = false;
	}
	jc->win.iostat_secs = (w->t1 - w->t0) / 1e9;
}

int tc_window_close(struct tc_window *w, struct tc_judge_ctx *jc, char *notes, size_t nsize,
		    char *why, size_t size)
{
	char tmp[300];
	int ret;

	for (int k = 0; k < TC_ORACLE_NR; k++) {
		if (!(w->reads & (1u << k)))
			continue;
		if (k == TC_ORACLE_IOSTAT)
			iostat_stop(w, jc);
		ret = tc_oracles[k].delta(&w->at, &w->snap[k], &jc->win, tmp, sizeof(tmp));
		if (ret) {
			ret = window_failed(w, k, jc, ret, tmp, why, size);
			if (ret)
				return ret;
		}
	}
	jc->win.have_procstat = w->reads & (1u << TC_ORACLE_PROCSTAT);
	jc->win.have_iostat = w->reads & (1u << TC_ORACLE_IOSTAT);
	if (jc->win.notes[0])
		snprintf(notes, nsize, "%s", jc->win.notes);
	return 0;
}

void tc_window_release(struct tc_window *w)
{
	for (int i = 0; i < 2; i++)
		if (w->io_running[i])
			tc_proc_kill(&w->io[i]);
	memset(w->io_running, 0, sizeof(w->io_running));
	for (int k = 0; k < TC_ORACLE_NR; k++)
		if (tc_oracles[k].release)
			tc_oracles[k].release(&w->snap[k]);
}
