// SPDX-License-Identifier: GPL-2.0
/*
 * What a run leaves behind: the writers of reports/writers.c (the line per
 * result, the summary, the matrix, JSON, TAP, JUnit XML) fed a handful of
 * outcomes with awkward text in them, and the known verdicts of
 * harness/campaign.c (fixtures/harness_known.txt): which line speaks for a
 * result, what a malformed line gives, when the campaign fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <unistd.h>
#include <json-c/json.h>
#include "tc_unit.h"
#include "../../harness/campaign.h"
#include "../../harness/judge.h"
#include "../../harness/proc.h"
#include "../../reports/totals.h"
#include "../../reports/writers.h"

/* Two tools, two scenarios, four outcomes: PASS, FAIL, SKIP, ERROR. */
struct world {
	struct tc_tooldesc tools[2];
	struct tc_scenario scs[2];
	struct tc_outcome r[4];
	struct tc_run_meta m;
};

static const char problems[1][600] = {
	"fixtures/x.scn:3: NAME 'a b': letters, digits, - and _ only (scenario a b is left out)",
};

static const char fail_reason[] =
	"disk_read_bytes{dev=\"{DEV}\"} FAIL: tool 1 < 2 & \"x\" # y\nz";

static void expect(struct tc_expect *e, const char *selector, const char *oracle, int line)
{
	snprintf(e->selector, sizeof(e->selector), "%s", selector);
	snprintf(e->op, sizeof(e->op), "==");
	snprintf(e->oracle.src, sizeof(e->oracle.src), "%s", oracle);
	snprintf(e->tolerance, sizeof(e->tolerance), "exact");
	e->file = "s.scn";
	e->line = line;
}

static void outcome(struct tc_outcome *r, const struct tc_tooldesc *t, const struct tc_scenario *sc,
		    enum tc_verdict v, const char *reason, double seconds)
{
	tc_outcome_bind(r, t, sc);
	r->verdict = v;
	r->seconds = seconds;
	snprintf(r->reason, sizeof(r->reason), "%s", reason);
	r->nchecks = sc->nexpect;
	for (int i = 0; i < sc->nexpect; i++)
		tc_check_bind(&r->checks[i], &sc->expect[i]);
}

static void world_init(struct world *w)
{
	memset(w, 0, sizeof(*w));
	snprintf(w->tools[0].name, sizeof(w->tools[0].name), "tool-a");
	w->tools[0].path = "a.tool";
	snprintf(w->tools[1].name, sizeof(w->tools[1].name), "tool<b>");
	w->tools[1].path = "b.tool";
	snprintf(w->scs[0].name, sizeof(w->scs[0].name), "sc1");
	snprintf(w->scs[0].description, sizeof(w->scs[0].description), "the first");
	w->scs[0].file = "s.scn";
	w->scs[0].nexpect = 1;
	expect(&w->scs[0].expect[0], "disk_read_bytes{dev=\"{DEV}\"}", "diskstats.read_bytes", 4);
	snprintf(w->scs[1].name, sizeof(w->scs[1].name), "sc2");
	snprintf(w->scs[1].description, sizeof(w->scs[1].description), "the second");
	w->scs[1].file = "s.scn";
	w->scs[1].nexpect = 2;
	expect(&w->scs[1].expect[0], "disk_read_bytes{dev=\"{DEV}\"}", "diskstats.read_bytes", 9);
	expect(&w->scs[1].expect[1], "vfs_read_bytes", "manifest.io.read_bytes", 10);

	outcome(&w->r[0], &w->tools[0], &w->scs[0], TC_PASS, "", 1.25);
	w->r[0].checks[0].applicable = true;
	w->r[0].checks[0].judged = true;
	w->r[0].checks[0].actual = 4096;
	w->r[0].checks[0].expected = 4096;
	w->r[0].checks[0].matched = 2;
	snprintf(w->r[0].checks[0].message, sizeof(w->r[0].checks[0].message),
		 "tool 4,096 vs diskstats 4,096");
	w->r[0].disk[1] = 4096;

	outcome(&w->r[1], &w->tools[0], &w->scs[1], TC_FAIL, fail_reason, 2);
	w->r[1].checks[0].applicable = true;
	w->r[1].checks[0].judged = true;
	w->r[1].checks[0].verdict = TC_FAIL;
	w->r[1].checks[0].actual = 1;
	w->r[1].checks[0].expected = 2;
	snprintf(w->r[1].checks[0].diagnosis, sizeof(w->r[1].checks[0].diagnosis), "doubled");

	outcome(&w->r[2], &w->tools[1], &w->scs[0], TC_SKIP,
		"it does not report what this scenario checks (x, with those labels)", 0);
	outcome(&w->r[3], &w->tools[1], &w->scs[1], TC_ERROR, "partial attach: a\x01" "b", 0.5);

	w->m.kernel = "6.18.44-fc";
	w->m.version = "0.1.0";
	w->m.started = "2026-11-22T19:00:00Z";
	w->m.seconds = 3.75;
}

static char *written(int (*write)(FILE *, const struct tc_outcome *, int,
				   const struct tc_run_meta *),
		     const struct world *w, int n)
{
	struct tc_capture cap;

	write(tc_capture_open(&cap), w->r, n, &w->m);
	return tc_capture_close(&cap);
}

/* ---- the line per result, the summary, the matrix ---- */

