// SPDX-License-Identifier: GPL-2.0
/*
 * tracecal: validate tracing tools against workloads whose effect is known.
 * main() only dispatches to a subcommand, in the manner of git and bpftool.
 */
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "../tracer/report.h"

static const struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
} cmds[] = {
	{ "run", cmd_run, "run SCENARIO...                check tools against scenarios" },
	{ "audit", cmd_audit, "audit                          the default suite, every tool, a matrix" },
	{ "merge", cmd_merge, "merge [LABEL=]RESULTS.json...  runs on several kernels, one matrix" },
	{ "diff", cmd_diff, "diff OLD.json NEW.json          what changed between two runs" },
	{ "trace", cmd_trace, "trace TOOL [OPTIONS]           run a tool of the tracer core" },
	{ "workload", cmd_workload, "workload NAME [KEY=VALUE...]   run a known load, write its manifest" },
	{ "tapset", cmd_tapset, "tapset [LIBRARY...]            check probe libraries: attach, fire, mean the same" },
	{ "clean", cmd_clean, "clean [-n]                     release what killed runs left behind" },
	{ "list", cmd_list, "list [--metrics|--directives]  the tools, metrics, or file formats" },
	{ NULL, NULL, NULL },
};

static int usage(FILE *f, int status)
{
	fprintf(f, "Usage: tracecal COMMAND [ARGS...]\n\n"
		   "tracecal checks what tracing tools report against workloads whose effect\n"
		   "is known exactly, and runs its own reference tracer.\n\nCommands:\n");
	for (const struct cmd *c = cmds; c->name; c++)
		fprintf(f, "  tracecal %s\n", c->usage);
	fprintf(f, "\n'tracecal COMMAND --help' tells more about each.\n"
		   "  tracecal trace syscount --duration 5s    # syscalls by name for 5 s\n"
		   "  tracecal list                            # the tools\n");
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr, 2);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
		return usage(stdout, 0);
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("tracecal %s\n", tc_version());
		return 0;
	}
	for (const struct cmd *c = cmds; c->name; c++)
		if (!strcmp(argv[1], c->name))
			return c->fn(argc - 1, argv + 1);
	fprintf(stderr, "tracecal: '%s' is not a command. See 'tracecal --help'.\n", argv[1]);
	return 2;
}
