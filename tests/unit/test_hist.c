// SPDX-License-Identifier: GPL-2.0
/*
 * Histograms: the bucketing that the BPF programs run (tc_log2_slot,
 * tc_lin_slot, tc_hist_slot, tc_hist_add in bpf/tc_shared.h), the ranges
 * user space gives those buckets (tc_hist_bucket, tc_hist_le_ns, tc_unit_ns
 * in hist.c), checked against each other at every boundary, and the
 * terminal rendering (tc_hist_print) compared as whole texts.
 */
#include "tc_unit.h"
#include "../../tracer/hist.h"
#include "../../common/opts.h"

#define INF TC_HIST_INF

static const struct tc_hist_cfg log2_ns = { .kind = TC_HIST_LOG2, .unit_ns = 1 };

static struct tc_hist_cfg linear(__u64 lmin, __u64 lstep, __u32 nslots, __u64 unit_ns)
{
	struct tc_hist_cfg c = {
		.kind = TC_HIST_LINEAR, .nslots = nslots, .unit_ns = unit_ns,
		.lmin = lmin, .lstep = lstep,
	};
	return c;
}

/* ---- bucketing, as the BPF side does it ---- */

TC_TEST(log2_slot_of_small_values)
{
	static const struct {
		__u64 v;
		__u32 slot;
	} cases[] = { { 0, 0 }, { 1, 1 }, { 2, 2 }, { 3, 2 }, { 4, 3 }, { 7, 3 }, { 8, 4 },
		      { 1000, 10 }, { 1023, 10 }, { 1024, 11 } };

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char what[64];

		snprintf(what, sizeof(what), "tc_log2_slot(%llu)", (unsigned long long)cases[i].v);
		CHECK_U64(tc_log2_slot(cases[i].v), cases[i].slot, what, "(slot)");
	}
}

/* 2^k - 1 ends slot k, 2^k and 2^k + 1 are in slot k + 1; 63 takes the rest. */
TC_TEST(log2_slot_at_every_power_of_two)
{
	for (int k = 1; k < 64; k++) {
		__u64 p = 1ULL << k;
		__u32 up = k + 1 < 63 ? k + 1 : 63;
		char what[64];

		snprintf(what, sizeof(what), "tc_log2_slot(2^%d - 1)", k);
		CHECK_U64(tc_log2_slot(p - 1), k < 63 ? k : 63, what, "(slot)");
		snprintf(what, sizeof(what), "tc_log2_slot(2^%d)", k);
		CHECK_U64(tc_log2_slot(p), up, what, "(slot)");
		snprintf(what, sizeof(what), "tc_log2_slot(2^%d + 1)", k);
		CHECK_U64(tc_log2_slot(p + 1), up, what, "(slot)");
	}
}

TC_TEST(log2_slot_clamps_at_63)
{
	CHECK_U64(tc_log2_slot(1ULL << 62), 63, "tc_log2_slot(2^62)", "(slot)");
	CHECK_U64(tc_log2_slot(1ULL << 63), 63, "tc_log2_slot(2^63)", "(slot)");
	CHECK_U64(tc_log2_slot(UINT64_MAX), 63, "tc_log2_slot(UINT64_MAX)", "(slot)");
}

/* lmin 100, lstep 10, 12 slots: 0 below 100, 1..10 of width 10, 11 from 200 on. */
TC_TEST(lin_slot_underflow_steps_overflow)
{
	static const struct {
		__u64 v;
		__u32 slot;
	} cases[] = { { 0, 0 },	   { 99, 0 },	{ 100, 1 }, { 109, 1 }, { 110, 2 },
		      { 199, 10 }, { 200, 11 }, { 1000, 11 }, { UINT64_MAX, 11 } };

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char what[64];

		snprintf(what, sizeof(what), "tc_lin_slot(%llu, 100, 10, 12)",
			 (unsigned long long)cases[i].v);
		CHECK_U64(tc_lin_slot(cases[i].v, 100, 10, 12), cases[i].slot, what, "(slot)");
	}
}

