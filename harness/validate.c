// SPDX-License-Identifier: GPL-2.0
/* Load-time checks of what scenarios name; see validate.h. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "../tracer/metrics.h"
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

/* Until the oracle library's parsers are wired in: the shapes they accept. */
int tc_validate_tolerance(const char *text, char *why, size_t size)
{
	const char *p = text;

	if (!strcmp(text, "exact"))
		return 0;
	if (!strncmp(p, "\xc2\xb1", 2))
		p += 2;
	else if (!strncmp(p, "+-", 2))
		p += 2;
	if (isdigit((unsigned char)*p))
		return 0;
	snprintf(why, size, "'%s': expected exact, ±N%% or ±N", text);
	return -EINVAL;
}

int tc_validate_json_path(const char *path, char *why, size_t size)
{
	if (*path && !strchr(path, ' '))
		return 0;
	snprintf(why, size, "'%s': expected a dotted path such as ops.read.bytes_returned", path);
	return -EINVAL;
}

int tc_validate_workload(const char *line, char comm[16], char *why, size_t size)
{
	const char *c = strstr(line, "comm=");
	size_t n = strcspn(line, " \t");

	if (!n) {
		snprintf(why, size, "no workload named");
		return -EINVAL;
	}
	if (comm) {
		if (c)
			snprintf(comm, 16, "%.*s", (int)strcspn(c + 5, " \t"), c + 5);
		else
			snprintf(comm, 16, "tc_%.*s", (int)n, line);
	}
	return 0;
}
