// SPDX-License-Identifier: GPL-2.0
/*
 * Results and their writers: grouped numbers, the terminal table and
 * histogram headings (output.c), Prometheus text and JSON (read back with
 * json-c), the result operations that interval output relies on (merge,
 * sort, delta, copy in result.c) and the metric table (metrics.c).
 */
#include <json-c/json.h>
#include "tc_unit.h"
#include "../../tracer/hist.h"
#include "../../common/metrics.h"
#include "../../tracer/output.h"
#include "../../tracer/result.h"

static const struct tc_table_def proc_def = {
	.nlabels = 2,
	.labels = { { "pid", "PID" }, { "comm", "COMM" } },
	.nvals = 2,
	.vals = { { TC_M_SYSCALLS, "COUNT" }, { TC_M_SYSCALL_ERRORS, "ERRORS" } },
};

static const struct tc_hist_def lat_def = {
	.metric = TC_M_DISK_LATENCY,
	.nlabels = 2,
	.labels = { { "dev", "DEV" }, { "op", "OP" } },
};

static void add_row(struct tc_table *t, const char *l0, const char *l1, __u64 v0, __u64 v1)
{
	struct tc_row *row = tc_table__add(t);

	assert_non_null(row);
	snprintf(row->lab[0], TC_LABEL_LEN, "%s", l0);
	snprintf(row->lab[1], TC_LABEL_LEN, "%s", l1);
	row->val[0] = v0;
	row->val[1] = v1;
}

static struct tc_hist *add_hist(struct tc_hists *hs, const char *l0, const char *l1)
{
	struct tc_hist_row *row = tc_hists__add(hs);

	assert_non_null(row);
	snprintf(row->lab[0], TC_LABEL_LEN, "%s", l0);
	snprintf(row->lab[1], TC_LABEL_LEN, "%s", l1);
	return &row->h;
}

/* A histogram in us: 1 us twice and 5 us once (slots 1 and 3). */
static void fill_us_hist(struct tc_hist *h)
{
	h->slots[1] = 2;
	h->slots[3] = 1;
	h->count = 3;
	h->sum = 10000;
	h->min = 1500;
	h->max = 5000;
}

static void use_us(struct tc_hists *hs)
{
	hs->def = &lat_def;
	hs->cfg = (struct tc_hist_cfg){ .kind = TC_HIST_LOG2, .unit_ns = 1000 };
	hs->unit = "us";
}

static void check_row(const struct tc_table *t, size_t i, const char *l0, const char *l1, __u64 v0,
		      __u64 v1)
{
	char what[64];

	snprintf(what, sizeof(what), "row %zu label 0", i);
	CHECK_STR(t->rows[i].lab[0], l0, what);
	snprintf(what, sizeof(what), "row %zu label 1", i);
	CHECK_STR(t->rows[i].lab[1], l1, what);
	snprintf(what, sizeof(what), "row %zu (%s) value 0", i, l0);
	CHECK_U64(t->rows[i].val[0], v0, what, "");
	snprintf(what, sizeof(what), "row %zu (%s) value 1", i, l0);
	CHECK_U64(t->rows[i].val[1], v1, what, "");
}

/* ---- numbers and the terminal table ---- */

TC_TEST(fmt_grouped_thousands)
{
	char buf[32];

	CHECK_STR(tc_fmt_grouped(buf, sizeof(buf), 0), "0", "0");
	CHECK_STR(tc_fmt_grouped(buf, sizeof(buf), 999), "999", "999");
	CHECK_STR(tc_fmt_grouped(buf, sizeof(buf), 1000), "1,000", "1000");
	CHECK_STR(tc_fmt_grouped(buf, sizeof(buf), 999999), "999,999", "999999");
	CHECK_STR(tc_fmt_grouped(buf, sizeof(buf), 1000000), "1,000,000", "1000000");
	CHECK_STR(tc_fmt_grouped(buf, sizeof(buf), 67108864), "67,108,864", "67108864");
	CHECK_STR(tc_fmt_grouped(buf, sizeof(buf), UINT64_MAX), "18,446,744,073,709,551,615",
		  "UINT64_MAX");
}

