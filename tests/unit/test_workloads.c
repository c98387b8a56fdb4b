// SPDX-License-Identifier: GPL-2.0
/*
 * Workloads: parameter parsing against a fake table with every type
 * (defaults, values, unknown and duplicate keys, bad values and their
 * messages) and against every real workload's table; the manifest built
 * from known counts; the latency histogram against tracecal's own
 * bucketing (tc_log2_slot, tc_hist_bucket, tc_hist_add); the /proc
 * parsers on captured text; and a few workloads run for real, in a child
 * as they always are, their counts checked exactly.
 */
#include <dirent.h>
#include <signal.h>
#include <time.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <json-c/json.h>
#include "tc_unit.h"
#include "../../tracer/hist.h"
#include "../../workloads/wl_file.h"

/* ---- a workload with one parameter of each type ---- */

static const char *const colors[] = { "red", "green", NULL };

static const struct tc_wl_param fake_params[] = {
	{ .name = "n", .type = TC_WL_U64, .def = "7", .min = 1, .max = 100, .help = "a number" },
	{ .name = "sz", .type = TC_WL_SIZE, .def = "64K", .min = 4096, .max = 1 << 30,
	  .multiple = 4096, .help = "a size" },
	{ .name = "t", .type = TC_WL_DURATION, .def = "10ms", .max = 60000000000ULL,
	  .help = "a duration" },
	{ .name = "s", .type = TC_WL_STRING, .def = "abc", .max = 15, .no_slash = true,
	  .help = "a string" },
	{ .name = "b", .type = TC_WL_BOOL, .def = "no", .help = "a flag" },
	{ .name = "e", .type = TC_WL_ENUM, .def = "red", .choices = colors, .help = "a color" },
	{ .name = "req", .type = TC_WL_STRING, .help = "what it needs" },
	{ .name = NULL },
};

static int fake_run(struct tc_wl_ctx *ctx)
{
	(void)ctx;
	return 0;
}

static const struct tc_workload fake = {
	.name = "fake", .summary = "A test double", .params = fake_params, .run = fake_run,
};

/* Parse a NULL-terminated list of arguments; the return code of tc_wl_parse. */
static int parse(struct tc_wl_ctx *ctx, const struct tc_workload *wl, const char *const *args)
{
	int n = 0;

	while (args[n])
		n++;
	tc_wl_ctx__init(ctx, wl);
	return tc_wl_parse(ctx, n, (char **)args);
}

TC_TEST(params_defaults)
{
	const char *args[] = { "req=x", NULL };
	struct tc_wl_ctx ctx;

	CHECK_ERR(parse(&ctx, &fake, args), 0, "parse req=x");
	CHECK_U64(tc_wl_num(&ctx, "n"), 7, "n", "");
	CHECK_U64(tc_wl_num(&ctx, "sz"), 65536, "sz", "bytes");
	CHECK_U64(tc_wl_num(&ctx, "t"), 10000000, "t", "ns");
	CHECK_STR(tc_wl_str(&ctx, "s"), "abc", "s");
	CHECK_U64(tc_wl_num(&ctx, "b"), 0, "b", "");
	CHECK_STR(tc_wl_str(&ctx, "e"), "red", "e");
	CHECK_U64(tc_wl_num(&ctx, "e"), 0, "e", "(index)");
	CHECK_STR(tc_wl_str(&ctx, "req"), "x", "req");
	CHECK_INT(ctx.val[0].given, 0, "n given");
	CHECK_INT(ctx.val[6].given, 1, "req given");
}

TC_TEST(params_each_type)
{
	const char *args[] = { "n=100", "sz=1M", "t=1.5s", "s=hello", "b=yes", "e=green", "req=/a/b",
			       NULL };
	struct tc_wl_ctx ctx;

	CHECK_ERR(parse(&ctx, &fake, args), 0, "parse");
	CHECK_U64(tc_wl_num(&ctx, "n"), 100, "n", "");
	CHECK_U64(tc_wl_num(&ctx, "sz"), 1048576, "sz=1M", "bytes");
	CHECK_U64(tc_wl_num(&ctx, "t"), 1500000000, "t=1.5s", "ns");
	CHECK_STR(tc_wl_str(&ctx, "s"), "hello", "s");
	CHECK_U64(tc_wl_num(&ctx, "b"), 1, "b=yes", "");
	CHECK_U64(tc_wl_num(&ctx, "e"), 1, "e=green", "(index)");
	CHECK_TRUE(tc_wl_is(&ctx, "e", "green"), "tc_wl_is(e, green)");
	CHECK_STR(tc_wl_str(&ctx, "req"), "/a/b", "req");
}

TC_TEST(params_bools)
{
	static const struct {
		const char *arg;
		__u64 v;
	} cases[] = { { "b=yes", 1 }, { "b=true", 1 }, { "b=on", 1 },	{ "b=1", 1 },
		      { "b=no", 0 },  { "b=false", 0 }, { "b=off", 0 }, { "b=0", 0 } };

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *args[] = { cases[i].arg, "req=x", NULL };
		struct tc_wl_ctx ctx;

		CHECK_ERR(parse(&ctx, &fake, args), 0, cases[i].arg);
		CHECK_U64(tc_wl_num(&ctx, "b"), cases[i].v, cases[i].arg, "");
	}
}

