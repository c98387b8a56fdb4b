// SPDX-License-Identifier: GPL-2.0
/*
 * The engines' loss and overload-abort messages (harness/engines.c), with
 * their real texts: SystemTap's runtime (staprun's transport, the
 * translator's overload check and MAXMAPENTRIES/MAXSKIPPED errors), DTrace's
 * consumer (drops, dynamic variable drops, the deadman abort), bpftrace's
 * perf-buffer loss line and tracecal's own guard (tracer/guard.c). A message
 * with a count gives that count; one without says a loss all the same.
 */
#include "tc_unit.h"
#include "../../harness/engines.h"

static void check_loss(const char *line, double want, const char *what)
{
	double n = -2;

	CHECK_TRUE(tc_engine_loss(line, &n), "%s: a loss message: %s", what, line);
	CHECK_TRUE(n == want, "%s: count %g, expected %g", what, n, want);
}

TC_TEST(loss_messages_with_their_counts)
{
	check_loss("WARNING: There were 12 transport failures.", 12, "SystemTap transport");
	check_loss("WARNING: There were 1,024 transport failures.", 1024, "thousands separators");
	check_loss("dtrace: 1234 drops on CPU 1", 1234, "DTrace principal buffer");
	check_loss("dtrace: 5860 dynamic variable drops with non-empty dirty list", 5860,
		   "DTrace dynvarsize, dirty list");
	check_loss("dtrace: 3 dynamic variable drops", 3, "DTrace dynvarsize");
	check_loss("Lost 4096 events", 4096, "bpftrace perf buffer");
}

TC_TEST(loss_messages_without_a_count)
{
	/* -1: a loss said, not counted; the ":1:30" of the location is no count */
	check_loss("ERROR: Array overflow, check MAXMAPENTRIES near identifier 't' at "
		   "<input>:1:30", -1, "SystemTap MAXMAPENTRIES");
	check_loss("ERROR: Skipped too many probes, check MAXSKIPPED or try again with stap -t "
		   "for more details.", -1, "SystemTap MAXSKIPPED");
}

TC_TEST(not_loss_messages)
{
	static const char *const lines[] = {
		"Attaching 2 probes...",
		"WARNING: Number of errors: 0, skipped probes: 0",
		"syscalls_total{name=\"getppid\"} 20000",
		"Lost connection to the server", /* no count: not bpftrace's line */
		"  Lost 3 events",		 /* bpftrace prints it at the start of a line */
	};
	double n;

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		CHECK_TRUE(!tc_engine_loss(lines[i], &n), "not a loss message: %s", lines[i]);
}

static void check_abort(const char *line, const char *probe)
{
	char got[128] = "unset";

	CHECK_TRUE(tc_engine_abort(line, got, sizeof(got)), "an abort: %s", line);
	CHECK_STR(got, probe, "the probe it names");
}

TC_TEST(abort_messages)
{
	check_abort("ERROR: probe overhead exceeded threshold", "");
	/* SystemTap 5.x says by how much (sid's 5.6 in the 6.1 guest, openat_heavy.stp). */
	check_abort("ERROR: probe overhead (618467577 cycles) exceeded threshold (500000000 "
		    "cycles) in last 1000000000 cycles", "");
	check_abort("dtrace: processing aborted: Abort due to systemic unresponsiveness", "");
	check_abort("tracecal: stopped early: the probes took 52.3% of the time of 2 CPUs "
		    "(measured over 0.10 s of each of the last 2 s; limit 5%, --max-overhead); the "
		    "costliest, probe syscalls (program tc_sc_exit_raw), took 2,113 ns per hit over "
		    "96,231 hits. The probes are detached; the report covers the time until then. "
		    "--no-overhead-limit lifts the limit", "syscalls");
	check_abort("tracecal: stopped early: the probes took 9.0% of the time of 2 CPUs "
		    "(measured over 0.10 s of each of the last 2 s; limit 5%, --max-overhead); the "
		    "costliest, probe uprobe tc_wl_sc6 (program tc_uc_enter), took 900 ns per hit "
		    "over 10 hits.", "uprobe tc_wl_sc6");
}

TC_TEST(not_abort_messages)
{
	static const char *const lines[] = {
		"WARNING: no overhead limit (--no-overhead-limit): nothing stops the probes",
		"ERROR: probe overhead (12 cycles) within threshold",
		"dtrace: processing aborted: Invalid address (0x0) in action #1",
		"Segmentation fault",
	};
	char probe[64];

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		CHECK_TRUE(!tc_engine_abort(lines[i], probe, sizeof(probe)), "not an abort: %s",
			   lines[i]);
}

/* The engines' words for a probe that did not attach, and lines that only look like them. */
TC_TEST(attach_warnings)
{
	assert_true(tc_engine_attach_warning("WARNING: could not attach probe kprobe:vfs_read, skipping."));
	assert_true(tc_engine_attach_warning("libbpf: prog 'x': failed to attach: Invalid argument"));
	assert_true(tc_engine_attach_warning("WARNING: Skipped 3 probes"));
	assert_true(tc_engine_attach_warning("     <not supported>      block:block_rq_issue"));
	assert_false(tc_engine_attach_warning("Attaching 2 probes..."));
	assert_false(tc_engine_attach_warning("Skipped too many probes"));
}

TC_TEST(line_count_reads_separators)
{
	CHECK_TRUE(tc_line_count("dropped 1,234,567 of them") == 1234567, "1,234,567");
	CHECK_TRUE(tc_line_count("no number here") == 1, "a line without a number counts 1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loss_messages_with_their_counts),
		cmocka_unit_test(loss_messages_without_a_count),
		cmocka_unit_test(not_loss_messages),
		cmocka_unit_test(abort_messages),
		cmocka_unit_test(not_abort_messages),
		cmocka_unit_test(attach_warnings),
		cmocka_unit_test(line_count_reads_separators),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_engines", tests, ARRAY_SIZE(tests), NULL, 0);
}
