// SPDX-License-Identifier: GPL-2.0
/*
 * Scenario files (harness/scenario.c) and the load-time checks of what they
 * name (harness/validate.c): every shipped scenario loads with the counts
 * and names it has; fixtures/harness_good.scn uses every directive;
 * fixtures/harness_bad.scn holds one mistake per scenario, each left out
 * with a message naming its file and line while the good ones load
 * (harness_fixtures.md).
 */
#include <errno.h>
#include <glob.h>
#include <unistd.h>
#include "tc_unit.h"
#include "../../harness/scenario.h"
#include "../../harness/validate.h"

#define SEC 1000000000ULL

static void load(struct tc_suite *s, const char *path)
{
	char err[1024] = "";

	CHECK_ERR(tc_suite_load(s, path, err, sizeof(err)), 0, err);
}

static const struct tc_scenario *find(const struct tc_suite *s, const char *name)
{
	const struct tc_scenario *sc = tc_suite_find(s, name);

	if (!sc)
		fail_msg("find:FAIL:no scenario %s", name);
	return sc;
}

static void check_expect(const struct tc_expect *e, const char *selector, const char *op,
			 enum tc_oracle_kind kind, const char *path, double factor,
			 const char *tolerance, int line)
{
	CHECK_STR(e->selector, selector, "selector");
	CHECK_STR(e->op, op, selector);
	CHECK_INT(e->oracle.kind, kind, selector);
	CHECK_STR(e->oracle.path, path, selector);
	CHECK_TRUE(e->oracle.factor == factor, "%s: factor %g != expected %g", selector,
		   e->oracle.factor, factor);
	CHECK_STR(e->tolerance, tolerance, selector);
	CHECK_INT(e->line, line, selector);
}

/* ---- the scenarios that ship ---- */

static const struct {
	const char *name, *comm;
	int nexpect;
	bool no_fixture;
	int timeout_s; /* 0: the default, 60 s */
} shipped[] = {
	{ "uring-read", "tc_uring", 3, false, 0 },
	{ "mmap-read", "tc_mmap", 3, false, 0 },
	{ "opens", "tc_opens", 3, true, 0 },
	{ "stats", "tc_stats", 3, true, 0 },
	{ "syncs", "tc_syncs", 2, false, 0 },
	{ "sync-writes", "tc_syncw", 3, false, 0 },
	{ "execs", "tc_execs", 3, true, 0 },
	{ "fio-seqread-direct", "tc_fio_sr", 4, false, 0 },
	{ "fio-randread-libaio", "tc_fio_rr", 4, false, 0 },
	{ "fio-seqwrite-uring", "tc_fio_sw", 4, false, 0 },
	{ "fio-uring-async", "tc_fio_ua", 3, false, 0 },
	{ "fio-randwrite-buffered", "tc_fio_rw", 3, false, 0 },
	{ "fio-seqread-buffered", "tc_fio_br", 3, false, 0 },
	{ "fio-group", "tc_fio_grp", 6, false, 0 },
	{ "odirect-write", "tc_dwrite", 4, false, 0 },
	{ "odirect-read", "tc_dread", 9, false, 0 },
	{ "cached-reread", "tc_reread", 4, false, 0 },
	{ "cold-read", "tc_cold", 4, false, 0 },
	{ "buffered-write-fsync", "tc_bwrite", 3, false, 0 },
	{ "busy-write-fsync", "tc_busyw", 2, false, 0 },
	{ "pid-keys", "tc_pid_keys", 1, true, 120 },
	{ "pipe-latency", "tc_pipe", 1, true, 0 },
	{ "request-sizes", "tc_sizes", 9, false, 0 },
	{ "request-order-seq", "tc_seq", 3, false, 0 },
	{ "request-order-random", "tc_random", 3, false, 0 },
	{ "syscall-counts", "tc_syscalls", 8, true, 0 },
};

