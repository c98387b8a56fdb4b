// SPDX-License-Identifier: GPL-2.0
/* The kernel matrix; see kmatrix.h. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "kmatrix.h"

static const char *str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static struct tc_kcell *cell(struct tc_kmatrix *m, const char *tool, const char *scenario)
{
	struct tc_kcell *c;

	for (int i = 0; i < m->n; i++)
		if (!strcmp(m->c[i].tool, tool) && !strcmp(m->c[i].scenario, scenario))
			return &m->c[i];
	if (m->n == m->cap) {
		int cap = m->cap ? m->cap * 2 : 64;
		struct tc_kcell *nc = realloc(m->c, cap * sizeof(*nc));

		if (!nc)
			return NULL;
		m->c = nc;
		m->cap = cap;
	}
	c = &m->c[m->n];
	memset(c, 0, sizeof(*c));
	c->tool = strdup(tool);
	c->scenario = strdup(scenario);
	if (!c->tool || !c->scenario) {
		free(c->tool);
		free(c->scenario);
		return NULL;
	}
	m->n++;
	return c;
}

static void add_checks(struct tc_kcell *c, int k, json_object *checks)
{
	size_t n = checks ? json_object_array_length(checks) : 0;

	for (size_t i = 0; i < n; i++) {
		json_object *ch = json_object_array_get_idx(checks, i), *a;
		const char *expect = str(ch, "expect"), *oracle = str(ch, "oracle");
		const char *tol = str(ch, "tolerance");
		struct tc_kcheck *kc = NULL;

		if (!expect || !oracle)
			continue;
		for (int j = 0; j < c->nchecks && !kc; j++)
			if (!strcmp(c->checks[j].expect, expect) && !strcmp(c->checks[j].oracle, oracle))
				kc = &c->checks[j];
		if (!kc) {
			if (c->nchecks == TC_KCHECKS)
				continue;
			kc = &c->checks[c->nchecks];
			kc->expect = strdup(expect);
			kc->oracle = strdup(oracle);
			if (!kc->expect || !kc->oracle) {
				free(kc->expect);
				free(kc->oracle);
				continue;
			}
			kc->exact_manifest = !strncmp(oracle, "manifest.", 9) && tol &&
					     !strcmp(tol, "exact");
			c->nchecks++;
		}
		if (json_object_object_get_ex(ch, "actual", &a) &&
		    (json_object_is_type(a, json_type_double) || json_object_is_type(a, json_type_int))) {
			kc->actual[k] = json_object_get_double(a);
			kc->has[k] = true;
		}
	}
}

/*
 * The accelerator a VM ran on, from the "vm" object ci/vm-test adds (run.sh's
 * accel.json): "kvm -cpu host,-arch-capabilities, 2 CPUs (refused: kvm -cpu
 * host: failed to set MSR 0x10a to 0x69)".
 */
static void vm_text(const char *vm_json, char *buf, size_t len)
{
	json_object *vm = json_tokener_parse(vm_json), *v, *refused;
	const char *accel = str(vm, "accel"), *cpu = str(vm, "cpu");
	int smp = json_object_object_get_ex(vm, "smp", &v) ? json_object_get_int(v) : 0;
	size_t n, nref;

	n = snprintf(buf, len, "%s%s%s", accel ? accel : "none", cpu ? " -cpu " : "", cpu ? cpu : "");
	if (accel && smp && n < len)
		n += snprintf(buf + n, len - n, ", %d CPU%s", smp, smp == 1 ? "" : "s");
	nref = json_object_object_get_ex(vm, "refused", &refused) &&
	       json_object_is_type(refused, json_type_array) ? json_object_array_length(refused) : 0;
	for (size_t i = 0; i < nref && n < len; i++) {
		json_object *r = json_object_array_get_idx(refused, i);
		const char *c = str(r, "candidate"), *why = str(r, "reason");

		n += snprintf(buf + n, len - n, "%s%s: %s", i ? "; " : " (refused: ", c ? c : "?",
			      why ? why : "?");
	}
	if (nref && n < len)
		n += snprintf(buf + n, len - n, ")");
	else if (!nref && str(vm, "mode") && !strcmp(str(vm, "mode"), "tcg") && n < len)
		snprintf(buf + n, len - n, " (forced by --accel tcg)");
	json_object_put(vm);
}