/* Every usage error names the key, and the value with what is wrong with it. */
TC_TEST(params_errors_name_key_and_value)
{
	static const struct {
		const char *arg, *msg;
	} cases[] = {
		{ "nn=3", "unknown parameter 'nn' (see 'tracecal workload fake --help')" },
		{ "foo", "'foo' is not KEY=VALUE" },
		{ "=3", "'=3' is not KEY=VALUE" },
		{ "n=abc", "invalid n='abc': not a whole number" },
		{ "n=-1", "invalid n='-1': not a whole number" },
		{ "n=0", "invalid n='0': less than 1" },
		{ "n=101", "invalid n='101': more than 100" },
		{ "n=99999999999999999999", "invalid n='99999999999999999999': too large" },
		{ "sz=5000", "invalid sz='5000': not a multiple of 4096" },
		{ "sz=1K", "invalid sz='1K': less than 4K" },
		{ "sz=2G", "invalid sz='2G': more than 1G" },
		{ "sz=12x", "invalid sz='12x': not a size (4096, 64K, 1M, 1G)" },
		{ "t=5x", "invalid t='5x': not a duration (10ms, 250us, 1.5s)" },
		{ "t=0", "invalid t='0': out of range (1ns to 1000000000s)" },
		{ "t=2m", "invalid t='2m': more than 60s" },
		{ "s=", "invalid s='': empty" },
		{ "s=a/b", "invalid s='a/b': contains '/'" },
		{ "s=0123456789abcdef", "invalid s='0123456789abcdef': longer than 15 characters" },
		{ "b=maybe", "invalid b='maybe': not yes or no" },
		{ "e=blue", "invalid e='blue': not one of red, green" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *args[] = { "req=x", cases[i].arg, NULL };
		struct tc_wl_ctx ctx;

		CHECK_ERR(parse(&ctx, &fake, args), -EINVAL, cases[i].arg);
		CHECK_STR(ctx.msg, cases[i].msg, cases[i].arg);
	}
}

TC_TEST(params_duplicate_key)
{
	const char *args[] = { "req=x", "n=3", "n=4", NULL };
	const char *same[] = { "req=x", "n=3", "n=3", NULL };
	struct tc_wl_ctx ctx;

	CHECK_ERR(parse(&ctx, &fake, args), -EINVAL, "n=3 n=4");
	CHECK_STR(ctx.msg, "parameter 'n' given twice", "n=3 n=4");
	CHECK_ERR(parse(&ctx, &fake, same), -EINVAL, "n=3 n=3");
	CHECK_STR(ctx.msg, "parameter 'n' given twice", "n=3 n=3");
}

TC_TEST(params_missing_required)
{
	const char *args[] = { "n=3", NULL };
	struct tc_wl_ctx ctx;

	CHECK_ERR(parse(&ctx, &fake, args), -EINVAL, "no req=");
	CHECK_STR(ctx.msg, "missing req=VALUE: what it needs", "no req=");
}

/* Every real table: names unique, help given, comm= present, defaults valid. */
TC_TEST(params_every_workload_table)
{
	for (int w = 0; tc_workloads[w]; w++) {
		const struct tc_workload *wl = tc_workloads[w];
		const char *args[] = { "file=/x", NULL };
		struct tc_wl_ctx ctx;
		bool has_file = false, has_comm = false;
		int n = 0;

		CHECK_TRUE(wl->name && wl->summary && wl->run && wl->example, "%s: incomplete",
			   wl->name);
		CHECK_TRUE(tc_workload_find(wl->name) == wl, "%s: not found by name", wl->name);
		for (const struct tc_wl_param *p = wl->params; p->name; p++, n++) {
			CHECK_TRUE(p->help && *p->help, "%s: %s has no help", wl->name, p->name);
			has_file |= !strcmp(p->name, "file");
			has_comm |= !strcmp(p->name, "comm");
			for (const struct tc_wl_param *q = p + 1; q->name; q++)
				CHECK_TRUE(strcmp(p->name, q->name), "%s: %s twice", wl->name,
					   p->name);
			CHECK_TRUE(p->def || !strcmp(p->name, "file"), "%s: %s required", wl->name,
				   p->name);
		}
		CHECK_TRUE(n <= TC_WL_MAX_PARAMS, "%s: %d parameters", wl->name, n);
		CHECK_TRUE(has_comm, "%s: no comm=", wl->name);
		args[0] = has_file ? "file=/x" : NULL;
		CHECK_ERR(parse(&ctx, wl, args), 0, wl->name);
		CHECK_ERR(tc_wl_check(&ctx), 0, wl->name);
		CHECK_TRUE(ctx.comm && !strncmp(ctx.comm, "tc_", 3), "%s: comm %s", wl->name,
			   ctx.comm);
	}
	CHECK_TRUE(tc_workload_find("nosuch") == NULL, "nosuch found");
}

TC_TEST(params_checks_across_keys)
{
	static const struct {
		const char *wl, *args[4], *msg;
	} cases[] = {
		{ "io-direct", { "file=/x", "size=1M", "bs=12K", NULL },
		  "size=1M is not a multiple of bs=12K" },
		{ "io-uring", { "file=/x", "bs=1000", NULL },
		  "bs=1000 is not a multiple of 4096, as direct=yes needs" },
		{ "io-uring", { "file=/x", "bs=1000", "direct=no", NULL },
		  "size=16M is not a multiple of bs=1000" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct tc_wl_ctx ctx;

		CHECK_ERR(parse(&ctx, tc_workload_find(cases[i].wl), cases[i].args), 0, "parse");
		CHECK_ERR(tc_wl_check(&ctx), -EINVAL, cases[i].msg);
		CHECK_STR(ctx.msg, cases[i].msg, cases[i].wl);
	}
}

/* ---- the manifest, from known counts ---- */

static struct json_object *jget(struct json_object *o, const char *path)
{
	char buf[256], *save, *tok;

	snprintf(buf, sizeof(buf), "%s", path);
	for (tok = strtok_r(buf, ".", &save); tok && o; tok = strtok_r(NULL, ".", &save)) {
		if (json_object_is_type(o, json_type_array))
			o = json_object_array_get_idx(o, atoi(tok));
		else if (!json_object_object_get_ex(o, tok, &o))
			o = NULL;
	}
	return o;
}

static unsigned long long ju64(struct json_object *m, const char *path)
{
	struct json_object *o = jget(m, path);

	if (!o || !json_object_is_type(o, json_type_int)) {
		print_error("manifest:FAIL:%s is %s, not an integer\n", path,
			    o ? json_object_to_json_string(o) : "missing");
		fail();
	}
	return json_object_get_uint64(o);
}

static const char *jstr(struct json_object *m, const char *path)
{
	struct json_object *o = jget(m, path);

	return o && json_object_is_type(o, json_type_string) ? json_object_get_string(o) : NULL;
}

/* No number in a manifest is anything but an exact integer. */
static bool all_integers(struct json_object *o)
{
	if (json_object_is_type(o, json_type_double))
		return false;
	if (json_object_is_type(o, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(o); i++)
			if (!all_integers(json_object_array_get_idx(o, i)))
				return false;
	} else if (json_object_is_type(o, json_type_object)) {
		json_object_object_foreach(o, k, v) {
			(void)k;
			if (!all_integers(v))
				return false;
		}
	}
	return true;
}

TC_TEST(manifest_from_known_counts)
{
	const char *args[] = { "req=x", "sz=1M", "t=2ms", "b=yes", NULL };
	struct tc_wl_proc procs[2] = {};
	struct json_object *m;
	struct tc_wl_ctx ctx;

	CHECK_ERR(parse(&ctx, &fake, args), 0, "parse");
	ctx.comm = "tc_fake";
	ctx.procs = procs;
	ctx.nprocs = ctx.maxprocs = 2;
	ctx.start_ns = 1000;
	ctx.end_ns = 5000;
	snprintf(ctx.parent_comm, sizeof(ctx.parent_comm), "tracecal");
	procs[0].pid = 101;
	procs[1].pid = 102;
	procs[0].role = procs[1].role = "child";
	for (int i = 0; i < 2; i++) {
		snprintf(procs[i].comm, sizeof(procs[i].comm), "tc_fake");
		procs[i].sys[SYS_prctl] = 1;
		procs[i].sys[SYS_exit_group] = 1;
		procs[i].io.read_bytes = 4096 * (i + 1);
		procs[i].io.syscr = 3;
	}
	procs[0].sys[SYS_getppid] = 23;
	procs[1].sys[SYS_getppid] = 19;
	procs[1].sys[SYS_openat] = 5;
	procs[1].errs[SYS_openat] = 5;
	procs[0].ops[TC_WL_OP_READ] = (struct tc_wl_op){ 3, 300, 200 };
	procs[1].ops[TC_WL_OP_READ] = (struct tc_wl_op){ 1, 100, 100 };
	tc_wl_section(&ctx, "io", json_object_new_object());

	m = tc_wl_manifest(&ctx);
	CHECK_U64(ju64(m, "tracecal_manifest"), 1, "tracecal_manifest", "");
	CHECK_STR(jstr(m, "workload"), "fake", "workload");
	CHECK_U64(ju64(m, "params.n"), 7, "params.n (default)", "");
	CHECK_U64(ju64(m, "params.sz"), 1048576, "params.sz", "bytes");
	CHECK_U64(ju64(m, "params.t"), 2000000, "params.t", "ns");
	CHECK_TRUE(json_object_get_boolean(jget(m, "params.b")), "params.b is not true");
	CHECK_STR(jstr(m, "params.e"), "red", "params.e");
	CHECK_STR(jstr(m, "params.req"), "x", "params.req");
	CHECK_U64(ju64(m, "pid"), 101, "pid", "");
	CHECK_U64(ju64(m, "pids.1"), 102, "pids[1]", "");
	CHECK_U64(json_object_array_length(jget(m, "pids")), 2, "pids", "entries");
	CHECK_STR(jstr(m, "comm"), "tc_fake", "comm");
	CHECK_U64(ju64(m, "start_ns"), 1000, "start_ns", "ns");
	CHECK_U64(ju64(m, "end_ns"), 5000, "end_ns", "ns");
	CHECK_U64(ju64(m, "syscalls.getppid"), 42, "syscalls.getppid", "calls");
	CHECK_U64(ju64(m, "syscalls.prctl"), 2, "syscalls.prctl", "calls");
	CHECK_U64(ju64(m, "syscalls.exit_group"), 2, "syscalls.exit_group", "calls");
	CHECK_U64(ju64(m, "syscalls.openat"), 5, "syscalls.openat", "calls");
	CHECK_U64(json_object_object_length(jget(m, "syscalls")), 4, "syscalls", "names");
	CHECK_U64(ju64(m, "syscall_errors.openat"), 5, "syscall_errors.openat", "calls");
	CHECK_U64(json_object_object_length(jget(m, "syscall_errors")), 1, "syscall_errors",
		  "names");
	CHECK_U64(ju64(m, "ops.read.count"), 4, "ops.read.count", "");
	CHECK_U64(ju64(m, "ops.read.bytes_requested"), 400, "ops.read.bytes_requested", "bytes");
	CHECK_U64(ju64(m, "ops.read.bytes_returned"), 300, "ops.read.bytes_returned", "bytes");
	CHECK_U64(json_object_object_length(jget(m, "ops")), 1, "ops", "kinds");
	CHECK_TRUE(jget(m, "io") != NULL, "no io section");
	CHECK_U64(ju64(m, "per_pid.101.syscalls.getppid"), 23, "per_pid.101 getppid", "calls");
	CHECK_U64(ju64(m, "per_pid.102.syscalls.getppid"), 19, "per_pid.102 getppid", "calls");
	CHECK_U64(ju64(m, "per_pid.102.syscall_errors.openat"), 5, "per_pid.102 errors", "calls");
	CHECK_STR(jstr(m, "per_pid.102.comm"), "tc_fake", "per_pid.102.comm");
	CHECK_STR(jstr(m, "per_pid.102.role"), "child", "per_pid.102.role");
	CHECK_U64(ju64(m, "per_pid.102.proc_io.read_bytes"), 8192, "per_pid.102 read_bytes",
		  "bytes");
	CHECK_U64(ju64(m, "proc_io.read_bytes"), 12288, "proc_io.read_bytes", "bytes");
	CHECK_U64(ju64(m, "proc_io.syscr"), 6, "proc_io.syscr", "");
	CHECK_U64(ju64(m, "before_prctl.syscalls.clone"), 2, "before_prctl clone", "calls");
	CHECK_STR(jstr(m, "before_prctl.comm"), "tracecal", "before_prctl.comm");
	CHECK_TRUE(all_integers(m), "a number that is not an integer");
	json_object_put(m);
	ctx.procs = NULL; /* not ours to unmap */
	ctx.nprocs = 0;
	tc_wl_ctx__release(&ctx);
}

TC_TEST(manifest_inexact_prologue_has_no_counts)
{
	struct tc_wl_ctx ctx;
	struct json_object *m;

	tc_wl_ctx__init(&ctx, &tc_wl_null);
	ctx.before_prctl_inexact = true;
	m = tc_wl_manifest(&ctx);
	CHECK_TRUE(!json_object_get_boolean(jget(m, "before_prctl.exact")), "exact");
	CHECK_TRUE(jget(m, "before_prctl.syscalls") == NULL, "syscalls given though inexact");
	json_object_put(m);
}

/* ---- the latency histogram: tracecal's own buckets ---- */

TC_TEST(latency_hist_uses_tracecal_buckets)
{
	const struct tc_hist_cfg cfg = { .kind = TC_HIST_LOG2, .unit_ns = 1 };
	const __u64 target[] = { 300000, 300000, 300000, 5000000, 300000 };
	const __u64 achieved[] = { 300001, 524287, 524288, 5000000, 299999 };
	const __u64 n = ARRAY_SIZE(achieved);
	const __u64 slack[] = { 1000, 2000, 3000, 4000, 5000 };
	const struct tc_wl_latency lat = {
		.op = "nanosleep", .n = n, .target = target, .achieved = achieved,
		.sample = achieved, .slack = slack, .fixed_slack_ns = 1000, .calibration_calls = 32,
		.no_run_delay = "open /proc/self/schedstat: No such file or directory",
	};
	struct json_object *l = tc_wl_latency_json(&lat);
	struct json_object *b = jget(l, "hist.buckets");
	struct tc_hist h = {};
	__u64 total = 0;

	for (__u64 i = 0; i < n; i++)
		tc_hist_add(&h, &cfg, achieved[i]);
	CHECK_STR(jstr(l, "op"), "nanosleep", "op");
	CHECK_U64(ju64(l, "count"), 5, "count", "ops");
	CHECK_U64(ju64(l, "targets_ns.0"), 300000, "targets_ns[0]", "ns");
	CHECK_U64(ju64(l, "targets_ns.1"), 5000000, "targets_ns[1]", "ns");
	CHECK_U64(json_object_array_length(jget(l, "targets_ns")), 2, "targets_ns", "entries");
	CHECK_STR(jstr(l, "hist.kind"), "log2", "hist.kind");
	CHECK_STR(jstr(l, "hist.unit"), "ns", "hist.unit");
	/* 299999 .. 5000000: slots 19 to 23, the empty ones between included */
	CHECK_U64(json_object_array_length(b), 5, "buckets", "entries");
	CHECK_U64(ju64(l, "hist.buckets.0.lo"), 262144, "bucket 0 lo", "ns");
	CHECK_U64(ju64(l, "hist.buckets.0.hi"), 524287, "bucket 0 hi", "ns");
	CHECK_U64(ju64(l, "hist.buckets.0.count"), 3, "bucket 0 count", "ops");
	CHECK_U64(ju64(l, "hist.buckets.1.lo"), 524288, "bucket 1 lo", "ns");
	CHECK_U64(ju64(l, "hist.buckets.1.count"), 1, "bucket 1 count (524288 on its edge)", "ops");
	CHECK_U64(ju64(l, "hist.buckets.2.count"), 0, "bucket 2 count", "ops");
	CHECK_U64(ju64(l, "hist.buckets.4.lo"), 4194304, "bucket 4 lo", "ns");
	CHECK_U64(ju64(l, "hist.buckets.4.hi"), 8388607, "bucket 4 hi", "ns");
	/* each bucket is the one of tracer/hist.c, holding what tc_hist_add put there */
	for (size_t i = 0; i < json_object_array_length(b); i++) {
		char what[64];
		__u64 lo = ju64(b, (snprintf(what, sizeof(what), "%zu.lo", i), what));
		__u64 hi = ju64(b, (snprintf(what, sizeof(what), "%zu.hi", i), what));
		__u64 count = ju64(b, (snprintf(what, sizeof(what), "%zu.count", i), what));
		__u32 slot = tc_log2_slot(lo);
		__u64 blo, bhi;

		CHECK_ERR(tc_hist_bucket(&cfg, slot, &blo, &bhi), 0, "tc_hist_bucket");
		snprintf(what, sizeof(what), "bucket %zu", i);
		CHECK_U64(lo, blo, what, "ns (lo)");
		CHECK_U64(hi, bhi, what, "ns (hi)");
		CHECK_U64(count, h.slots[slot], what, "ops (tc_hist_add)");
		total += count;
	}
	CHECK_U64(total, n, "ops in buckets", "ops");
	CHECK_U64(ju64(l, "achieved_ns.min"), 299999, "achieved min", "ns");
	CHECK_U64(ju64(l, "achieved_ns.max"), 5000000, "achieved max", "ns");
	CHECK_U64(ju64(l, "achieved_ns.sum"), h.sum, "achieved sum", "ns");
	CHECK_U64(ju64(l, "below_target"), 1, "below_target", "ops");
	CHECK_U64(ju64(l, "by_target.0.count"), 4, "by_target[0].count", "ops");
	CHECK_U64(ju64(l, "by_target.1.min"), 5000000, "by_target[1].min", "ns");
	/* the samples (here the achieved durations) and their slacks, as given, in order */
	CHECK_U64(ju64(l, "samples_ns.2"), 524288, "samples_ns[2]", "ns");
	CHECK_U64(ju64(l, "slack_ns.4"), 5000, "slack_ns[4]", "ns");
	CHECK_U64(json_object_array_length(jget(l, "slack_ns")), 5, "slack_ns", "entries");
	CHECK_U64(ju64(l, "slack.fixed_ns"), 1000, "slack.fixed_ns", "ns");
	CHECK_U64(ju64(l, "slack.calibration_calls"), 32, "slack.calibration_calls", "calls");
	CHECK_TRUE(!json_object_get_boolean(jget(l, "slack.run_delay")),
		   "latency:FAIL:slack.run_delay true without schedstat");
	CHECK_STR(jstr(l, "slack.run_delay_missing"),
		  "open /proc/self/schedstat: No such file or directory",
		  "slack.run_delay_missing");
	json_object_put(l);
}

/* ---- /proc text ---- */

/* /proc/PID/io has one reader, oracles/pidio.c, tested in test_oracles.c. */

TC_TEST(proc_stat_parse)
{
	/* a comm with a space and a parenthesis in it, as prctl allows */
	const char *text = "4242 (tc a) b) Z 4200 4242 4100 0 -1 4227148 161 0 3 0 0 0 0 0 20 0 "
			   "1 0 431464 0 0\n";
	__u64 minflt = 0, majflt = 0;
	char comm[16];

	CHECK_ERR(tc_wl_parse_proc_stat(text, comm, sizeof(comm), &minflt, &majflt), 0, "parse");
	CHECK_STR(comm, "tc a) b", "comm");
	CHECK_U64(minflt, 161, "minflt", "faults");
	CHECK_U64(majflt, 3, "majflt", "faults");
	CHECK_ERR(tc_wl_parse_proc_stat("4242 tc Z", comm, sizeof(comm), &minflt, &majflt),
		  -EINVAL, "no parentheses");
}

/* ---- counting where a syscall is issued ---- */

TC_TEST(syscall_counted_with_its_error)
{
	static struct tc_wl_proc p;
	char c;

	CHECK_INT(tc_wl_sc3(&p, SYS_read, -1, (long)&c, 1), -1, "read(-1)");
	CHECK_INT(errno, EBADF, "errno of read(-1)");
	CHECK_U64(p.sys[SYS_read], 1, "sys[read]", "calls");
	CHECK_U64(p.errs[SYS_read], 1, "errs[read]", "calls");
	CHECK_INT(tc_wl_sc0(&p, SYS_getppid), getppid(), "getppid");
	CHECK_U64(p.sys[SYS_getppid], 1, "sys[getppid]", "calls");
	CHECK_U64(p.errs[SYS_getppid], 0, "errs[getppid]", "calls");
	tc_wl_op(&p, TC_WL_OP_READ, 10, -1);
	tc_wl_op(&p, TC_WL_OP_READ, 10, 4);
	CHECK_U64(p.ops[TC_WL_OP_READ].count, 2, "read ops", "");
	CHECK_U64(p.ops[TC_WL_OP_READ].bytes_requested, 20, "read requested", "bytes");
	CHECK_U64(p.ops[TC_WL_OP_READ].bytes_returned, 4, "read returned (errors add 0)", "bytes");
}

TC_TEST(permutation_has_each_block_once)
{
	__u64 n = 1000, *a = tc_wl_permutation(n, 1), *b = tc_wl_permutation(n, 1);
	__u64 *c = tc_wl_permutation(n, 2);
	char *seen = calloc(n, 1);
	__u64 moved = 0;

	assert_non_null(a);
	for (__u64 i = 0; i < n; i++) {
		CHECK_TRUE(a[i] < n && !seen[a[i]], "block %llu twice or out of range",
			   (unsigned long long)a[i]);
		seen[a[i]] = 1;
		moved += a[i] != i;
	}
	CHECK_TRUE(!memcmp(a, b, n * sizeof(*a)), "the same seed gave another order");
	CHECK_TRUE(memcmp(a, c, n * sizeof(*a)), "another seed gave the same order");
	CHECK_TRUE(moved > n / 2, "only %llu of %llu blocks moved", (unsigned long long)moved,
		   (unsigned long long)n);
	free(a);
	free(b);
	free(c);
	free(seen);
}

/* ---- workloads run for real: a measured child, counts exact ---- */

static void run_ok(struct tc_wl_ctx *ctx, const char *name, const char **args)
{
	int err;

	CHECK_ERR(parse(ctx, tc_workload_find(name), args), 0, name);
	CHECK_ERR(tc_wl_check(ctx), 0, name);
	err = tc_wl_run(ctx);
	if (err)
		fail_msg("%s: failed to %s: %s", name, ctx->msg, ctx->why[0] ? ctx->why :
			 strerror(-err));
}

TC_TEST(run_null)
{
	const char *args[] = { NULL };
	struct tc_wl_ctx ctx;
	struct tc_wl_proc *p;
	__u64 total = 0;

	run_ok(&ctx, "null", args);
	CHECK_INT(ctx.nprocs, 1, "processes");
	p = &ctx.procs[0];
	for (int nr = 0; nr < TC_WL_NSYS; nr++)
		total += p->sys[nr];
	CHECK_U64(p->sys[SYS_prctl], 1, "prctl", "calls");
	CHECK_U64(p->sys[SYS_exit_group], 1, "exit_group", "calls");
	CHECK_U64(total, 2, "all syscalls", "calls");
	/* read from /proc/PID/stat while it was a zombie: the name it gave itself */
	CHECK_STR(p->comm, "tc_null", "comm");
	CHECK_INT(p->status, 0, "exit status");
	CHECK_TRUE(p->reaped, "not reaped");
	CHECK_TRUE(ctx.end_ns > ctx.start_ns, "end_ns <= start_ns");
	tc_wl_ctx__release(&ctx);
}

/* Three tasks: the threads' syscalls and I/O are all the process's. */
TC_TEST(run_syscalls_in_threads)
{
	const char *args[] = { "getppid=3", "openclose=2", "read0=4", "openfail=5", "threads=3",
			       "comm=tc_ut_sc", NULL };
	struct tc_wl_ctx ctx;
	struct tc_wl_proc *p;

	run_ok(&ctx, "syscalls", args);
	p = &ctx.procs[0];
	CHECK_U64(p->sys[SYS_getppid], 9, "getppid", "calls");
	CHECK_U64(p->sys[SYS_openat], 21, "openat", "calls");
	CHECK_U64(p->errs[SYS_openat], 15, "openat errors", "calls");
	CHECK_U64(p->sys[SYS_close], 6, "close", "calls");
	CHECK_U64(p->sys[SYS_read], 12, "read", "calls");
	CHECK_U64(p->sys[SYS_prctl], 3, "prctl", "calls");
	CHECK_U64(p->sys[SYS_exit], 2, "exit", "calls");
	CHECK_U64(p->sys[SYS_exit_group], 1, "exit_group", "calls");
	CHECK_U64(p->ops[TC_WL_OP_READ].count, 12, "read ops", "");
	/* /proc/PID/io of the zombie counts the exited threads' reads too */
	CHECK_U64(p->io.syscr, 12, "syscr", "calls");
	CHECK_STR(p->comm, "tc_ut_sc", "comm");
	CHECK_TRUE(ctx.before_prctl_inexact, "threads: before_prctl should be inexact");
	tc_wl_ctx__release(&ctx);
}

TC_TEST(run_syscalls_missing_exists)
{
	const char *args[] = { "missing=/", NULL };
	struct tc_wl_ctx ctx;

	CHECK_ERR(parse(&ctx, &tc_wl_syscalls, args), 0, "parse");
	CHECK_ERR(tc_wl_run(&ctx), -EEXIST, "run with missing=/");
	CHECK_STR(ctx.msg, "use missing=/", "message");
	CHECK_INT(ctx.nprocs, 0, "processes started");
	tc_wl_ctx__release(&ctx);
}

static char tmpdir[64];

static int make_tmpdir(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "%.30s/tc_ut_wl.XXXXXX", t && *t ? t : "/tmp");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	char path[384];

	(void)state;
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", tmpdir, e->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	return rmdir(tmpdir);
}

/* A hot read (the cold one needs a file system that can drop pages: tmpfs cannot). */
TC_TEST(run_io_buffered_read_hot)
{
	char file[128];
	const char *args[] = { file, "size=1M", "bs=64K", "cache=hot", NULL };
	struct tc_wl_ctx ctx;
	struct tc_wl_proc *p;
	struct stat st;

	snprintf(file, sizeof(file), "file=%s/hot", tmpdir);
	run_ok(&ctx, "io-buffered", args);
	p = &ctx.procs[0];
	CHECK_ERR(stat(file + 5, &st), 0, "stat the file");
	CHECK_U64(st.st_size, 1048576, "file size", "bytes");
	CHECK_U64(p->sys[SYS_read], 16, "read", "calls");
	CHECK_U64(p->ops[TC_WL_OP_READ].bytes_returned, 1048576, "bytes read", "bytes");
	CHECK_U64(p->io.rchar, 1048576, "rchar", "bytes");
	CHECK_U64(p->io.syscr, 16, "syscr", "calls");
	CHECK_U64(p->io.read_bytes, 0, "read_bytes (all cached)", "bytes");
	tc_wl_ctx__release(&ctx);
}

TC_TEST(run_io_buffered_write)
{
	char file[128];
	const char *args[] = { file, "size=100000", "bs=30000", "op=write", "fsync=no", NULL };
	struct tc_wl_ctx ctx;
	struct tc_wl_proc *p;

	snprintf(file, sizeof(file), "file=%s/w", tmpdir);
	run_ok(&ctx, "io-buffered", args);
	p = &ctx.procs[0];
	CHECK_U64(p->sys[SYS_write], 4, "write (3 of 30000, 1 of 10000)", "calls");
	CHECK_U64(p->sys[SYS_fsync], 0, "fsync", "calls");
	CHECK_U64(p->ops[TC_WL_OP_WRITE].bytes_requested, 100000, "requested", "bytes");
	CHECK_U64(p->io.wchar, 100000, "wchar", "bytes");
	CHECK_U64(p->io.syscw, 4, "syscw", "calls");
	tc_wl_ctx__release(&ctx);
}

TC_TEST(run_latency_nanosleep)
{
	const char *args[] = { "count=6", "dur=100us", "dur2=1ms", "ratio=50", NULL };
	struct tc_wl_ctx ctx;
	struct json_object *m;

	run_ok(&ctx, "latency", args);
	/* the ops', the 32 before the slack's calibration calls, one after the last op */
	CHECK_U64(ctx.procs[0].sys[SYS_nanosleep], 6 + 32 + 1, "nanosleep", "calls");
	CHECK_U64(ctx.procs[0].ops[TC_WL_OP_NANOSLEEP].count, 6 + 32 + 1, "nanosleep", "ops");
	m = tc_wl_manifest(&ctx);
	CHECK_U64(ju64(m, "latency.count"), 6, "latency.count", "ops");
	CHECK_U64(ju64(m, "latency.below_target"), 0, "below_target", "ops");
	CHECK_U64(ju64(m, "latency.by_target.0.count"), 3, "ops of 100us", "ops");
	CHECK_U64(ju64(m, "latency.by_target.1.count"), 3, "ops of 1ms", "ops");
	CHECK_TRUE(ju64(m, "latency.by_target.0.min") >= 100000, "a 100us sleep took %llu ns",
		   ju64(m, "latency.by_target.0.min"));
	CHECK_TRUE(ju64(m, "latency.by_target.1.min") >= 1000000, "a 1ms sleep took %llu ns",
		   ju64(m, "latency.by_target.1.min"));
	json_object_put(m);
	tc_wl_ctx__release(&ctx);
}

/*
 * The reader: a FUTEX_WAKE and a pipe read per op, and the reads of its
 * slack; the writer: a sleep and a pipe write.
 */
TC_TEST(run_latency_pipe)
{
	const char *args[] = { "op=pipe", "count=4", "dur=200us", NULL };
	struct tc_wl_ctx ctx;
	struct tc_wl_proc *r, *w;
	struct json_object *m;

	run_ok(&ctx, "latency", args);
	CHECK_INT(ctx.nprocs, 2, "processes");
	r = &ctx.procs[0];
	w = &ctx.procs[1];
	CHECK_STR(r->role, "reader", "first process");
	CHECK_U64(r->sys[SYS_read], 4, "reader: read", "calls");
	CHECK_U64(r->sys[SYS_futex], 4, "reader: futex (wake)", "calls");
	CHECK_U64(r->sys[SYS_write], 0, "reader: write", "calls");
	CHECK_U64(r->sys[SYS_nanosleep], 32 + 1, "reader: nanosleep (before the calibration calls, "
		  "and one after the last op, for its run time)",
		  "calls");
	CHECK_U64(w->sys[SYS_nanosleep], 4, "writer: nanosleep", "calls");
	CHECK_U64(w->sys[SYS_write], 4, "writer: write", "calls");
	CHECK_U64(w->sys[SYS_read], 0, "writer: read (the ping is a futex)", "calls");
	CHECK_U64(r->ops[TC_WL_OP_PIPE_READ].bytes_returned, 4, "reader: bytes read", "bytes");
	/* The slack's: schedstat opened once, read once untimed, 33 times timed, once per op,
	 * once after the last op's sleep. */
	CHECK_U64(r->sys[SYS_openat], 1, "reader: openat (schedstat)", "calls");
	CHECK_U64(r->sys[SYS_pread64], 1 + 33 + 4 + 1, "reader: pread64 (schedstat)", "calls");
	CHECK_U64(w->sys[SYS_pread64] + w->sys[SYS_openat], 0, "writer: pread64, openat", "calls");
	m = tc_wl_manifest(&ctx);
	CHECK_U64(ju64(m, "latency.below_target"), 0, "below_target", "ops");
	CHECK_TRUE(ju64(m, "latency.achieved_ns.min") >= 200000, "a 200us op took %llu ns",
		   ju64(m, "latency.achieved_ns.min"));
	CHECK_TRUE(json_object_get_boolean(jget(m, "latency.slack.run_delay")),
		   "latency:FAIL:no run_delay from /proc/self/schedstat");
	for (int i = 0; i < 4; i++) {
		char what[64];
		__u64 sample, slack;

		snprintf(what, sizeof(what), "latency.samples_ns.%d", i);
		sample = ju64(m, what);
		snprintf(what, sizeof(what), "latency.slack_ns.%d", i);
		slack = ju64(m, what);
		/* the read alone: inside the op, and no shorter than the fixed slack's part */
		CHECK_TRUE(sample > 0 && sample <= ju64(m, "latency.achieved_ns.max"),
			   "latency:FAIL:op %d: sample %llu ns outside the op", i, sample);
		CHECK_TRUE(slack >= ju64(m, "latency.slack.fixed_ns"),
			   "latency:FAIL:op %d: slack %llu ns below the fixed part", i, slack);
	}
	json_object_put(m);
	tc_wl_ctx__release(&ctx);
}

TC_TEST(run_procs)
{
	const char *args[] = { "children=3", "getppid=5", NULL };
	struct tc_wl_ctx ctx;

	run_ok(&ctx, "procs", args);
	CHECK_INT(ctx.nprocs, 3, "processes");
	for (int i = 0; i < 3; i++) {
		CHECK_U64(ctx.procs[i].sys[SYS_getppid], 5, "getppid", "calls");
		CHECK_U64(ctx.procs[i].sys[SYS_exit_group], 1, "exit_group", "calls");
		CHECK_STR(ctx.procs[i].comm, "tc_procs", "comm");
	}
	CHECK_TRUE(ctx.procs[0].pid != ctx.procs[1].pid, "the same pid twice");
	tc_wl_ctx__release(&ctx);
}

TC_TEST(run_procs_exec)
{
	const char *args[] = { "children=2", "getppid=4", "exec=yes", "comm=tc_ut_exec", NULL };
	struct tc_wl_ctx ctx;

#if !defined(__x86_64__)
	skip();
#endif
	run_ok(&ctx, "procs", args);
	for (int i = 0; i < 2; i++) {
		CHECK_U64(ctx.procs[i].sys[SYS_execve], 1, "execve", "calls");
		CHECK_U64(ctx.procs[i].sys[SYS_getppid], 4, "getppid (the program's)", "calls");
		CHECK_U64(ctx.procs[i].sys[SYS_exit_group], 1, "exit_group", "calls");
		/* the exec'd file is named after comm: the name survives the exec */
		CHECK_STR(ctx.procs[i].comm, "tc_ut_exec", "comm after exec");
		CHECK_INT(ctx.procs[i].status, 0, "exit status");
	}
	tc_wl_ctx__release(&ctx);
}

/*
 * calls: every kind of open and stat, some failing, and the three syncs; the
 * "calls" section groups the process's own counts (so an oracle of a group
 * is their sum).
 */
TC_TEST(run_calls)
{
	char file[128];
	const char *args[] = { file, "openat=3", "openat2=4", "openfail=2", "statx=5",
			       "fstatat=6", "statfail=1", "fsync=2", "fdatasync=3", "syncfs=1",
			       "comm=tc_ut_calls", NULL };
	struct json_object *m;
	struct tc_wl_ctx ctx;
	struct tc_wl_proc *p;
#ifdef SYS_open
	const __u64 kinds = 3, opens = 11 + 3 + 4 + 3 * 2;
#else
	const __u64 kinds = 2, opens = 3 + 4 + 2 * 2;
#endif

	snprintf(file, sizeof(file), "file=%s/c", tmpdir);
	run_ok(&ctx, "calls", args);
	p = &ctx.procs[0];
	CHECK_U64(p->sys[SYS_openat], 3 + 2, "openat", "calls");
	CHECK_U64(p->errs[SYS_openat], 2, "openat errors", "calls");
	CHECK_U64(p->sys[SYS_openat2], 4 + 2, "openat2", "calls");
	CHECK_U64(p->errs[SYS_openat2], 2, "openat2 errors", "calls");
	CHECK_U64(p->sys[SYS_close], opens - kinds * 2, "close (one per open that worked)", "calls");
	CHECK_U64(p->sys[SYS_statx], 5 + 1, "statx", "calls");
	CHECK_U64(p->sys[SYS_newfstatat], 6 + 1, "newfstatat", "calls");
	CHECK_U64(p->errs[SYS_newfstatat], 1, "newfstatat errors", "calls");
	CHECK_U64(p->sys[SYS_fsync], 2, "fsync", "calls");
	CHECK_U64(p->sys[SYS_fdatasync], 3, "fdatasync", "calls");
	CHECK_U64(p->sys[SYS_syncfs], 1, "syncfs", "calls");
	CHECK_U64(p->sys[SYS_pwrite64], 6, "pwrite64 (a page before each sync)", "calls");
	m = tc_wl_manifest(&ctx);
	CHECK_U64(ju64(m, "calls.opens.openat") + ju64(m, "calls.opens.openat2"), 3 + 4 + 2 * 2,
		  "calls.opens: openat and openat2", "calls");
	CHECK_U64(ju64(m, "calls.open_errors.openat2"), 2, "calls.open_errors.openat2", "calls");
	CHECK_U64(ju64(m, "calls.stats.statx"), 6, "calls.stats.statx", "calls");
	CHECK_U64(ju64(m, "calls.stat_errors.statx"), 1, "calls.stat_errors.statx", "calls");
	CHECK_U64(ju64(m, "calls.syncs.fdatasync"), 3, "calls.syncs.fdatasync", "calls");
	CHECK_U64(ju64(m, "calls.writeback_bytes"), 4096, "calls.writeback_bytes (one syncfs)",
		  "bytes");
	json_object_put(m);
	tc_wl_ctx__release(&ctx);
}

/* Opens and stats need no real file: /dev/null is never written or synced. */
TC_TEST(run_calls_dev_null)
{
	const char *args[] = { "file=/dev/null", "openat=2", "openat2=0", "openfail=0",
			       "stat=0", "statx=0", "fstatat=1", "statfail=0", "fsync=0",
			       "fdatasync=0", "open=0", NULL };
	struct tc_wl_ctx ctx;

	run_ok(&ctx, "calls", args);
	CHECK_U64(ctx.procs[0].sys[SYS_openat], 2, "openat", "calls");
	CHECK_U64(ctx.procs[0].sys[SYS_newfstatat], 1, "newfstatat", "calls");
	CHECK_U64(ctx.procs[0].sys[SYS_pwrite64], 0, "pwrite64", "calls");
	tc_wl_ctx__release(&ctx);
}

/* pid-keys: more processes than a batch, each reaped, each its own pid. */
TC_TEST(run_pid_keys)
{
	const char *args[] = { "n=1100", "getppid=2", "comm=tc_ut_keys", NULL };
	struct tc_wl_ctx ctx;
	__u64 getppid = 0, exits = 0;
	int distinct = 1;

	run_ok(&ctx, "pid-keys", args);
	CHECK_INT(ctx.nprocs, 1100, "processes");
	for (int i = 0; i < ctx.nprocs; i++) {
		getppid += ctx.procs[i].sys[SYS_getppid];
		exits += ctx.procs[i].sys[SYS_exit_group];
		CHECK_TRUE(ctx.procs[i].reaped, "process %d not reaped", i);
		if (i)
			distinct += ctx.procs[i].pid != ctx.procs[i - 1].pid;
	}
	CHECK_U64(getppid, 2200, "getppid", "calls");
	CHECK_U64(exits, 1100, "exit_group", "calls");
	CHECK_INT(distinct, 1100, "pids differing from the previous one");
	CHECK_STR(ctx.procs[1099].comm, "tc_ut_keys", "comm");
	tc_wl_ctx__release(&ctx);
}

static int failing_body(struct tc_wl_proc *p, void *arg)
{
	(void)arg;
	tc_wl_sc0(p, SYS_getppid);
	return tc_wl_child_fail(p, ENOSPC, "write %s at offset %d", "/x", 4096);
}

static int failing_run(struct tc_wl_ctx *ctx)
{
	const struct tc_wl_task task = { .role = "main", .body = failing_body };

	return tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);
}