TC_TEST(every_shipped_scenario_loads)
{
	struct tc_suite s = {};
	glob_t g;

	CHECK_INT(glob("../../scenarios/*.scn", 0, NULL, &g), 0, "glob");
	CHECK_U64(g.gl_pathc, 8, "scenario files", "");
	for (size_t i = 0; i < g.gl_pathc; i++)
		load(&s, g.gl_pathv[i]);
	globfree(&g);
	CHECK_INT(s.n, ARRAY_SIZE(shipped), "scenarios");
	CHECK_INT(s.nerrors, 0, "errors");
	for (size_t i = 0; i < ARRAY_SIZE(shipped); i++) {
		const struct tc_scenario *sc = &s.v[i];

		CHECK_STR(sc->name, shipped[i].name, "name, in file order");
		CHECK_STR(sc->comm, shipped[i].comm, sc->name);
		CHECK_INT(sc->nexpect, shipped[i].nexpect, sc->name);
		CHECK_INT(sc->no_fixture, shipped[i].no_fixture, sc->name);
		CHECK_U64(sc->timeout_ns, (shipped[i].timeout_s ?: 60) * SEC, sc->name, "ns");
	}
	/* the files the scenarios point to are the suite's own copies */
	CHECK_STR(s.v[0].file, "../../scenarios/async.scn", "file of the first");
	CHECK_INT(find(&s, "busy-write-fsync")->queue[TC_Q_NR_REQUESTS], 4, "FIXTURE queue_depth");
	CHECK_INT(find(&s, "cold-read")->queue[TC_Q_NR_REQUESTS], 0, "the device's own queue depth");
	CHECK_INT(find(&s, "mmap-read")->queue[TC_Q_MAX_SECTORS_KB], 128, "FIXTURE max_sectors_kb");
	CHECK_INT(find(&s, "mmap-read")->queue[TC_Q_READ_AHEAD_KB], 2560, "FIXTURE read_ahead_kb");
	CHECK_INT(find(&s, "cold-read")->queue[TC_Q_READ_AHEAD_KB], 0, "the device's own read-ahead");
	CHECK_STR(find(&s, "syscall-counts")->expect[7].file, "../../scenarios/syscalls.scn",
		  "file of an EXPECT");
	CHECK_INT(find(&s, "syscall-counts")->expect[7].line, 14,
		  "line of the last EXPECT of syscalls.scn");
	CHECK_INT(find(&s, "stats")->ntools, 6, "stats: TOOLS, the counters and the statsnoops");
	CHECK_STR(find(&s, "stats")->tools[4], "libbpf-statsnoop", "stats: its fifth tool");
	tc_suite_free(&s);
}

/* The safety suite: each limit, without a disk. */
TC_TEST(safety_scenarios_load)
{
	static const char *const names[] = { "flood-keys", "flood-events", "hot-probe-10k",
					     "hot-probe-100k", "hot-probe", "many-probes" };
	struct tc_suite s = {};

	load(&s, "../../scenarios/safety/safety.scn");
	CHECK_INT(s.n, 6, "safety scenarios");
	for (int i = 0; i < 6; i++) {
		CHECK_STR(s.v[i].name, names[i], "name, in file order");
		CHECK_TRUE(s.v[i].no_fixture, "%s: FIXTURE none", names[i]);
		CHECK_INT(s.v[i].nexpect, i == 5 ? 2 : 1, names[i]);
	}
	CHECK_STR(find(&s, "many-probes")->expect[1].op, "<=", "many-probes: an upper bound");
	CHECK_U64(find(&s, "flood-keys")->timeout_ns, 120 * SEC, "TIMEOUT 120s", "ns");
	CHECK_STR(find(&s, "flood-keys")->comm, "tc_flood_keys", "comm");
	CHECK_U64(find(&s, "flood-keys")->overhead_ns, 0, "no OVERHEAD", "ns");
	CHECK_U64(find(&s, "hot-probe-10k")->overhead_ns, 1000000, "OVERHEAD 1ms", "ns");
	CHECK_INT(find(&s, "hot-probe")->instances, 0, "one copy, INSTANCES not given");
	tc_suite_free(&s);
	load(&s, "../../scenarios/safety/instances.scn");
	CHECK_INT(s.n, 1, "instances.scn");
	CHECK_STR(s.v[0].name, "many-copies", "its scenario");
	CHECK_INT(s.v[0].instances, 3, "INSTANCES 3");
	CHECK_INT(s.v[0].ntools, 7, "its tools, the planted among them");
	tc_suite_free(&s);
}

TC_TEST(planted_scenarios_load)
{
	struct tc_suite s = {};
	const struct tc_scenario *sc;

	load(&s, "../../tests/planted/planted.scn");
	CHECK_INT(s.n, 6, "planted scenarios");
	sc = find(&s, "planted-slow");
	CHECK_U64(sc->timeout_ns, 1 * SEC, "TIMEOUT 1s", "ns");
	CHECK_INT(sc->ntools, 1, "TOOLS");
	CHECK_STR(sc->tools[0], "planted-accounted", "TOOLS");
	CHECK_TRUE(sc->no_fixture, "FIXTURE none");
	sc = find(&s, "planted-read");
	CHECK_INT(sc->nsetup, 1, "SETUP");
	CHECK_STR(sc->setup[0], "io-direct op=write file={MNT}/f size=8M bs=1M", "SETUP");
	CHECK_STR(sc->comm, "tc_pl_read", "comm");
	CHECK_INT(sc->line, 20, "first line");
	check_expect(&sc->expect[1], "disk_read_bytes{comm=\"{COMM}\"}", "==", TC_ORACLE_MANIFEST,
		     "io.passes[0].read_bytes", 1, "+2%", 25);
	CHECK_TRUE(sc->loss_allowed == 30, "LOSS_ALLOWED 30%%, not %g", sc->loss_allowed);
	tc_suite_free(&s);
}

