// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel matrix (reports/kmatrix.c) from two small runs: a cell whose
 * verdict differs between kernels is marked and explained, the hooks each
 * kernel gave a tool are shown, a pair run on different hooks with the same
 * counts passes the hook-path check, and one whose exact counts differ (a
 * planted error) is listed; a file that is no report is an error.
 */
#include <errno.h>
#include "tc_unit.h"
#include "../../reports/kmatrix.h"

static char *matrix_text(struct tc_kmatrix *m)
{
	struct tc_capture cap;

	tc_kmatrix_write_text(tc_capture_open(&cap), m);
	return tc_capture_close(&cap);
}

static void load_two(struct tc_kmatrix *m)
{
	char err[512] = "";

	CHECK_ERR(tc_kmatrix_add(m, "host", "fixtures/kmatrix_host.json", err, sizeof(err)), 0, err);
	CHECK_ERR(tc_kmatrix_add(m, NULL, "fixtures/kmatrix_vm.json", err, sizeof(err)), 0, err);
}

TC_TEST(differing_cell_marked_and_explained)
{
	struct tc_kmatrix m = {};
	char *text;

	load_two(&m);
	CHECK_INT(tc_kmatrix_ndiffer(&m), 1, "cells that differ");
	text = matrix_text(&m);
	CHECK_TRUE(strstr(text, "  host                 kernel 6.18.44, 5 runs (fixtures/kmatrix_host.json)\n"),
		   "kernel line: %s", text);
	CHECK_TRUE(strstr(text, "\nbpftrace-biolatency host    6.1.0-41-cloud-amd64\n"
				"  odirect-read      ERROR   PASS  <- differs\n"), "the row: %s",
		   text);
	CHECK_TRUE(strstr(text, "  bpftrace-biolatency x odirect-read:\n"
				"    host                 ERROR: partial attach: "
				"kprobe:blk_account_io_start: kprobes are absent\n"
				"    6.1.0-41-cloud-amd64 PASS\n"),
		   "the reason per kernel: %s", text);
	CHECK_TRUE(strstr(text, "(1 more scenario SKIPped on every kernel)"), "skips folded: %s", text);
	/* Not a kernel's doing: bpftrace is not installed in the VM. */
	CHECK_TRUE(strstr(text, "  syscall-counts    PASS    SKIP  (not run everywhere)\n"),
		   "a program missing is no difference: %s", text);
	CHECK_TRUE(strstr(text, "Not run on every kernel, for want of a program (the kernels that ran "
				"them agree): 1 cell: tool requires program bpftrace is not installed "
				"(not in PATH)\n"),
		   "said once: %s", text);
	CHECK_TRUE(!strstr(text, "bpftrace-syscount x syscall-counts:"), "not listed: %s", text);
	free(text);
	tc_kmatrix_free(&m);
}

TC_TEST(hooks_per_kernel_and_hook_paths)
{
	struct tc_kmatrix m = {};
	char *text;

	load_two(&m);
	text = matrix_text(&m);
	CHECK_TRUE(strstr(text, "  hooks on host: syscalls=tp_btf raw_syscalls:sys_exit\n"
				"  hooks on 6.1.0-41-cloud-amd64: syscalls=fentry __x64_sys_getppid\n"),
		   "hooks: %s", text);
	/* Planted: vfstop's exact count differs between its two hook paths. */
	CHECK_TRUE(strstr(text, "  hook paths differ: tracecal-vfstop x cached-reread: "
				"vfs_read_bytes{comm=\"{COMM}\"}: host=4096 6.1.0-41-cloud-amd64=8192\n"),
		   "planted difference: %s", text);
	CHECK_TRUE(strstr(text, "Hook paths: 2 tool x scenario pairs ran on different hooks on "
				"different kernels; 1 gave the same verdict and the same exact counts "
				"on each, the others are listed above\n"),
		   "summary: %s", text);
	CHECK_TRUE(!strstr(text, "hook paths differ: tracecal-syscount"), "syscount agrees: %s",
		   text);
	free(text);
	tc_kmatrix_free(&m);
}

TC_TEST(json_has_every_kernel)
{
	struct tc_kmatrix m = {};
	struct tc_capture cap;
	char *text;

	load_two(&m);
	CHECK_ERR(tc_kmatrix_write_json(tc_capture_open(&cap), &m), 0, "json");
	text = tc_capture_close(&cap);
	CHECK_TRUE(strstr(text, "\"differences\": 1"), "differences: %s", text);
	CHECK_TRUE(strstr(text, "\"6.1.0-41-cloud-amd64\":{\n") || strstr(text, "\"6.1.0-41-cloud-amd64\": {\n"),
		   "per kernel: %s", text);
	CHECK_TRUE(strstr(text, "\"results\": \"fixtures/kmatrix_vm.json\""), "paths unescaped: %s", text);
	free(text);
	tc_kmatrix_free(&m);
}

TC_TEST(bad_inputs)
{
	struct tc_kmatrix m = {};
	char err[512] = "";

	CHECK_ERR(tc_kmatrix_add(&m, NULL, "fixtures/kmatrix_bad.json", err, sizeof(err)), -EINVAL,
		  "no results");
	CHECK_STR(err, "fixtures/kmatrix_bad.json: not a report of tracecal run (no kernel or results)",
		  "message");
	CHECK_ERR(tc_kmatrix_add(&m, NULL, "fixtures/kmatrix_missing.json", err, sizeof(err)),
		  -EINVAL, "missing");
	CHECK_TRUE(strstr(err, "fixtures/kmatrix_missing.json: not a JSON report"), "message: %s", err);
	CHECK_INT(m.nk, 0, "nothing added");
	tc_kmatrix_free(&m);
}

static const struct tc_known_bug *const known_bugs = NULL;

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(differing_cell_marked_and_explained),
		cmocka_unit_test(hooks_per_kernel_and_hook_paths),
		cmocka_unit_test(json_has_every_kernel),
		cmocka_unit_test(bad_inputs),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_kmatrix", tests, ARRAY_SIZE(tests), known_bugs, 0);
}