TC_TEST(fmt_grouped_stays_in_small_buffer)
{
	char buf[8];

	memset(buf, 'X', sizeof(buf));
	tc_fmt_grouped(buf, 5, 1234567);
	CHECK_TRUE(strlen(buf) < 5, "fmt_grouped:FAIL:%zu characters in a 5-byte buffer",
		   strlen(buf));
	CHECK_INT(buf[5], 'X', "byte after the buffer");
}

static char *table_text(const struct tc_table *t, size_t max_rows)
{
	struct tc_capture cap;

	tc_table_print(tc_capture_open(&cap), t, max_rows);
	return tc_capture_close(&cap);
}

/* Numeric labels right-aligned, text ones left-aligned, values grouped and right-aligned. */
TC_TEST(table_print_aligns_columns)
{
	struct tc_table t = { .def = &proc_def };
	char *text;

	add_row(&t, "1", "bash", 5, 1234567);
	add_row(&t, "12345", "x", 1000, 0);
	text = table_text(&t, 0);
	CHECK_STR(text,
		  "  PID  COMM  COUNT     ERRORS\n"
		  "    1  bash      5  1,234,567\n"
		  "12345  x     1,000          0\n",
		  "table");
	free(text);
	free(t.rows);
}

/* A column with any non-numeric label is text, so left-aligned. */
TC_TEST(table_print_mixed_label_column_is_text)
{
	struct tc_table t = { .def = &proc_def };
	char *text;

	add_row(&t, "7", "a", 1, 0);
	add_row(&t, "[other]", "b", 2, 0);
	text = table_text(&t, 0);
	CHECK_STR(text,
		  "PID      COMM  COUNT  ERRORS\n"
		  "7        a         1       0\n"
		  "[other]  b         2       0\n",
		  "table");
	free(text);
	free(t.rows);
}

/* Widths come from the rows shown; the rest are counted. */
TC_TEST(table_print_limits_rows)
{
	struct tc_table t = { .def = &proc_def };
	char *text;

	add_row(&t, "1", "a", 1, 0);
	add_row(&t, "2", "b", 2, 0);
	add_row(&t, "3", "averyveryverylongname", 3, 123456789);
	add_row(&t, "4", "d", 4, 0);
	text = table_text(&t, 2);
	CHECK_STR(text,
		  "PID  COMM  COUNT  ERRORS\n"
		  "  1  a         1       0\n"
		  "  2  b         2       0\n"
		  "(2 more rows not shown; --rows 0 shows all)\n",
		  "table with --rows 2");
	free(text);
	text = table_text(&t, 4);
	CHECK_INT(tc_count_lines(text), 5, "lines with --rows 4 of 4");
	CHECK_TRUE(!strstr(text, "not shown"), "table:FAIL:rows hidden with --rows 4 of 4:\n%s",
		   text);
	free(text);
	free(t.rows);
}

TC_TEST(hists_print_headings)
{
	const char *h1 = "dev loop0, op read: count 3, avg 3.3, min 1.5, max 5 (us)\n";
	const char *h2 = "|\n\ndev loop0, op write: count 3, avg 3.3, min 1.5, max 5 (us)\n";
	struct tc_hists hs = {};
	struct tc_capture cap;
	char *text;

	use_us(&hs);
	tc_hists_print(tc_capture_open(&cap), &hs, 60);
	text = tc_capture_close(&cap);
	CHECK_STR(text, "(no events)\n", "no histograms");
	free(text);
	fill_us_hist(add_hist(&hs, "loop0", "read"));
	fill_us_hist(add_hist(&hs, "loop0", "write"));
	tc_hists_print(tc_capture_open(&cap), &hs, 60);
	text = tc_capture_close(&cap);
	CHECK_TRUE(!strncmp(text, h1, strlen(h1)), "heading:FAIL:unexpected first line in\n%s",
		   text);
	CHECK_TRUE(strstr(text, h2), "heading:FAIL:no blank line before the second in\n%s", text);
	free(text);
	free(hs.rows);
}