TC_TEST(lin_slot_rejects_unusable_configs)
{
	CHECK_U64(tc_lin_slot(50, 0, 10, 2), 0, "nslots 2", "(slot)");
	CHECK_U64(tc_lin_slot(50, 0, 10, TC_HIST_SLOTS + 1), 0, "nslots 65", "(slot)");
	CHECK_U64(tc_lin_slot(50, 0, 0, 12), 0, "lstep 0", "(slot)");
	CHECK_U64(tc_lin_slot(50, 0, 10, TC_HIST_SLOTS), 6, "nslots 64", "(slot)");
}

TC_TEST(hist_slot_divides_by_unit)
{
	struct tc_hist_cfg us = { .kind = TC_HIST_LOG2, .unit_ns = 1000 };
	struct tc_hist_cfg ms_lin = linear(0, 10, 12, 1000000);

	CHECK_U64(tc_hist_slot(&us, 999), 0, "999 ns in us", "(slot)");
	CHECK_U64(tc_hist_slot(&us, 1000), 1, "1000 ns in us", "(slot)");
	CHECK_U64(tc_hist_slot(&us, 1999), 1, "1999 ns in us", "(slot)");
	CHECK_U64(tc_hist_slot(&us, 2000), 2, "2000 ns in us", "(slot)");
	CHECK_U64(tc_hist_slot(&log2_ns, 1000), 10, "1000 ns in ns", "(slot)");
	CHECK_U64(tc_hist_slot(&ms_lin, 9999999), 1, "9,999,999 ns in ms, linear", "(slot)");
	CHECK_U64(tc_hist_slot(&ms_lin, 10000000), 2, "10,000,000 ns in ms, linear", "(slot)");
	CHECK_U64(tc_hist_slot(&ms_lin, 100000000), 11, "100 ms, linear", "(slot)");
}

TC_TEST(hist_add_keeps_ns_stats_and_unit_slots)
{
	struct tc_hist_cfg us = { .kind = TC_HIST_LOG2, .unit_ns = 1000 };
	struct tc_hist h = {};

	tc_hist_add(&h, &us, 5000);
	tc_hist_add(&h, &us, 1500);
	tc_hist_add(&h, &us, 3000);
	CHECK_U64(h.count, 3, "count", "values");
	CHECK_U64(h.sum, 9500, "sum", "ns");
	CHECK_U64(h.min, 1500, "min", "ns");
	CHECK_U64(h.max, 5000, "max", "ns");
	CHECK_U64(h.slots[1], 1, "slot 1 (1 us)", "values");
	CHECK_U64(h.slots[2], 1, "slot 2 (2..3 us)", "values");
	CHECK_U64(h.slots[3], 1, "slot 3 (4..7 us)", "values");
	CHECK_U64(h.slots[0], 0, "slot 0", "values");
}

/* min starts at the first value, not at the zeroed 0. */
TC_TEST(hist_add_first_value_sets_min)
{
	struct tc_hist h = {};

	tc_hist_add(&h, &log2_ns, 700);
	CHECK_U64(h.min, 700, "min after one value", "ns");
	tc_hist_add(&h, &log2_ns, 0);
	CHECK_U64(h.min, 0, "min after a 0", "ns");
	CHECK_U64(h.max, 700, "max", "ns");
	CHECK_U64(h.slots[0], 1, "slot 0", "values");
}

/* ---- ranges, as user space reads them ---- */

static void check_bucket(const struct tc_hist_cfg *cfg, __u32 slot, __u64 lo, __u64 hi)
{
	__u64 l = 1, h = 1;
	char what[64];

	snprintf(what, sizeof(what), "tc_hist_bucket(slot %u) return", slot);
	CHECK_INT(tc_hist_bucket(cfg, slot, &l, &h), 0, what);
	snprintf(what, sizeof(what), "slot %u lo", slot);
	CHECK_U64(l, lo, what, "units");
	snprintf(what, sizeof(what), "slot %u hi", slot);
	CHECK_U64(h, hi, what, "units");
}

TC_TEST(bucket_log2_ranges)
{
	__u64 lo, hi;

	CHECK_U64(tc_hist_nslots(&log2_ns), 64, "log2 nslots", "slots");
	check_bucket(&log2_ns, 0, 0, 0);
	check_bucket(&log2_ns, 1, 1, 1);
	check_bucket(&log2_ns, 2, 2, 3);
	check_bucket(&log2_ns, 11, 1024, 2047);
	check_bucket(&log2_ns, 62, 1ULL << 61, (1ULL << 62) - 1);
	check_bucket(&log2_ns, 63, 1ULL << 62, INF);
	CHECK_INT(tc_hist_bucket(&log2_ns, 64, &lo, &hi), -1, "slot 64 return");
}

