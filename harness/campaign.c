// SPDX-License-Identifier: GPL-2.0
/* Campaigns: suites x tools, known verdicts, reports; see campaign.h. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include "../reports/html.h"
#include "../reports/ktap.h"
#include "../reports/writers.h"
#include "../tracer/report.h"
#include "campaign.h"
#include "require.h"

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static bool has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);

	return n > s && !strcmp(name + n - s, suffix);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of dir ending in suffix, sorted; subdirectories too when deep. */
static int list_dir(const char *dir, const char *suffix, bool deep, char ***out, int *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = *out;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		char path[1024];

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (deep && is_dir(path)) {
			int ret;

			*out = v;
			ret = list_dir(path, suffix, deep, out, n);
			v = *out;
			if (ret) {
				closedir(d);
				return ret;
			}
			continue;
		}
		if (!has_suffix(e->d_name, suffix))
			continue;
		v = realloc(v, (*n + 1) * sizeof(*v));
		if (!v || !(v[*n] = strdup(path))) {
			closedir(d);
			return -ENOMEM;
		}
		(*n)++;
	}
	closedir(d);
	*out = v;
	return 0;
}

/* An input error that leaves one file, scenario or tool out while the rest runs. */
static int problem(struct tc_campaign *c, const char *why)
{
	char(*v)[600] = realloc(c->problems, (c->nproblems + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	c->problems = v;
	snprintf(v[c->nproblems++], sizeof(v[0]), "%s", why);
	return 0;
}

/*
 * fn on path, or on every file of the directory path ending in suffix. Input
 * errors become problems of the campaign; only -ENOMEM stops it.
 */
static int each_file(const char *path, const char *suffix, bool deep,
		     int (*fn)(struct tc_campaign *, const char *, char *, size_t),
		     struct tc_campaign *c, char *err, size_t errlen)
{
	char **files = NULL;
	int n = 0, ret;

	if (!is_dir(path))
		return fn(c, path, err, errlen);
	ret = list_dir(path, suffix, deep, &files, &n);
	if (ret == -ENOMEM)
		return ret;
	if (ret) {
		snprintf(err, errlen, "%s: %s", path, strerror(-ret));
		return problem(c, err);
	}
	qsort(files, n, sizeof(*files), cmp_names);
	for (int i = 0; i < n && ret != -ENOMEM; i++)
		ret = fn(c, files[i], err, errlen);
	if (!ret && !n) {
		snprintf(err, errlen, "%s: no %s file in it", path, suffix);
		ret = problem(c, err);
	}
	for (int i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return ret;
}

static int add_scn(struct tc_campaign *c, const char *path, char *err, size_t errlen)
{
	int seen = c->suite.nerrors, ret = tc_suite_load(&c->suite, path, err, errlen);

	if (ret == -ENOMEM)
		return ret;
	ret = 0;
	for (int i = seen; i < c->suite.nerrors && !ret; i++)
		ret = problem(c, c->suite.errors[i]);
	return ret;
}

int tc_campaign_add_suite(struct tc_campaign *c, const char *path, char *err, size_t errlen)
{
	return each_file(path, ".scn", false, add_scn, c, err, errlen);
}

static int add_tool(struct tc_campaign *c, const char *path, char *err, size_t errlen)
{
	struct tc_tooldesc *v = realloc(c->tools, (c->ntools + 1) * sizeof(*v));
	int ret;

	if (!v)
		return -ENOMEM;
	c->tools = v;
	ret = tc_tooldesc_load(path, &c->tools[c->ntools], err, errlen);
	if (ret)
		return ret == -ENOMEM ? ret : problem(c, err);
	for (int i = 0; i < c->ntools; i++)
		if (!strcmp(c->tools[i].name, c->tools[c->ntools].name)) {
			snprintf(err, errlen, "%s: tool %s is already described by %s", path,
				 c->tools[i].name, c->tools[i].path);
			tc_tooldesc_free(&c->tools[c->ntools]);
			return problem(c, err);
		}
	c->ntools++;
	return 0;
}

int tc_campaign_add_tools(struct tc_campaign *c, const char *path, char *err, size_t errlen)
{
	return each_file(path, ".tool", true, add_tool, c, err, errlen);
}

void tc_campaign_usable_only(struct tc_campaign *c)
{
	int w = 0;

	for (int i = 0; i < c->ntools; i++) {
		char why[300];

		if (tc_tooldesc_usable(&c->tools[i], why, sizeof(why))) {
			if (w != i)
				c->tools[w] = c->tools[i];
			w++;
			continue;
		}
		c->left_out = realloc(c->left_out, (c->nleft_out + 1) * sizeof(*c->left_out));
		if (c->left_out)
			snprintf(c->left_out[c->nleft_out++], sizeof(c->left_out[0]), "%s: %s",
				 c->tools[i].name, why);
		tc_tooldesc_free(&c->tools[i]);
	}
	c->ntools = w;
}

static int parse_verdict(const char *s)
{
	for (int v = 0; v < TC_VERDICT_NR; v++)
		if (!strcmp(s, tc_verdict_name(v)))
			return v;
	return -1;
}

/*
 * The condition of a known-verdict line, between its verdict and its '#':
 * "if REQUIREMENT" or "unless REQUIREMENT", a requirement as REQUIRES takes
 * it (kprobe, fentry FUNCTION, file PATH, tracepoint CAT:EVENT, ...): the
 * line holds only on machines where the requirement is met (or is not).
 * Features, never kernel versions. cond gets "if ..." or "unless ...", or
 * "" for none; -EINVAL with "FILE:LINE: why" in err.
 */
static int known_condition(const char *s, const char *path, int lineno, char *cond, size_t size,
			   char *err, size_t errlen)
{
	struct tc_require r;
	char buf[200];
	size_t len;
	int neg;

	s += strspn(s, " \t");
	snprintf(buf, sizeof(buf), "%s", s);
	len = strlen(buf);
	while (len && strchr(" \t\n", buf[len - 1]))
		buf[--len] = '\0';
	cond[0] = '\0';
	if (!len)
		return 0;
	if (!strncmp(buf, "if ", 3))
		neg = 0;
	else if (!strncmp(buf, "unless ", 7))
		neg = 1;
	else {
		snprintf(err, errlen, "%s:%d: '%s': after the verdict, only 'if REQUIREMENT' or "
			 "'unless REQUIREMENT' (the line is ignored)", path, lineno, buf);
		return -EINVAL;
	}
	s = buf + (neg ? 7 : 3);
	s += strspn(s, " \t");
	if (tc_require_parse(s, path, lineno, &r, err, errlen) < 0)
		return -EINVAL;
	snprintf(cond, size, "%s %s%s%s", neg ? "unless" : "if", r.kind, r.arg[0] ? " " : "", r.arg);
	return 0;
}

static bool known_condition_holds(const char *cond, const char *path, int lineno, char *why,
				  size_t size)
{
	bool neg = !strncmp(cond, "unless ", 7);
	struct tc_require r;
	char err[300];

	if (tc_require_parse(cond + (neg ? 7 : 3), path, lineno, &r, err, sizeof(err)) < 0)
		return false;
	return tc_require_met(&r, why, size) != neg;
}

int tc_campaign_known(struct tc_campaign *c, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int lineno = 0;

	snprintf(c->known_path, sizeof(c->known_path), "%s", path);
	if (!f)
		return errno == ENOENT ? 0 : -errno;
	while (fgets(line, sizeof(line), f)) {
		char tool[64], sc[64], verdict[16], *hash = strchr(line, '#');
		char cond[200] = "", why[300];
		struct tc_known *k;
		int n, end = 0;

		lineno++;
		if (hash)
			*hash = '\0';
		n = sscanf(line, "%63s %63s %15s%n", tool, sc, verdict, &end);
		if (n <= 0)
			continue;
		if (n != 3 || parse_verdict(verdict) < 0 || !hash ||
		    known_condition(line + end, path, lineno, cond, sizeof(cond), err, errlen) < 0) {
			if (n != 3 || parse_verdict(verdict) < 0 || !hash)
				snprintf(err, errlen, "%s:%d: expected TOOL SCENARIO VERDICT "
					 "[if|unless REQUIREMENT] # reason (the line is ignored)",
					 path, lineno);
			if (problem(c, err)) {
				fclose(f);
				return -ENOMEM;
			}
			continue;
		}
		/* A line for other machines: not this one's expectation, nor stale. */
		if (cond[0] && !known_condition_holds(cond, path, lineno, why, sizeof(why)))
			continue;
		k = realloc(c->known, (c->nknown + 1) * sizeof(*k));
		if (!k) {
			fclose(f);
			return -ENOMEM;
		}
		c->known = k;
		k = &c->known[c->nknown++];
		snprintf(k->tool, sizeof(k->tool), "%s", tool);
		snprintf(k->scenario, sizeof(k->scenario), "%s", sc);
		k->verdict = parse_verdict(verdict);
		snprintf(k->cond, sizeof(k->cond), "%s", cond);
		snprintf(k->reason, sizeof(k->reason), "%s", hash + 1);
		k->reason[strcspn(k->reason, "\n")] = '\0';
		k->line = lineno;
	}
	fclose(f);
	return 0;
}

/*
 * A line naming the scenario wins over a "*" line. A "*" line speaks only for
 * scenarios the tool applies to: a SKIP (the tool does not report what the
 * scenario checks) is never held against it.
 */
static const struct tc_known *find_known(const struct tc_campaign *c, const struct tc_outcome *r)
{
	const struct tc_known *wild = NULL;

	for (int i = 0; i < c->nknown; i++) {
		if (strcmp(c->known[i].tool, r->tool->name))
			continue;
		if (!strcmp(c->known[i].scenario, r->sc->name))
			return &c->known[i];
		if (!wild && !strcmp(c->known[i].scenario, "*") && r->verdict != TC_SKIP)
			wild = &c->known[i];
	}
	return wild;
}

int tc_campaign_known_verdict(const struct tc_campaign *c, const struct tc_outcome *r)
{
	const struct tc_known *k = find_known(c, r);

	return k ? (int)k->verdict : -1;
}

int tc_campaign_run(struct tc_campaign *c, const char *workdir, volatile int *stop)
{
	int total = c->suite.n * c->ntools, ret = 0;
	struct tc_runner r;

	c->results = calloc(total ? total : 1, sizeof(*c->results));
	if (!c->results)
		return -ENOMEM;
	ret = tc_runner_init(&r, workdir, stop);
	if (ret)
		return ret;
	r.verbose = c->verbose;
	for (int s = 0; s < c->suite.n && !ret; s++)
		for (int t = 0; t < c->ntools && !ret; t++) {
			struct tc_outcome *res = &c->results[c->nresults];

			const struct tc_known *k;

			ret = tc_runner_run(&r, &c->tools[t], &c->suite.v[s], res);
			if (ret)
				break;
			k = find_known(c, res);
			res->has_known = k;
			if (k) {
				res->known = k->verdict;
				snprintf(res->known_why, sizeof(res->known_why), "%s", k->reason);
			}
			c->nresults++;
			if (c->live)
				tc_write_line(c->live, res, c->nresults, total, c->verbose);
		}
	tc_runner_done(&r);
	return ret;
}

/*
 * The diagnosis a known-verdict line names: its reason up to the first colon
 * ("VFS counted as disk: the planted error ..."), or a quoted message
 * ("\"942 probes ... exceed the limit\"", where ... stands for anything).
 */
static void known_head(const char *why, char *head, size_t size)
{
	while (*why == ' ')
		why++;
	if (*why == '"') {
		const char *end = strchr(why + 1, '"');

		snprintf(head, size, "%.*s", end ? (int)(end - why - 1) : (int)strlen(why + 1),
			 why + 1);
	} else {
		snprintf(head, size, "%.*s", (int)strcspn(why, ":"), why);
	}
	for (size_t n = strlen(head); n && head[n - 1] == ' '; n--)
		head[n - 1] = '\0';
}

/* Does the result's reason say what the line names? Each part between "..." in order. */
static bool known_reason_holds(const struct tc_known *k, const char *reason)
{
	char head[200], *part, *rest;
	const char *at = reason;

	known_head(k->reason, head, sizeof(head));
	for (part = head; part; part = rest) {
		rest = strstr(part, "...");
		if (rest) {
			*rest = '\0';
			rest += 3;
		}
		while (*part == ' ')
			part++;
		for (size_t n = strlen(part); n && part[n - 1] == ' '; n--)
			part[n - 1] = '\0';
		if (!*part)
			continue;
		at = strcasestr(at, part);
		if (!at)
			return false;
		at += strlen(part);
	}
	return true;
}

/* Was the line's tool, and its scenario unless "*", in this campaign? */
/*
 * Did the line's tool and scenario run? A "*" line speaks only for runs
 * that were not SKIPs: a tool that SKIPs everywhere here (its program is
 * not installed, its kernel feature missing) leaves it unused, not stale.
 */
static bool known_in_campaign(const struct tc_campaign *c, const struct tc_known *k)
{
	bool wild = !strcmp(k->scenario, "*");

	for (int i = 0; i < c->nresults; i++) {
		const struct tc_outcome *r = &c->results[i];

		if (strcmp(r->tool->name, k->tool))
			continue;
		if (wild ? r->verdict != TC_SKIP : !strcmp(r->sc->name, k->scenario))
			return true;
	}
	return false;
}

/*
 * Lines of the known verdicts that no result used, though their tool and
 * scenario ran: stale (a "*" line of a tool that only SKIPs now, a line a
 * newer one shadows). A line for a tool or scenario not in this run is not
 * said: a run of part of the suite would list half the file.
 */
static void unused_known(const struct tc_campaign *c, FILE *f)
{
	for (int i = 0; i < c->nknown; i++) {
		bool used = false;

		for (int j = 0; j < c->nresults && !used; j++)
			used = find_known(c, &c->results[j]) == &c->known[i];
		if (!used && known_in_campaign(c, &c->known[i]))
			fprintf(f, "note: %s:%d (%s %s %s) was used by no run, though its tool and "
				"scenario ran: a stale line?\n", c->known_path, c->known[i].line,
				c->known[i].tool, c->known[i].scenario,
				tc_verdict_name(c->known[i].verdict));
	}
}

int tc_campaign_judge(const struct tc_campaign *c, FILE *f)
{
	int bad = 0;

	for (int i = 0; i < c->nresults; i++) {
		const struct tc_outcome *r = &c->results[i];
		const struct tc_known *k = find_known(c, r);
		int known = k ? (int)k->verdict : -1;

		if (known >= 0 && (int)r->verdict == known && known_reason_holds(k, r->reason))
			continue;
		if (known >= 0 && r->verdict == TC_SKIP) {
			/* Not run here (a VM without bpftrace): nothing to hold against it. */
			fprintf(f, "%s x %s: SKIP, so %s's %s was not checked: %s\n", r->tool->name,
				r->sc->name, c->known_path, tc_verdict_name(known), r->reason);
			continue;
		}
		if (known >= 0 && (int)r->verdict == known) {
			char head[200];

			known_head(k->reason, head, sizeof(head));
			fprintf(f, "%s x %s: %s as %s:%d says, but not for its reason (\"%s\"): %s\n",
				r->tool->name, r->sc->name, tc_verdict_name(r->verdict), c->known_path,
				k->line, head, r->reason);
			bad++;
		} else if (known >= 0) {
			fprintf(f, "%s x %s: %s, but %s says %s\n", r->tool->name, r->sc->name,
				tc_verdict_name(r->verdict), c->known_path, tc_verdict_name(known));
			bad++;
		} else if (!tc_verdict_passes(r->verdict) && r->verdict != TC_SKIP) {
			fprintf(f, "%s x %s: %s, and %s does not expect it\n", r->tool->name,
				r->sc->name, tc_verdict_name(r->verdict),
				c->known_path[0] ? c->known_path : "no known-verdicts file");
			bad++;
		}
	}
	unused_known(c, f);
	return bad ? 1 : 0;
}

static FILE *open_in(const char *dir, const char *name, char *err, size_t errlen)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
	return f;
}

void tc_campaign_meta(const struct tc_campaign *c, double seconds, const char *started,
		      struct tc_run_meta *m)
{
	static struct utsname u;

	uname(&u);
	*m = (struct tc_run_meta){ .kernel = u.release, .version = tc_version(),
				   .started = started, .seconds = seconds,
				   .problems = (const char(*)[600])c->problems,
				   .nproblems = c->nproblems };
}

int tc_campaign_write(const struct tc_campaign *c, const char *dir, double seconds,
		      const char *started, char *err, size_t errlen)
{
	struct tc_run_meta m;
	FILE *f;

	tc_campaign_meta(c, seconds, started, &m);
	if (mkdir(dir, 0755) && errno != EEXIST) {
		snprintf(err, errlen, "cannot make %s: %s", dir, strerror(errno));
		return -errno;
	}
	if (!(f = open_in(dir, "matrix.txt", err, errlen)))
		return -EIO;
	tc_write_matrix(f, c->results, c->nresults);
	fclose(f);
	if (!(f = open_in(dir, "results.json", err, errlen)))
		return -EIO;
	tc_write_json(f, c->results, c->nresults, &m);
	fclose(f);
	if (!(f = open_in(dir, "results.tap", err, errlen)))
		return -EIO;
	tc_write_tap(f, c->results, c->nresults, &m);
	fclose(f);
	if (!(f = open_in(dir, "junit.xml", err, errlen)))
		return -EIO;
	tc_write_junit(f, c->results, c->nresults, &m);
	fclose(f);
	if (!(f = open_in(dir, "results.ktap", err, errlen)))
		return -EIO;
	tc_write_ktap(f, c->results, c->nresults, &m);
	fclose(f);
	if (!(f = open_in(dir, "index.html", err, errlen)))
		return -EIO;
	if (tc_write_html(f, c->results, c->nresults, &m, err, errlen))
		fprintf(stderr, "tracecal: %s/index.html: %s\n", dir, err); /* written, without it */
	fclose(f);
	return 0;
}

void tc_campaign_free(struct tc_campaign *c)
{
	for (int i = 0; i < c->ntools; i++)
		tc_tooldesc_free(&c->tools[i]);
	free(c->tools);
	free(c->left_out);
	free(c->problems);
	free(c->known);
	free(c->results);
	tc_suite_free(&c->suite);
	memset(c, 0, sizeof(*c));
}