TC_TEST(line_and_summary)
{
	struct tc_capture cap;
	struct world w;
	FILE *f;
	char *text;

	world_init(&w);
	f = tc_capture_open(&cap);
	tc_write_line(f, &w.r[0], 1, 4, 0);
	tc_write_line(f, &w.r[1], 2, 4, 1);
	tc_write_line(f, &w.r[2], 3, 12, 0);
	text = tc_capture_close(&cap);
	CHECK_STR(text, "[1/4] tool-a                   sc1                    PASS        1.2s\n"
			"[2/4] tool-a                   sc2                    FAIL        2.0s\n"
			"    disk_read_bytes{dev=\"{DEV}\"} FAIL: tool 1 < 2 & \"x\" # y\nz\n"
			"    s.scn:9 FAIL disk_read_bytes{dev=\"{DEV}\"}: : doubled\n"
			"[ 3/12] tool<b>                  sc1                    SKIP        0.0s\n"
			"    it does not report what this scenario checks (x, with those labels)\n",
		  "lines");
	free(text);

	f = tc_capture_open(&cap);
	tc_write_summary(f, w.r, 4);
	text = tc_capture_close(&cap);
	CHECK_STR(text, "4 runs: 1 PASS 1 FAIL 1 ERROR 1 SKIP\n", "summary");
	free(text);
}

/*
 * A PASS bought with reported losses is ACCOUNTED everywhere, apart from a
 * clean PASS; an expectation of a run that failed before any number was
 * looked at says "not judged", never a verdict with no numbers.
 */
TC_TEST(accounted_and_not_judged)
{
	struct tc_capture cap;
	struct world w;
	char *text;

	world_init(&w);
	w.r[0].verdict = TC_ACCOUNTED;
	w.r[0].checks[0].verdict = TC_ACCOUNTED;
	snprintf(w.r[0].reason, sizeof(w.r[0].reason), "accounted for: 3 seen + 1 reported lost");
	w.r[3].nchecks = 1; /* the ERROR's expectation: applicable, never judged */
	tc_check_bind(&w.r[3].checks[0], &w.scs[1].expect[0]);
	w.r[3].checks[0].applicable = true;
	tc_write_line(tc_capture_open(&cap), &w.r[3], 4, 4, 1);
	text = tc_capture_close(&cap);
	CHECK_STR(text, "[4/4] tool<b>                  sc2                    ERROR       0.5s\n"
			"    partial attach: a\x01" "b\n"
			"    s.scn:9 not judged disk_read_bytes{dev=\"{DEV}\"}: the run is ERROR\n",
		  "not judged");
	free(text);
	text = written(tc_write_tap, &w, 4);
	CHECK_TRUE(strstr(text, "ok 1 - tool-a sc1 (ACCOUNTED: accounted for: 3 seen + 1 reported "
			  "lost)\n"), "TAP:\n%s", text);
	free(text);
	text = written(tc_write_junit, &w, 4);
	CHECK_TRUE(strstr(text, "<system-out>ACCOUNTED: accounted for: 3 seen + 1 reported lost"
			  "</system-out>"), "JUnit:\n%s", text);
	free(text);
	tc_write_matrix(tc_capture_open(&cap), w.r, 4);
	text = tc_capture_close(&cap);
	CHECK_TRUE(strstr(text, "tool-a  ACCOUNTED      FAIL\n"), "matrix:\n%s", text);
	free(text);
	tc_write_summary(tc_capture_open(&cap), w.r, 4);
	text = tc_capture_close(&cap);
	CHECK_STR(text, "4 runs: 1 ACCOUNTED 1 FAIL 1 ERROR 1 SKIP\n", "summary");
	free(text);
}

/* ---- OVERHEAD runs: the table, the numbers it derives, and the plot's data ---- */

TC_TEST(overhead_table)
{
	struct tc_capture cap;
	struct world w;
	char *text, err[300], dir[] = "/tmp/tc_test_plot.XXXXXX", png[64], dat[80];

	world_init(&w);
	CHECK_INT(tc_write_overhead(tc_capture_open(&cap), w.r, 4), 0, "no OVERHEAD run: no table");
	free(tc_capture_close(&cap));
	w.r[0].overhead = (struct tc_overhead){ .measured = true, .untraced_s = 2.0, .traced_s = 2.5,
						.rate = 800000, .events = 2000000,
						.untraced_cpu_ns = 2000000000ULL,
						.traced_cpu_ns = 2300000000ULL,
						.beat_untraced_ns = 4000000, .beat_traced_ns = 12500000 };
	CHECK_TRUE(tc_slowdown_pct(&w.r[0].overhead) == 25.0, "slowdown 2.5 s / 2 s: 25%%");
	CHECK_TRUE(tc_cpu_per_event_ns(&w.r[0].overhead) == 150.0,
		   "0.3 s more CPU over 2,000,000 events: 150 ns each");
	CHECK_INT(tc_write_overhead(tc_capture_open(&cap), w.r, 4), 1, "one row");
	text = tc_capture_close(&cap);
	CHECK_STR(text,
		  "overhead: tool             scenario           events/s  untraced    traced  "
		  "slowdown  cpu/event beat worst (untraced)\n"
		  "tool-a                     sc1                  800000    2.000s    2.500s     "
		  "25.0%      150ns    12.50ms     4.00ms\n",
		  "table");
	free(text);
	/* the plot: its data file whatever gnuplot does (not asked of it here) */
	CHECK_TRUE(mkdtemp(dir) != NULL, "mkdtemp");
	snprintf(png, sizeof(png), "%s/o.png", dir);
	snprintf(dat, sizeof(dat), "%s.dat", png);
	tc_write_overhead_plot(png, w.r, 4, err, sizeof(err));
	text = tc_file_read(dat, NULL);
	CHECK_STR(text ? text : "(none)", "# tool-a\n800000 25.00 150.0 12.500\n\n\n", "plot data");
	free(text);
	unlink(dat);
	snprintf(dat, sizeof(dat), "%s.gp", png);
	unlink(dat);
	unlink(png);
	rmdir(dir);
	w.r[0].overhead.measured = false;
	CHECK_INT(tc_write_overhead_plot(png, w.r, 4, err, sizeof(err)), -ENOENT, "nothing to plot");
	CHECK_STR(err, "no run measured an overhead (OVERHEAD) at a known event rate", "why");
}