TC_TEST(bucket_linear_ranges)
{
	struct tc_hist_cfg c = linear(100, 10, 12, 1);
	struct tc_hist_cfg z = linear(0, 10, 12, 1);
	__u64 lo, hi;

	CHECK_U64(tc_hist_nslots(&c), 12, "linear nslots", "slots");
	check_bucket(&c, 0, 0, 99);
	check_bucket(&c, 1, 100, 109);
	check_bucket(&c, 10, 190, 199);
	check_bucket(&c, 11, 200, INF);
	CHECK_INT(tc_hist_bucket(&c, 12, &lo, &hi), -1, "slot 12 of 12 return");
	CHECK_INT(tc_hist_bucket(&z, 0, &lo, &hi), -1, "underflow slot with lmin 0 return");
	check_bucket(&z, 1, 0, 9);
}

/* v must lie in the range of the slot it is put in. */
static void check_value_in_its_bucket(const struct tc_hist_cfg *cfg, __u64 v)
{
	__u32 slot = tc_hist_slot(cfg, v);
	__u64 lo, hi;

	if (tc_hist_bucket(cfg, slot, &lo, &hi))
		fail_msg("value %llu:FAIL:put in slot %u, which has no range",
			 (unsigned long long)v, slot);
	if (v < lo || v > hi)
		fail_msg("value %llu:FAIL:put in slot %u unexpected range [%llu, %llu] (units)",
			 (unsigned long long)v, slot, (unsigned long long)lo,
			 (unsigned long long)hi);
}

/* The valid buckets tile [0, INF] with no gap and no overlap. */
static void check_buckets_tile(const struct tc_hist_cfg *cfg)
{
	__u64 lo, hi, next = 0;
	bool top = false;

	for (__u32 s = 0; s < tc_hist_nslots(cfg); s++) {
		if (tc_hist_bucket(cfg, s, &lo, &hi))
			continue;
		if (top || lo != next)
			fail_msg("slot %u:FAIL:lo unexpected %llu != expected %llu units (the "
				 "previous bucket's hi + 1)",
				 s, (unsigned long long)lo, (unsigned long long)next);
		if (hi == INF)
			top = true;
		next = hi + 1;
	}
	CHECK_TRUE(top, "buckets:FAIL:no bucket reaches TC_HIST_INF");
}

TC_TEST(bucket_holds_log2_boundary_values)
{
	check_value_in_its_bucket(&log2_ns, 0);
	check_value_in_its_bucket(&log2_ns, UINT64_MAX);
	for (int k = 0; k < 64; k++) {
		__u64 p = 1ULL << k;

		check_value_in_its_bucket(&log2_ns, p - 1);
		check_value_in_its_bucket(&log2_ns, p);
		check_value_in_its_bucket(&log2_ns, p + 1);
	}
	check_buckets_tile(&log2_ns);
}

#define LIN(min, step, n)                                                                          \
	{ .kind = TC_HIST_LINEAR, .nslots = n, .unit_ns = 1, .lmin = min, .lstep = step }

static const struct tc_hist_cfg lin_cfgs[] = {
	LIN(0, 1, 3),  LIN(0, 10, 12),      LIN(100, 7, 64),
	LIN(5, 1, 64), LIN(1000, 1000, 20), LIN(3, 5, 4),
};

TC_TEST(bucket_holds_linear_values)
{
	for (size_t i = 0; i < ARRAY_SIZE(lin_cfgs); i++) {
		const struct tc_hist_cfg *c = &lin_cfgs[i];
		__u64 end = c->lmin + c->lstep * c->nslots + 3;

		for (__u64 v = 0; v <= end; v++)
			check_value_in_its_bucket(c, v);
		check_value_in_its_bucket(c, UINT64_MAX - 1);
		check_buckets_tile(c);
	}
}