/* ---- Prometheus text ---- */

static char *prom_text(const struct tc_result *r)
{
	struct tc_capture cap;

	tc_result_prom(tc_capture_open(&cap), r);
	return tc_capture_close(&cap);
}

static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

static void append_header(char *buf, size_t size, int metric, const char *type)
{
	append(buf, size, "# HELP %s %s\n# TYPE %s %s\n", tc_metrics[metric].name,
	       tc_metrics[metric].help, tc_metrics[metric].name, type);
}

TC_TEST(prom_table_escapes_labels)
{
	struct tc_result r = { .table = { .def = &proc_def } };
	char expected[2048] = "", *text;

	add_row(&r.table, "1", "a\"b\\c\nd", 5, 1);
	add_row(&r.table, "22", "sh", 0, 0);
	append_header(expected, sizeof(expected), TC_M_SYSCALLS, "counter");
	append(expected, sizeof(expected),
	       "syscalls_total{pid=\"1\",comm=\"a\\\"b\\\\c\\nd\"} 5\n"
	       "syscalls_total{pid=\"22\",comm=\"sh\"} 0\n");
	append_header(expected, sizeof(expected), TC_M_SYSCALL_ERRORS, "counter");
	append(expected, sizeof(expected),
	       "syscall_errors_total{pid=\"1\",comm=\"a\\\"b\\\\c\\nd\"} 1\n"
	       "syscall_errors_total{pid=\"22\",comm=\"sh\"} 0\n");
	text = prom_text(&r);
	CHECK_STR(text, expected, "prom table");
	free(text);
	tc_result__free(&r);
}

/* Cumulative buckets up to the last non-empty one, le in ns, then +Inf, _sum, _count. */
TC_TEST(prom_hist_log2_in_us)
{
	struct tc_result r = {};
	char expected[2048] = "", *text;

	use_us(&r.hists);
	fill_us_hist(add_hist(&r.hists, "loop0", "read"));
	append_header(expected, sizeof(expected), TC_M_DISK_LATENCY, "histogram");
	append(expected, sizeof(expected),
	       "disk_latency_ns_bucket{dev=\"loop0\",op=\"read\",le=\"999\"} 0\n"
	       "disk_latency_ns_bucket{dev=\"loop0\",op=\"read\",le=\"1999\"} 2\n"
	       "disk_latency_ns_bucket{dev=\"loop0\",op=\"read\",le=\"3999\"} 2\n"
	       "disk_latency_ns_bucket{dev=\"loop0\",op=\"read\",le=\"7999\"} 3\n"
	       "disk_latency_ns_bucket{dev=\"loop0\",op=\"read\",le=\"+Inf\"} 3\n"
	       "disk_latency_ns_sum{dev=\"loop0\",op=\"read\"} 10000\n"
	       "disk_latency_ns_count{dev=\"loop0\",op=\"read\"} 3\n");
	text = prom_text(&r);
	CHECK_STR(text, expected, "prom histogram");
	free(text);
	tc_result__free(&r);
}

