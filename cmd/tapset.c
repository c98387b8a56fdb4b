// SPDX-License-Identifier: GPL-2.0
/*
 * tracecal tapset [OPTIONS] [LIBRARY...]: check probe libraries against
 * workloads of known effect, per alias and per candidate probe point: OK,
 * NO ATTACH (with the kernel's reason), NEVER FIRES, COUNT DRIFT, VALUE
 * DRIFT, with the numbers. LIBRARY is `hooks` (the tracer core's own hook
 * table: every candidate of every probe forced in turn with --use-hook and
 * run through the suite) or a library file (tapsets/NAME.tapset, run by
 * bpftrace; see docs/tapsets.md).
 */
#include <argp.h>
#include <errno.h>
#include <ftw.h>
#include <glob.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <json-c/json.h>
#include "cmd.h"
#include "../harness/campaign.h"
#include "../harness/fixture.h"
#include "../harness/tapset.h"
#include "../reports/writers.h"
#include "../tracer/hooks.h"
#include "../tracer/tool.h"

static volatile int stop;

/* A path into a buffer; one too long is cut, and then fails to open, named. */
static void pathf(char *out, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void pathf(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, size, fmt, ap);
	va_end(ap);
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct tapset_opts {
	const char *libs[16];
	int nlibs;
	const char *suite;  /* the hooks library's scenarios */
	const char *tools;  /* where tracecal-TOOL.tool descriptors are */
	const char *only;   /* an alias, or TOOL for hooks */
	const char *scenario;
	const char *json;
	const char *out;
	bool list;
	int verbose;
};

/* One candidate's verdict, over the scenarios it ran through. */
struct row {
	char lib[64];
	char alias[96];
	int n;		   /* 1-based */
	char point[200];
	char kind[16];
	struct tc_tapset_result r;
	int scenarios;	   /* judged */
	int known;	   /* of those, as EXPECTED for the tool it stands for */
	char where[64];	   /* the scenario of the verdict when not OK */
};

struct rows {
	struct row *v;
	int n;
	int errors;	   /* input errors: exit 2 */
};

static struct row *add_row(struct rows *rs)
{
	struct row *v = realloc(rs->v, (rs->n + 1) * sizeof(*v));

	if (!v) {
		fprintf(stderr, "tracecal tapset: out of memory\n");
		exit(2);
	}
	rs->v = v;
	memset(&v[rs->n], 0, sizeof(v[0]));
	return &v[rs->n++];
}

enum { OPT_SUITE = 0x100, OPT_TOOLS, OPT_JSON, OPT_SCENARIO, OPT_LIST };

static const struct argp_option options[] = {
	{ "only", 'a', "ALIAS", 0, "Only this alias (for `hooks`: TOOL or TOOL.PROBE)", 0 },
	{ "scenario", OPT_SCENARIO, "NAME,...", 0, "hooks: only these scenarios of the suite", 0 },
	{ "suite", OPT_SUITE, "PATH", 0, "hooks: the scenarios each candidate runs through "
	  "(default scenarios/)", 0 },
	{ "tools", OPT_TOOLS, "DIR", 0, "hooks: where the tracecal-TOOL.tool descriptors are "
	  "(default scenarios/tools)", 0 },
	{ "list", OPT_LIST, NULL, 0, "List the aliases and candidates, run nothing", 0 },
	{ "json", OPT_JSON, "FILE", 0, "Write the verdicts as JSON to FILE (- for stdout)", 0 },
	{ "out", 'o', "DIR", 0, "Keep the generated suites and the engines' outputs in DIR", 0 },
	{ "verbose", 'v', NULL, 0, "Show every run as it finishes", 0 },
	{},
};

static error_t parse_opt(int key, char *arg, struct argp_state *st)
{
	struct tapset_opts *o = st->input;

	switch (key) {
	case 'a':
		o->only = arg;
		break;
	case OPT_SCENARIO:
		o->scenario = arg;
		break;
	case OPT_SUITE:
		o->suite = arg;
		break;
	case OPT_TOOLS:
		o->tools = arg;
		break;
	case OPT_LIST:
		o->list = true;
		break;
	case OPT_JSON:
		o->json = arg;
		break;
	case 'o':
		o->out = arg;
		break;
	case 'v':
		o->verbose++;
		break;
	case ARGP_KEY_ARG:
		if (o->nlibs == 16)
			argp_error(st, "at most 16 libraries");
		o->libs[o->nlibs++] = arg;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* --- the hook table ------------------------------------------------------ */

static int ncands(const struct tc_probe *p)
{
	int n = 0;

	while (n < TC_MAX_CANDS && p->cand[n].at[0].prog)
		n++;
	return n;
}

static void cand_point(const struct tc_candidate *c, char *out, size_t size)
{
	int n = 0;

	while (n < TC_MAX_ATTACH && c->at[n].prog)
		n++;
	snprintf(out, size, "%s %s", tc_hook_kind_name(c->kind),
		 c->at[0].target ? c->at[0].target : "?");
	if (n > 1)
		snprintf(out + strlen(out), size - strlen(out), " (+%d more)", n - 1);
}

/* tracecal-TOOL.tool rewritten to force one candidate: NAME "TOOL.PROBE@N". */
static int write_forced(const char *src, const char *dst, const char *name, const char *tool,
			const char *probe, int n)
{
	FILE *in = fopen(src, "r"), *out = in ? fopen(dst, "w") : NULL;
	char line[4096], trace[64];
	int ret = 0;

	if (!in || !out) {
		ret = -errno;
		if (in)
			fclose(in);
		return ret;
	}
	snprintf(trace, sizeof(trace), " trace %s", tool);
	while (fgets(line, sizeof(line), in)) {
		char *at = strstr(line, trace);

		if (!strncmp(line, "TOOL ", 5)) {
			fprintf(out, "TOOL %s\n", name);
		} else if (!strncmp(line, "COMMAND ", 8) && at) {
			at += strlen(trace);
			fprintf(out, "%.*s --use-hook %s=%d%s", (int)(at - line), line, probe, n,
				at);
		} else {
			fputs(line, out);
		}
	}
	if (ferror(in) || fclose(out))
		ret = -EIO;
	fclose(in);
	return ret;
}

static bool wanted_hook(const struct tapset_opts *o, const char *tool, const char *probe)
{
	char full[128];

	if (!o->only)
		return true;
	snprintf(full, sizeof(full), "%s.%s", tool, probe);
	return !strcmp(o->only, tool) || !strcmp(o->only, full);
}

static void print_row(const struct row *w)
{
	char ratio[32] = "";

	if (w->r.verdict == TC_TS_COUNT_DRIFT || w->r.verdict == TC_TS_VALUE_DRIFT)
		tc_tapset_ratio(w->r.ratio, ratio, sizeof(ratio));
	printf("  %-24s %d %-44s %-11s %s\n", w->alias, w->n, w->point,
	       tc_tapset_verdict_name(w->r.verdict), ratio);
	if (w->r.detail[0])
		printf("      %s%s%s\n", w->where[0] ? w->where : "", w->where[0] ? ": " : "",
		       w->r.detail);
}

/* The known verdict of the tool a candidate stands for, or -1. */
static int known_of(const struct tc_campaign *c, const char *base, const char *scenario)
{
	int wild = -1;

	for (int j = 0; j < c->nknown; j++) {
		if (strcmp(c->known[j].tool, base))
			continue;
		if (!strcmp(c->known[j].scenario, scenario))
			return (int)c->known[j].verdict;
		if (!strcmp(c->known[j].scenario, "*"))
			wild = (int)c->known[j].verdict;
	}
	return wild;
}

/*
 * A candidate's runs through the suite -> one verdict: the first that is
 * not OK, or OK. A result equal to the known verdict of the tool the
 * candidate stands for (scenarios/EXPECTED) is that tool's, not a drift.
 */
static void fold(struct row *w, const struct tc_campaign *c, const char *tool, const char *base)
{
	for (int i = 0; i < c->nresults; i++) {
		const struct tc_outcome *o = &c->results[i];
		struct tc_tapset_result r;

		if (strcmp(o->tool->name, tool) || o->verdict == TC_SKIP)
			continue;
		w->scenarios++;
		if (known_of(c, base, o->sc->name) == (int)o->verdict) {
			w->known++;
			continue;
		}
		tc_tapset_classify(o, &r);
		if (r.verdict == TC_TS_OK && w->scenarios == 1)
			w->r = r; /* its numbers, if it stays the only one */
		if (r.verdict != TC_TS_OK && !w->where[0]) {
			w->r = r;
			snprintf(w->where, sizeof(w->where), "%s", o->sc->name);
		}
	}
	if (!w->scenarios) {
		w->r.verdict = TC_TS_SKIP;
		snprintf(w->r.detail, sizeof(w->r.detail), "no scenario of the suite judges it");
	} else if (!w->where[0] && w->scenarios == 1 && !w->known && w->r.detail[0]) {
		w->r.verdict = TC_TS_OK;
	} else if (!w->where[0]) {
		w->r.verdict = TC_TS_OK;
		snprintf(w->r.detail, sizeof(w->r.detail), "%d scenario%s held to the truth%s",
			 w->scenarios, w->scenarios == 1 ? "" : "s",
			 w->known ? ", its known failures as EXPECTED" : "");
	}
}

/* -v: every run as it finishes, as `tracecal run` prints it. */
static void live_line(const struct tc_outcome *r, int index, int total, void *arg)
{
	const struct tc_campaign *c = arg;

	tc_write_line(stdout, r, index, total, c->verbose);
}

static int run_campaign(struct tc_campaign *c, const char *workdir, const struct tapset_opts *o)
{
	int ret;

	c->verbose = o->verbose > 1;
	c->on_outcome = o->verbose ? live_line : NULL;
	c->on_outcome_arg = c;
	ret = tc_campaign_run(c, workdir, &stop);
	tc_fixtures_release_all();
	return ret;
}

/* --scenario A,B,...: only these of the suite, each of which must be there. */
static int keep_scenarios(struct tc_campaign *c, const char *list, char *err, size_t errlen)
{
	char buf[1024], *save = NULL;
	int kept = 0;

	snprintf(buf, sizeof(buf), "%s", list);
	for (char *name = strtok_r(buf, ",", &save); name; name = strtok_r(NULL, ",", &save))
		if (!tc_suite_find(&c->suite, name)) {
			snprintf(err, errlen, "--scenario %s: no such scenario", name);
			return -ENOENT;
		}
	for (int i = 0; i < c->suite.n; i++) {
		size_t len = strlen(c->suite.v[i].name);
		const char *p = list;

		while ((p = strstr(p, c->suite.v[i].name)) &&
		       !((p == list || p[-1] == ',') && (p[len] == ',' || !p[len])))
			p++;
		if (p)
			c->suite.v[kept++] = c->suite.v[i];
	}
	c->suite.n = kept;
	return 0;
}

/* One tool of the hook table: a descriptor per candidate, the suite through each. */
static int hooks_tool(const struct tc_tool *t, const struct tapset_opts *o, const char *dir,
		      struct rows *rs)
{
	char src[600], dst[800], name[128], err[1024], logs[700];
	struct tc_campaign c = { 0 };
	int first = rs->n, ret;
	struct stat st;

	pathf(src, sizeof(src), "%s/tracecal-%s.tool", o->tools, t->name);
	if (stat(src, &st))
		return 0;
	pathf(dst, sizeof(dst), "%s/%s", dir, t->name);
	mkdir(dst, 0755);
	for (const struct tc_probe *p = t->probes; p && p->name; p++) {
		if (!wanted_hook(o, t->name, p->name))
			continue;
		for (int n = 0; n < ncands(p); n++) {
			struct row *w = add_row(rs);

			snprintf(w->lib, sizeof(w->lib), "hooks");
			snprintf(w->alias, sizeof(w->alias), "%s.%s", t->name, p->name);
			w->n = n + 1;
			cand_point(&p->cand[n], w->point, sizeof(w->point));
			snprintf(w->kind, sizeof(w->kind), "%s", tc_hook_kind_name(p->cand[n].kind));
			snprintf(name, sizeof(name), "%s@%d", w->alias, n + 1);
			pathf(dst, sizeof(dst), "%s/%s/%s.tool", dir, t->name, name);
			if (!o->list && write_forced(src, dst, name, t->name, p->name, n + 1)) {
				fprintf(stderr, "tracecal tapset: cannot write %s\n", dst);
				return 2;
			}
		}
	}
	for (int i = first; o->list && i < rs->n; i++)
		printf("  %-24s %d %s\n", rs->v[i].alias, rs->v[i].n, rs->v[i].point);
	if (o->list || rs->n == first)
		return 0;
	pathf(dst, sizeof(dst), "%s/%s", dir, t->name);
	pathf(src, sizeof(src), "%s/EXPECTED", o->suite);
	ret = tc_campaign_add_suite(&c, o->suite, err, sizeof(err)) ?:
	      tc_campaign_add_tools(&c, dst, err, sizeof(err)) ?:
	      tc_campaign_known(&c, src, err, sizeof(err));
	if (!ret && o->scenario)
		ret = keep_scenarios(&c, o->scenario, err, sizeof(err));
	pathf(logs, sizeof(logs), "%s/logs", dst);
	mkdir(logs, 0755);
	if (!ret)
		ret = run_campaign(&c, logs, o);
	for (int i = first; !ret && i < rs->n; i++) {
		char base[80];

		snprintf(base, sizeof(base), "tracecal-%s", t->name);
		snprintf(name, sizeof(name), "%s@%d", rs->v[i].alias, rs->v[i].n);
		fold(&rs->v[i], &c, name, base);
		print_row(&rs->v[i]);
	}
	if (ret && ret != -EINTR)
		fprintf(stderr, "tracecal tapset: hooks of %s: %s\n", t->name, err);
	tc_campaign_free(&c);
	return ret == -EINTR ? 130 : ret ? 2 : 0;
}

static int run_hooks(const struct tapset_opts *o, const char *dir, struct rows *rs)
{
	int ret = 0;

	printf("library hooks: the tracer core's own hook table (tracer/tools/), each candidate "
	       "forced with --use-hook and run through %s\n", o->suite);
	mkdir(dir, 0755);
	for (int i = 0; tc_tools[i] && !ret && !stop; i++)
		ret = hooks_tool(tc_tools[i], o, dir, rs);
	return ret;
}

/* --- library files ------------------------------------------------------- */

/* One alias: its scenario through each of its candidates. */
static int file_alias(const struct tc_tapset *t, const struct tc_tapset_alias *a,
		      const struct tapset_opts *o, const char *dir, struct rows *rs)
{
	char path[700], logs[800], err[1024], scn[64], name[128];
	struct tc_campaign c = { 0 };
	int first = rs->n, ret;

	for (int i = 0; i < a->nprobes; i++) {
		struct row *w = add_row(rs);

		snprintf(w->lib, sizeof(w->lib), "%s", t->name);
		snprintf(w->alias, sizeof(w->alias), "%s", a->name);
		w->n = i + 1;
		snprintf(w->point, sizeof(w->point), "%s", a->probes[i].point);
		snprintf(w->kind, sizeof(w->kind), "%s", a->probes[i].kind);
	}
	if (o->list) {
		for (int i = first; i < rs->n; i++)
			printf("  %-24s %d %s\n", rs->v[i].alias, rs->v[i].n, rs->v[i].point);
		return 0;
	}
	pathf(path, sizeof(path), "%s/%s.scn", dir, a->name);
	ret = tc_campaign_add_suite(&c, path, err, sizeof(err));
	for (int i = 0; !ret && i < a->nprobes; i++) {
		tc_tapset_tool_name(a->name, i, name, sizeof(name));
		pathf(path, sizeof(path), "%s/tools/%s.tool", dir, name);
		ret = tc_campaign_add_tools(&c, path, err, sizeof(err));
	}
	tc_tapset_scenario_name(a->name, scn, sizeof(scn));
	pathf(logs, sizeof(logs), "%s/logs", dir);
	mkdir(logs, 0755);
	if (!ret && (c.nproblems || !c.suite.n)) {
		snprintf(err, sizeof(err), "%s", c.nproblems ? c.problems[0] : "no scenario");
		ret = -EINVAL;
	}
	if (!ret)
		ret = run_campaign(&c, logs, o);
	for (int i = first; !ret && i < rs->n; i++) {
		tc_tapset_tool_name(a->name, rs->v[i].n - 1, name, sizeof(name));
		fold(&rs->v[i], &c, name, "");
		rs->v[i].where[0] = '\0'; /* one scenario: the alias's own */
		print_row(&rs->v[i]);
	}
	if (ret && ret != -EINTR)
		fprintf(stderr, "tracecal tapset: %s: alias %s: %s\n", t->path, a->name, err);
	tc_campaign_free(&c);
	return ret == -EINTR ? 130 : ret ? 2 : 0;
}

static int run_file(const char *path, const struct tapset_opts *o, const char *top,
		    struct rows *rs)
{
	struct tc_tapset t;
	char err[1024], dir[700];
	int ret = tc_tapset_load(&t, path, err, sizeof(err)), nprobes = 0, found = 0;

	if (ret) {
		fprintf(stderr, "tracecal tapset: %s\n", err);
		tc_tapset_free(&t);
		rs->errors++;
		return 0; /* the next library still runs */
	}
	pathf(dir, sizeof(dir), "%s/%s", top, t.name);
	if (!o->list && tc_tapset_write(&t, dir, err, sizeof(err))) {
		fprintf(stderr, "tracecal tapset: %s\n", err);
		tc_tapset_free(&t);
		return 2;
	}
	for (int i = 0; i < t.nerrors; i++)
		fprintf(stderr, "tracecal tapset: %s\n", t.errors[i]);
	rs->errors += t.nerrors;
	for (int i = 0; i < t.n; i++)
		nprobes += t.v[i].nprobes;
	printf("library %s (%s): %d aliases, %d candidate probe points, engine %s%s%s\n", t.name,
	       path, t.n, nprobes, t.engine, t.description[0] ? ": " : "", t.description);
	for (int i = 0; i < t.n && !ret && !stop; i++) {
		if (o->only && strcmp(o->only, t.v[i].name))
			continue;
		found++;
		ret = file_alias(&t, &t.v[i], o, dir, rs);
	}
	if (o->only && !found && !ret)
		printf("  (no alias %s here)\n", o->only);
	tc_tapset_free(&t);
	return ret;
}

/* --- reports ------------------------------------------------------------- */

static int write_json(const char *path, const struct rows *rs)
{
	json_object *root = json_object_new_object(), *libs = json_object_new_array();
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;
	struct utsname u;
	int ret = 0;

	if (!f)
		return -errno;
	uname(&u);
	json_object_object_add(root, "tracecal_tapset", json_object_new_int(1));
	json_object_object_add(root, "kernel", json_object_new_string(u.release));
	for (int i = 0; i < rs->n; i++) {
		const struct row *w = &rs->v[i];
		json_object *j = json_object_new_object();

		json_object_object_add(j, "library", json_object_new_string(w->lib));
		json_object_object_add(j, "alias", json_object_new_string(w->alias));
		json_object_object_add(j, "candidate", json_object_new_int(w->n));
		json_object_object_add(j, "point", json_object_new_string(w->point));
		json_object_object_add(j, "kind", json_object_new_string(w->kind));
		json_object_object_add(j, "verdict",
				       json_object_new_string(tc_tapset_verdict_name(w->r.verdict)));
		if (w->r.verdict == TC_TS_COUNT_DRIFT || w->r.verdict == TC_TS_VALUE_DRIFT ||
		    w->r.verdict == TC_TS_NEVER_FIRES) {
			json_object_object_add(j, "what", json_object_new_string(w->r.what));
			json_object_object_add(j, "actual", json_object_new_double(w->r.actual));
			json_object_object_add(j, "expected", json_object_new_double(w->r.expected));
			json_object_object_add(j, "ratio", json_object_new_double(w->r.ratio));
		}
		if (w->r.verdict == TC_TS_COUNT_DRIFT || w->r.verdict == TC_TS_VALUE_DRIFT) {
			char ratio[32];

			tc_tapset_ratio(w->r.ratio, ratio, sizeof(ratio));
			json_object_object_add(j, "ratio_text", json_object_new_string(ratio));
		}
		json_object_object_add(j, "scenario", json_object_new_string(w->where));
		json_object_object_add(j, "scenarios", json_object_new_int(w->scenarios));
		json_object_object_add(j, "detail", json_object_new_string(w->r.detail));
		json_object_array_add(libs, j);
	}
	json_object_object_add(root, "candidates", libs);
	json_object_object_add(root, "input_errors", json_object_new_int(rs->errors));
	fprintf(f, "%s\n", json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
							    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	if (ferror(f))
		ret = -EIO;
	if (f != stdout && fclose(f))
		ret = -errno;
	return ret;
}

/*
 * Exit 1 when a candidate that attached does not tell the truth (NEVER
 * FIRES, a drift), or failed otherwise (ERROR, TIMEOUT): a library that
 * would mislead a script on this kernel. An alias none of whose candidates
 * attach is said, not failed: a script on it stops at its start.
 */
static int summarise(const struct rows *rs)
{
	int count[TC_TS_NR] = { 0 }, unserved = 0, status = 0;

	for (int i = 0; i < rs->n; i++) {
		bool served = false;

		count[rs->v[i].r.verdict]++;
		if (i && !strcmp(rs->v[i].alias, rs->v[i - 1].alias) &&
		    !strcmp(rs->v[i].lib, rs->v[i - 1].lib))
			continue;
		for (int k = i; k < rs->n && !strcmp(rs->v[k].alias, rs->v[i].alias) &&
				!strcmp(rs->v[k].lib, rs->v[i].lib); k++)
			served |= rs->v[k].r.verdict != TC_TS_NO_ATTACH;
		if (!served) {
			unserved++;
			printf("no candidate attaches for %s %s here: a script on it fails to "
			       "start, loudly\n", rs->v[i].lib, rs->v[i].alias);
		}
	}
	printf("\n%d candidates:", rs->n);
	for (int v = 0; v < TC_TS_NR; v++)
		if (count[v])
			printf(" %d %s", count[v], tc_tapset_verdict_name(v));
	printf("\n");
	if (count[TC_TS_NEVER_FIRES] || count[TC_TS_COUNT_DRIFT] || count[TC_TS_LOST] ||
	    count[TC_TS_VALUE_DRIFT] || count[TC_TS_ERROR] || count[TC_TS_TIMEOUT])
		status = 1;
	return rs->errors ? 2 : status;
}

static int rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static int default_libs(struct tapset_opts *o, glob_t *g)
{
	o->libs[o->nlibs++] = "hooks";
	if (glob("tapsets/*.tapset", 0, NULL, g))
		return 0;
	for (size_t i = 0; i < g->gl_pathc && o->nlibs < 16; i++)
		o->libs[o->nlibs++] = g->gl_pathv[i];
	return 0;
}

static int tapset(struct tapset_opts *o)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct rows rs = { 0 };
	char dir[600];
	glob_t g = { 0 };
	int ret = 0, status;

	if (!o->nlibs)
		default_libs(o, &g);
	if (o->out) {
		snprintf(dir, sizeof(dir), "%s", o->out);
		if (mkdir(dir, 0755) && errno != EEXIST) {
			fprintf(stderr, "tracecal tapset: cannot make %s: %s\n", dir, strerror(errno));
			return 2;
		}
	} else {
		const char *tmp = getenv("TMPDIR");

		snprintf(dir, sizeof(dir), "%s/tracecal-tapset.XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir)) {
			fprintf(stderr, "tracecal tapset: cannot make a work folder: %s\n",
				strerror(errno));
			return 2;
		}
	}
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL); /* a reader gone stops the run, fixtures released */
	for (int i = 0; i < o->nlibs && !ret && !stop; i++) {
		char sub[700];

		pathf(sub, sizeof(sub), "%s/hooks", dir);
		ret = strcmp(o->libs[i], "hooks") ? run_file(o->libs[i], o, dir, &rs)
						   : run_hooks(o, sub, &rs);
	}
	globfree(&g);
	if (stop)
		ret = 130;
	status = o->list ? (rs.errors ? 2 : 0) : summarise(&rs);
	if (!o->list && o->json && write_json(o->json, &rs)) {
		fprintf(stderr, "tracecal tapset: cannot write %s: %s\n", o->json, strerror(errno));
		status = 2;
	}
	if (!o->out && !ret && status != 2)
		nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	else if (!o->out)
		printf("the generated suites and the engines' outputs are kept in %s\n", dir);
	free(rs.v);
	return ret ? ret : status;
}

int cmd_tapset(int argc, char **argv)
{
	struct tapset_opts o = { .suite = "scenarios", .tools = "scenarios/tools" };
	struct argp argp = {
		options, parse_opt, "[LIBRARY...]",
		"Check probe libraries against workloads of known effect, per alias and per "
		"candidate probe point. A library is `hooks` (the tracer core's own hook table: "
		"each candidate of each probe forced in turn with --use-hook and run through the "
		"suite) or a library file (see docs/tapsets.md), each candidate run by bpftrace. "
		"Without LIBRARY: hooks and tapsets/*.tapset. Verdicts: OK; NO ATTACH (with the "
		"kernel's reason); NEVER FIRES (attached, and nothing came); COUNT DRIFT (fired N "
		"times where the workload did M: 2x, 0.5x); VALUE DRIFT (an exported value's sum is "
		"off: sectors as bytes, 1/512x); LOST (fewer, the rest reported lost, more than "
		"a pass allows); ERROR, TIMEOUT, SKIP. Exit status: 0 if every "
		"alias is served and no candidate that attached misleads, 1 otherwise, 2 for a "
		"usage error or a malformed library entry (named with its file and line and left "
		"out; the rest runs).\v"
		"Examples:\n"
		"  tracecal tapset                              # hooks and tapsets/*.tapset\n"
		"  tracecal tapset tapsets/systemtap.tapset --only vfs.read\n"
		"  tracecal tapset hooks --only disktop --scenario cold-read\n"
		"  tracecal tapset --list\n"
		"  tracecal tapset --json tapset.json",
		NULL, NULL, NULL
	};

	argv[0] = "tracecal tapset";
	argp_err_exit_status = 2;
	if (argp_parse(&argp, argc, argv, 0, NULL, &o))
		return 2;
	return tapset(&o);
}
