// SPDX-License-Identifier: GPL-2.0
/* The oracles read over the tool's window; see window.h. */
#include <errno.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "../oracles/iostat.h"
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
			 (char *)w->dev, NULL };
	char out[600], err[600];
	int ret;

	snprintf(out, sizeof(out), "%s/%s.iostat%s.json", workdir, tag, i ? "-x" : "");
	snprintf(err, sizeof(err), "%s/%s.iostat%s.err", workdir, tag, i ? "-x" : "");
	ret = tc_proc_start(&w->io[i], argv, out, err);
	if (ret)
		return snprintf(why, size, "cannot start iostat: %s", strerror(-ret)), ret;
	w->io_running[i] = true;
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
			 i ? "-dxk" : "-dk", w->dev, ret == -ECHILD ? "it exited" : "timed out",
			 tail[0] ? ": " : "", tail);
	}
	return ret;
}

int tc_window_open(struct tc_window *w, const struct tc_scenario *sc, const char *dev,
		   const char *workdir, const char *tag, struct tc_judge_ctx *jc, char *why,
		   size_t size)
{
	char tmp[300];
	int ret = 0;

	memset(w, 0, sizeof(*w));
	w->dev = dev;
	w->procstat = uses(sc, TC_ORACLE_PROCSTAT);
	w->iostat = dev && uses(sc, TC_ORACLE_IOSTAT);
	if (uses(sc, TC_ORACLE_IOSTAT) && !dev)
		snprintf(jc->oracle_why, sizeof(jc->oracle_why), "the scenario has no fixture "
			 "device (FIXTURE none)");
	if (w->iostat) {
		/*
		 * Each samples as it starts, a few ms after this: the window it
		 * reports on is at most that much shorter than the one we time.
		 */
		w->t0 = now_ns();
		for (int i = 0; i < 2 && !ret; i++)
			ret = iostat_start(w, i, workdir, tag, tmp, sizeof(tmp));
		for (int i = 0; i < 2 && !ret; i++)
			ret = iostat_ready(w, i, tmp, sizeof(tmp));
		if (ret) {
			snprintf(jc->oracle_why, sizeof(jc->oracle_why), "%s", tmp);
			w->iostat = false;
			ret = 0;
		}
	}
	if (w->procstat && tc_procstat__read(&w->stat, NULL, tmp, sizeof(tmp))) {
		snprintf(jc->oracle_why, sizeof(jc->oracle_why), "%s", tmp);
		w->procstat = false;
	}
	if (!dev)
		return 0;
	ret = tc_diskstats__read(&w->disk, TC_DISKSTATS_PATH, why, size);
	return ret;
}

/* Both iostats report now; their second reports, of the device, go to jc. */
static int iostat_finish(struct tc_window *w, struct tc_judge_ctx *jc, char *notes,
			 size_t nsize, char *why, size_t size)
{
	struct tc_iostat io = {};
	char msg[300];
	int ret = 0;

	w->t1 = now_ns();
	for (int i = 0; i < 2; i++) {
		int sent;
		bool killed;

		tc_proc_stop(&w->io[i], SIGALRM, IOSTAT_STOP_NS, 0, &sent, &killed);
		w->io_running[i] = false;
	}
	for (int i = 0; i < 2 && !ret; i++) {
		const struct tc_iostat_dev *d;

		ret = tc_iostat__read_json(&io, w->io[i].out_path, why, size);
		if (!ret && io.n != 2) {
			snprintf(why, size, "%s: %zu reports, not 2: iostat did not report at the "
				 "window's end", w->io[i].out_path, io.n);
			ret = -EINVAL;
		}
		d = ret ? NULL : tc_iostat_report__find(&io.reports[1], w->dev);
		if (!ret && !d) {
			snprintf(why, size, "%s: no %s in its report", w->io[i].out_path, w->dev);
			ret = -ENOENT;
		}
		if (!ret)
			jc->iostat[i] = *d;
		/* iostat's arithmetic against ours, over the same window: it must agree. */
		if (!ret && i == 0 && tc_iostat__check(&io, 1, 2, &jc->disk, msg, sizeof(msg)))
			snprintf(notes, nsize, "iostat disagrees with diskstats over the window: %s",
				 msg);
		tc_iostat__free(&io);
	}
	jc->iostat_secs = (w->t1 - w->t0) / 1e9;
	return ret;
}

int tc_window_close(struct tc_window *w, struct tc_judge_ctx *jc, char *notes, size_t nsize,
		    char *why, size_t size)
{
	struct tc_diskstats after = {};
	struct tc_procstat stat = {};
	char tmp[300];
	int ret = 0;

	if (w->dev) {
		ret = tc_diskstats__read(&after, TC_DISKSTATS_PATH, why, size);
		if (!ret)
			ret = tc_diskstats__delta_dev(&w->disk, &after, w->dev, &jc->disk, why, size);
		tc_diskstats__free(&after);
		if (ret)
			return ret;
	}
	if (w->procstat) {
		if (tc_procstat__read(&stat, NULL, tmp, sizeof(tmp)) ||
		    tc_procstat__delta(&w->stat, &stat, &jc->procstat, tmp, sizeof(tmp)))
			snprintf(jc->oracle_why, sizeof(jc->oracle_why), "%s", tmp);
		else
			jc->have_procstat = true;
		tc_procstat__free(&stat);
	}
	if (w->iostat) {
		if (iostat_finish(w, jc, notes, nsize, tmp, sizeof(tmp)))
			snprintf(jc->oracle_why, sizeof(jc->oracle_why), "%s", tmp);
		else
			jc->have_iostat = true;
	}
	return 0;
}

void tc_window_release(struct tc_window *w)
{
	for (int i = 0; i < 2; i++)
		if (w->io_running[i])
			tc_proc_kill(&w->io[i]);
	memset(w->io_running, 0, sizeof(w->io_running));
	tc_diskstats__free(&w->disk);
	tc_procstat__free(&w->stat);
}