TC_TEST(matrix)
{
	struct tc_capture cap;
	struct world w;
	char *text;

	world_init(&w);
	tc_write_matrix(tc_capture_open(&cap), w.r, 4);
	text = tc_capture_close(&cap);
	CHECK_STR(text, "tool           S1        S2\n"
			"tool-a       PASS      FAIL\n"
			"tool<b>      SKIP     ERROR\n"
			"\n"
			"S1   sc1: the first\n"
			"S2   sc2: the second\n"
			"\n"
			"tool-a x sc2: FAIL: disk_read_bytes{dev=\"{DEV}\"} FAIL: tool 1 < 2 & "
			"\"x\" # y\nz\n"
			"tool<b> x sc2: ERROR: partial attach: a\x01" "b\n"
			"\n"
			"Coverage: 3 of 4 cells judged, 1 SKIP; per tool (judged/cells):\n"
			"  tool-a                       2/2\n"
			"  tool<b>                      1/2\n",
		  "matrix: a SKIP of a tool the scenario is not about is no cell worth a look");
	free(text);
}

/* 3 tools x 100 scenarios: every scenario gets its column, the last ones too. */
TC_TEST(matrix_of_many_results)
{
	enum { NT = 3, NS = 100 };
	struct tc_tooldesc *tools = calloc(NT, sizeof(*tools));
	struct tc_scenario *scs = calloc(NS, sizeof(*scs));
	struct tc_outcome *r = calloc(NT * NS, sizeof(*r));
	struct tc_capture cap;
	char *text, *legend;

	assert_true(tools && scs && r);
	for (int t = 0; t < NT; t++)
		snprintf(tools[t].name, sizeof(tools[t].name), "t%d", t);
	for (int i = 0; i < NS; i++) {
		snprintf(scs[i].name, sizeof(scs[i].name), "sc%d", i);
		snprintf(scs[i].description, sizeof(scs[i].description), "number %d", i);
	}
	/* in the order a campaign runs them: scenario by scenario, every tool */
	for (int i = 0; i < NS; i++)
		for (int t = 0; t < NT; t++)
			outcome(&r[i * NT + t], &tools[t], &scs[i], TC_PASS, "", 0);
	tc_write_matrix(tc_capture_open(&cap), r, NT * NS);
	text = tc_capture_close(&cap);
	CHECK_TRUE(strstr(text, "       S99      S100\n"), "no column S100 in:\n%.300s", text);
	legend = strstr(text, "S100 sc99: number 99\n");
	CHECK_TRUE(legend != NULL, "no legend of sc99");
	free(text);
	free(tools);
	free(scs);
	free(r);
}

/* ---- JSON ---- */

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(o, key, &v))
		fail_msg("json:FAIL:no key '%s' in %s", key, json_object_to_json_string(o));
	return v;
}

static const char *get_str(json_object *o, const char *key)
{
	return json_object_get_string(get(o, key));
}

/*
 * The --out folder is the writers table, entry by entry: each file holds what
 * its writer writes alone; an unwritable folder is named in the error.
 */
TC_TEST(out_folder_is_the_writers_table)
{
	char dir[] = "/tmp/tc_writers_XXXXXX", path[600], err[700] = "";
	struct world w;

	world_init(&w);
	CHECK_TRUE(mkdtemp(dir) != NULL, "mkdtemp");
	CHECK_INT(tc_writers_write_all(dir, w.r, 4, &w.m, err, sizeof(err)), 0, err);
	for (size_t i = 0; i < tc_nwriters; i++) {
		char *text, *alone;

		snprintf(path, sizeof(path), "%s/%s", dir, tc_writers[i].file);
		text = tc_file_read(path, NULL);
		alone = written(tc_writers[i].write, &w, 4);
		CHECK_STR(text ? text : "(none)", alone, tc_writers[i].file);
		CHECK_TRUE(tc_writer_find(tc_writers[i].name) == &tc_writers[i], "%s by name",
			   tc_writers[i].name);
		free(text);
		free(alone);
		unlink(path);
	}
	CHECK_TRUE(tc_writer_find("csv") == NULL, "no csv writer");
	snprintf(path, sizeof(path), "%s/file", dir);
	close(creat(path, 0644));
	CHECK_INT(tc_writers_write_all(path, w.r, 4, &w.m, err, sizeof(err)), -ENOTDIR, "file");
	CHECK_TRUE(strstr(err, "/file") != NULL, "the path named: %s", err);
	unlink(path);
	rmdir(dir);
}

