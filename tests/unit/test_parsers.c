// SPDX-License-Identifier: GPL-2.0
/*
 * The parsers of tools' output: Prometheus text, bpftrace's maps, column
 * tables. Real captures are in fixtures/parse_* (how each was made:
 * fixtures/parse_fixtures.md); the samples expected of them are written
 * as Prometheus text in fixtures/parse_*.expected and compared as text,
 * so that a failure shows both in full. The filter command is tested in
 * test_filter.c.
 */
#include <errno.h>
#include <math.h>
#include "tc_unit.h"
#include "../../readers/parse_bpftrace.h"
#include "../../readers/parse_prom.h"
#include "../../readers/parse_table.h"

static char *fixture(const char *name, size_t *len)
{
	char path[256], *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	snprintf(path, sizeof(path), "fixtures/%s", name);
	f = fopen(path, "r");
	if (!f)
		fail_msg("fixture:FAIL:%s: %s", path, strerror(errno));
	n = getdelim(&buf, &cap, '\0', f);
	fclose(f);
	if (n < 0)
		fail_msg("fixture:FAIL:%s: empty", path);
	if (len)
		*len = n;
	return buf;
}

/* Samples as Prometheus text, a line each: what the expected files hold. */
static char *text_of(const struct tc_samples *s)
{
	struct tc_capture cap;

	tc_prom_write(tc_capture_open(&cap), s);
	return tc_capture_close(&cap);
}

static void check_samples(const struct tc_samples *s, const char *expected, const char *what)
{
	char *text = text_of(s);
	bool ok = tc_ok_str(what, text, expected, "samples");

	free(text);
	if (!ok)
		fail();
}

static void check_fixture_samples(const struct tc_samples *s, const char *name)
{
	char *expected = fixture(name, NULL);

	check_samples(s, expected, name);
	free(expected);
}

static double value_of(const struct tc_samples *s, const char *selector)
{
	struct tc_selector sel;
	char err[256];
	size_t found;
	double v;

	if (tc_selector_parse(selector, &sel, err, sizeof(err)))
		fail_msg("selector:FAIL:%s", err);
	v = tc_samples__sum(s, &sel, &found);
	if (found != 1)
		fail_msg("value_of:FAIL:%s unexpected %zu samples != expected 1", selector, found);
	return v;
}

/* ---- Prometheus text ---- */

static int prom(const char *text, enum tc_prom_keep keep, struct tc_samples *s, char *err)
{
	return tc_prom_parse(text, strlen(text), keep, s, err, 256);
}

/* tracecal trace syscount --interval 1s --prom: three snapshots; the last is kept. */
TC_TEST(prom_tracecal_interval_last)
{
	struct tc_samples s = {};
	char err[256] = "";
	size_t len;
	char *text = fixture("parse_prom_syscount_interval.txt", &len);

	CHECK_ERR(tc_prom_parse(text, len, TC_PROM_LAST, &s, err, sizeof(err)), 0, err);
	check_fixture_samples(&s, "parse_prom_syscount_interval.expected");
	CHECK_INT(value_of(&s, "syscalls_total{name=\"mmap\"}"), 32, "mmap in the last snapshot");
	tc_samples__free(&s);
	free(text);
}

TC_TEST(prom_tracecal_interval_all)
{
	struct tc_samples s = {};
	struct tc_selector sel;
	char err[256] = "";
	size_t len, found;
	char *text = fixture("parse_prom_syscount_interval.txt", &len);

	CHECK_ERR(tc_prom_parse(text, len, TC_PROM_ALL, &s, err, sizeof(err)), 0, err);
	CHECK_INT(s.n, 3 * 40, "samples in three snapshots of 40");
	CHECK_STR(s.v[6].name, "syscalls_total", "7th sample");
	CHECK_STR(tc_sample__label(&s.v[6], "name"), "mmap", "7th sample's name");
	CHECK_INT(s.v[6].value, 8, "mmap in the first snapshot");
	CHECK_INT(s.v[40 + 6].value, 24, "mmap in the second snapshot");
	CHECK_ERR(tc_selector_parse("syscalls_total{name=\"mmap\"}", &sel, err, sizeof(err)), 0,
		  err);
	CHECK_INT(tc_samples__sum(&s, &sel, &found), 8 + 24 + 32, "mmap summed");
	CHECK_INT(found, 3, "mmap samples");
	tc_samples__free(&s);
	free(text);
}

/* tracecal trace iolatency --prom: a histogram, one snapshot. */
TC_TEST(prom_tracecal_histogram)
{
	struct tc_samples s = {};
	char err[256] = "";
	size_t len;
	char *text = fixture("parse_prom_iolatency.txt", &len);

	CHECK_ERR(tc_prom_parse(text, len, TC_PROM_LAST, &s, err, sizeof(err)), 0, err);
	check_fixture_samples(&s, "parse_prom_iolatency.expected");
	CHECK_INT(value_of(&s, "disk_latency_ns_bucket{op=\"read\",le=\"+Inf\"}"), 518,
		  "read +Inf bucket");
	tc_samples__free(&s);
	free(text);
}

/* Everything the format allows, and what it is read as. */
TC_TEST(prom_syntax)
{
	static const char text[] =
		"# HELP a An a.\n"
		"# TYPE a counter\n"
		"#  a comment\n"
		"\n"
		"a 1\n"
		"b{x=\"1\",y=\"two\"} 2.5\n"
		"c{q=\"say \\\"hi\\\"\\\\n\\n\"} -3e2\n"
		"  d { k = \"v\" , } +Inf 1700000000000\n"
		"e{} -Inf\n"
		"f\tNaN\t-12\n"
		"g_total:sub 18446744073709551616\r\n"
		"h .5\n"
		"i inf\n"
		"@map_bucket{lo=\"-Inf\"} 7\n"
		"j 1.5e-3 1.25\n";
	struct tc_samples s = {};
	char err[256] = "";

	CHECK_ERR(prom(text, TC_PROM_LAST, &s, err), 0, err);
	CHECK_INT(s.n, 11, "samples");
	CHECK_TRUE(isnan(s.v[5].value), "prom_syntax:FAIL:f unexpected %g != expected NaN",
		   s.v[5].value);
	CHECK_STR(s.v[2].labels[0].value, "say \"hi\"\\n\n", "unescaped label value");
	check_samples(&s,
		      "a 1\n"
		      "b{x=\"1\",y=\"two\"} 2.5\n"
		      "c{q=\"say \\\"hi\\\"\\\\n\\n\"} -300\n"
		      "d{k=\"v\"} +Inf\n"
		      "e -Inf\n"
		      "f NaN\n"
		      "g_total:sub 18446744073709551616\n"
		      "h 0.5\n"
		      "i +Inf\n"
		      "@map_bucket{lo=\"-Inf\"} 7\n"
		      "j 0.0015\n",
		      "prom_syntax");
	tc_samples__free(&s);
}

