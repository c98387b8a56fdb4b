// SPDX-License-Identifier: GPL-2.0
/*
 * Options: the strict value parsers of opts.c (numbers, durations, sizes,
 * linear histogram specs, the device errors that hold on any machine) and
 * the whole command line through tc_args_parse() with fake tools. argp
 * exits on a usage error and keeps global state, so every command line is
 * parsed in a forked child whose session lives in shared memory and whose
 * stdout and stderr come back through a pipe.
 */
#include <errno.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "tc_unit.h"
#include "../../tracer/args.h"
#include "../../tracer/guard.h"
#include "../../common/opts.h"

/* ---- tc_parse_u64 ---- */

TC_TEST(parse_u64_accepts_bounds)
{
	__u64 v = 42;

	CHECK_ERR(tc_parse_u64("1", 1, 10, &v), 0, "\"1\" in [1, 10]");
	CHECK_U64(v, 1, "\"1\"", "");
	CHECK_ERR(tc_parse_u64("10", 1, 10, &v), 0, "\"10\" in [1, 10]");
	CHECK_U64(v, 10, "\"10\"", "");
	CHECK_ERR(tc_parse_u64("007", 0, 10, &v), 0, "\"007\"");
	CHECK_U64(v, 7, "\"007\"", "");
	CHECK_ERR(tc_parse_u64("18446744073709551615", 0, UINT64_MAX, &v), 0, "UINT64_MAX");
	CHECK_U64(v, UINT64_MAX, "UINT64_MAX", "");
}

TC_TEST(parse_u64_rejects_text)
{
	const char *bad[] = { "", "-1", "12x", " 5", "+5", "5 ", "0x10", "1.0" };
	__u64 v = 42;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char what[48];

		snprintf(what, sizeof(what), "\"%s\"", bad[i]);
		CHECK_ERR(tc_parse_u64(bad[i], 0, UINT64_MAX, &v), -EINVAL, what);
	}
	CHECK_ERR(tc_parse_u64(NULL, 0, UINT64_MAX, &v), -EINVAL, "NULL");
	CHECK_U64(v, 42, "value after errors", "(untouched)");
}

TC_TEST(parse_u64_rejects_out_of_range)
{
	__u64 v = 42;

	CHECK_ERR(tc_parse_u64("0", 1, 10, &v), -ERANGE, "\"0\" in [1, 10]");
	CHECK_ERR(tc_parse_u64("11", 1, 10, &v), -ERANGE, "\"11\" in [1, 10]");
	CHECK_ERR(tc_parse_u64("18446744073709551616", 0, UINT64_MAX, &v), -ERANGE, "2^64");
	CHECK_ERR(tc_parse_u64("99999999999999999999", 0, UINT64_MAX, &v), -ERANGE,
		  "\"99999999999999999999\"");
	CHECK_U64(v, 42, "value after errors", "(untouched)");
}

/* ---- tc_parse_duration ---- */

static void check_duration(const char *s, __u64 ns)
{
	__u64 v = 0;

	CHECK_ERR(tc_parse_duration(s, &v), 0, s);
	CHECK_U64(v, ns, s, "ns");
}

TC_TEST(parse_duration_units)
{
	check_duration("10", 10000000000ULL);
	check_duration("10s", 10000000000ULL);
	check_duration("500ms", 500000000ULL);
	check_duration("250us", 250000ULL);
	check_duration("100ns", 100ULL);
	check_duration("2m", 120000000000ULL);
	check_duration("1h", 3600000000000ULL);
	check_duration("1.5s", 1500000000ULL);
	check_duration("0.5ms", 500000ULL);
	check_duration("1000000000s", 1000000000000000000ULL);
}

/* Decimal durations are exact: 4.1 s is 4,100,000,000 ns, not one less. */
TC_TEST(parse_duration_decimal_is_exact)
{
	check_duration("4.1s", 4100000000ULL);
	check_duration("1.001s", 1001000000ULL);
	check_duration("8.2ms", 8200000ULL);
	check_duration("32.3us", 32300ULL);
	check_duration("2.3h", 8280000000000ULL);
}