TC_TEST(json_parses_back)
{
	struct world w;
	json_object *root, *res, *counts, *check;
	char *text;

	world_init(&w);
	w.m.problems = problems;
	w.m.nproblems = 1;
	w.r[1].has_known = true;
	w.r[1].known = TC_FAIL;
	snprintf(w.r[1].known_why, sizeof(w.r[1].known_why), " doubled on purpose");
	{
		struct tc_capture cap;

		CHECK_INT(tc_write_json(tc_capture_open(&cap), w.r, 4, &w.m), 0, "write");
		text = tc_capture_close(&cap);
	}
	root = json_tokener_parse(text);
	CHECK_TRUE(root != NULL, "not JSON:\n%s", text);
	CHECK_STR(get_str(root, "tracecal"), "0.1.0", "tracecal");
	CHECK_STR(get_str(root, "kernel"), "6.18.44-fc", "kernel");
	CHECK_STR(get_str(root, "started"), "2026-11-22T19:00:00Z", "started");
	CHECK_TRUE(json_object_get_double(get(root, "seconds")) == 3.75, "seconds");
	counts = get(root, "counts");
	CHECK_INT(json_object_get_int(get(counts, "PASS")), 1, "PASS");
	CHECK_INT(json_object_get_int(get(counts, "FAIL")), 1, "FAIL");
	CHECK_INT(json_object_get_int(get(counts, "LOSS")), 0, "LOSS");
	CHECK_INT(json_object_get_int(get(counts, "SKIP")), 1, "SKIP");
	CHECK_INT(json_object_array_length(get(root, "input_errors")), 1, "input errors");
	CHECK_STR(json_object_get_string(json_object_array_get_idx(get(root, "input_errors"), 0)),
		  problems[0], "input error");
	CHECK_INT(json_object_array_length(get(root, "results")), 4, "results");

	res = json_object_array_get_idx(get(root, "results"), 1);
	CHECK_STR(get_str(res, "tool"), "tool-a", "tool");
	CHECK_STR(get_str(res, "descriptor"), "a.tool", "descriptor");
	CHECK_STR(get_str(res, "scenario"), "sc2", "scenario");
	CHECK_STR(get_str(res, "verdict"), "FAIL", "verdict");
	CHECK_STR(get_str(res, "reason"), fail_reason, "reason, quotes and newline kept");
	CHECK_STR(get_str(res, "known_verdict"), "FAIL", "known verdict");
	CHECK_STR(get_str(res, "known_why"), " doubled on purpose", "known why");
	CHECK_INT(json_object_array_length(get(res, "checks")), 2, "checks");
	check = json_object_array_get_idx(get(res, "checks"), 0);
	CHECK_STR(get_str(check, "expect"), "disk_read_bytes{dev=\"{DEV}\"}", "expect");
	CHECK_STR(get_str(check, "oracle"), "diskstats.read_bytes", "oracle");
	CHECK_STR(get_str(check, "where"), "s.scn", "where");
	CHECK_INT(json_object_get_int(get(check, "line")), 9, "line");
	CHECK_STR(get_str(check, "verdict"), "FAIL", "check verdict");
	CHECK_TRUE(json_object_get_double(get(check, "actual")) == 1, "actual");
	CHECK_STR(get_str(check, "diagnosis"), "doubled", "diagnosis");
	/* a check that does not apply says so, and nothing else */
	check = json_object_array_get_idx(get(res, "checks"), 1);
	CHECK_TRUE(!json_object_get_boolean(get(check, "applicable")), "not applicable");
	CHECK_TRUE(!json_object_object_get_ex(check, "verdict", NULL), "no verdict");

	res = json_object_array_get_idx(get(root, "results"), 0);
	CHECK_TRUE(get(res, "known_verdict") == NULL, "no known verdict: null");
	CHECK_INT(json_object_get_int64(get(get(res, "diskstats_delta"), "read_bytes")), 4096,
		  "diskstats read_bytes");
	check = json_object_array_get_idx(get(res, "checks"), 0);
	CHECK_TRUE(get(check, "diagnosis") == NULL, "no diagnosis: null");
	CHECK_INT(json_object_get_int(get(check, "samples_matched")), 2, "samples matched");
	json_object_put(root);
	free(text);
}

/*
 * A tool may print NaN or +Inf (the Prometheus format allows them): the
 * numbers of results.json must stay JSON, which has neither.
 */
TC_TEST(json_non_finite_numbers)
{
	struct tc_capture cap;
	json_object *root, *check;
	struct world w;
	char *text;

	world_init(&w);
	w.r[0].checks[0].actual = NAN;
	w.r[0].reported_lost = INFINITY;
	CHECK_INT(tc_write_json(tc_capture_open(&cap), w.r, 1, &w.m), 0, "write");
	text = tc_capture_close(&cap);
	CHECK_TRUE(!strstr(text, "NaN") && !strstr(text, "Infinity"),
		   "NaN or Infinity in the JSON:\n%s", text);
	root = json_tokener_parse(text);
	CHECK_TRUE(root != NULL, "not JSON");
	check = json_object_array_get_idx(get(json_object_array_get_idx(get(root, "results"), 0),
					      "checks"), 0);
	CHECK_TRUE(get(check, "actual") == NULL, "actual NaN is not null");
	json_object_put(root);
	free(text);
}

/* ---- TAP ---- */

