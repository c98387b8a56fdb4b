// SPDX-License-Identifier: GPL-2.0
/*
 * The options every tool shares, offered only where the tool can honour
 * them (no -d for syscount), then the tool's own as an argp child.
 */
#include <argp.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "args.h"
#include "hist.h"
#include "../common/opts.h"

enum {
	OPT_PROM = 0x100,
	OPT_MAX_ENTRIES,
	OPT_BUFFER_SIZE,
	OPT_LINEAR,
	OPT_DURATION,
	OPT_AVOID,
	OPT_USE_HOOK,
	OPT_MAX_OVERHEAD,
	OPT_NO_OVERHEAD_LIMIT,
	OPT_ON_OVERFLOW,
	OPT_MAX_PROBES,
	OPT_FAULT_ATTACH,
	OPT_FAULT_PIN,
};

#define NEEDS_PID TC_FILTER_PID
#define NEEDS_COMM TC_FILTER_COMM
#define NEEDS_DEV TC_FILTER_DEV
#define NEEDS_HIST (1u << 8)
#define NEEDS_MAPS (1u << 9)
#define NEEDS_RB (1u << 10)

static const struct {
	struct argp_option opt;
	unsigned int needs;
} common[] = {
	{ { "pid", 'p', "PID", 0, "Only this process (all its threads)", 1 }, NEEDS_PID },
	{ { "comm", 'c', "COMM", 0, "Only tasks whose command name is COMM (as in /proc/PID/comm)", 1 },
	  NEEDS_COMM },
	{ { "dev", 'd', "DEV", 0, "Only this block device: loop0, /dev/loop0 or 7:0", 1 }, NEEDS_DEV },
	{ { "duration", OPT_DURATION, "TIME", 0, "Stop after TIME (10, 10s, 500ms, 2m)", 2 }, 0 },
	{ { "interval", 'i', "TIME", 0, "Print every TIME, the change since the last print", 2 }, 0 },
	{ { "json", 'j', NULL, 0, "Print JSON, one document per line", 2 }, 0 },
	{ { "prom", OPT_PROM, NULL, 0, "Print Prometheus text (the canonical metrics)", 2 }, 0 },
	{ { "output", 'o', "FILE", 0, "Write the report to FILE instead of stdout", 2 }, 0 },
	{ { "rows", 'r', "N", 0, "Show at most N table rows (default: all)", 2 }, 0 },
	{ { "unit", 'u', "UNIT", 0, "Histogram unit: ns, us, ms or s", 3 }, NEEDS_HIST },
	{ { "linear", OPT_LINEAR, "MIN,MAX,STEP", 0,
	    "Linear histogram buckets of STEP units from MIN to MAX (at most 62)", 3 }, NEEDS_HIST },
	{ { "max-entries", OPT_MAX_ENTRIES, "N", 0,
	    "Size of each bounded map (default 10240); full-map drops are reported", 4 }, NEEDS_MAPS },
	{ { "buffer-size", OPT_BUFFER_SIZE, "SIZE", 0,
	    "Ring buffer size, a power of two >= 4K (default 256K); losses are reported", 4 },
	  NEEDS_RB },
	{ { "max-overhead", OPT_MAX_OVERHEAD, "PCT", 0,
	    "Stop when the probes take more than PCT% of all CPUs' time over a second "
	    "(default 20), naming the costliest probe", 4 }, 0 },
	{ { "no-overhead-limit", OPT_NO_OVERHEAD_LIMIT, NULL, 0,
	    "No overhead watchdog: nothing stops the probes (said on stderr)", 4 }, 0 },
	{ { "on-overflow", OPT_ON_OVERFLOW, "POLICY", 0,
	    "When a full map drops an update or the ring buffer loses an event: continue "
	    "(the default; the losses are counted and reported) or stop", 4 }, 0 },
	{ { "max-probes", OPT_MAX_PROBES, "N", 0,
	    "Attach at most N probes (default 1024), checked before the first is attached: "
	    "more is an error, never a partial attach", 4 }, 0 },
	{ { "fault-attach-fail", OPT_FAULT_ATTACH, "N", OPTION_HIDDEN,
	    "For tests: attaching probe N fails, as if the kernel had refused it", 4 }, 0 },
	{ { "fault-pin", OPT_FAULT_PIN, "share|leak", OPTION_HIDDEN,
	    "For tests, planted: pin the maps by a fixed name in /sys/fs/bpf; share: reuse "
	    "another copy's maps there; leak: pin beside them and never unpin", 4 }, 0 },
	{ { "avoid-hook", OPT_AVOID, "KIND,...", 0,
	    "Do not use these hook kinds (tp_btf, raw_tp, tracepoint, fentry, ...): "
	    "take the fallbacks, to compare them", 5 }, 0 },
	{ { "use-hook", OPT_USE_HOOK, "PROBE=N", 0,
	    "Serve probe PROBE by its Nth candidate hook only (1 is the first, as `tracecal "
	    "tapset hooks --list` numbers them), or fail saying why it cannot (repeatable)",
	    5 }, 0 },
	{ { "verbose", 'v', NULL, 0, "Say more; twice: libbpf's debug output too", 5 }, 0 },
};

