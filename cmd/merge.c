// SPDX-License-Identifier: GPL-2.0
/*
 * tracecal merge: the runs of one suite on several kernels (their
 * results.json) as one matrix, scenario x kernel -> verdict per tool.
 */
#include <argp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cmd.h"
#include "../reports/kmatrix.h"

struct merge_opts {
	const char *out;
	const char *runs[TC_KMAX];
	int nruns;
};

static const struct argp_option options[] = {
	{ "out", 'o', "DIR", 0, "Also write DIR/kernel-matrix.txt, .json and .html", 0 },
	{},
};

static error_t parse_opt(int key, char *arg, struct argp_state *st)
{
	struct merge_opts *o = st->input;

	switch (key) {
	case 'o':
		o->out = arg;
		break;
	case ARGP_KEY_ARG:
		if (o->nruns == TC_KMAX)
			argp_error(st, "at most %d runs in one matrix", TC_KMAX);
		o->runs[o->nruns++] = arg;
		break;
	case ARGP_KEY_END:
		if (!o->nruns)
			argp_error(st, "which runs? give one results.json per kernel");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static int write_file(const char *dir, const char *name, const struct tc_kmatrix *m, int kind)
{
	char path[4096];
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "tracecal merge: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (kind == 1) {
		ret = tc_kmatrix_write_json(f, m);
	} else if (kind == 2) {
		ret = tc_kmatrix_write_html(f, m);
	} else {
		tc_kmatrix_write_text(f, m);
		ret = ferror(f) ? -1 : 0;
	}
	if (fclose(f) || ret) {
		fprintf(stderr, "tracecal merge: cannot write %s\n", path);
		return -1;
	}
	return 0;
}

int cmd_merge(int argc, char **argv)
{
	struct merge_opts o = {};
	struct argp argp = { options, parse_opt, "[LABEL=]RESULTS.json...",
			     "Merge the runs of a suite on several kernels (the results.json of "
			     "`tracecal run --json` or --out, one per kernel) into one matrix: for "
			     "each tool, scenario x kernel -> verdict, the hooks each kernel gave "
			     "it, every cell that differs between kernels with each kernel's "
			     "reason, and whether the pairs that ran on different hooks gave the "
			     "same verdicts and exact counts. LABEL names a column (default: the "
			     "run's kernel). A run that holds a \"vm\" object (ci/vm-test adds "
			     "vm-images/run.sh's accel.json) has its accelerator printed beside its "
			     "kernel. Exit status: 0, or 2 for a usage or input error.\v"
			     "Example:\n"
			     "  tracecal merge host=out/host/results.json 6.1=out/6.1/results.json "
			     "-o out",
			     NULL, NULL, NULL };
	struct tc_kmatrix m = {};
	char err[4200];
	int ret = 0;

	argv[0] = "tracecal merge";
	argp_err_exit_status = 2;
	if (argp_parse(&argp, argc, argv, 0, NULL, &o))
		return 2;
	for (int i = 0; i < o.nruns && !ret; i++) {
		const char *eq = strchr(o.runs[i], '='), *path = eq ? eq + 1 : o.runs[i];
		char label[64];

		if (eq && ((size_t)(eq - o.runs[i]) >= sizeof(label) || eq == o.runs[i])) {
			fprintf(stderr, "tracecal merge: '%s': a LABEL has 1 to %zu characters\n",
				o.runs[i], sizeof(label) - 1);
			ret = -EINVAL;
			break;
		}
		if (eq)
			snprintf(label, sizeof(label), "%.*s", (int)(eq - o.runs[i]), o.runs[i]);
		ret = tc_kmatrix_add(&m, eq ? label : NULL, path, err, sizeof(err));
		if (ret)
			fprintf(stderr, "tracecal merge: %s\n", err);
	}
	if (!ret) {
		tc_kmatrix_write_text(stdout, &m);
		if (o.out) {
			if (mkdir(o.out, 0755) && errno != EEXIST) {
				fprintf(stderr, "tracecal merge: cannot make %s: %s\n", o.out,
					strerror(errno));
				ret = -1;
			} else if (write_file(o.out, "kernel-matrix.txt", &m, 0) ||
				   write_file(o.out, "kernel-matrix.json", &m, 1) ||
				   write_file(o.out, "kernel-matrix.html", &m, 2)) {
				ret = -1;
			} else {
				printf("kernel matrix: %s/kernel-matrix.txt, kernel-matrix.json, "
				       "kernel-matrix.html\n", o.out);
			}
		}
	}
	tc_kmatrix_free(&m);
	return ret ? 2 : 0;
}