/* A failure in the measured process comes back as "VERB WHAT" and its errno. */
TC_TEST(run_child_failure_is_reported)
{
	static const struct tc_wl_param params[] = { TC_WL_PARAM_COMM("tc_ut_fail"),
						     { .name = NULL } };
	const struct tc_workload failing = { .name = "failing", .summary = "fails",
					     .params = params, .run = failing_run };
	const char *args[] = { NULL };
	struct tc_wl_ctx ctx;

	CHECK_ERR(parse(&ctx, &failing, args), 0, "parse");
	CHECK_ERR(tc_wl_run(&ctx), -ENOSPC, "run");
	CHECK_STR(ctx.msg, "write /x at offset 4096", "message");
	CHECK_INT(ctx.procs[0].status, 1, "exit status");
	CHECK_U64(ctx.procs[0].sys[SYS_getppid], 1, "getppid before the failure", "calls");
	CHECK_U64(ctx.procs[0].sys[SYS_exit_group], 1, "exit_group", "calls");
	tc_wl_ctx__release(&ctx);
}

static int sleeping_body(struct tc_wl_proc *p, void *arg)
{
	struct timespec ts = { .tv_sec = 30 };

	(void)arg;
	tc_wl_sc2(p, SYS_nanosleep, (long)&ts, 0);
	return 0;
}

