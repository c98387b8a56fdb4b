// SPDX-License-Identifier: GPL-2.0
/*
 * Probe libraries: the strict loader of a library file, its translation into
 * a suite (a scenario per alias, a descriptor per candidate probe point) and
 * the verdict of a candidate read from its run; see tapset.h.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "descriptor.h"
#include "scenario.h"
#include "tapset.h"

/* KIND as libraries write it, and as bpftrace 0.17 spells it. */
static const struct {
	const char *kind, *bpftrace;
} kinds[] = {
	{ "tracepoint", "tracepoint" }, { "raw_tp", "rawtracepoint" }, { "kprobe", "kprobe" },
	{ "kretprobe", "kretprobe" },	{ "fentry", "kfunc" },	       { "fexit", "kretfunc" },
};

static const char *const verdict_names[TC_TS_NR] = {
	[TC_TS_OK] = "OK",		     [TC_TS_NO_ATTACH] = "NO ATTACH",
	[TC_TS_NEVER_FIRES] = "NEVER FIRES", [TC_TS_COUNT_DRIFT] = "COUNT DRIFT",
	[TC_TS_VALUE_DRIFT] = "VALUE DRIFT", [TC_TS_LOST] = "LOST",
	[TC_TS_ERROR] = "ERROR",
	[TC_TS_TIMEOUT] = "TIMEOUT",	     [TC_TS_SKIP] = "SKIP",
};

const char *tc_tapset_verdict_name(enum tc_tapset_verdict v)
{
	return v < TC_TS_NR ? verdict_names[v] : "?";
}

static int fail(char *err, size_t errlen, const struct tc_dline *l, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, const struct tc_dline *l, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, errlen, "%s:%d: ", l->file, l->line);

	va_start(ap, fmt);
	if (n > 0 && (size_t)n < errlen)
		vsnprintf(err + n, errlen - n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int note_error(struct tc_tapset *t, const char *why)
{
	char(*v)[600] = realloc(t->errors, (t->nerrors + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	t->errors = v;
	snprintf(v[t->nerrors++], sizeof(v[0]), "%s", why);
	return 0;
}

static bool word_ok(const char *s, const char *extra)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(extra, *s))
			return false;
	return true;
}

/* One "KIND:TARGET" -> its kind, checked against the table. */
static int one_point(const struct tc_dline *l, const char *point, size_t len, char *kind,
		     size_t size, char *err, size_t errlen)
{
	char buf[200];
	const char *colon;

	snprintf(buf, sizeof(buf), "%.*s", (int)len, point);
	colon = strchr(buf, ':');
	if (!colon || colon == buf || !colon[1] || !word_ok(colon + 1, "_:.-"))
		return fail(err, errlen, l, "PROBE '%s': expected KIND:TARGET", buf);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strlen(kinds[i].kind) == (size_t)(colon - buf) &&
		    !strncmp(buf, kinds[i].kind, colon - buf)) {
			if ((!strcmp(kinds[i].kind, "tracepoint") || !strcmp(kinds[i].kind, "raw_tp")) &&
			    !strchr(colon + 1, ':'))
				return fail(err, errlen, l, "PROBE '%s': a %s target is "
					    "CATEGORY:EVENT", buf, kinds[i].kind);
			if (!*kind)
				snprintf(kind, size, "%s", kinds[i].kind);
			else if (strcmp(kind, kinds[i].kind))
				snprintf(kind, size, "mixed");
			return 0;
		}
	return fail(err, errlen, l, "PROBE '%s': unknown kind '%.*s' (tracepoint, raw_tp, "
		    "kprobe, kretprobe, fentry, fexit)", buf, (int)(colon - buf), buf);
}

/*
 * "kprobe:vfs_read", or a list "tracepoint:a:b,tracepoint:c:d" that fires
 * for any of them (as a SystemTap alias over several points does).
 */
static int point_kind(const struct tc_dline *l, const char *point, char *kind, size_t size,
		      char *err, size_t errlen)
{
	int ret = 0;

	*kind = '\0';
	if (!*point)
		return fail(err, errlen, l, "PROBE: no probe point");
	for (const char *p = point; !ret && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ','))
		ret = one_point(l, p, strcspn(p, ","), kind, size, err, errlen);
	return ret;
}

