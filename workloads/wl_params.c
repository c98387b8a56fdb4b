// SPDX-License-Identifier: GPL-2.0
/*
 * Workload parameters: KEY=VALUE arguments parsed strictly against a
 * workload's table (an unknown key, a bad value, a key given twice or a
 * required one missing is a usage error naming it), with the tracer's own
 * value parsers; and the table printed for --help, --list and the docs.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "workload.h"
#include "../common/opts.h"

const char *const tc_wl_rw_choices[] = { "read", "write", NULL };
const char *const tc_wl_cache_choices[] = { "cold", "hot", NULL };
const char *const tc_wl_drop_choices[] = { "file", "global", NULL };
const char *const tc_wl_pattern_choices[] = { "seq", "random", NULL };

static const struct {
	const char *text;
	bool value;
} bools[] = {
	{ "yes", true }, { "no", false }, { "true", true }, { "false", false },
	{ "on", true },	 { "off", false }, { "1", true },    { "0", false },
};

void tc_wl_ctx__init(struct tc_wl_ctx *ctx, const struct tc_workload *wl)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->wl = wl;
}

int tc_wl_usage(struct tc_wl_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->msg, sizeof(ctx->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int param_index(const struct tc_workload *wl, const char *name, size_t len)
{
	for (int i = 0; wl->params[i].name; i++)
		if (strlen(wl->params[i].name) == len && !strncmp(wl->params[i].name, name, len))
			return i;
	return -1;
}

/* A bound or a multiple, in the unit a user would write it in. */
static void fmt_num(const struct tc_wl_param *p, __u64 v, char *buf, size_t size)
{
	static const struct {
		__u64 div;
		const char *suffix;
	} sizes[] = { { 1ULL << 30, "G" }, { 1ULL << 20, "M" }, { 1ULL << 10, "K" } },
	  durs[] = { { 1000000000ULL, "s" }, { 1000000ULL, "ms" }, { 1000ULL, "us" } };

	if (p->type == TC_WL_SIZE || p->type == TC_WL_DURATION) {
		bool sz = p->type == TC_WL_SIZE;

		for (int i = 0; i < 3; i++) {
			__u64 d = sz ? sizes[i].div : durs[i].div;

			if (v && v % d == 0) {
				snprintf(buf, size, "%llu%s", (unsigned long long)(v / d),
					 sz ? sizes[i].suffix : durs[i].suffix);
				return;
			}
		}
		snprintf(buf, size, "%llu%s", (unsigned long long)v, sz ? "" : "ns");
		return;
	}
	snprintf(buf, size, "%llu", (unsigned long long)v);
}

/* Parse one value; 0, or -EINVAL with the reason in why. */
static int parse_value(const struct tc_wl_param *p, const char *text, __u64 *num, char *why,
		       size_t size)
{
	char a[32];
	int err = 0;

	*num = 0;
	switch (p->type) {
	case TC_WL_U64:
		err = tc_parse_u64(text, 0, UINT64_MAX, num);
		if (err) {
			snprintf(why, size, err == -ERANGE ? "too large" : "not a whole number");
			return -EINVAL;
		}
		break;
	case TC_WL_SIZE:
		err = tc_parse_size(text, num);
		if (err) {
			snprintf(why, size, err == -ERANGE ? "too large" :
				 "not a size (4096, 64K, 1M, 1G)");
			return -EINVAL;
		}
		break;
	case TC_WL_DURATION:
		err = tc_parse_duration(text, num);
		if (err) {
			snprintf(why, size, err == -ERANGE ? "out of range (1ns to 1000000000s)" :
				 "not a duration (10ms, 250us, 1.5s)");
			return -EINVAL;
		}
		break;
	case TC_WL_BOOL:
		for (size_t i = 0; i < sizeof(bools) / sizeof(bools[0]); i++)
			if (!strcmp(text, bools[i].text)) {
				*num = bools[i].value;
				return 0;
			}
		snprintf(why, size, "not yes or no");
		return -EINVAL;
	case TC_WL_ENUM: {
		size_t len = 0;

		for (int i = 0; p->choices[i]; i++)
			if (!strcmp(text, p->choices[i])) {
				*num = i;
				return 0;
			}
		len = snprintf(why, size, "not one of ");
		for (int i = 0; p->choices[i] && len < size; i++)
			len += snprintf(why + len, size - len, "%s%s", i ? ", " : "", p->choices[i]);
		return -EINVAL;
	}
	case TC_WL_STRING: {
		size_t len = strlen(text);

		if (len < (p->min ? p->min : 1)) {
			snprintf(why, size, "empty");
			return -EINVAL;
		}
		if (p->max && len > p->max) {
			snprintf(why, size, "longer than %llu characters",
				 (unsigned long long)p->max);
			return -EINVAL;
		}
		if (p->no_slash && strchr(text, '/')) {
			snprintf(why, size, "contains '/'");
			return -EINVAL;
		}
		return 0;
	}
	}
	if (*num < p->min) {
		fmt_num(p, p->min, a, sizeof(a));
		snprintf(why, size, "less than %s", a);
		return -EINVAL;
	}
	if (p->max && *num > p->max) {
		fmt_num(p, p->max, a, sizeof(a));
		snprintf(why, size, "more than %s", a);
		return -EINVAL;
	}
	if (p->multiple && *num % p->multiple) {
		snprintf(why, size, "not a multiple of %llu", (unsigned long long)p->multiple);
		return -EINVAL;
	}
	return 0;
}

