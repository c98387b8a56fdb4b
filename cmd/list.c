// SPDX-License-Identifier: GPL-2.0
/*
 * tracecal list [--metrics | --directives scenario|descriptor|tapset] [--markdown]:
 * the tools, the canonical metrics, or the directives of a file format.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "../harness/descriptor.h"
#include "../harness/scenario.h"
#include "../common/metrics.h"
#include "../harness/tapset.h"
#include "../tracer/tool.h"

int cmd_list(int argc, char **argv)
{
	bool metrics = false, markdown = false, tapset = false;
	const struct tc_directive *table = NULL;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--directives") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "scenario")) {
				table = tc_scenario_directives;
			} else if (!strcmp(argv[i], "descriptor")) {
				table = tc_descriptor_directives;
			} else if (!strcmp(argv[i], "tapset")) {
				table = tc_tapset_alias_directives;
				tapset = true;
			} else {
				fprintf(stderr, "tracecal list: --directives scenario, descriptor or tapset, "
					"not '%s'\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--metrics")) {
			metrics = true;
		} else if (!strcmp(argv[i], "--markdown")) {
			markdown = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("Usage: tracecal list [--metrics | --directives scenario|descriptor|tapset] "
			       "[--markdown]\n\n"
			       "Without options: the tools of `tracecal trace`.\n"
			       "--metrics: the canonical metrics every tool's output is translated "
			       "into;\n--directives: the directives of scenario files or tool "
			       "descriptors or probe libraries;\n--markdown: as the tables of docs/.\n");
			return 0;
		} else {
			fprintf(stderr, "tracecal list: unknown option '%s'\n", argv[i]);
			return 2;
		}
	}
	if (markdown && !metrics && !table) {
		fprintf(stderr, "tracecal list: --markdown goes with --metrics or --directives\n");
		return 2;
	}
	if (table) {
		if (markdown && tapset) { /* a library's first record, then an alias's */
			printf("### The LIBRARY record\n\n");
			tc_directives_markdown(stdout, tc_tapset_lib_directives);
			printf("\n### An ALIAS record\n\n");
		}
		if (markdown) {
			tc_directives_markdown(stdout, table);
			return 0;
		}
		for (const struct tc_directive *d = tc_tapset_lib_directives; tapset && d->name; d++)
			printf("%-15s %s\n", d->name, d->args);
		for (; table->name; table++)
			printf("%-15s %s\n", table->name, table->args);
		return 0;
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