TC_TEST(prom_last_or_all_snapshots)
{
	static const char text[] = "a 1\n# EOF\na 2\nb 1\n# EOF\n\n# the next one begins\n";
	struct tc_samples s = {};
	char err[256] = "";

	CHECK_ERR(prom(text, TC_PROM_LAST, &s, err), 0, err);
	check_samples(&s, "a 2\nb 1\n", "last");
	s.n = 0;
	CHECK_ERR(prom(text, TC_PROM_ALL, &s, err), 0, err);
	check_samples(&s, "a 1\na 2\nb 1\n", "all");
	tc_samples__free(&s);
}

/* Samples are appended to what the set held, and on an error it is left as it was. */
TC_TEST(prom_appends_and_restores)
{
	struct tc_samples s = {};
	char err[256] = "";

	CHECK_ERR(tc_samples__add(&s, "before", NULL, 0, 1), 0, "add");
	CHECK_ERR(prom("a 1\n# EOF\na 2\n# EOF\n", TC_PROM_LAST, &s, err), 0, err);
	check_samples(&s, "before 1\na 2\n", "appended");
	CHECK_ERR(prom("b 1\nb{x=\"1\"} 2\nc\n", TC_PROM_LAST, &s, err), -EINVAL, "bad line 3");
	check_samples(&s, "before 1\na 2\n", "left as it was");
	tc_samples__free(&s);
}

struct bad_text {
	const char *text;
	int ret;
	const char *err;
};

static const struct bad_text bad_prom[] = {
	{ "a 1\nb{x=\"1} 2\n", -EINVAL,
	  "line 2: a label value has no closing quote: 'b{x=\"1} 2'" },
	{ "a{x=1} 2\n", -EINVAL, "line 1: a label value must be in double quotes: 'a{x=1} 2'" },
	{ "# c\na 1\na{x=\"\\t\"} 2\n", -EINVAL,
	  "line 3: unknown escape in a label value (only \\\\ \\\" \\n): 'a{x=\"\\t\"} 2'" },
	{ "a{x=\"1\",x=\"2\"} 1\n", -EINVAL,
	  "line 1: a label given twice: 'a{x=\"1\",x=\"2\"} 1'" },
	{ "a{x=\"1\" y=\"2\"} 1\n", -EINVAL,
	  "line 1: expected ',' or '}' after a label: 'a{x=\"1\" y=\"2\"} 1'" },
	{ "a{x} 1\n", -EINVAL, "line 1: expected '=' after a label name: 'a{x} 1'" },
	{ "a{1x=\"1\"} 1\n", -EINVAL, "line 1: expected a label name: 'a{1x=\"1\"} 1'" },
	{ "\n\n1a 2\n", -EINVAL, "line 3: expected a metric name: '1a 2'" },
	{ "a\n", -EINVAL, "line 1: expected a blank, then the value: 'a'" },
	{ "a{x=\"1\"}2\n", -EINVAL, "line 1: expected a blank, then the value: 'a{x=\"1\"}2'" },
	{ "a one\n", -EINVAL,
	  "line 1: expected a value: a number, +Inf, -Inf or NaN: 'a one'" },
	{ "a 1e\n", -EINVAL, "line 1: expected a value: a number, +Inf, -Inf or NaN: 'a 1e'" },
	{ "a 0x10\n", -EINVAL,
	  "line 1: expected a value: a number, +Inf, -Inf or NaN: 'a 0x10'" },
	{ "a 1 2 3\n", -EINVAL, "line 1: text after the timestamp: 'a 1 2 3'" },
	{ "a 1 now\n", -EINVAL, "line 1: expected a timestamp or the end of the line: 'a 1 now'" },
	{ "a{a=\"\",b=\"\",c=\"\",d=\"\",e=\"\",f=\"\",g=\"\",h=\"\",i=\"\"} 1\n", -E2BIG,
	  "line 1: more labels than a sample holds: "
	  "'a{a=\"\",b=\"\",c=\"\",d=\"\",e=\"\",f=\"\",g=\"\",h=\"\",i=\"\"} 1'" },
	{ "a{x=\"1\"} 1\nb 1\na{x=\"1\"} 2\n", -EINVAL,
	  "line 3: a series given twice in one snapshot: 'a{x=\"1\"} 2'" },
	{ "a 1\n# EOF\na 2\n\n", -EINVAL,
	  "line 3: samples after the '# EOF' of line 2, and no '# EOF' after them: an "
	  "incomplete snapshot" },
};

TC_TEST(prom_errors_name_the_line)
{
	for (size_t i = 0; i < ARRAY_SIZE(bad_prom); i++) {
		struct tc_samples s = {};
		char err[256] = "", what[64];

		snprintf(what, sizeof(what), "bad text %zu", i);
		CHECK_ERR(prom(bad_prom[i].text, TC_PROM_ALL, &s, err), bad_prom[i].ret, what);
		CHECK_STR(err, bad_prom[i].err, what);
		CHECK_INT(s.n, 0, what);
		tc_samples__free(&s);
	}
}

/* A series may come again in the next snapshot; a NUL byte is never text. */
TC_TEST(prom_snapshots_repeat_series_but_no_nul)
{
	static const char nul[] = "a 1\nb\0 2\n";
	struct tc_samples s = {};
	char err[256] = "";

	CHECK_ERR(prom("a 1\n# EOF\na 2\n# EOF\n", TC_PROM_ALL, &s, err), 0, err);
	CHECK_INT(s.n, 2, "samples");
	CHECK_ERR(tc_prom_parse(nul, sizeof(nul) - 1, TC_PROM_ALL, &s, err, sizeof(err)), -EINVAL,
		  "NUL");
	CHECK_STR(err, "line 2: a NUL byte in the line: 'b'", "NUL");
	tc_samples__free(&s);
}

