// SPDX-License-Identifier: GPL-2.0
/*
 * Tool descriptors (harness/descriptor.c) and what they are made of:
 * directive files (harness/directives.c) and requirements
 * (harness/require.c). Every shipped descriptor must load; fixtures in
 * fixtures/harness_desc_*.tool use every directive and are checked field
 * by field; each fixtures/harness_bad_*.tool has one mistake, refused
 * with a message naming its file and line (harness_fixtures.md).
 */
#include <errno.h>
#include <ftw.h>
#include <glob.h>
#include <signal.h>
#include <unistd.h>
#include "tc_unit.h"
#include "../../common/regex_guard.h"
#include "../../harness/scenario.h"
#include "../../harness/descriptor.h"
#include "../../harness/directives.h"
#include "../../harness/proc.h"
#include "../../harness/require.h"

#define SEC 1000000000ULL
#define MSEC 1000000ULL

static void load(const char *name, struct tc_tooldesc *d)
{
	char path[256], err[1024] = "";

	snprintf(path, sizeof(path), "fixtures/%s", name);
	CHECK_ERR(tc_tooldesc_load(path, d, err, sizeof(err)), 0, err);
}

static bool ready_matches(const struct tc_tooldesc *d, const char *line)
{
	return !regexec(&d->ready, line, 0, NULL, 0);
}

static void check_map(const struct tc_map_rule *m, const char *source, const char *target,
		      double scale, __u64 unit_ns, const char *keys, int line)
{
	CHECK_STR(m->source, source, "MAP source");
	CHECK_STR(m->target, target, source);
	CHECK_TRUE(m->scale == scale, "%s: scale %g != expected %g", source, m->scale, scale);
	CHECK_U64(m->unit_ns, unit_ns, source, "ns");
	CHECK_STR(m->keys, keys, source);
	CHECK_INT(m->line, line, source);
}

/* ---- the descriptors that ship ---- */

/* The TOOL name each shipped descriptor must have: its file name, "wrong-" for wrong/. */
static void check_shipped(const char *pattern, const char *prefix, size_t expected)
{
	glob_t g;

	CHECK_INT(glob(pattern, 0, NULL, &g), 0, pattern);
	CHECK_U64(g.gl_pathc, expected, pattern, "descriptors");
	for (size_t i = 0; i < g.gl_pathc; i++) {
		const char *base = strrchr(g.gl_pathv[i], '/') + 1;
		char name[128], err[1024] = "";
		struct tc_tooldesc d;

		snprintf(name, sizeof(name), "%s%.*s", prefix, (int)(strlen(base) - 5), base);
		CHECK_ERR(tc_tooldesc_load(g.gl_pathv[i], &d, err, sizeof(err)), 0, err);
		CHECK_STR(d.name, name, g.gl_pathv[i]);
		CHECK_STR(d.path, g.gl_pathv[i], "path kept");
		CHECK_TRUE(d.nprovides > 0, "%s provides nothing", g.gl_pathv[i]);
		CHECK_TRUE(d.command[0] && d.ready_src[0], "%s: no COMMAND or READY",
			   g.gl_pathv[i]);
		tc_tooldesc_free(&d);
	}
	globfree(&g);
}

/* Real tools, a folder per family (scenarios/tools/FAMILY/, each with a NOTE). */
static const struct family {
	const char *glob;
	size_t n;
} families[] = {
	{ "../../scenarios/tools/libbpf-tools/*.tool", 12 },
	{ "../../scenarios/tools/perf/*.tool", 3 },
	{ "../../scenarios/tools/bpftrace/*.tool", 11 },
	{ "../../scenarios/tools/sysstat/*.tool", 1 },
};

TC_TEST(every_shipped_descriptor_loads)
{
	check_shipped("../../scenarios/tools/*.tool", "", 10);
	for (size_t i = 0; i < ARRAY_SIZE(families); i++)
		check_shipped(families[i].glob, "", families[i].n);
	check_shipped("../../scenarios/tools/wrong/*.tool", "wrong-", 3);
	check_shipped("../../tests/planted/*.tool", "", 34);
	check_shipped("../../scenarios/safety/tools/*.tool", "", 27);
}

static size_t tools_found, tools_bad;

static int visit_tool(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *base = path + ftw->base;
	char name[128], err[1024] = "";
	struct tc_tooldesc d;
	size_t len = strlen(base);

	(void)st;
	if (type != FTW_F || len <= 5 || strcmp(base + len - 5, ".tool"))
		return 0;
	tools_found++;
	snprintf(name, sizeof(name), "%s%.*s", strstr(path, "/wrong/") ? "wrong-" : "",
		 (int)(len - 5), base);
	if (tc_tooldesc_load(path, &d, err, sizeof(err))) {
		tools_bad++;
		print_message("# %s: %s\n", path, err);
		return 0;
	}
	if (strcmp(d.name, name)) {
		tools_bad++;
		print_message("# %s: TOOL %s, expected %s (its file's name)\n", path, d.name, name);
	}
	tc_tooldesc_free(&d);
	return 0;
}

static size_t glob_count(const char *pattern)
{
	glob_t g;
	size_t n = glob(pattern, 0, NULL, &g) ? 0 : g.gl_pathc;

	if (n)
		globfree(&g);
	return n;
}

/*
 * What audit loads: every descriptor under scenarios/tools/, however deep.
 * Each must load and be named after its file, and each folder holding one
 * must be among those counted above (a new family gets its count there).
 */
TC_TEST(every_descriptor_under_tools_loads)
{
	size_t globbed = glob_count("../../scenarios/tools/*.tool") +
			 glob_count("../../scenarios/tools/wrong/*.tool");

	for (size_t i = 0; i < ARRAY_SIZE(families); i++)
		globbed += glob_count(families[i].glob);
	tools_found = tools_bad = 0;
	CHECK_INT(nftw("../../scenarios/tools", visit_tool, 16, FTW_PHYS), 0, "nftw");
	CHECK_U64(tools_bad, 0, "descriptors under scenarios/tools", "that fail to load");
	CHECK_U64(tools_found, globbed, "descriptors under scenarios/tools", "(the globs' count)");
}