/*
 * The tools under test a VM carried (the "tools" of run.sh's accel.json):
 * "base (libbpf-tools 0.26.0+ds-1, linux-perf 6.1.192-3, ...)", or "none".
 */
static void vm_tools_text(const char *vm_json, char *buf, size_t len)
{
	json_object *vm = json_tokener_parse(vm_json), *tools;
	size_t n = 0, ntools;

	buf[0] = '\0';
	ntools = json_object_object_get_ex(vm, "tools", &tools) &&
		 json_object_is_type(tools, json_type_array) ? json_object_array_length(tools) : 0;
	for (size_t i = 0; i < ntools && n < len; i++) {
		json_object *t = json_object_array_get_idx(tools, i);
		const char *set = str(t, "set"), *holds = str(t, "holds");

		n += snprintf(buf + n, len - n, "%s%s%s%s%s", i ? "; " : "", set ? set : "?",
			      holds && *holds ? " (" : "", holds && *holds ? holds : "",
			      holds && *holds ? ")" : "");
	}
	if (!ntools && json_object_object_get_ex(vm, "tools", &tools))
		snprintf(buf, len, "none: only tracecal's own tools ran");
	json_object_put(vm);
}

int tc_kmatrix_add(struct tc_kmatrix *m, const char *label, const char *path, char *err,
		   size_t errlen)
{
	json_object *root = json_object_from_file(path), *results, *vm;
	int k = m->nk, ret = 0;
	size_t n;

	if (m->nk == TC_KMAX) {
		snprintf(err, errlen, "%s: at most %d runs in one matrix", path, TC_KMAX);
		json_object_put(root);
		return -E2BIG;
	}
	if (!root) {
		snprintf(err, errlen, "%s: not a JSON report: %s", path, json_util_get_last_err());
		return -EINVAL;
	}
	if (!json_object_object_get_ex(root, "results", &results) ||
	    !json_object_is_type(results, json_type_array) || !str(root, "kernel")) {
		snprintf(err, errlen, "%s: not a report of tracecal run (no kernel or results)", path);
		json_object_put(root);
		return -EINVAL;
	}
	m->kernel[k] = strdup(str(root, "kernel"));
	m->label[k] = strdup(label ? label : str(root, "kernel"));
	m->file[k] = strdup(path);
	if (json_object_object_get_ex(root, "vm", &vm) && json_object_is_type(vm, json_type_object))
		m->vm[k] = strdup(json_object_to_json_string_ext(vm, JSON_C_TO_STRING_PLAIN));
	m->nk++;
	if (!m->kernel[k] || !m->label[k] || !m->file[k]) {
		ret = -ENOMEM;
		goto out;
	}
	n = json_object_array_length(results);
	for (size_t i = 0; i < n; i++) {
		json_object *r = json_object_array_get_idx(results, i), *checks = NULL;
		const char *tool = str(r, "tool"), *sc = str(r, "scenario"), *v = str(r, "verdict");
		struct tc_kcell *c;

		if (!tool || !sc || !v) {
			snprintf(err, errlen, "%s: result %zu has no tool, scenario or verdict", path,
				 i + 1);
			ret = -EINVAL;
			goto out;
		}
		c = cell(m, tool, sc);
		if (!c) {
			ret = -ENOMEM;
			goto out;
		}
		free(c->verdict[k]);
		free(c->reason[k]);
		free(c->hooks[k]);
		c->verdict[k] = strdup(v);
		c->reason[k] = dup_or_null(str(r, "reason"));
		c->hooks[k] = dup_or_null(str(r, "hooks"));
		json_object_object_get_ex(r, "checks", &checks);
		add_checks(c, k, checks);
		m->runs[k]++;
	}
out:
	if (ret == -ENOMEM)
		snprintf(err, errlen, "%s: out of memory", path);
	json_object_put(root);
	return ret;
}