/* ---- a scenario using every directive ---- */

TC_TEST(every_directive)
{
	struct tc_suite s = {};
	const struct tc_scenario *sc;

	load(&s, "fixtures/harness_good.scn");
	CHECK_INT(s.n, 3, "scenarios");
	sc = find(&s, "every-directive");
	CHECK_STR(sc->file, "fixtures/harness_good.scn", "file");
	CHECK_INT(sc->line, 3, "line");
	CHECK_STR(sc->description, "a file written in SETUP, read twice, checked every way",
		  "DESCRIPTION");
	CHECK_INT(sc->nreq, 2, "REQUIRES");
	CHECK_STR(sc->req[1].kind, "file", "REQUIRES 2");
	CHECK_STR(sc->req[1].arg, "/proc/diskstats", "REQUIRES 2");
	CHECK_INT(sc->req[1].line, 6, "REQUIRES 2");
	CHECK_STR(sc->req[1].file, "fixtures/harness_good.scn", "REQUIRES 2");
	CHECK_TRUE(!sc->no_fixture, "FIXTURE loopfs");
	CHECK_U64(sc->fs_size, 64 << 20, "FIXTURE size", "B");
	CHECK_STR(sc->fs_type, "xfs", "FIXTURE fs");
	CHECK_INT(sc->queue[TC_Q_NR_REQUESTS], 16, "FIXTURE queue_depth");
	CHECK_INT(sc->nsetup, 2, "SETUP");
	CHECK_STR(sc->setup[1], "io-direct op=write file={MNT}/g size=1M bs=1M comm=tc_setup",
		  "SETUP 2");
	CHECK_STR(sc->workload, "io-reread file={MNT}/f size=8M passes=2 comm=tc_every",
		  "WORKLOAD");
	CHECK_STR(sc->comm, "tc_every", "the WORKLOAD's comm, not a SETUP's");
	CHECK_U64(sc->timeout_ns, 90 * SEC, "TIMEOUT", "ns");
	CHECK_INT(sc->ntools, 2, "TOOLS");
	CHECK_STR(sc->tools[1], "bpftrace-block-bytes", "TOOLS 2");
	CHECK_INT(sc->nexpect, 6, "EXPECT");
	check_expect(&sc->expect[0], "disk_read_bytes{dev=\"{DEV}\"}", "==", TC_ORACLE_DISKSTATS,
		     "read_bytes", 1, "exact", 13);
	check_expect(&sc->expect[1], "disk_read_bytes{comm=\"{COMM}\",pid!=\"1\"}", "==",
		     TC_ORACLE_MANIFEST, "io.passes[0].read_bytes", 1, "±2%", 14);
	check_expect(&sc->expect[2], "disk_read_ios{dev=~\"loop[0-9]+\"}", "<=",
		     TC_ORACLE_DISKSTATS, "reads", 2, "exact", 15);
	check_expect(&sc->expect[3], "disk_write_bytes", ">=", TC_ORACLE_LITERAL, "", 1, "exact",
		     16);
	CHECK_TRUE(sc->expect[3].oracle.literal == 4096, "4K is %g", sc->expect[3].oracle.literal);
	check_expect(&sc->expect[4], "disk_latency_ns_count{dev=\"{DEV}\"}", ">=",
		     TC_ORACLE_DISKSTATS, "ios", 1, "exact", 17);
	check_expect(&sc->expect[5], "vfs_read_bytes{comm=\"{COMM}\"}", "==", TC_ORACLE_MANIFEST,
		     "io.read_bytes", 0.5, "abs 4096", 18);
	CHECK_STR(sc->expect[5].oracle.src, "manifest.io.read_bytes / 2", "oracle as written");
	CHECK_INT(sc->expect[0].kind, TC_EXPECT_VALUE, "EXPECT");
	tc_suite_free(&s);
	CHECK_INT(s.n + s.nfiles + s.nerrors, 0, "freed");
}

/*
 * An expectation is compiled once at load: the selector with its
 * placeholders as slots, filled at run time without parsing it again; the
 * tolerance parsed.
 */