TC_TEST(shipped_prom_descriptor)
{
	struct tc_tooldesc d;
	char err[1024] = "";

	CHECK_ERR(tc_tooldesc_load("../../scenarios/tools/tracecal-disktop.tool", &d, err,
				   sizeof(err)),
		  0, err);
	CHECK_STR(d.level, "disk", "LEVEL");
	CHECK_STR(tc_reader_of(&d)->name, "prom", "PARSER");
	CHECK_STR(d.command, "{TRACECAL} trace disktop -d {DEV} --prom", "COMMAND");
	CHECK_STR(d.version_cmd, "{TRACECAL} --version", "VERSION");
	CHECK_INT(d.line, 3, "the record's first line");
	CHECK_INT(d.nreq, 2, "REQUIRES");
	CHECK_STR(d.req[0].kind, "btf", "first REQUIRES");
	CHECK_STR(d.req[0].arg, "", "btf takes no argument");
	CHECK_STR(d.req[1].kind, "tracepoint", "second REQUIRES");
	CHECK_STR(d.req[1].arg, "block:block_rq_complete", "second REQUIRES");
	CHECK_INT(d.req[1].line, 7, "second REQUIRES line");
	CHECK_STR(d.req[1].file, "../../scenarios/tools/tracecal-disktop.tool", "its file");
	CHECK_INT(d.nprovides, 4, "PROVIDES");
	CHECK_STR(d.provides[3].metric, "disk_write_ios", "fourth PROVIDES");
	CHECK_INT(d.provides[3].nlabels, 3, "its labels");
	CHECK_STR(d.provides[3].labels[2], "dev", "its third label");
	CHECK_INT(d.nmaps, 0, "MAP");
	CHECK_TRUE(ready_matches(&d, "Tracing 2 probes (2 hooks)... Hit Ctrl-C to end."),
		   "READY does not match tracecal's line");
	tc_tooldesc_free(&d);
}

/* A bpftrace descriptor: MAP rules with raw labels, constants and filters. */
TC_TEST(shipped_bpftrace_descriptors)
{
	struct tc_tooldesc d;
	char err[1024] = "";

	CHECK_ERR(tc_tooldesc_load("../../scenarios/tools/bpftrace/bpftrace-vfsstat.tool", &d, err,
				   sizeof(err)),
		  0, err);
	CHECK_INT(d.nmaps, 2, "MAP");
	CHECK_STR(d.maps[1].source, "@", "the map with no name");
	CHECK_INT(d.maps[1].nfilters, 1, "filters");
	CHECK_STR(d.maps[1].filters[0].key, "k0", "filter key");
	CHECK_STR(d.maps[1].filters[0].value, "kprobe:vfs_write", "filter value");
	CHECK_INT(d.maps[1].nlabels, 0, "a filter is no label");
	CHECK_U64(d.stop_repeat_ns, 2 * SEC, "STOP_REPEAT", "ns");
	CHECK_INT(d.nwarn, 1, "ATTACH_WARNING");
	CHECK_TRUE(!regexec(&d.warn[0], "WARNING: could not attach probe kprobe:vfs_open, "
					"skipping.", 0, NULL, 0),
		   "ATTACH_WARNING does not match bpftrace's warning");
	tc_tooldesc_free(&d);

	CHECK_ERR(tc_tooldesc_load("../../scenarios/tools/bpftrace-syscalls.tool", &d, err,
				   sizeof(err)),
		  0, err);
	CHECK_INT(d.nmaps, 5, "MAP");
	CHECK_STR(d.maps[4].target, "syscall_errors_total", "fifth MAP");
	CHECK_INT(d.maps[4].nlabels, 2, "its labels");
	CHECK_STR(d.maps[4].labels[0].name, "name", "a constant label");
	CHECK_STR(d.maps[4].labels[0].key, "", "a constant takes no raw label");
	CHECK_STR(d.maps[4].labels[0].value, "openat", "its value, unquoted");
	CHECK_STR(d.maps[4].labels[1].value, "{COMM}", "a placeholder, filled at run time");
	/* "getppid" is a constant: the tool says nothing of other names. */
	CHECK_INT(d.provides[0].npartial, 1, "partial labels");
	CHECK_STR(d.provides[0].partial[0], "name", "partial label");
	tc_tooldesc_free(&d);
}

/* ---- fixtures using every directive ---- */

TC_TEST(bpftrace_descriptor_every_directive)
{
	struct tc_tooldesc d;

	load("harness_desc_bpftrace.tool", &d);
	CHECK_STR(d.name, "harness-bpftrace", "TOOL");
	CHECK_STR(d.description, "bpftrace one-liner: bytes per comm and pid at block_rq_issue, "
				 "and a latency histogram", "DESCRIPTION");
	CHECK_STR(d.level, "disk", "LEVEL");
	CHECK_INT(d.line, 3, "TOOL line");
	CHECK_INT(d.nreq, 3, "REQUIRES");
	CHECK_STR(d.req[0].kind, "program", "REQUIRES 1");
	CHECK_STR(d.req[0].arg, "sh", "REQUIRES 1");
	CHECK_STR(d.req[1].arg, "block:block_rq_issue", "REQUIRES 2");
	CHECK_STR(d.req[2].kind, "kprobe", "REQUIRES 3");
	CHECK_STR(d.req[2].arg, "", "kprobe without a function");
	CHECK_INT(d.req[2].line, 8, "REQUIRES 3 line");
	CHECK_TRUE(!strncmp(d.command, "bpftrace -B none -e 'tracepoint:block:block_rq_issue "
				       "/args->dev == {DEVNUM}/ {", 66),
		   "COMMAND: %s", d.command);
	CHECK_STR(d.version_cmd, "bpftrace --version", "VERSION");
	CHECK_STR(d.ready_src, "^READY$", "READY");
	CHECK_TRUE(ready_matches(&d, "READY"), "READY does not match READY");
	CHECK_TRUE(!ready_matches(&d, "NOT READY"), "READY matches NOT READY");
	CHECK_U64(d.ready_timeout_ns, 1500 * MSEC, "READY_TIMEOUT", "ns");
	CHECK_INT(d.stop_signal, SIGTERM, "STOP");
	CHECK_U64(d.grace_ns, 500 * MSEC, "GRACE", "ns");
	CHECK_U64(d.stop_repeat_ns, 250 * MSEC, "STOP_REPEAT", "ns");
	CHECK_INT(d.output, TC_OUT_BOTH, "OUTPUT");
	CHECK_STR(tc_reader_of(&d)->name, "bpftrace", "PARSER");
	CHECK_TRUE(d.blocks_sum, "BLOCKS sum");
	CHECK_INT(d.nwarn, 2, "ATTACH_WARNING");
	CHECK_TRUE(!regexec(&d.warn[1], "ERROR: failed to attach probe", 0, NULL, 0),
		   "second ATTACH_WARNING");
	CHECK_INT(d.nloss, 1, "LOSS");
	CHECK_TRUE(!regexec(&d.loss[0], "Lost 12 events", 0, NULL, 0), "LOSS");
	CHECK_INT(d.nabort, 1, "ABORT");
	CHECK_INT(d.abort[0].re_nsub, 1, "ABORT keeps its group (the probe)");
	CHECK_TRUE(!regexec(&d.abort[0], "watchdog: probe @rd too slow", 0, NULL, 0), "ABORT");

	CHECK_INT(d.nmaps, 4, "MAP");
	check_map(&d.maps[0], "@rd", "disk_read_bytes", 1, 0, "si", 18);
	CHECK_INT(d.maps[0].nlabels, 3, "@rd labels");
	CHECK_STR(d.maps[0].labels[1].name, "pid", "@rd label 2");
	CHECK_STR(d.maps[0].labels[1].key, "k1", "@rd label 2 from k1");
	CHECK_STR(d.maps[0].labels[2].value, "{DEV}", "@rd label 3");
	check_map(&d.maps[1], "@sectors", "disk_read_bytes", 512, 0, "", 19);
	check_map(&d.maps[2], "@usecs", "disk_latency_ns", 1, 1000, "", 20);
	check_map(&d.maps[3], "@", "vfs_read_ops", 1, 0, "", 21);
	CHECK_STR(d.maps[3].filters[0].value, "kprobe:vfs_read", "@ filter");
	CHECK_STR(d.maps[3].labels[0].value, "ext4", "@ constant");

	/* A MAP provides its target with its labels; constants with no placeholder are partial. */
	CHECK_INT(d.nprovides, 4, "provides, one per MAP");
	CHECK_STR(d.provides[0].metric, "disk_read_bytes", "provides 1");
	CHECK_INT(d.provides[0].nlabels, 3, "provides 1 labels");
	CHECK_INT(d.provides[0].npartial, 0, "{DEV} is filled: not partial");
	CHECK_STR(d.provides[2].partial[0], "op", "op=\"read\" is partial");
	CHECK_STR(d.provides[3].partial[0], "fs", "fs=\"ext4\" is partial");
	tc_tooldesc_free(&d);
}

