// SPDX-License-Identifier: GPL-2.0
/*
 * From a tool's report to a verdict: selectors over samples
 * (readers/samples.c), reading a report with a descriptor's PARSER and MAP
 * rules (readers/toolout.c), and the judge with its diagnoses
 * (harness/judge.c). The judge is fed real runs of the shipped and planted
 * descriptors through the shipped scenarios (fixtures/harness_*.out,
 * manifests and diskstats numbers of the same runs): every diagnosis is
 * made to fire on wrong numbers, next to a run whose right numbers PASS.
 */
#include <errno.h>
#include <glob.h>
#include <signal.h>
#include "tc_unit.h"
#include "../../harness/descriptor.h"
#include "../../common/feature.h"
#include "../../harness/judge.h"
#include "../../readers/parse_prom.h"
#include "../../harness/proc.h"
#include "../../readers/samples.h"
#include "../../harness/scenario.h"
#include "../../readers/toolout.h"

#define MIB (1024 * 1024)

static char *fixture(const char *name)
{
	char path[256];
	char *text;

	snprintf(path, sizeof(path), "fixtures/%s", name);
	text = tc_file_read(path, NULL);
	if (!text)
		fail_msg("fixture:FAIL:%s: %s", path, strerror(errno));
	return text;
}

static void load_tool(const char *path, struct tc_tooldesc *d)
{
	char err[1024] = "";

	CHECK_ERR(tc_tooldesc_load(path, d, err, sizeof(err)), 0, err);
}

/* Samples as Prometheus text, a line each. */
static void check_samples(const struct tc_samples *s, const char *expected, const char *what)
{
	struct tc_capture cap;
	char *text;
	bool ok;

	tc_prom_write(tc_capture_open(&cap), s);
	text = tc_capture_close(&cap);
	ok = tc_ok_str(what, text, expected, "samples");
	free(text);
	if (!ok)
		fail();
}

static double sum_of(const struct tc_samples *s, const char *selector, size_t *found)
{
	struct tc_selector sel;
	char err[256] = "";

	CHECK_ERR(tc_selector_parse(selector, &sel, err, sizeof(err)), 0, err);
	return tc_samples__sum(s, &sel, found);
}

/* ---- selectors over samples ---- */

static struct tc_samples three_samples(void)
{
	struct tc_samples s = {};
	struct tc_label a[] = { { "comm", "dd" }, { "dev", "loop0" } };
	struct tc_label b[] = { { "comm", "Web Content" }, { "dev", "loop12" } };

	CHECK_ERR(tc_samples__add(&s, "disk_read_bytes", a, 2, 4096), 0, "add");
	CHECK_ERR(tc_samples__add(&s, "disk_read_bytes", b, 2, 512), 0, "add");
	CHECK_ERR(tc_samples__add(&s, "disk_read_bytes", NULL, 0, 1), 0, "add");
	return s;
}

TC_TEST(selectors_match_and_sum)
{
	static const struct {
		const char *selector;
		double sum;
		size_t found;
	} cases[] = {
		{ "disk_read_bytes", 4096 + 512 + 1, 3 },
		{ "disk_read_bytes{}", 4096 + 512 + 1, 3 },
		{ "disk_read_bytes{comm=\"dd\"}", 4096, 1 },
		{ "disk_read_bytes{comm!=\"dd\"}", 512 + 1, 2 },
		{ "disk_read_bytes{comm=\"\"}", 1, 1 }, /* a missing label is "" */
		{ "disk_read_bytes{dev=~\"loop[0-9]\"}", 4096, 1 }, /* the whole value */
		{ "disk_read_bytes{dev=~\"loop[0-9]+\",comm=~\"Web.*\"}", 512, 1 },
		{ "disk_read_bytes{dev=~\"(\"}", 0, 0 }, /* a bad regex matches nothing */
		{ "disk_read_bytes{comm=\"Web Content\",}", 512, 1 },
		{ "disk_write_bytes", 0, 0 },
	};
	struct tc_samples s = three_samples();

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t found = 99;
		double sum = sum_of(&s, cases[i].selector, &found);

		CHECK_TRUE(sum == cases[i].sum, "%s: sum %g != expected %g", cases[i].selector, sum,
			   cases[i].sum);
		CHECK_U64(found, cases[i].found, cases[i].selector, "samples");
	}
	CHECK_STR(tc_sample__label(&s.v[1], "comm"), "Web Content", "label");
	CHECK_TRUE(tc_sample__label(&s.v[2], "comm") == NULL, "a missing label");
	tc_samples__free(&s);
	CHECK_TRUE(s.v == NULL && s.n == 0, "freed");
}

TC_TEST(selector_parse)
{
	static const struct {
		const char *text, *err;
	} bad[] = {
		{ "{comm=\"dd\"}", "'{comm=\"dd\"}': a metric name must start it" },
		{ "9lives", "'9lives': a metric name must start it" },
#define EXPECTED ": expected name{label=\"value\",...} with =, != or =~"
		{ "x{comm=dd}", "'x{comm=dd}'" EXPECTED },
		{ "x{comm=\"dd\"", "'x{comm=\"dd\"'" EXPECTED },
		{ "x{comm==\"dd\"}", "'x{comm==\"dd\"}'" EXPECTED },
		{ "x{comm=\"dd\"} y", "'x{comm=\"dd\"} y'" EXPECTED },
		{ "x{c=\"\\t\"}", "'x{c=\"\\t\"}'" EXPECTED },
#undef EXPECTED
		{ "x{a=\"1\",b=\"2\",c=\"3\",d=\"4\",e=\"5\",f=\"6\",g=\"7\",h=\"8\",i=\"9\"}",
		  "'x{a=\"1\",b=\"2\",c=\"3\",d=\"4\",e=\"5\",f=\"6\",g=\"7\",h=\"8\",i=\"9\"}': "
		  "at most 8 label matchers" },
	};
	struct tc_selector sel;
	char err[256] = "";

	CHECK_ERR(tc_selector_parse("@rd_bucket{k0=\"a\\\"b\\\\c\\n\",lo!=\"0\"}", &sel, err,
				    sizeof(err)),
		  0, err);
	CHECK_STR(sel.name, "@rd_bucket", "name with @");
	CHECK_INT(sel.nmatchers, 2, "matchers");
	CHECK_STR(sel.m[0].value, "a\"b\\c\n", "escapes");
	CHECK_INT(sel.m[1].op, TC_MATCH_NE, "!=");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK_ERR(tc_selector_parse(bad[i].text, &sel, err, sizeof(err)), -EINVAL,
			  bad[i].text);
		CHECK_STR(err, bad[i].err, bad[i].text);
	}
}

TC_TEST(samples_add_limits)
{
	struct tc_label l[TC_SAMPLE_LABELS + 1] = {};
	struct tc_samples s = {};

	CHECK_ERR(tc_samples__add(&s, "x", l, TC_SAMPLE_LABELS + 1, 1), -E2BIG, "9 labels");
	CHECK_ERR(tc_samples__add(&s, "x", l, -1, 1), -E2BIG, "-1 labels");
	CHECK_INT(s.n, 0, "nothing added");
	for (int i = 0; i < 100; i++)
		CHECK_ERR(tc_samples__add(&s, "x", l, TC_SAMPLE_LABELS, i), 0, "grow");
	CHECK_INT(s.n, 100, "samples");
	CHECK_TRUE(s.v[99].value == 99 && s.v[99].nlabels == 8, "the last one");
	tc_samples__free(&s);
}

/* ---- a tool's report into canonical samples ---- */

static const char *const reread_vars[] = {
	"TRACECAL=tracecal", "DEV=loop1", "DEVPATH=/dev/loop1", "DEVNUM=7340033",
	"MNT=/mnt", "COMM=tc_reread", "OUT=/nonexistent", "DIR=.",
};

static void parse_report(const char *desc, const char *report, const char *const *vars,
			 int nvars, struct tc_samples *s)
{
	struct tc_tooldesc d;
	char err[1024] = "", *text = fixture(report);

	load_tool(desc, &d);
	CHECK_ERR(tc_toolout_parse(&d, text, vars, nvars, s, err, sizeof(err)), 0, err);
	tc_tooldesc_free(&d);
	free(text);
}