#define NCOMMON (sizeof(common) / sizeof(common[0]))

static unsigned int tool_caps(const struct tc_tool *t)
{
	unsigned int caps = t->filters;

	if (t->flags & TC_TOOL_HIST)
		caps |= NEEDS_HIST;
	if (t->maps[0])
		caps |= NEEDS_MAPS;
	if (t->ringbuf)
		caps |= NEEDS_RB;
	return caps;
}

static int bad_value(struct argp_state *st, const char *opt, const char *arg, int err,
		     const char *expect)
{
	argp_error(st, "invalid %s '%s': %s (expected %s)", opt, arg,
		   err == -ERANGE ? "out of range" : "not understood", expect);
	return EINVAL;
}

/* -p, -c, -d: what the probes count. */
static error_t parse_filter(int key, char *arg, struct argp_state *st)
{
	struct tc_env *env = &((struct tc_session *)st->input)->env;
	__u64 v;
	int err;

	switch (key) {
	case 'p':
		err = tc_parse_u64(arg, 1, 4194304, &v);
		if (err)
			return bad_value(st, "--pid", arg, err, "a process id");
		env->pid = v;
		break;
	case 'c':
		if (!*arg || strlen(arg) >= TC_COMM_LEN)
			argp_error(st, "invalid --comm '%s': a command name has 1 to %d characters",
				   arg, TC_COMM_LEN - 1);
		strcpy(env->comm, arg);
		env->comm_set = true;
		break;
	case 'd':
		err = tc_dev_parse(arg, &env->dev, env->dev_name, sizeof(env->dev_name));
		if (err == -EISDIR)
			argp_error(st, "--dev '%s' is a partition: block requests are counted per "
				   "whole disk; give the disk", arg);
		else if (err == -ENOTBLK)
			argp_error(st, "--dev '%s' is not a block device", arg);
		else if (err)
			argp_error(st, "--dev '%s': no such block device (see /sys/class/block)", arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* --duration, -i, -j, --prom, -o, -r: when and how the report is printed. */
static error_t parse_output(int key, char *arg, struct argp_state *st)
{
	struct tc_env *env = &((struct tc_session *)st->input)->env;
	int err;

	switch (key) {
	case OPT_DURATION:
		if (tc_parse_duration(arg, &env->duration_ns))
			return bad_value(st, "--duration", arg, -EINVAL, "a time such as 10s or 500ms");
		break;
	case 'i':
		if (tc_parse_duration(arg, &env->interval_ns))
			return bad_value(st, "--interval", arg, -EINVAL, "a time such as 1s or 500ms");
		break;
	case 'j':
		if (env->format == TC_FMT_PROM)
			argp_error(st, "--json and --prom cannot be combined");
		env->format = TC_FMT_JSON;
		break;
	case OPT_PROM:
		if (env->format == TC_FMT_JSON)
			argp_error(st, "--json and --prom cannot be combined");
		env->format = TC_FMT_PROM;
		break;
	case 'o':
		env->output = arg;
		break;
	case 'r':
		err = tc_parse_u64(arg, 0, 1u << 30, &env->rows);
		if (err)
			return bad_value(st, "--rows", arg, err, "a number of rows, 0 for all");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* --linear MIN,MAX,STEP: as many buckets as fit the histogram's slots, less under and over. */
static error_t parse_linear(char *arg, struct argp_state *st, struct tc_env *env)
{
	__u64 min, max, step, nbuckets;
	int err;

	err = tc_parse_linear(arg, &min, &max, &step);
	if (err)
		return bad_value(st, "--linear", arg, err, "MIN,MAX,STEP with MAX > MIN >= 0");
	/* ceil((MAX - MIN) / STEP), without overflow: MAX > MIN. */
	nbuckets = (max - min - 1) / step + 1;
	if (nbuckets > TC_HIST_SLOTS - 2)
		argp_error(st, "--linear %s makes %llu buckets; at most %d fit ((MAX-MIN)/STEP)",
			   arg, (unsigned long long)nbuckets, TC_HIST_SLOTS - 2);
	env->linear = true;
	env->hist.kind = TC_HIST_LINEAR;
	env->hist.lmin = min;
	env->hist.lstep = step;
	env->hist.nslots = nbuckets + 2;
	return 0;
}

/* -u, --linear: the histogram's unit and buckets. */
static error_t parse_hist(int key, char *arg, struct argp_state *st)
{
	struct tc_env *env = &((struct tc_session *)st->input)->env;

	switch (key) {
	case 'u':
		if (!tc_unit_ns(arg))
			argp_error(st, "invalid --unit '%s' (expected ns, us, ms or s)", arg);
		snprintf(env->unit, sizeof(env->unit), "%s", arg);
		break;
	case OPT_LINEAR:
		return parse_linear(arg, st, env);
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static void parse_buffer_size(char *arg, struct argp_state *st, struct tc_env *env)
{
	long page = sysconf(_SC_PAGESIZE);
	int err;

	err = tc_parse_size(arg, &env->buffer_size);
	if (err || env->buffer_size < (__u64)page || env->buffer_size > (1ULL << 30) ||
	    (env->buffer_size & (env->buffer_size - 1)))
		argp_error(st, "invalid --buffer-size '%s': a power of two from %ldK to 1G", arg,
			   page / 1024);
}

static void parse_max_overhead(char *arg, struct argp_state *st, struct tc_env *env)
{
	char *end;
	double pct;

	errno = 0;
	pct = strtod(arg, &end);
	if (errno || end == arg || (*end && strcmp(end, "%")) || !(pct > 0 && pct <= 100))
		argp_error(st, "invalid --max-overhead '%s': a percentage above 0, at most 100",
			   arg);
	if (env->no_overhead_limit)
		argp_error(st, "--max-overhead and --no-overhead-limit cannot be combined");
	env->max_overhead = pct;
	env->max_overhead_set = true;
}

/* Map and buffer sizes, the overhead watchdog, overflow, probe count: what bounds a run. */
static error_t parse_limits(int key, char *arg, struct argp_state *st)
{
	struct tc_env *env = &((struct tc_session *)st->input)->env;
	int err;

	switch (key) {
	case OPT_MAX_ENTRIES:
		err = tc_parse_u64(arg, 1, 1u << 24, &env->max_entries);
		if (err)
			return bad_value(st, "--max-entries", arg, err, "1 to 16777216");
		break;
	case OPT_BUFFER_SIZE:
		parse_buffer_size(arg, st, env);
		break;
	case OPT_MAX_OVERHEAD:
		parse_max_overhead(arg, st, env);
		break;
	case OPT_NO_OVERHEAD_LIMIT:
		if (env->max_overhead_set)
			argp_error(st, "--max-overhead and --no-overhead-limit cannot be combined");
		env->no_overhead_limit = true;
		break;
	case OPT_ON_OVERFLOW:
		if (!strcmp(arg, "stop"))
			env->on_overflow = TC_OVERFLOW_STOP;
		else if (!strcmp(arg, "continue"))
			env->on_overflow = TC_OVERFLOW_CONTINUE;
		else
			argp_error(st, "invalid --on-overflow '%s' (expected stop or continue)", arg);
		break;
	case OPT_MAX_PROBES:
		err = tc_parse_u64(arg, 1, 1u << 20, &env->max_probes);
		if (err)
			return bad_value(st, "--max-probes", arg, err, "1 to 1048576");
		break;
	case OPT_FAULT_ATTACH:
		err = tc_parse_u64(arg, 1, 1u << 20, &env->fault_attach_fail);
		if (err)
			return bad_value(st, "--fault-attach-fail", arg, err, "1 to 1048576");
		break;
	case OPT_FAULT_PIN:
		if (!strcmp(arg, "share"))
			env->fault_pin = TC_FAULT_PIN_SHARE;
		else if (!strcmp(arg, "leak"))
			env->fault_pin = TC_FAULT_PIN_LEAK;
		else
			argp_error(st, "invalid --fault-pin '%s' (expected share or leak)", arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static void parse_avoid(char *arg, struct argp_state *st, struct tc_env *env)
{
	char buf[128], *tok, *save = NULL;
	int kind;

	snprintf(buf, sizeof(buf), "%s", arg);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		for (kind = 0; kind < TC_HOOK_NR; kind++)
			if (!strcmp(tok, tc_hook_kind_name(kind)))
				break;
		if (kind == TC_HOOK_NR)
			argp_error(st, "--avoid-hook: unknown hook kind '%s' (tracepoint, raw_tp, "
				   "tp_btf, fentry, fexit, kprobe, uprobe, uretprobe, perf_event)", tok);
		env->avoid |= 1u << kind;
		if (kind == TC_HOOK_FENTRY) /* fexit programs ride on fentry candidates */
			env->avoid |= 1u << TC_HOOK_FEXIT;
	}
}

static void parse_use_hook(char *arg, struct argp_state *st, struct tc_env *env)
{
	char *eq = strchr(arg, '='), *end;
	unsigned long n;

	errno = 0;
	n = eq ? strtoul(eq + 1, &end, 10) : 0;
	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(env->use[0].probe) || errno ||
	    end == eq + 1 || *end || n < 1 || n > TC_MAX_CANDS)
		argp_error(st, "--use-hook '%s': expected PROBE=N, N from 1 to %d", arg,
			   TC_MAX_CANDS);
	if (env->nuse == TC_MAX_PROBES)
		argp_error(st, "--use-hook: at most %d", TC_MAX_PROBES);
	snprintf(env->use[env->nuse].probe, sizeof(env->use[0].probe), "%.*s", (int)(eq - arg),
		 arg);
	env->use[env->nuse++].cand = (int)n - 1;
}

/* --avoid-hook, --use-hook, -v, and argp's own keys. */
static error_t parse_rest(int key, char *arg, struct argp_state *st)
{
	struct tc_session *s = st->input;

	switch (key) {
	case OPT_AVOID:
		parse_avoid(arg, st, &s->env);
		break;
	case OPT_USE_HOOK:
		parse_use_hook(arg, st, &s->env);
		break;
	case 'v':
		s->env.verbose++;
		break;
	case ARGP_KEY_ARG:
		if (s->tool->args_doc) /* the tool takes arguments: its parser's */
			return ARGP_ERR_UNKNOWN;
		argp_error(st, "unexpected argument '%s'", arg);
		break;
	case ARGP_KEY_INIT:
		if (s->tool->parse_opt) /* the tool's parser is our only child */
			st->child_inputs[0] = s;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* The shared options, a group of them per parser: the first that knows the key takes it. */
static error_t parse_common(int key, char *arg, struct argp_state *st)
{
	static error_t (*const groups[])(int, char *, struct argp_state *) = {
		parse_filter, parse_output, parse_hist, parse_limits, parse_rest,
	};

	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		error_t err = groups[i](key, arg, st);

		if (err != ARGP_ERR_UNKNOWN)
			return err;
	}
	return ARGP_ERR_UNKNOWN;
}

#define OPT_FAULT_DROP 0x100

const struct argp_option tc_fault_drop_options[] = {
	{ "fault-drop-done", OPT_FAULT_DROP, "N|all", OPTION_HIDDEN,
	  "For tests: ignore last completions N, 2N, ... 10N, as if the kernel had not run the "
	  "program for them; all: every one (a completion probe that never fires)",
	  0 },
	{},
};

error_t tc_fault_drop_parse(int key, char *arg, struct argp_state *st)
{
	struct tc_session *s = st->input;
	__u64 n;

	if (key != OPT_FAULT_DROP)
		return ARGP_ERR_UNKNOWN;
	if (!strcmp(arg, "all")) {
		s->env.fault_drop_every = 1;
		s->env.fault_drop_max = 0;
		return 0;
	}
	if (tc_parse_u64(arg, 1, 1000000, &n))
		argp_error(st, "--fault-drop-done: '%s' is not a count from 1 to 1000000, or all",
			   arg);
	s->env.fault_drop_every = n;
	s->env.fault_drop_max = 10;
	return 0;
}

int tc_fault_drop_configure(struct tc_session *s)
{
	return tc_session__set_rodata(s, "tc_fault_drop_every", &s->env.fault_drop_every,
				      sizeof(s->env.fault_drop_every)) ?:
	       tc_session__set_rodata(s, "tc_fault_drop_max", &s->env.fault_drop_max,
				      sizeof(s->env.fault_drop_max));
}

int tc_args_parse(struct tc_session *s, int argc, char **argv)
{
	const struct tc_tool *t = s->tool;
	unsigned int caps = tool_caps(t);
	struct argp_option opts[NCOMMON + 1];
	struct argp tool_argp = { t->options, t->parse_opt, NULL, NULL, NULL, NULL, NULL };
	struct argp_child children[2] = {
		{ &tool_argp, 0, t->options ? "Options of this tool:" : NULL, 0 },
		{ NULL, 0, NULL, 0 },
	};
	struct argp argp = { opts, parse_common, t->args_doc, t->doc,
			     t->parse_opt ? children : NULL, NULL, NULL };
	int n = 0;

	for (size_t i = 0; i < NCOMMON; i++)
		if ((common[i].needs & caps) == common[i].needs)
			opts[n++] = common[i].opt;
	memset(&opts[n], 0, sizeof(opts[n]));

	s->env.max_entries = 10240;
	s->env.buffer_size = 256 * 1024;
	s->env.max_overhead = TC_GUARD_DEFAULT_PCT;
	s->env.max_probes = 1024;
	snprintf(s->env.unit, sizeof(s->env.unit), "%s", t->default_unit ? t->default_unit : "ns");
	argv[0] = (char *)s->argv0;
	argp_err_exit_status = 2;
	if (argp_parse(&argp, argc, argv, 0, NULL, s))
		return -EINVAL;
	s->env.hist.unit_ns = tc_unit_ns(s->env.unit);
	return 0;
}