/* Linear from 0 has no underflow bucket; the open top one is only +Inf. */
TC_TEST(prom_hist_linear_in_ms)
{
	struct tc_result r = {};
	char expected[2048] = "", *text;
	struct tc_hist *h;

	r.hists.def = &lat_def;
	r.hists.cfg = (struct tc_hist_cfg){
		.kind = TC_HIST_LINEAR, .nslots = 4, .unit_ns = 1000000, .lmin = 0, .lstep = 10,
	};
	r.hists.unit = "ms";
	h = add_hist(&r.hists, "sda", "write");
	h->slots[1] = 1;
	h->slots[3] = 2;
	h->count = 3;
	h->sum = 50000000;
	append_header(expected, sizeof(expected), TC_M_DISK_LATENCY, "histogram");
	append(expected, sizeof(expected),
	       "disk_latency_ns_bucket{dev=\"sda\",op=\"write\",le=\"9999999\"} 1\n"
	       "disk_latency_ns_bucket{dev=\"sda\",op=\"write\",le=\"19999999\"} 1\n"
	       "disk_latency_ns_bucket{dev=\"sda\",op=\"write\",le=\"+Inf\"} 3\n"
	       "disk_latency_ns_sum{dev=\"sda\",op=\"write\"} 50000000\n"
	       "disk_latency_ns_count{dev=\"sda\",op=\"write\"} 3\n");
	text = prom_text(&r);
	CHECK_STR(text, expected, "prom linear histogram");
	free(text);
	tc_result__free(&r);
}

TC_TEST(prom_sample_without_labels)
{
	struct tc_capture cap;
	char *text;

	tc_prom_sample(tc_capture_open(&cap), "events_unmatched_total", NULL, NULL, NULL, 0, NULL,
		       12);
	text = tc_capture_close(&cap);
	CHECK_STR(text, "events_unmatched_total 12\n", "sample without labels");
	free(text);
}

/* ---- JSON, read back ---- */

static json_object *json_of(const struct tc_result *r)
{
	json_object *o = json_object_new_object(), *back;

	tc_result_json(o, r);
	back = json_tokener_parse(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	assert_non_null(back);
	return back;
}

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(o, key, &v))
		fail_msg("json:FAIL:no \"%s\" in %s", key, json_object_to_json_string(o));
	return v;
}

static void check_json_u64(json_object *o, const char *key, __u64 expected)
{
	json_object *v = get(o, key);

	if (!json_object_is_type(v, json_type_int))
		fail_msg("json:FAIL:\"%s\" unexpected type %s != expected int", key,
			 json_type_to_name(json_object_get_type(v)));
	CHECK_U64(json_object_get_uint64(v), expected, key, "");
}

static void check_json_str(json_object *o, const char *key, const char *expected)
{
	json_object *v = get(o, key);

	if (!json_object_is_type(v, json_type_string))
		fail_msg("json:FAIL:\"%s\" unexpected type %s != expected string", key,
			 json_type_to_name(json_object_get_type(v)));
	CHECK_STR(json_object_get_string(v), expected, key);
}

static json_object *array_at(json_object *o, const char *key, size_t i, size_t len)
{
	json_object *a = get(o, key);

	if (!json_object_is_type(a, json_type_array))
		fail_msg("json:FAIL:\"%s\" is not an array", key);
	CHECK_U64(json_object_array_length(a), len, key, "elements");
	return json_object_array_get_idx(a, i);
}

TC_TEST(json_rows_with_integer_pids)
{
	struct tc_result r = { .table = { .def = &proc_def } };
	json_object *o, *row;

	add_row(&r.table, "4321", "bash", 67108864, 3);
	add_row(&r.table, "[other]", "x", 0, 0);
	o = json_of(&r);
	row = array_at(o, "rows", 0, 2);
	check_json_u64(row, "pid", 4321);
	check_json_str(row, "comm", "bash");
	check_json_u64(row, "syscalls_total", 67108864);
	check_json_u64(row, "syscall_errors_total", 3);
	row = array_at(o, "rows", 1, 2);
	check_json_str(row, "pid", "[other]");
	CHECK_TRUE(!json_object_object_get_ex(o, "histograms", NULL),
		   "json:FAIL:\"histograms\" without a histogram definition");
	json_object_put(o);
	tc_result__free(&r);
}