/* The verdict shown for kernel k: "-" when the run did not have the pair. */
static const char *verdict(const struct tc_kcell *c, int k)
{
	return c->verdict[k] ? c->verdict[k] : "-";
}

static bool verdicts_differ(const struct tc_kmatrix *m, const struct tc_kcell *c)
{
	for (int k = 1; k < m->nk; k++)
		if (strcmp(verdict(c, k), verdict(c, 0)))
			return true;
	return false;
}

/*
 * Differs only because a kernel lacked a program, not a kernel feature
 * (bpftrace is not in the VMs): the kernels where it ran agree.
 */
static bool not_installed_only(const struct tc_kmatrix *m, const struct tc_kcell *c)
{
	const char *ran = NULL;

	for (int k = 0; k < m->nk; k++) {
		const char *v = verdict(c, k);

		if (!strcmp(v, "SKIP")) {
			if (!c->reason[k] || !strstr(c->reason[k], "is not installed"))
				return false;
		} else if (ran && strcmp(ran, v)) {
			return false;
		} else {
			ran = v;
		}
	}
	return true;
}

/* A difference the kernels make: verdicts differ, and not only for a missing program. */
bool tc_kcell_differs(const struct tc_kmatrix *m, const struct tc_kcell *c)
{
	return verdicts_differ(m, c) && !not_installed_only(m, c);
}

static bool not_run_everywhere(const struct tc_kmatrix *m, const struct tc_kcell *c)
{
	return verdicts_differ(m, c) && not_installed_only(m, c);
}

bool tc_kcell_all_skip(const struct tc_kmatrix *m, const struct tc_kcell *c)
{
	for (int k = 0; k < m->nk; k++)
		if (c->verdict[k] && strcmp(c->verdict[k], "SKIP"))
			return false;
	return true;
}

/* The pair ran on different hooks on two kernels (both ran it, with hooks). */
static bool hooks_differ(const struct tc_kmatrix *m, const struct tc_kcell *c)
{
	const char *first = NULL;

	for (int k = 0; k < m->nk; k++) {
		if (!c->hooks[k] || !c->hooks[k][0])
			continue;
		if (first && strcmp(first, c->hooks[k]))
			return true;
		first = first ? first : c->hooks[k];
	}
	return false;
}

/* Exact checks against the workload's count whose numbers differ between kernels. */
static int numbers_differ(const struct tc_kmatrix *m, const struct tc_kcell *c)
{
	int n = 0;

	for (int j = 0; j < c->nchecks; j++) {
		const struct tc_kcheck *kc = &c->checks[j];
		int first = -1;

		if (!kc->exact_manifest)
			continue;
		for (int k = 0; k < m->nk; k++) {
			if (!kc->has[k])
				continue;
			if (first >= 0 && kc->actual[k] != kc->actual[first]) {
				n++;
				break;
			}
			if (first < 0)
				first = k;
		}
	}
	return n;
}

int tc_kmatrix_ndiffer(const struct tc_kmatrix *m)
{
	int n = 0;

	for (int i = 0; i < m->n; i++)
		n += tc_kcell_differs(m, &m->c[i]);
	return n;
}

static int by_tool_scenario(const void *a, const void *b)
{
	const struct tc_kcell *x = a, *y = b;
	int d = strcmp(x->tool, y->tool);

	return d ? d : strcmp(x->scenario, y->scenario);
}

static void print_number(FILE *f, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		fprintf(f, "%.0f", v);
	else
		fprintf(f, "%g", v);
}

/* Each kernel: its label, version, runs and file; a VM's accelerator and tools. */
static void write_kernels(FILE *f, const struct tc_kmatrix *m, int wlab, int *wcol)
{
	fprintf(f, "Kernels:\n");
	for (int k = 0; k < m->nk; k++) {
		wcol[k] = (int)strlen(m->label[k]) < 7 ? 7 : (int)strlen(m->label[k]);
		fprintf(f, "  %-*s kernel %s, %d runs (%s)\n", wlab, m->label[k], m->kernel[k],
			m->runs[k], m->file[k]);
		if (m->vm[k]) {
			char vm[1024];

			vm_text(m->vm[k], vm, sizeof(vm));
			fprintf(f, "  %-*s accelerator %s\n", wlab, m->label[k], vm);
			vm_tools_text(m->vm[k], vm, sizeof(vm));
			if (vm[0])
				fprintf(f, "  %-*s tools under test %s\n", wlab, m->label[k], vm);
		}
	}
}