/* What tc_prom_write prints, tc_prom_parse reads back the same. */
TC_TEST(prom_write_reads_back)
{
	struct tc_label l[2] = { { "path", "/a \"b\"\\c\nd" }, { "le", "+Inf" } };
	struct tc_samples s = {}, back = {};
	double values[] = { 0, -1, 9007199254740993.0, 0.1, 1e-300, 123456789.125, INFINITY };
	char err[256] = "", *text;

	for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
		char name[16];

		snprintf(name, sizeof(name), "m%zu", i);
		CHECK_ERR(tc_samples__add(&s, name, l, i % 3, values[i]), 0, "add");
	}
	text = text_of(&s);
	CHECK_ERR(prom(text, TC_PROM_LAST, &back, err), 0, err);
	CHECK_INT(back.n, s.n, "samples read back");
	for (size_t i = 0; i < s.n; i++) {
		CHECK_TRUE(back.v[i].value == s.v[i].value,
			   "write_reads_back:FAIL:value %zu unexpected %.17g != expected %.17g", i,
			   back.v[i].value, s.v[i].value);
		CHECK_INT(memcmp(back.v[i].labels, s.v[i].labels,
				 s.v[i].nlabels * sizeof(struct tc_label)) != 0,
			  0, "labels differ");
	}
	free(text);
	tc_samples__free(&s);
	tc_samples__free(&back);
}

/* ---- bpftrace ---- */

static int bt(const char *text, const struct tc_bpftrace_opts *o, struct tc_samples *s,
	      struct tc_lines *other, char *err)
{
	return tc_bpftrace_parse(text, strlen(text), o, s, other, err, 256);
}

static void bt_fixture(const char *name, const struct tc_bpftrace_opts *o, struct tc_samples *s,
		       struct tc_lines *other)
{
	char err[256] = "";
	size_t len;
	char *text = fixture(name, &len);

	CHECK_ERR(tc_bpftrace_parse(text, len, o, s, other, err, sizeof(err)), 0, err);
	free(text);
}

static void check_other(const struct tc_lines *o, size_t i, int lineno, const char *text)
{
	char what[64];

	snprintf(what, sizeof(what), "other line %zu", i);
	if (i >= o->n)
		fail_msg("check_other:FAIL:%s unexpected none of %zu", what, o->n);
	CHECK_INT(o->v[i].lineno, lineno, what);
	CHECK_STR(o->v[i].text, text, what);
}

/*
 * Scalars, one and two keys, a key with a space, stats(), avg, min, max,
 * a log2 hist from a negative bucket to [2G, 4G), an lhist up to [100, ...).
 */
TC_TEST(bpftrace_maps)
{
	struct tc_samples s = {};
	struct tc_lines o = {};

	bt_fixture("parse_bpftrace_maps.txt", NULL, &s, &o);
	check_fixture_samples(&s, "parse_bpftrace_maps.expected");
	CHECK_INT(o.n, 1, "other lines");
	check_other(&o, 0, 1, "Attaching 2 probes...");
	tc_lines__free(&o);
	tc_samples__free(&s);
}

/* hists and lhists with keys, underflow buckets, [N] buckets, K suffixes. */
TC_TEST(bpftrace_keyed_histograms)
{
	struct tc_samples s = {};

	bt_fixture("parse_bpftrace_keyed.txt", NULL, &s, NULL);
	check_fixture_samples(&s, "parse_bpftrace_keyed.expected");
	CHECK_INT(value_of(&s, "@l_bucket{k0=\"head\",k1=\"1\",lo=\"-Inf\",hi=\"5\"}"), 21,
		  "underflow of @l[head, 1]");
	CHECK_INT(value_of(&s, "@usecs_bucket{lo=\"131072\",hi=\"262144\"}"), 109,
		  "@usecs [128K, 256K)");
	tc_samples__free(&s);
}

/* A script that attached part of its probes: no maps, every line handed back. */
TC_TEST(bpftrace_partial_attach)
{
	struct tc_samples s = {};
	struct tc_lines o = {};

	bt_fixture("parse_bpftrace_biolatency_partial.txt", NULL, &s, &o);
	CHECK_INT(s.n, 0, "samples");
	CHECK_INT(o.n, 23, "other lines (the blank ones are not)");
	check_other(&o, 0, 1, "ERROR: Unknown error -1: couldn't set RLIMIT_MEMLOCK for bpftrace. "
		    "If your program is not loading, you can try \"ulimit -l 8192\" to fix the "
		    "problem");
	check_other(&o, 7, 8, "WARNING: could not attach probe kprobe:__blk_account_io_done, "
		    "skipping.");
	check_other(&o, 14, 15, "Tracing block device I/O... Hit Ctrl-C to end.");
	check_other(&o, 22, 23, "ERROR: failed to detach probe: kprobe:blk_account_io_start");
	tc_lines__free(&o);
	tc_samples__free(&s);
}

/*
 * Empty hists ("@emptyh: " with no rows), a key holding ", ", string and
 * tuple values (other lines), negative sums, min, avg and stats, and a
 * printf line that reads like map output (taken for it).
 */
TC_TEST(bpftrace_edges)
{
	struct tc_samples s = {};
	struct tc_lines o = {};

	bt_fixture("parse_bpftrace_edges.txt", NULL, &s, &o);
	check_fixture_samples(&s, "parse_bpftrace_edges.expected");
	CHECK_INT(o.n, 4, "other lines");
	check_other(&o, 0, 1, "Attaching 1 probe...");
	check_other(&o, 1, 3, "hello world");
	check_other(&o, 2, 45, "@str: hello");
	check_other(&o, 3, 46, "@tup: (1, two)");
	tc_lines__free(&o);
	tc_samples__free(&s);
}

/* Told the keys of @s are text then integer, "a, b, 7" is "a, b" and 7. */
TC_TEST(bpftrace_key_layout_splits_text_keys)
{
	static const struct tc_bpftrace_map maps[] = { { "@s", "si" }, { "@st2", "s" } };
	struct tc_bpftrace_opts opts = { .maps = maps, .nmaps = ARRAY_SIZE(maps) };
	struct tc_samples s = {};

	bt_fixture("parse_bpftrace_edges.txt", &opts, &s, NULL);
	CHECK_INT(value_of(&s, "@s{k0=\"a, b\",k1=\"7\"}"), 1, "@s[\"a, b\", 7]");
	CHECK_INT(value_of(&s, "@s{k0=\"x\",k1=\"8\"}"), 2, "@s[\"x\", 8]");
	tc_samples__free(&s);
}

/* listed_only: maps not listed, @fake the printf line among them, are other lines. */
TC_TEST(bpftrace_listed_only)
{
	static const struct tc_bpftrace_map maps[] = { { "@neg", "" }, { "@st2", "s" } };
	struct tc_bpftrace_opts opts = { .maps = maps, .nmaps = 2, .listed_only = true };
	struct tc_samples s = {};
	struct tc_lines o = {};

	bt_fixture("parse_bpftrace_edges.txt", &opts, &s, &o);
	check_samples(&s,
		      "@neg -5\n"
		      "@st2_count{k0=\"q\"} 2\n"
		      "@st2_avg{k0=\"q\"} 3\n"
		      "@st2_total{k0=\"q\"} 7\n",
		      "listed only");
	check_other(&o, 1, 2, "@fake: 12");
	tc_lines__free(&o);
	tc_samples__free(&s);
}