static void check_json_bucket(json_object *b, __u64 lo, __u64 hi, __u64 count)
{
	check_json_u64(b, "lo", lo);
	if (hi == TC_HIST_INF) {
		json_object *v = NULL;

		CHECK_TRUE(json_object_object_get_ex(b, "hi", &v) && v == NULL,
			   "json:FAIL:open bucket \"hi\" is not null in %s",
			   json_object_to_json_string(b));
	} else {
		check_json_u64(b, "hi", hi);
	}
	check_json_u64(b, "count", count);
}

TC_TEST(json_histogram_fields_and_buckets)
{
	struct tc_result r = {};
	json_object *o, *h;

	use_us(&r.hists);
	fill_us_hist(add_hist(&r.hists, "loop0", "read"));
	o = json_of(&r);
	h = array_at(o, "histograms", 0, 1);
	check_json_str(h, "metric", "disk_latency_ns");
	check_json_str(get(h, "labels"), "dev", "loop0");
	check_json_str(get(h, "labels"), "op", "read");
	check_json_str(h, "kind", "log2");
	check_json_str(h, "unit", "us");
	check_json_u64(h, "count", 3);
	check_json_u64(h, "sum_ns", 10000);
	check_json_u64(h, "min_ns", 1500);
	check_json_u64(h, "max_ns", 5000);
	check_json_bucket(array_at(h, "buckets", 0, 2), 1, 1, 2);
	check_json_bucket(array_at(h, "buckets", 1, 2), 4, 7, 1);
	CHECK_TRUE(!json_object_object_get_ex(o, "rows", NULL),
		   "json:FAIL:\"rows\" without a table definition");
	json_object_put(o);
	tc_result__free(&r);
}

TC_TEST(json_open_top_bucket_has_null_hi)
{
	struct tc_result r = {};
	json_object *o, *h;
	struct tc_hist *hist;

	use_us(&r.hists);
	hist = add_hist(&r.hists, "sda", "read");
	hist->slots[63] = 1;
	hist->count = 1;
	hist->sum = hist->min = hist->max = 1ULL << 62;
	o = json_of(&r);
	h = array_at(o, "histograms", 0, 1);
	check_json_bucket(array_at(h, "buckets", 0, 1), 1ULL << 62, TC_HIST_INF, 1);
	json_object_put(o);
	tc_result__free(&r);
}

/* ---- merging, sorting, differencing, copying ---- */

TC_TEST(normalize_merges_equal_labels)
{
	struct tc_table t = { .def = &proc_def };

	add_row(&t, "2", "b", 1, 10);
	add_row(&t, "1", "a", 2, 20);
	add_row(&t, "2", "b", 3, 30);
	add_row(&t, "2", "c", 4, 40);
	add_row(&t, "1", "a", 5, 50);
	tc_table__normalize(&t);
	CHECK_U64(t.n, 3, "rows after normalize", "rows");
	check_row(&t, 0, "1", "a", 7, 70);
	check_row(&t, 1, "2", "b", 4, 40);
	check_row(&t, 2, "2", "c", 4, 40);
	free(t.rows);
}

TC_TEST(hists_normalize_merges_equal_labels)
{
	struct tc_hists hs = {};
	struct tc_hist *a, *b;

	use_us(&hs);
	fill_us_hist(add_hist(&hs, "sda", "read"));
	a = add_hist(&hs, "loop0", "read");
	a->slots[2] = 1;
	a->count = 1;
	a->sum = a->min = a->max = 2000;
	b = add_hist(&hs, "sda", "read");
	b->slots[5] = 4;
	b->count = 4;
	b->sum = 80000;
	b->min = 16000;
	b->max = 31000;
	tc_hists__normalize(&hs);
	CHECK_U64(hs.n, 2, "histograms after normalize", "rows");
	CHECK_STR(hs.rows[0].lab[0], "loop0", "first label");
	CHECK_U64(hs.rows[1].h.count, 7, "merged count", "values");
	CHECK_U64(hs.rows[1].h.sum, 90000, "merged sum", "ns");
	CHECK_U64(hs.rows[1].h.min, 1500, "merged min", "ns");
	CHECK_U64(hs.rows[1].h.max, 31000, "merged max", "ns");
	CHECK_U64(hs.rows[1].h.slots[5], 4, "merged slot 5", "values");
	CHECK_U64(hs.rows[1].h.slots[1], 2, "merged slot 1", "values");
	free(hs.rows);
}

