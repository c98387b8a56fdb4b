// SPDX-License-Identifier: GPL-2.0
/* The engines' loss and overload-abort messages; see engines.h. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include "engines.h"

struct engine_msg {
	const char *re; /* its first group, if any: the count, or the probe */
};

/* Losses: group 1 the count; none for a message that gives no count. */
static const struct engine_msg losses[] = {
	{ "There were ([0-9,]+) transport failures" }, /* SystemTap */
	{ "Array overflow, check MAXMAPENTRIES" }, /* SystemTap */
	{ "Skipped too many probes" }, /* SystemTap */
	{ "([0-9,]+) drops on CPU [0-9]+" }, /* DTrace */
	{ "([0-9,]+) dynamic variable drops" }, /* DTrace */
	{ "^Lost ([0-9,]+) events" }, /* bpftrace */
};

/* Overload aborts: group 1 the probe, if the engine names it. */
static const struct engine_msg aborts[] = {
	/* tracecal's guard (tracer/guard.c) */
	{ "stopped early: the probes took .* the costliest, probe (.+) \\(program [^)]*\\), took" },
	{ "probe overhead exceeded threshold" }, /* SystemTap */
	{ "probe overhead \\([0-9]+ cycles\\) exceeded threshold" }, /* SystemTap 5.x: by how much */
	{ "processing aborted: Abort due to systemic unresponsiveness" }, /* DTrace */
};

/*
 * A probe that did not attach: a tool that says so is a partial attach,
 * never a probe that "never fired".
 */
static const struct engine_msg attach_warnings[] = {
	{ "could not attach probe" }, /* bpftrace */
	{ "failed to attach" }, /* libbpf and its tools */
	{ "failed to create kprobe" }, /* libbpf, without kprobes */
	{ "event syntax error" }, /* perf */
	{ "<not supported>|is not supported|not supported events?:" }, /* perf */
	{ "probe point mismatch" }, /* SystemTap */
	{ "Skipped [0-9]+ probes" }, /* SystemTap */
};

#define NLOSSES (sizeof(losses) / sizeof(losses[0]))
#define NABORTS (sizeof(aborts) / sizeof(aborts[0]))
#define NATTACH (sizeof(attach_warnings) / sizeof(attach_warnings[0]))

double tc_line_count(const char *line)
{
	for (const char *p = line; *p; p++) {
		char num[32];
		size_t n = 0;

		if (*p < '0' || *p > '9')
			continue;
		for (; (*p >= '0' && *p <= '9') || *p == ','; p++)
			if (*p != ',' && n < sizeof(num) - 1)
				num[n++] = *p;
		num[n] = '\0';
		return strtod(num, NULL);
	}
	return 1;
}

/* Compiled once; the tables are constant, so a failure is a bug: nothing then matches. */
static regex_t *compiled(const struct engine_msg *msgs, size_t n, regex_t *re, int *state)
{
	if (!*state) {
		*state = 1;
		for (size_t i = 0; i < n; i++)
			if (regcomp(&re[i], msgs[i].re, REG_EXTENDED))
				*state = -1;
	}
	return *state > 0 ? re : NULL;
}

/* The index of the message line matches, or -1; m[1] its group. */
static int match(size_t n, regex_t *re, const char *line, regmatch_t m[2])
{
	for (size_t i = 0; re && i < n; i++)
		if (!regexec(&re[i], line, 2, m, 0))
			return (int)i;
	return -1;
}

bool tc_engine_loss(const char *line, double *count)
{
	static regex_t re[NLOSSES];
	static int state;
	regmatch_t m[2];
	char num[32];
	int i = match(NLOSSES, compiled(losses, NLOSSES, re, &state), line, m);

	if (i < 0)
		return false;
	*count = -1;
	if (re[i].re_nsub >= 1 && m[1].rm_so >= 0) {
		snprintf(num, sizeof(num), "%.*s", (int)(m[1].rm_eo - m[1].rm_so), line + m[1].rm_so);
		*count = tc_line_count(num);
	}
	return true;
}

bool tc_engine_abort(const char *line, char *probe, size_t size)
{
	static regex_t re[NABORTS];
	static int state;
	regmatch_t m[2];
	int i = match(NABORTS, compiled(aborts, NABORTS, re, &state), line, m);

	if (i < 0)
		return false;
	probe[0] = '\0';
	if (re[i].re_nsub >= 1 && m[1].rm_so >= 0)
		snprintf(probe, size, "%.*s", (int)(m[1].rm_eo - m[1].rm_so), line + m[1].rm_so);
	return true;
}

bool tc_engine_attach_warning(const char *line)
{
	static regex_t re[NATTACH];
	static int state;
	regmatch_t m[2];

	return match(NATTACH, compiled(attach_warnings, NATTACH, re, &state), line, m) >= 0;
}