/* One "NAME = EXPR" (or "where = PREDICATE") after a PROBE's point. */
static int probe_part(const struct tc_dline *l, char *part, struct tc_tapset_probe *p,
		      char *err, size_t errlen)
{
	char *eq = strchr(part, '='), *name, *expr;

	if (!eq || eq[1] == '=')
		return fail(err, errlen, l, "PROBE: '%s': expected NAME = EXPR", tc_trim(part));
	*eq = '\0';
	name = tc_trim(part);
	expr = tc_trim(eq + 1);
	if (!*expr)
		return fail(err, errlen, l, "PROBE: %s has no expression", name);
	if (!strcmp(name, "where")) {
		snprintf(p->where, sizeof(p->where), "%s", expr);
		return 0;
	}
	if (!word_ok(name, "_") || strlen(name) >= sizeof(p->vname[0]))
		return fail(err, errlen, l, "PROBE: '%s' is not a value name", name);
	for (int i = 0; i < p->nvalues; i++)
		if (!strcmp(p->vname[i], name))
			return fail(err, errlen, l, "PROBE: value %s given twice", name);
	if (p->nvalues == TC_TAPSET_VALUES)
		return fail(err, errlen, l, "PROBE: at most %d values", TC_TAPSET_VALUES);
	if (strlen(expr) >= sizeof(p->vexpr[0]))
		return fail(err, errlen, l, "PROBE: the expression of %s is too long", name);
	snprintf(p->vname[p->nvalues], sizeof(p->vname[0]), "%s", name);
	snprintf(p->vexpr[p->nvalues++], sizeof(p->vexpr[0]), "%s", expr);
	return 0;
}

static int parse_probe(const struct tc_dline *l, struct tc_tapset_probe *p, char *err,
		       size_t errlen)
{
	char buf[1024], *save = NULL, *tok;
	int ret;

	if (strchr(l->value, '\''))
		return fail(err, errlen, l, "PROBE: no single quotes (the engine's program is "
			    "quoted with them)");
	if (strlen(l->value) >= sizeof(buf))
		return fail(err, errlen, l, "PROBE: too long");
	memset(p, 0, sizeof(*p));
	p->line = l->line;
	snprintf(buf, sizeof(buf), "%s", l->value);
	tok = strtok_r(buf, ";", &save);
	snprintf(p->point, sizeof(p->point), "%s", tok ? tc_trim(tok) : "");
	ret = point_kind(l, p->point, p->kind, sizeof(p->kind), err, errlen);
	while (!ret && (tok = strtok_r(NULL, ";", &save)))
		ret = probe_part(l, tok, p, err, errlen);
	return ret;
}

/* "NAME ORACLE [TOLERANCE]" of a VALUE line. */
static int parse_value(const struct tc_dline *l, struct tc_tapset_alias *a, char *err,
		       size_t errlen)
{
	char name[64];
	int n = 0;

	if (a->nvalues == TC_TAPSET_VALUES)
		return fail(err, errlen, l, "at most %d VALUE lines", TC_TAPSET_VALUES);
	if (sscanf(l->value, "%63s %n", name, &n) != 1 || !l->value[n])
		return fail(err, errlen, l, "VALUE: expected NAME ORACLE [TOLERANCE]");
	if (!word_ok(name, "_") || strlen(name) >= sizeof(a->vname[0]))
		return fail(err, errlen, l, "VALUE: '%s' is not a value name", name);
	for (int i = 0; i < a->nvalues; i++)
		if (!strcmp(a->vname[i], name))
			return fail(err, errlen, l, "VALUE %s given twice", name);
	snprintf(a->vname[a->nvalues], sizeof(a->vname[0]), "%s", name);
	snprintf(a->voracle[a->nvalues++], sizeof(a->voracle[0]), "%s", l->value + n);
	return 0;
}