/* Raw labels, constants with placeholders, filters, scale, bucket units. */
TC_TEST(toolout_bpftrace_maps)
{
	struct tc_samples s = {};

#define B "disk_latency_ns_bucket{dev=\"loop1\",op=\"read\","
	parse_report("fixtures/harness_desc_bpftrace.tool", "harness_bpftrace_maps.out",
		     reread_vars, ARRAY_SIZE(reread_vars), &s);
	check_samples(&s,
		      "vfs_read_ops{fs=\"ext4\"} 1024\n"
		      "disk_read_bytes{comm=\"tc_reread\",pid=\"10038\",dev=\"loop1\"} 33554432\n"
		      "disk_read_bytes{comm=\"kworker/u8:1\",pid=\"77\",dev=\"loop1\"} 4096\n"
		      "disk_read_bytes{comm=\"Web Content\",pid=\"5\",dev=\"loop1\"} 8192\n"
		      "disk_read_bytes{dev=\"loop1\"} 33558528\n"
		      B "lo=\"0\",hi=\"999\"} 2\n"
		      B "lo=\"1000\",hi=\"1999\"} 0\n"
		      B "lo=\"2000\",hi=\"3999\"} 0\n"
		      B "lo=\"4000\",hi=\"7999\"} 0\n"
		      B "lo=\"8000\",hi=\"15999\"} 0\n"
		      B "lo=\"16000\",hi=\"31999\"} 0\n"
		      B "lo=\"32000\",hi=\"63999\"} 0\n"
		      B "lo=\"64000\",hi=\"127999\"} 3\n"
		      B "lo=\"128000\",hi=\"255999\"} 7\n"
		      B "lo=\"256000\",hi=\"511999\"} 1\n",
		      "bpftrace maps through MAP rules");
#undef B
	tc_samples__free(&s);
}

/* The real capture of bpftrace-block-bytes: {DEV} filled from the run. */
TC_TEST(toolout_bpftrace_shipped)
{
	struct tc_samples s = {};

	parse_report("../../scenarios/tools/bpftrace-block-bytes.tool",
		     "harness_block_bytes_reread.out", reread_vars, ARRAY_SIZE(reread_vars), &s);
	check_samples(&s, "disk_read_bytes{comm=\"tc_reread\",dev=\"loop1\"} 33554432\n",
		      "bpftrace-block-bytes");
	tc_samples__free(&s);
}

/* Prometheus histograms: cumulative le buckets become lo..hi buckets in ns. */
TC_TEST(toolout_prom_histogram)
{
	struct tc_samples s = {};
	size_t found;

	parse_report("../../scenarios/tools/tracecal-iolatency.tool", "parse_prom_iolatency.txt",
		     reread_vars, ARRAY_SIZE(reread_vars), &s);
	CHECK_INT(sum_of(&s, "disk_latency_ns_bucket{op=\"read\",lo=\"16000\",hi=\"31999\"}",
			 &found),
		  496 - 13, "read 16..32 us, not cumulative");
	CHECK_U64(found, 1, "that bucket", "samples");
	CHECK_INT(sum_of(&s, "disk_latency_ns_bucket{op=\"read\",lo=\"0\",hi=\"999\"}", &found), 0,
		  "first bucket from 0");
	CHECK_INT(sum_of(&s, "disk_latency_ns_bucket{op=\"read\",lo=\"128000\",hi=\"+Inf\"}",
			 &found),
		  0, "open top bucket");
	CHECK_U64(found, 1, "open top bucket", "samples");
	CHECK_INT(sum_of(&s, "disk_latency_ns_bucket{op=\"read\"}", &found), 518, "read total");
	CHECK_U64(found, 9, "read buckets", "");
	CHECK_INT(sum_of(&s, "disk_latency_ns_bucket{le=~\".+\"}", &found), 0, "no le left");
	CHECK_U64(found, 0, "no le left", "samples");
	CHECK_INT(sum_of(&s, "disk_latency_ns_sum{op=\"read\"}", &found), 10678136,
		  "other samples as they are");
	tc_samples__free(&s);
}

/* A column table, labels and a metric taken by HEADER and COLUMN. */
TC_TEST(toolout_table)
{
	struct tc_samples s = {};

	parse_report("fixtures/harness_desc_table.tool", "parse_table_biotop.txt", reread_vars,
		     ARRAY_SIZE(reread_vars), &s);
	check_samples(&s,
		      "disk_ios_total{pid=\"2101\",comm=\"dd\",dev=\"loop2\"} 128\n"
		      "disk_ios_total{pid=\"2204\",comm=\"Web Content\",dev=\"vda\"} 2\n",
		      "biotop's last block, rows alike added up");
	tc_samples__free(&s);
}

/* A filter command, with {COMM} filled in. */
TC_TEST(toolout_filter)
{
	const char *vars[] = { "COMM=tc_opens" };
	struct tc_samples s = {};
	struct tc_tooldesc d;
	char err[1024] = "";

	load_tool("fixtures/harness_desc_filter.tool", &d);
	CHECK_ERR(tc_toolout_parse(&d, "42\n", vars, 1, &s, err, sizeof(err)), 0, err);
	check_samples(&s, "opens_total{comm=\"tc_opens\"} 42\n", "filtered");
	tc_samples__free(&s);
	tc_tooldesc_free(&d);
}

TC_TEST(toolout_errors)
{
	struct tc_samples s = {};
	struct tc_tooldesc d;
	char err[1024] = "";

	load_tool("../../tests/planted/planted-garbage.tool", &d);
	CHECK_ERR(tc_toolout_parse(&d, "syscalls_total 1\nthis is not { prometheus\n", reread_vars,
				   8, &s, err, sizeof(err)),
		  -EINVAL, "garbage");
	CHECK_TRUE(!strncmp(err, "line 2: ", 8), "'%s' does not name line 2", err);
	CHECK_INT(s.n, 0, "no samples");
	tc_tooldesc_free(&d);
}

/* A sample holds 8 labels: a MAP's seven all reach it (only buckets need two for lo, hi). */
TC_TEST(toolout_map_keeps_seven_labels)
{
	const char *vars[] = { "DEV=loop1" };
	struct tc_samples s = {};
	struct tc_tooldesc d;
	char err[1024] = "";

	load_tool("fixtures/harness_desc_seven_labels.tool", &d);
	CHECK_ERR(tc_toolout_parse(&d, "@rd[tc_reread]: 4096\n", vars, 1, &s, err, sizeof(err)), 0,
		  err);
	tc_tooldesc_free(&d);
	check_samples(&s, "disk_read_bytes{a=\"1\",b=\"2\",c=\"3\",d=\"4\",e=\"5\",f=\"6\","
			  "comm=\"tc_reread\"} 4096\n", "seven labels");
	tc_samples__free(&s);
}

/* A filter's value has its placeholders filled: a bpftrace probe name holds the path. */
TC_TEST(toolout_filter_fills_placeholders)
{
	const char *vars[] = { "TRACECAL=/opt/tc/tracecal", "COMM=tc_many" };
	struct tc_samples s = {};
	struct tc_tooldesc d;
	char err[1024] = "";

	load_tool("fixtures/harness_desc_probe_filter.tool", &d);
	CHECK_ERR(tc_toolout_parse(&d,
				   "@calls[uprobe:/opt/tc/tracecal:tc_wl_clock]: 2\n"
				   "@calls[uprobe:/opt/tc/tracecal:tc_wl_sc6]: 10008\n"
				   "@calls[uprobe:/elsewhere/tracecal:tc_wl_sc6]: 5\n",
				   vars, 2, &s, err, sizeof(err)),
		  0, err);
	tc_tooldesc_free(&d);
	check_samples(&s, "user_calls_total{func=\"tc_wl_sc6\",comm=\"tc_many\"} 10008\n",
		      "only the probe of {TRACECAL}'s tc_wl_sc6");
	tc_samples__free(&s);
}

/* A bucket needs two labels (lo, hi) for its le: one with 7 others cannot be read. */
TC_TEST(toolout_bucket_with_too_many_labels)
{
	struct tc_samples s = {};
	struct tc_tooldesc d;
	char err[1024] = "";

	load_tool("../../scenarios/tools/tracecal-iolatency.tool", &d);
	CHECK_ERR(tc_toolout_parse(&d, "disk_latency_ns_bucket{a=\"1\",b=\"2\",c=\"3\",d=\"4\","
				   "e=\"5\",f=\"6\",g=\"7\",le=\"1\"} 1\n", NULL, 0, &s, err,
				   sizeof(err)),
		  -E2BIG, "8 labels and le");
	CHECK_INT(s.n, 0, "no samples");
	tc_tooldesc_free(&d);
	CHECK_TRUE(strstr(err, "disk_latency_ns_bucket"), "the reason '%s' does not name the "
		   "sample", err);
}