TC_TEST(table_descriptor)
{
	struct tc_tooldesc d;

	load("harness_desc_table.tool", &d);
	CHECK_STR(tc_reader_of(&d)->name, "table", "PARSER");
	CHECK_INT(d.nheader, 9, "HEADER words");
	CHECK_STR(d.header[6], "I/O", "HEADER 7");
	CHECK_STR(d.header[8], "AVGms", "HEADER 9");
	CHECK_INT(d.ncolumns, 4, "COLUMN");
	CHECK_STR(d.columns[1].name, "COMM", "COLUMN 2");
	CHECK_STR(d.columns[1].label, "comm", "COLUMN 2 label");
	CHECK_TRUE(d.columns[1].spaces, "COLUMN 2 spaces");
	CHECK_TRUE(!d.columns[0].spaces, "COLUMN 1 has no spaces");
	CHECK_STR(d.columns[3].metric, "disk_ios_total", "COLUMN 4 metric");
	CHECK_TRUE(d.columns[3].scale == 1, "COLUMN 4 scale %g", d.columns[3].scale);
	CHECK_TRUE(!d.blocks_sum, "BLOCKS last");
	/* A metric COLUMN is provided, without labels. */
	CHECK_INT(d.nprovides, 1, "provides");
	CHECK_STR(d.provides[0].metric, "disk_ios_total", "provides");
	CHECK_TRUE(ready_matches(&d, "Tracing... Output every 1 secs. Hit Ctrl-C to end"),
		   "READY does not match biotop's first line");
	tc_tooldesc_free(&d);
}

TC_TEST(filter_descriptor)
{
	struct tc_tooldesc d;

	load("harness_desc_filter.tool", &d);
	CHECK_STR(tc_reader_of(&d)->name, "filter", "PARSER");
	CHECK_STR(d.filter_cmd,
		  "awk -v comm={COMM} '{ printf \"opens_total{comm=\\\"%s\\\"} %s\\n\", "
		  "comm, $1 }'",
		  "the filter command, after 'filter '");
	CHECK_INT(d.output, TC_OUT_FILE, "OUTPUT");
	CHECK_INT(d.stop_signal, SIGHUP, "STOP SIGHUP");
	CHECK_STR(d.level, "syscall", "LEVEL");
	CHECK_STR(d.description, "", "no DESCRIPTION");
	CHECK_INT(d.nprovides, 2, "PROVIDES");
	CHECK_INT(d.provides[1].nlabels, 0, "PROVIDES without labels");
	tc_tooldesc_free(&d);
}

TC_TEST(defaults)
{
	struct tc_tooldesc d;

	load("harness_desc_minimal.tool", &d);
	CHECK_U64(d.ready_timeout_ns, 20 * SEC, "READY_TIMEOUT default", "ns");
	CHECK_U64(d.grace_ns, 10 * SEC, "GRACE default", "ns");
	CHECK_U64(d.stop_repeat_ns, 0, "STOP_REPEAT default: once", "ns");
	CHECK_U64(d.interval_ns, 0, "INTERVAL default: none, it reports at its end", "ns");
	CHECK_INT(d.stop_signal, SIGINT, "STOP default");
	CHECK_INT(d.output, TC_OUT_STDOUT, "OUTPUT default");
	CHECK_INT(d.nreq, 0, "REQUIRES");
	CHECK_INT(d.nwarn + d.nloss + d.nmaps + d.ncolumns, 0, "warnings, losses, maps, columns");
	CHECK_STR(d.level, "", "no LEVEL");
	tc_tooldesc_free(&d);
	CHECK_TRUE(d.path == NULL && d.name[0] == '\0', "free leaves the descriptor empty");
}

/* ---- what a descriptor provides, and whether it is usable here ---- */

static bool provides(const struct tc_tooldesc *d, const char *metric, const char *l1,
		     const char *l2)
{
	const char *labels[2] = { l1, l2 };

	return tc_tooldesc_provides(d, metric, labels, NULL, !l1 ? 0 : !l2 ? 1 : 2);
}

