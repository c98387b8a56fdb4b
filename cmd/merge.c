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
#include "../reports/tsmatrix.h"

struct merge_opts {
	const char *out;
	const char *runs[TC_KMAX];
	int nruns;
	const char *tapsets[TC_TSM_KERNELS];
	int ntapsets;
};

enum { OPT_TAPSET = 0x100 };

static const struct argp_option options[] = {
	{ "out", 'o', "DIR", 0, "Also write DIR/kernel-matrix.txt, .json and .html", 0 },
	{ "tapset", OPT_TAPSET, "[LABEL=]TAPSET.json", 0, "A kernel's `tracecal tapset --json`: "
	  "the probe libraries join the matrix as an alias x kernel table (repeatable)", 0 },
	{},
};

static error_t parse_opt(int key, char *arg, struct argp_state *st)
{
	struct merge_opts *o = st->input;

	switch (key) {
	case 'o':
		o->out = arg;
		break;
	case OPT_TAPSET:
		if (o->ntapsets == TC_TSM_KERNELS)
			argp_error(st, "at most %d --tapset", TC_TSM_KERNELS);
		o->tapsets[o->ntapsets++] = arg;
		break;
	case ARGP_KEY_ARG:
		if (o->nruns == TC_KMAX)
			argp_error(st, "at most %d runs in one matrix", TC_KMAX);
		o->runs[o->nruns++] = arg;
		break;
	case ARGP_KEY_END:
		if (!o->nruns && !o->ntapsets)
			argp_error(st, "which runs? give one results.json per kernel");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* kind: 0 the text (with the probe libraries' table), 1 the JSON, 2 the HTML page. */
static int write_file(const char *dir, const char *name, const struct tc_kmatrix *m,
		      const struct tc_tsmatrix *tsm, int kind)
{
	char path[4096];
	FILE *f;
	int ret = 0;

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
		if (m->nk)
			tc_kmatrix_write_text(f, m);
		if (tsm->nk)
			tc_tsmatrix_write_text(f, tsm);
		ret = ferror(f) ? -1 : 0;
	}
	if (fclose(f) || ret) {
		fprintf(stderr, "tracecal merge: cannot write %s\n", path);
		return -1;
	}
	return 0;
}

/* "[LABEL=]PATH" -> label ("" if none) and path; -EINVAL, said, if LABEL is bad. */
static int split_label(const char *arg, char *label, size_t size, const char **path)
{
	const char *eq = strchr(arg, '=');

	*label = '\0';
	*path = eq ? eq + 1 : arg;
	if (eq && ((size_t)(eq - arg) >= size || eq == arg)) {
		fprintf(stderr, "tracecal merge: '%s': a LABEL has 1 to %zu characters\n", arg,
			size - 1);
		return -EINVAL;
	}
	if (eq)
		snprintf(label, size, "%.*s", (int)(eq - arg), arg);
	return 0;
}

static int load(const struct merge_opts *o, struct tc_kmatrix *m, struct tc_tsmatrix *tsm)
{
	char err[4200], label[64];
	const char *path;
	int ret = 0;

	for (int i = 0; i < o->nruns && !ret; i++) {
		ret = split_label(o->runs[i], label, sizeof(label), &path);
		if (!ret && (ret = tc_kmatrix_add(m, *label ? label : NULL, path, err, sizeof(err))))
			fprintf(stderr, "tracecal merge: %s\n", err);
	}
	for (int i = 0; i < o->ntapsets && !ret; i++) {
		ret = split_label(o->tapsets[i], label, sizeof(label), &path);
		if (!ret && (ret = tc_tsmatrix_add(tsm, label, path, err, sizeof(err))))
			fprintf(stderr, "tracecal merge: --tapset %s\n", err);
	}
	return ret;
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
			     "kernel. With --tapset, the probe libraries of each kernel follow as "
			     "an alias x kernel table, and the candidates that differ between "
			     "kernels with each kernel's reason. Exit status: 0, or 2 for a usage "
			     "or input error.\v"
			     "Example:\n"
			     "  tracecal merge host=out/host/results.json 6.1=out/6.1/results.json "
			     "-o out\n"
			     "  tracecal merge --tapset host=host/tapset.json --tapset 6.1=6.1/tapset.json",
			     NULL, NULL, NULL };
	struct tc_kmatrix m = {};
	struct tc_tsmatrix tsm = {};
	int ret;

	argv[0] = "tracecal merge";
	argp_err_exit_status = 2;
	if (argp_parse(&argp, argc, argv, 0, NULL, &o))
		return 2;
	ret = load(&o, &m, &tsm);
	if (!ret) {
		if (m.nk)
			tc_kmatrix_write_text(stdout, &m);
		if (tsm.nk)
			tc_tsmatrix_write_text(stdout, &tsm);
		if (o.out) {
			if (mkdir(o.out, 0755) && errno != EEXIST) {
				fprintf(stderr, "tracecal merge: cannot make %s: %s\n", o.out,
					strerror(errno));
				ret = -1;
			} else if (write_file(o.out, "kernel-matrix.txt", &m, &tsm, 0) ||
				   write_file(o.out, "kernel-matrix.json", &m, &tsm, 1) ||
				   write_file(o.out, "kernel-matrix.html", &m, &tsm, 2)) {
				ret = -1;
			} else {
				printf("kernel matrix: %s/kernel-matrix.txt, kernel-matrix.json, "
				       "kernel-matrix.html\n", o.out);
			}
		}
	}
	tc_kmatrix_free(&m);
	tc_tsmatrix_free(&tsm);
	return ret ? 2 : 0;
}