/* kstack and ustack keys: frames on lines of their own, before, between or after other keys. */
TC_TEST(bpftrace_stack_keys)
{
	static const struct tc_bpftrace_map maps[] = {
		{ "@k", "ks" }, { "@s", "ski" }, { "@u", "sk" }, { "@h", "k" },
	};
	struct tc_bpftrace_opts opts = { .maps = maps, .nmaps = ARRAY_SIZE(maps) };
	struct tc_samples s = {}, laid = {};

	bt_fixture("parse_bpftrace_stacks.txt", NULL, &s, NULL);
	check_fixture_samples(&s, "parse_bpftrace_stacks.expected");
	bt_fixture("parse_bpftrace_stacks.txt", &opts, &laid, NULL);
	check_fixture_samples(&laid, "parse_bpftrace_stacks.expected");
	tc_samples__free(&s);
	tc_samples__free(&laid);
}

/* An empty text key beside a stack keeps its ", "; nothing beside one has none. */
TC_TEST(bpftrace_empty_keys_beside_stacks)
{
	static const char text[] = "@x[, \n    f+1\n]: 5\n@y[\n    f+1\n]: 6\n@z[\n]: 7\n"
				   "@w[\n    f+1\n, \n    g+2\n    h+3\n, ]: 8\n";
	struct tc_samples s = {};
	char err[256] = "";

	CHECK_ERR(bt(text, NULL, &s, NULL, err), 0, err);
	check_samples(&s,
		      "@x{k0=\"\",k1=\"f+1\"} 5\n"
		      "@y{k0=\"f+1\"} 6\n"
		      "@z{k0=\"\"} 7\n"
		      "@w{k0=\"f+1\",k1=\"g+2;h+3\",k2=\"\"} 8\n",
		      "empty keys");
	tc_samples__free(&s);
}

/*
 * print() every interval, then clear(): @c printed {b, a}, {a}, {a};
 * @h {[2,4) [64,128)}, {[64,128)}, then empty (a blank line only);
 * @i and @sc printed each time and again at exit.
 */
TC_TEST(bpftrace_interval_last_printing)
{
	struct tc_samples s = {};
	struct tc_lines o = {};

	bt_fixture("parse_bpftrace_interval.txt", NULL, &s, &o);
	check_samples(&s,
		      "@h_bucket{lo=\"64\",hi=\"128\"} 1\n"
		      "@c{k0=\"a\"} 1\n"
		      "@i 3\n"
		      "@sc 3\n",
		      "last printings");
	CHECK_INT(o.n, 4, "other lines: Attaching and three times");
	check_other(&o, 3, 22, o.v[3].text);
	tc_lines__free(&o);
	tc_samples__free(&s);
}

TC_TEST(bpftrace_interval_sum)
{
	struct tc_bpftrace_opts opts = { .sum = true };
	struct tc_samples s = {};

	bt_fixture("parse_bpftrace_interval.txt", &opts, &s, NULL);
	check_samples(&s,
		      "@c{k0=\"a\"} 3\n"
		      "@c{k0=\"b\"} 1\n"
		      "@sc 9\n"
		      "@h_bucket{lo=\"2\",hi=\"4\"} 1\n"
		      "@h_bucket{lo=\"4\",hi=\"8\"} 0\n"
		      "@h_bucket{lo=\"8\",hi=\"16\"} 0\n"
		      "@h_bucket{lo=\"16\",hi=\"32\"} 0\n"
		      "@h_bucket{lo=\"32\",hi=\"64\"} 0\n"
		      "@h_bucket{lo=\"64\",hi=\"128\"} 2\n"
		      "@i 9\n",
		      "summed printings");
	tc_samples__free(&s);
}

/* A key coming round again begins a new printing, even with no line between. */
TC_TEST(bpftrace_repeated_key_begins_a_printing)
{
	static const char text[] = "@x[a]: 1\n@x[b]: 2\n\n@x[a]: 3\n"
				   "@h[k]: \n[0]  1 |@|\n\n@h[k]: \n\n";
	struct tc_bpftrace_opts sum = { .sum = true };
	struct tc_samples s = {};
	char err[256] = "";

	CHECK_ERR(bt(text, NULL, &s, NULL, err), 0, err);
	check_samples(&s, "@x{k0=\"a\"} 3\n", "last: b went, and @h[k] printed empty");
	s.n = 0;
	CHECK_ERR(bt(text, &sum, &s, NULL, err), 0, err);
	check_samples(
	    &s, "@x{k0=\"a\"} 4\n@x{k0=\"b\"} 2\n@h_bucket{k0=\"k\",lo=\"0\",hi=\"1\"} 1\n", "sum");
	tc_samples__free(&s);
}

/* Summed stats(): counts and totals add up, the average is theirs, in integers. */
TC_TEST(bpftrace_stats_sum)
{
	static const char text[] = "@st[a]: count 2, average 5, total 10\n"
				   "12:00:01\n"
				   "@st[a]: count 2, average -2, total -4\n";
	struct tc_bpftrace_opts sum = { .sum = true };
	struct tc_samples s = {};
	char err[256] = "";

	CHECK_ERR(bt(text, &sum, &s, NULL, err), 0, err);
	check_samples(&s, "@st_count{k0=\"a\"} 4\n@st_avg{k0=\"a\"} 1\n@st_total{k0=\"a\"} 6\n",
		      "summed stats: 6 / 4, not 5 + -2");
	tc_samples__free(&s);
}