TC_TEST(expectation_compiled_once)
{
	static const char *const vars[] = { "DEV=loop7", "COMM=tc_x" };
	struct tc_suite s = {};
	const struct tc_scenario *sc;
	struct tc_selector sel;
	char why[300];

	load(&s, "fixtures/harness_good.scn");
	sc = find(&s, "every-directive");
	/* comm="{COMM}" is a slot, pid!="1" is not */
	CHECK_INT(sc->expect[1].slots, 1, "slots");
	CHECK_ERR(tc_expect_selector(&sc->expect[1], vars, 2, &sel, why, sizeof(why)), 0, why);
	CHECK_STR(sel.name, "disk_read_bytes", "name");
	CHECK_STR(sel.m[0].value, "tc_x", "slot filled");
	CHECK_STR(sel.m[1].value, "1", "no slot");
	CHECK_INT(sel.m[1].op, TC_MATCH_NE, "op kept");
	CHECK_STR(sc->expect[1].sel.m[0].value, "{COMM}", "the compiled one unfilled");
	CHECK_INT(sc->expect[2].slots, 0, "a regex without placeholders");
	CHECK_INT(sc->expect[1].tol.kind, TC_TOL_PCT, "±2%");
	CHECK_U64(sc->expect[1].tol.num, 2, "±2%", "");
	CHECK_INT(sc->expect[5].tol.kind, TC_TOL_ABS, "abs 4096");
	CHECK_INT(sc->expect[0].tol.kind, TC_TOL_EXACT, "exact");
	tc_suite_free(&s);
}

TC_TEST(defaults_and_histograms)
{
	struct tc_suite s = {};
	const struct tc_scenario *sc;

	load(&s, "fixtures/harness_good.scn");
	sc = find(&s, "defaults");
	CHECK_U64(sc->fs_size, 256 << 20, "default fixture size", "B");
	CHECK_STR(sc->fs_type, "ext4", "default fs");
	CHECK_TRUE(!sc->no_fixture, "a fixture by default");
	CHECK_U64(sc->timeout_ns, 60 * SEC, "default TIMEOUT", "ns");
	CHECK_STR(sc->comm, "tc_syscalls", "the workload's default comm");
	CHECK_INT(sc->ntools + sc->nsetup + sc->nreq, 0, "no TOOLS, SETUP, REQUIRES");
	CHECK_STR(sc->description, "", "no DESCRIPTION");
	CHECK_TRUE(sc->loss_allowed == 1.0, "LOSS_ALLOWED by default: 1%%, not %g", sc->loss_allowed);
	CHECK_TRUE(sc->expect[0].oracle.literal == 151, "literal %g", sc->expect[0].oracle.literal);
	sc = find(&s, "histogram");
	CHECK_TRUE(sc->no_fixture, "FIXTURE none");
	CHECK_TRUE(sc->loss_allowed == 2.5, "LOSS_ALLOWED 2.5%%, not %g", sc->loss_allowed);
	CHECK_TRUE(sc->loss_allowed == 2.5, "LOSS_ALLOWED 2.5%%, not %g", sc->loss_allowed);
	CHECK_INT(sc->expect[0].kind, TC_EXPECT_HIST, "EXPECT_HIST");
	check_expect(&sc->expect[0], "vfs_latency_ns{fs=\"pipefs\",op=\"read\"}", "~",
		     TC_ORACLE_MANIFEST, "latency.hist", 1, "±5%", 30);
	CHECK_TRUE(tc_suite_find(&s, "no-such-scenario") == NULL, "find of a missing name");
	tc_suite_free(&s);
}