TC_TEST(tap)
{
	struct world w;
	char *text;

	world_init(&w);
	text = written(tc_write_tap, &w, 4);
	CHECK_STR(text, "1..4\n"
			"ok 1 - tool-a sc1\n"
			"not ok 2 - tool-a sc2 (FAIL)\n"
			"#   disk_read_bytes{dev=\"{DEV}\"} FAIL: tool 1 < 2 & \"x\" _ y z\n"
			"ok 3 - tool<b> sc1 # SKIP it does not report what this scenario checks "
			"(x, with those labels)\n"
			"not ok 4 - tool<b> sc2 (ERROR)\n"
			"#   partial attach: a\x01" "b\n"
			"# coverage: 3 of 4 judged, 1 SKIP\n",
		  "TAP");
	free(text);
}

/* Input errors come first, each a failed test; a known failure is a TODO. */
TC_TEST(tap_input_errors_and_known)
{
	struct world w;
	char *text;

	world_init(&w);
	w.m.problems = problems;
	w.m.nproblems = 1;
	w.r[1].has_known = true;
	w.r[1].known = TC_FAIL;
	snprintf(w.r[1].known_why, sizeof(w.r[1].known_why), " doubled # on purpose");
	w.r[3].has_known = true;
	w.r[3].known = TC_FAIL; /* known to FAIL, but it is an ERROR: no TODO */
	text = written(tc_write_tap, &w, 4);
	CHECK_STR(text, "1..5\n"
			"not ok 1 - input error: fixtures/x.scn:3: NAME 'a b': letters, digits, - "
			"and _ only (scenario a b is left out)\n"
			"ok 2 - tool-a sc1\n"
			"not ok 3 - tool-a sc2 (FAIL) # TODO known: doubled _ on purpose\n"
			"#   disk_read_bytes{dev=\"{DEV}\"} FAIL: tool 1 < 2 & \"x\" _ y z\n"
			"ok 4 - tool<b> sc1 # SKIP it does not report what this scenario checks "
			"(x, with those labels)\n"
			"not ok 5 - tool<b> sc2 (ERROR)\n"
			"#   partial attach: a\x01" "b\n"
			"# coverage: 3 of 4 judged, 1 SKIP\n",
		  "TAP");
	free(text);
}

/* ---- JUnit ---- */

TC_TEST(junit)
{
	struct world w;
	char *text;

	world_init(&w);
	text = written(tc_write_junit, &w, 4);
	CHECK_STR(text,
		  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		  "<testsuites name=\"tracecal\" tests=\"4\" failures=\"1\" errors=\"1\" "
		  "skipped=\"1\" time=\"3.750\">\n"
		  "  <testsuite name=\"tracecal kernel 6.18.44-fc\" tests=\"4\" failures=\"1\" "
		  "errors=\"1\" skipped=\"1\" timestamp=\"2026-11-22T19:00:00Z\">\n"
		  "    <properties>\n      <property name=\"judged\" value=\"3\"/>\n"
		  "      <property name=\"skipped\" value=\"1\"/>\n    </properties>\n"
		  "    <testcase classname=\"tool-a\" name=\"sc1\" time=\"1.250\"></testcase>\n"
		  "    <testcase classname=\"tool-a\" name=\"sc2\" time=\"2.000\">\n"
		  "      <failure type=\"FAIL\" message=\"disk_read_bytes{dev=&quot;{DEV}&quot;} "
		  "FAIL: tool 1 &lt; 2 &amp; &quot;x&quot; # y&#10;z\"/>\n"
		  "    </testcase>\n"
		  "    <testcase classname=\"tool&lt;b&gt;\" name=\"sc1\" time=\"0.000\">\n"
		  "      <skipped type=\"SKIP\" message=\"it does not report what this scenario "
		  "checks (x, with those labels)\"/>\n"
		  "    </testcase>\n"
		  "    <testcase classname=\"tool&lt;b&gt;\" name=\"sc2\" time=\"0.500\">\n"
		  "      <error type=\"ERROR\" message=\"partial attach: a b\"/>\n"
		  "    </testcase>\n"
		  "  </testsuite>\n"
		  "</testsuites>\n",
		  "JUnit");
	free(text);
}

/* LOSS is a failure, TIMEOUT an error; a known verdict is skipped, saying so. */
TC_TEST(junit_kinds)
{
	struct world w;
	char *text;

	world_init(&w);
	w.r[0].verdict = TC_LOSS;
	snprintf(w.r[0].reason, sizeof(w.r[0].reason), "3 missing");
	w.r[1].has_known = true;
	w.r[1].known = TC_FAIL;
	snprintf(w.r[1].known_why, sizeof(w.r[1].known_why), " on <purpose>");
	w.r[2].verdict = TC_TIMEOUT;
	snprintf(w.r[2].reason, sizeof(w.r[2].reason), "never ready");
	w.m.problems = problems;
	w.m.nproblems = 1;
	text = written(tc_write_junit, &w, 3);
	CHECK_TRUE(strstr(text, "<testsuites name=\"tracecal\" tests=\"4\" failures=\"1\" "
				"errors=\"2\" skipped=\"1\" "),
		   "counts:\n%s", text);
	CHECK_TRUE(strstr(text, "    <testcase classname=\"input\" name=\"input error 1\" "
				"time=\"0\">\n      <error type=\"input\" "
				"message=\"fixtures/x.scn:3: NAME 'a b': letters, digits, - and _ "
				"only (scenario a b is left out)\"/>\n    </testcase>\n"),
		   "input error:\n%s", text);
	CHECK_TRUE(strstr(text, "<failure type=\"LOSS\" message=\"3 missing\"/>"), "LOSS:\n%s",
		   text);
	CHECK_TRUE(strstr(text, "<skipped type=\"FAIL\" message=\"known FAIL: on &lt;purpose&gt;; "
				"disk_read_bytes"),
		   "known:\n%s", text);
	CHECK_TRUE(strstr(text, "<error type=\"TIMEOUT\" message=\"never ready\"/>"),
		   "TIMEOUT:\n%s", text);
	free(text);
}