/* Bounds with every suffix, exact beyond 2^63. */
TC_TEST(bpftrace_bucket_bounds)
{
	static const char text[] = "@h: \n"
				   "[1T, 2T)  1 |@|\n"
				   "\n@g: \n"
				   "[1P, 2P)  2 |@|\n"
				   "[2P, 4P)  0 | |\n"
				   "\n@e: \n"
				   "[4E, 8E)  3 |@|\n"
				   "[8E, ...) 4 |@|\n"
				   "\n@l: \n"
				   "(..., -5)  5 |@|\n"
				   "[-5, 1K)   6 |@|\n";
	struct tc_samples s = {};
	char err[256] = "";

	CHECK_ERR(bt(text, NULL, &s, NULL, err), 0, err);
	check_samples(&s,
		      "@h_bucket{lo=\"1099511627776\",hi=\"2199023255552\"} 1\n"
		      "@g_bucket{lo=\"1125899906842624\",hi=\"2251799813685248\"} 2\n"
		      "@g_bucket{lo=\"2251799813685248\",hi=\"4503599627370496\"} 0\n"
		      "@e_bucket{lo=\"4611686018427387904\",hi=\"9223372036854775808\"} 3\n"
		      "@e_bucket{lo=\"9223372036854775808\",hi=\"+Inf\"} 4\n"
		      "@l_bucket{lo=\"-Inf\",hi=\"-5\"} 5\n"
		      "@l_bucket{lo=\"-5\",hi=\"1024\"} 6\n",
		      "bounds");
	tc_samples__free(&s);
}

/* A key longer than a label holds keeps its head and a hash of the whole. */
TC_TEST(bpftrace_long_keys_stay_distinct)
{
	char text[800], key[301];
	struct tc_samples s = {};
	char err[256] = "";

	memset(key, 'f', 300);
	key[300] = '\0';
	snprintf(text, sizeof(text), "@x[%s]: 1\n@x[%.299sg]: 2\n", key, key);
	CHECK_ERR(bt(text, NULL, &s, NULL, err), 0, err);
	CHECK_INT(s.n, 2, "samples");
	CHECK_INT(strlen(s.v[0].labels[0].value), 159, "length of a shortened key");
	CHECK_INT(strncmp(s.v[0].labels[0].value, key, 142), 0, "head kept");
	CHECK_INT(s.v[0].labels[0].value[142], '~', "then ~");
	CHECK_TRUE(strcmp(s.v[0].labels[0].value, s.v[1].labels[0].value),
		   "long_keys:FAIL:two keys shortened alike: %s", s.v[0].labels[0].value);
	tc_samples__free(&s);
}

static const struct tc_bpftrace_map layouts[] = {
	{ "@two", "ii" }, { "@amb", "ss" }, { "@one", "s" }, { "@num", "si" }, { "@stk", "s" },
};

static const struct bad_text bad_bt[] = {
    {"x\n@two[1, 2, 3]: 4\n", -EINVAL,
     "line 2: @two: key '1, 2, 3' has 3 parts, its layout 'ii' says 2: '@two[1, 2, 3]: 4'"},
    {"@amb[a, b, c]: 4\n", -EINVAL,
     "line 1: @amb: key 'a, b, c' is ambiguous: 2 text keys and 3 parts: '@amb[a, b, c]: 4'"},
    {"\n@one: 5\n", -EINVAL, "line 2: @one: has 0 keys, its layout 's' says 1: '@one: 5'"},
    {"@num[a, b]: 5\n", -EINVAL,
     "line 1: @num: key 1 is 'b', not an integer (keys 'si'): '@num[a, b]: 5'"},
    {"@stk[\n    f+1\n]: 5\n", -EINVAL,
     "line 1: @stk: key 0 is a stack, its layout 's' says otherwise: '@stk['"},
    {"@x[a, b, c, d, e, f, g, h, i]: 1\n", -E2BIG,
     "line 1: @x: more keys than a sample has labels (8): '@x[a, b, c, d, e, f, g, h, i]: 1'"},
    {"@h[a, b, c, d, e, f, g]: \n[0]  1 |@|\n", -E2BIG,
     "line 1: @h: a histogram with more than 6 keys: '@h[a, b, c, d, e, f, g]: '"},
    {"@h: \n[0]  1 |@|\n[1, 2)  x |@|\n", -EINVAL,
     "line 3: @h: expected a histogram row: [LO, HI) COUNT |BAR|: '[1, 2)  x |@|'"},
    {"@h: \n[0]  1 |@|\n[2X, 4X)  1 |@|\n", -EINVAL,
     "line 3: @h: expected a histogram row: [LO, HI) COUNT |BAR|: '[2X, 4X)  1 |@|'"},
    {"@h: \n[0]  1 |@|\n[1]  1 |@\n", -EINVAL,
     "line 3: @h: expected a histogram row: [LO, HI) COUNT |BAR|: '[1]  1 |@'"},
    {"@h: \n[4, 2)  1 |@|\n", -EINVAL,
     "line 2: @h: expected a histogram row: [LO, HI) COUNT |BAR|: '[4, 2)  1 |@|'"},
    {"@h: \n[0]  1 |@|\n[2, 4)  1 |@|\n", -EINVAL,
     "line 3: @h: this bucket does not start where the row above ended: '[2, 4)  1 |@|'"},
    {"@h: \n[99999999999999999999999999999, ...)  1 |@|\n", -EINVAL,
     "line 2: @h: expected a histogram row: [LO, HI) COUNT |BAR|: "
     "'[99999999999999999999999999999, ...)  1 |@|'"},
};

TC_TEST(bpftrace_errors_name_the_line)
{
	struct tc_bpftrace_opts opts = { .maps = layouts, .nmaps = ARRAY_SIZE(layouts) };

	for (size_t i = 0; i < ARRAY_SIZE(bad_bt); i++) {
		struct tc_samples s = {};
		struct tc_lines o = {};
		char err[256] = "", what[64];

		snprintf(what, sizeof(what), "bad text %zu", i);
		CHECK_ERR(bt(bad_bt[i].text, &opts, &s, &o, err), bad_bt[i].ret, what);
		CHECK_STR(err, bad_bt[i].err, what);
		CHECK_INT(s.n, 0, what);
		CHECK_INT(o.n, 0, what);
		tc_samples__free(&s);
		tc_lines__free(&o);
	}
}

/* Not map output: left alone, handed back, never an error. */
TC_TEST(bpftrace_not_map_output)
{
	static const char text[] = "@\n@x\n@x:5\n@x: 5 ms\n@x[a: 5\n@x[\nnot a frame\n"
				   "@-x: 5\n@x[\n    frame\n";
	struct tc_samples s = {};
	struct tc_lines o = {};
	char err[256] = "";

	CHECK_ERR(bt(text, NULL, &s, &o, err), 0, err);
	CHECK_INT(s.n, 1, "samples: @x:5");
	check_samples(&s, "@x 5\n", "@x:5");
	CHECK_INT(o.n, 9, "other lines");
	check_other(&o, 2, 4, "@x: 5 ms");
	check_other(&o, 8, 10, "    frame");
	tc_samples__free(&s);
	tc_lines__free(&o);
}

/* ---- tables ---- */