/* (v - lmin) / lstep + 1 must not wrap for the largest value. */
TC_TEST(lin_slot_of_uint64_max_is_overflow)
{
	for (size_t i = 0; i < ARRAY_SIZE(lin_cfgs); i++) {
		const struct tc_hist_cfg *c = &lin_cfgs[i];
		char what[96];

		snprintf(what, sizeof(what), "tc_lin_slot(UINT64_MAX, %llu, %llu, %u)",
			 (unsigned long long)c->lmin, (unsigned long long)c->lstep, c->nslots);
		CHECK_U64(tc_lin_slot(UINT64_MAX, c->lmin, c->lstep, c->nslots), c->nslots - 1,
			  what, "(slot)");
		check_value_in_its_bucket(c, UINT64_MAX);
	}
}

TC_TEST(le_ns_log2_in_ns_and_us)
{
	struct tc_hist_cfg us = { .kind = TC_HIST_LOG2, .unit_ns = 1000 };

	CHECK_U64(tc_hist_le_ns(&log2_ns, 0), 0, "ns slot 0 le", "ns");
	CHECK_U64(tc_hist_le_ns(&log2_ns, 3), 7, "ns slot 3 le", "ns");
	CHECK_U64(tc_hist_le_ns(&log2_ns, 62), (1ULL << 62) - 1, "ns slot 62 le", "ns");
	CHECK_U64(tc_hist_le_ns(&log2_ns, 63), INF, "ns slot 63 (open) le", "ns");
	/* 0 us stands for 0..999 ns; slot 3 is 4..7 us, so up to 7,999 ns. */
	CHECK_U64(tc_hist_le_ns(&us, 0), 999, "us slot 0 le", "ns");
	CHECK_U64(tc_hist_le_ns(&us, 3), 7999, "us slot 3 le", "ns");
}

TC_TEST(le_ns_linear_in_ms)
{
	struct tc_hist_cfg c = linear(0, 10, 12, 1000000);
	struct tc_hist_cfg u = linear(100, 10, 12, 1000000);

	CHECK_U64(tc_hist_le_ns(&c, 1), 9999999, "slot 1 (0..9 ms) le", "ns");
	CHECK_U64(tc_hist_le_ns(&c, 10), 99999999, "slot 10 (90..99 ms) le", "ns");
	CHECK_U64(tc_hist_le_ns(&c, 11), INF, "overflow slot le", "ns");
	CHECK_U64(tc_hist_le_ns(&u, 0), 99999999, "underflow slot (0..99 ms) le", "ns");
}

/* A bound too large for u64 ns saturates to INF rather than wrapping. */
TC_TEST(le_ns_saturates_when_ns_overflow)
{
	struct tc_hist_cfg s = { .kind = TC_HIST_LOG2, .unit_ns = 1000000000 };

	/* 2^34 s = 17,179,869,184,000,000,000 ns fits; 2^35 s does not. */
	CHECK_U64(tc_hist_le_ns(&s, 34), 17179869184000000000ULL - 1, "s slot 34 le", "ns");
	CHECK_U64(tc_hist_le_ns(&s, 35), INF, "s slot 35 le", "ns");
	CHECK_U64(tc_hist_le_ns(&s, 62), INF, "s slot 62 le", "ns");
}

/*
 * The largest finite bound: a linear bucket ending at floor(2^64 / 1000) - 1
 * us ends at 18,446,744,073,709,550,999 ns, which fits in u64.
 */
TC_TEST(le_ns_exact_at_largest_finite_bound)
{
	__u64 top = 18446744073709551ULL; /* floor(2^64 / 1000) */
	struct tc_hist_cfg c = linear(top - 10, 10, 3, 1000);

	CHECK_U64(tc_hist_le_ns(&c, 1), 18446744073709550999ULL, "slot 1 le", "ns");
}