static int set_value(struct tc_wl_ctx *ctx, int i, const char *text, bool given)
{
	const struct tc_wl_param *p = &ctx->wl->params[i];
	char why[160];

	/* An empty default string is "not set" (fio's job=): only a given one must be valid. */
	if (!given && p->type == TC_WL_STRING && !*text) {
		ctx->val[i].text = text;
		return 0;
	}
	if (parse_value(p, text, &ctx->val[i].num, why, sizeof(why)))
		return tc_wl_usage(ctx, given ? "invalid %s='%s': %s" :
				   "the default of %s ('%s') is invalid: %s (a bug)",
				   p->name, text, why);
	ctx->val[i].text = text;
	ctx->val[i].given = given;
	return 0;
}

int tc_wl_parse(struct tc_wl_ctx *ctx, int argc, char **argv)
{
	const struct tc_workload *wl = ctx->wl;
	int err, n;

	for (n = 0; wl->params[n].name; n++)
		if (n >= TC_WL_MAX_PARAMS)
			return tc_wl_usage(ctx, "more than %d parameters (a bug)", TC_WL_MAX_PARAMS);
	for (int a = 0; a < argc; a++) {
		const char *eq = strchr(argv[a], '=');
		int i;

		if (!eq || eq == argv[a])
			return tc_wl_usage(ctx, "'%s' is not KEY=VALUE", argv[a]);
		i = param_index(wl, argv[a], eq - argv[a]);
		if (i < 0)
			return tc_wl_usage(ctx, "unknown parameter '%.*s' (see 'tracecal workload "
					   "%s --help')", (int)(eq - argv[a]), argv[a], wl->name);
		if (ctx->val[i].given)
			return tc_wl_usage(ctx, "parameter '%s' given twice", wl->params[i].name);
		err = set_value(ctx, i, eq + 1, true);
		if (err)
			return err;
	}
	for (int i = 0; i < n; i++) {
		if (ctx->val[i].given)
			continue;
		if (!wl->params[i].def)
			return tc_wl_usage(ctx, "missing %s=VALUE: %s", wl->params[i].name,
					   wl->params[i].help);
		err = set_value(ctx, i, wl->params[i].def, false);
		if (err)
			return err;
	}
	if (param_index(wl, "comm", 4) >= 0)
		ctx->comm = tc_wl_str(ctx, "comm");
	return 0;
}

static int must_find(const struct tc_wl_ctx *ctx, const char *name)
{
	int i = param_index(ctx->wl, name, strlen(name));

	if (i < 0) {
		fprintf(stderr, "tracecal workload %s: no parameter '%s' (a bug)\n", ctx->wl->name,
			name);
		abort();
	}
	return i;
}

__u64 tc_wl_num(const struct tc_wl_ctx *ctx, const char *name)
{
	return ctx->val[must_find(ctx, name)].num;
}

const char *tc_wl_str(const struct tc_wl_ctx *ctx, const char *name)
{
	return ctx->val[must_find(ctx, name)].text;
}

bool tc_wl_is(const struct tc_wl_ctx *ctx, const char *name, const char *choice)
{
	return !strcmp(tc_wl_str(ctx, name), choice);
}