TC_TEST(toolout_text_per_output)
{
	struct tc_tooldesc d = {};
	const char *out = "fixtures/harness_vfsstat_partial.out";
	const char *err = "fixtures/harness_vfsstat_partial.err";
	char *a = fixture("harness_vfsstat_partial.out");
	char *b = fixture("harness_vfsstat_partial.err");
	char *text, *both = malloc(strlen(a) + strlen(b) + 2);

	sprintf(both, "%s\n%s", a, b);
	d.output = TC_OUT_STDOUT;
	text = tc_toolout_text(&d, out, err, NULL);
	CHECK_STR(text, a, "stdout");
	free(text);
	d.output = TC_OUT_STDERR;
	text = tc_toolout_text(&d, out, err, NULL);
	CHECK_STR(text, b, "stderr");
	free(text);
	d.output = TC_OUT_BOTH;
	text = tc_toolout_text(&d, out, err, NULL);
	CHECK_STR(text, both, "both: stdout, a newline, stderr");
	free(text);
	d.output = TC_OUT_FILE;
	text = tc_toolout_text(&d, out, err, err);
	CHECK_STR(text, b, "the {OUT} file");
	free(text);
	CHECK_TRUE(tc_toolout_text(&d, out, err, NULL) == NULL, "file: no {OUT} file");
	d.output = TC_OUT_STDOUT;
	CHECK_TRUE(tc_toolout_text(&d, "fixtures/harness_no_such.out", err, NULL) == NULL,
		   "stdout: no file");
	free(a);
	free(b);
	free(both);
}

/* ---- judging captured runs ---- */

/* One run of a tool through a scenario, as the runner would have it. */
struct run {
	const char *tool;	/* descriptor */
	const char *scenario;	/* a scenario of scenarios/ */
	const char *out, *err;	/* fixtures: its stdout and stderr; NULL: none */
	const char *manifest;	/* fixture */
	const char *dev;	/* the fixture device of the run */
	__u64 read_sectors;	/* diskstats over the tool's window */
	__u64 reads;
	double allowed;		/* LOSS_ALLOWED (%) instead of the scenario's, if > 0 */
};

struct judged {
	struct tc_suite suite;
	struct tc_tooldesc tool;
	struct tc_outcome res;
	char vbuf[8][128];
	const char *vars[8];
};

static void load_shipped(struct tc_suite *suite)
{
	char err[1024] = "";
	glob_t g;

	CHECK_INT(glob("../../scenarios/*.scn", 0, NULL, &g), 0, "glob");
	for (size_t i = 0; i < g.gl_pathc; i++)
		CHECK_ERR(tc_suite_load(suite, g.gl_pathv[i], err, sizeof(err)), 0, err);
	globfree(&g);
}

static void judge(const struct run *r, struct judged *j)
{
	struct tc_judge_ctx jc = {};
	const struct tc_scenario *sc;
	char manifest[256];

	memset(j, 0, sizeof(*j));
	load_shipped(&j->suite);
	load_tool(r->tool, &j->tool);
	sc = tc_suite_find(&j->suite, r->scenario);
	if (!sc)
		fail_msg("judge:FAIL:no scenario %s", r->scenario);
	if (r->allowed > 0)
		((struct tc_scenario *)sc)->loss_allowed = r->allowed;
	snprintf(j->vbuf[0], 128, "TRACECAL=tracecal");
	snprintf(j->vbuf[1], 128, "DEV=%s", r->dev);
	snprintf(j->vbuf[2], 128, "DEVPATH=/dev/%s", r->dev);
	snprintf(j->vbuf[3], 128, "DEVNUM=7340032");
	snprintf(j->vbuf[4], 128, "MNT=/mnt");
	snprintf(j->vbuf[5], 128, "COMM=%s", sc->comm);
	snprintf(j->vbuf[6], 128, "OUT=fixtures/harness_no_such.report");
	snprintf(j->vbuf[7], 128, "DIR=../../tests/planted");
	for (int i = 0; i < 8; i++)
		j->vars[i] = j->vbuf[i];
	j->res.tool = &j->tool;
	j->res.sc = sc;
	snprintf(j->res.out_path, sizeof(j->res.out_path), "fixtures/%s",
		 r->out ? r->out : "harness_no_such.out");
	snprintf(j->res.err_path, sizeof(j->res.err_path), "fixtures/%s",
		 r->err ? r->err : "harness_no_such.err");
	snprintf(manifest, sizeof(manifest), "fixtures/%s", r->manifest);
	jc.manifest_path = manifest;
	jc.win.disk.rd_sectors = r->read_sectors;
	jc.win.disk.rd_ios = r->reads;
	jc.vars = j->vars;
	jc.nvars = 8;
	if (tc_judge_applicable(&j->tool, sc, &j->res))
		tc_judge(&jc, &j->tool, sc, &j->res);
	tc_judge_ctx_free(&jc);
}

static void judged_free(struct judged *j)
{
	tc_tooldesc_free(&j->tool);
	tc_suite_free(&j->suite);
}

/* The check of the expectation written as selector; it must apply. */
static const struct tc_check *check_of(const struct judged *j, const char *selector)
{
	for (int i = 0; i < j->res.nchecks; i++) {
		const struct tc_check *c = &j->res.checks[i];

		if (!strcmp(c->e->selector, selector)) {
			if (!c->applicable)
				fail_msg("check_of:FAIL:%s does not apply to %s", selector,
					 j->tool.name);
			return c;
		}
	}
	fail_msg("check_of:FAIL:%s is no expectation of %s", selector, j->res.sc->name);
	return NULL;
}

static void check_verdict(const struct tc_check *c, enum tc_verdict v, double actual,
			  double expected, const char *diagnosis)
{
	CHECK_STR(tc_verdict_name(c->verdict), tc_verdict_name(v), c->e->selector);
	CHECK_TRUE(c->actual == actual, "%s: actual %.0f != expected %.0f", c->e->selector,
		   c->actual, actual);
	CHECK_TRUE(c->expected == expected, "%s: truth %.0f != expected %.0f", c->e->selector,
		   c->expected, expected);
	CHECK_STR(c->diagnosis, diagnosis, c->e->selector);
}

/* Every applicable check PASSes with the right numbers and no diagnosis. */
static void check_all_pass(const struct judged *j)
{
	int n = 0;

	CHECK_STR(tc_verdict_name(j->res.verdict), "PASS", j->res.reason);
	for (int i = 0; i < j->res.nchecks; i++) {
		const struct tc_check *c = &j->res.checks[i];

		if (!c->applicable)
			continue;
		n++;
		CHECK_STR(tc_verdict_name(c->verdict), "PASS", c->message);
		CHECK_STR(c->diagnosis, "", c->e->selector);
	}
	CHECK_TRUE(n > 0, "%s: no check applied", j->tool.name);
}

#define SEL_DEV "disk_read_bytes{dev=\"{DEV}\"}"
#define SEL_COMM "disk_read_bytes{comm=\"{COMM}\"}"
#define SEL_VFS "vfs_read_bytes{comm=\"{COMM}\"}"

/* cached-reread: 32 MiB from the disk, 128 MiB at the VFS (4 passes). */
#define REREAD(tool_, out_, dev_)                                                                  \
	{ .tool = tool_, .scenario = "cached-reread", .out = out_,                                 \
	  .manifest = "harness_reread_manifest.json", .dev = dev_, .read_sectors = 65536,          \
	  .reads = 29 }

static const struct run disktop_reread = REREAD("../../scenarios/tools/tracecal-disktop.tool",
						"harness_disktop_reread.out", "loop0");

/* The numbers a disk-level tool must give, and does. */
TC_TEST(disktop_reread_passes)
{
	struct judged j;

	judge(&disktop_reread, &j);
	check_all_pass(&j);
	check_verdict(check_of(&j, SEL_DEV), TC_PASS, 32 * MIB, 32 * MIB, "");
	check_verdict(check_of(&j, SEL_COMM), TC_PASS, 32 * MIB, 32 * MIB, "");
	CHECK_STR(check_of(&j, SEL_DEV)->message, "tool 33,554,432 vs diskstats 33,554,432",
		  "message");
	CHECK_STR(check_of(&j, SEL_DEV)->oracle, "diskstats", "oracle");
	CHECK_U64(check_of(&j, SEL_DEV)->matched, 2, "samples matched: tracecal's and the reader's",
		  "");
	CHECK_STR(j.res.hooks, "io-start=tp_btf block:block_io_start; io-done=tp_btf "
			       "block:block_rq_complete", "hooks");
	CHECK_INT(j.res.reported_lost, 0, "nothing lost");
	judged_free(&j);
}

