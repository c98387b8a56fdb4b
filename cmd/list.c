// SPDX-License-Identifier: GPL-2.0
/* tracecal list [--metrics [--markdown]]: the tools, or the canonical metrics. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "../tracer/metrics.h"
#include "../tracer/tool.h"

int cmd_list(int argc, char **argv)
{
	bool metrics = false, markdown = false;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--metrics")) {
			metrics = true;
		} else if (!strcmp(argv[i], "--markdown")) {
			markdown = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("Usage: tracecal list [--metrics [--markdown]]\n\n"
			       "Without options: the tools of `tracecal trace`.\n"
			       "--metrics: the canonical metrics every tool's output is translated "
			       "into;\n--markdown: as the table of docs/metrics.md.\n");
			return 0;
		} else {
			fprintf(stderr, "tracecal list: unknown option '%s'\n", argv[i]);
			return 2;
		}
	}
	if (markdown && !metrics) {
		fprintf(stderr, "tracecal list: --markdown goes with --metrics\n");
		return 2;
	}
	if (metrics && markdown) {
		tc_metrics_markdown(stdout);
		return 0;
	}
	if (metrics) {
		for (int i = 0; i < TC_M_NR; i++)
			printf("%-26s %-9s %-28s %s\n", tc_metrics[i].name,
			       tc_metric_type_name(tc_metrics[i].type), tc_metrics[i].labels,
			       tc_metrics[i].unit);
		return 0;
	}
	for (int i = 0; tc_tools[i]; i++)
		printf("%-11s %s\n", tc_tools[i]->name, tc_tools[i]->summary);
	return 0;
}