const char *tc_wl_type_name(const struct tc_wl_param *p, char *buf, size_t size)
{
	static const char *const names[] = {
		[TC_WL_U64] = "u64", [TC_WL_SIZE] = "size", [TC_WL_DURATION] = "duration",
		[TC_WL_STRING] = "string", [TC_WL_BOOL] = "bool", [TC_WL_ENUM] = "enum",
	};
	size_t len = 0;

	if (p->type != TC_WL_ENUM)
		return names[p->type];
	buf[0] = '\0';
	for (int i = 0; p->choices[i] && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%s", i ? "|" : "", p->choices[i]);
	return buf;
}

/* The help text, with the limits that the table sets appended. */
static void limits(const struct tc_wl_param *p, char *buf, size_t size)
{
	char a[32], b[32];
	size_t len = 0;

	buf[0] = '\0';
	if (p->type == TC_WL_STRING) {
		if (p->max)
			len += snprintf(buf + len, size - len, "; at most %llu characters",
					(unsigned long long)p->max);
		if (p->no_slash && len < size)
			snprintf(buf + len, size - len, ", no '/'");
		return;
	}
	if (p->type == TC_WL_BOOL || p->type == TC_WL_ENUM)
		return;
	fmt_num(p, p->min, a, sizeof(a));
	fmt_num(p, p->max, b, sizeof(b));
	if (p->max && p->min)
		len += snprintf(buf + len, size - len, "; %s to %s", a, b);
	else if (p->max)
		len += snprintf(buf + len, size - len, "; at most %s", b);
	else if (p->min)
		len += snprintf(buf + len, size - len, "; at least %s", a);
	if (p->multiple && len < size)
		snprintf(buf + len, size - len, "%s a multiple of %llu", len ? "," : ";",
			 (unsigned long long)p->multiple);
}

void tc_wl_print_list(FILE *f)
{
	for (int i = 0; tc_workloads[i]; i++)
		fprintf(f, "%-12s %s\n", tc_workloads[i]->name, tc_workloads[i]->summary);
}

void tc_wl_print_help(FILE *f, const struct tc_workload *wl)
{
	char type[64], lim[96], key[40];

	fprintf(f, "Usage: tracecal workload %s [KEY=VALUE...] [--manifest FILE]\n\n%s.\n\n"
		   "Parameters (default in brackets):\n", wl->name, wl->summary);
	for (const struct tc_wl_param *p = wl->params; p->name; p++) {
		snprintf(key, sizeof(key), "%s=%s", p->name, tc_wl_type_name(p, type, sizeof(type)));
		limits(p, lim, sizeof(lim));
		fprintf(f, "  %-24s %s%s [%s]\n", key, p->help, lim, p->def ? p->def : "required");
	}
	fprintf(f, "\nExample:\n  tracecal workload %s %s --manifest %s.json\n", wl->name,
		wl->example ? wl->example : "", wl->name);
	fprintf(f, "\nThe manifest (JSON) says exactly what the measured processes did; "
		   "see docs/workloads.md.\n");
}

void tc_wl_print_markdown(FILE *f)
{
	char type[64], lim[96];

	fprintf(f, "| workload | what it does |\n|---|---|\n");
	for (int i = 0; tc_workloads[i]; i++)
		fprintf(f, "| [`%s`](#%s) | %s |\n", tc_workloads[i]->name, tc_workloads[i]->name,
			tc_workloads[i]->summary);
	for (int i = 0; tc_workloads[i]; i++) {
		const struct tc_workload *wl = tc_workloads[i];

		fprintf(f, "\n### %s\n\n%s.\n\n`tracecal workload %s %s`\n\n", wl->name,
			wl->summary, wl->name, wl->example ? wl->example : "");
		fprintf(f, "| parameter | type | default | meaning |\n|---|---|---|---|\n");
		for (const struct tc_wl_param *p = wl->params; p->name; p++) {
			limits(p, lim, sizeof(lim));
			fprintf(f, "| `%s` | ", p->name);
			if (p->type == TC_WL_ENUM) /* a pipe in a table cell is escaped */
				for (int c = 0; p->choices[c]; c++)
					fprintf(f, "%s`%s`", c ? " \\| " : "", p->choices[c]);
			else
				fputs(tc_wl_type_name(p, type, sizeof(type)), f);
			fprintf(f, " | %s%s%s | %s%s |\n", p->def ? "`" : "",
				p->def ? p->def : "required", p->def ? "`" : "", p->help, lim);
		}
	}
}