/* Every probe gives an expression for every value, and no other. */
static int check_values(const struct tc_tapset_alias *a, const struct tc_record *r, char *err,
			size_t errlen)
{
	for (int i = 0; i < a->nprobes; i++) {
		const struct tc_tapset_probe *p = &a->probes[i];
		struct tc_dline l = { .file = a->file, .line = p->line };

		for (int v = 0; v < a->nvalues; v++) {
			int k = 0;

			while (k < p->nvalues && strcmp(p->vname[k], a->vname[v]))
				k++;
			if (k == p->nvalues)
				return fail(err, errlen, &l, "PROBE %s: no expression for VALUE %s",
					    p->point, a->vname[v]);
		}
		for (int k = 0; k < p->nvalues; k++) {
			int v = 0;

			while (v < a->nvalues && strcmp(p->vname[k], a->vname[v]))
				v++;
			if (v == a->nvalues)
				return fail(err, errlen, &l, "PROBE %s: %s is not a VALUE of alias "
					    "%s", p->point, p->vname[k], a->name);
		}
	}
	(void)r;
	return 0;
}

/* The rows' parsers: obj is the alias (or, for the LIBRARY record, the library). */
static int p_alias(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tapset_alias *a = obj;

	if (!word_ok(l->value, "._-") || strlen(l->value) >= 48)
		return fail(err, errlen, l, "ALIAS '%s': letters, digits, '.', '_' and '-', at most "
			    "47", l->value);
	snprintf(a->name, sizeof(a->name), "%s", l->value);
	return 0;
}

static int p_means(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	snprintf(((struct tc_tapset_alias *)obj)->means, sizeof(((struct tc_tapset_alias *)obj)->means),
		 "%s", l->value);
	return 0;
}

/* Lines the alias's scenario takes as they are: checked when it is written (tc_tapset_write). */
static int p_passed(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	return tc_directive_ignore(obj, l, err, errlen);
}

static int p_where(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tapset_alias *a = obj;

	if (strchr(l->value, '\''))
		return fail(err, errlen, l, "WHERE: no single quotes");
	snprintf(a->where, sizeof(a->where), "%s", l->value);
	return 0;
}

static int p_fires(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tapset_alias *a = obj;

	(void)err;
	(void)errlen;
	snprintf(a->fires, sizeof(a->fires), "%s", l->value);
	return 0;
}

static int p_value(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	return parse_value(l, obj, err, errlen);
}

static int p_probe(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tapset_alias *a = obj;

	if (a->nprobes == TC_TAPSET_PROBES)
		return fail(err, errlen, l, "at most %d PROBE lines", TC_TAPSET_PROBES);
	return parse_probe(l, &a->probes[a->nprobes++], err, errlen);
}

static int p_library(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tapset *t = obj;

	if (!word_ok(l->value, "._-") || strlen(l->value) >= sizeof(t->name))
		return fail(err, errlen, l, "LIBRARY '%s': one word", l->value);
	snprintf(t->name, sizeof(t->name), "%s", l->value);
	return 0;
}

static int p_description(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tapset *t = obj;

	(void)err;
	(void)errlen;
	snprintf(t->description, sizeof(t->description), "%s", l->value);
	return 0;
}

static int p_engine(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tapset *t = obj;

	if (strcmp(l->value, "bpftrace"))
		return fail(err, errlen, l, "ENGINE '%s': only bpftrace runs library files "
			    "(tracecal's own hook table is the library `hooks`)", l->value);
	snprintf(t->engine, sizeof(t->engine), "%s", l->value);
	return 0;
}

const struct tc_directive tc_tapset_lib_directives[] = {
	{ "LIBRARY", "NAME", true, false, "The library's name, one word; first record only.", p_library },
	{ "DESCRIPTION", "TEXT", false, false, "What the library is, in a line.", p_description },
	{ "ENGINE", "bpftrace", false, false,
	  "What runs its probe points (default bpftrace): each candidate becomes a bpftrace "
	  "program that counts the probe's firings and sums its values.", p_engine },
	{ "NOTE", "TEXT", false, true, "Anything a reader should know.", tc_directive_ignore },
	{},
};

