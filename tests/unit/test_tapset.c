// SPDX-License-Identifier: GPL-2.0
/*
 * Probe libraries (harness/tapset.c): the shipped library loads whole; the
 * planted one keeps its good aliases and names each malformed one with its
 * file and line; a candidate's verdict is read from an outcome (OK, NO
 * ATTACH with the engine's reason, NEVER FIRES, COUNT and VALUE DRIFT with
 * the ratio), and the ratios print as a person reads them.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "tc_unit.h"
#include "../../harness/tapset.h"

static void shipped_library_loads(void **state)
{
	struct tc_tapset t;
	char err[1024] = "";

	(void)state;
	CHECK_ERR(tc_tapset_load(&t, "../../tapsets/systemtap.tapset", err, sizeof(err)), 0, err);
	CHECK_INT(t.nerrors, 0, t.nerrors ? t.errors[0] : "errors");
	CHECK_TRUE(t.n >= 20, "tapset:FAIL:%d aliases, fewer than 20", t.n);
	CHECK_STR(t.name, "systemtap", "name");
	CHECK_STR(t.engine, "bpftrace", "engine");
	CHECK_STR(t.v[0].name, "syscall.getppid", "first alias");
	CHECK_INT(t.v[0].nprobes, 3, "its candidates");
	CHECK_STR(t.v[0].probes[1].kind, "kprobe", "second kind");
	tc_tapset_free(&t);
}

static void planted_library_names_file_and_line(void **state)
{
	static const char *const want[] = {
		"tests/tapsets/planted.tapset:54: PROBE 'uprobe_nope:/bin/true:main': expected "
		"KIND:TARGET (alias bad.kind is left out)",
		"tests/tapsets/planted.tapset:59: unknown directive FIRE",
		"tests/tapsets/planted.tapset:66: PROBE tracepoint:syscalls:sys_enter_read: no "
		"expression for VALUE count (alias bad.value is left out)",
	};
	struct tc_tapset t;
	char err[1024] = "";

	(void)state;
	assert_int_equal(chdir("../.."), 0);
	CHECK_ERR(tc_tapset_load(&t, "tests/tapsets/planted.tapset", err, sizeof(err)), 0, err);
	assert_int_equal(chdir("tests/unit"), 0);
	CHECK_INT(t.nerrors, 3, "malformed aliases (bad.oracle is caught when written)");
	for (int i = 0; i < 3; i++)
		CHECK_TRUE(!strncmp(t.errors[i], want[i], strlen(want[i])),
			   "tapset:FAIL:error %d is \"%s\", want \"%s...\"", i, t.errors[i], want[i]);
	CHECK_INT(t.n, 6, "aliases kept");
	CHECK_STR(t.v[1].probes[0].kind, "tracepoint", "a list of two tracepoints");
	CHECK_STR(t.v[2].probes[0].vname[0], "size", "value name");
	CHECK_STR(t.v[2].probes[0].vexpr[0], "args->nr_sector", "value expression");
	tc_tapset_free(&t);
}

static void bad_library_header(void **state)
{
	struct tc_tapset t;
	char err[1024] = "";
	FILE *f = fopen("tapset_bad.tmp", "w");

	(void)state;
	fputs("LIBRARY x\nENGINE stap\n\nALIAS a\nWORKLOAD null\nFIRES 0\nPROBE kprobe:f\n", f);
	fclose(f);
	CHECK_ERR(tc_tapset_load(&t, "tapset_bad.tmp", err, sizeof(err)), -EINVAL, "engine");
	CHECK_STR(err, "tapset_bad.tmp:2: ENGINE 'stap': only bpftrace runs library files "
		  "(tracecal's own hook table is the library `hooks`)", "message");
	tc_tapset_free(&t);
	f = fopen("tapset_bad.tmp", "w");
	fputs("ALIAS a\nWORKLOAD null\nFIRES 0\nPROBE kprobe:f\n", f);
	fclose(f);
	CHECK_ERR(tc_tapset_load(&t, "tapset_bad.tmp", err, sizeof(err)), -EINVAL, "no LIBRARY");
	CHECK_TRUE(strstr(err, "tapset_bad.tmp:1: a library starts with a LIBRARY record"),
		   "tapset:FAIL:%s", err);
	tc_tapset_free(&t);
	remove("tapset_bad.tmp");
}


static void outcome(struct tc_outcome *o, enum tc_verdict v, double fires, double fires_truth,
		    double size, double size_truth)
{
	memset(o, 0, sizeof(*o));
	o->verdict = v;
	o->nchecks = 2;
	o->checks[0] = (struct tc_check){ .src.selector = "probe_fires_total", .applicable = true,
					  .judged = true,
					  .actual = fires, .expected = fires_truth,
					  .verdict = fires == fires_truth ? TC_PASS : TC_FAIL };
	o->checks[1] = (struct tc_check){ .src.selector = "probe_value_sum{value=\"size\"}",
					  .applicable = true, .judged = true,
					  .actual = size, .expected = size_truth,
					  .verdict = size == size_truth ? TC_PASS : TC_FAIL };
}

static void classify(void **state)
{
	struct tc_tapset_result r;
	struct tc_outcome o;

	(void)state;
	outcome(&o, TC_PASS, 64, 64, 4096, 4096);
	tc_tapset_classify(&o, &r);
	CHECK_STR(tc_tapset_verdict_name(r.verdict), "OK", "pass");
	CHECK_STR(r.detail, "fired 64 times, as the workload did", "its numbers");

	outcome(&o, TC_FAIL, 128, 64, 8192, 4096);
	tc_tapset_classify(&o, &r);
	CHECK_STR(tc_tapset_verdict_name(r.verdict), "COUNT DRIFT", "twice");
	CHECK_TRUE(r.ratio == 2, "tapset:FAIL:ratio %g, want 2", r.ratio);

	outcome(&o, TC_FAIL, 64, 64, 8, 4096);
	tc_tapset_classify(&o, &r);
	CHECK_STR(tc_tapset_verdict_name(r.verdict), "VALUE DRIFT", "sectors");
	CHECK_STR(r.what, "size", "which value");
	CHECK_TRUE(strstr(r.detail, "size 1/512x") && strstr(r.detail, "sectors read as bytes"),
		   "tapset:FAIL:%s", r.detail);

	outcome(&o, TC_LOSS, 0, 64, 0, 4096);
	tc_tapset_classify(&o, &r);
	CHECK_STR(tc_tapset_verdict_name(r.verdict), "NEVER FIRES", "deaf");
	CHECK_STR(r.detail, "attached, fired 0 times where the workload did 64", "deaf detail");

	outcome(&o, TC_ERROR, 0, 0, 0, 0);
	snprintf(o.reason, sizeof(o.reason), "exited with status 255 before it was ready: "
		 "stdin:1:29-54: WARNING: vfs_open is not traceable (inlined) | kprobe:vfs_open | "
		 "ERROR: Error attaching probe: 'kprobe:vfs_open'");
	tc_tapset_classify(&o, &r);
	CHECK_STR(tc_tapset_verdict_name(r.verdict), "NO ATTACH", "refused");
	CHECK_STR(r.detail, "Error attaching probe: 'kprobe:vfs_open' (vfs_open is not traceable "
		  "(inlined))", "the engine's reason");

	outcome(&o, TC_ERROR, 0, 0, 0, 0);
	snprintf(o.reason, sizeof(o.reason), "exited with status 139 during the workload");
	tc_tapset_classify(&o, &r);
	CHECK_STR(tc_tapset_verdict_name(r.verdict), "ERROR", "a crash is no NO ATTACH");
}

/* The hook table's candidates are judged by their tools' own metrics. */
static void classify_tool_metrics(void **state)
{
	static const char *const bytes = "disk_read_bytes{dev=\"{DEV}\"}";
	static const char *const calls = "syscalls_total{comm=\"{COMM}\"}";
	struct tc_tapset_result r;
	struct tc_outcome o = { .verdict = TC_FAIL, .nchecks = 1 };

	(void)state;
	o.checks[0] = (struct tc_check){ .src.selector = calls, .judged = true, .actual = 46,
					 .expected = 23, .verdict = TC_FAIL };
	tc_tapset_classify(&o, &r);
	CHECK_STR(tc_tapset_verdict_name(r.verdict), "COUNT DRIFT", "a count twice");
	CHECK_STR(r.what, "syscalls_total", "the metric");
	o.checks[0] = (struct tc_check){ .src.selector = bytes, .judged = true, .actual = 982,
					 .expected = 1000, .verdict = TC_FAIL };
	tc_tapset_classify(&o, &r);
	CHECK_STR(tc_tapset_verdict_name(r.verdict), "VALUE DRIFT", "bytes short, none lost");
	o.reported_lost = 18;
	tc_tapset_classify(&o, &r);
	CHECK_STR(tc_tapset_verdict_name(r.verdict), "LOST", "bytes short, the rest reported lost");
	o.reported_lost = 5;
	tc_tapset_classify(&o, &r);
	CHECK_STR(tc_tapset_verdict_name(r.verdict), "VALUE DRIFT", "reported lost, not enough");
	o.reported_lost = 0; /* the judge's words for a metric's own loss counter */
	snprintf(o.checks[0].message, sizeof(o.checks[0].message), "tool 982 vs manifest 1,000");
	snprintf(o.checks[0].diagnosis, sizeof(o.checks[0].diagnosis), "982 seen + 18 reported lost "
		 "(disk_read_bytes_missed_total) = 1000, but 1.8%% lost is more than the 1%% allowed "
		 "(LOSS_ALLOWED): too little seen to judge");
	tc_tapset_classify(&o, &r);
	CHECK_STR(tc_tapset_verdict_name(r.verdict), "LOST", "lost by its metric's counter");
	o.checks[0].actual = 0;
	tc_tapset_classify(&o, &r);
	CHECK_STR(tc_tapset_verdict_name(r.verdict), "NEVER FIRES", "nothing at all");
}

static void ratios(void **state)
{
	static const struct {
		double r;
		const char *s;
	} v[] = { { 2, "2x" }, { 0.5, "0.5x" }, { 1.0 / 512, "1/512x" }, { 512, "512x" },
		  { 0.867, "0.867x" }, { 1.0 / 1024, "1/1024x" } };
	char buf[32];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		tc_tapset_ratio(v[i].r, buf, sizeof(buf));
		CHECK_STR(buf, v[i].s, "ratio");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_library_loads),
		cmocka_unit_test(planted_library_names_file_and_line),
		cmocka_unit_test(bad_library_header),
		cmocka_unit_test(classify),
		cmocka_unit_test(classify_tool_metrics),
		cmocka_unit_test(ratios),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_tapset", tests, ARRAY_SIZE(tests), NULL, 0);
}