/*
 * ABORTED and SLOW, in every writer: by name, with the reason (the probe a
 * tool's guard named, the slowdown measured), neither a pass nor an ERROR.
 */
static void aborted_and_slow(struct world *w)
{
	world_init(w);
	w->r[1].verdict = TC_ABORTED;
	snprintf(w->r[1].aborted_probe, sizeof(w->r[1].aborted_probe), "syscalls");
	snprintf(w->r[1].reason, sizeof(w->r[1].reason), "it stopped itself under overload "
		 "during the workload, naming probe syscalls (exited with status 1): stopped early");
	w->r[1].nchecks = 0;
	w->r[3].verdict = TC_SLOW;
	snprintf(w->r[3].reason, sizeof(w->r[3].reason), "it slowed the workload 7.0x");
}

TC_TEST(aborted_and_slow_in_every_writer)
{
	static const char *const want[][3] = {
		/* writer, ABORTED as it says it, SLOW as it says it */
		{ "json", "\"verdict\": \"ABORTED\"", "\"verdict\": \"SLOW\"" },
		{ "tap", "not ok 2 - tool-a sc2 (ABORTED)", "not ok 4 - tool<b> sc2 (SLOW)" },
		{ "junit", "<failure type=\"ABORTED\" message=\"it stopped itself under overload",
		  "<failure type=\"SLOW\" message=\"it slowed the workload 7.0x\"" },
		{ "ktap", "# ABORTED: it stopped itself under overload", "# SLOW: it slowed the "
		  "workload 7.0x" },
		{ "html", "class=\"cell ABORTED", "class=\"cell SLOW" },
	};
	struct tc_capture cap;
	struct world w;
	char *text;

	aborted_and_slow(&w);
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		for (size_t k = 0; k < tc_nwriters; k++) {
			if (strcmp(tc_writers[k].name, want[i][0]))
				continue;
			text = written(tc_writers[k].write, &w, 4);
			CHECK_TRUE(strstr(text, want[i][1]), "%s: ABORTED:\n%s", want[i][0], text);
			CHECK_TRUE(strstr(text, want[i][2]), "%s: SLOW:\n%s", want[i][0], text);
			free(text);
		}
	}
	text = written(tc_write_json, &w, 4);
	CHECK_TRUE(strstr(text, "\"aborted_probe\": \"syscalls\""), "json: the probe:\n%s", text);
	free(text);
	tc_write_matrix(tc_capture_open(&cap), w.r, 4);
	text = tc_capture_close(&cap);
	CHECK_TRUE(strstr(text, "tool-a       PASS   ABORTED\n") &&
		   strstr(text, "tool-a x sc2: ABORTED: it stopped itself"), "matrix:\n%s", text);
	free(text);
	tc_write_summary(tc_capture_open(&cap), w.r, 4);
	text = tc_capture_close(&cap);
	CHECK_STR(text, "4 runs: 1 PASS 1 SKIP 1 ABORTED 1 SLOW\n", "summary");
	free(text);
	tc_write_closing(tc_capture_open(&cap), w.r, 4);
	text = tc_capture_close(&cap);
	CHECK_STR(text, "1 passed, 2 failed, 1 skipped\n", "closing: neither passes");
	free(text);
}

/* ---- known verdicts ---- */

static void load_known(struct tc_campaign *c)
{
	char err[1024] = "";

	memset(c, 0, sizeof(*c));
	CHECK_ERR(tc_campaign_known(c, "fixtures/harness_known.txt", err, sizeof(err)), 0, err);
}

TC_TEST(known_lines)
{
	static const char *const bad[] = {
		"fixtures/harness_known.txt:8: expected TOOL SCENARIO VERDICT [if|unless REQUIREMENT] "
		"# reason (the line is ignored)",
		"fixtures/harness_known.txt:9: expected TOOL SCENARIO VERDICT [if|unless REQUIREMENT] "
		"# reason (the line is ignored)",
		"fixtures/harness_known.txt:10: expected TOOL SCENARIO VERDICT [if|unless REQUIREMENT] "
		"# reason (the line is ignored)",
	};
	struct tc_campaign c;

	load_known(&c);
	CHECK_INT(c.nknown, 4, "lines read");
	CHECK_STR(c.known_path, "fixtures/harness_known.txt", "path");
	CHECK_STR(c.known[1].tool, "tool-a", "tool");
	CHECK_STR(c.known[1].scenario, "sc2", "scenario");
	CHECK_INT(c.known[1].verdict, TC_ERROR, "verdict");
	CHECK_STR(c.known[1].reason, " but sc2 errs", "reason");
	CHECK_INT(c.known[1].line, 4, "line");
	CHECK_STR(c.known[3].tool, "tool-c", "blanks around words");
	CHECK_INT(c.known[3].verdict, TC_LOSS, "blanks around words");
	CHECK_INT(c.known[3].line, 6, "blanks around words");
	CHECK_INT(c.nproblems, ARRAY_SIZE(bad), "malformed lines");
	for (int i = 0; i < c.nproblems && i < (int)ARRAY_SIZE(bad); i++)
		CHECK_STR(c.problems[i], bad[i], "malformed line");
	tc_campaign_free(&c);
}

