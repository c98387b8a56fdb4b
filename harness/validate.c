// SPDX-License-Identifier: GPL-2.0
/* Load-time checks of what scenarios name; see validate.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "../oracles/compare.h"
#include "../oracles/jsonpath.h"
#include "../common/metrics.h"
#include "../workloads/workload.h"
#include "directives.h"
#include "validate.h"

int tc_validate_metric(const char *name, bool hist, char *why, size_t size)
{
	const struct tc_metric *m = tc_metric_by_name(name);
	char base[96];
	size_t len = strlen(name);

	if (!m && !hist) {
		/* NAME_count and NAME_sum of a histogram are plain numbers too. */
		for (int i = 0; !m && i < 2; i++) {
			const char *suffix = i ? "_sum" : "_count";
			size_t sl = strlen(suffix);

			if (len > sl && len - sl < sizeof(base) && !strcmp(name + len - sl, suffix)) {
				snprintf(base, sizeof(base), "%.*s", (int)(len - sl), name);
				m = tc_metric_by_name(base);
				if (m && m->type != TC_HISTOGRAM)
					m = NULL;
			}
		}
	}
	if (!m) {
		snprintf(why, size, "'%s' is not a canonical metric (see docs/metrics.md)", name);
		return -EINVAL;
	}
	if (hist && m->type != TC_HISTOGRAM) {
		snprintf(why, size, "'%s' is not a histogram metric", name);
		return -EINVAL;
	}
	if (!hist && m->type == TC_HISTOGRAM && !strcmp(m->name, name)) {
		snprintf(why, size, "'%s' is a histogram: use EXPECT_HIST, or %s_count / %s_sum",
			 name, name, name);
		return -EINVAL;
	}
	return 0;
}

int tc_validate_tolerance(const char *text, char *why, size_t size)
{
	struct tc_tol t;

	return tc_tol_parse(text, &t, why, size);
}

int tc_validate_json_path(const char *path, char *why, size_t size)
{
	return tc_jsonpath_check(path, why, size);
}

int tc_validate_workload(const char *line, char comm[16], char *why, size_t size)
{
	char buf[600], *words[40];
	const struct tc_workload *wl;
	struct tc_wl_ctx ctx;
	int n, ret;

	snprintf(buf, sizeof(buf), "%s", line);
	n = tc_split_words(buf, words, 40);
	if (n < 1) {
		snprintf(why, size, "'%s': expected WORKLOAD [KEY=VALUE...]", line);
		return -EINVAL;
	}
	wl = tc_workload_find(words[0]);
	if (!wl) {
		snprintf(why, size, "no workload '%s' (see 'tracecal workload --list')", words[0]);
		return -EINVAL;
	}
	tc_wl_ctx__init(&ctx, wl);
	ret = tc_wl_parse(&ctx, n - 1, words + 1);
	if (!ret)
		ret = tc_wl_check(&ctx);
	if (ret)
		snprintf(why, size, "%s: %s", words[0], ctx.msg);
	else if (comm)
		snprintf(comm, 16, "%s", ctx.comm ? ctx.comm : "");
	tc_wl_ctx__release(&ctx);
	return ret;
}