TC_TEST(provides_labels_and_constants)
{
	struct tc_tooldesc d;

	load("harness_desc_bpftrace.tool", &d);
	CHECK_TRUE(provides(&d, "disk_read_bytes", NULL, NULL), "disk_read_bytes");
	CHECK_TRUE(provides(&d, "disk_read_bytes", "comm", "dev"), "disk_read_bytes{comm,dev}");
	CHECK_TRUE(!provides(&d, "disk_read_bytes", "fs", NULL), "disk_read_bytes has no fs");
	CHECK_TRUE(!provides(&d, "disk_write_bytes", NULL, NULL), "no disk_write_bytes");
	/* op="read" only: an expectation must name op to apply. */
	CHECK_TRUE(!provides(&d, "disk_latency_ns", "dev", NULL), "disk_latency_ns{dev}");
	CHECK_TRUE(provides(&d, "disk_latency_ns", "dev", "op"), "disk_latency_ns{dev,op}");
	CHECK_TRUE(!provides(&d, "vfs_read_ops", NULL, NULL), "vfs_read_ops without fs");
	CHECK_TRUE(provides(&d, "vfs_read_ops", "fs", NULL), "vfs_read_ops{fs}");
	tc_tooldesc_free(&d);
}

static void check_bad(const char *file, const char *expected);

/* A label fixed to a value (fs="ext4"): an expectation on another value does not apply. */
static bool provides_eq(const struct tc_tooldesc *d, const char *metric, const char *label,
			const char *value)
{
	const char *labels[1] = { label }, *values[1] = { value };

	return tc_tooldesc_provides(d, metric, labels, values, 1);
}

TC_TEST(provides_fixed_values)
{
	struct tc_tooldesc d;

	load("harness_desc_fixed.tool", &d);
	CHECK_TRUE(provides_eq(&d, "vfs_latency_ns", "fs", "ext4"), "fs=\"ext4\": applies");
	CHECK_TRUE(!provides_eq(&d, "vfs_latency_ns", "fs", "pipefs"), "fs=\"pipefs\": ext4 only");
	CHECK_TRUE(provides_eq(&d, "vfs_latency_ns", "fs", NULL), "fs=~...: no value to hold it to");
	CHECK_TRUE(!provides(&d, "vfs_latency_ns", NULL, NULL), "fs not named: it must be");
	CHECK_TRUE(provides(&d, "vfs_latency_ns", "fs", "op"), "fs and op");
	/* A placeholder varies: named, it applies whatever the value. */
	CHECK_TRUE(provides_eq(&d, "disk_read_bytes", "dev", "loop7"), "dev=\"{DEV}\"");
	tc_tooldesc_free(&d);
	/* MAP's constants fix their labels the same way. */
	load("harness_desc_bpftrace.tool", &d);
	CHECK_TRUE(provides_eq(&d, "vfs_read_ops", "fs", "ext4"), "MAP fs=\"ext4\": ext4");
	CHECK_TRUE(!provides_eq(&d, "vfs_read_ops", "fs", "xfs"), "MAP fs=\"ext4\": not xfs");
	CHECK_TRUE(provides_eq(&d, "disk_read_bytes", "dev", "loop3"), "MAP dev=\"{DEV}\"");
	tc_tooldesc_free(&d);
	check_bad("provides_fixed", "5: PROVIDES 'fs=ext4': a label, or LABEL=\"VALUE\" for one the tool "
				    "sets to a constant (up to 63 characters)");
}

TC_TEST(usable_checks_requirements)
{
	struct tc_tooldesc d;
	char why[256] = "";

	load("harness_desc_filter.tool", &d);
	CHECK_TRUE(tc_tooldesc_usable(&d, why, sizeof(why)), "no REQUIRES: usable");
	tc_tooldesc_free(&d);

	CHECK_ERR(tc_tooldesc_load("../../tests/planted/planted-missing.tool", &d, why,
				   sizeof(why)),
		  0, why);
	CHECK_TRUE(!tc_tooldesc_usable(&d, why, sizeof(why)), "a missing program: not usable");
	CHECK_STR(why, "program tracecal-no-such-program is not installed (not in PATH)", "why");
	tc_tooldesc_free(&d);
}

/* ---- descriptors with one mistake each ---- */