static void check_order(const struct tc_table *t, const char *expected)
{
	char got[64] = "";

	for (size_t i = 0; i < t->n; i++)
		append(got, sizeof(got), "%s", t->rows[i].lab[1]);
	CHECK_STR(got, expected, "row order (by comm)");
}

TC_TEST(sort_by_value_follows_sort_mask)
{
	struct tc_table_def def = proc_def;
	struct tc_table t = { .def = &def };

	add_row(&t, "1", "a", 1, 100);
	add_row(&t, "2", "c", 5, 1);
	add_row(&t, "3", "b", 50, 0);
	add_row(&t, "0", "d", 5, 1);
	/* Ties (c and d) are broken by label: pid "0" before "2". */
	def.sort_mask = 1;
	tc_table__sort_by_value(&t);
	check_order(&t, "bdca"); /* 50, 5, 5, 1 */
	def.sort_mask = 2;
	tc_table__sort_by_value(&t);
	check_order(&t, "adcb"); /* 100, 1, 1, 0 */
	def.sort_mask = 0;
	tc_table__sort_by_value(&t);
	check_order(&t, "abdc"); /* all values: 101, 50, 6, 6 */
	free(t.rows);
}

/* Matched rows subtracted, unchanged ones dropped, new ones kept whole. */
TC_TEST(delta_table_rows)
{
	struct tc_result prev = { .table = { .def = &proc_def } };
	struct tc_result cur = { .table = { .def = &proc_def } };

	add_row(&prev.table, "1", "a", 10, 1);
	add_row(&prev.table, "2", "b", 5, 0);
	add_row(&prev.table, "3", "c", 7, 7);
	add_row(&prev.table, "9", "gone", 1, 1);
	add_row(&cur.table, "1", "a", 10, 1);
	add_row(&cur.table, "2", "b", 8, 0);
	add_row(&cur.table, "3", "c", 7, 9);
	add_row(&cur.table, "4", "new", 2, 1);
	CHECK_INT(tc_result__delta(&cur, &prev), 0, "tc_result__delta return");
	CHECK_U64(cur.table.n, 3, "rows after delta", "rows");
	check_row(&cur.table, 0, "2", "b", 3, 0);
	check_row(&cur.table, 1, "3", "c", 0, 2);
	check_row(&cur.table, 2, "4", "new", 2, 1);
	tc_result__free(&prev);
	tc_result__free(&cur);
}

TC_TEST(delta_against_empty_keeps_all)
{
	struct tc_result prev = { .table = { .def = &proc_def } };
	struct tc_result cur = { .table = { .def = &proc_def } };

	add_row(&cur.table, "1", "a", 10, 1);
	add_row(&cur.table, "2", "b", 0, 0);
	tc_result__delta(&cur, &prev);
	CHECK_U64(cur.table.n, 1, "rows after delta against nothing", "rows");
	check_row(&cur.table, 0, "1", "a", 10, 1);
	tc_result__free(&cur);
}