/* The end of tool c[i]'s rows: how many were all SKIP, the hooks each kernel gave it. */
static void write_tool_end(FILE *f, const struct tc_kmatrix *m, const struct tc_kcell *c, int i,
			   int skipped)
{
	if (skipped)
		fprintf(f, "  (%d more scenario%s SKIPped on every kernel)\n", skipped,
			skipped == 1 ? "" : "s");
	/* The hooks each kernel gave the tool (those of its first run there). */
	for (int k = 0; k < m->nk; k++) {
		const char *h = NULL;

		for (int j = i; j >= 0 && !strcmp(c[j].tool, c[i].tool) && !h; j--)
			if (c[j].hooks[k] && c[j].hooks[k][0])
				h = c[j].hooks[k];
		if (h)
			fprintf(f, "  hooks on %s: %s\n", m->label[k], h);
	}
}

/* A table per tool, a row per scenario, a column per kernel; the tools left out counted. */
static void write_tools(FILE *f, const struct tc_kmatrix *m, const struct tc_kcell *c,
			const int *wcol)
{
	int wsc = 8, left_out = 0, skipped = 0;

	for (int i = 0; i < m->n; i++) {
		if ((int)strlen(c[i].scenario) + 2 > wsc)
			wsc = (int)strlen(c[i].scenario) + 2;
		if ((int)strlen(c[i].tool) > wsc)
			wsc = (int)strlen(c[i].tool);
	}
	for (int i = 0; i < m->n; i++) {
		bool head = i == 0 || strcmp(c[i].tool, c[i - 1].tool);
		int j;

		if (head) {
			/* A tool with nothing but SKIP everywhere is named once, not drawn. */
			bool any = false;

			for (j = i; j < m->n && !strcmp(c[j].tool, c[i].tool); j++)
				any |= !tc_kcell_all_skip(m, &c[j]);
			if (!any) {
				left_out++;
				i = j - 1;
				continue;
			}
			fprintf(f, "\n%-*s", wsc, c[i].tool);
			for (int k = 0; k < m->nk; k++)
				fprintf(f, " %-*s", k + 1 < m->nk ? wcol[k] : 0, m->label[k]);
			fputc('\n', f);
		}
		if (tc_kcell_all_skip(m, &c[i])) {
			skipped++;
		} else {
			fprintf(f, "  %-*s", wsc - 2, c[i].scenario);
			for (int k = 0; k < m->nk; k++)
				fprintf(f, " %-*s", k + 1 < m->nk ? wcol[k] : 0, verdict(&c[i], k));
			fprintf(f, "%s\n", tc_kcell_differs(m, &c[i]) ? "  <- differs" :
				not_run_everywhere(m, &c[i]) ? "  (not run everywhere)" : "");
		}
		if (i + 1 == m->n || strcmp(c[i].tool, c[i + 1].tool)) {
			write_tool_end(f, m, c, i, skipped);
			skipped = 0;
		}
	}
	if (left_out)
		fprintf(f, "\n(%d tool%s SKIPped every scenario on every kernel: not drawn)\n", left_out,
			left_out == 1 ? "" : "s");
}

