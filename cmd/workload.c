// SPDX-License-Identifier: GPL-2.0
/*
 * tracecal workload NAME [KEY=VALUE...] [--manifest FILE]: run one workload
 * generator and write the manifest of exactly what it did. --list names the
 * workloads (--markdown: their parameter tables, for docs/workloads.md);
 * NAME --help lists a workload's parameters.
 */
#include <argp.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>
#include "cmd.h"
#include "../workloads/workload.h"

#define ARGV0 "tracecal workload"

static const char doc[] =
	"Run a workload whose effect is known exactly, and write a manifest (JSON) of what it "
	"did: syscalls by name, bytes per operation, /proc/PID/io, latencies. Parameters are "
	"KEY=VALUE arguments; unknown keys and bad values are errors."
	"\vExamples:\n"
	"  tracecal workload --list\n"
	"  tracecal workload syscalls --help\n"
	"  tracecal workload syscalls getppid=1009 --manifest m.json\n"
	"  tracecal workload io-direct file=/mnt/f size=64M bs=128K op=read pattern=random\n";

enum { OPT_MARKDOWN = 0x100 };

static const struct argp_option options[] = {
	{ "manifest", 'm', "FILE", 0, "Write the manifest to FILE (atomically) instead of stdout",
	  0 },
	{ "list", 'l', NULL, 0, "List the workloads", 0 },
	{ "markdown", OPT_MARKDOWN, NULL, 0,
	  "With --list: the workloads and their parameters as Markdown tables", 0 },
	{ "help", 'h', NULL, 0, "Give this help; after NAME, that workload's parameters", 0 },
	{ NULL, 0, NULL, 0, NULL, 0 },
};

struct env {
	const char *manifest;
	bool list, markdown, help;
	const char *name;
	char **kv;
	int nkv;
};

static error_t parse_opt(int key, char *arg, struct argp_state *st)
{
	struct env *env = st->input;

	switch (key) {
	case 'm':
		env->manifest = arg;
		break;
	case 'l':
		env->list = true;
		break;
	case OPT_MARKDOWN:
		env->markdown = true;
		break;
	case 'h':
		env->help = true;
		break;
	case ARGP_KEY_ARG:
		if (!env->name)
			env->name = arg;
		else
			env->kv[env->nkv++] = arg;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = { options, parse_opt, "NAME [KEY=VALUE...]", doc, NULL, NULL,
				  NULL };

/* Run it and write the manifest: 0, 1 (runtime error) or 2 (usage error). */
static int run(const struct tc_workload *wl, struct env *env)
{
	bool to_file = env->manifest && strcmp(env->manifest, "-");
	struct json_object *m = NULL;
	struct tc_wl_ctx ctx;
	char tmp[4096];
	int fd = -1, err, status = 1;

	tc_wl_ctx__init(&ctx, wl);
	if (tc_wl_parse(&ctx, env->nkv, env->kv) || tc_wl_check(&ctx)) {
		fprintf(stderr, ARGV0 " %s: %s\n", wl->name, ctx.msg);
		return 2;
	}
	/* A manifest that cannot be written fails before the run, not after it. */
	if (to_file) {
		fd = tc_wl_manifest_open(env->manifest, tmp, sizeof(tmp));
		if (fd < 0)
			goto no_manifest;
		close(fd);
		unlink(tmp);
	}
	err = tc_wl_run(&ctx);
	if (err) {
		fprintf(stderr, ARGV0 " %s: failed to %s: %s\n", wl->name, ctx.msg,
			ctx.why[0] ? ctx.why : strerror(-err));
		goto cleanup;
	}
	/* Made again now, so that a run cut short (Ctrl-C) leaves no temporary file. */
	if (to_file) {
		fd = tc_wl_manifest_open(env->manifest, tmp, sizeof(tmp));
		if (fd < 0)
			goto no_manifest;
	}
	m = tc_wl_manifest(&ctx);
	err = tc_wl_manifest_write(m, fd, tmp, env->manifest); /* closes fd */
	if (err) {
		fprintf(stderr, ARGV0 " %s: failed to write the manifest %s: %s\n", wl->name,
			to_file ? env->manifest : "to stdout", strerror(-err));
		goto cleanup;
	}
	status = 0;
	goto cleanup;
no_manifest:
	fprintf(stderr, ARGV0 " %s: failed to create the manifest %s: %s\n", wl->name,
		env->manifest, strerror(-fd));
cleanup:
	json_object_put(m);
	tc_wl_ctx__release(&ctx);
	return status;
}

int cmd_workload(int argc, char **argv)
{
	struct env env = { .kv = calloc(argc + 1, sizeof(char *)) };
	const struct tc_workload *wl;
	int status = 0;

	if (!env.kv) {
		fprintf(stderr, ARGV0 ": out of memory\n");
		return 1;
	}
	argv[0] = ARGV0;
	argp_err_exit_status = 2;
	if (argp_parse(&argp, argc, argv, ARGP_NO_HELP, NULL, &env)) {
		status = 2;
		goto out;
	}
	if (env.markdown && !env.list) {
		fprintf(stderr, ARGV0 ": --markdown goes with --list\n");
		status = 2;
	} else if (env.list) {
		if (env.markdown)
			tc_wl_print_markdown(stdout);
		else
			tc_wl_print_list(stdout);
	} else if (!env.name) {
		if (env.help) {
			argp_help(&argp, stdout, ARGP_HELP_STD_HELP, ARGV0);
		} else {
			fprintf(stderr, "Usage: " ARGV0 " NAME [KEY=VALUE...] [--manifest FILE]\n"
					"Try '" ARGV0 " --list' for the workloads, '" ARGV0
					" --help' for more.\n");
			status = 2;
		}
	} else if (!(wl = tc_workload_find(env.name))) {
		fprintf(stderr, ARGV0 ": no workload '%s'. The workloads are:\n", env.name);
		tc_wl_print_list(stderr);
		status = 2;
	} else if (env.help) {
		tc_wl_print_help(stdout, wl);
	} else {
		status = run(wl, &env);
	}
out:
	free(env.kv);
	return status;
}