const struct tc_directive tc_tapset_alias_directives[] = {
	{ "ALIAS", "NAME", true, false,
	  "The probe alias, as scripts name it (`vfs.read`, `ioblock.request`): letters, digits, "
	  "'.', '_' and '-'.", p_alias },
	{ "MEANS", "TEXT", false, false, "What one firing means, in a line.", p_means },
	{ "REQUIRES", "KIND [ARG]", false, true,
	  "A requirement of the alias's workload (as in scenarios), not of a candidate: a "
	  "candidate that cannot attach is a verdict (NO ATTACH), not a skip.", p_passed },
	{ "FIXTURE", "loopfs [...] | none", false, false,
	  "The disk, as in scenarios (default none: a workload that needs no disk).", p_passed },
	{ "SETUP", "WORKLOAD [KEY=VALUE...]", false, true, "Untraced, before, as in scenarios.", p_passed },
	{ "WORKLOAD", "WORKLOAD [KEY=VALUE...]", true, false,
	  "The workload of known effect (docs/workloads.md); its comm is {COMM}.", p_passed },
	{ "TIMEOUT", "TIME", false, false, "As in scenarios (default 60s).", p_passed },
	{ "WHERE", "PREDICATE", false, false,
	  "The engine's predicate that keeps the workload's firings (default `comm == "
	  "\"{COMM}\"`); placeholders as in descriptors ({DEVNUM}, {COMM}).", p_where },
	{ "FIRES", "ORACLE [TOLERANCE]", true, false,
	  "How many times the alias must fire: an oracle as EXPECT takes it "
	  "(`manifest.syscalls.openat`, `diskstats.ios`), exact unless a tolerance is given.", p_fires },
	{ "VALUE", "NAME ORACLE [TOLERANCE]", false, true,
	  "A value the alias exports, summed over its firings, and the truth of that sum "
	  "(`VALUE bytes manifest.ops.read.bytes_requested`). Every PROBE gives its expression.", p_value },
	{ "PROBE", "KIND:TARGET [; where = PREDICATE] [; NAME = EXPR]...", true, true,
	  "A candidate probe point, best first (at most 8): KIND is tracepoint, raw_tp, kprobe, "
	  "kretprobe, fentry or fexit; TARGET a function or CATEGORY:EVENT. After ';' the "
	  "engine's expression of each VALUE (`bytes = arg2`, `bytes = args->count`) and, if "
	  "this point needs its own, its predicate. No single quotes.", p_probe },
	{ "NOTE", "TEXT", false, true, "Anything a reader should know.", tc_directive_ignore },
	{},
};

/* A record through a table: checked, then each line by its row's parser. */
static int parse_record(const struct tc_record *r, const struct tc_directive *table, void *obj,
			char *err, size_t errlen)
{
	int ret = tc_record_check(r, table, err, errlen);

	for (int i = 0; i < r->n && !ret; i++)
		ret = tc_dline_parse(table, obj, &r->lines[i], err, errlen);
	return ret;
}

static int parse_alias(const struct tc_record *r, struct tc_tapset_alias *a, char *err,
		       size_t errlen)
{
	memset(a, 0, sizeof(*a));
	a->rec = r;
	a->file = r->lines[0].file;
	a->line = r->lines[0].line;
	snprintf(a->where, sizeof(a->where), "comm == \"{COMM}\"");
	return parse_record(r, tc_tapset_alias_directives, a, err, errlen) ?:
	       check_values(a, r, err, errlen);
}

static int parse_header(struct tc_tapset *t, const struct tc_record *r, char *err,
			size_t errlen)
{
	if (!tc_record_get(r, "LIBRARY"))
		return fail(err, errlen, &r->lines[0], "a library starts with a LIBRARY record "
			    "(LIBRARY NAME, DESCRIPTION, ENGINE)");
	snprintf(t->engine, sizeof(t->engine), "bpftrace");
	return parse_record(r, tc_tapset_lib_directives, t, err, errlen);
}