static int pair_run(struct tc_wl_ctx *ctx)
{
	const struct tc_wl_task sleeper = { .role = "sleeper", .body = sleeping_body };
	const struct tc_wl_task failer = { .role = "failer", .body = failing_body };

	return tc_wl_reserve(ctx, 2) ?: tc_wl_spawn(ctx, &sleeper) ?:
	       tc_wl_spawn(ctx, &failer) ?: tc_wl_wait(ctx);
}

/* One process fails: its partner, which could wait for it forever, is stopped. */
TC_TEST(run_failure_stops_the_partner)
{
	static const struct tc_wl_param params[] = { TC_WL_PARAM_COMM("tc_ut_pair"),
						     { .name = NULL } };
	const struct tc_workload pair = { .name = "pair", .summary = "one fails",
					  .params = params, .run = pair_run };
	const char *args[] = { NULL };
	struct tc_wl_ctx ctx;
	__u64 t0 = tc_wl_now_ns();

	CHECK_ERR(parse(&ctx, &pair, args), 0, "parse");
	CHECK_ERR(tc_wl_run(&ctx), -ENOSPC, "run: the failer's error, not the sleeper's signal");
	CHECK_STR(ctx.msg, "write /x at offset 4096", "message");
	CHECK_INT(ctx.procs[0].signal, SIGKILL, "the sleeper's end");
	CHECK_TRUE(tc_wl_now_ns() - t0 < 10000000000ULL, "took %llu ns",
		   (unsigned long long)(tc_wl_now_ns() - t0));
	tc_wl_ctx__release(&ctx);
}