TC_TEST(every_oracle)
{
	static const char text[] =
		"NAME oracles\nWORKLOAD syscalls\n"
		"EXPECT disk_read_bytes == pidio.read_bytes\n"
		"EXPECT syscalls_total <= procstat.processes\n"
		"EXPECT disk_read_ios == iostat.r/s ±1\n"
		"EXPECT disk_read_bytes == iostat.rkB/s * 1024\n"
		"EXPECT disk_read_bytes == iostat.kB_read/2\n"
		"EXPECT disk_read_bytes == fio.jobs[0].read.io_bytes\n"
		"EXPECT fio.read.io_bytes == diskstats.read_bytes +1%\n"
		"EXPECT procstat.cpu.user >= 0\n";
	char path[] = "/tmp/tc_scn_oracles.XXXXXX", err[600] = "";
	const struct tc_scenario *sc;
	struct tc_suite s = {};
	int fd = mkstemp(path);

	CHECK_TRUE(fd >= 0 && write(fd, text, sizeof(text) - 1) == sizeof(text) - 1, "write %s",
		   path);
	close(fd);
	CHECK_ERR(tc_suite_load(&s, path, err, sizeof(err)), 0, err);
	unlink(path);
	sc = find(&s, "oracles");
	CHECK_INT(sc->expect[0].oracle.kind, TC_ORACLE_PIDIO, "pidio.");
	CHECK_INT(sc->expect[1].oracle.kind, TC_ORACLE_PROCSTAT, "procstat.");
	CHECK_INT(sc->expect[2].oracle.kind, TC_ORACLE_IOSTAT, "iostat.");
	CHECK_STR(sc->expect[2].oracle.path, "r/s", "iostat.r/s: a '/' before a letter is a name's");
	CHECK_TRUE(sc->expect[2].oracle.factor == 1, "r/s factor %g", sc->expect[2].oracle.factor);
	CHECK_STR(sc->expect[3].oracle.path, "rkB/s", "iostat.rkB/s * 1024");
	CHECK_TRUE(sc->expect[3].oracle.factor == 1024, "factor %g", sc->expect[3].oracle.factor);
	CHECK_STR(sc->expect[4].oracle.path, "kB_read", "iostat.kB_read/2: a '/' before a number");
	CHECK_TRUE(sc->expect[4].oracle.factor == 0.5, "factor %g", sc->expect[4].oracle.factor);
	CHECK_INT(sc->expect[5].oracle.kind, TC_ORACLE_FIO, "fio.");
	CHECK_TRUE(sc->expect[6].lhs_is_oracle, "an oracle as the selector");
	CHECK_INT(sc->expect[6].lhs.kind, TC_ORACLE_FIO, "its kind");
	CHECK_STR(sc->expect[6].lhs.path, "read.io_bytes", "its path");
	CHECK_TRUE(sc->expect[7].lhs_is_oracle, "procstat.cpu.user as the selector");
	CHECK_TRUE(sc->oracles == (1u << TC_ORACLE_PIDIO | 1u << TC_ORACLE_PROCSTAT |
				   1u << TC_ORACLE_IOSTAT | 1u << TC_ORACLE_FIO |
				   1u << TC_ORACLE_DISKSTATS | 1u << TC_ORACLE_LITERAL),
		   "the oracles it names: %#x", sc->oracles);
	tc_suite_free(&s);
}

/* ---- scenarios with a mistake ---- */

#define BAD "fixtures/harness_bad.scn:"
#define OUT(name) " (scenario " name " is left out)"

