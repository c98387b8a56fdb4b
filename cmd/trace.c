// SPDX-License-Identifier: GPL-2.0
/* tracecal trace TOOL [OPTIONS]: run one tool of the tracer core. */
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "../tracer/session.h"
#include "../tracer/tool.h"

static void list_tools(FILE *f)
{
	for (int i = 0; tc_tools[i]; i++)
		fprintf(f, "  %-11s %s\n", tc_tools[i]->name, tc_tools[i]->summary);
}

int cmd_trace(int argc, char **argv)
{
	const struct tc_tool *tool;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		FILE *f = argc < 2 ? stderr : stdout;

		fprintf(f, "Usage: tracecal trace TOOL [OPTIONS]\n\nTools:\n");
		list_tools(f);
		fprintf(f, "\n'tracecal trace TOOL --help' shows a tool's options.\n");
		return argc < 2 ? 2 : 0;
	}
	tool = tc_tool_find(argv[1]);
	if (!tool) {
		fprintf(stderr, "tracecal trace: no tool '%s'. The tools are:\n", argv[1]);
		list_tools(stderr);
		return 2;
	}
	return tc_session_run(tool, argc - 1, argv + 1);
}
