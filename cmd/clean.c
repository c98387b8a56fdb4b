// SPDX-License-Identifier: GPL-2.0
/*
 * tracecal clean [-n] [-v]: release what runs killed before they could
 * clean up left behind (loop devices, mounts, disk images, folders, stray
 * processes and VM runs' qemu), from the records they kept (see
 * harness/runrec.h). Every `tracecal run` does the same as it starts.
 */
#include <argp.h>
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "../harness/runrec.h"

struct clean_opts {
	bool dry_run;
	bool verbose;
	bool quiet;
};

static const struct argp_option options[] = {
	{ "dry-run", 'n', NULL, 0, "Only list what would be released", 0 },
	{ "verbose", 'v', NULL, 0, "Also name the live runs, which are left alone", 0 },
	{ "quiet", 'q', NULL, 0, "Say only what is released, or could not be", 0 },
	{},
};

static error_t parse_opt(int key, char *arg, struct argp_state *st)
{
	struct clean_opts *o = st->input;

	switch (key) {
	case 'n':
		o->dry_run = true;
		break;
	case 'v':
		o->verbose = true;
		break;
	case 'q':
		o->quiet = true;
		break;
	case ARGP_KEY_ARG:
		argp_error(st, "'%s': clean takes no arguments", arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

int cmd_release_dead(const char *argv0, FILE *f)
{
	struct tc_clean_stats st;
	int ret = tc_runrec_clean(false, false, f, &st);

	if (ret)
		fprintf(stderr, "%s: cannot read the records of earlier runs in %s: %s\n", argv0,
			tc_runrec_state_dir(), strerror(-ret));
	else if (st.failed)
		fprintf(stderr, "%s: %d fixture%s of dead runs could not be released (named above)\n",
			argv0, st.failed, st.failed == 1 ? "" : "s");
	return ret ? ret : st.failed;
}

int cmd_clean(int argc, char **argv)
{
	struct clean_opts o = {};
	struct argp argp = { options, parse_opt, "",
			     "Release the fixtures of tracecal runs whose harness died without "
			     "cleaning up (killed with SIGKILL, by the OOM killer, by a CI job's "
			     "timeout): their stray processes, mounts, loop devices (found by their "
			     "backing file), disk images and folders, and the scratch disks and qemu "
			     "of vm-images/run.sh. Runs keep a record of what they make in "
			     "$TRACECAL_STATE_DIR (default /run/tracecal), held under a lock while "
			     "their harness lives: a live run's fixtures are never touched. Every "
			     "`tracecal run` and `tracecal audit` does this as it starts. Exit "
			     "status: 0 when everything of the dead runs was released (or nothing "
			     "was there), 1 when something could not be (it is named), 2 for a "
			     "usage error.\v"
			     "Examples:\n"
			     "  tracecal clean -n     # what would be released, and nothing done\n"
			     "  tracecal clean        # release it, saying what\n"
			     "  tracecal clean -v     # and name the live runs left alone",
			     NULL, NULL, NULL };
	struct tc_clean_stats st;
	int ret;

	argv[0] = "tracecal clean";
	argp_err_exit_status = 2;
	if (argp_parse(&argp, argc, argv, 0, NULL, &o))
		return 2;
	ret = tc_runrec_clean(o.dry_run, o.verbose, stdout, &st);
	if (ret) {
		fprintf(stderr, "tracecal clean: cannot read %s: %s\n", tc_runrec_state_dir(),
			strerror(-ret));
		return 1;
	}
	if (!st.dead && !o.quiet)
		printf("nothing to release: no dead run's record in %s%s\n", tc_runrec_state_dir(),
		       st.live ? "" : " (and no live one)");
	if (st.live && !o.verbose && !o.quiet)
		printf("%d live run%s left alone (-v names them)\n", st.live,
		       st.live == 1 ? "" : "s");
	if (st.failed) {
		fprintf(stderr, "tracecal clean: %d thing%s could not be released (named above)\n",
			st.failed, st.failed == 1 ? "" : "s");
		return 1;
	}
	return 0;
}