TC_TEST(parse_duration_rejects)
{
	static const struct {
		const char *s;
		int err;
	} bad[] = { { "0", -ERANGE },	  { "0s", -ERANGE },	{ "0.5ns", -ERANGE },
		    { "1000000001s", -ERANGE }, { "abc", -EINVAL }, { "10x", -EINVAL },
		    { "-1", -EINVAL },	  { "", -EINVAL },	{ "10 s", -EINVAL },
		    { "s", -EINVAL },	  { "10S", -EINVAL } };
	__u64 v = 42;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char what[48];

		snprintf(what, sizeof(what), "\"%s\"", bad[i].s);
		CHECK_ERR(tc_parse_duration(bad[i].s, &v), bad[i].err, what);
	}
	CHECK_ERR(tc_parse_duration(NULL, &v), -EINVAL, "NULL");
	CHECK_U64(v, 42, "value after errors", "(untouched)");
}

/* ---- tc_parse_size ---- */

TC_TEST(parse_size_suffixes)
{
	static const struct {
		const char *s;
		__u64 bytes;
	} good[] = { { "4096", 4096 },	      { "64K", 65536 },	    { "64k", 65536 },
		     { "64KiB", 65536 },      { "1M", 1048576 },    { "1MiB", 1048576 },
		     { "1mb", 1048576 },      { "2G", 2147483648 }, { "0", 0 },
		     { "17179869183G", 17179869183ULL << 30 } };

	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		__u64 v = 42;

		CHECK_ERR(tc_parse_size(good[i].s, &v), 0, good[i].s);
		CHECK_U64(v, good[i].bytes, good[i].s, "bytes");
	}
}

TC_TEST(parse_size_rejects)
{
	static const struct {
		const char *s;
		int err;
	} bad[] = { { "1T", -EINVAL },	   { "K", -EINVAL },	  { "12KB x", -EINVAL },
		    { "", -EINVAL },	   { "-1", -EINVAL },	  { "1.5M", -EINVAL },
		    { " 1K", -EINVAL },	   { "1KK", -EINVAL },	  { "1BK", -EINVAL },
		    { "17179869184G", -ERANGE }, { "99999999999999999999", -ERANGE } };
	__u64 v = 42;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char what[48];

		snprintf(what, sizeof(what), "\"%s\"", bad[i].s);
		CHECK_ERR(tc_parse_size(bad[i].s, &v), bad[i].err, what);
	}
	CHECK_U64(v, 42, "value after errors", "(untouched)");
}

/* ---- tc_parse_linear ---- */

TC_TEST(parse_linear_accepts_min_max_step)
{
	__u64 min = 1, max = 1, step = 1;

	CHECK_ERR(tc_parse_linear("0,1000,100", &min, &max, &step), 0, "\"0,1000,100\"");
	CHECK_U64(min, 0, "min", "units");
	CHECK_U64(max, 1000, "max", "units");
	CHECK_U64(step, 100, "step", "units");
	CHECK_ERR(tc_parse_linear("5,6,1", &min, &max, &step), 0, "\"5,6,1\"");
	CHECK_U64(min, 5, "min", "units");
	CHECK_U64(max, 6, "max", "units");
	CHECK_U64(step, 1, "step", "units");
}

TC_TEST(parse_linear_rejects)
{
	static const struct {
		const char *s;
		int err;
	} bad[] = { { "10,10,1", -ERANGE },	 { "10,5,1", -ERANGE },	   { "0,100,0", -EINVAL },
		    { "0,100", -EINVAL },	 { "0", -EINVAL },	   { "", -EINVAL },
		    { ",100,10", -EINVAL },	 { "0,,10", -EINVAL },	   { "0,100,", -EINVAL },
		    { "0,100,10,5", -EINVAL }, { "0,100,10x", -EINVAL }, { "0, 100,10", -EINVAL } };
	char longspec[128];
	__u64 min, max, step;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char what[48];

		snprintf(what, sizeof(what), "\"%s\"", bad[i].s);
		CHECK_ERR(tc_parse_linear(bad[i].s, &min, &max, &step), bad[i].err, what);
	}
	memset(longspec, '0', sizeof(longspec) - 1);
	longspec[sizeof(longspec) - 1] = '\0';
	/* "0,1,00...01": valid but for its length */
	longspec[1] = ',';
	longspec[2] = '1';
	longspec[3] = ',';
	longspec[sizeof(longspec) - 2] = '1';
	CHECK_ERR(tc_parse_linear(longspec, &min, &max, &step), -EINVAL, "127 characters");
}

