// SPDX-License-Identifier: GPL-2.0
/*
 * tracecal diff's library (reports/rundiff.c) on the kernel matrix's two
 * small runs (fixtures/kmatrix_*.json), both ways round: an ERROR that
 * passes on the other run is fixed one way and a regression the other; a
 * PASS that is a SKIP on the other is named but neither; a number that
 * moved and the hooks that changed are listed; a run against itself is
 * empty.
 */
#include "tc_unit.h"
#include "../../reports/rundiff.h"

static char *diff_text(const char *old, const char *new, double min_pct, struct tc_rundiff *d)
{
	struct tc_kmatrix m = {};
	struct tc_capture cap;
	char err[512] = "";

	CHECK_ERR(tc_kmatrix_add(&m, "old", old, err, sizeof(err)), 0, err);
	CHECK_ERR(tc_kmatrix_add(&m, "new", new, err, sizeof(err)), 0, err);
	tc_rundiff_write(tc_capture_open(&cap), &m, min_pct, d);
	tc_kmatrix_free(&m);
	return tc_capture_close(&cap);
}

TC_TEST(host_to_vm_fixes_and_moves)
{
	struct tc_rundiff d;
	char *text = diff_text("fixtures/kmatrix_host.json", "fixtures/kmatrix_vm.json", 0, &d);

	CHECK_INT(d.regressions, 0, "regressions");
	CHECK_INT(d.fixed, 1, "fixed");
	CHECK_INT(d.changed, 2, "verdicts changed");
	CHECK_INT(d.moved, 1, "numbers moved");
	CHECK_INT(d.hooks, 2, "hooks changed");
	CHECK_TRUE(strstr(text, "\nOther verdicts that changed:\n"
				"  bpftrace-biolatency x odirect-read: ERROR -> PASS  (fixed)\n"
				"      was: partial attach: kprobe:blk_account_io_start: kprobes are absent\n"),
		   "the fix, with the old reason: %s", text);
	CHECK_TRUE(strstr(text, "  bpftrace-syscount x syscall-counts: PASS -> SKIP\n"),
		   "a pass now skipped, not a regression: %s", text);
	CHECK_TRUE(strstr(text, "  tracecal-vfstop x cached-reread: vfs_read_bytes{comm=\"{COMM}\"} "
				"[manifest.io.read_bytes]: 4,096 -> 8,192 (+100.00%)\n"),
		   "the number that moved: %s", text);
	free(text);
	/* above the threshold only: +100% is not more than 100% */
	text = diff_text("fixtures/kmatrix_host.json", "fixtures/kmatrix_vm.json", 100, &d);
	CHECK_INT(d.moved, 0, "numbers moved more than 100%");
	free(text);
}

TC_TEST(vm_to_host_regression)
{
	struct tc_rundiff d;
	char *text = diff_text("fixtures/kmatrix_vm.json", "fixtures/kmatrix_host.json", 0, &d);

	CHECK_INT(d.regressions, 1, "regressions");
	CHECK_INT(d.fixed, 0, "fixed: a SKIP that passes now is newly judged, not fixed");
	CHECK_TRUE(strstr(text, "\nRegressions (passed before, not now):\n"
				"  bpftrace-biolatency x odirect-read: PASS -> ERROR\n"
				"      now: partial attach: kprobe:blk_account_io_start: kprobes are absent\n"),
		   "the regression, with the new reason: %s", text);
	CHECK_TRUE(strstr(text, "\n1 regression, 0 fixed, 2 verdicts changed, 1 number moved, "
				"0 new cells, 0 gone, 2 with other hooks\n"),
		   "the summary: %s", text);
	free(text);
}

TC_TEST(same_run_no_difference)
{
	struct tc_rundiff d;
	char *text = diff_text("fixtures/kmatrix_host.json", "fixtures/kmatrix_host.json", 0, &d);

	CHECK_INT(d.regressions + d.changed + d.moved + d.added + d.gone + d.hooks, 0, "differences");
	CHECK_INT(tc_count_lines(text), 4, "lines: the two runs, a blank, the summary");
	free(text);
}

static const struct tc_known_bug *const known_bugs = NULL;

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(host_to_vm_fixes_and_moves),
		cmocka_unit_test(vm_to_host_regression),
		cmocka_unit_test(same_run_no_difference),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_rundiff", tests, ARRAY_SIZE(tests), known_bugs, 0);
}