int tc_tapset_load(struct tc_tapset *t, const char *path, char *err, size_t errlen)
{
	int ret;

	memset(t, 0, sizeof(*t));
	snprintf(t->path, sizeof(t->path), "%s", path);
	ret = tc_dfile_read(path, &t->f, err, errlen);
	if (ret)
		return ret;
	if (!t->f.n) {
		snprintf(err, errlen, "%s: no LIBRARY record in it", path);
		return -EINVAL;
	}
	ret = parse_header(t, &t->f.records[0], err, errlen);
	if (ret)
		return ret;
	t->v = calloc(t->f.n, sizeof(*t->v));
	if (!t->v)
		return -ENOMEM;
	for (int i = 1; i < t->f.n; i++) {
		struct tc_tapset_alias *a = &t->v[t->n];
		char why[600];
		int dup = -1;

		ret = parse_alias(&t->f.records[i], a, why, sizeof(why));
		for (int k = 0; !ret && k < t->n; k++)
			if (!strcmp(t->v[k].name, a->name))
				dup = k;
		if (dup >= 0)
			ret = fail(why, sizeof(why), &t->f.records[i].lines[0], "alias %s is "
				   "already defined at line %d", a->name, t->v[dup].line);
		if (!ret) {
			t->n++;
			continue;
		}
		if (strlen(why) < sizeof(why) - 120) {
			const struct tc_dline *l = tc_record_get(&t->f.records[i], "ALIAS");

			snprintf(why + strlen(why), sizeof(why) - strlen(why),
				 " (alias %s is left out)", l ? l->value : "without ALIAS");
		}
		if (note_error(t, why))
			return -ENOMEM;
	}
	return 0;
}

void tc_tapset_free(struct tc_tapset *t)
{
	tc_dfile_free(&t->f);
	free(t->v);
	free(t->errors);
	memset(t, 0, sizeof(*t));
}

void tc_tapset_tool_name(const char *alias, int i, char *out, size_t size)
{
	snprintf(out, size, "%s@%d", alias, i + 1);
}

void tc_tapset_scenario_name(const char *alias, char *out, size_t size)
{
	snprintf(out, size, "%s", alias);
	for (char *c = out; *c; c++)
		if (*c == '.')
			*c = '-';
}

/* The generated text of one file, with the library line of each of its lines. */
struct gen {
	char *text;
	size_t len;
	int nlines;
	int map[64];
};

static void gen_line(struct gen *g, int src, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void gen_line(struct gen *g, int src, const char *fmt, ...)
{
	va_list ap;
	char line[2048];

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	g->text = realloc(g->text, g->len + strlen(line) + 2);
	if (!g->text)
		abort(); /* a few kilobytes */
	g->len += sprintf(g->text + g->len, "%s\n", line);
	if (g->nlines < 64)
		g->map[g->nlines] = src;
	g->nlines++;
}

static int write_file(const char *path, const struct gen *g, char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(g->text, f) < 0 || fclose(f)) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		if (f)
			fclose(f);
		return -errno ?: -EIO;
	}
	return 0;
}

/* "GENERATED:L: why" of a generated file -> "LIBRARY:LINE: why". */
static void map_error(const struct tc_tapset_alias *a, const struct gen *g, const char *path,
		      const char *why, char *out, size_t size)
{
	size_t plen = strlen(path);
	int line = a->line, l;
	const char *rest = why;

	if (!strncmp(why, path, plen) && why[plen] == ':' && sscanf(why + plen + 1, "%d", &l) == 1) {
		if (l >= 1 && l <= g->nlines && l <= 64)
			line = g->map[l - 1];
		rest = strchr(why + plen + 1, ':');
		rest = rest ? rest + 1 : why;
		while (*rest == ' ')
			rest++;
	}
	snprintf(out, size, "%s:%d: alias %s: %s", a->file, line, a->name, rest);
}

static void gen_scenario(const struct tc_tapset_alias *a, struct gen *g)
{
	static const char *const passed[] = { "REQUIRES", "FIXTURE", "SETUP", "WORKLOAD",
					      "TIMEOUT" };
	char scn[64], tool[80], tools[800] = "";

	tc_tapset_scenario_name(a->name, scn, sizeof(scn));
	gen_line(g, a->line, "NAME %s", scn);
	gen_line(g, a->line, "DESCRIPTION probe alias %s%s%s", a->name, a->means[0] ? ": " : "",
		 a->means);
	if (!tc_record_get(a->rec, "FIXTURE"))
		gen_line(g, a->line, "FIXTURE none");
	for (size_t k = 0; k < sizeof(passed) / sizeof(passed[0]); k++)
		for (int i = 0; i < a->rec->n; i++)
			if (!strcmp(a->rec->lines[i].key, passed[k]))
				gen_line(g, a->rec->lines[i].line, "%s %s", passed[k],
					 a->rec->lines[i].value);
	gen_line(g, tc_record_get(a->rec, "FIRES")->line, "EXPECT probe_fires_total == %s",
		 a->fires);
	for (int v = 0; v < a->nvalues; v++)
		for (int i = 0; i < a->rec->n; i++)
			if (!strcmp(a->rec->lines[i].key, "VALUE") &&
			    !strncmp(a->rec->lines[i].value, a->vname[v], strlen(a->vname[v])))
				gen_line(g, a->rec->lines[i].line,
					 "EXPECT probe_value_sum{value=\"%s\"} == %s", a->vname[v],
					 a->voracle[v]);
	for (int i = 0; i < a->nprobes; i++) {
		tc_tapset_tool_name(a->name, i, tool, sizeof(tool));
		snprintf(tools + strlen(tools), sizeof(tools) - strlen(tools), " %s", tool);
	}
	gen_line(g, a->line, "TOOLS%s", tools);
}