static const struct {
	const char *file, *err;
} bad[] = {
	{ "unknown_directive",
	  "7: unknown directive OUTPUTS (known: TOOL, DESCRIPTION, LEVEL, REQUIRES, COMMAND, "
	  "VERSION, READY, READY_TIMEOUT, STOP, GRACE, STOP_REPEAT, INTERVAL, EXIT_STATUS, OUTPUT, PARSER, "
	  "PROVIDES, MAP, "
	  "HEADER, COLUMN, BLOCKS, ATTACH_WARNING, ABORT, LOSS, LOSSES, SCENARIOS, NOTE)" },
	{ "lower_case", "4: 'ready' is not a directive (directives are upper-case words: NAME, "
			"EXPECT, ...)" },
	{ "no_ready", "2: the record starting here has no READY (An extended regex: the tool is "
		      "tracing once a line of its stdout or stderr matches.)" },
	{ "no_parser", "2: the record starting here has no PARSER (How its report is read: "
		       "Prometheus text, bpftrace map output, a column table, or a command that "
		       "reads the report and prints Prometheus text.)" },
	{ "no_command",
	  "2: the record starting here has no COMMAND (Run with /bin/sh -c, as written: a simple "
	  "command is exec'd, so that the tool is the harness's child; a compound one (`cd {DIR} "
	  "&& ./tool`) runs in the shell, which waits out the STOP signal for the tool's status. "
	  "Placeholders: "
	  "{TRACECAL} (this tracecal), {DEV} and {DEVPATH} (the fixture's block device), {DEVNUM} "
	  "(its dev_t as the kernel's block tracepoints give it: major << 20 | minor), {MNT} (its "
	  "mount point), {COMM} (the workload's command name), {OUT} (a file for the tool's "
	  "report), {DIR} (the descriptor's folder).)" },
	{ "twice", "7: COMMAND given twice (first at line 3)" },
	{ "empty_value", "4: READY needs REGEX" },
	{ "bad_time", "7: GRACE 'soon': expected a time such as 10s or 500ms" },
	{ "zero_time", "7: READY_TIMEOUT '0s': expected a time such as 10s or 500ms" },
	{ "bad_signal", "7: STOP 'KILL': expected INT, TERM, HUP, QUIT, USR1 or USR2" },
	{ "bad_regex", "4: READY is not a valid extended regex: Unmatched ( or \\(" },
	/* make fuzz: regcomp took minutes and 2 GB on this READY; now refused at once. */
	{ "fuzz_stacked_plus", "4: READY is not a regex tracecal takes: a repetition ('+') on "
			       "a repetition at offset 9: undefined in POSIX, and ruinous to "
			       "compile" },
	{ "bad_warning_regex", "7: ATTACH_WARNING is not a valid extended regex: Unmatched [, [^, "
			       "[:, [., or [=" },
	{ "bad_level", "7: LEVEL 'kernel': expected disk, vfs, syscall, latency, cpu or user" },
	{ "bad_output", "7: OUTPUT 'pipe': expected stdout, stderr, both or file" },
	{ "bad_parser", "5: PARSER 'json': expected prom, bpftrace, table or filter COMMAND" },
	{ "long_filter", "5: PARSER is longer than its 1023 characters at most" },
	{ "bad_placeholder", "3: COMMAND names an unknown placeholder at '{DISK} --prom' (known: "
			     "{TRACECAL} {DEV} {DEVPATH} {DEVNUM} {MNT} {COMM} {OUT} {DIR})" },
	{ "bad_version_placeholder", "7: VERSION names an unknown placeholder at '{TOOL} "
				     "--version' (known: {TRACECAL} {DEV} {DEVPATH} {DEVNUM} {MNT} "
				     "{COMM} {OUT} {DIR})" },
	{ "bad_require", "7: REQUIRES 'kernel': unknown kind (program, file, btf, tracepoint, "
			 "kprobe, fentry, uprobe, perf_event, root)" },
	{ "require_no_colon", "7: REQUIRES tracepoint block_rq_issue: expected CATEGORY:EVENT" },
	{ "require_no_arg", "7: REQUIRES program needs an argument" },
	{ "bad_provides",
	  "6: PROVIDES 'syscalls' is not a canonical metric (see docs/metrics.md)" },
	{ "no_provides",
	  "2: TOOL provides no canonical metric: add PROVIDES (or MAP/COLUMN) lines" },
	{ "tool_two_words", "2: TOOL 'harness bad': a name is one word" },
	{ "map_one_word", "6: MAP '@rd': expected SOURCE TARGET [...]" },
	{ "map_bad_target", "6: MAP 'disk_reads' is not a canonical metric (see docs/metrics.md)" },
	{ "map_no_eq", "6: MAP 'comm': expected NAME=VALUE" },
	{ "map_bad_scale", "6: MAP scale '0': expected a number > 0" },
	{ "map_bad_unit", "6: MAP unit 'fortnight': expected ns, us, ms or s" },
	{ "map_bad_keys", "6: MAP keys 'sx': a layout of i, s and k" },
	{ "map_filters", "6: MAP at most 4 KEY==VALUE filters" },
	{ "bpftrace_no_map", "2: TOOL (PARSER bpftrace) needs MAP lines: bpftrace's maps have no "
			     "canonical names of their own" },
	{ "table_no_header", "2: TOOL (PARSER table) needs HEADER and COLUMN lines" },
	{ "column_both", "8: COLUMN 'COUNT label=count metric=syscalls_total': a column is a "
			 "label or a metric, one of them" },
	{ "column_bad_word", "8: COLUMN 'total=syscalls_total': expected label=, metric= or "
			     "scale=" },
	{ "scenarios_nine", "7: SCENARIOS 'a b c d e f g h i': one to 8 scenario names" },
	{ "interval_bad", "7: INTERVAL 'soon': expected a time such as 10s or 500ms" },
	{ "interval_long", "7: INTERVAL '11m': a time from 1ms to 600s (how often the tool "
			   "reports)" },
	{ "exit_status_zero", "7: EXIT_STATUS '0': exit statuses from 1 to 255, separated by "
			      "spaces" },
	{ "exit_status_word", "7: EXIT_STATUS '1 x': exit statuses from 1 to 255, separated by "
			      "spaces" },
	{ "exit_status_nine", "7: EXIT_STATUS '1 2 3 4 5 6 7 8 9': 8 exit statuses at most" },
};

static void check_bad(const char *file, const char *expected)
{
	char path[256], want[1024], err[1024] = "";
	struct tc_tooldesc d;
	int ret;

	snprintf(path, sizeof(path), "fixtures/harness_bad_%s.tool", file);
	snprintf(want, sizeof(want), "%s:%s", path, expected);
	ret = tc_tooldesc_load(path, &d, err, sizeof(err));
	if (!ret)
		tc_tooldesc_free(&d);
	CHECK_ERR(ret, -EINVAL, path);
	CHECK_STR(err, want, path);
	CHECK_TRUE(d.path == NULL && d.nprovides == 0, "%s: a refused descriptor is left empty",
		   path);
}

TC_TEST(bad_descriptors_name_file_and_line)
{
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		check_bad(bad[i].file, bad[i].err);
}

/* pidkeys.stp's staprun exits 1 after the errors it counted: EXIT_STATUS 1. */
TC_TEST(exit_status_of_a_shipped_descriptor)
{
	struct tc_tooldesc d;
	char err[1024] = "";

	CHECK_ERR(tc_tooldesc_load("../../vm-images/stap/tools/systemtap-pidkeys.tool", &d, err,
				   sizeof(err)),
		  0, err);
	CHECK_U64(d.nexit_ok, 1, "EXIT_STATUS 1: one status", "");
	CHECK_U64(d.exit_ok[0], 1, "EXIT_STATUS 1", "");
	tc_tooldesc_free(&d);
	CHECK_ERR(tc_tooldesc_load("../../vm-images/stap/tools/systemtap-disktop.tool", &d, err,
				   sizeof(err)),
		  0, err);
	CHECK_U64(d.nexit_ok, 0, "no EXIT_STATUS: 0 and the stop signal's only", "");
	tc_tooldesc_free(&d);
}

/* SystemTap's disktop.stp prints every 5 s and nothing at its end. */
TC_TEST(interval_of_a_shipped_descriptor)
{
	struct tc_tooldesc d;
	char err[1024] = "";

	CHECK_ERR(tc_tooldesc_load("../../vm-images/stap/tools/systemtap-disktop.tool", &d, err,
				   sizeof(err)),
		  0, err);
	CHECK_U64(d.interval_ns, 5 * SEC, "INTERVAL 5s", "ns");
	tc_tooldesc_free(&d);
}

TC_TEST(empty_or_missing_descriptor)
{
	struct tc_tooldesc d;
	char err[1024] = "";

	CHECK_ERR(tc_tooldesc_load("fixtures/harness_bad_empty.tool", &d, err, sizeof(err)),
		  -EINVAL, "empty");
	CHECK_STR(err, "fixtures/harness_bad_empty.tool: a descriptor holds one tool (found 0 "
		       "records)", "empty");
	CHECK_ERR(tc_tooldesc_load("fixtures/harness_no_such.tool", &d, err, sizeof(err)),
		  -ENOENT, "missing");
	CHECK_STR(err, "fixtures/harness_no_such.tool: No such file or directory", "missing");
}