/* A failure before the measured phase: no process started. */
TC_TEST(run_setup_failure_is_reported)
{
	char file[128], expect[160];
	const char *args[] = { file, NULL };
	struct tc_wl_ctx ctx;

	snprintf(file, sizeof(file), "file=%s", tmpdir); /* a directory */
	snprintf(expect, sizeof(expect), "open %s", tmpdir);
	CHECK_ERR(parse(&ctx, &tc_wl_io_buffered, args), 0, "parse");
	CHECK_ERR(tc_wl_run(&ctx), -EISDIR, "run on a directory");
	CHECK_STR(ctx.msg, expect, "message");
	CHECK_STR(ctx.why, "", "reason (errno says it)");
	CHECK_INT(ctx.nprocs, 0, "processes started");
	tc_wl_ctx__release(&ctx);
}

/* ---- writing: atomic, no temporary file left ---- */

TC_TEST(manifest_written_atomically)
{
	char path[128], tmp[256];
	struct json_object *m = json_object_new_object(), *back;
	int fd, entries = 0;
	DIR *d;
	struct dirent *e;

	snprintf(path, sizeof(path), "%s/m.json", tmpdir);
	json_object_object_add(m, "tracecal_manifest", json_object_new_int(1));
	fd = tc_wl_manifest_open(path, tmp, sizeof(tmp));
	CHECK_TRUE(fd >= 0, "open: %s", strerror(-fd));
	CHECK_TRUE(access(path, F_OK) != 0, "the manifest exists before it is written");
	CHECK_ERR(tc_wl_manifest_write(m, fd, tmp, path), 0, "write");
	back = json_object_from_file(path);
	CHECK_TRUE(back != NULL, "cannot read back %s", path);
	CHECK_U64(ju64(back, "tracecal_manifest"), 1, "read back", "");
	d = opendir(tmpdir);
	while ((e = readdir(d)))
		entries += !strncmp(e->d_name, "m.json", 6);
	closedir(d);
	CHECK_INT(entries, 1, "files named m.json* (no temporary left)");
	snprintf(path, sizeof(path), "%s/nosuchdir/m.json", tmpdir);
	CHECK_ERR(tc_wl_manifest_open(path, tmp, sizeof(tmp)), -ENOENT, "in a missing directory");
	json_object_put(back);
	json_object_put(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(params_defaults),
		cmocka_unit_test(params_each_type),
		cmocka_unit_test(params_bools),
		cmocka_unit_test(params_errors_name_key_and_value),
		cmocka_unit_test(params_duplicate_key),
		cmocka_unit_test(params_missing_required),
		cmocka_unit_test(params_every_workload_table),
		cmocka_unit_test(params_checks_across_keys),
		cmocka_unit_test(manifest_from_known_counts),
		cmocka_unit_test(manifest_inexact_prologue_has_no_counts),
		cmocka_unit_test(latency_hist_uses_tracecal_buckets),
		cmocka_unit_test(proc_stat_parse),
		cmocka_unit_test(syscall_counted_with_its_error),
		cmocka_unit_test(permutation_has_each_block_once),
		cmocka_unit_test(run_null),
		cmocka_unit_test(run_syscalls_in_threads),
		cmocka_unit_test(run_syscalls_missing_exists),
		cmocka_unit_test_setup_teardown(run_io_buffered_read_hot, make_tmpdir, remove_tmpdir),
		cmocka_unit_test_setup_teardown(run_io_buffered_write, make_tmpdir, remove_tmpdir),
		cmocka_unit_test(run_latency_nanosleep),
		cmocka_unit_test(run_latency_pipe),
		cmocka_unit_test(run_procs),
		cmocka_unit_test(run_procs_exec),
		cmocka_unit_test_setup_teardown(run_calls, make_tmpdir, remove_tmpdir),
		cmocka_unit_test(run_calls_dev_null),
		cmocka_unit_test(run_pid_keys),
		cmocka_unit_test(run_child_failure_is_reported),
		cmocka_unit_test(run_failure_stops_the_partner),
		cmocka_unit_test_setup_teardown(run_setup_failure_is_reported, make_tmpdir,
						remove_tmpdir),
		cmocka_unit_test_setup_teardown(manifest_written_atomically, make_tmpdir,
						remove_tmpdir),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_workloads", tests, ARRAY_SIZE(tests), NULL, 0);
}