/* Every value in ns is at most the le of its slot and above the le before. */
TC_TEST(le_ns_agrees_with_slot)
{
	const struct tc_hist_cfg cfgs[] = {
		{ .kind = TC_HIST_LOG2, .unit_ns = 1000 },
		linear(5, 3, 10, 1000000),
	};

	for (size_t i = 0; i < ARRAY_SIZE(cfgs); i++) {
		const struct tc_hist_cfg *c = &cfgs[i];

		for (int k = 0; k < 40; k++) {
			__u64 base = (1ULL << k) * c->unit_ns;

			for (__u64 v = base ? base - 1 : 0; v <= base + 1; v++) {
				__u32 slot = tc_hist_slot(c, v);
				__u64 le = tc_hist_le_ns(c, slot);

				if (v > le)
					fail_msg("%llu ns:FAIL:slot %u le unexpected %llu < value",
						 (unsigned long long)v, slot,
						 (unsigned long long)le);
				if (slot > 0 && tc_hist_le_ns(c, slot - 1) >= v)
					fail_msg("%llu ns:FAIL:slot %u le %llu not below value",
						 (unsigned long long)v, slot - 1,
						 (unsigned long long)tc_hist_le_ns(c, slot - 1));
			}
		}
	}
}

TC_TEST(unit_ns_names)
{
	CHECK_U64(tc_unit_ns("ns"), 1, "ns", "ns");
	CHECK_U64(tc_unit_ns("us"), 1000, "us", "ns");
	CHECK_U64(tc_unit_ns("ms"), 1000000, "ms", "ns");
	CHECK_U64(tc_unit_ns("s"), 1000000000, "s", "ns");
	CHECK_U64(tc_unit_ns("m"), 0, "m (unknown)", "ns");
	CHECK_U64(tc_unit_ns("US"), 0, "US (unknown)", "ns");
	CHECK_U64(tc_unit_ns(""), 0, "empty", "ns");
}

/* ---- terminal rendering ---- */

/* Print h and compare the whole text and the returned line count. */
static void check_print(const struct tc_hist *h, const struct tc_hist_cfg *cfg, const char *unit,
			int width, const char *expected)
{
	struct tc_capture cap;
	char *text;
	int lines;

	lines = tc_hist_print(tc_capture_open(&cap), h, cfg, unit, width);
	text = tc_capture_close(&cap);
	CHECK_STR(text, expected, "tc_hist_print text");
	CHECK_INT(lines, tc_count_lines(expected), "tc_hist_print lines returned");
	free(text);
}

static char *print_to_text(const struct tc_hist *h, const struct tc_hist_cfg *cfg, int width)
{
	struct tc_capture cap;

	tc_hist_print(tc_capture_open(&cap), h, cfg, "ns", width);
	return tc_capture_close(&cap);
}

TC_TEST(print_no_events)
{
	struct tc_hist h = {};

	check_print(&h, &log2_ns, "ns", 60, "  (no events)\n");
}

/* Padding rows above and below; the single empty interior row (slot 3) stays. */
TC_TEST(print_log2_text)
{
	struct tc_hist_cfg us = { .kind = TC_HIST_LOG2, .unit_ns = 1000 };
	struct tc_hist h = { .slots = { [1] = 1, [2] = 4, [4] = 2 } };

	check_print(&h, &us, "us", 39,
		    "       us  count  distribution\n"
		    " 0 .. 0        0 |                    |\n"
		    " 1 .. 1        1 |@@@@@               |\n"
		    " 2 .. 3        4 |@@@@@@@@@@@@@@@@@@@@|\n"
		    " 4 .. 7        0 |                    |\n"
		    " 8 .. 15       2 |@@@@@@@@@@          |\n"
		    "16 .. 31       0 |                    |\n");
}

/* Data in slot 0: there is no bucket above it to pad with. */
TC_TEST(print_slot0_has_no_padding_above)
{
	struct tc_hist h = { .slots = { [0] = 3, [1] = 1 } };

	check_print(&h, &log2_ns, "ns", 30,
		    "      ns  count  distribution\n"
		    "0 .. 0        3 |@@@@@@@@@@@@|\n"
		    "1 .. 1        1 |@@@@        |\n"
		    "2 .. 3        0 |            |\n");
}

/* Data in the open top bucket: there is no bucket below it to pad with. */
TC_TEST(print_top_slot_has_no_padding_below)
{
	struct tc_hist h = { .slots = { [63] = 1 } };

	check_print(&h, &log2_ns, "ns", 80,
		    "                                        ns  count  distribution\n"
		    "2305843009213693952 .. 4611686018427387903      0 |"
		    "                            |\n"
		    "4611686018427387904 .. inf                      1 |"
		    "@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n");
}