static const char *const bad_errors[] = {
	BAD "6: unknown directive EXPECTS (known: NAME, DESCRIPTION, REQUIRES, FIXTURE, SETUP, "
	    "WORKLOAD, TIMEOUT, EXPECT, EXPECT_HIST, OVERHEAD, LOSS_ALLOWED, SLOWDOWN_MAX, "
	    "INSTANCES, TOOLS, NOTE)" OUT("unknown-directive"),
	BAD "8: scenario no-expect has nothing to expect: add EXPECT or EXPECT_HIST lines",
	BAD "14: EXPECT '±x%': expected exact, ±N%, ±N, +N%, -N%, abs N, >= N or <= N"
	    OUT("bad-tolerance"),
	BAD "18: EXPECT 'diskstats.read_byte': no such diskstats field (reads, read_bytes, writes, "
	    "write_bytes, read_sectors, ...; see docs/scenarios.md)" OUT("bad-diskstats-field"),
	BAD "22: EXPECT 'lots': expected a number, diskstats.FIELD, manifest.PATH, pidio.FIELD, "
	    "procstat.FIELD, iostat.FIELD or fio.PATH"
	    OUT("oracle-not-a-number"),
	BAD "26: EXPECT 'manifest.syscalls * 0': expected ORACLE * NUMBER or ORACLE / NUMBER"
	    OUT("bad-factor"),
	BAD "30: EXPECT '=': expected ==, <= or >=" OUT("bad-op"),
	BAD "34: EXPECT_HIST '==': EXPECT_HIST compares with ~" OUT("hist-op"),
	BAD "38: EXPECT 'vfs_latency_ns' is a histogram: use EXPECT_HIST, or vfs_latency_ns_count "
	    "/ vfs_latency_ns_sum" OUT("hist-as-value"),
	BAD "42: EXPECT_HIST 'syscalls_total' is not a histogram metric" OUT("value-as-hist"),
	BAD "46: EXPECT 'syscall_count' is not a canonical metric (see docs/metrics.md)"
	    OUT("unknown-metric"),
	BAD "50: EXPECT 'syscalls_total{comm=tc_syscalls}': expected "
	    "name{label=\"value\",...} with =, != or =~" OUT("bad-selector"),
	BAD "54: EXPECT 'syscalls_total ==': no ORACLE" OUT("no-oracle"),
	BAD "58: EXPECT 'syscalls_total': expected SELECTOR OP ORACLE [TOLERANCE]"
	    OUT("selector-only"),
	BAD "66: WORKLOAD no workload 'dd' (see 'tracecal workload --list')"
	    OUT("unknown-workload"),
	BAD "70: WORKLOAD syscalls: unknown parameter 'count' (see 'tracecal workload syscalls "
	    "--help')" OUT("unknown-parameter"),
	BAD "74: WORKLOAD io-reread: invalid passes='0': less than 1" OUT("bad-parameter"),
	BAD "78: SETUP io-direct: invalid op='copy': not one of read, write" OUT("bad-setup"),
	BAD "84: TIMEOUT 'forever': expected a time such as 60s" OUT("bad-timeout"),
	BAD "88: FIXTURE 'tmpfs': expected loopfs [size=SIZE] [fs=TYPE] [queue_depth=N] [max_sectors_kb=N] [read_ahead_kb=N] or none"
	    OUT("bad-fixture"),
	BAD "93: FIXTURE 'size=16M': a size of 32M or more" OUT("small-fixture"),
	BAD "98: FIXTURE 'queue_depth=2': a queue depth from 4 to 128" OUT("shallow-queue"),
	BAD "102: NAME 'two words': letters, digits, - and _ only",
	BAD "107: REQUIRES 'kernel': unknown kind (program, file, btf, tracepoint, kprobe, fentry, "
	    "uprobe, perf_event, root)" OUT("bad-require"),
	BAD "111: scenario good-among-bad is already defined at fixtures/harness_bad.scn:61",
	BAD "120: SETUP at most 4 SETUP lines" OUT("five-setups"),
	BAD "125: FIXTURE 'max_sectors_kb=4096': a request size limit in KiB from 4 to 1024"
	    OUT("big-requests"),
	BAD "130: FIXTURE 'read_ahead=128': expected size=, fs=, queue_depth=, max_sectors_kb= or "
	    "read_ahead_kb=" OUT("no-read-ahead-word"),
	BAD "136: LOSS_ALLOWED '5': a percentage from 0% to 100%" OUT("loss-allowed-no-percent"),
	BAD "141: EXPECT 'pidio.reads': no such pidio field (rchar, wchar, syscr, syscw, "
	    "read_bytes, write_bytes, cancelled_write_bytes; see docs/oracles.md)"
	    OUT("bad-pidio-field"),
	BAD "145: EXPECT 'iostat.r_await': no such iostat field (kB_read, kB_wrtn, tps, "
	    "kB_read/s, r/s, rkB/s, w/s, wkB/s, ...; see docs/oracles.md)" OUT("bad-iostat-field"),
	BAD "147: scenario only-oracles holds only oracles to oracles: add an EXPECT on a tool's "
	    "metric",
	BAD "153: SLOWDOWN_MAX needs OVERHEAD: the slowdown is measured against an untraced run of "
	    "the workload" OUT("slowdown-no-overhead"),
	BAD "159: SLOWDOWN_MAX '500%': a factor above 1x, up to 1000x (e.g. 5x)"
	    OUT("slowdown-not-a-factor"),
	BAD "164: INSTANCES '0': a count of copies from 1 to 8" OUT("instances-zero"),
	BAD "169: INSTANCES '9': a count of copies from 1 to 8" OUT("instances-many"),
};

TC_TEST(bad_scenarios_name_file_and_line)
{
	struct tc_suite s = {};
	char err[1024] = "";
	int n;

	CHECK_ERR(tc_suite_load(&s, "fixtures/harness_bad.scn", err, sizeof(err)), -EINVAL,
		  "harness_bad.scn");
	CHECK_STR(err, bad_errors[0], "the first error");
	n = s.nerrors < (int)ARRAY_SIZE(bad_errors) ? s.nerrors : (int)ARRAY_SIZE(bad_errors);
	for (int i = 0; i < n; i++)
		CHECK_STR(s.errors[i], bad_errors[i], "error");
	CHECK_INT(s.nerrors, ARRAY_SIZE(bad_errors), "errors");
	/* Only the good one is left, and whole. */
	CHECK_INT(s.n, 1, "scenarios loaded");
	CHECK_STR(s.v[0].name, "good-among-bad", "the good one");
	CHECK_STR(s.v[0].comm, "tc_good", "its comm");
	CHECK_INT(s.v[0].nexpect, 1, "its EXPECT");
	tc_suite_free(&s);
}