static const struct tc_table_spec syscount_spec = {
	.ncols = 3,
	.cols = {
		{ "SYSCALL", TC_TABLE_LABEL, "name" },
		{ "COUNT", TC_TABLE_METRIC, "syscalls_total" },
		{ "ERRORS", TC_TABLE_METRIC, "syscall_errors_total" },
	},
};

static void table_fixture(const char *name, const struct tc_table_spec *sp, struct tc_samples *s)
{
	char err[256] = "";
	size_t len;
	char *text = fixture(name, &len);

	CHECK_ERR(tc_table_parse(text, len, sp, s, err, sizeof(err)), 0, err);
	free(text);
}

static double sum_of(const struct tc_samples *s, const char *selector)
{
	struct tc_selector sel;
	char err[256];

	if (tc_selector_parse(selector, &sel, err, sizeof(err)))
		fail_msg("selector:FAIL:%s", err);
	return tc_samples__sum(s, &sel, NULL);
}

/* tracecal trace syscount --interval 1s: a timestamp, a header and 17 rows, three times. */
TC_TEST(table_tracecal_last_block)
{
	struct tc_samples s = {};

	table_fixture("parse_table_syscount_interval.txt", &syscount_spec, &s);
	CHECK_INT(s.n, 2 * 17, "samples: two per row");
	CHECK_INT(value_of(&s, "syscalls_total{name=\"mmap\"}"), 8, "mmap");
	CHECK_INT(value_of(&s, "syscall_errors_total{name=\"access\"}"), 1, "access errors");
	CHECK_INT(sum_of(&s, "syscalls_total"), 30, "syscalls in the last block");
	CHECK_INT(sum_of(&s, "syscall_errors_total"), 1, "errors in the last block");
	tc_samples__free(&s);
}

TC_TEST(table_tracecal_sum_blocks)
{
	struct tc_table_spec sp = syscount_spec;
	struct tc_samples s = {};

	sp.sum = true;
	table_fixture("parse_table_syscount_interval.txt", &sp, &s);
	CHECK_INT(s.n, 2 * 17, "samples: two per syscall");
	CHECK_INT(value_of(&s, "syscalls_total{name=\"mmap\"}"), 8 + 16 + 8, "mmap");
	CHECK_INT(value_of(&s, "syscall_errors_total{name=\"access\"}"), 4, "access errors");
	CHECK_INT(sum_of(&s, "syscalls_total"), 4 * 30, "syscalls");
	tc_samples__free(&s);
}

/* tracecal trace disktop --interval 1s: thousands separators; the last block is empty. */
static const struct tc_table_spec disktop_spec = {
	.ncols = 7,
	.cols = {
		{ "PID", TC_TABLE_LABEL, "pid" },
		{ "COMM", TC_TABLE_LABEL, "comm" },
		{ "DEV", TC_TABLE_LABEL, "dev" },
		{ "READ_BYTES", TC_TABLE_METRIC, "disk_read_bytes" },
		{ "WRITE_BYTES", TC_TABLE_METRIC, "disk_write_bytes" },
		{ "READS", TC_TABLE_METRIC, "disk_reads_total" },
		{ "WRITES", TC_TABLE_METRIC, "disk_writes_total" },
	},
};

TC_TEST(table_disktop_last_block_is_empty)
{
	struct tc_samples s = {};

	table_fixture("parse_table_disktop_interval.txt", &disktop_spec, &s);
	CHECK_INT(s.n, 0, "samples of an interval with no I/O");
	tc_samples__free(&s);
}

static const char disktop_sum[] =
	"disk_read_bytes{pid=\"31710\",comm=\"dd\",dev=\"loop2\"} 5120\n"
	"disk_write_bytes{pid=\"31710\",comm=\"dd\",dev=\"loop2\"} 67108864\n"
	"disk_reads_total{pid=\"31710\",comm=\"dd\",dev=\"loop2\"} 4\n"
	"disk_writes_total{pid=\"31710\",comm=\"dd\",dev=\"loop2\"} 128\n"
	"disk_read_bytes{pid=\"31699\",comm=\"jbd2/loop2-8\",dev=\"loop2\"} 0\n"
	"disk_write_bytes{pid=\"31699\",comm=\"jbd2/loop2-8\",dev=\"loop2\"} 20480\n"
	"disk_reads_total{pid=\"31699\",comm=\"jbd2/loop2-8\",dev=\"loop2\"} 0\n"
	"disk_writes_total{pid=\"31699\",comm=\"jbd2/loop2-8\",dev=\"loop2\"} 3\n"
	"disk_read_bytes{pid=\"31711\",comm=\"sync\",dev=\"loop2\"} 0\n"
	"disk_write_bytes{pid=\"31711\",comm=\"sync\",dev=\"loop2\"} 17408\n"
	"disk_reads_total{pid=\"31711\",comm=\"sync\",dev=\"loop2\"} 0\n"
	"disk_writes_total{pid=\"31711\",comm=\"sync\",dev=\"loop2\"} 8\n"
	"disk_read_bytes{pid=\"31714\",comm=\"dd\",dev=\"loop2\"} 67108864\n"
	"disk_write_bytes{pid=\"31714\",comm=\"dd\",dev=\"loop2\"} 0\n"
	"disk_reads_total{pid=\"31714\",comm=\"dd\",dev=\"loop2\"} 512\n"
	"disk_writes_total{pid=\"31714\",comm=\"dd\",dev=\"loop2\"} 0\n"
	"disk_read_bytes{pid=\"31701\",comm=\"ext4lazyinit\",dev=\"loop2\"} 2048\n"
	"disk_write_bytes{pid=\"31701\",comm=\"ext4lazyinit\",dev=\"loop2\"} 13104128\n"
	"disk_reads_total{pid=\"31701\",comm=\"ext4lazyinit\",dev=\"loop2\"} 2\n"
	"disk_writes_total{pid=\"31701\",comm=\"ext4lazyinit\",dev=\"loop2\"} 26\n";

TC_TEST(table_disktop_sum_blocks)
{
	struct tc_table_spec sp = disktop_spec;
	struct tc_samples s = {};

	sp.sum = true;
	table_fixture("parse_table_disktop_interval.txt", &sp, &s);
	check_samples(&s, disktop_sum, "disktop summed");
	tc_samples__free(&s);
}

/* Without the PID column, rows alike (dd, in both blocks) add up. */
TC_TEST(table_rows_alike_add_up)
{
	struct tc_table_spec sp = disktop_spec;
	struct tc_samples s = {};

	sp.sum = true;
	sp.cols[0].kind = TC_TABLE_IGNORE;
	table_fixture("parse_table_disktop_interval.txt", &sp, &s);
	CHECK_INT(s.n, 4 * 4, "samples: four per comm");
	CHECK_U64(value_of(&s, "disk_read_bytes{comm=\"dd\"}"), 5120 + 67108864, "dd read", "B");
	CHECK_U64(value_of(&s, "disk_reads_total{comm=\"dd\"}"), 516, "dd reads", "");
	tc_samples__free(&s);
}