static const char *bpftrace_kind(const char *kind)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].kind, kind))
			return kinds[i].bpftrace;
	return kind;
}

/* Each "KIND:TARGET" of a list in bpftrace's spelling. */
static void engine_points(const char *point, char *out, size_t size)
{
	*out = '\0';
	for (const char *p = point; *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
		size_t len = strcspn(p, ","), klen = strcspn(p, ":");
		char kind[16];

		snprintf(kind, sizeof(kind), "%.*s", (int)klen, p);
		snprintf(out + strlen(out), size - strlen(out), "%s%s%.*s", *out ? "," : "",
			 bpftrace_kind(kind), (int)(len - klen), p + klen);
	}
}

static void gen_tool(const struct tc_tapset_alias *a, int i, struct gen *g)
{
	const struct tc_tapset_probe *p = &a->probes[i];
	char name[80], body[1200] = "", points[400];

	tc_tapset_tool_name(a->name, i, name, sizeof(name));
	for (int k = 0; k < p->nvalues; k++)
		snprintf(body + strlen(body), sizeof(body) - strlen(body), " @v_%s = sum(%s);",
			 p->vname[k], p->vexpr[k]);
	engine_points(p->point, points, sizeof(points));
	gen_line(g, p->line, "TOOL %s", name);
	gen_line(g, p->line, "DESCRIPTION %s by %s (bpftrace)", a->name, p->point);
	gen_line(g, p->line, "REQUIRES program bpftrace");
	gen_line(g, p->line, "COMMAND bpftrace -B none -e 'BEGIN { printf(\"READY\\n\"); } "
		 "%s /%s/ { @fires = count();%s }'", points, p->where[0] ? p->where : a->where,
		 body);
	gen_line(g, p->line, "VERSION bpftrace --version");
	gen_line(g, p->line, "READY ^READY$");
	gen_line(g, p->line, "STOP_REPEAT 2s");
	gen_line(g, p->line, "PARSER bpftrace");
	gen_line(g, p->line, "MAP @fires probe_fires_total");
	for (int k = 0; k < p->nvalues; k++)
		gen_line(g, p->line, "MAP @v_%s probe_value_sum value=\"%s\"", p->vname[k],
			 p->vname[k]);
	gen_line(g, p->line, "ATTACH_WARNING could not attach probe .*skipping");
}

/* An alias's scenario and descriptors; 1 if they do not load (noted). */
static int write_alias(struct tc_tapset *t, const struct tc_tapset_alias *a, const char *dir,
		       char *err, size_t errlen)
{
	char path[700], why[600], msg[600];
	struct gen g = { 0 };
	struct tc_suite s = { 0 };
	int ret;

	snprintf(path, sizeof(path), "%s/%s.scn", dir, a->name);
	gen_scenario(a, &g);
	ret = write_file(path, &g, err, errlen);
	if (!ret && tc_suite_load(&s, path, why, sizeof(why))) {
		map_error(a, &g, path, why, msg, sizeof(msg));
		remove(path);
		ret = note_error(t, msg) ?: 1;
	}
	tc_suite_free(&s);
	free(g.text);
	for (int i = 0; ret == 0 && i < a->nprobes; i++) {
		struct tc_tooldesc d;
		char name[80];

		memset(&g, 0, sizeof(g));
		gen_tool(a, i, &g);
		tc_tapset_tool_name(a->name, i, name, sizeof(name));
		snprintf(path, sizeof(path), "%s/tools/%s.tool", dir, name);
		ret = write_file(path, &g, err, errlen);
		if (!ret && tc_tooldesc_load(path, &d, why, sizeof(why))) {
			map_error(a, &g, path, why, msg, sizeof(msg));
			ret = note_error(t, msg) ?: 1;
		} else if (!ret) {
			tc_tooldesc_free(&d);
		}
		free(g.text);
	}
	return ret;
}