/* The cells some kernel did not run, for want of a program: counted, each reason once. */
static void write_not_everywhere(FILE *f, const struct tc_kmatrix *m, const struct tc_kcell *c)
{
	const char *reasons[4];
	int nmissing = 0, nreasons = 0;

	for (int i = 0; i < m->n; i++)
		nmissing += not_run_everywhere(m, &c[i]);
	if (!nmissing)
		return;
	fprintf(f, "\nNot run on every kernel, for want of a program (the kernels that ran "
		"them agree): %d cell%s:", nmissing, nmissing == 1 ? "" : "s");
	/* Each reason once (a few of them). */
	for (int i = 0; i < m->n && nreasons < 4; i++) {
		for (int k = 0; k < m->nk && not_run_everywhere(m, &c[i]); k++) {
			bool seen = false;

			if (strcmp(verdict(&c[i], k), "SKIP") || !c[i].reason[k])
				continue;
			for (int j = 0; j < nreasons && !seen; j++)
				seen = !strcmp(reasons[j], c[i].reason[k]);
			if (!seen && nreasons < 4) {
				reasons[nreasons] = c[i].reason[k];
				fprintf(f, "%s %s", nreasons++ ? ";" : "", c[i].reason[k]);
			}
		}
	}
	fputc('\n', f);
}

/* The cells whose verdicts differ between kernels, then those that fail alike on every one. */
static void write_differences(FILE *f, const struct tc_kmatrix *m, const struct tc_kcell *c,
			      int wlab)
{
	fprintf(f, "\nDifferences between kernels: %d\n", tc_kmatrix_ndiffer(m));
	for (int i = 0; i < m->n; i++) {
		if (!tc_kcell_differs(m, &c[i]))
			continue;
		fprintf(f, "  %s x %s:\n", c[i].tool, c[i].scenario);
		for (int k = 0; k < m->nk; k++)
			fprintf(f, "    %-*s %s%s%s\n", wlab, m->label[k], verdict(&c[i], k),
				c[i].reason[k] && c[i].reason[k][0] ? ": " : "",
				c[i].reason[k] ? c[i].reason[k] : "");
	}

	/* What fails alike everywhere: said once, with the reason. */
	for (int i = 0, n = 0; i < m->n; i++) {
		const char *v = verdict(&c[i], 0);

		if (verdicts_differ(m, &c[i]) || !strcmp(v, "PASS") || !strcmp(v, "SKIP") ||
		    !strcmp(v, "-"))
			continue;
		if (!n++)
			fprintf(f, "The same on every kernel, and not PASS:\n");
		fprintf(f, "  %s x %s: %s%s%s\n", c[i].tool, c[i].scenario, v,
			c[i].reason[0] && c[i].reason[0][0] ? ": " : "",
			c[i].reason[0] ? c[i].reason[0] : "");
	}
}

/* A cell's exact counts on each kernel, for a pair whose hook paths disagree. */
static void write_hook_numbers(FILE *f, const struct tc_kmatrix *m, const struct tc_kcell *c)
{
	fprintf(f, "  hook paths differ: %s x %s:", c->tool, c->scenario);
	for (int j = 0; j < c->nchecks; j++) {
		const struct tc_kcheck *kc = &c->checks[j];

		if (!kc->exact_manifest)
			continue;
		fprintf(f, " %s:", kc->expect);
		for (int k = 0; k < m->nk; k++) {
			fprintf(f, " %s=", m->label[k]);
			if (kc->has[k])
				print_number(f, kc->actual[k]);
			else
				fputc('-', f);
		}
	}
	fputc('\n', f);
}

/* Hook paths: the same workload through different hooks, the same numbers? */
static void write_hook_paths(FILE *f, const struct tc_kmatrix *m, const struct tc_kcell *c)
{
	int nhooks = 0, nsame = 0;

	for (int i = 0; i < m->n; i++) {
		if (!hooks_differ(m, &c[i]))
			continue;
		nhooks++;
		if (!numbers_differ(m, &c[i]) && !verdicts_differ(m, &c[i])) {
			nsame++;
			continue;
		}
		write_hook_numbers(f, m, &c[i]);
	}
	fprintf(f, "Hook paths: %d tool x scenario pair%s ran on different hooks on different "
		"kernels; %d gave the same verdict and the same exact counts on each%s\n",
		nhooks, nhooks == 1 ? "" : "s", nsame,
		nhooks - nsame ? ", the others are listed above" : "");
}