/*
 * biotop -C, made with biotop.py's format strings: a process name with a
 * blank, Kbytes as Python 3 prints bytes / 1024, AVGms with 2 decimals,
 * "Detaching..." right after the last row.
 */
static const struct tc_table_spec biotop_spec = {
	.ncols = 9,
	.cols = {
		{ "PID", TC_TABLE_LABEL, "pid" },
		{ "COMM", TC_TABLE_LABEL, "comm", .spaces = true },
		{ "D", TC_TABLE_LABEL, "dir" },
		{ "MAJ", TC_TABLE_IGNORE },
		{ "MIN", TC_TABLE_IGNORE },
		{ "DISK", TC_TABLE_LABEL, "disk" },
		{ "I/O", TC_TABLE_METRIC, "disk_ios_total" },
		{ "Kbytes", TC_TABLE_METRIC, "disk_bytes", 1024 },
		{ "AVGms", TC_TABLE_METRIC, "disk_avg_ns", 1e6 },
	},
};

TC_TEST(table_biotop_last_block)
{
	struct tc_samples s = {};

	table_fixture("parse_table_biotop.txt", &biotop_spec, &s);
	check_samples(
	    &s,
	    "disk_ios_total{pid=\"2101\",comm=\"dd\",dir=\"W\",disk=\"loop2\"} 128\n"
	    "disk_bytes{pid=\"2101\",comm=\"dd\",dir=\"W\",disk=\"loop2\"} 67108864\n"
	    "disk_avg_ns{pid=\"2101\",comm=\"dd\",dir=\"W\",disk=\"loop2\"} 2750000\n"
	    "disk_ios_total{pid=\"2204\",comm=\"Web Content\",dir=\"W\",disk=\"vda\"} 1\n"
	    "disk_bytes{pid=\"2204\",comm=\"Web Content\",dir=\"W\",disk=\"vda\"} 4096\n"
	    "disk_avg_ns{pid=\"2204\",comm=\"Web Content\",dir=\"W\",disk=\"vda\"} 120000\n"
	    "disk_ios_total{pid=\"2204\",comm=\"Web Content\",dir=\"R\",disk=\"vda\"} 1\n"
	    "disk_bytes{pid=\"2204\",comm=\"Web Content\",dir=\"R\",disk=\"vda\"} 4096\n"
	    "disk_avg_ns{pid=\"2204\",comm=\"Web Content\",dir=\"R\",disk=\"vda\"} 90000\n",
	    "biotop last");
	tc_samples__free(&s);
}

TC_TEST(table_biotop_sum_blocks)
{
	struct tc_table_spec sp = biotop_spec;
	struct tc_samples s = {};

	sp.sum = true;
	table_fixture("parse_table_biotop.txt", &sp, &s);
	CHECK_INT(s.n, 3 * 5, "samples: three per pid, comm, direction and disk");
	CHECK_U64(value_of(&s, "disk_bytes{comm=\"Web Content\",dir=\"W\"}"), 1000 + 4096,
		  "0.9765625 Kbytes, then 4.0", "B");
	CHECK_U64(value_of(&s, "disk_ios_total{comm=\"Web Content\",dir=\"W\"}"), 3, "I/Os", "");
	CHECK_U64(value_of(&s, "disk_avg_ns{comm=\"dd\",dir=\"R\"}"), 31250000, "31.25 ms", "ns");
	CHECK_U64(value_of(&s, "disk_avg_ns{comm=\"jbd2/loop2-8\"}"), 410000, "0.41 ms", "ns");
	tc_samples__free(&s);
}

static const struct tc_table_spec small_spec = {
	.ncols = 2,
	.cols = { { "NAME", TC_TABLE_LABEL, "name" }, { "COUNT", TC_TABLE_METRIC, "c" } },
};

static int table(const char *text, bool sum, struct tc_samples *s, char *err)
{
	struct tc_table_spec sp = small_spec;

	sp.sum = sum;
	return tc_table_parse(text, strlen(text), &sp, s, err, 256);
}

/* Where blocks begin and end, kept last and summed. */
static const struct {
	const char *text;
	const char *last, *sum;
} blocks[] = {
	/* a block's title right above its header, no blank line before it */
	{ "12:00:01\nNAME COUNT\na 1\n12:00:02\nNAME  COUNT\na 5\n", "c{name=\"a\"} 5\n",
	  "c{name=\"a\"} 6\n" },
	/* blocks after blank lines, without a header; text between them */
	{ "NAME COUNT\na 1\n\na 2\nb 1\n\nnot a row here\n\na 4\n", "c{name=\"a\"} 4\n",
	  "c{name=\"a\"} 7\nc{name=\"b\"} 1\n" },
	/* text after the last row; before the first header */
	{ "Tracing... Hit Ctrl-C to end.\nNAME COUNT\na 1\nDetaching...\n\n",
	  "c{name=\"a\"} 1\n", "c{name=\"a\"} 1\n" },
	/* numbers: groups of three, decimals, signs; CRLF */
	{ "NAME COUNT\r\na 1,234,567\r\nb 1,234.5\r\nc -3\r\nd +0.25\r\ne 999\r\n",
	  "c{name=\"a\"} 1234567\nc{name=\"b\"} 1234.5\nc{name=\"c\"} -3\n"
	  "c{name=\"d\"} 0.25\nc{name=\"e\"} 999\n", NULL },
	/* a header with no rows: nothing, kept last */
	{ "NAME COUNT\na 1\n\nNAME COUNT\n", "", "c{name=\"a\"} 1\n" },
};

TC_TEST(table_blocks)
{
	for (size_t i = 0; i < ARRAY_SIZE(blocks); i++) {
		struct tc_samples s = {};
		char err[256] = "", what[64];

		snprintf(what, sizeof(what), "blocks %zu, last", i);
		CHECK_ERR(table(blocks[i].text, false, &s, err), 0, err);
		check_samples(&s, blocks[i].last, what);
		s.n = 0;
		snprintf(what, sizeof(what), "blocks %zu, sum", i);
		CHECK_ERR(table(blocks[i].text, true, &s, err), 0, err);
		check_samples(&s, blocks[i].sum ? blocks[i].sum : blocks[i].last, what);
		tc_samples__free(&s);
	}
}