/* Slots, count and sum differenced; min and max stay cumulative. */
TC_TEST(delta_histograms)
{
	struct tc_result prev = {}, cur = {};
	struct tc_hist *p, *c;

	use_us(&prev.hists);
	use_us(&cur.hists);
	fill_us_hist(add_hist(&prev.hists, "loop0", "read"));
	fill_us_hist(add_hist(&prev.hists, "loop0", "write"));
	p = add_hist(&cur.hists, "loop0", "read");
	fill_us_hist(p);
	p->slots[1] = 5;
	p->slots[4] = 1;
	p->count = 7;
	p->sum = 30000;
	p->max = 9000;
	fill_us_hist(add_hist(&cur.hists, "loop0", "write"));
	c = add_hist(&cur.hists, "sda", "read");
	fill_us_hist(c);
	tc_result__delta(&cur, &prev);
	CHECK_U64(cur.hists.n, 2, "histograms after delta", "rows");
	CHECK_STR(cur.hists.rows[0].lab[1], "read", "first histogram op");
	p = &cur.hists.rows[0].h;
	CHECK_U64(p->count, 4, "count delta", "values");
	CHECK_U64(p->sum, 20000, "sum delta", "ns");
	CHECK_U64(p->slots[1], 3, "slot 1 delta", "values");
	CHECK_U64(p->slots[3], 0, "slot 3 delta", "values");
	CHECK_U64(p->slots[4], 1, "slot 4 delta", "values");
	CHECK_U64(p->min, 1500, "min (cumulative)", "ns");
	CHECK_U64(p->max, 9000, "max (cumulative)", "ns");
	CHECK_STR(cur.hists.rows[1].lab[0], "sda", "new histogram dev");
	CHECK_U64(cur.hists.rows[1].h.count, 3, "new histogram count", "values");
	CHECK_U64(cur.hists.rows[1].h.slots[1], 2, "new histogram slot 1", "values");
	tc_result__free(&prev);
	tc_result__free(&cur);
}

TC_TEST(copy_is_deep)
{
	struct tc_result src = { .table = { .def = &proc_def } }, dst = {};

	use_us(&src.hists);
	add_row(&src.table, "1", "a", 1, 2);
	add_row(&src.table, "2", "b", 3, 4);
	fill_us_hist(add_hist(&src.hists, "sda", "read"));
	add_row(&dst.table, "9", "old", 9, 9); /* replaced, and freed */
	CHECK_INT(tc_result__copy(&dst, &src), 0, "tc_result__copy return");
	CHECK_TRUE(dst.table.def == &proc_def && dst.hists.def == &lat_def,
		   "copy:FAIL:definitions not copied");
	CHECK_U64(dst.table.n, 2, "copied rows", "rows");
	CHECK_U64(dst.hists.n, 1, "copied histograms", "rows");
	CHECK_TRUE(dst.table.rows != src.table.rows && dst.hists.rows != src.hists.rows,
		   "copy:FAIL:rows shared with the source");
	src.table.rows[0].val[0] = 100;
	src.hists.rows[0].h.count = 100;
	check_row(&dst.table, 0, "1", "a", 1, 2);
	check_row(&dst.table, 1, "2", "b", 3, 4);
	CHECK_U64(dst.hists.rows[0].h.count, 3, "copied histogram count", "values");
	CHECK_U64(dst.hists.rows[0].h.slots[1], 2, "copied histogram slot 1", "values");
	add_row(&dst.table, "3", "c", 5, 6); /* the copy can grow */
	check_row(&dst.table, 2, "3", "c", 5, 6);
	tc_result__free(&src);
	tc_result__free(&dst);
}

TC_TEST(copy_of_empty_result)
{
	struct tc_result src = { .table = { .def = &proc_def } }, dst = {};

	add_row(&dst.table, "9", "old", 9, 9);
	CHECK_INT(tc_result__copy(&dst, &src), 0, "tc_result__copy return");
	CHECK_U64(dst.table.n, 0, "copied rows", "rows");
	CHECK_TRUE(dst.table.rows == NULL, "copy:FAIL:rows allocated for an empty table");
	tc_result__free(&dst);
}

/* ---- the metric table ---- */

