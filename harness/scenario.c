// SPDX-License-Identifier: GPL-2.0
/* Scenarios: the directive table and the strict loader; see scenario.h. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "../oracles/iostat.h"
#include "../oracles/pidio.h"
#include "../oracles/procstat.h"
#include "../common/opts.h"
#include "../readers/samples.h"
#include "scenario.h"
#include "validate.h"

/* The one message maker of directive files (directives.c), by a short name. */
static int (*const fail)(char *err, size_t errlen, const struct tc_dline *l, const char *fmt,
			 const char *arg) = tc_dline_fail;

/* The parsers of the table's rows, below it: each fills its directive into the record's object. */
static int scn_name(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int scn_description(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int scn_requires(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int scn_fixture(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int scn_setup(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int scn_overhead(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int scn_loss_allowed(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int scn_slowdown_max(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int scn_slowdown_max(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_scenario *sc = obj;
	const char *v = l->value;
	char *end;

	errno = 0;
	sc->slowdown_max = strtod(v, &end);
	if (errno || end == v || strcmp(end, "x") || !(sc->slowdown_max > 1) ||
	    sc->slowdown_max > 1000)
		return fail(err, errlen, l, "'%s': a factor above 1x, up to 1000x (e.g. 5x)", v);
	sc->slowdown_line = l->line;
	return 0;
}

static int scn_instances(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int scn_timeout(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int scn_expect(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int scn_tools(void *obj, const struct tc_dline *l, char *err, size_t errlen);

const struct tc_directive tc_scenario_directives[] = {
	{ "NAME", "NAME", true, false, "The scenario's name: one word, unique in the suite.",
	  scn_name },
	{ "DESCRIPTION", "TEXT", false, false, "What it checks, in a line.", scn_description },
	{ "REQUIRES", "KIND [ARG]", false, true,
	  "A requirement of the scenario itself (as in descriptors); if one is not met the "
	  "scenario SKIPs with the reason.", scn_requires },
	{ "FIXTURE",
	  "loopfs [size=SIZE] [fs=ext4] [queue_depth=N] [max_sectors_kb=N] [read_ahead_kb=N] | none",
	  false, false,
	  "The disk the workload uses: a loop device with direct I/O on, holding a new file "
	  "system, mounted for the run and always released (default: loopfs size=256M "
	  "fs=ext4). Its name, path and mount point are {DEV}, {DEVPATH} and {MNT}. "
	  "queue_depth= sets its request queue's depth (nr_requests, 4 to 128; default the "
	  "device's, 128): a shallow queue makes a busy disk, whose held-back requests the "
	  "kernel sends on from a kworker rather than from the task that made them. "
	  "max_sectors_kb= (4 to 1024) caps a request's size and read_ahead_kb= (4 to 16384) "
	  "sets the read-ahead, so that one read-ahead is many requests; each is the file of "
	  "that name in /sys/block/DEV/queue/, set for the run and restored after.", scn_fixture },
	{ "SETUP", "WORKLOAD [KEY=VALUE...]", false, true,
	  "A workload run before the tool starts: not traced (e.g. writing the file a "
	  "later read reads, or overwrites: a workload fills a missing file itself, "
	  "inside the tool's window).", scn_setup },
	{ "WORKLOAD", "WORKLOAD [KEY=VALUE...]", true, false,
	  "The workload run while the tool traces; see docs/workloads.md. Its comm= (or "
	  "its default command name) is {COMM}.", scn_setup },
	{ "TIMEOUT", "TIME", false, false,
	  "How long the workload may take before the run is a TIMEOUT (default 60s).",
	  scn_timeout },
	{ "EXPECT", "SELECTOR OP ORACLE [TOLERANCE]", false, true,
	  "SELECTOR is a canonical metric with label matchers, summed over the samples it "
	  "matches (`disk_read_bytes{dev=\"{DEV}\"}`); OP is ==, <= or >=; ORACLE is a number, "
	  "`diskstats.FIELD` (the fixture device over the tool's window), `manifest.PATH` "
	  "(the workload's manifest), `pidio.FIELD` (the workload's /proc/PID/io, summed over "
	  "its processes), `procstat.FIELD` (a /proc/stat delta over the window: processes, "
	  "ctxt, ...), `iostat.FIELD` (iostat -dk and -dxk run over the window: kB_read, r/s, "
	  "rkB/s, ...; a rate times iostat's interval) or `fio.PATH` (the JSON of WORKLOAD "
	  "fio; read.io_bytes and the like summed over its jobs), optionally `* N` or `/ N` "
	  "(see docs/oracles.md). SELECTOR may name an oracle too "
	  "(`fio.read.io_bytes == diskstats.read_bytes`): one truth held to another, judged in "
	  "every run the scenario's other lines apply to. TOLERANCE is exact (the "
	  "default), ±N% or ±N, or one-sided where the cause goes one way: +N% (or +N) "
	  "above only, as file-system metadata only adds disk bytes, -N% below only. A "
	  "scenario needs one EXPECT or EXPECT_HIST at least.", scn_expect },
	{ "EXPECT_HIST", "SELECTOR ~ ORACLE [TOLERANCE]", false, true,
	  "A histogram: SELECTOR names a histogram metric (`vfs_latency_ns{fs=\"pipefs\"}`), "
	  "ORACLE a histogram of the manifest (`manifest.latency.hist`). Each latency the "
	  "workload measured (`samples_ns` beside it, with its `slack_ns`) must be counted "
	  "in the tool's bucket that holds it, or in the bucket below when it lies within "
	  "its slack of that bucket's lower edge, never above: a kernel-side tool times "
	  "inside the workload's window. A manifest without samples is compared bucket by "
	  "bucket, exactly. TOLERANCE is how many units, on either side, may go unplaced "
	  "(a share of the total count, or a number).", scn_expect },
	{ "OVERHEAD", "PERIOD", false, false,
	  "Measure what the tool costs: the workload runs once untraced before the tool "
	  "starts, then traced, and the slowdown is reported; during both, a heartbeat "
	  "process sleeps PERIOD (e.g. 1ms) again and again, and its worst lateness in "
	  "waking is reported too. For workloads that leave nothing the traced run would "
	  "find changed (FIXTURE none).", scn_overhead },
	{ "LOSS_ALLOWED", "N%", false, false,
	  "The share of the truth a tool may report lost and still pass: fewer than happened, "
	  "the rest in the tool's own loss counters for that metric, is ACCOUNTED up to N% "
	  "(default 1%) and a FAIL beyond. For scenarios that overflow a tool on purpose.",
	  scn_loss_allowed },
	{ "SLOWDOWN_MAX", "Nx", false, false,
	  "With OVERHEAD: how much slower the traced workload may run than the untraced one "
	  "(e.g. 5x: five times as long). A tool whose numbers are right but that slows it "
	  "more (a tool with no overload guard, on a hot probe) is SLOW, the slowdown "
	  "measured.", scn_slowdown_max },
	{ "INSTANCES", "N", false, false,
	  "Run N copies of the tool at once (2 to 8; default 1), each started while the "
	  "ones before it run, each with its own output, all tracing the one workload; "
	  "each copy is judged on its own, and nothing any of them made may be left when "
	  "all have exited. The run's verdict is the worst copy's, the copy named: a tool "
	  "whose copies share or take each other's state, or that refuses a second copy, "
	  "fails here.", scn_instances },
	{ "TOOLS", "NAME...", false, false,
	  "Only these tools (by their TOOL name); by default every tool that reports the "
	  "metrics expected.", scn_tools },
	{ "NOTE", "TEXT", false, true, "Anything a reader should know.", tc_directive_ignore },
	{},
};

int tc_fill(const char *text, const char *const *vars, int nvars, char *out, size_t size)
{
	size_t o = 0;

	for (const char *p = text; *p;) {
		const char *end;
		bool done = false;

		if (*p == '{' && (end = strchr(p, '}'))) {
			for (int i = 0; i < nvars && !done; i++) {
				const char *eq = strchr(vars[i], '=');

				if (eq && (size_t)(eq - vars[i]) == (size_t)(end - p - 1) &&
				    !strncmp(vars[i], p + 1, end - p - 1)) {
					int n = snprintf(out + o, size - o, "%s", eq + 1);

					if (n < 0 || (size_t)n >= size - o)
						return -ENAMETOOLONG;
					o += n;
					p = end + 1;
					done = true;
				}
			}
			if (done)
				continue;
		}
		if (o + 1 >= size)
			return -ENAMETOOLONG;
		out[o++] = *p++;
	}
	out[o] = '\0';
	return 0;
}

/* Selectors are checked with the placeholders filled by stand-ins. */
const char *const tc_standins[] = {
	"DEV=loop0", "DEVPATH=/dev/loop0", "MNT=/mnt", "COMM=tc_comm", "DEVNUM=7340032",
};
const int tc_nstandins = sizeof(tc_standins) / sizeof(tc_standins[0]);

int tc_expect_selector(const struct tc_expect *e, const char *const *vars, int nvars,
		       struct tc_selector *out, char *why, size_t size)
{
	*out = e->sel;
	for (int m = 0; m < e->sel.nmatchers; m++) {
		if (!(e->slots & (1u << m)))
			continue;
		if (tc_fill(e->sel.m[m].value, vars, nvars, out->m[m].value,
			    sizeof(out->m[m].value))) {
			snprintf(why, size, "%s: the value of %s, filled, is too long", e->selector,
				 e->sel.m[m].name);
			return -ENAMETOOLONG;
		}
	}
	return 0;
}

/* The selector compiled into e: its placeholders kept as slots, checked with stand-ins. */
static int compile_selector(struct tc_expect *e, bool hist, char *why, size_t size)
{
	struct tc_selector s;
	int ret = tc_selector_parse(e->selector, &e->sel, why, size);

	for (int m = 0; !ret && m < e->sel.nmatchers; m++)
		if (strchr(e->sel.m[m].value, '{'))
			e->slots |= 1u << m;
	ret = ret ?: tc_expect_selector(e, tc_standins, tc_nstandins, &s, why, size);
	return ret ?: tc_validate_metric(s.name, hist, why, size);
}

/* "SELECTOR OP ORACLE [TOLERANCE]": the selector ends at the first blank outside quotes. */
static int parse_expect(const struct tc_dline *l, struct tc_expect *e, bool hist, char *err,
			size_t errlen)
{
	char buf[600], *p = buf, *sel, *op, *oracle_end, why[300];
	bool quoted = false;

	memset(e, 0, sizeof(*e));
	e->kind = hist ? TC_EXPECT_HIST : TC_EXPECT_VALUE;
	e->file = l->file;
	e->line = l->line;
	snprintf(buf, sizeof(buf), "%s", l->value);
	sel = p;
	for (; *p && (quoted || !isspace((unsigned char)*p)); p++)
		if (*p == '"' && (p == buf || p[-1] != '\\'))
			quoted = !quoted;
	if (!*p)
		return fail(err, errlen, l, "'%s': expected SELECTOR OP ORACLE [TOLERANCE]",
			    l->value);
	*p++ = '\0';
	snprintf(e->selector, sizeof(e->selector), "%s", sel);
	if (!hist && tc_oracle_named(sel)) {
		e->lhs_is_oracle = true;
		if (tc_oracle_parse(sel, &e->lhs, why, sizeof(why)))
			return fail(err, errlen, l, "%s", why);
	} else if (compile_selector(e, hist, why, sizeof(why))) {
		return fail(err, errlen, l, "%s", why);
	}
	while (isspace((unsigned char)*p))
		p++;
	op = p;
	p += strcspn(p, " \t");
	if (*p)
		*p++ = '\0';
	if (hist ? strcmp(op, "~") : (strcmp(op, "==") && strcmp(op, "<=") && strcmp(op, ">=")))
		return fail(err, errlen, l, hist ? "'%s': EXPECT_HIST compares with ~" :
			    "'%s': expected ==, <= or >=", op);
	snprintf(e->op, sizeof(e->op), "%s", op);
	while (isspace((unsigned char)*p))
		p++;
	/* The oracle runs to the tolerance: "exact", or a word starting with ±, +-, a digit. */
	oracle_end = p + strcspn(p, " \t");
	while (*oracle_end) {
		char *next = oracle_end;

		while (isspace((unsigned char)*next))
			next++;
		if (*next == '*' || *next == '/' ||
		    (oracle_end > p && (oracle_end[-1] == '*' || oracle_end[-1] == '/')))
			oracle_end = next + strcspn(next, " \t");
		else
			break;
	}
	{
		char oracle[160];

		snprintf(oracle, sizeof(oracle), "%.*s", (int)(oracle_end - p), p);
		if (!oracle[0])
			return fail(err, errlen, l, "'%s': no ORACLE", l->value);
		if (tc_oracle_parse(oracle, &e->oracle, why, sizeof(why)))
			return fail(err, errlen, l, "%s", why);
	}
	p = oracle_end;
	while (isspace((unsigned char)*p))
		p++;
	snprintf(e->tolerance, sizeof(e->tolerance), "%s", *p ? p : "exact");
	if (tc_tol_parse(e->tolerance, &e->tol, why, sizeof(why)))
		return fail(err, errlen, l, "%s", why);
	return 0;
}

/* One queue setting of FIXTURE: queue_depth=4. */
static int parse_queue_attr(struct tc_scenario *sc, const struct tc_dline *l, const char *word,
			    char *err, size_t errlen)
{
	const struct tc_queue_attr_def *q;
	size_t kl = 0;
	char *end;
	long v;
	int a;

	for (a = 0; a < TC_Q_NR; a++) {
		kl = strlen(tc_queue_attrs[a].key);
		if (!strncmp(word, tc_queue_attrs[a].key, kl) && word[kl] == '=')
			break;
	}
	if (a == TC_Q_NR)
		return fail(err, errlen, l, "'%s': expected size=, fs=, queue_depth=, "
			    "max_sectors_kb= or read_ahead_kb=", word);
	q = &tc_queue_attrs[a];
	errno = 0;
	v = strtol(word + kl + 1, &end, 10);
	if (errno || *end || end == word + kl + 1 || v < q->min || v > q->max) {
		char what[160];

		snprintf(what, sizeof(what), "'%s': %s from %d to %d", word, q->what, q->min,
			 q->max);
		return fail(err, errlen, l, "%s", what);
	}
	sc->queue[a] = v;
	return 0;
}

static int parse_fixture(struct tc_scenario *sc, const struct tc_dline *l, char *err,
			 size_t errlen)
{
	char buf[256], *words[8];
	int n;

	snprintf(buf, sizeof(buf), "%s", l->value);
	n = tc_split_words(buf, words, 8);
	if (n == 1 && !strcmp(words[0], "none")) {
		sc->no_fixture = true;
		return 0;
	}
	if (n < 1 || strcmp(words[0], "loopfs"))
		return fail(err, errlen, l, "'%s': expected loopfs [size=SIZE] [fs=TYPE] "
			    "[queue_depth=N] [max_sectors_kb=N] [read_ahead_kb=N] or none", l->value);
	for (int i = 1; i < n; i++) {
		if (!strncmp(words[i], "size=", 5)) {
			if (tc_parse_size(words[i] + 5, &sc->fs_size) || sc->fs_size < (32 << 20))
				return fail(err, errlen, l, "'%s': a size of 32M or more", words[i]);
		} else if (!strncmp(words[i], "fs=", 3)) {
			snprintf(sc->fs_type, sizeof(sc->fs_type), "%s", words[i] + 3);
		} else if (parse_queue_attr(sc, l, words[i], err, errlen)) {
			return -EINVAL;
		}
	}
	return 0;
}

static int scn_name(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_scenario *sc = obj;
	const char *v = l->value;

	for (const char *c = v; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_')
			return fail(err, errlen, l, "'%s': letters, digits, - and _ only", v);
	snprintf(sc->name, sizeof(sc->name), "%s", v);
	return 0;
}

static int scn_description(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_scenario *sc = obj;
	const char *v = l->value;

	(void)err;
	(void)errlen;

	snprintf(sc->description, sizeof(sc->description), "%s", v);
	return 0;
}

static int scn_requires(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_scenario *sc = obj;
	const char *v = l->value;

	if (sc->nreq == TC_SCN_MAX)
		return fail(err, errlen, l, "%s", "too many");
	return tc_require_parse(v, l->file, l->line, &sc->req[sc->nreq++], err, errlen);
}

static int scn_fixture(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_scenario *sc = obj;

	return parse_fixture(sc, l, err, errlen);
}

static int scn_setup(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_scenario *sc = obj;
	const char *k = l->key;
	const char *v = l->value;
	char why[300];
	char *dst = !strcmp(k, "SETUP") ? sc->setup[sc->nsetup] : sc->workload;

	if (!strcmp(k, "SETUP") && sc->nsetup == 4)
		return fail(err, errlen, l, "%s", "at most 4 SETUP lines");
	if (tc_validate_workload(v, !strcmp(k, "WORKLOAD") ? sc->comm : NULL, why,
				 sizeof(why)))
		return fail(err, errlen, l, "%s", why);
	snprintf(dst, 512, "%s", v);
	if (!strcmp(k, "SETUP"))
		sc->nsetup++;
	return 0;
}

static int scn_overhead(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_scenario *sc = obj;
	const char *v = l->value;

	if (tc_parse_duration(v, &sc->overhead_ns) || sc->overhead_ns < 100000 ||
	    sc->overhead_ns > 1000000000ULL)
		return fail(err, errlen, l, "'%s': a heartbeat period from 100us to 1s", v);
	return 0;
}

static int scn_loss_allowed(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_scenario *sc = obj;
	const char *v = l->value;
	char *end;

	errno = 0;
	sc->loss_allowed = strtod(v, &end);
	if (errno || end == v || strcmp(end, "%") || sc->loss_allowed < 0 ||
	    sc->loss_allowed > 100)
		return fail(err, errlen, l, "'%s': a percentage from 0%% to 100%%", v);
	return 0;
}

static int scn_instances(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_scenario *sc = obj;
	__u64 n;

	if (tc_parse_u64(l->value, 1, TC_SCN_INSTANCES, &n))
		return fail(err, errlen, l, "'%s': a count of copies from 1 to 8", l->value);
	sc->instances = n;
	return 0;
}

static int scn_timeout(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_scenario *sc = obj;
	const char *v = l->value;

	if (tc_parse_duration(v, &sc->timeout_ns))
		return fail(err, errlen, l, "'%s': expected a time such as 60s", v);
	return 0;
}

static int scn_expect(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_scenario *sc = obj;
	const char *k = l->key;

	if (sc->nexpect == TC_SCN_MAX)
		return fail(err, errlen, l, "%s", "too many expectations");
	return parse_expect(l, &sc->expect[sc->nexpect++], !strcmp(k, "EXPECT_HIST"), err,
			    errlen);
}

static int scn_tools(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_scenario *sc = obj;
	const char *v = l->value;
	char buf[512], *words[8];
	int n;

	snprintf(buf, sizeof(buf), "%s", v);
	n = tc_split_words(buf, words, 8);
	if (n < 1)
		return fail(err, errlen, l, "'%s': at most 8 tool names", v);
	for (int i = 0; i < n; i++)
		snprintf(sc->tools[i], sizeof(sc->tools[0]), "%s", words[i]);
	sc->ntools = n;
	return 0;
}

static int add_scenario(struct tc_suite *suite, struct tc_scenario **sc)
{
	if (suite->n == suite->cap) {
		int cap = suite->cap ? suite->cap * 2 : 16;
		struct tc_scenario *v = realloc(suite->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		suite->v = v;
		suite->cap = cap;
	}
	*sc = &suite->v[suite->n++];
	memset(*sc, 0, sizeof(**sc));
	(*sc)->loss_allowed = TC_LOSS_ALLOWED_PCT;
	return 0;
}

static int load_record(struct tc_suite *suite, const char *file, const struct tc_record *r,
		       char *err, size_t errlen)
{
	struct tc_scenario *sc;
	int ret = tc_record_check(r, tc_scenario_directives, err, errlen), nlhs = 0;

	if (ret)
		return ret;
	ret = add_scenario(suite, &sc);
	if (ret)
		return ret;
	sc->file = file;
	sc->line = r->lines[0].line;
	sc->fs_size = 256ULL << 20;
	snprintf(sc->fs_type, sizeof(sc->fs_type), "ext4");
	sc->timeout_ns = 60000000000ULL;
	for (int i = 0; i < r->n && !ret; i++)
		ret = tc_dline_parse(tc_scenario_directives, sc, &r->lines[i], err, errlen);
	if (ret)
		return ret;
	/* The record's lines die with it: point at the suite's copy of the path. */
	for (int i = 0; i < sc->nexpect; i++)
		sc->expect[i].file = file;
	for (int i = 0; i < sc->nreq; i++)
		sc->req[i].file = file;
	if (sc->slowdown_max && !sc->overhead_ns) {
		snprintf(err, errlen, "%s:%d: SLOWDOWN_MAX needs OVERHEAD: the slowdown is measured "
			 "against an untraced run of the workload", file, sc->slowdown_line);
		return -EINVAL;
	}
	if (!sc->nexpect) {
		snprintf(err, errlen, "%s:%d: scenario %s has nothing to expect: add EXPECT or "
			 "EXPECT_HIST lines", file, sc->line, sc->name);
		return -EINVAL;
	}
	for (int i = 0; i < sc->nexpect; i++) {
		const struct tc_expect *e = &sc->expect[i];

		sc->oracles |= 1u << e->oracle.kind;
		if (e->lhs_is_oracle)
			sc->oracles |= 1u << e->lhs.kind;
		nlhs += e->lhs_is_oracle;
	}
	/* Nothing but truths held to truths: no tool would be judged. */
	if (nlhs == sc->nexpect) {
		snprintf(err, errlen, "%s:%d: scenario %s holds only oracles to oracles: add an "
			 "EXPECT on a tool's metric", file, sc->line, sc->name);
		return -EINVAL;
	}
	for (int i = 0; i < suite->n - 1; i++)
		if (!strcmp(suite->v[i].name, sc->name)) {
			snprintf(err, errlen, "%s:%d: scenario %s is already defined at %s:%d", file,
				 sc->line, sc->name, suite->v[i].file, suite->v[i].line);
			return -EINVAL;
		}
	return 0;
}

static int note_error(struct tc_suite *suite, const char *why)
{
	char(*v)[600] = realloc(suite->errors, (suite->nerrors + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	suite->errors = v;
	snprintf(v[suite->nerrors++], sizeof(v[0]), "%s", why);
	return 0;
}

int tc_suite_load(struct tc_suite *suite, const char *path, char *err, size_t errlen)
{
	struct tc_dfile f;
	char **files, *file;
	int ret = tc_dfile_read(path, &f, err, errlen);

	if (ret)
		return note_error(suite, err) ?: ret;
	if (!f.n) {
		snprintf(err, errlen, "%s: no scenario in it", path);
		tc_dfile_free(&f);
		return note_error(suite, err) ?: -EINVAL;
	}
	file = strdup(path);
	files = realloc(suite->files, (suite->nfiles + 1) * sizeof(*files));
	if (!file || !files) {
		free(file);
		tc_dfile_free(&f);
		return -ENOMEM;
	}
	suite->files = files;
	suite->files[suite->nfiles++] = file;
	for (int i = 0; i < f.n && ret != -ENOMEM; i++) {
		char why[600];
		int n = suite->n, r = load_record(suite, file, &f.records[i], why, sizeof(why));
		const struct tc_dline *name = tc_record_get(&f.records[i], "NAME");

		if (!r)
			continue;
		if (name && !strstr(why, name->value) &&
		    strlen(why) + strlen(name->value) < sizeof(why) - 40)
			snprintf(why + strlen(why), sizeof(why) - strlen(why),
				 " (scenario %s is left out)", name->value);
		suite->n = n; /* a record that failed half-way leaves nothing */
		if (!ret) {
			ret = r;
			snprintf(err, errlen, "%s", why);
		}
		if (r == -ENOMEM || note_error(suite, why))
			ret = -ENOMEM;
	}
	tc_dfile_free(&f);
	return ret;
}

void tc_suite_free(struct tc_suite *suite)
{
	for (int i = 0; i < suite->nfiles; i++)
		free(suite->files[i]);
	free(suite->files);
	free(suite->errors);
	free(suite->v);
	memset(suite, 0, sizeof(*suite));
}

const struct tc_scenario *tc_suite_find(const struct tc_suite *suite, const char *name)
{
	for (int i = 0; i < suite->n; i++)
		if (!strcmp(suite->v[i].name, name))
			return &suite->v[i];
	return NULL;
}