/* ---- devices: only errors that hold on every machine ---- */

TC_TEST(dev_parse_errors)
{
	__u32 kdev = 42;
	char name[32] = "untouched";

	CHECK_ERR(tc_dev_parse("tc_no_such_disk", &kdev, name, sizeof(name)), -ENOENT,
		  "\"tc_no_such_disk\"");
	CHECK_ERR(tc_dev_parse("/etc/passwd", &kdev, name, sizeof(name)), -ENOTBLK,
		  "\"/etc/passwd\"");
	CHECK_ERR(tc_dev_parse("/tc/no/such/file", &kdev, name, sizeof(name)), -ENOENT,
		  "\"/tc/no/such/file\"");
	CHECK_ERR(tc_dev_parse("", &kdev, name, sizeof(name)), -EINVAL, "\"\"");
	CHECK_ERR(tc_dev_parse(NULL, &kdev, name, sizeof(name)), -EINVAL, "NULL");
	CHECK_ERR(tc_dev_parse("4095:1048575", &kdev, name, sizeof(name)), -ENOENT,
		  "\"4095:1048575\"");
	CHECK_U64(kdev, 42, "kdev after errors", "(untouched)");
	CHECK_STR(name, "untouched", "name after errors");
}

TC_TEST(dev_parse_rejects_long_name)
{
	char s[256];
	__u32 kdev;

	memset(s, 'a', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	CHECK_ERR(tc_dev_parse(s, &kdev, NULL, 0), -ENAMETOOLONG, "a 255-character name");
}

TC_TEST(dev_name_of_missing_device_is_numbers)
{
	char buf[32];

	CHECK_STR(tc_dev_name(0xFFFFFFFF, buf, sizeof(buf)), "4095:1048575",
		  "tc_dev_name(4095 << 20 | 1048575)");
}

/* ---- the whole command line ---- */

static error_t fake_parse_opt(int key, char *arg, struct argp_state *state)
{
	struct tc_session *s = state->input;

	(void)arg;
	if (key != 'P')
		return ARGP_ERR_UNKNOWN;
	tc_session__set_var(s, "marker", "set by the tool's parser");
	return 0;
}

static const struct argp_option fake_options[] = {
	{ "per-process", 'P', NULL, 0, "A tool option", 0 },
	{},
};

/* Everything the core offers: filters, histograms, bounded maps, ring buffer. */
static const struct tc_tool full_tool = {
	.name = "fake",
	.options = fake_options,
	.parse_opt = fake_parse_opt,
	.filters = TC_FILTER_PID | TC_FILTER_COMM | TC_FILTER_DEV,
	.flags = TC_TOOL_HIST,
	.default_unit = "us",
	.maps = { "stats", "start" },
	.ringbuf = "events",
};

/* A pid filter and nothing else. */
static const struct tc_tool bare_tool = {
	.name = "bare",
	.filters = TC_FILTER_PID,
};

#define MAX_ARGS 16

/* Shared with the child that parses. */
struct parse_run {
	int status; /* exit status of the child; 0 when tc_args_parse returned 0 */
	char out[8192];
	char args[MAX_ARGS][64];
	struct tc_session s;
};

static struct parse_run *run;

static void read_all(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;

	while ((n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	buf[len] = '\0';
}

/* Parse "tracecal trace TOOL ARGS..." (a NULL-terminated list) in a child. */
static void parse(const struct tc_tool *tool, const char *arg, ...)
{
	char *argv[MAX_ARGS + 1];
	int argc = 0, fds[2], wstatus;
	va_list ap;
	pid_t pid;

	memset(run, 0, sizeof(*run));
	va_start(ap, arg);
	for (; arg; arg = va_arg(ap, const char *)) {
		assert_true(argc < MAX_ARGS);
		snprintf(run->args[argc], sizeof(run->args[argc]), "%s", arg);
		argv[argc] = run->args[argc];
		argc++;
	}
	va_end(ap);
	argv[argc] = NULL;
	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		run->s.tool = tool;
		run->s.argv0 = "tracecal trace fake";
		exit(tc_args_parse(&run->s, argc, argv) ? 1 : 0);
	}
	close(fds[1]);
	read_all(fds[0], run->out, sizeof(run->out));
	close(fds[0]);
	assert_int_equal(waitpid(pid, &wstatus, 0), pid);
	run->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
}

static void check_parsed(void)
{
	if (run->status)
		fail_msg("parse:FAIL:exit status unexpected %d != expected 0; it said:\n%s",
			 run->status, run->out);
}

/* A usage error: exit status 2 and a message, from argv0, that contains what. */
static void check_usage_error(const char *what)
{
	if (run->status != 2)
		fail_msg("parse:FAIL:exit status unexpected %d != expected 2; it said:\n%s",
			 run->status, run->out);
	if (!strstr(run->out, what))
		fail_msg("parse:FAIL:message does not name \"%s\":\n%s", what, run->out);
	if (strncmp(run->out, "tracecal trace fake: ", 21))
		fail_msg("parse:FAIL:message does not start with argv0:\n%s", run->out);
}

TC_TEST(args_fill_env)
{
	const struct tc_env *env = &run->s.env;

	parse(&full_tool, "fake", "-p", "123", "-c", "dd", "--duration", "2s", "--json",
	      "--max-entries", "64", NULL);
	check_parsed();
	CHECK_U64(env->pid, 123, "pid", "");
	CHECK_STR(env->comm, "dd", "comm");
	CHECK_INT(env->comm_set, 1, "comm_set");
	CHECK_U64(env->duration_ns, 2000000000, "duration", "ns");
	CHECK_INT(env->format, TC_FMT_JSON, "format");
	CHECK_U64(env->max_entries, 64, "max_entries", "entries");
}

TC_TEST(args_defaults)
{
	const struct tc_env *env = &run->s.env;

	parse(&full_tool, "fake", NULL);
	check_parsed();
	CHECK_U64(env->max_entries, 10240, "max_entries", "entries");
	CHECK_U64(env->buffer_size, 256 * 1024, "buffer_size", "bytes");
	CHECK_STR(env->unit, "us", "unit (the tool's default_unit)");
	CHECK_U64(env->hist.unit_ns, 1000, "hist.unit_ns", "ns");
	CHECK_INT(env->hist.kind, TC_HIST_LOG2, "hist.kind");
	CHECK_INT(env->linear, 0, "linear");
	CHECK_INT(env->format, TC_FMT_TABLE, "format");
	CHECK_U64(env->pid, 0, "pid", "");
	CHECK_INT(env->comm_set, 0, "comm_set");
	CHECK_U64(env->duration_ns, 0, "duration", "ns");
	CHECK_U64(env->interval_ns, 0, "interval", "ns");
	CHECK_U64(env->avoid, 0, "avoid", "(bits)");
	CHECK_TRUE(tc_session__var(&run->s, "marker") == NULL, "tool option:FAIL:set without -P");
}

TC_TEST(args_unit_defaults_to_ns)
{
	parse(&bare_tool, "bare", NULL);
	check_parsed();
	CHECK_STR(run->s.env.unit, "ns", "unit of a tool without default_unit");
	CHECK_U64(run->s.env.hist.unit_ns, 1, "hist.unit_ns", "ns");
}

TC_TEST(args_linear_and_unit_set_hist)
{
	const struct tc_hist_cfg *h = &run->s.env.hist;

	parse(&full_tool, "fake", "--linear", "0,100,10", "--unit", "ms", NULL);
	check_parsed();
	CHECK_INT(run->s.env.linear, 1, "linear");
	CHECK_INT(h->kind, TC_HIST_LINEAR, "hist.kind");
	CHECK_U64(h->lmin, 0, "hist.lmin", "units");
	CHECK_U64(h->lstep, 10, "hist.lstep", "units");
	CHECK_U64(h->nslots, 12, "hist.nslots", "slots");
	CHECK_STR(run->s.env.unit, "ms", "unit");
	CHECK_U64(h->unit_ns, 1000000, "hist.unit_ns", "ns");
}

/* ceil((MAX - MIN) / STEP) buckets plus underflow and overflow. */
TC_TEST(args_linear_counts_partial_bucket)
{
	parse(&full_tool, "fake", "--linear", "5,100,10", NULL);
	check_parsed();
	CHECK_U64(run->s.env.hist.lmin, 5, "hist.lmin", "units");
	CHECK_U64(run->s.env.hist.nslots, 12, "hist.nslots for 5,100,10", "slots");
	parse(&full_tool, "fake", "--linear", "0,62,1", NULL);
	check_parsed();
	CHECK_U64(run->s.env.hist.nslots, 64, "hist.nslots for 0,62,1", "slots");
}

TC_TEST(args_avoid_hook_fentry_implies_fexit)
{
	parse(&full_tool, "fake", "--avoid-hook", "tp_btf,fentry", NULL);
	check_parsed();
	CHECK_U64(run->s.env.avoid,
		  (1u << TC_HOOK_TP_BTF) | (1u << TC_HOOK_FENTRY) | (1u << TC_HOOK_FEXIT),
		  "avoid for tp_btf,fentry", "(bits)");
	parse(&full_tool, "fake", "--avoid-hook", "kprobe", "--avoid-hook", "raw_tp", NULL);
	check_parsed();
	CHECK_U64(run->s.env.avoid, (1u << TC_HOOK_KPROBE) | (1u << TC_HOOK_RAW_TP),
		  "avoid for kprobe then raw_tp", "(bits)");
}

TC_TEST(args_output_options)
{
	const struct tc_env *env = &run->s.env;

	parse(&full_tool, "fake", "-i", "500ms", "-o", "out.txt", "-r", "5", "-v", "-v", "--prom",
	      "--buffer-size", "64K", NULL);
	check_parsed();
	CHECK_U64(env->interval_ns, 500000000, "interval", "ns");
	CHECK_STR(env->output, "out.txt", "output");
	CHECK_U64(env->rows, 5, "rows", "rows");
	CHECK_INT(env->verbose, 2, "verbose");
	CHECK_INT(env->format, TC_FMT_PROM, "format");
	CHECK_U64(env->buffer_size, 65536, "buffer_size", "bytes");
}

TC_TEST(args_tool_option_gets_session)
{
	parse(&full_tool, "fake", "-P", NULL);
	check_parsed();
	CHECK_TRUE(tc_session__var(&run->s, "marker") &&
			   !strcmp(tc_session__var(&run->s, "marker"), "set by the tool's parser"),
		   "tool option:FAIL:state->input is not the session");
}

TC_TEST(args_json_and_prom_conflict)
{
	parse(&full_tool, "fake", "--json", "--prom", NULL);
	check_usage_error("--json and --prom cannot be combined");
	parse(&full_tool, "fake", "--prom", "-j", NULL);
	check_usage_error("--json and --prom cannot be combined");
}

TC_TEST(args_bad_pid)
{
	parse(&full_tool, "fake", "-p", "abc", NULL);
	check_usage_error("invalid --pid 'abc': not understood");
	parse(&full_tool, "fake", "-p", "0", NULL);
	check_usage_error("invalid --pid '0': out of range");
	parse(&full_tool, "fake", "-p", "4194305", NULL);
	check_usage_error("invalid --pid '4194305': out of range");
}

TC_TEST(args_bad_comm)
{
	parse(&full_tool, "fake", "-c", "0123456789abcdef", NULL);
	check_usage_error("invalid --comm '0123456789abcdef'");
	parse(&full_tool, "fake", "-c", "", NULL);
	check_usage_error("invalid --comm ''");
}

TC_TEST(args_bad_buffer_size)
{
	parse(&full_tool, "fake", "--buffer-size", "5000", NULL);
	check_usage_error("invalid --buffer-size '5000'");
	parse(&full_tool, "fake", "--buffer-size", "2G", NULL);
	check_usage_error("invalid --buffer-size '2G'");
	parse(&full_tool, "fake", "--buffer-size", "1T", NULL);
	check_usage_error("invalid --buffer-size '1T'");
}

TC_TEST(args_linear_too_many_buckets)
{
	parse(&full_tool, "fake", "--linear", "0,1000,1", NULL);
	check_usage_error("--linear 0,1000,1 makes 1000 buckets");
	parse(&full_tool, "fake", "--linear", "0,63,1", NULL);
	check_usage_error("--linear 0,63,1 makes 63 buckets");
}

/* (MAX - MIN + STEP - 1) must not wrap into a small bucket count. */
TC_TEST(args_linear_huge_range_is_rejected)
{
	parse(&full_tool, "fake", "--linear", "0,18446744073709551615,2", NULL);
	check_usage_error("--linear 0,18446744073709551615,2");
}

TC_TEST(args_bad_linear_spec)
{
	parse(&full_tool, "fake", "--linear", "10,5,1", NULL);
	check_usage_error("invalid --linear '10,5,1': out of range");
	parse(&full_tool, "fake", "--linear", "0,100", NULL);
	check_usage_error("invalid --linear '0,100': not understood");
}

TC_TEST(args_bad_values)
{
	parse(&full_tool, "fake", "--avoid-hook", "fentry,bogus", NULL);
	check_usage_error("unknown hook kind 'bogus'");
	parse(&full_tool, "fake", "--unit", "m", NULL);
	check_usage_error("invalid --unit 'm'");
	parse(&full_tool, "fake", "--duration", "0", NULL);
	check_usage_error("invalid --duration '0'");
	parse(&full_tool, "fake", "-i", "1x", NULL);
	check_usage_error("invalid --interval '1x'");
	parse(&full_tool, "fake", "--max-entries", "0", NULL);
	check_usage_error("invalid --max-entries '0': out of range");
	parse(&full_tool, "fake", "-r", "-1", NULL);
	check_usage_error("invalid --rows '-1'");
}

TC_TEST(args_bad_dev)
{
	parse(&full_tool, "fake", "-d", "tc_no_such_disk", NULL);
	check_usage_error("--dev 'tc_no_such_disk': no such block device");
	parse(&full_tool, "fake", "-d", "/etc/passwd", NULL);
	check_usage_error("--dev '/etc/passwd' is not a block device");
}

TC_TEST(args_unexpected_argument)
{
	parse(&full_tool, "fake", "-p", "1", "extra", NULL);
	check_usage_error("unexpected argument 'extra'");
}

/* Options the tool cannot honour are not offered at all. */
TC_TEST(args_bare_tool_rejects_what_it_cannot_honour)
{
	parse(&bare_tool, "bare", "-d", "loop0", NULL);
	check_usage_error("'d'");
	parse(&bare_tool, "bare", "-c", "dd", NULL);
	check_usage_error("'c'");
	parse(&bare_tool, "bare", "--unit", "ms", NULL);
	check_usage_error("'--unit'");
	parse(&bare_tool, "bare", "--linear", "0,100,10", NULL);
	check_usage_error("'--linear'");
	parse(&bare_tool, "bare", "--max-entries", "64", NULL);
	check_usage_error("'--max-entries'");
	parse(&bare_tool, "bare", "--buffer-size", "64K", NULL);
	check_usage_error("'--buffer-size'");
	parse(&bare_tool, "bare", "-P", NULL);
	check_usage_error("'P'");
}

/* The guard's options, and the share its watchdog computes. */
TC_TEST(args_guard)
{
	parse(&bare_tool, "bare", NULL);
	CHECK_INT(run->status, 0, "no options");
	CHECK_TRUE(run->s.env.max_overhead == TC_GUARD_DEFAULT_PCT, "default --max-overhead");
	CHECK_INT(run->s.env.on_overflow, TC_OVERFLOW_CONTINUE, "default --on-overflow");
	parse(&bare_tool, "bare", "--max-overhead", "2.5%", "--on-overflow", "stop", NULL);
	CHECK_INT(run->status, 0, "--max-overhead 2.5%");
	CHECK_TRUE(run->s.env.max_overhead == 2.5, "--max-overhead 2.5%%: %g", run->s.env.max_overhead);
	CHECK_INT(run->s.env.on_overflow, TC_OVERFLOW_STOP, "--on-overflow stop");
	parse(&bare_tool, "bare", "--max-overhead", "0", NULL);
	check_usage_error("invalid --max-overhead '0': a percentage above 0, at most 100");
	parse(&bare_tool, "bare", "--max-overhead", "101", NULL);
	check_usage_error("invalid --max-overhead '101'");
	parse(&bare_tool, "bare", "--max-overhead", "5", "--no-overhead-limit", NULL);
	check_usage_error("--max-overhead and --no-overhead-limit cannot be combined");
	parse(&bare_tool, "bare", "--on-overflow", "drop", NULL);
	check_usage_error("invalid --on-overflow 'drop' (expected stop or continue)");
	/* 0.5 s of program time in a 1 s window on 2 CPUs: a quarter of the machine */
	CHECK_TRUE(tc_guard_share(500000000ULL, 1000000000ULL, 2) == 25.0, "share");
	CHECK_TRUE(tc_guard_share(1, 0, 2) == 0, "an empty window");
	CHECK_TRUE(tc_guard_share(1, 1, 0) == 0, "no CPUs");
}

TC_TEST(args_help_lists_only_offered_options)
{
	static const char *const hidden[] = { "--comm", "--dev", "--unit", "--linear",
					      "--max-entries", "--buffer-size" };

	parse(&bare_tool, "bare", "--help", NULL);
	CHECK_INT(run->status, 0, "--help exit status");
	CHECK_TRUE(strstr(run->out, "--pid"), "help:FAIL:no --pid in\n%s", run->out);
	for (size_t i = 0; i < ARRAY_SIZE(hidden); i++)
		CHECK_TRUE(!strstr(run->out, hidden[i]), "help:FAIL:%s offered by a tool that "
			   "cannot honour it:\n%s", hidden[i], run->out);
	parse(&full_tool, "fake", "--help", NULL);
	CHECK_INT(run->status, 0, "--help exit status");
	for (size_t i = 0; i < ARRAY_SIZE(hidden); i++)
		CHECK_TRUE(strstr(run->out, hidden[i]),
			   "help:FAIL:%s missing for the full tool:\n%s", hidden[i], run->out);
}

/* Known bugs, with why (as a DENYLIST): none at present. */
static const struct tc_known_bug *const known_bugs = NULL;


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_u64_accepts_bounds),
		cmocka_unit_test(parse_u64_rejects_text),
		cmocka_unit_test(parse_u64_rejects_out_of_range),
		cmocka_unit_test(parse_duration_units),
		cmocka_unit_test(parse_duration_decimal_is_exact),
		cmocka_unit_test(parse_duration_rejects),
		cmocka_unit_test(parse_size_suffixes),
		cmocka_unit_test(parse_size_rejects),
		cmocka_unit_test(parse_linear_accepts_min_max_step),
		cmocka_unit_test(parse_linear_rejects),
		cmocka_unit_test(dev_parse_errors),
		cmocka_unit_test(dev_parse_rejects_long_name),
		cmocka_unit_test(dev_name_of_missing_device_is_numbers),
		cmocka_unit_test(args_fill_env),
		cmocka_unit_test(args_defaults),
		cmocka_unit_test(args_unit_defaults_to_ns),
		cmocka_unit_test(args_linear_and_unit_set_hist),
		cmocka_unit_test(args_linear_counts_partial_bucket),
		cmocka_unit_test(args_avoid_hook_fentry_implies_fexit),
		cmocka_unit_test(args_output_options),
		cmocka_unit_test(args_tool_option_gets_session),
		cmocka_unit_test(args_json_and_prom_conflict),
		cmocka_unit_test(args_bad_pid),
		cmocka_unit_test(args_bad_comm),
		cmocka_unit_test(args_bad_buffer_size),
		cmocka_unit_test(args_linear_too_many_buckets),
		cmocka_unit_test(args_linear_huge_range_is_rejected),
		cmocka_unit_test(args_bad_linear_spec),
		cmocka_unit_test(args_bad_values),
		cmocka_unit_test(args_bad_dev),
		cmocka_unit_test(args_unexpected_argument),
		cmocka_unit_test(args_bare_tool_rejects_what_it_cannot_honour),
		cmocka_unit_test(args_guard),
		cmocka_unit_test(args_help_lists_only_offered_options),
	};
	int ret;

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	run = mmap(NULL, sizeof(*run), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (run == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	ret = tc_unit_run("test_opts", tests, ARRAY_SIZE(tests), known_bugs, 0);
	munmap(run, sizeof(*run));
	return ret;
}