/* Linear from 0: no underflow row; slots 2..10 (nine rows) fold into "~". */
TC_TEST(print_linear_from_zero_folds_run)
{
	struct tc_hist_cfg c = linear(0, 10, 12, 1000000);
	struct tc_hist h = { .slots = { [1] = 2, [11] = 1 } };

	check_print(&h, &c, "ms", 40,
		    "        ms  count  distribution\n"
		    "  0 .. 9        2 |@@@@@@@@@@@@@@@@@@@@|\n"
		    "    ~\n"
		    "100 .. inf      1 |@@@@@@@@@@          |\n");
}

/* Linear from 100: the underflow bucket 0..99 exists and pads above. */
TC_TEST(print_linear_underflow_pads_above)
{
	struct tc_hist_cfg c = linear(100, 50, 5, 1000);
	struct tc_hist h = { .slots = { [1] = 7 } };

	check_print(&h, &c, "us", 40,
		    "        us  count  distribution\n"
		    "  0 .. 99       0 |                    |\n"
		    "100 .. 149      7 |@@@@@@@@@@@@@@@@@@@@|\n"
		    "150 .. 199      0 |                    |\n");
}

static int count_fold_lines(const char *text)
{
	int n = 0;

	for (const char *p = text; (p = strchr(p, '~')); p++)
		n++;
	return n;
}

TC_TEST(print_keeps_two_empty_rows)
{
	struct tc_hist h = { .slots = { [1] = 1, [4] = 1 } };
	char *text = print_to_text(&h, &log2_ns, 40);

	/* header + slots 0..5 */
	CHECK_INT(tc_count_lines(text), 7, "lines with an interior run of 2");
	CHECK_INT(count_fold_lines(text), 0, "'~' lines with an interior run of 2");
	free(text);
}

TC_TEST(print_folds_three_empty_rows)
{
	struct tc_hist h = { .slots = { [1] = 1, [5] = 1, [9] = 1 } };
	char *text = print_to_text(&h, &log2_ns, 40);

	/* header, 0, 1, ~, 5, ~, 9, 10 */
	CHECK_INT(tc_count_lines(text), 8, "lines with two interior runs of 3");
	CHECK_INT(count_fold_lines(text), 2, "'~' lines with two interior runs of 3");
	CHECK_TRUE(strstr(text, "\n    ~\n") != NULL, "fold:FAIL:no \"    ~\" line in\n%s", text);
	free(text);
}

/*
 * Every row (not the header, not "~") has its two '|' in the same columns,
 * is exactly width wide when the bar is not clamped, and shows its count.
 */
static void check_aligned(const char *text, int width, int *bar)
{
	const char *line = strchr(text, '\n') + 1, *nl;
	int col = -1;

	for (; (nl = strchr(line, '\n')); line = nl + 1) {
		const char *p1 = memchr(line, '|', nl - line), *p2;

		if (memchr(line, '~', nl - line))
			continue;
		CHECK_TRUE(p1, "row:FAIL:no '|' in \"%.*s\"", (int)(nl - line), line);
		p2 = memchr(p1 + 1, '|', nl - p1 - 1);
		CHECK_TRUE(p2 && p2 == nl - 1, "row:FAIL:bar not closed at the end of \"%.*s\"",
			   (int)(nl - line), line);
		if (col < 0)
			col = p1 - line;
		CHECK_INT(p1 - line, col, "column of the first '|'");
		if (width)
			CHECK_INT(nl - line, width, "row width (columns)");
		*bar = p2 - p1 - 1;
	}
}

TC_TEST(print_aligns_columns_of_mixed_widths)
{
	struct tc_hist h = { .slots = { [1] = 1, [10] = 123456, [12] = 3, [20] = 5 } };
	char *text = print_to_text(&h, &log2_ns, 70);
	int bar = 0;

	check_aligned(text, 70, &bar);
	CHECK_TRUE(strstr(text, "123456 |") != NULL, "count:FAIL:no \"123456 |\" in\n%s", text);
	free(text);
}

static int count_at(const char *text, const char *row_start)
{
	const char *p = strstr(text, row_start);
	int n = 0;

	CHECK_TRUE(p, "row:FAIL:no row starting \"%s\" in\n%s", row_start, text);
	for (p = strchr(p, '|') + 1; *p == '@'; p++)
		n++;
	return n;
}