/*
 * A blank line inside a descriptor splits it in two records: the message
 * must say where the second begins, or the author hunts for it.
 */
TC_TEST(two_records_name_the_second)
{
	char err[1024] = "";
	struct tc_tooldesc d;

	CHECK_ERR(tc_tooldesc_load("fixtures/harness_bad_two_records.tool", &d, err, sizeof(err)),
		  -EINVAL, "two records");
	CHECK_TRUE(!strncmp(err, "fixtures/harness_bad_two_records.tool:6: ", 41) &&
			   strstr(err, "one tool"),
		   "two records: '%s' does not name line 6, where the second begins", err);
}

/* SCENARIOS keeps a planted tool to the scenarios it is planted for. */
TC_TEST(scenarios_directive)
{
	const char *path = "../../scenarios/safety/tools/wrong-copies-shared.tool";
	char err[1024] = "";
	struct tc_tooldesc d;

	CHECK_ERR(tc_tooldesc_load(path, &d, err, sizeof(err)), 0, path);
	CHECK_INT(d.nscenarios, 1, "SCENARIOS names one");
	CHECK_STR(d.scenarios[0], "many-copies", "the scenario");
	tc_tooldesc_free(&d);
	CHECK_ERR(tc_tooldesc_load("../../scenarios/safety/tools/tracecal-syscount.tool", &d, err,
				   sizeof(err)), 0, "syscount");
	CHECK_INT(d.nscenarios, 0, "no SCENARIOS: wherever it applies");
	tc_tooldesc_free(&d);
}

/* The message must point at the COLUMN line at fault, not at TOOL. */
TC_TEST(column_not_in_header_names_its_line)
{
	check_bad("column_not_in_header", "9: COLUMN CALLS is not in HEADER");
}

/* A scale must be a number > 0: NaN and infinity turn every value into nonsense. */
TC_TEST(map_scale_must_be_finite)
{
	check_bad("map_nan_scale", "6: MAP scale 'nan': expected a number > 0");
}

/* A sample holds 8 labels: a 9th must be refused, not dropped without a word. */
TC_TEST(map_ninth_label_refused)
{
	char path[] = "fixtures/harness_bad_map_nine_labels.tool", err[1024] = "";
	struct tc_tooldesc d;
	int ret = tc_tooldesc_load(path, &d, err, sizeof(err));

	if (!ret) {
		int kept = d.maps[0].nlabels;

		tc_tooldesc_free(&d);
		fail_msg("map_ninth_label_refused:FAIL:accepted, keeping %d labels of 9", kept);
	}
	CHECK_ERR(ret, -EINVAL, path);
	CHECK_TRUE(!strncmp(err, "fixtures/harness_bad_map_nine_labels.tool:6: MAP ", 49),
		   "'%s' does not name line 6", err);
}

/* ---- directive files ---- */

TC_TEST(dfile_records_and_lines)
{
	const char *text = "# a comment\n"
			   "NAME one\n"
			   "  EXPECT\ta == 1   \n"
			   "# a comment inside a record does not end it\n"
			   "NOTE\n"
			   "\n"
			   "   \n"
			   "NAME two\n"
			   "X_2 y z\n";
	struct tc_dfile f;
	char err[256] = "";

	CHECK_ERR(tc_dfile_parse("t.scn", text, &f, err, sizeof(err)), 0, err);
	CHECK_INT(f.n, 2, "records");
	CHECK_STR(f.path, "t.scn", "path");
	CHECK_INT(f.records[0].n, 3, "lines of record 1");
	CHECK_STR(f.records[0].lines[1].key, "EXPECT", "key");
	CHECK_STR(f.records[0].lines[1].value, "a == 1", "value, trimmed");
	CHECK_INT(f.records[0].lines[1].line, 3, "line");
	CHECK_STR(f.records[0].lines[2].key, "NOTE", "key alone");
	CHECK_STR(f.records[0].lines[2].value, "", "no value");
	CHECK_INT(f.records[1].lines[0].line, 8, "record 2 begins at line 8");
	CHECK_STR(f.records[1].lines[1].key, "X_2", "digits and _");
	CHECK_STR(f.records[1].lines[1].value, "y z", "value");
	CHECK_STR(f.records[1].lines[1].file, "t.scn", "file of a line");
	CHECK_STR(tc_record_get(&f.records[0], "NOTE")->key, "NOTE", "get");
	CHECK_TRUE(tc_record_get(&f.records[0], "TOOL") == NULL, "get of a missing directive");
	tc_dfile_free(&f);
	CHECK_INT(f.n, 0, "freed");

	CHECK_ERR(tc_dfile_parse("t.scn", "", &f, err, sizeof(err)), 0, err);
	CHECK_INT(f.n, 0, "no record in an empty text");
	tc_dfile_free(&f);
	CHECK_ERR(tc_dfile_parse("t.scn", "NAME a\nName b\n", &f, err, sizeof(err)), -EINVAL,
		  "mixed case");
	CHECK_STR(err, "t.scn:2: 'Name' is not a directive (directives are upper-case words: NAME, "
		       "EXPECT, ...)", "mixed case");
}

static const struct tc_directive table[] = {
	{ "NAME", "NAME", true, false, "Its name.", tc_directive_ignore },
	{ "FLAG", "", false, false, "Takes nothing.", tc_directive_ignore },
	{ "NOTE", "TEXT", false, true, "A note.", tc_directive_ignore },
	{},
};

static int check_text(const char *text, char *err)
{
	struct tc_dfile f;
	int ret;

	CHECK_ERR(tc_dfile_parse("t.x", text, &f, err, 256), 0, err);
	CHECK_INT(f.n, 1, "one record");
	ret = tc_record_check(&f.records[0], table, err, 256);
	tc_dfile_free(&f);
	return ret;
}

TC_TEST(record_check_against_a_table)
{
	char err[256] = "";

	CHECK_ERR(check_text("NAME a\nFLAG\nNOTE x\nNOTE y\n", err), 0, err);
	CHECK_ERR(check_text("NOTE x\nNAME a\nNAME b\n", err), -EINVAL, "twice");
	CHECK_STR(err, "t.x:3: NAME given twice (first at line 2)", "twice");
	CHECK_ERR(check_text("NAME a\nNOTE\n", err), -EINVAL, "empty");
	CHECK_STR(err, "t.x:2: NOTE needs TEXT", "empty");
	CHECK_ERR(check_text("NOTE x\nFLAG\n", err), -EINVAL, "required");
	CHECK_STR(err, "t.x:1: the record starting here has no NAME (Its name.)", "required");
	CHECK_ERR(check_text("NAME a\nFLAGS\n", err), -EINVAL, "unknown");
	CHECK_STR(err, "t.x:2: unknown directive FLAGS (known: NAME, FLAG, NOTE)", "unknown");
}