TC_TEST(bad_files)
{
	struct tc_suite s = {};
	char err[1024] = "";

	/* A line that is no directive: nothing of the file is read. */
	CHECK_ERR(tc_suite_load(&s, "fixtures/harness_bad_syntax.scn", err, sizeof(err)), -EINVAL,
		  "syntax");
	CHECK_STR(err, "fixtures/harness_bad_syntax.scn:8: 'Workload' is not a directive "
		       "(directives are upper-case words: NAME, EXPECT, ...)", "syntax");
	CHECK_INT(s.n, 0, "scenarios of a file that does not parse");
	CHECK_ERR(tc_suite_load(&s, "fixtures/harness_bad_empty.scn", err, sizeof(err)), -EINVAL,
		  "empty");
	CHECK_STR(err, "fixtures/harness_bad_empty.scn: no scenario in it", "empty");
	CHECK_ERR(tc_suite_load(&s, "fixtures/harness_no_such.scn", err, sizeof(err)), -ENOENT,
		  "missing");
	CHECK_STR(err, "fixtures/harness_no_such.scn: No such file or directory", "missing");
	CHECK_INT(s.nerrors, 3, "errors noted");
	CHECK_STR(s.errors[1], "fixtures/harness_bad_empty.scn: no scenario in it", "noted");

	/* A name taken in another file of the suite. */
	load(&s, "fixtures/harness_good.scn");
	CHECK_ERR(tc_suite_load(&s, "fixtures/harness_dup.scn", err, sizeof(err)), -EINVAL, "dup");
	CHECK_STR(err, "fixtures/harness_dup.scn:3: scenario defaults is already defined at "
		       "fixtures/harness_good.scn:23", "dup");
	CHECK_INT(s.n, 3, "the first of the name stays, alone");
	CHECK_STR(find(&s, "defaults")->file, "fixtures/harness_good.scn", "the first");
	tc_suite_free(&s);
}

/* A selector that begins with a quote is refused. */
TC_TEST(selector_starting_with_a_quote)
{
	struct tc_suite s = {};
	char err[1024] = "";

	CHECK_ERR(tc_suite_load(&s, "fixtures/harness_bad_quote.scn", err, sizeof(err)), -EINVAL,
		  "quote");
	CHECK_STR(err, "fixtures/harness_bad_quote.scn:5: EXPECT '\"syscalls_total\"': a metric "
		       "name must start it", "quote");
	tc_suite_free(&s);
}

/* ---- placeholders ---- */

TC_TEST(fill_placeholders)
{
	const char *vars[] = { "DEV=loop3", "MNT=/tmp/m", "COMM=tc_x", "EMPTY=" };
	char out[64];

	CHECK_ERR(tc_fill("disk_read_bytes{dev=\"{DEV}\",comm=\"{COMM}\"}", vars, 4, out,
			  sizeof(out)),
		  0, "fill");
	CHECK_STR(out, "disk_read_bytes{dev=\"loop3\",comm=\"tc_x\"}", "filled");
	CHECK_ERR(tc_fill("{MNT}/f {NOPE} {EMPTY}| {DEV", vars, 4, out, sizeof(out)), 0, "fill");
	CHECK_STR(out, "/tmp/m/f {NOPE} | {DEV", "unknown and unclosed kept, empty filled");
	CHECK_ERR(tc_fill("{MNT}/{MNT}/{MNT}", vars, 4, out, 16), -ENAMETOOLONG, "too long");
	CHECK_ERR(tc_fill("0123456789abcdef", vars, 4, out, 16), -ENAMETOOLONG, "too long");
	CHECK_ERR(tc_fill("0123456789abcde", vars, 4, out, 16), 0, "just fits");
	CHECK_STR(out, "0123456789abcde", "just fits");
}

/* ---- load-time checks ---- */

TC_TEST(validate_metric)
{
	char why[256] = "";

	CHECK_ERR(tc_validate_metric("disk_read_bytes", false, why, sizeof(why)), 0, why);
	CHECK_ERR(tc_validate_metric("disk_latency_ns_count", false, why, sizeof(why)), 0, why);
	CHECK_ERR(tc_validate_metric("vfs_latency_ns_sum", false, why, sizeof(why)), 0, why);
	CHECK_ERR(tc_validate_metric("vfs_latency_ns", true, why, sizeof(why)), 0, why);
	CHECK_ERR(tc_validate_metric("syscalls_total_count", false, why, sizeof(why)), -EINVAL,
		  "_count of a counter");
	CHECK_STR(why, "'syscalls_total_count' is not a canonical metric (see docs/metrics.md)",
		  "_count of a counter");
	CHECK_ERR(tc_validate_metric("disk_latency_ns_count", true, why, sizeof(why)), -EINVAL,
		  "_count as a histogram");
	CHECK_STR(why, "'disk_latency_ns_count' is not a canonical metric (see docs/metrics.md)",
		  "_count as a histogram");
	CHECK_ERR(tc_validate_metric("_count", false, why, sizeof(why)), -EINVAL, "_count alone");
}