TC_TEST(metrics_are_complete_and_unique)
{
	for (int i = 0; i < TC_M_NR; i++) {
		const struct tc_metric *m = &tc_metrics[i];

		CHECK_TRUE(m->name && *m->name, "metric %d:FAIL:no name", i);
		CHECK_TRUE(m->unit && m->labels, "metric %s:FAIL:NULL unit or labels", m->name);
		CHECK_TRUE(m->help && strlen(m->help) > 10, "metric %s:FAIL:no help", m->name);
		CHECK_TRUE(tc_metric_by_name(m->name) == m,
			   "metric %s:FAIL:tc_metric_by_name finds another entry", m->name);
	}
	CHECK_TRUE(!tc_metric_by_name("no_such_metric"), "metric:FAIL:found no_such_metric");
}

TC_TEST(metrics_markdown_one_row_each)
{
	const char *head = "| metric | type | unit | labels | meaning |\n|---|---|---|---|---|\n";
	struct tc_capture cap;
	char *text, row[512];

	tc_metrics_markdown(tc_capture_open(&cap));
	text = tc_capture_close(&cap);
	CHECK_INT(tc_count_lines(text), TC_M_NR + 2, "markdown lines (header, rule, metrics)");
	CHECK_TRUE(!strncmp(text, head, strlen(head)), "markdown:FAIL:unexpected header in\n%s",
		   text);
	for (int i = 0; i < TC_M_NR; i++) {
		snprintf(row, sizeof(row), "\n| `%s` | ", tc_metrics[i].name);
		CHECK_TRUE(strstr(text, row), "markdown:FAIL:no row for %s", tc_metrics[i].name);
	}
	snprintf(row, sizeof(row), "\n| `disk_latency_ns` | histogram | ns | dev,op | %s |\n",
		 tc_metrics[TC_M_DISK_LATENCY].help);
	CHECK_TRUE(strstr(text, row), "markdown:FAIL:no row%s", row);
	snprintf(row, sizeof(row),
		 "\n| `tracecal_probe_info` | info | - | probe,hook,target | %s |\n",
		 tc_metrics[TC_M_PROBE_INFO].help);
	CHECK_TRUE(strstr(text, row), "markdown:FAIL:no row%s", row);
	snprintf(row, sizeof(row), "\n| `events_unmatched_total` | counter | events | - | %s |\n",
		 tc_metrics[TC_M_UNMATCHED].help);
	CHECK_TRUE(strstr(text, row), "markdown:FAIL:no row%s", row);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fmt_grouped_thousands),
		cmocka_unit_test(fmt_grouped_stays_in_small_buffer),
		cmocka_unit_test(table_print_aligns_columns),
		cmocka_unit_test(table_print_mixed_label_column_is_text),
		cmocka_unit_test(table_print_limits_rows),
		cmocka_unit_test(hists_print_headings),
		cmocka_unit_test(prom_table_escapes_labels),
		cmocka_unit_test(prom_hist_log2_in_us),
		cmocka_unit_test(prom_hist_linear_in_ms),
		cmocka_unit_test(prom_sample_without_labels),
		cmocka_unit_test(json_rows_with_integer_pids),
		cmocka_unit_test(json_histogram_fields_and_buckets),
		cmocka_unit_test(json_open_top_bucket_has_null_hi),
		cmocka_unit_test(normalize_merges_equal_labels),
		cmocka_unit_test(hists_normalize_merges_equal_labels),
		cmocka_unit_test(sort_by_value_follows_sort_mask),
		cmocka_unit_test(delta_table_rows),
		cmocka_unit_test(delta_against_empty_keeps_all),
		cmocka_unit_test(delta_histograms),
		cmocka_unit_test(copy_is_deep),
		cmocka_unit_test(copy_of_empty_result),
		cmocka_unit_test(metrics_are_complete_and_unique),
		cmocka_unit_test(metrics_markdown_one_row_each),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_output", tests, ARRAY_SIZE(tests), NULL, 0);
}