TC_TEST(print_scales_bars_to_largest_count)
{
	struct tc_hist h = { .slots = { [2] = 1, [3] = 500000, [4] = 1000000 } };
	char *text = print_to_text(&h, &log2_ns, 41);
	int bar = 0;

	check_aligned(text, 41, &bar);
	/* wlo 2 (16), whi 3, wcnt 7: 41 - 9 - 2 - 7 - 3 = 20 columns of bar */
	CHECK_INT(bar, 20, "bar width (columns)");
	CHECK_INT(count_at(text, "\n 8 .. 15"), 20, "'@' for the largest count");
	CHECK_INT(count_at(text, "\n 4 .. 7"), 10, "'@' for half the largest count");
	CHECK_INT(count_at(text, "\n 2 .. 3"), 1, "'@' for a count of 1 in 1,000,000");
	CHECK_INT(count_at(text, "\n 1 .. 1"), 0, "'@' for an empty padding row");
	free(text);
}

static int bar_width(int width)
{
	struct tc_hist h = { .slots = { [3] = 2 } };
	char *text = print_to_text(&h, &log2_ns, width);
	int bar = 0;

	check_aligned(text, 0, &bar);
	CHECK_INT(count_at(text, "\n4 .. 7"), bar, "'@' for the only count");
	free(text);
	return bar;
}

/* Fixed columns here: 1 + 4 + 3 + 2 + 5 + 3 = 18. */
TC_TEST(print_bar_follows_width_within_10_to_60)
{
	CHECK_INT(bar_width(50), 32, "bar for width 50 (columns)");
	CHECK_INT(bar_width(28), 10, "bar for width 28 (columns)");
	CHECK_INT(bar_width(78), 60, "bar for width 78 (columns)");
	CHECK_INT(bar_width(0), 10, "bar for width 0 (columns)");
	CHECK_INT(bar_width(10), 10, "bar for width 10 (columns)");
	CHECK_INT(bar_width(1000), 60, "bar for width 1000 (columns)");
}

/* Known bugs, with why (as a DENYLIST): none at present. */
static const struct tc_known_bug *const known_bugs = NULL;


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(log2_slot_of_small_values),
		cmocka_unit_test(log2_slot_at_every_power_of_two),
		cmocka_unit_test(log2_slot_clamps_at_63),
		cmocka_unit_test(lin_slot_underflow_steps_overflow),
		cmocka_unit_test(lin_slot_rejects_unusable_configs),
		cmocka_unit_test(hist_slot_divides_by_unit),
		cmocka_unit_test(hist_add_keeps_ns_stats_and_unit_slots),
		cmocka_unit_test(hist_add_first_value_sets_min),
		cmocka_unit_test(bucket_log2_ranges),
		cmocka_unit_test(bucket_linear_ranges),
		cmocka_unit_test(bucket_holds_log2_boundary_values),
		cmocka_unit_test(bucket_holds_linear_values),
		cmocka_unit_test(lin_slot_of_uint64_max_is_overflow),
		cmocka_unit_test(le_ns_log2_in_ns_and_us),
		cmocka_unit_test(le_ns_linear_in_ms),
		cmocka_unit_test(le_ns_saturates_when_ns_overflow),
		cmocka_unit_test(le_ns_exact_at_largest_finite_bound),
		cmocka_unit_test(le_ns_agrees_with_slot),
		cmocka_unit_test(unit_ns_names),
		cmocka_unit_test(print_no_events),
		cmocka_unit_test(print_log2_text),
		cmocka_unit_test(print_slot0_has_no_padding_above),
		cmocka_unit_test(print_top_slot_has_no_padding_below),
		cmocka_unit_test(print_linear_from_zero_folds_run),
		cmocka_unit_test(print_linear_underflow_pads_above),
		cmocka_unit_test(print_keeps_two_empty_rows),
		cmocka_unit_test(print_folds_three_empty_rows),
		cmocka_unit_test(print_aligns_columns_of_mixed_widths),
		cmocka_unit_test(print_scales_bars_to_largest_count),
		cmocka_unit_test(print_bar_follows_width_within_10_to_60),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_hist", tests, ARRAY_SIZE(tests), known_bugs, 0);
}
