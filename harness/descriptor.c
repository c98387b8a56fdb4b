// SPDX-License-Identifier: GPL-2.0
/* Tool descriptors: the directive table and the loader; see descriptor.h. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include "../common/metrics.h"
#include "../common/opts.h"
#include "../common/regex_guard.h"
#include "descriptor.h"
#include "../readers/samples.h"

/* The one message maker of directive files (directives.c), by a short name. */
static int (*const fail)(char *err, size_t errlen, const struct tc_dline *l, const char *fmt,
			 const char *arg) = tc_dline_fail;

/* The parsers of the table's rows, below it: each fills its directive into the record's object. */
static int desc_tool(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_description(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_scenarios(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_level(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_requires(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_command(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_version(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_ready(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_ready_timeout(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_grace(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_stop_repeat(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_interval(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_exit_status(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_stop(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_output(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_parser(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_provides(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_map(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_header(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_column(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_blocks(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_losses(void *obj, const struct tc_dline *l, char *err, size_t errlen);
static int desc_warn_or_loss(void *obj, const struct tc_dline *l, char *err, size_t errlen);

const struct tc_directive tc_descriptor_directives[] = {
	{ "TOOL", "NAME", true, false, "The tool's name in reports and for `--tool`.", desc_tool },
	{ "DESCRIPTION", "TEXT", false, false, "What the tool is, in a line.", desc_description },
	{ "LEVEL", "disk|vfs|syscall|latency|cpu|user", false, false,
	  "The layer the tool claims to measure; diagnoses use it (a syscall-level tool "
	  "misses io_uring reads).", desc_level },
	{ "REQUIRES", "KIND [ARG]", false, true,
	  "A requirement: `program NAME`, `file PATH`, `btf [FUNC]`, `tracepoint CAT:EVENT`, "
	  "`kprobe [FUNC]`, `fentry FUNC`, `uprobe`, `perf_event`, `root`. If one is not "
	  "met the tool is left out of `audit` and SKIPs in `run`, with the reason. The same "
	  "words make a known verdict conditional (`... if kprobe`, `... unless btf FUNC`).",
	  desc_requires },
	{ "COMMAND", "COMMAND LINE", true, false,
	  "Run with /bin/sh -c, as written: a simple command is exec'd, so that the tool is "
	  "the harness's child; a compound one (`cd {DIR} && ./tool`) runs in the shell, "
	  "which waits out the STOP signal for the tool's status. Placeholders: {TRACECAL} (this tracecal), {DEV} and "
	  "{DEVPATH} (the fixture's block device), {DEVNUM} (its dev_t as the kernel's "
	  "block tracepoints give it: major << 20 | minor), {MNT} (its mount point), {COMM} (the "
	  "workload's command name), {OUT} (a file for the tool's report), {DIR} (the "
	  "descriptor's folder).", desc_command },
	{ "VERSION", "COMMAND LINE", false, false,
	  "Prints the tool's version; its first line goes in the reports.", desc_version },
	{ "READY", "REGEX", true, false,
	  "An extended regex: the tool is tracing once a line of its stdout or stderr "
	  "matches.", desc_ready },
	{ "READY_TIMEOUT", "TIME", false, false, "How long to wait for READY (default 20s).",
	  desc_ready_timeout },
	{ "STOP", "SIGNAL", false, false, "The signal that ends it: INT (default), TERM, HUP.",
	  desc_stop },
	{ "GRACE", "TIME", false, false,
	  "How long it may take to exit after STOP before SIGKILL (default 10s).", desc_grace },
	{ "STOP_REPEAT", "TIME", false, false,
	  "Send STOP again every TIME until it exits or GRACE ends, for tools that can miss "
	  "one signal (default: once). Say in a NOTE why the tool needs it.", desc_stop_repeat },
	{ "INTERVAL", "TIME", false, false,
	  "It reports only every TIME, and what it counted since its last report is lost when "
	  "it is stopped (its end prints nothing): it is stopped TIME and a second after the "
	  "workload's window closes, so that one more report covers the workload, as its user "
	  "would wait for it. The oracles' window is the workload's: the wait adds only idle "
	  "time to what the tool sees. Say in a NOTE what the tool drops at its end.",
	  desc_interval },
	{ "EXIT_STATUS", "N...", false, false,
	  "Exit statuses other than 0 with which it ends, after its STOP, having reported: "
	  "its report is judged, not taken for an ERROR (SystemTap's staprun exits 1 when "
	  "its script met errors, which it counts in its report). Up to 8, from 1 to 255. "
	  "Say in a NOTE what the status means.", desc_exit_status },
	{ "OUTPUT", "stdout|stderr|both|file", false, false,
	  "Where its report is read from (default stdout; file: the {OUT} file).", desc_output },
	{ "PARSER", "prom|bpftrace|table|filter COMMAND", true, false,
	  "How its report is read: Prometheus text, bpftrace map output, a column table, "
	  "or a command that reads the report and prints Prometheus text.", desc_parser },
	{ "PROVIDES", "METRIC [LABEL,...]", false, true,
	  "A canonical metric the tool reports, with its labels (MAP and COLUMN targets are "
	  "provided too). Expectations on other metrics or labels do not apply to it. "
	  "LABEL=\"VALUE\" is a label the tool sets to a constant (fs=\"ext4\"): an "
	  "expectation must name it, and one asking for another value does not apply.",
	  desc_provides },
	{ "MAP", "SOURCE TARGET [LABEL=KEY|LABEL=\"VALUE\"|KEY==VALUE...] [scale=N] [unit=U] "
	  "[keys=LAYOUT]",
	  false, true,
	  "Turns a parsed sample into a canonical one: SOURCE is its name (`@bytes`), "
	  "TARGET a canonical metric, LABEL=KEY takes a label from a raw one (`comm=k0`), "
	  "LABEL=\"VALUE\" sets one ({DEV} and the like are filled), KEY==VALUE keeps only "
	  "the raw samples whose label KEY is VALUE (filled too), scale multiplies the value, "
	  "unit=ns|us|ms|s marks a histogram's bucket unit, keys=LAYOUT tells a bpftrace "
	  "map's keys apart (i integer, s text, k stack: keys=si for [comm, pid]).", desc_map },
	{ "HEADER", "COLUMN...", false, false, "table: the column names of the header line.",
	  desc_header },
	{ "COLUMN", "NAME label=L|metric=M [scale=N] [spaces]", false, true,
	  "table: what a column is: a label, or a canonical metric (times scale); spaces: "
	  "its values may hold blanks (a process name).", desc_column },
	{ "BLOCKS", "last|sum", false, false,
	  "table and bpftrace: a tool printing its report every interval: keep the last "
	  "printing, or sum them (a tool that clears its counts after each).", desc_blocks },
	{ "ATTACH_WARNING", "REGEX", false, true,
	  "A line meaning a probe did not attach: the run is an ERROR (partial attach).",
	  desc_warn_or_loss },
	{ "ABORT", "REGEX", false, true,
	  "A line meaning the tool stopped itself under overload (its watchdog); its first "
	  "group, if any, is the probe it names. The run is ABORTED, not a crash. SystemTap's, "
	  "DTrace's and tracecal's messages are known without it.", desc_warn_or_loss },
	{ "LOSS", "REGEX", false, true,
	  "A line reporting lost events; its first group, if any, is the count.",
	  desc_warn_or_loss },
	{ "LOSSES", "METRIC SOURCE", false, true,
	  "What the tool reports lost that METRIC would have counted: SOURCE is a selector "
	  "of its loss counters (`map_entries_dropped_total{map=\"counts\"}`, "
	  "`events_lost_total`, `completions_missed_total`, `probe_runs_missed_total`) or "
	  "`output` for its LOSS lines. Only these (and METRIC_missed_total, a loss in "
	  "METRIC's own unit and labels) can make up for a METRIC that is short; a loss "
	  "counted elsewhere cannot.", desc_losses },
	{ "SCENARIOS", "NAME...", false, false,
	  "Run it in these scenarios only (by their NAME, at most 8): a planted tool whose "
	  "fault shows in one scenario alone (its copies sharing state, under INSTANCES), "
	  "kept out of the others, where it would be an honest tool run for nothing.",
	  desc_scenarios },
	{ "NOTE", "TEXT", false, true, "Anything a reader should know.", tc_directive_ignore },
	{},
};

static const char *const placeholders[] = {
	"TRACECAL", "DEV", "DEVPATH", "DEVNUM", "MNT", "COMM", "OUT", "DIR", NULL,
};

/* A value longer than its field is refused, never cut: a cut command would still run. */
static int copy_value(const struct tc_dline *l, char *dst, size_t size, const char *v, char *err,
		      size_t errlen)
{
	char max[24];

	if (strlen(v) < size) {
		memcpy(dst, v, strlen(v) + 1);
		return 0;
	}
	snprintf(max, sizeof(max), "%zu", size - 1);
	return fail(err, errlen, l, "is longer than its %s characters at most", max);
}

/* {NAME} with NAME in capitals is a placeholder; other braces are the tool's own. */
static int check_placeholders(const struct tc_dline *l, char *err, size_t errlen)
{
	for (const char *p = strchr(l->value, '{'); p; p = strchr(p + 1, '{')) {
		size_t len = strspn(p + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
		bool known = false;

		if (!len || p[1 + len] != '}')
			continue;
		for (int i = 0; placeholders[i]; i++)
			if (len == strlen(placeholders[i]) && !strncmp(p + 1, placeholders[i], len))
				known = true;
		if (!known)
			return fail(err, errlen, l,
				    "names an unknown placeholder at '%.40s' (known: {TRACECAL} {DEV} "
				    "{DEVPATH} {DEVNUM} {MNT} {COMM} {OUT} {DIR})", p);
	}
	return 0;
}

static int parse_time(const struct tc_dline *l, __u64 *ns, char *err, size_t errlen)
{
	if (tc_parse_duration(l->value, ns))
		return fail(err, errlen, l, "'%s': expected a time such as 10s or 500ms", l->value);
	return 0;
}

static int parse_regex(const struct tc_dline *l, regex_t *re, int flags, char *err,
		       size_t errlen)
{
	char why[200];
	int rc;

	if (tc_regex_check(l->value, why, sizeof(why)))
		return fail(err, errlen, l, "is not a regex tracecal takes: %s", why);
	rc = regcomp(re, l->value, REG_EXTENDED | flags);
	if (!rc)
		return 0;
	regerror(rc, re, why, sizeof(why));
	return fail(err, errlen, l, "is not a valid extended regex: %s", why);
}

static int check_metric(const struct tc_dline *l, const char *name, char *err, size_t errlen)
{
	if (tc_metric_by_name(name))
		return 0;
	return fail(err, errlen, l, "'%s' is not a canonical metric (see docs/metrics.md)", name);
}

static int add_provides(struct tc_tooldesc *d, const char *metric, const char *labels)
{
	struct tc_provides *p;
	char buf[256], *save = NULL;

	if (d->nprovides == TC_DESC_MAX)
		return -E2BIG;
	p = &d->provides[d->nprovides++];
	memset(p, 0, sizeof(*p));
	snprintf(p->metric, sizeof(p->metric), "%s", metric);
	snprintf(buf, sizeof(buf), "%s", labels ? labels : "");
	for (char *t = strtok_r(buf, ",", &save); t && p->nlabels < 8;
	     t = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(t, '=');

		/* LABEL="VALUE": a constant, so an expectation must name it. */
		if (eq) {
			*eq = '\0';
			if (!strchr(eq + 1, '{')) /* {DEV} and the like vary */
				snprintf(p->fixed[p->nlabels], sizeof(p->fixed[0]), "%.*s",
					 (int)strlen(eq + 1) - 2, eq + 2);
			if (p->npartial < 8)
				snprintf(p->partial[p->npartial++], sizeof(p->partial[0]), "%s", t);
		}
		snprintf(p->labels[p->nlabels++], sizeof(p->labels[0]), "%s", t);
	}
	return 0;
}

static int parse_provides(struct tc_tooldesc *d, const struct tc_dline *l, char *err,
			  size_t errlen)
{
	char buf[512], *words[3];
	int n;

	snprintf(buf, sizeof(buf), "%s", l->value);
	n = tc_split_words(buf, words, 3);
	if (n < 1 || n > 2)
		return fail(err, errlen, l, "'%s': expected METRIC [LABEL,...]", l->value);
	if (check_metric(l, words[0], err, errlen))
		return -EINVAL;
	if (n == 2) {
		char labels[256], *save = NULL;

		snprintf(labels, sizeof(labels), "%s", words[1]);
		for (char *t = strtok_r(labels, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(t, '=');
			size_t len = eq ? strlen(eq + 1) : 0;

			if (eq && (eq == t || len < 2 || eq[1] != '"' || eq[len] != '"' ||
				   strchr(eq + 2, '"') != eq + len || len - 2 >= 64))
				return fail(err, errlen, l, "'%s': a label, or LABEL=\"VALUE\" for one "
					    "the tool sets to a constant (up to 63 characters)", t);
		}
	}
	if (add_provides(d, words[0], n == 2 ? words[1] : NULL))
		return fail(err, errlen, l, "%s", "too many PROVIDES");
	return 0;
}

static int parse_map(struct tc_tooldesc *d, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_map_rule *m;
	char buf[1024], *words[16], labels[256] = "", partial[256] = "";
	int n;

	if (d->nmaps == TC_DESC_MAX)
		return fail(err, errlen, l, "%s", "too many MAP lines");
	m = &d->maps[d->nmaps++];
	memset(m, 0, sizeof(*m));
	m->scale = 1;
	m->line = l->line;
	snprintf(buf, sizeof(buf), "%s", l->value);
	n = tc_split_words(buf, words, 16);
	if (n < 2)
		return fail(err, errlen, l, "'%s': expected SOURCE TARGET [...]", l->value);
	snprintf(m->source, sizeof(m->source), "%s", words[0]);
	snprintf(m->target, sizeof(m->target), "%s", words[1]);
	if (check_metric(l, m->target, err, errlen))
		return -EINVAL;
	for (int i = 2; i < n; i++) {
		char *eq = strchr(words[i], '=');

		if (!eq || eq == words[i])
			return fail(err, errlen, l, "'%s': expected NAME=VALUE", words[i]);
		if (eq[1] == '=') { /* KEY==VALUE: a filter on the raw samples */
			if (m->nfilters == 4)
				return fail(err, errlen, l, "%s", "at most 4 KEY==VALUE filters");
			*eq = '\0';
			snprintf(m->filters[m->nfilters].key, 32, "%s", words[i]);
			snprintf(m->filters[m->nfilters].value, 64, "%s", eq + 2);
			m->nfilters++;
			continue;
		}
		*eq++ = '\0';
		if (!strcmp(words[i], "scale")) {
			char *end;

			m->scale = strtod(eq, &end);
			if (*end || !(m->scale > 0) || isinf(m->scale))
				return fail(err, errlen, l, "scale '%s': expected a number > 0", eq);
		} else if (!strcmp(words[i], "keys")) {
			if (!*eq || strspn(eq, "isk") != strlen(eq) || strlen(eq) >= sizeof(m->keys))
				return fail(err, errlen, l, "keys '%s': a layout of i, s and k", eq);
			snprintf(m->keys, sizeof(m->keys), "%s", eq);
		} else if (!strcmp(words[i], "unit")) {
			m->unit_ns = tc_unit_ns(eq);
			if (!m->unit_ns)
				return fail(err, errlen, l, "unit '%s': expected ns, us, ms or s", eq);
		} else if (m->nlabels == 8) {
			return fail(err, errlen, l, "'%s': at most 8 labels", words[i]);
		} else {
			/* LABEL=KEY takes the raw label KEY; LABEL="VALUE" is a constant. */
			size_t len = strlen(eq);

			snprintf(m->labels[m->nlabels].name, 32, "%s", words[i]);
			if (len >= 2 && eq[0] == '"' && eq[len - 1] == '"') {
				snprintf(m->labels[m->nlabels].value, 64, "%.*s", (int)len - 2, eq + 1);
				/* A constant without a placeholder: the tool reports that value only. */
				if (!strchr(eq, '{'))
					snprintf(partial + strlen(partial),
						 sizeof(partial) - strlen(partial), "%s%s",
						 partial[0] ? "," : "", words[i]);
			} else
				snprintf(m->labels[m->nlabels].key, 32, "%s", eq);
			snprintf(labels + strlen(labels), sizeof(labels) - strlen(labels), "%s%s",
				 labels[0] ? "," : "", words[i]);
			m->nlabels++;
		}
	}
	if (add_provides(d, m->target, labels))
		return fail(err, errlen, l, "%s", "too many metrics");
	{
		struct tc_provides *p = &d->provides[d->nprovides - 1];
		char *save = NULL;

		for (char *t = strtok_r(partial, ",", &save); t && p->npartial < 8;
		     t = strtok_r(NULL, ",", &save))
			snprintf(p->partial[p->npartial++], sizeof(p->partial[0]), "%s", t);
		/* Constants without a placeholder fix their label's value. */
		for (int i = 0; i < m->nlabels && i < p->nlabels; i++)
			if (m->labels[i].key[0] == '\0' && !strchr(m->labels[i].value, '{'))
				snprintf(p->fixed[i], sizeof(p->fixed[0]), "%s", m->labels[i].value);
	}
	return 0;
}

const char *const tc_loss_counters[] = {
	"events_lost_total", "map_entries_dropped_total", "completions_missed_total",
	"probe_runs_missed_total", NULL,
};

static int parse_losses(struct tc_tooldesc *d, const struct tc_dline *l, char *err,
			size_t errlen)
{
	struct tc_loss_feed *f;
	struct tc_selector sel;
	char buf[512], *words[3], why[300];
	bool known = false;

	snprintf(buf, sizeof(buf), "%s", l->value);
	if (tc_split_words(buf, words, 3) != 2)
		return fail(err, errlen, l, "'%s': expected METRIC SOURCE (a loss counter's "
			    "selector, or output)", l->value);
	if (check_metric(l, words[0], err, errlen))
		return -EINVAL;
	if (d->nfeeds == TC_DESC_MAX)
		return fail(err, errlen, l, "%s", "too many LOSSES lines");
	f = &d->feeds[d->nfeeds];
	memset(f, 0, sizeof(*f));
	snprintf(f->metric, sizeof(f->metric), "%s", words[0]);
	f->line = l->line;
	if (strcmp(words[1], "output")) {
		if (tc_selector_parse(words[1], &sel, why, sizeof(why)))
			return fail(err, errlen, l, "%s", why);
		for (int i = 0; tc_loss_counters[i]; i++)
			known |= !strcmp(sel.name, tc_loss_counters[i]);
		if (!known)
			return fail(err, errlen, l, "'%s': not a loss counter (events_lost_total, "
				    "map_entries_dropped_total, completions_missed_total, "
				    "probe_runs_missed_total)", sel.name);
		snprintf(f->source, sizeof(f->source), "%s", words[1]);
	}
	d->nfeeds++;
	return 0;
}

static int parse_column(struct tc_tooldesc *d, const struct tc_dline *l, char *err,
			size_t errlen)
{
	struct tc_column *c;
	char buf[512], *words[4];
	int n;

	if (d->ncolumns == TC_DESC_MAX)
		return fail(err, errlen, l, "%s", "too many COLUMN lines");
	c = &d->columns[d->ncolumns++];
	memset(c, 0, sizeof(*c));
	c->scale = 1;
	c->line = l->line;
	snprintf(buf, sizeof(buf), "%s", l->value);
	n = tc_split_words(buf, words, 4);
	if (n < 2)
		return fail(err, errlen, l, "'%s': expected NAME label=L|metric=M [scale=N]",
			    l->value);
	snprintf(c->name, sizeof(c->name), "%s", words[0]);
	for (int i = 1; i < n; i++) {
		if (!strncmp(words[i], "label=", 6)) {
			snprintf(c->label, sizeof(c->label), "%s", words[i] + 6);
		} else if (!strncmp(words[i], "metric=", 7)) {
			snprintf(c->metric, sizeof(c->metric), "%s", words[i] + 7);
			if (check_metric(l, c->metric, err, errlen))
				return -EINVAL;
		} else if (!strncmp(words[i], "scale=", 6)) {
			char *end;

			c->scale = strtod(words[i] + 6, &end);
			if (*end || !(c->scale > 0) || isinf(c->scale))
				return fail(err, errlen, l, "'%s': expected scale=NUMBER", words[i]);
		} else if (!strcmp(words[i], "spaces")) {
			c->spaces = true;
		} else {
			return fail(err, errlen, l, "'%s': expected label=, metric= or scale=",
				    words[i]);
		}
	}
	if (!c->label[0] == !c->metric[0])
		return fail(err, errlen, l, "'%s': a column is a label or a metric, one of them",
			    l->value);
	return 0;
}

static int parse_signal(const struct tc_dline *l, int *sig, char *err, size_t errlen)
{
	static const struct {
		const char *name;
		int sig;
	} sigs[] = { { "INT", SIGINT }, { "TERM", SIGTERM }, { "HUP", SIGHUP },
		     { "QUIT", SIGQUIT }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 } };
	const char *v = strncmp(l->value, "SIG", 3) ? l->value : l->value + 3;

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (!strcmp(v, sigs[i].name)) {
			*sig = sigs[i].sig;
			return 0;
		}
	return fail(err, errlen, l, "'%s': expected INT, TERM, HUP, QUIT, USR1 or USR2", l->value);
}

static int desc_tool(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	const char *v = l->value;

	snprintf(d->name, sizeof(d->name), "%s", v);
	if (strchr(v, ' '))
		return fail(err, errlen, l, "'%s': a name is one word", v);
	return 0;
}

static int desc_description(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	const char *v = l->value;

	(void)err;
	(void)errlen;

	snprintf(d->description, sizeof(d->description), "%s", v);
	return 0;
}

static int desc_scenarios(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	char buf[600], *words[8];
	int n;

	snprintf(buf, sizeof(buf), "%s", l->value);
	n = tc_split_words(buf, words, 8);
	if (n < 1)
		return tc_dline_fail(err, errlen, l, "'%s': one to 8 scenario names", l->value);
	for (int i = 0; i < n; i++) {
		if (strlen(words[i]) >= sizeof(d->scenarios[0]))
			return tc_dline_fail(err, errlen, l, "'%s': a scenario name of at most 63 "
					     "characters", words[i]);
		snprintf(d->scenarios[i], sizeof(d->scenarios[0]), "%s", words[i]);
	}
	d->nscenarios = n;
	return 0;
}

static int desc_level(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	const char *v = l->value;
	static const char *const levels[] = { "disk", "vfs", "syscall", "latency",
					      "cpu", "user", NULL };
	bool ok = false;

	for (int i = 0; levels[i]; i++)
		ok |= !strcmp(v, levels[i]);
	if (!ok)
		return fail(err, errlen, l, "'%s': expected disk, vfs, syscall, latency, "
			    "cpu or user", v);
	snprintf(d->level, sizeof(d->level), "%s", v);
	return 0;
}

static int desc_requires(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	const char *v = l->value;

	if (d->nreq == TC_DESC_MAX)
		return fail(err, errlen, l, "%s", "too many REQUIRES");
	return tc_require_parse(v, l->file, l->line, &d->req[d->nreq++], err, errlen);
}

static int desc_command(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	const char *v = l->value;

	return copy_value(l, d->command, sizeof(d->command), v, err, errlen) ?:
	       check_placeholders(l, err, errlen);
}

static int desc_version(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	const char *v = l->value;

	return copy_value(l, d->version_cmd, sizeof(d->version_cmd), v, err, errlen) ?:
	       check_placeholders(l, err, errlen);
}

static int desc_ready(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	const char *v = l->value;

	snprintf(d->ready_src, sizeof(d->ready_src), "%s", v);
	return parse_regex(l, &d->ready, REG_NOSUB, err, errlen);
}

static int desc_ready_timeout(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;

	return parse_time(l, &d->ready_timeout_ns, err, errlen);
}

static int desc_grace(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;

	return parse_time(l, &d->grace_ns, err, errlen);
}

static int desc_stop_repeat(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;

	return parse_time(l, &d->stop_repeat_ns, err, errlen);
}

static int desc_interval(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	int ret = parse_time(l, &d->interval_ns, err, errlen);

	if (ret)
		return ret;
	if (!d->interval_ns || d->interval_ns > 600 * 1000000000ULL)
		return fail(err, errlen, l, "'%s': a time from 1ms to 600s (how often the tool "
			    "reports)", l->value);
	return 0;
}

static int desc_exit_status(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	const char *v = l->value;
	char *end;

	d->nexit_ok = 0;
	while (*v) {
		long n = strtol(v, &end, 10);

		if (end == v || (*end && *end != ' ') || n < 1 || n > 255)
			return fail(err, errlen, l, "'%s': exit statuses from 1 to 255, separated "
				    "by spaces", l->value);
		if (d->nexit_ok == TC_DESC_EXIT_MAX)
			return fail(err, errlen, l, "'%s': 8 exit statuses at most", l->value);
		d->exit_ok[d->nexit_ok++] = n;
		v = end + strspn(end, " ");
	}
	if (!d->nexit_ok)
		return fail(err, errlen, l, "needs an exit status%s", "");
	return 0;
}

static int desc_stop(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;

	return parse_signal(l, &d->stop_signal, err, errlen);
}

static int desc_output(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	const char *v = l->value;
	static const char *const outs[] = { "stdout", "stderr", "both", "file", NULL };
	int i;

	for (i = 0; outs[i] && strcmp(v, outs[i]); i++)
		;
	if (!outs[i])
		return fail(err, errlen, l, "'%s': expected stdout, stderr, both or file", v);
	d->output = i;
	return 0;
}

static int desc_parser(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	const char *v = l->value;
	const char *arg;
	char msg[400], choices[128];

	d->reader = tc_reader_find(v, &arg);
	if (!d->reader) {
		snprintf(msg, sizeof(msg), "'%.200s': expected %s", v,
			 tc_reader_choices(choices, sizeof(choices)));
		return fail(err, errlen, l, "%s", msg);
	}
	if (arg) /* the one reader with an argument so far: filter COMMAND */
		return copy_value(l, d->filter_cmd, sizeof(d->filter_cmd), arg, err,
				  errlen) ?:
		       check_placeholders(l, err, errlen);
	return 0;
}

static int desc_provides(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;

	return parse_provides(d, l, err, errlen);
}

static int desc_map(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;

	return parse_map(d, l, err, errlen);
}

static int desc_header(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	const char *v = l->value;
	char buf[512], *words[TC_DESC_MAX];
	int n;

	snprintf(buf, sizeof(buf), "%s", v);
	n = tc_split_words(buf, words, TC_DESC_MAX);
	if (n < 1)
		return fail(err, errlen, l, "'%s': expected column names", v);
	for (int i = 0; i < n; i++)
		snprintf(d->header[i], sizeof(d->header[0]), "%s", words[i]);
	d->nheader = n;
	return 0;
}

static int desc_column(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;

	return parse_column(d, l, err, errlen);
}

static int desc_blocks(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	const char *v = l->value;

	if (strcmp(v, "last") && strcmp(v, "sum"))
		return fail(err, errlen, l, "'%s': expected last or sum", v);
	d->blocks_sum = !strcmp(v, "sum");
	return 0;
}

static int desc_losses(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;

	return parse_losses(d, l, err, errlen);
}

static int desc_warn_or_loss(void *obj, const struct tc_dline *l, char *err, size_t errlen)
{
	struct tc_tooldesc *d = obj;
	const char *k = l->key;
	bool warn = !strcmp(k, "ATTACH_WARNING"), abort = !strcmp(k, "ABORT");
	int *n = warn ? &d->nwarn : abort ? &d->nabort : &d->nloss;

	if (*n == 4)
		return fail(err, errlen, l, "%s", "at most 4 of these");
	/* A LOSS regex's first group is the count, an ABORT's the probe: keep the groups. */
	return parse_regex(l, warn ? &d->warn[(*n)++] : abort ? &d->abort[(*n)++] :
			   &d->loss[(*n)++], warn ? REG_NOSUB : 0, err, errlen);
}

static int check_whole(struct tc_tooldesc *d, const struct tc_dline *first, char *err,
		       size_t errlen)
{
	const char *lacks;

	for (int i = 0; i < d->nfeeds; i++) {
		struct tc_dline at = { .file = first->file, .line = d->feeds[i].line,
				       .key = (char *)"LOSSES" };

		if (!d->feeds[i].source[0] && !d->nloss)
			return fail(err, errlen, &at, "%s", "LOSSES ... output needs a LOSS line: "
				    "which lines say what was lost?");
	}
	lacks = tc_reader_of(d)->lacks ? tc_reader_of(d)->lacks(d) : NULL;
	if (lacks) {
		char msg[300];

		snprintf(msg, sizeof(msg), "(PARSER %s) needs %s", tc_reader_of(d)->name, lacks);
		return fail(err, errlen, first, "%s", msg);
	}
	for (int i = 0; i < d->ncolumns; i++) {
		bool found = false;

		for (int h = 0; h < d->nheader; h++)
			found |= !strcmp(d->header[h], d->columns[i].name);
		if (!found) {
			struct tc_dline at = { .file = first->file, .line = d->columns[i].line,
					       .key = (char *)"COLUMN" };

			return fail(err, errlen, &at, "%s is not in HEADER", d->columns[i].name);
		}
		if (d->columns[i].metric[0])
			add_provides(d, d->columns[i].metric, NULL);
	}
	if (!d->nprovides)
		return fail(err, errlen, first, "%s",
			    "provides no canonical metric: add PROVIDES (or MAP/COLUMN) lines");
	return 0;
}

int tc_tooldesc_load(const char *path, struct tc_tooldesc *d, char *err, size_t errlen)
{
	struct tc_dfile f;
	const struct tc_record *r;
	int ret;

	memset(d, 0, sizeof(*d));
	ret = tc_dfile_read(path, &f, err, errlen);
	if (ret)
		return ret;
	if (f.n > 1) {
		snprintf(err, errlen, "%s:%d: a descriptor holds one tool: a second record starts "
			 "here (a blank line ends a record)", path, f.records[1].lines[0].line);
		tc_dfile_free(&f);
		return -EINVAL;
	}
	if (f.n != 1) {
		snprintf(err, errlen, "%s: a descriptor holds one tool (found %d records)", path,
			 f.n);
		tc_dfile_free(&f);
		return -EINVAL;
	}
	r = &f.records[0];
	ret = tc_record_check(r, tc_descriptor_directives, err, errlen);
	if (ret)
		goto out;
	d->path = strdup(path);
	d->line = r->lines[0].line;
	d->ready_timeout_ns = 20000000000ULL;
	d->grace_ns = 10000000000ULL;
	d->stop_signal = SIGINT;
	d->compiled = true;
	for (int i = 0; i < r->n && !ret; i++)
		ret = tc_dline_parse(tc_descriptor_directives, d, &r->lines[i], err, errlen);
	if (!ret)
		ret = check_whole(d, tc_record_get(r, "TOOL"), err, errlen);
	for (int i = 0; i < d->nreq; i++)
		d->req[i].file = d->path; /* the record's copy dies with it */
out:
	tc_dfile_free(&f);
	if (ret)
		tc_tooldesc_free(d);
	return ret;
}

void tc_tooldesc_free(struct tc_tooldesc *d)
{
	if (d->compiled) {
		if (d->ready_src[0])
			regfree(&d->ready);
		for (int i = 0; i < d->nwarn; i++)
			regfree(&d->warn[i]);
		for (int i = 0; i < d->nabort; i++)
			regfree(&d->abort[i]);
		for (int i = 0; i < d->nloss; i++)
			regfree(&d->loss[i]);
	}
	free((char *)d->path);
	memset(d, 0, sizeof(*d));
}

bool tc_tooldesc_provides(const struct tc_tooldesc *d, const char *metric,
			  const char *const *labels, const char *const *values, int nlabels)
{
	for (int i = 0; i < d->nprovides; i++) {
		const struct tc_provides *p = &d->provides[i];
		bool all = true;

		if (strcmp(p->metric, metric))
			continue;
		for (int k = 0; k < p->npartial && all; k++) {
			bool named = false;

			for (int l = 0; l < nlabels; l++)
				named |= !strcmp(labels[l], p->partial[k]);
			all = named;
		}
		for (int l = 0; l < nlabels && all; l++) {
			bool has = false;

			for (int j = 0; j < p->nlabels; j++)
				has |= !strcmp(p->labels[j], labels[l]) &&
				       (!p->fixed[j][0] || !values || !values[l] ||
					!strcmp(p->fixed[j], values[l]));
			all = has;
		}
		if (all)
			return true;
	}
	return false;
}

bool tc_tooldesc_usable(const struct tc_tooldesc *d, char *why, size_t size)
{
	for (int i = 0; i < d->nreq; i++)
		if (!tc_require_met(&d->req[i], why, size))
			return false;
	return true;
}