static const struct bad_text bad_table[] = {
	{ "NAME COUNT\na 1\nb 2 3\nc 4\n", -EINVAL,
	  "line 3: 3 fields, and the header of line 1 has 2 columns: 'b 2 3'" },
	{ "x\n\nNAME COUNT\na 1,23\n", -EINVAL, "line 4: column COUNT: '1,23' is not a number: "
	  "'a 1,23'" },
	{ "NAME COUNT\na 1234,567\n", -EINVAL,
	  "line 2: column COUNT: '1234,567' is not a number: 'a 1234,567'" },
	{ "NAME COUNT\na 1,234,56.7\n", -EINVAL,
	  "line 2: column COUNT: '1,234,56.7' is not a number: 'a 1,234,56.7'" },
	{ "NAME COUNT\na -\n", -EINVAL, "line 2: column COUNT: '-' is not a number: 'a -'" },
	{ "NAME COUNT\na 12%\n", -EINVAL, "line 2: column COUNT: '12%' is not a number: 'a 12%'" },
	{ "NAME COUNT\na 1\n(3 more rows not shown)\nb 2\n", -EINVAL,
	  "line 3: 5 fields, and the header of line 1 has 2 columns: '(3 more rows not shown)'" },
	{ "NAME COUNT\na 1\n\nb 2\nno\nc 3\n", -EINVAL,
	  "line 5: 1 fields, and the header of line 1 has 2 columns: 'no'" },
	{ "NAME\nCOUNT\n", -ENODATA, "no header line 'NAME COUNT' in 2 lines" },
	{ "", -ENODATA, "no header line 'NAME COUNT' in 0 lines" },
};

TC_TEST(table_errors_name_the_line)
{
	for (size_t i = 0; i < ARRAY_SIZE(bad_table); i++) {
		struct tc_samples s = {};
		char err[256] = "", what[64];

		snprintf(what, sizeof(what), "bad table %zu", i);
		CHECK_ERR(table(bad_table[i].text, true, &s, err), bad_table[i].ret, what);
		CHECK_STR(err, bad_table[i].err, what);
		CHECK_INT(s.n, 0, what);
		tc_samples__free(&s);
	}
}

/* A name with blanks needs a column that may hold them; only one may. */
TC_TEST(table_spaces_and_bad_specs)
{
	static const char text[] = "PID COMM BYTES\n1 Web Content 10\n2 a  b   c 5\n";
	struct tc_table_spec sp = {
		.ncols = 3,
		.cols = { { "PID", TC_TABLE_IGNORE }, { "COMM", TC_TABLE_LABEL, "comm" },
			  { "BYTES", TC_TABLE_METRIC, "b" } },
	};
	struct tc_samples s = {};
	char err[256] = "";

	CHECK_ERR(tc_table_parse(text, strlen(text), &sp, &s, err, sizeof(err)), -EINVAL,
		  "no column for blanks");
	CHECK_STR(err, "line 2: 4 fields, and the header of line 1 has 3 columns: "
		  "'1 Web Content 10'", "no column for blanks");
	sp.cols[1].spaces = true;
	CHECK_ERR(tc_table_parse(text, strlen(text), &sp, &s, err, sizeof(err)), 0, err);
	check_samples(&s, "b{comm=\"Web Content\"} 10\nb{comm=\"a  b   c\"} 5\n", "blanks kept");
	s.n = 0;
	sp.cols[0].spaces = true;
	CHECK_ERR(tc_table_parse(text, strlen(text), &sp, &s, err, sizeof(err)), -EINVAL, "two");
	CHECK_STR(err, "table spec: more than one column whose values may hold blanks", "two");
	sp.cols[0].spaces = false;
	sp.cols[2].kind = TC_TABLE_LABEL;
	CHECK_ERR(tc_table_parse(text, strlen(text), &sp, &s, err, sizeof(err)), -EINVAL, "none");
	CHECK_STR(err, "table spec: no metric column", "no metric");
	snprintf(sp.cols[2].header, sizeof(sp.cols[2].header), "MY BYTES");
	CHECK_ERR(tc_table_parse(text, strlen(text), &sp, &s, err, sizeof(err)), -EINVAL, "blank");
	CHECK_STR(err, "table spec: column header 'MY BYTES' is empty or holds a blank", "blank");
	CHECK_INT(s.n, 0, "samples");
	tc_samples__free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(prom_tracecal_interval_last),
		cmocka_unit_test(prom_tracecal_interval_all),
		cmocka_unit_test(prom_tracecal_histogram),
		cmocka_unit_test(prom_syntax),
		cmocka_unit_test(prom_last_or_all_snapshots),
		cmocka_unit_test(prom_appends_and_restores),
		cmocka_unit_test(prom_errors_name_the_line),
		cmocka_unit_test(prom_snapshots_repeat_series_but_no_nul),
		cmocka_unit_test(prom_write_reads_back),
		cmocka_unit_test(bpftrace_maps),
		cmocka_unit_test(bpftrace_keyed_histograms),
		cmocka_unit_test(bpftrace_partial_attach),
		cmocka_unit_test(bpftrace_edges),
		cmocka_unit_test(bpftrace_key_layout_splits_text_keys),
		cmocka_unit_test(bpftrace_listed_only),
		cmocka_unit_test(bpftrace_stack_keys),
		cmocka_unit_test(bpftrace_empty_keys_beside_stacks),
		cmocka_unit_test(bpftrace_interval_last_printing),
		cmocka_unit_test(bpftrace_interval_sum),
		cmocka_unit_test(bpftrace_repeated_key_begins_a_printing),
		cmocka_unit_test(bpftrace_stats_sum),
		cmocka_unit_test(bpftrace_bucket_bounds),
		cmocka_unit_test(bpftrace_long_keys_stay_distinct),
		cmocka_unit_test(bpftrace_errors_name_the_line),
		cmocka_unit_test(bpftrace_not_map_output),
		cmocka_unit_test(table_tracecal_last_block),
		cmocka_unit_test(table_tracecal_sum_blocks),
		cmocka_unit_test(table_disktop_last_block_is_empty),
		cmocka_unit_test(table_disktop_sum_blocks),
		cmocka_unit_test(table_rows_alike_add_up),
		cmocka_unit_test(table_biotop_last_block),
		cmocka_unit_test(table_biotop_sum_blocks),
		cmocka_unit_test(table_blocks),
		cmocka_unit_test(table_errors_name_the_line),
		cmocka_unit_test(table_spaces_and_bad_specs),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_parsers", tests, ARRAY_SIZE(tests), NULL, 0);
}
