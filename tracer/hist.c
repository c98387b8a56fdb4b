// SPDX-License-Identifier: GPL-2.0
/* Histogram ranges and terminal rendering; see hist.h. */
#include <inttypes.h>
#include <string.h>
#include "hist.h"

#define BAR_MIN 10
#define BAR_MAX 60
#define FOLD_RUN 3 /* interior empty rows folded to "~" from this many on */

__u32 tc_hist_nslots(const struct tc_hist_cfg *cfg)
{
	if (cfg->kind == TC_HIST_LINEAR)
		return cfg->nslots;
	return TC_HIST_SLOTS;
}

int tc_hist_bucket(const struct tc_hist_cfg *cfg, __u32 slot, __u64 *lo, __u64 *hi)
{
	if (slot >= tc_hist_nslots(cfg))
		return -1;
	if (cfg->kind == TC_HIST_LINEAR) {
		if (slot == 0) {
			if (!cfg->lmin)
				return -1;
			*lo = 0;
			*hi = cfg->lmin - 1;
		} else if (slot == cfg->nslots - 1) {
			*lo = cfg->lmin + (__u64)(slot - 1) * cfg->lstep;
			*hi = TC_HIST_INF;
		} else {
			*lo = cfg->lmin + (__u64)(slot - 1) * cfg->lstep;
			*hi = *lo + cfg->lstep - 1;
		}
		return 0;
	}
	if (slot == 0) {
		*lo = *hi = 0;
	} else if (slot == TC_HIST_SLOTS - 1) {
		*lo = 1ULL << (slot - 1);
		*hi = TC_HIST_INF;
	} else {
		*lo = 1ULL << (slot - 1);
		*hi = (1ULL << slot) - 1;
	}
	return 0;
}

__u64 tc_hist_le_ns(const struct tc_hist_cfg *cfg, __u32 slot)
{
	__u64 lo, hi, unit = cfg->unit_ns ? cfg->unit_ns : 1;

	unsigned __int128 le;

	if (tc_hist_bucket(cfg, slot, &lo, &hi) || hi == TC_HIST_INF)
		return TC_HIST_INF;
	/* A value v in units stands for [v*unit, v*unit + unit - 1] ns. */
	le = ((unsigned __int128)hi + 1) * unit - 1;
	return le > TC_HIST_INF ? TC_HIST_INF : (__u64)le;
}

static int ndigits(__u64 v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

static void fmt_hi(char *buf, size_t size, __u64 hi)
{
	if (hi == TC_HIST_INF)
		snprintf(buf, size, "inf");
	else
		snprintf(buf, size, "%" PRIu64, (uint64_t)hi);
}

int tc_hist_print(FILE *f, const struct tc_hist *h, const struct tc_hist_cfg *cfg,
		  const char *unit, int width)
{
	__u32 n = tc_hist_nslots(cfg), first = n, last = 0, start, end;
	__u64 max = 0, lo, hi;
	int wlo = 1, whi = 3, wcnt = 5, bar, lines = 0;
	char hibuf[24];

	for (__u32 s = 0; s < n; s++) {
		if (!h->slots[s])
			continue;
		if (first == n)
			first = s;
		last = s;
		if (h->slots[s] > max)
			max = h->slots[s];
	}
	if (first == n) {
		fprintf(f, "  (no events)\n");
		return 1;
	}
	/* One row of padding each side, where such a bucket exists. */
	start = first;
	if (first > 0 && !tc_hist_bucket(cfg, first - 1, &lo, &hi))
		start = first - 1;
	end = last + 1 < n ? last + 1 : last;

	for (__u32 s = start; s <= end; s++) {
		if (tc_hist_bucket(cfg, s, &lo, &hi))
			continue;
		fmt_hi(hibuf, sizeof(hibuf), hi);
		if (ndigits(lo) > wlo)
			wlo = ndigits(lo);
		if ((int)strlen(hibuf) > whi)
			whi = strlen(hibuf);
		if (ndigits(h->slots[s]) > wcnt)
			wcnt = ndigits(h->slots[s]);
	}
	/* range, two spaces, count, " |", bar, "|" */
	bar = width - (wlo + 4 + whi) - 2 - wcnt - 3;
	if (bar > BAR_MAX)
		bar = BAR_MAX;
	if (bar < BAR_MIN)
		bar = BAR_MIN;

	fprintf(f, "%*s  %*s  %s\n", wlo + 4 + whi, unit, wcnt, "count", "distribution");
	lines++;
	for (__u32 s = start; s <= end; s++) {
		__u64 c = h->slots[s];
		int len;

		if (tc_hist_bucket(cfg, s, &lo, &hi))
			continue;
		if (!c && s > first && s < last) {
			__u32 run = s;

			while (run < last && !h->slots[run])
				run++;
			if (run - s >= FOLD_RUN) {
				fprintf(f, "%*s\n", wlo + 2, "~");
				lines++;
				s = run - 1;
				continue;
			}
		}
		fmt_hi(hibuf, sizeof(hibuf), hi);
		len = c ? (int)((c * bar + max - 1) / max) : 0;
		fprintf(f, "%*" PRIu64 " .. %-*s  %*" PRIu64 " |", wlo, (uint64_t)lo, whi, hibuf,
			wcnt, (uint64_t)c);
		for (int i = 0; i < bar; i++)
			fputc(i < len ? '@' : ' ', f);
		fputs("|\n", f);
		lines++;
	}
	return lines;
}