int tc_tapset_write(struct tc_tapset *t, const char *dir, char *err, size_t errlen)
{
	char path[700];
	int kept = 0;

	snprintf(path, sizeof(path), "%s/tools", dir);
	if ((mkdir(dir, 0755) && errno != EEXIST) || (mkdir(path, 0755) && errno != EEXIST)) {
		snprintf(err, errlen, "cannot make %s: %s", path, strerror(errno));
		return -errno;
	}
	for (int i = 0; i < t->n; i++) {
		int ret = write_alias(t, &t->v[i], dir, err, errlen);

		if (ret < 0)
			return ret;
		if (ret > 0) { /* left out: take its files back */
			for (int k = 0; k < t->v[i].nprobes; k++) {
				char name[80];

				tc_tapset_tool_name(t->v[i].name, k, name, sizeof(name));
				snprintf(path, sizeof(path), "%s/tools/%s.tool", dir, name);
				remove(path);
			}
			continue;
		}
		t->v[kept++] = t->v[i];
	}
	t->n = kept;
	return 0;
}

void tc_tapset_ratio(double ratio, char *out, size_t size)
{
	if (ratio > 0 && ratio < 0.1 && fabs(1 / ratio - round(1 / ratio)) < 0.01 / ratio)
		snprintf(out, size, "1/%.0fx", 1 / ratio);
	else if (ratio >= 10)
		snprintf(out, size, "%.0fx", ratio);
	else
		snprintf(out, size, "%.3gx", ratio);
}

/* The last line the engine printed on its way out, for NO ATTACH. */
static bool attach_failure(const struct tc_outcome *o)
{
	static const char *const signs[] = { "before it was ready", "attach", "not found",
					     "not available", "hook", "not traceable" };

	for (size_t i = 0; i < sizeof(signs) / sizeof(signs[0]); i++)
		if (strstr(o->reason, signs[i]))
			return true;
	return false;
}

/*
 * The engine's own words for a refusal: its last "ERROR: " line, with the
 * warning before it ("X is not traceable (... inlined ...)") if there is one.
 */
static void engine_reason(const char *reason, char *out, size_t size)
{
	const char *err = NULL, *warn = strstr(reason, "WARNING: "), *p = reason;

	while ((p = strstr(p, "ERROR: ")))
		err = p++;
	if (!err && warn) {
		snprintf(out, size, "%.*s", (int)strcspn(warn + 9, "|"), warn + 9);
		return;
	}
	if (!err) {
		snprintf(out, size, "%s", reason);
		return;
	}
	err += 7;
	snprintf(out, size, "%.*s", (int)strcspn(err, "|"), err);
	if (warn && warn < err)
		snprintf(out + strlen(out), size - strlen(out), " (%.*s)",
			 (int)strcspn(warn + 9, "|") - 1, warn + 9);
}

static void drift(const struct tc_check *c, enum tc_tapset_verdict v, const char *what,
		  struct tc_tapset_result *r)
{
	char ratio[32];

	r->verdict = v;
	r->actual = c->actual;
	r->expected = c->expected;
	r->ratio = c->expected ? c->actual / c->expected : 0;
	snprintf(r->what, sizeof(r->what), "%s", what);
	tc_tapset_ratio(r->ratio, ratio, sizeof(ratio));
	if (v == TC_TS_NEVER_FIRES)
		snprintf(r->detail, sizeof(r->detail), "attached, fired 0 times where the workload "
			 "did %.0f", c->expected);
	else if (v == TC_TS_VALUE_DRIFT && fabs(r->ratio * 512 - 1) < 0.01)
		snprintf(r->detail, sizeof(r->detail), "%s %s: %s; sectors read as bytes (a "
			 "512-byte unit)", what, ratio, c->message);
	else
		snprintf(r->detail, sizeof(r->detail), "%s %s: %s%s%s", what, ratio, c->message,
			 c->diagnosis[0] ? "; " : "", c->diagnosis);
}