/* wrong-disktop-vfs counts read() returns as disk reads. */
TC_TEST(vfs_counted_as_disk)
{
	static const struct run r = REREAD("../../scenarios/tools/wrong/disktop-vfs.tool",
					   "harness_vfsdisk_reread.out", "loop0");
	static const char diag[] =
		"the numbers match the workload's VFS bytes: VFS counted as disk";
	struct judged j;

	judge(&r, &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "FAIL", "verdict");
	check_verdict(check_of(&j, SEL_DEV), TC_FAIL, 128 * MIB, 32 * MIB, diag);
	check_verdict(check_of(&j, SEL_COMM), TC_FAIL, 128 * MIB, 32 * MIB, diag);
	CHECK_STR(j.res.reason, SEL_DEV " FAIL: tool 134,217,728 vs diskstats 33,554,432 (4x): "
				"the numbers match the workload's VFS bytes: VFS counted as disk",
		  "reason");
	judged_free(&j);

	/* planted: tracecal's vfstop renamed */
	judge(&(struct run)REREAD("../../tests/planted/planted-vfs-as-disk.tool",
				  "harness_vfstop_reread.out", "loop0"),
	      &j);
	check_verdict(check_of(&j, SEL_DEV), TC_FAIL, 128 * MIB, 32 * MIB, diag);
	judged_free(&j);
}

/* The same numbers are right for a VFS-level tool. */
TC_TEST(vfstop_reread_passes)
{
	struct judged j;

	judge(&(struct run)REREAD("../../scenarios/tools/tracecal-vfstop.tool",
				  "harness_vfstop_reread.out", "loop0"),
	      &j);
	check_all_pass(&j);
	check_verdict(check_of(&j, SEL_VFS), TC_PASS, 128 * MIB, 128 * MIB, "");
	check_verdict(check_of(&j, "vfs_read_ops"), TC_PASS, 1024, 1024, "");
	CHECK_STR(check_of(&j, "vfs_read_ops")->message, "tool 1,024 >= 1,024 (manifest)", ">=");
	judged_free(&j);
}

TC_TEST(sectors_counted_as_bytes)
{
	static const char diag[] = "sectors counted as bytes: the numbers are 512 times too small";
	struct judged j;

	judge(&(struct run)REREAD("../../scenarios/tools/wrong/disktop-sectors.tool",
				  "harness_sectors_reread.out", "loop0"),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "FAIL", "verdict");
	check_verdict(check_of(&j, SEL_DEV), TC_FAIL, 65536, 32 * MIB, diag);
	CHECK_STR(check_of(&j, SEL_DEV)->message,
		  "tool 65,536 vs diskstats 33,554,432 (1/512x)", "message");
	judged_free(&j);

	judge(&(struct run)REREAD("../../tests/planted/planted-sectors.tool",
				  "harness_disktop_reread.out", "loop0"),
	      &j);
	check_verdict(check_of(&j, SEL_DEV), TC_FAIL, 65536, 32 * MIB, diag);
	check_verdict(check_of(&j, SEL_COMM), TC_FAIL, 65536, 32 * MIB, diag);
	judged_free(&j);
}

TC_TEST(doubled_counts)
{
	static const char diag[] = "doubled counts: every one counted twice";
	struct judged j;

	judge(&(struct run)REREAD("../../tests/planted/planted-doubled.tool",
				  "harness_disktop_reread.out", "loop0"),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "FAIL", "verdict");
	check_verdict(check_of(&j, SEL_DEV), TC_FAIL, 64 * MIB, 32 * MIB, diag);
	check_verdict(check_of(&j, SEL_COMM), TC_FAIL, 64 * MIB, 32 * MIB, diag);
	CHECK_STR(check_of(&j, SEL_COMM)->message,
		  "tool 67,108,864 vs manifest 33,554,432 (2x, outside +2%)", "message");
	judged_free(&j);
}

TC_TEST(charged_to_another_process)
{
	struct judged j;

	judge(&(struct run)REREAD("../../tests/planted/planted-other-pid.tool",
				  "harness_disktop_reread.out", "loop0"),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "FAIL", "verdict");
	/* the disk's total is right: only who did it is wrong */
	check_verdict(check_of(&j, SEL_DEV), TC_PASS, 32 * MIB, 32 * MIB, "");
	check_verdict(check_of(&j, SEL_COMM), TC_FAIL, 0, 32 * MIB,
		      "I/O charged to another process: 33554432 of it went to kworker/u8:1");
	judged_free(&j);
}

TC_TEST(probe_never_fired)
{
	static const char diag[] =
		"probe attached but never fired: the tool reported nothing at all";
	struct judged j;

	judge(&(struct run)REREAD("../../tests/planted/planted-nothing.tool",
				  "harness_disktop_reread.out", "loop0"),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "FAIL", "verdict");
	check_verdict(check_of(&j, SEL_DEV), TC_FAIL, 0, 32 * MIB, diag);
	check_verdict(check_of(&j, SEL_COMM), TC_FAIL, 0, 32 * MIB, diag);
	CHECK_U64(check_of(&j, SEL_DEV)->matched, 0, "samples matched", "");
	judged_free(&j);
}

/* bpftrace-block-bytes's real capture: right, and PASS. */
TC_TEST(block_bytes_reread_passes)
{
	struct judged j;

	judge(&(struct run)REREAD("../../scenarios/tools/bpftrace-block-bytes.tool",
				  "harness_block_bytes_reread.out", "loop0"),
	      &j);
	check_all_pass(&j);
	check_verdict(check_of(&j, SEL_DEV), TC_PASS, 32 * MIB, 32 * MIB, "");
	judged_free(&j);
}

/* ---- asynchronous and mapped I/O ---- */

#define URING(tool_, out_)                                                                         \
	{ .tool = tool_, .scenario = "uring-read", .out = out_,                                    \
	  .manifest = "harness_uring_manifest.json", .dev = "loop0", .read_sectors = 65536,        \
	  .reads = 128 }
#define MMAP(tool_, out_)                                                                          \
	{ .tool = tool_, .scenario = "mmap-read", .out = out_,                                     \
	  .manifest = "harness_mmap_manifest.json", .dev = "loop0", .read_sectors = 65536,         \
	  .reads = 30 }

TC_TEST(async_io_missed)
{
	struct judged j;

	judge(&(struct run)URING("../../scenarios/tools/bpftrace-syscall-rw.tool",
				 "harness_syscall_rw_uring.out"),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "FAIL", "verdict");
	check_verdict(check_of(&j, SEL_VFS), TC_FAIL, 0, 32 * MIB,
		      "async I/O missed: the workload used io_uring, which no read() or write() "
		      "carries");
	judged_free(&j);
}

TC_TEST(async_io_seen_passes)
{
	struct judged j;

	judge(&(struct run)URING("../../scenarios/tools/tracecal-vfstop.tool",
				 "harness_vfstop_uring.out"),
	      &j);
	check_all_pass(&j);
	check_verdict(check_of(&j, SEL_VFS), TC_PASS, 32 * MIB, 32 * MIB, "");
	judged_free(&j);
}

TC_TEST(mapped_io_missed)
{
	struct judged j;

	judge(&(struct run)MMAP("../../scenarios/tools/bpftrace-syscall-rw.tool",
				"harness_syscall_rw_mmap.out"),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "FAIL", "verdict");
	check_verdict(check_of(&j, SEL_VFS), TC_FAIL, 0, 32 * MIB,
		      "mapped I/O missed: the workload used mmap, which no read() or write() "
		      "carries");
	judged_free(&j);
}

/* The page faults' reads reach the disk: a disk-level tool sees them all. */
TC_TEST(mapped_io_seen_passes)
{
	struct judged j;

	judge(&(struct run)MMAP("../../scenarios/tools/tracecal-disktop.tool",
				"harness_disktop_mmap.out"),
	      &j);
	check_all_pass(&j);
	check_verdict(check_of(&j, SEL_COMM), TC_PASS, 32 * MIB, 32 * MIB, "");
	judged_free(&j);
}

/* syscall-counts: known counts from one process, no disk. */
#define SYSCALLS(tool_, out_, err_)                                                                \
	{ .tool = tool_, .scenario = "syscall-counts", .out = out_, .err = err_,                   \
	  .manifest = "harness_syscalls_manifest.json", .dev = "" }

/* ---- attaching ---- */