TC_TEST(validate_tolerance_and_paths)
{
	char why[256] = "";

	CHECK_ERR(tc_validate_tolerance("±2%", why, sizeof(why)), 0, why);
	CHECK_ERR(tc_validate_tolerance("2", why, sizeof(why)), -EINVAL, "bare number");
	CHECK_STR(why, "'2': a bare number: write ±N for units or ±N% for a percentage", "bare");
	CHECK_ERR(tc_validate_json_path("io.passes[0].read_bytes", why, sizeof(why)), 0, why);
	CHECK_ERR(tc_validate_json_path("per_pid.\"1234\".proc_io", why, sizeof(why)), 0, why);
	CHECK_ERR(tc_validate_json_path("[x]", why, sizeof(why)), -EINVAL, "bad first index");
	CHECK_STR(why, "bad path '[x]' at offset 0: expected [N]", "bad first index");
	CHECK_ERR(tc_validate_json_path("", why, sizeof(why)), -EINVAL, "empty");
	CHECK_STR(why, "bad path '' at offset 0: empty", "empty");
}

/*
 * A path is malformed wherever the mistake is: validation must not stop at
 * the first key, which an empty document lacks.
 */
TC_TEST(validate_json_path_whole)
{
	struct tc_suite s = {};
	char why[1024] = "";

	CHECK_ERR(tc_validate_json_path("io.passes[x]", why, sizeof(why)), -EINVAL, "bad index");
	CHECK_STR(why, "bad path 'io.passes[x]' at offset 9: expected [N]", "bad index");
	CHECK_ERR(tc_validate_json_path("syscalls..getppid", why, sizeof(why)), -EINVAL, "..");
	CHECK_ERR(tc_suite_load(&s, "fixtures/harness_bad_manifest_path.scn", why, sizeof(why)),
		  -EINVAL, "scenario");
	CHECK_STR(why, "fixtures/harness_bad_manifest_path.scn:5: EXPECT bad path "
		       "'syscalls..getppid' at offset 8: expected a key, bare or in double quotes"
		       OUT("bad-manifest-path"), "scenario");
	tc_suite_free(&s);
}

TC_TEST(validate_workload)
{
	char comm[16] = "unset", why[256] = "";

	CHECK_ERR(tc_validate_workload("io-direct op=write size=8M file=/x comm=tc_w", comm, why,
				       sizeof(why)),
		  0, why);
	CHECK_STR(comm, "tc_w", "comm");
	CHECK_ERR(tc_validate_workload("latency", comm, why, sizeof(why)), 0, why);
	CHECK_STR(comm, "tc_latency", "default comm");
	CHECK_ERR(tc_validate_workload("syscalls comm=a_comm_too_long_", comm, why, sizeof(why)),
		  -EINVAL, "long comm");
	CHECK_STR(why, "syscalls: invalid comm='a_comm_too_long_': longer than 15 characters",
		  "long comm");
	CHECK_ERR(tc_validate_workload("syscalls getppid", NULL, why, sizeof(why)), -EINVAL,
		  "no =");
	CHECK_STR(why, "syscalls: 'getppid' is not KEY=VALUE", "no =");
	CHECK_ERR(tc_validate_workload("syscalls getppid=1 getppid=2", NULL, why, sizeof(why)),
		  -EINVAL, "twice");
	CHECK_STR(why, "syscalls: parameter 'getppid' given twice", "twice");
	CHECK_ERR(tc_validate_workload("io-direct", NULL, why, sizeof(why)), -EINVAL, "required");
	CHECK_TRUE(!strncmp(why, "io-direct: missing file=VALUE: ", 31), "why: %s", why);
}


static const struct tc_known_bug *const known_bugs = NULL;

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_shipped_scenario_loads),
		cmocka_unit_test(safety_scenarios_load),
		cmocka_unit_test(planted_scenarios_load),
		cmocka_unit_test(every_directive),
		cmocka_unit_test(expectation_compiled_once),
		cmocka_unit_test(defaults_and_histograms),
		cmocka_unit_test(every_oracle),
		cmocka_unit_test(bad_scenarios_name_file_and_line),
		cmocka_unit_test(bad_files),
		cmocka_unit_test(selector_starting_with_a_quote),
		cmocka_unit_test(fill_placeholders),
		cmocka_unit_test(validate_metric),
		cmocka_unit_test(validate_tolerance_and_paths),
		cmocka_unit_test(validate_json_path_whole),
		cmocka_unit_test(validate_workload),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_scenario", tests, ARRAY_SIZE(tests), known_bugs, 0);
}