/* A check's selector as written (bound into the outcome by the judge), or "". */
static const char *sel(const struct tc_check *c)
{
	return c->src.selector ? c->src.selector : "";
}

/*
 * A tool's own metrics (the hook table's candidates): nothing at all is a
 * probe that never fires; otherwise the first check that failed, a count
 * or a value by its metric's name.
 */
static void generic(const struct tc_outcome *o, struct tc_tapset_result *r)
{
	const struct tc_check *first = NULL;
	bool all_zero = true;

	for (int i = 0; i < o->nchecks; i++) {
		const struct tc_check *c = &o->checks[i];

		if (!c->judged || (c->e && c->e->lhs_is_oracle))
			continue;
		all_zero &= c->actual == 0;
		if (!first && !tc_verdict_passes(c->verdict))
			first = c;
	}
	if (!first) {
		r->verdict = TC_TS_ERROR; /* a FAIL no check explains */
		return;
	}
	if (all_zero && first->expected > 0) {
		drift(first, TC_TS_NEVER_FIRES, "fires", r);
		return;
	}
	if (first->actual < first->expected &&
	    ((o->reported_lost > 0 && first->actual + o->reported_lost >= first->expected) ||
	     strstr(first->diagnosis, "too little seen to judge") ||
	     strstr(first->message, "too little seen to judge"))) {
		/* Not a drift: it said what it missed, only more than a pass allows. */
		drift(first, TC_TS_LOST, "lost", r);
		snprintf(r->detail, sizeof(r->detail), "%s; %s", first->message, first->diagnosis);
		return;
	}
	{
		char metric[64];

		snprintf(metric, sizeof(metric), "%.*s", (int)strcspn(sel(first), "{ "),
			 sel(first));
		drift(first, strstr(metric, "bytes") || strstr(metric, "_ns") ?
			     TC_TS_VALUE_DRIFT : TC_TS_COUNT_DRIFT, metric, r);
	}
}

void tc_tapset_classify(const struct tc_outcome *o, struct tc_tapset_result *r)
{
	const struct tc_check *fires = NULL;

	memset(r, 0, sizeof(*r));
	snprintf(r->detail, sizeof(r->detail), "%s", o->reason);
	switch (o->verdict) {
	case TC_PASS:
	case TC_ACCOUNTED:
		r->verdict = TC_TS_OK;
		for (int i = 0; i < o->nchecks; i++)
			if (strstr(sel(&o->checks[i]), "probe_fires_total"))
				snprintf(r->detail, sizeof(r->detail), "fired %.0f times, as the "
					 "workload did", o->checks[i].actual);
		return;
	case TC_SKIP:
		r->verdict = TC_TS_SKIP;
		return;
	case TC_TIMEOUT:
		r->verdict = TC_TS_TIMEOUT;
		return;
	case TC_ERROR:
		r->verdict = attach_failure(o) ? TC_TS_NO_ATTACH : TC_TS_ERROR;
		if (r->verdict == TC_TS_NO_ATTACH)
			engine_reason(o->reason, r->detail, sizeof(r->detail));
		return;
	default:
		break;
	}
	for (int i = 0; i < o->nchecks; i++)
		if (o->checks[i].judged && strstr(sel(&o->checks[i]), "probe_fires_total"))
			fires = &o->checks[i];
	if (fires && fires->actual == 0 && fires->expected > 0) {
		drift(fires, TC_TS_NEVER_FIRES, "fires", r);
		return;
	}
	if (fires && !tc_verdict_passes(fires->verdict)) {
		drift(fires, TC_TS_COUNT_DRIFT, "fires", r);
		return;
	}
	for (int i = 0; i < o->nchecks; i++) {
		const struct tc_check *c = &o->checks[i];
		const char *v = strstr(sel(c), "value=\"");
		char what[40];

		if (!c->judged || tc_verdict_passes(c->verdict) || !v)
			continue;
		snprintf(what, sizeof(what), "%.*s", (int)strcspn(v + 7, "\""), v + 7);
		drift(c, TC_TS_VALUE_DRIFT, what, r);
		return;
	}
	generic(o, r);
}