#define VFSSTAT(out_, err_)                                                                        \
	{ .tool = "../../scenarios/tools/bpftrace/bpftrace-vfsstat.tool", .scenario = "cached-reread",      \
	  .out = out_, .err = err_, .manifest = "harness_reread_manifest.json", .dev = "loop0",    \
	  .read_sectors = 65536, .reads = 28 }

TC_TEST(partial_attach_is_an_error)
{
	static const char reason[] =
		"partial attach: WARNING: could not attach probe kprobe:vfs_create, skipping.; "
		"WARNING: could not attach probe kprobe:vfs_open, skipping.; WARNING: could not "
		"attach probe kprobe:vfs_fsync, skipping.";
	struct judged j;

	judge(&(struct run)VFSSTAT("harness_vfsstat_partial.out", "harness_vfsstat_partial.err"),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "ERROR", "verdict");
	/* then, if kprobes are missing here, why: that part depends on this kernel */
	CHECK_TRUE(!strncmp(j.res.reason, reason, strlen(reason)), "reason: %s", j.res.reason);
	judged_free(&j);
}

/* Nothing was judged: no check of an ERROR run may read PASS in the reports. */
TC_TEST(partial_attach_judges_no_check)
{
	struct judged j;

	judge(&(struct run)VFSSTAT("harness_vfsstat_partial.out", "harness_vfsstat_partial.err"),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "ERROR", "verdict");
	CHECK_TRUE(check_of(&j, "vfs_read_ops")->verdict != TC_PASS,
		   "vfs_read_ops PASS in an ERROR run, message '%s'",
		   check_of(&j, "vfs_read_ops")->message);
	judged_free(&j);
}

/* bpftrace's own "could not attach probe" counts though the descriptor declares nothing. */
TC_TEST(engine_attach_warning_undeclared)
{
	struct run r = VFSSTAT("harness_vfsstat_partial.out", "harness_vfsstat_partial.err");
	struct judged j;

	r.tool = "fixtures/harness_desc_vfsstat_nowarn.tool";
	judge(&r, &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "ERROR", j.res.reason);
	CHECK_TRUE(!strncmp(j.res.reason, "partial attach: WARNING: could not attach probe "
			    "kprobe:vfs_create, skipping.", 71), "reason: %s", j.res.reason);
	judged_free(&j);
}

TC_TEST(full_attach_passes)
{
	struct judged j;

	judge(&(struct run)VFSSTAT("harness_vfsstat_ok.out", NULL), &j);
	check_all_pass(&j);
	check_verdict(check_of(&j, "vfs_read_ops"), TC_PASS, 1024, 1024, "");
	judged_free(&j);
}

TC_TEST(report_missing_or_unreadable)
{
	struct judged j;

	judge(&(struct run)REREAD("../../scenarios/tools/tracecal-disktop.tool", NULL, "loop0"),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "ERROR", "verdict");
	CHECK_STR(j.res.reason, "its report is missing (no output)", "no output");
	judged_free(&j);

	judge(&(struct run)SYSCALLS("../../tests/planted/planted-garbage.tool",
				    "harness_garbage.out", NULL),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "ERROR", "verdict");
	CHECK_STR(j.res.reason, "cannot read its report: line 1: expected a value: a number, +Inf, "
				"-Inf or NaN: 'this is not { prometheus'", "reason");
	judged_free(&j);
}

/* ---- losses ---- */


#define SEL_GETPPID "syscalls_total{comm=\"{COMM}\",name=\"getppid\"}"
#define SEL_TOTAL "syscalls_total{comm=\"{COMM}\"}"

TC_TEST(syscount_passes)
{
	struct judged j;

	judge(&(struct run)SYSCALLS("../../scenarios/tools/tracecal-syscount.tool",
				    "harness_syscount.out", NULL),
	      &j);
	check_all_pass(&j);
	check_verdict(check_of(&j, SEL_GETPPID), TC_PASS, 23, 23, "");
	check_verdict(check_of(&j, SEL_TOTAL), TC_PASS, 151, 151, "");
	judged_free(&j);
}

/* Fewer than happened, and the tool does not say it lost any. */
TC_TEST(loss_not_reported)
{
	struct judged j;

	judge(&(struct run)SYSCALLS("../../tests/planted/planted-loss.tool", "harness_syscount.out",
				    NULL),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "LOSS", "verdict");
	check_verdict(check_of(&j, SEL_GETPPID), TC_LOSS, 20, 23,
		      "3 missing and none reported lost");
	check_verdict(check_of(&j, SEL_TOTAL), TC_LOSS, 148, 151,
		      "3 missing and none reported lost");
	CHECK_STR(j.res.reason,
		  SEL_GETPPID " LOSS: tool 20 vs manifest 23 (-13.04%): 3 missing and none "
			      "reported lost",
		  "reason");
	judged_free(&j);
}

/*
 * The same shortfall, with as many reported lost by the map that feeds the
 * metric: ACCOUNTED while the share lost is within LOSS_ALLOWED, a FAIL beyond.
 */
TC_TEST(loss_accounted)
{
	struct run r = SYSCALLS("../../tests/planted/planted-accounted.tool",
				"harness_syscount_dropped.out", NULL);
	struct judged j;

	r.allowed = 2;
	judge(&r, &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "ACCOUNTED", j.res.reason);
	CHECK_INT(j.res.reported_lost, 3, "map_entries_dropped_total");
	check_verdict(check_of(&j, SEL_TOTAL), TC_ACCOUNTED, 148, 151,
		      "accounted for: 148 seen + 3 reported lost "
		      "(map_entries_dropped_total{map=\"proc_counts\"}) = 151 (1.99% lost, 2% allowed)");
	judged_free(&j);

	r.allowed = 0; /* the scenario's own: 1% */
	judge(&r, &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "FAIL", j.res.reason);
	check_verdict(check_of(&j, SEL_TOTAL), TC_FAIL, 148, 151,
		      "148 seen + 3 reported lost (map_entries_dropped_total{map=\"proc_counts\"}) = "
		      "151, but 1.99% lost is more than the 1% allowed (LOSS_ALLOWED): too little "
		      "seen to judge");
	judged_free(&j);

	/* a LOSS line of the tool's stderr, tied to the metric (LOSSES ... output) */
	r = (struct run)SYSCALLS("fixtures/harness_desc_loss.tool", "harness_syscount.out",
				 "harness_lost.err");
	r.allowed = 15;
	judge(&r, &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "ACCOUNTED", j.res.reason);
	CHECK_INT(j.res.reported_lost, 3, "Lost 3 events");
	check_verdict(check_of(&j, SEL_GETPPID), TC_ACCOUNTED, 20, 23,
		      "accounted for: 20 seen + 3 reported lost (its LOSS lines) = 23 (13.04% lost, "
		      "15% allowed)");
	judged_free(&j);
}

/*
 * An engine's loss message is a reported loss whatever the descriptor
 * declares (harness/engines.c): DTrace's "3 dynamic variable drops" counts 3,
 * tied to the metric by LOSSES ... output; SystemTap's MAXMAPENTRIES error
 * gives no count, and turns a silent LOSS into a FAIL saying so.
 */
TC_TEST(loss_in_an_engines_words)
{
	struct run r = SYSCALLS("fixtures/harness_desc_loss.tool", "harness_syscount.out",
				"harness_dtrace_drops.err");
	struct judged j;

	r.allowed = 15;
	judge(&r, &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "ACCOUNTED", j.res.reason);
	CHECK_INT(j.res.reported_lost, 3, "dtrace: 3 dynamic variable drops");
	check_verdict(check_of(&j, SEL_GETPPID), TC_ACCOUNTED, 20, 23,
		      "accounted for: 20 seen + 3 reported lost (its LOSS lines) = 23 (13.04% lost, "
		      "15% allowed)");
	judged_free(&j);

	r = (struct run)SYSCALLS("../../tests/planted/planted-loss.tool", "harness_syscount.out",
				 "harness_maxmap.err");
	judge(&r, &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "FAIL", j.res.reason);
	CHECK_INT(j.res.reported_lost, 0, "no count");
	check_verdict(check_of(&j, SEL_GETPPID), TC_FAIL, 20, 23,
		      "3 missing; the tool said it lost some but not how many (\"ERROR: Array "
		      "overflow, check MAXMAPENTRIES near identifier 't' at <input>:1:30\")");
	judged_free(&j);
}

/*
 * Losses count only where they come from what feeds the metric: tracecal's
 * missed completions and skipped runs of another probe say nothing of
 * syscall counts, unless the descriptor ties them (LOSSES).
 */