TC_TEST(split_words)
{
	char text[] = "  a \"b c\"\td\"e  \"\" ", bad[] = "a \"b c", many[] = "1 2 3 4";
	char *w[8];

	CHECK_INT(tc_split_words(text, w, 8), 4, "words");
	CHECK_STR(w[0], "a", "word 1");
	CHECK_STR(w[1], "b c", "quotes group");
	CHECK_STR(w[2], "d\"e", "a quote inside a word is kept");
	CHECK_STR(w[3], "", "empty quotes");
	CHECK_INT(tc_split_words(bad, w, 8), -1, "unterminated quote");
	CHECK_INT(tc_split_words(many, w, 3), -1, "more words than max");
}

TC_TEST(directives_markdown)
{
	struct tc_capture cap;
	char *md;

	tc_directives_markdown(tc_capture_open(&cap), table);
	md = tc_capture_close(&cap);
	CHECK_STR(md, "| directive | arguments | required | repeatable | meaning |\n"
		      "|---|---|---|---|---|\n"
		      "| `NAME` | NAME | yes | no | Its name. |\n"
		      "| `FLAG` | - | no | no | Takes nothing. |\n"
		      "| `NOTE` | TEXT | no | yes | A note. |\n",
		  "markdown");
	free(md);
}

/* ---- requirements ---- */

TC_TEST(require_parse)
{
	struct tc_require r;
	char err[256] = "";

	CHECK_ERR(tc_require_parse("tracepoint block:block_rq_issue", "f", 4, &r, err,
				   sizeof(err)),
		  0, err);
	CHECK_STR(r.kind, "tracepoint", "kind");
	CHECK_STR(r.arg, "block:block_rq_issue", "arg");
	CHECK_STR(r.file, "f", "file");
	CHECK_INT(r.line, 4, "line");
	CHECK_ERR(tc_require_parse("fentry   vfs_read", "f", 1, &r, err, sizeof(err)), 0, err);
	CHECK_STR(r.arg, "vfs_read", "blanks before the argument");
	CHECK_ERR(tc_require_parse("root", "f", 1, &r, err, sizeof(err)), 0, err);
	CHECK_STR(r.arg, "", "root takes no argument");
	CHECK_ERR(tc_require_parse("programs sh", "f.tool", 9, &r, err, sizeof(err)), -EINVAL,
		  "a kind that is a longer word");
	CHECK_STR(err, "f.tool:9: REQUIRES 'programs': unknown kind (program, file, btf, "
		       "tracepoint, kprobe, fentry, uprobe, perf_event, root)", "unknown kind");
	CHECK_ERR(tc_require_parse("fentry", "f.tool", 3, &r, err, sizeof(err)), -EINVAL, "fentry");
	CHECK_STR(err, "f.tool:3: REQUIRES fentry needs an argument", "fentry");
	CHECK_ERR(tc_require_parse("file ", "f.tool", 3, &r, err, sizeof(err)), -EINVAL, "file");
	CHECK_STR(err, "f.tool:3: REQUIRES file needs an argument", "file and a blank");
}

/* Only kinds that probe nothing of the kernel: program, file, root. */
TC_TEST(require_met)
{
	struct tc_require r;
	char why[256] = "", path[512] = "";

	CHECK_ERR(tc_require_parse("program sh", "f", 1, &r, why, sizeof(why)), 0, why);
	CHECK_TRUE(tc_require_met(&r, why, sizeof(why)), "sh is installed: %s", why);
	CHECK_ERR(tc_require_parse("file fixtures/harness_no_such_file", "f", 1, &r, why,
				   sizeof(why)),
		  0, why);
	CHECK_TRUE(!tc_require_met(&r, why, sizeof(why)), "a missing file");
	CHECK_STR(why, "file fixtures/harness_no_such_file: No such file or directory", "why");
	CHECK_ERR(tc_require_parse("file fixtures/harness_desc_minimal.tool", "f", 1, &r, why,
				   sizeof(why)),
		  0, why);
	CHECK_TRUE(tc_require_met(&r, why, sizeof(why)), "a fixture: %s", why);
	CHECK_ERR(tc_require_parse("root", "f", 1, &r, why, sizeof(why)), 0, why);
	CHECK_TRUE(tc_require_met(&r, why, sizeof(why)) == (geteuid() == 0), "root");
	/* btf FUNCTION: in the kernel's BTF, where there is one. */
	if (!access("/sys/kernel/btf/vmlinux", R_OK)) {
		CHECK_ERR(tc_require_parse("btf vfs_read", "f", 1, &r, why, sizeof(why)), 0, why);
		CHECK_TRUE(tc_require_met(&r, why, sizeof(why)), "btf vfs_read: %s", why);
		CHECK_ERR(tc_require_parse("btf tracecal_no_such_fn", "f", 1, &r, why, sizeof(why)), 0,
			  why);
		CHECK_TRUE(!tc_require_met(&r, why, sizeof(why)), "btf tracecal_no_such_fn");
		CHECK_STR(why, "tracecal_no_such_fn: no such function in kernel BTF (absent or "
			       "inlined)", "why");
	}
	CHECK_TRUE(tc_find_program("sh", path, sizeof(path)), "sh in PATH");
	CHECK_TRUE(!strcmp(path + strlen(path) - 3, "/sh") && !access(path, X_OK), "sh at %s",
		   path);
	CHECK_TRUE(!tc_find_program("tracecal-no-such-program", path, sizeof(path)),
		   "a missing program found at %s", path);
	CHECK_TRUE(!tc_find_program("./fixtures/harness_desc_minimal.tool", path, sizeof(path)),
		   "a path that is not executable");
}

static const struct tc_known_bug *const known_bugs = NULL;

/*
 * COMMAND runs as written: a simple command is exec'd (the tool is the
 * child), anything else runs in the shell, which the quotes of a bpftrace
 * program must not fool.
 */