void tc_kmatrix_write_text(FILE *f, const struct tc_kmatrix *m)
{
	struct tc_kcell *c = malloc(m->n * sizeof(*c));
	int wcol[TC_KMAX], wlab = 0;

	if (!c && m->n)
		return;
	if (m->n)
		memcpy(c, m->c, m->n * sizeof(*c));
	qsort(c, m->n, sizeof(*c), by_tool_scenario);
	for (int k = 0; k < m->nk; k++)
		wlab = (int)strlen(m->label[k]) > wlab ? (int)strlen(m->label[k]) : wlab;
	write_kernels(f, m, wlab, wcol);
	write_tools(f, m, c, wcol);
	write_not_everywhere(f, m, c);
	write_differences(f, m, c, wlab);
	write_hook_paths(f, m, c);
	free(c);
}

int tc_kmatrix_write_json(FILE *f, const struct tc_kmatrix *m)
{
	json_object *o = json_object_new_object(), *ks = json_object_new_array();
	json_object *cells = json_object_new_array();

	for (int k = 0; k < m->nk; k++) {
		json_object *kk = json_object_new_object();

		json_object_object_add(kk, "label", json_object_new_string(m->label[k]));
		json_object_object_add(kk, "kernel", json_object_new_string(m->kernel[k]));
		json_object_object_add(kk, "results", json_object_new_string(m->file[k]));
		json_object_object_add(kk, "runs", json_object_new_int(m->runs[k]));
		json_object_object_add(kk, "vm", m->vm[k] ? json_tokener_parse(m->vm[k]) : NULL);
		json_object_array_add(ks, kk);
	}
	for (int i = 0; i < m->n; i++) {
		const struct tc_kcell *c = &m->c[i];
		json_object *cj = json_object_new_object(), *per = json_object_new_object();

		json_object_object_add(cj, "tool", json_object_new_string(c->tool));
		json_object_object_add(cj, "scenario", json_object_new_string(c->scenario));
		json_object_object_add(cj, "differs", json_object_new_boolean(tc_kcell_differs(m, c)));
		json_object_object_add(cj, "not_run_everywhere",
				       json_object_new_boolean(not_run_everywhere(m, c)));
		json_object_object_add(cj, "hooks_differ", json_object_new_boolean(hooks_differ(m, c)));
		json_object_object_add(cj, "exact_counts_differ",
				       json_object_new_int(numbers_differ(m, c)));
		for (int k = 0; k < m->nk; k++) {
			json_object *one = json_object_new_object();

			json_object_object_add(one, "verdict", c->verdict[k] ?
					       json_object_new_string(c->verdict[k]) : NULL);
			json_object_object_add(one, "reason", c->reason[k] ?
					       json_object_new_string(c->reason[k]) : NULL);
			json_object_object_add(one, "hooks", c->hooks[k] ?
					       json_object_new_string(c->hooks[k]) : NULL);
			json_object_object_add(per, m->label[k], one);
		}
		json_object_object_add(cj, "kernels", per);
		json_object_array_add(cells, cj);
	}
	json_object_object_add(o, "kernels", ks);
	json_object_object_add(o, "differences", json_object_new_int(tc_kmatrix_ndiffer(m)));
	json_object_object_add(o, "cells", cells);
	fprintf(f, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
							  JSON_C_TO_STRING_SPACED |
							  JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return ferror(f) ? -EIO : 0;
}

void tc_kmatrix_free(struct tc_kmatrix *m)
{
	for (int i = 0; i < m->n; i++) {
		struct tc_kcell *c = &m->c[i];

		free(c->tool);
		free(c->scenario);
		for (int k = 0; k < TC_KMAX; k++) {
			free(c->verdict[k]);
			free(c->reason[k]);
			free(c->hooks[k]);
		}
		for (int j = 0; j < c->nchecks; j++) {
			free(c->checks[j].expect);
			free(c->checks[j].oracle);
		}
	}
	free(m->c);
	for (int k = 0; k < m->nk; k++) {
		free(m->label[k]);
		free(m->kernel[k]);
		free(m->file[k]);
		free(m->vm[k]);
	}
	memset(m, 0, sizeof(*m));
}