TC_TEST(loss_of_another_probe)
{
	struct run r = SYSCALLS("../../tests/planted/planted-accounted.tool",
				"harness_syscount_missed.out", NULL);
	struct judged j;

	r.allowed = 5;
	judge(&r, &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "FAIL", j.res.reason);
	CHECK_INT(j.res.reported_lost, 3, "completions_missed_total 2 + probe_runs_missed_total 1");
	check_verdict(check_of(&j, SEL_TOTAL), TC_FAIL, 148, 151,
		      "3 missing; the 3 the tool reported lost are of other maps or probes (no "
		      "LOSSES line ties them to syscalls_total)");
	judged_free(&j);

	r.tool = "fixtures/harness_desc_missed.tool";
	judge(&r, &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "ACCOUNTED", j.res.reason);
	check_verdict(check_of(&j, SEL_TOTAL), TC_ACCOUNTED, 148, 151,
		      "accounted for: 148 seen + 3 reported lost "
		      "(probe_runs_missed_total{probe=\"syscalls\"}, completions_missed_total) = 151 "
		      "(1.99% lost, 5% allowed)");
	judged_free(&j);
}

/*
 * disktop with --fault-drop-done=5 over cached-reread (a real run: 6 of the
 * 30 completions ignored): its missed bytes, in bytes and with the reader's
 * labels, account for what it did not see; its unit-less count of missed
 * completions (6) is not held against bytes. Hidden, the same run is a LOSS.
 * With every completion ignored (--fault-drop-done=all; the fixture is the
 * run above as that prints it), it saw
 * nothing: everything "reported lost" is no pass.
 */
TC_TEST(loss_in_the_metric_unit)
{
	struct judged j;
	const struct run r = { .tool = "../../tests/planted/planted-disk-missed.tool",
			       .scenario = "cached-reread", .out = "harness_disktop_missed.out",
			       .manifest = "harness_reread_manifest.json", .dev = "loop0",
			       .read_sectors = 65536, .reads = 30, .allowed = 25 };
	struct run silent = r, deaf = r;

	judge(&r, &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "ACCOUNTED", j.res.reason);
	CHECK_INT(j.res.reported_lost, 6, "completions_missed_total");
	check_verdict(check_of(&j, SEL_DEV), TC_ACCOUNTED, 26214400, 32 * MIB,
		      "accounted for: 26214400 seen + 7340032 reported lost "
		      "(disk_read_bytes_missed_total) = 33554432 (21.88% lost, 25% allowed)");
	check_verdict(check_of(&j, SEL_COMM), TC_ACCOUNTED, 26214400, 32 * MIB,
		      "accounted for: 26214400 seen + 7340032 reported lost "
		      "(disk_read_bytes_missed_total) = 33554432 (21.88% lost, 25% allowed)");
	judged_free(&j);

	silent.tool = "../../tests/planted/planted-disk-missed-silent.tool";
	judge(&silent, &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "LOSS", j.res.reason);
	check_verdict(check_of(&j, SEL_DEV), TC_LOSS, 26214400, 32 * MIB,
		      "7340032 missing and none reported lost");
	judged_free(&j);

	deaf.tool = "../../tests/planted/planted-disktop-deaf.tool";
	deaf.out = "harness_disktop_deaf.out";
	deaf.allowed = 100;
	judge(&deaf, &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "FAIL", j.res.reason);
	check_verdict(check_of(&j, SEL_DEV), TC_FAIL, 0, 32 * MIB,
		      "nothing seen: all 33554432 reported lost (disk_read_bytes_missed_total): a "
		      "probe that never fires, or one that loses everything");
	judged_free(&j);
}

/* Some loss reported, but less than is missing: still wrong. */
TC_TEST(loss_partly_accounted)
{
	struct judged j;

	judge(&(struct run)SYSCALLS("fixtures/harness_desc_loss.tool", "harness_syscount.out",
				    "harness_lost_few.err"),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "FAIL", "verdict");
	check_verdict(check_of(&j, SEL_GETPPID), TC_FAIL, 20, 23,
		      "1 reported lost does not account for the difference");
	judged_free(&j);
}

/* LOSS: "its first group, if any, is the count" (the directive's documentation). */
TC_TEST(loss_count_from_the_group)
{
	struct run r = SYSCALLS("fixtures/harness_desc_loss_cpu.tool", "harness_syscount.out",
				"harness_lost_cpu.err");
	struct judged j;

	r.allowed = 15;
	judge(&r, &j);
	CHECK_INT(j.res.reported_lost, 3, "CPU 2: lost 3 events");
	CHECK_STR(tc_verdict_name(j.res.verdict), "ACCOUNTED", j.res.reason);
	judged_free(&j);
}

/* ---- histograms ---- */

#define PIPE(tool_, out_)                                                                          \
	{ .tool = tool_, .scenario = "pipe-latency", .out = out_,                                  \
	  .manifest = "harness_pipe_manifest.json", .dev = "" }
#define SEL_HIST "vfs_latency_ns{fs=\"pipefs\",op=\"read\"}"

TC_TEST(histogram_passes)
{
	struct judged j;

	judge(&(struct run)PIPE("../../scenarios/tools/tracecal-vfslatency.tool",
				"harness_vfslatency_pipe.out"),
	      &j);
	check_all_pass(&j);
	check_verdict(check_of(&j, SEL_HIST), TC_PASS, 200, 200, "");
	/* a manifest of before samples_ns: its buckets, exactly (test_hist_place has the rest) */
	CHECK_STR(check_of(&j, SEL_HIST)->message,
		  "tool total 200 vs 200; every unit in its own bucket; buckets compared exactly "
		  "(no neighbours): the manifest has no samples_ns", "message");
	judged_free(&j);
}

/*
 * A real audit's run: the tool saw all 200 reads under 2,097,152 ns, the
 * workload timed one of them just above (its clock also held the wake-up).
 * The tool's Prometheus text ends with an empty bucket from 2,097,152 to
 * +Inf, which overlaps the manifest's 2,097,152..4,194,303: an empty bucket
 * says nothing, so the buckets compare. Its manifest has no samples_ns:
 * whether that read was within its slack of the edge cannot be told, so
 * its bucket is taken exactly, and the one read off fails. (The neighbour
 * rule passed it, and a tool with every latency doubled with it.)
 */
TC_TEST(histogram_empty_top_bucket)
{
	struct judged j;

	judge(&(struct run){ .tool = "../../scenarios/tools/tracecal-vfslatency.tool",
			     .scenario = "pipe-latency", .out = "harness_vfslatency_pipe_edge.out",
			     .manifest = "harness_pipe_edge_manifest.json", .dev = "" },
	      &j);
	check_verdict(check_of(&j, SEL_HIST), TC_FAIL, 200, 200, "");
	CHECK_STR(check_of(&j, SEL_HIST)->message,
		  "tool bucket 1 [1,048,576 .. 2,097,151]: 1 actual unit more than expected (and 1 "
		  "more elsewhere); total 200 vs 200; 2 unplaced, over 0 allowed; buckets compared "
		  "exactly (no neighbours): the manifest has no samples_ns", "message");
	judged_free(&j);
}

TC_TEST(histogram_never_fired)
{
	struct judged j;

	judge(&(struct run)PIPE("../../scenarios/tools/tracecal-vfslatency.tool",
				"harness_vfslatency_empty.out"),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "FAIL", "verdict");
	check_verdict(check_of(&j, SEL_HIST), TC_FAIL, 0, 200,
		      "probe attached but never fired: the tool reported no histogram");
	CHECK_U64(check_of(&j, SEL_HIST)->matched, 0, "buckets", "");
	judged_free(&j);
}

/* ---- which expectations apply ---- */

TC_TEST(applicable_expectations)
{
	struct judged j;
	static const bool bpftrace_syscalls[8] = { 1, 1, 1, 1, 1, 0, 0, 0 };

	judge(&disktop_reread, &j);
	CHECK_INT(j.res.nchecks, 4, "checks of cached-reread");
	CHECK_INT(j.res.checks[0].applicable + j.res.checks[1].applicable, 2, "disk checks apply");
	CHECK_INT(j.res.checks[2].applicable + j.res.checks[3].applicable, 0, "vfs checks do not");
	judged_free(&j);

	/* nothing of syscall-counts: a SKIP naming the metrics */
	judge(&(struct run)SYSCALLS("../../scenarios/tools/tracecal-disktop.tool",
				    "harness_syscount.out", NULL),
	      &j);
	CHECK_STR(tc_verdict_name(j.res.verdict), "SKIP", "verdict");
	CHECK_STR(j.res.reason, "it does not report what this scenario checks (syscalls_total, "
				"syscall_errors_total, opens_total, open_errors_total, with those "
				"labels)", "reason");
	judged_free(&j);

	/* bpftrace-syscalls counts named syscalls only: not the total */
	judge(&(struct run)SYSCALLS("../../scenarios/tools/bpftrace-syscalls.tool",
				    "harness_syscount.out", NULL),
	      &j);
	for (int i = 0; i < 8; i++)
		CHECK_INT(j.res.checks[i].applicable, bpftrace_syscalls[i],
			  j.res.checks[i].e->selector);
	judged_free(&j);
}