TC_TEST(command_simple_or_compound)
{
	static const struct {
		const char *cmd;
		bool simple;
	} cases[] = {
		{ "tracecal trace syscount -c x --prom", true },
		{ "bpftrace -e 'tracepoint:a /comm == \"x\" && 1/ { @n = count(); }'", true },
		{ "env BPFTRACE_MAP_KEYS_MAX=1024 bpftrace -k -e 'a; b'", true },
		{ "perf stat -e \"syscalls:*\" -- sleep 1 > out", true },
		{ "echo it\\'s; true", false },
		{ "cd /opt/tool && ./tool", false },
		{ "true; tracecal trace syscount", false },
		{ "a | b", false },
		{ "a || b", false },
		{ "tool &", false },
		{ "a\nb", false },
		{ "  (tool)", false },
		{ "{ tool; }", false },
		{ "if true; then tool; fi", false },
		{ "FOO=1 tool", false },
		{ "cd", false },
		{ "cdrecord --scan", true },
		{ "tool 'unterminated ; quote", true },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		CHECK_TRUE(tc_shell_is_simple(cases[i].cmd) == cases[i].simple,
			   "shell:FAIL:'%s' unexpected %s != expected %s", cases[i].cmd,
			   cases[i].simple ? "compound" : "simple",
			   cases[i].simple ? "simple" : "compound");
}

/*
 * A directive is parsed by its own table row: every row of both formats has
 * its parser, so a directive cannot be documented (the table) and not read.
 */
TC_TEST(every_directive_row_parses)
{
	const struct tc_directive *tables[] = { tc_descriptor_directives, tc_scenario_directives };
	struct tc_dline l = { .file = "t.x", .line = 3, .key = (char *)"BOGUS", .value = (char *)"" };
	char err[256];

	for (size_t i = 0; i < ARRAY_SIZE(tables); i++)
		for (const struct tc_directive *d = tables[i]; d->name; d++)
			CHECK_TRUE(d->parse != NULL, "%s has no parser", d->name);
	CHECK_ERR(tc_dline_parse(tc_scenario_directives, NULL, &l, err, sizeof(err)), -EINVAL,
		  "unknown");
	CHECK_STR(err, "t.x:3: BOGUS: no parser for this directive", "why");
}

/*
 * The reader table and what the docs say of PARSER cannot drift: the
 * directive's syntax names each reader (with its argument), and each
 * reader is found by its own word.
 */
TC_TEST(every_reader_documented_and_found)
{
	const struct tc_directive *p = tc_descriptor_directives;
	char alt[64];

	while (p->name && strcmp(p->name, "PARSER"))
		p++;
	CHECK_TRUE(p->name != NULL, "PARSER directive");
	for (size_t i = 0; i < tc_nreaders; i++) {
		const struct tc_reader *r = &tc_readers[i];
		const char *arg = NULL;

		snprintf(alt, sizeof(alt), "%s%s%s", r->name, r->arg ? " " : "", r->arg ? r->arg : "");
		CHECK_TRUE(strstr(p->args, alt) != NULL, "PARSER %s not documented", alt);
		snprintf(alt, sizeof(alt), "%s%s", r->name, r->arg ? " x" : "");
		CHECK_TRUE(tc_reader_find(alt, &arg) == r, "PARSER %s not found", alt);
		CHECK_TRUE(!r->arg == !arg, "argument");
	}
}

/* What regcomp() would take forever over is refused, what people write is not. */
TC_TEST(regex_guard)
{
	static const char *const good[] = {
		"^Tracing", "^(Tracing|Attaching) [0-9]+ probes", "[+*]+x", "\\+\\+", "(a+)+",
		"a{1,255}", "x{3}y*", "[[:alpha:]]+[]a]*", "(((((((((a+)+)+)+)+)+)+)+)+)+",
	};
	static const char *const bad[] = {
		"a++", "a*{2}", "(a)?*", "a{256}", "a{1,300}", "((((((((((a+)+)+)+)+)+)+)+)+)+)+",
		"(a{255}){5}",
	};
	struct tc_selector sel;
	char why[200], err[512];

	for (size_t i = 0; i < ARRAY_SIZE(good); i++)
		CHECK_ERR(tc_regex_check(good[i], why, sizeof(why)), 0, good[i]);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		CHECK_ERR(tc_regex_check(bad[i], why, sizeof(why)), -EINVAL, bad[i]);
	tc_regex_check("((((((((((a+)+)+)+)+)+)+)+)+)+)+", why, sizeof(why));
	CHECK_STR(why, "repetitions nested too deep at offset 31: more than 1024 copies to compile",
		  "regex_guard");
	CHECK_ERR(tc_selector_parse("syscalls_total{comm=~\"a++\"}", &sel, err, sizeof(err)),
		  -EINVAL, "a selector's =~");
	CHECK_STR(err, "'syscalls_total{comm=~\"a++\"}': label comm: not a regex tracecal takes: "
		  "a repetition ('+') on a repetition at offset 2: undefined in POSIX, and "
		  "ruinous to compile", "a selector's =~");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_shipped_descriptor_loads),
		cmocka_unit_test(every_descriptor_under_tools_loads),
		cmocka_unit_test(shipped_prom_descriptor),
		cmocka_unit_test(shipped_bpftrace_descriptors),
		cmocka_unit_test(bpftrace_descriptor_every_directive),
		cmocka_unit_test(table_descriptor),
		cmocka_unit_test(filter_descriptor),
		cmocka_unit_test(every_reader_documented_and_found),
		cmocka_unit_test(every_directive_row_parses),
		cmocka_unit_test(defaults),
		cmocka_unit_test(provides_labels_and_constants),
		cmocka_unit_test(provides_fixed_values),
		cmocka_unit_test(usable_checks_requirements),
		cmocka_unit_test(bad_descriptors_name_file_and_line),
		cmocka_unit_test(scenarios_directive),
		cmocka_unit_test(interval_of_a_shipped_descriptor),
		cmocka_unit_test(exit_status_of_a_shipped_descriptor),
		cmocka_unit_test(empty_or_missing_descriptor),
		cmocka_unit_test(two_records_name_the_second),
		cmocka_unit_test(column_not_in_header_names_its_line),
		cmocka_unit_test(map_scale_must_be_finite),
		cmocka_unit_test(map_ninth_label_refused),
		cmocka_unit_test(dfile_records_and_lines),
		cmocka_unit_test(record_check_against_a_table),
		cmocka_unit_test(split_words),
		cmocka_unit_test(directives_markdown),
		cmocka_unit_test(require_parse),
		cmocka_unit_test(require_met),
		cmocka_unit_test(command_simple_or_compound),
		cmocka_unit_test(regex_guard),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_descriptor", tests, ARRAY_SIZE(tests), known_bugs, 0);
}