TC_TEST(known_missing_file)
{
	struct tc_campaign c = {};
	char err[256] = "";

	CHECK_ERR(tc_campaign_known(&c, "fixtures/harness_no_such_known.txt", err, sizeof(err)), 0,
		  "a missing file is no error");
	CHECK_INT(c.nknown + c.nproblems, 0, "nothing known");
	CHECK_STR(c.known_path, "fixtures/harness_no_such_known.txt", "path kept");
	tc_campaign_free(&c);
}

/* A condition keeps a line on the machines where it holds, and drops it elsewhere. */
TC_TEST(known_conditions)
{
	static const char *const bad[] = {
		"fixtures/harness_known_cond.txt:6: 'when file /': after the verdict, only "
		"'if REQUIREMENT' or 'unless REQUIREMENT' (the line is ignored)",
		"fixtures/harness_known_cond.txt:7: REQUIRES 'nosuchkind': unknown kind (program, "
		"file, btf, tracepoint, kprobe, fentry, uprobe, perf_event, root)",
		"fixtures/harness_known_cond.txt:8: 'if': after the verdict, only 'if REQUIREMENT' "
		"or 'unless REQUIREMENT' (the line is ignored)",
	};
	struct tc_campaign c = {};
	char err[1024] = "";

	CHECK_ERR(tc_campaign_known(&c, "fixtures/harness_known_cond.txt", err, sizeof(err)), 0,
		  err);
	CHECK_INT(c.nknown, 2, "the two lines whose condition holds here");
	CHECK_STR(c.known[0].scenario, "sc1", "if file /: held");
	CHECK_INT(c.known[0].verdict, TC_FAIL, "if file /: held");
	CHECK_STR(c.known[0].cond, "if file /", "its condition, for the reader");
	CHECK_INT(c.known[0].line, 2, "if file /: its line");
	CHECK_STR(c.known[1].scenario, "sc2", "unless file /no/such/file: held");
	CHECK_INT(c.known[1].verdict, TC_LOSS, "unless file /no/such/file: held");
	CHECK_INT(c.known[1].line, 5, "unless: its line");
	CHECK_INT(c.nproblems, ARRAY_SIZE(bad), "malformed conditions");
	for (int i = 0; i < c.nproblems && i < (int)ARRAY_SIZE(bad); i++)
		CHECK_STR(c.problems[i], bad[i], "malformed condition");
	tc_campaign_free(&c);
}

static int known_for(const struct tc_campaign *c, const struct world *w, int tool, int sc,
		     enum tc_verdict v)
{
	struct tc_outcome r = {};

	outcome(&r, &w->tools[tool], &w->scs[sc], v, "", 0);
	return tc_campaign_known_verdict(c, &r);
}

TC_TEST(known_verdict_of_a_result)
{
	struct tc_campaign c;
	struct world w;

	world_init(&w);
	snprintf(w.tools[1].name, sizeof(w.tools[1].name), "tool-b");
	load_known(&c);
	CHECK_INT(known_for(&c, &w, 0, 0, TC_FAIL), TC_FAIL, "tool-a sc1: the * line");
	CHECK_INT(known_for(&c, &w, 0, 0, TC_PASS), TC_FAIL, "tool-a sc1 PASS: the * line");
	CHECK_INT(known_for(&c, &w, 0, 0, TC_SKIP), -1, "tool-a sc1 SKIP: no * line for a SKIP");
	CHECK_INT(known_for(&c, &w, 0, 1, TC_FAIL), TC_ERROR, "tool-a sc2: its line wins over *");
	CHECK_INT(known_for(&c, &w, 0, 1, TC_SKIP), TC_ERROR, "tool-a sc2 SKIP: its own line");
	CHECK_INT(known_for(&c, &w, 1, 0, TC_PASS), TC_FAIL, "tool-b sc1");
	CHECK_INT(known_for(&c, &w, 1, 1, TC_FAIL), -1, "tool-b sc2: no line");
	tc_campaign_free(&c);
}

/* The campaign fails on a result not as known, and on a known line that no longer holds. */
static int judge_results(const struct tc_outcome *r, int n, char **printed)
{
	struct tc_campaign c;
	struct tc_capture cap;
	int ret;

	load_known(&c);
	c.results = calloc(n, sizeof(*c.results));
	assert_non_null(c.results);
	memcpy(c.results, r, n * sizeof(*r));
	c.nresults = n;
	ret = tc_campaign_judge(&c, tc_capture_open(&cap));
	*printed = tc_capture_close(&cap);
	tc_campaign_free(&c);
	return ret;
}