/* ---- the diagnoses, number by number ---- */

struct diag_case {
	const char *what;
	struct tc_diag_in in;
	const char *diagnosis; /* "" for none */
};

/*
 * vfs_bytes < 0: unknown; others: what other processes got, each no more than
 * is missing (< 0: the selector names no pid or comm); how: the async I/O the
 * workload used, or NULL.
 */
#define D(metric_, level_, actual_, expected_, vfs_, others_, owner_, how_, nothing_)            \
	{ .metric = metric_, .level = level_, .actual = actual_, .expected = expected_,            \
	  .vfs_bytes = vfs_, .others = others_, .other_owner = owner_, .async = how_ != NULL,      \
	  .async_how = how_, .nothing = nothing_ }

#define SECTORS "sectors counted as bytes: the numbers are 512 times too small"
#define VFS "the numbers match the workload's VFS bytes: VFS counted as disk"
#define DOUBLED "doubled counts: every one counted twice"
#define NOTHING "probe attached but never fired: the tool reported nothing at all"

TC_TEST(diagnoses)
{
	const struct diag_case cases[] = {
		{ "sectors", D("disk_read_bytes", "disk", 65536, 32 * MIB, -1, -1, NULL, NULL, 0),
		  SECTORS },
		{ "sectors, 2% off", D("disk_write_bytes", "disk", 131100, 67123200, -1, -1, NULL,
				       NULL, 0),
		  SECTORS },
		{ "sectors, too far", D("disk_read_bytes", "disk", 70000, 32 * MIB, -1, -1, NULL,
					NULL, 0),
		  "" },
		{ "sectors of a truth below 512", D("disk_read_bytes", "disk", 1, 511, -1, -1, NULL,
						    NULL, 0),
		  "" },
		{ "VFS as disk", D("disk_read_bytes", "disk", 128 * MIB, 32 * MIB, 128 * MIB, -1,
				   NULL, NULL, 0),
		  VFS },
		{ "VFS as disk, 1% off", D("disk_read_bytes", "disk", 129 * MIB, 32 * MIB,
					   130 * MIB, -1, NULL, NULL, 0),
		  VFS },
		{ "VFS numbers of a vfs metric", D("vfs_read_bytes", "vfs", 128 * MIB, 32 * MIB,
						   128 * MIB, -1, NULL, NULL, 0),
		  "" },
		{ "VFS bytes that are the disk's", D("disk_read_bytes", "disk", 64 * MIB, 32 * MIB,
						     32 * MIB, -1, NULL, NULL, 0),
		  DOUBLED },
		{ "doubled", D("syscalls_total", "syscall", 46, 23, -1, -1, NULL, NULL, 0),
		  DOUBLED },
		{ "tripled", D("syscalls_total", "syscall", 69, 23, -1, -1, NULL, NULL, 0), "" },
		{ "charged elsewhere", D("disk_read_bytes", "disk", 0, 4096, -1, 4096,
					 "kworker/u8:1", NULL, 0),
		  "I/O charged to another process: 4096 of it went to kworker/u8:1" },
		{ "charged elsewhere, 90%", D("disk_read_bytes", "disk", 1000, 2000, -1, 900, NULL,
					      NULL, 0),
		  "I/O charged to another process: 1000 of it went to others" },
		{ "charged elsewhere, too little",
		  D("disk_read_bytes", "disk", 1000, 2000, -1, 899, NULL, NULL, 0), "" },
		{ "others' opens add up to what is missing: no charging of opens",
		  D("opens_total", "syscall", 18, 56, -1, 38, "bash", NULL, 0), "" },
		{ "charged elsewhere, too much",
		  D("disk_read_bytes", "disk", 1000, 2000, -1, 1101, NULL, NULL, 0), "" },
		{ "a selector without pid or comm", D("disk_read_bytes", "disk", 0, 4096, -1, -1,
						      NULL, NULL, 0),
		  "" },
		{ "the workload absent, others there",
		  { .metric = "syscalls_total", .level = "syscall", .actual = 0, .expected = 23,
		    .vfs_bytes = -1, .others = 0, .absent = true },
		  "the workload is missing from the report, though other processes are in it: does "
		  "the tool print only its top N?" },
		{ "async, syscall level", D("vfs_read_bytes", "syscall", 0, 4096, -1, -1, NULL,
					    "io_uring", 1),
		  "async I/O missed: the workload used io_uring, which no read() or write() "
		  "carries" },
		{ "mapped, vfs level",
		  D("vfs_read_bytes", "vfs", 100, 4096, -1, -1, NULL, "mmap", 0),
		  "mapped I/O missed: the workload used mmap, which no read() or write() "
		  "carries" },
		{ "async, half seen", D("vfs_read_bytes", "vfs", 2048, 4096, -1, -1, NULL,
					"io_uring", 0),
		  "" },
		{ "async, disk level", D("disk_read_bytes", "disk", 0, 4096, -1, -1, NULL,
					 "io_uring", 1),
		  NOTHING },
		{ "nothing", D("opens_total", "syscall", 0, 66, -1, -1, NULL, NULL, 1), NOTHING },
		{ "nothing, nothing expected", D("opens_total", "syscall", 0, 0, -1, -1, NULL, NULL,
						 1),
		  "" },
		{ "nothing, and it died of SIGINT",
		  { .metric = "vfs_read_ops", .level = "vfs", .actual = 0, .expected = 1024,
		    .vfs_bytes = -1, .others = -1, .nothing = true, .died_of = SIGINT },
		  "nothing reported: it died of SIGINT when stopped, before printing what it had "
		  "counted (no handler: an interval tool loses the interval it was in)" },
		{ "some, and it died of SIGINT",
		  { .metric = "vfs_read_ops", .level = "vfs", .actual = 3, .expected = 23,
		    .vfs_bytes = -1, .others = -1, .died_of = SIGINT },
		  "" },
		{ "short, no clue", D("syscalls_total", "syscall", 20, 23, -1, 0, NULL, NULL, 0),
		  "" },
		/* unit errors: exact factors, both ways, within 2%; near misses are none */
		{ "KiB", D("disk_read_bytes", "disk", 32768, 32 * MIB, -1, -1, NULL, NULL, 0),
		  "a unit error, KiB counted as bytes: the numbers are 1024 times too small" },
		{ "KiB, 2% off", D("disk_read_bytes", "disk", 33400, 32 * MIB, -1, -1, NULL, NULL, 0),
		  "a unit error, KiB counted as bytes: the numbers are 1024 times too small" },
		{ "KiB, 7% off (and kB 4%)", D("disk_read_bytes", "disk", 35000, 32 * MIB, -1, -1, NULL, NULL, 0),
		  "" },
		{ "KiB, and some reported lost",
		  { .metric = "disk_read_bytes", .level = "disk", .actual = 31872, .lost = 896,
		    .expected = 32 * MIB, .vfs_bytes = -1, .others = -1 },
		  "a unit error, KiB counted as bytes: the numbers are 1024 times too small (with the "
		  "896 it reported lost)" },
		{ "kB", D("disk_write_bytes", "disk", 33554, 32 * MIB, -1, -1, NULL, NULL, 0),
		  "a unit error, kB counted as bytes: the numbers are 1000 times too small" },
		{ "times 1024", D("disk_read_bytes", "disk", 32.0 * MIB * 1024, 32 * MIB, -1, -1,
				  NULL, NULL, 0),
		  "a unit error, bytes taken for KiB (multiplied by 1024): the numbers are 1024 "
		  "times too large" },
		{ "pages", D("disk_read_bytes", "disk", 8192, 32 * MIB, -1, -1, NULL, NULL, 0),
		  "a unit error, pages counted as bytes: the numbers are 4096 times too small" },
		{ "bits", D("vfs_read_bytes", "vfs", 8.0 * 4096, 4096, -1, -1, NULL, NULL, 0),
		  "a unit error, bits counted as bytes: the numbers are 8 times too large" },
		{ "sectors for kB", D("disk_read_bytes", "disk", 32.0 * MIB * 1000 / 512, 32 * MIB,
				      -1, -1, NULL, NULL, 0),
		  "a unit error, sectors taken for kB (divided by 512, times 1000): the numbers are "
		  "1.953 times too large" },
		{ "no bytes, no byte units", D("syscalls_total", "syscall", 23 * 1024, 23, -1, -1,
					       NULL, NULL, 0),
		  "" },
		{ "us for ns", D("disk_latency_ns_sum", "disk", 2000, 2000000, -1, -1, NULL, NULL, 0),
		  "a unit error, microseconds counted as nanoseconds: the numbers are 1000 times too "
		  "small" },
		{ "ns for ms", D("vfs_latency_ns_sum", "vfs", 3e12, 3e6, -1, -1, NULL, NULL, 0),
		  "a unit error, nanoseconds counted as milliseconds: the numbers are 1e+06 times too "
		  "large" },
		{ "time factors are no byte factors",
		  D("disk_read_bytes", "disk", 32.0 * MIB * 1e6, 32 * MIB, -1, -1, NULL, NULL, 0),
		  "" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct diag_case *c = &cases[i];
		char out[300] = "junk";
		bool found = tc_diagnose(&c->in, out, sizeof(out));

		CHECK_INT(found, c->diagnosis[0] != '\0', c->what);
		CHECK_STR(out, c->diagnosis, c->what);
	}
}

/* Sectors are a unit of bytes: 512 times too few requests or calls are no sectors. */
TC_TEST(sectors_only_for_bytes)
{
	const struct tc_diag_in ios = D("disk_read_ios", "disk", 2, 1024, -1, -1, NULL, NULL, 0);
	const struct tc_diag_in calls = D("syscalls_total", "syscall", 10, 5120, -1, -1, NULL, NULL,
					  0);
	char out[300];

	tc_diagnose(&ios, out, sizeof(out));
	CHECK_TRUE(!strstr(out, "sectors"), "disk_read_ios 2 vs 1024: '%s'", out);
	tc_diagnose(&calls, out, sizeof(out));
	CHECK_TRUE(!strstr(out, "sectors"), "syscalls_total 10 vs 5120: '%s'", out);
}

static const struct tc_known_bug *const known_bugs = NULL;

/* A hook the kernel lacks, in libbpf's words, is named; other failures are not. */
TC_TEST(hook_missing_in_the_tools_words)
{
	char out[400] = "untouched", why[200];
	bool kprobes = tc_feat_kprobe(NULL, why, sizeof(why));

	CHECK_TRUE(tc_judge_hook_missing("libbpf: prog 'blk_account_io_start': failed to create "
					 "kprobe 'blk_account_io_start+0x0' perf event: No such "
					 "file or directory\n",
					 out, sizeof(out)),
		   "a kprobe on a function the kernel lacks");
	if (kprobes)
		CHECK_STR(out, "hook missing: kprobe target blk_account_io_start is not in this "
			       "kernel (renamed, inlined or not built)", "with kprobes");
	else
		CHECK_TRUE(!strncmp(out, "kprobes are not available here: ", 32) &&
				   strstr(out, "(the tool wanted one on blk_account_io_start)"),
			   "without kprobes: %s", out);
	CHECK_TRUE(tc_judge_hook_missing("libbpf: prog 'x': failed to find kernel BTF type ID of "
					 "'__blk_account_io_start': -3\n", out, sizeof(out)),
		   "an fentry target not in BTF");
	CHECK_STR(out, "hook missing: __blk_account_io_start is not in this kernel's BTF (an "
		       "fentry or tp_btf program cannot attach)", "fentry");
	if (kprobes) {
		CHECK_TRUE(tc_judge_hook_missing("libbpf: prog 'x': failed to create kprobe "
						 "'blk_account_io_start+0x0' perf event: Invalid "
						 "argument\n", out, sizeof(out)),
			   "a kprobe the kernel refuses");
		CHECK_STR(out, "hook refused: the kernel will not put a kprobe on "
			       "blk_account_io_start (Invalid argument: not a function entry it can "
			       "probe)", "EINVAL");
	}
	CHECK_TRUE(tc_judge_hook_missing("libbpf: prog 'blk_account_io_start': failed to attach: "
					 "Device or resource busy\n", out, sizeof(out)),
		   "an fentry the kernel refuses");
	CHECK_STR(out, "hook refused: blk_account_io_start could not attach (Device or resource "
		       "busy: a function the kernel cannot trace)", "EBUSY");
	CHECK_TRUE(tc_judge_hook_missing("libbpf: prog 'block_rq_complete': BPF program load "
					 "failed: Permission denied\nlibbpf: prog "
					 "'block_rq_complete': -- BEGIN PROG LOAD LOG --\n"
					 "85: (79) r2 = *(u64 *)(r1 +48)\n"
					 "R1 invalid mem access 'scalar'\n"
					 "processed 43 insns (limit 1000000) max_states_per_insn 0\n"
					 "-- END PROG LOAD LOG --\n", out, sizeof(out)),
		   "the verifier's refusal");
	CHECK_STR(out, "rejected by the verifier: its program block_rq_complete does not load here "
		       "(R1 invalid mem access 'scalar')", "the verifier's last word");
	snprintf(out, sizeof(out), "untouched");
	CHECK_TRUE(!tc_judge_hook_missing("libbpf: failed to create kprobe 'vfs_read+0x0' perf "
					  "event: Permission denied\n", out, sizeof(out)),
		   "EPERM is no missing hook");
	CHECK_TRUE(!tc_judge_hook_missing("Tracing... Hit Ctrl-C to end.\n", out, sizeof(out)),
		   "nothing said");
	CHECK_TRUE(!tc_judge_hook_missing(NULL, out, sizeof(out)), "no stderr");
	CHECK_STR(out, "untouched", "out is left alone when nothing is found");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(selectors_match_and_sum),
		cmocka_unit_test(hook_missing_in_the_tools_words),
		cmocka_unit_test(selector_parse),
		cmocka_unit_test(samples_add_limits),
		cmocka_unit_test(toolout_bpftrace_maps),
		cmocka_unit_test(toolout_bpftrace_shipped),
		cmocka_unit_test(toolout_prom_histogram),
		cmocka_unit_test(toolout_table),
		cmocka_unit_test(toolout_filter),
		cmocka_unit_test(toolout_errors),
		cmocka_unit_test(toolout_map_keeps_seven_labels),
		cmocka_unit_test(toolout_filter_fills_placeholders),
		cmocka_unit_test(toolout_bucket_with_too_many_labels),
		cmocka_unit_test(toolout_text_per_output),
		cmocka_unit_test(disktop_reread_passes),
		cmocka_unit_test(vfs_counted_as_disk),
		cmocka_unit_test(vfstop_reread_passes),
		cmocka_unit_test(sectors_counted_as_bytes),
		cmocka_unit_test(doubled_counts),
		cmocka_unit_test(charged_to_another_process),
		cmocka_unit_test(probe_never_fired),
		cmocka_unit_test(block_bytes_reread_passes),
		cmocka_unit_test(async_io_missed),
		cmocka_unit_test(async_io_seen_passes),
		cmocka_unit_test(mapped_io_missed),
		cmocka_unit_test(mapped_io_seen_passes),
		cmocka_unit_test(partial_attach_is_an_error),
		cmocka_unit_test(partial_attach_judges_no_check),
		cmocka_unit_test(engine_attach_warning_undeclared),
		cmocka_unit_test(full_attach_passes),
		cmocka_unit_test(report_missing_or_unreadable),
		cmocka_unit_test(syscount_passes),
		cmocka_unit_test(loss_not_reported),
		cmocka_unit_test(loss_accounted),
		cmocka_unit_test(loss_of_another_probe),
		cmocka_unit_test(loss_in_an_engines_words),
		cmocka_unit_test(loss_in_the_metric_unit),
		cmocka_unit_test(loss_partly_accounted),
		cmocka_unit_test(loss_count_from_the_group),
		cmocka_unit_test(histogram_passes),
		cmocka_unit_test(histogram_empty_top_bucket),
		cmocka_unit_test(histogram_never_fired),
		cmocka_unit_test(applicable_expectations),
		cmocka_unit_test(diagnoses),
		cmocka_unit_test(sectors_only_for_bytes),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_judge", tests, ARRAY_SIZE(tests), known_bugs, 0);
}