TC_TEST(campaign_judge)
{
	struct tc_outcome r[4] = {};
	struct world w;
	char *printed;

	world_init(&w);
	snprintf(w.tools[1].name, sizeof(w.tools[1].name), "tool-b");
	/* all as known (the verdict, and the diagnosis its line names), passing, or skipped */
	outcome(&r[0], &w.tools[0], &w.scs[0], TC_FAIL, "x FAIL: 1 vs 2: every scenario of "
		"TOOL-A fails", 0);
	outcome(&r[1], &w.tools[0], &w.scs[1], TC_ERROR, "but sc2 errs: it said so", 0);
	outcome(&r[2], &w.tools[1], &w.scs[1], TC_PASS, "", 0);
	outcome(&r[3], &w.tools[1], &w.scs[1], TC_SKIP, "", 0);
	CHECK_INT(judge_results(r, 4, &printed), 0, "as known");
	CHECK_STR(printed, "", "nothing to say");
	free(printed);

	/* the known verdict, for another reason than the line's */
	outcome(&r[0], &w.tools[0], &w.scs[0], TC_FAIL, "x FAIL: 1 vs 2: doubled counts", 0);
	CHECK_INT(judge_results(r, 2, &printed), 1, "the verdict, but not the diagnosis");
	CHECK_STR(printed, "tool-a x sc1: FAIL as fixtures/harness_known.txt:3 says, but not for "
		  "its reason (\"every scenario of tool-a fails\"): x FAIL: 1 vs 2: doubled counts\n",
		  "the other reason named");
	free(printed);

	/* a known failure that now passes: the line no longer holds */
	outcome(&r[0], &w.tools[1], &w.scs[0], TC_PASS, "", 0);
	CHECK_INT(judge_results(r, 2, &printed), 1, "a line that no longer holds");
	CHECK_STR(printed, "tool-b x sc1: PASS, but fixtures/harness_known.txt says FAIL\n"
			   "note: fixtures/harness_known.txt:3 (tool-a * FAIL) was used by no run, "
			   "though its tool and scenario ran: a stale line?\n",
		  "what no longer holds (and tool-a's * line, which only sc2's shadowed)");
	free(printed);

	/* another verdict than the known one */
	outcome(&r[0], &w.tools[0], &w.scs[0], TC_LOSS, "", 0);
	CHECK_INT(judge_results(r, 1, &printed), 1, "LOSS where FAIL is known");
	CHECK_STR(printed, "tool-a x sc1: LOSS, but fixtures/harness_known.txt says FAIL\n",
		  "LOSS where FAIL is known");
	free(printed);

	/* a failure nobody wrote down; ACCOUNTED passes */
	outcome(&r[0], &w.tools[1], &w.scs[1], TC_FAIL, "", 0);
	outcome(&r[1], &w.tools[1], &w.scs[1], TC_ACCOUNTED, "accounted for", 0);
	CHECK_INT(judge_results(r, 2, &printed), 1, "an unknown failure");
	CHECK_STR(printed, "tool-b x sc2: FAIL, and fixtures/harness_known.txt does not expect "
		  "it\n", "the unknown failure named");
	free(printed);
}

/* A line whose tool and scenario ran, but that no result used, is said to be stale. */
/*
 * A line no result used, though its tool and scenario ran, is noted as
 * stale; a "*" line of a tool that only SKIPped here (its program missing)
 * is not, nor a line of a pair that did not run.
 */
static char *unused_notes(const struct world *w, const int (*runs)[3], int n)
{
	struct tc_campaign c;
	struct tc_capture cap;

	load_known(&c);
	c.results = calloc(n, sizeof(*c.results));
	assert_non_null(c.results);
	for (int i = 0; i < n; i++)
		outcome(&c.results[i], &w->tools[runs[i][0]], &w->scs[runs[i][1]], runs[i][2], "", 0);
	c.nresults = n;
	tc_campaign_judge(&c, tc_capture_open(&cap));
	tc_campaign_free(&c);
	return tc_capture_close(&cap);
}

TC_TEST(campaign_known_unused)
{
	static const int shadowed[][3] = { { 0, 1, TC_ERROR } };
	static const int skipped[][3] = { { 0, 0, TC_SKIP }, { 0, 1, TC_SKIP } };
	struct world w;
	char *printed;

	world_init(&w);
	printed = unused_notes(&w, shadowed, 1);
	CHECK_TRUE(strstr(printed, "note: fixtures/harness_known.txt:3 (tool-a * FAIL) was used by "
				   "no run, though its tool and scenario ran: a stale line?\n") != NULL,
		   "tool-a ran only where its sc2 line speaks: its * line is stale: %s", printed);
	free(printed);
	printed = unused_notes(&w, skipped, 2);
	CHECK_TRUE(!strstr(printed, "harness_known.txt:3 "),
		   "tool-a only SKIPped: its * line is not stale: %s", printed);
	CHECK_TRUE(!strstr(printed, "tool-c"), "tool-c did not run: not said: %s", printed);
	free(printed);
}

static const struct tc_known_bug *const known_bugs = NULL;

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(line_and_summary),
		cmocka_unit_test(accounted_and_not_judged),
		cmocka_unit_test(overhead_table),
		cmocka_unit_test(matrix),
		cmocka_unit_test(out_folder_is_the_writers_table),
		cmocka_unit_test(matrix_of_many_results),
		cmocka_unit_test(json_parses_back),
		cmocka_unit_test(json_non_finite_numbers),
		cmocka_unit_test(tap),
		cmocka_unit_test(tap_input_errors_and_known),
		cmocka_unit_test(junit),
		cmocka_unit_test(junit_kinds),
		cmocka_unit_test(aborted_and_slow_in_every_writer),
		cmocka_unit_test(known_lines),
		cmocka_unit_test(known_missing_file),
		cmocka_unit_test(known_conditions),
		cmocka_unit_test(known_verdict_of_a_result),
		cmocka_unit_test(campaign_judge),
		cmocka_unit_test(campaign_known_unused),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_reports", tests, ARRAY_SIZE(tests), known_bugs, 0);
}
