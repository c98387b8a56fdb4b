// SPDX-License-Identifier: GPL-2.0
/*
 * Loss accounting: tc_session__stat() reading the per-CPU array "tc_stats"
 * and what tc_report_losses(), tc_report_prom() and tc_report_json() say
 * about map drops, lost ring-buffer events, unmatched completions and probe
 * runs the kernel skipped. The libbpf calls are replaced at link time
 * (test_losses.wrap) by a fake map whose per-CPU values each test sets, and
 * fake programs whose recursion_misses each test sets.
 */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <json-c/json.h>
#include "tc_unit.h"
#include "../../common/metrics.h"
#include "../../tracer/report.h"
#include "../../tracer/session.h"

#define NCPUS 4
#define FAKE_FD 4242

/* tc_stats as the kernel would return it: slot -> one u64 per CPU. */
static __u64 stats[TC_STAT_NR][NCPUS];
static bool have_map, lookup_fails;
static int fake_obj, fake_map, fake_faults_map;
/* tc_faults: probe -> one struct tc_fault per CPU. */
static struct tc_fault faults[TC_FAULT_PROBES][NCPUS];
#define FAULTS_FD 4343

/* Two fake programs, by name; fd 100 + index; their recursion_misses. */
static const char *const prog_names[] = { "tc_fake_a", "tc_fake_b" };
static int fake_progs[2];
static __u64 prog_misses[2];

struct bpf_map *__wrap_bpf_object__find_map_by_name(const struct bpf_object *obj,
						    const char *name);
int __wrap_bpf_map__fd(const struct bpf_map *map);
int __wrap_bpf_map_lookup_elem(int fd, const void *key, void *value);
struct bpf_program *__wrap_bpf_object__find_program_by_name(const struct bpf_object *obj,
							     const char *name);
int __wrap_bpf_program__fd(const struct bpf_program *prog);
int __wrap_bpf_obj_get_info_by_fd(int fd, void *info, __u32 *len);

struct bpf_program *__wrap_bpf_object__find_program_by_name(const struct bpf_object *obj,
							     const char *name)
{
	(void)obj;
	for (int i = 0; i < 2; i++)
		if (!strcmp(name, prog_names[i]))
			return (struct bpf_program *)&fake_progs[i];
	return NULL;
}

int __wrap_bpf_program__fd(const struct bpf_program *prog)
{
	for (int i = 0; i < 2; i++)
		if (prog == (const void *)&fake_progs[i])
			return 100 + i;
	return -EINVAL;
}

int __wrap_bpf_obj_get_info_by_fd(int fd, void *info, __u32 *len)
{
	struct bpf_prog_info *pi = info;

	if (fd < 100 || fd > 101 || *len < sizeof(*pi))
		return -EINVAL;
	memset(pi, 0, *len);
	pi->recursion_misses = prog_misses[fd - 100];
	return 0;
}

struct bpf_map *__wrap_bpf_object__find_map_by_name(const struct bpf_object *obj, const char *name)
{
	if (obj != (const void *)&fake_obj)
		fail_msg("find_map_by_name:FAIL:unexpected object %p != the session's %p",
			 (const void *)obj, (void *)&fake_obj);
	if (have_map && !strcmp(name, "tc_faults"))
		return (struct bpf_map *)&fake_faults_map;
	if (!have_map || strcmp(name, "tc_stats"))
		return NULL;
	return (struct bpf_map *)&fake_map;
}

int __wrap_bpf_map__fd(const struct bpf_map *map)
{
	if (map == (const void *)&fake_faults_map)
		return FAULTS_FD;
	return map == (const void *)&fake_map ? FAKE_FD : -EINVAL;
}

int __wrap_bpf_map_lookup_elem(int fd, const void *key, void *value)
{
	__u32 slot = *(const __u32 *)key;

	if (fd == FAULTS_FD) {
		if (slot >= TC_FAULT_PROBES)
			return -ENOENT;
		memcpy(value, faults[slot], sizeof(faults[slot]));
		return 0;
	}
	if (fd != FAKE_FD)
		fail_msg("lookup:FAIL:unexpected fd %d != expected %d", fd, FAKE_FD);
	if (lookup_fails)
		return -EPERM;
	if (slot >= TC_STAT_NR)
		return -ENOENT;
	memcpy(value, stats[slot], sizeof(stats[slot]));
	return 0;
}

static int reset(void **state)
{
	(void)state;
	memset(stats, 0, sizeof(stats));
	memset(faults, 0, sizeof(faults));
	have_map = true;
	lookup_fails = false;
	memset(prog_misses, 0, sizeof(prog_misses));
	return 0;
}

static const struct tc_tool fake_tool = {
	.name = "fake",
	.maps = { "stats", "start" },
	.ringbuf = "events",
};

static const struct tc_tool maps_only_tool = {
	.name = "fake",
	.maps = { "stats" },
};

static void session_init(struct tc_session *s, const struct tc_tool *tool)
{
	memset(s, 0, sizeof(*s));
	s->tool = tool;
	s->argv0 = "tracecal trace fake";
	s->obj = (struct bpf_object *)&fake_obj;
	s->ncpus = NCPUS;
	s->env.max_entries = 10240;
	s->env.buffer_size = 256 * 1024;
}

static char *losses_text(struct tc_session *s)
{
	struct tc_capture cap;

	tc_report_losses(s, tc_capture_open(&cap));
	return tc_capture_close(&cap);
}

static void check_losses(const struct tc_tool *tool, const char *expected)
{
	struct tc_session s;
	char *text;

	session_init(&s, tool);
	text = losses_text(&s);
	CHECK_STR(text, expected, "tc_report_losses text");
	free(text);
}

#define MAP_FULL(name, entries, n)                                                                 \
	"tracecal trace fake: map '" name "' full (" entries " entries): " n " updates dropped; "  \
	"raise --max-entries\n"
#define LOST(n, cpus)                                                                              \
	"tracecal trace fake: lost " n " events: the consumer was too slow; raise --buffer-size "  \
	"(now 262,144 bytes). Per CPU:" cpus "\n"
#define MISSED_DONE(n)                                                                             \
	"tracecal trace fake: lost " n " completions: the kernel did not run the program for "    \
	"them (their requests were issued again, or were unfinished when tracing ended with "      \
	"nothing in flight)\n"
#define UNMATCHED(n)                                                                               \
	"tracecal trace fake: note: " n " completions whose start was not seen (in flight when "   \
	"tracing began, or not stored)\n"

/* ---- tc_session__stat ---- */

TC_TEST(stat_sums_cpus_and_fills_percpu)
{
	__u64 percpu[NCPUS] = { 99, 99, 99, 99 }, expected[NCPUS] = { 1, 3052, 0, 7 };
	struct tc_session s;

	session_init(&s, &fake_tool);
	memcpy(stats[TC_STAT_RB_LOST], expected, sizeof(expected));
	CHECK_U64(tc_session__stat(&s, TC_STAT_RB_LOST, percpu), 3060, "sum over CPUs", "events");
	for (int c = 0; c < NCPUS; c++) {
		char what[32];

		snprintf(what, sizeof(what), "cpu%d", c);
		CHECK_U64(percpu[c], expected[c], what, "events");
	}
}

TC_TEST(stat_reads_the_slot_asked)
{
	struct tc_session s;

	session_init(&s, &fake_tool);
	stats[TC_STAT_MAP_DROP][0] = 5;
	stats[TC_STAT_MAP_DROP + 1][1] = 70;
	stats[TC_STAT_UNMATCHED][2] = 300;
	CHECK_U64(tc_session__stat(&s, TC_STAT_MAP_DROP, NULL), 5, "map 0 drops", "updates");
	CHECK_U64(tc_session__stat(&s, TC_STAT_MAP_DROP + 1, NULL), 70, "map 1 drops", "updates");
	CHECK_U64(tc_session__stat(&s, TC_STAT_RB_LOST, NULL), 0, "lost", "events");
	CHECK_U64(tc_session__stat(&s, TC_STAT_UNMATCHED, NULL), 300, "unmatched", "events");
}

TC_TEST(stat_counts_the_last_cpu)
{
	struct tc_session s;

	session_init(&s, &fake_tool);
	stats[TC_STAT_UNMATCHED][NCPUS - 1] = 9;
	CHECK_U64(tc_session__stat(&s, TC_STAT_UNMATCHED, NULL), 9, "count on the last CPU only",
		  "events");
}

TC_TEST(stat_without_map_is_zero)
{
	__u64 percpu[NCPUS] = { 99, 99, 99, 99 };
	struct tc_session s;

	session_init(&s, &fake_tool);
	stats[TC_STAT_RB_LOST][0] = 5;
	have_map = false;
	CHECK_U64(tc_session__stat(&s, TC_STAT_RB_LOST, percpu), 0, "without tc_stats", "events");
	CHECK_U64(percpu[0], 99, "cpu0 without tc_stats", "(untouched)");
	have_map = true;
	lookup_fails = true;
	CHECK_U64(tc_session__stat(&s, TC_STAT_RB_LOST, percpu), 0, "failed lookup", "events");
	CHECK_U64(percpu[0], 99, "cpu0 after a failed lookup", "(untouched)");
}

/* ---- tc_report_losses ---- */

TC_TEST(losses_nothing_when_all_zero)
{
	check_losses(&fake_tool, "");
}

TC_TEST(losses_map_full)
{
	stats[TC_STAT_MAP_DROP][0] = 1000;
	stats[TC_STAT_MAP_DROP][2] = 234;
	check_losses(&fake_tool, MAP_FULL("stats", "10,240", "1,234"));
}

/* Slot TC_STAT_MAP_DROP + i belongs to tool->maps[i]. */
TC_TEST(losses_map_index_names_the_map)
{
	stats[TC_STAT_MAP_DROP + 1][1] = 2;
	check_losses(&fake_tool, MAP_FULL("start", "10,240", "2"));
}

TC_TEST(losses_lost_events_per_cpu)
{
	stats[TC_STAT_RB_LOST][1] = 3052;
	check_losses(&fake_tool, LOST("3,052", " cpu1 3,052"));
	stats[TC_STAT_RB_LOST][0] = 1;
	stats[TC_STAT_RB_LOST][3] = 1000000;
	check_losses(&fake_tool, LOST("1,003,053", " cpu0 1 cpu1 3,052 cpu3 1,000,000"));
}

TC_TEST(losses_unmatched_note)
{
	stats[TC_STAT_UNMATCHED][0] = 7;
	check_losses(&fake_tool, UNMATCHED("7"));
}

TC_TEST(losses_missed_completions)
{
	stats[TC_STAT_MISSED_DONE][1] = 2;
	stats[TC_STAT_MISSED_DONE][3] = 1;
	check_losses(&fake_tool, MISSED_DONE("3"));
}

/* Every kind at once, in order: maps, lost events, missed completions, unmatched. */
TC_TEST(losses_all_kinds)
{
	struct tc_session s;
	char *text;

	session_init(&s, &fake_tool);
	s.env.max_entries = 64;
	s.env.buffer_size = 4096;
	stats[TC_STAT_MAP_DROP][0] = 1234;
	stats[TC_STAT_MAP_DROP + 1][3] = 5;
	stats[TC_STAT_RB_LOST][2] = 10;
	stats[TC_STAT_MISSED_DONE][0] = 4;
	stats[TC_STAT_UNMATCHED][1] = 1000;
	text = losses_text(&s);
	CHECK_STR(text,
		  MAP_FULL("stats", "64", "1,234") MAP_FULL("start", "64", "5")
		  "tracecal trace fake: lost 10 events: the consumer was too slow; raise "
		  "--buffer-size (now 4,096 bytes). Per CPU: cpu2 10\n" MISSED_DONE("4")
			  UNMATCHED("1,000"),
		  "tc_report_losses text");
	free(text);
}

/* A planted loss on one CPU, the last, must not be missed anywhere. */
TC_TEST(losses_on_last_cpu_only)
{
	stats[TC_STAT_MAP_DROP + 1][NCPUS - 1] = 1;
	stats[TC_STAT_RB_LOST][NCPUS - 1] = 2;
	stats[TC_STAT_UNMATCHED][NCPUS - 1] = 3;
	stats[TC_STAT_MISSED_DONE][NCPUS - 1] = 4;
	check_losses(&fake_tool, MAP_FULL("start", "10,240", "1") LOST("2", " cpu3 2")
					 MISSED_DONE("4") UNMATCHED("3"));
}

/* Without a ring buffer there is nothing to lose; maps past the tool's own are not read. */
TC_TEST(losses_only_what_the_tool_has)
{
	stats[TC_STAT_RB_LOST][0] = 5;
	stats[TC_STAT_MAP_DROP + 1][0] = 6;
	check_losses(&maps_only_tool, "");
}

/* ---- the same counters in Prometheus text and JSON ---- */

static void set_some_losses(void)
{
	stats[TC_STAT_MAP_DROP][0] = 1000;
	stats[TC_STAT_MAP_DROP][3] = 234;
	stats[TC_STAT_RB_LOST][1] = 3052;
	stats[TC_STAT_UNMATCHED][2] = 7;
	stats[TC_STAT_MISSED_DONE][3] = 5;
}

static void append_header(char *buf, size_t size, int metric, const char *type)
{
	size_t len = strlen(buf);

	snprintf(buf + len, size - len, "# HELP %s %s\n# TYPE %s %s\n", tc_metrics[metric].name,
		 tc_metrics[metric].help, tc_metrics[metric].name, type);
}

TC_TEST(prom_reports_losses)
{
	struct tc_result r = {};
	struct tc_capture cap;
	struct tc_session s;
	char expected[4096] = "", *text, *body;

	session_init(&s, &fake_tool);
	set_some_losses();
	s.out = tc_capture_open(&cap);
	tc_report_prom(&s, &r);
	text = tc_capture_close(&cap);
	append_header(expected, sizeof(expected), TC_M_EVENTS_LOST, "counter");
	strcat(expected, "events_lost_total{cpu=\"0\"} 0\n"
			 "events_lost_total{cpu=\"1\"} 3052\n"
			 "events_lost_total{cpu=\"2\"} 0\n"
			 "events_lost_total{cpu=\"3\"} 0\n");
	append_header(expected, sizeof(expected), TC_M_MAP_DROPPED, "counter");
	strcat(expected, "map_entries_dropped_total{map=\"stats\"} 1234\n"
			 "map_entries_dropped_total{map=\"start\"} 0\n");
	append_header(expected, sizeof(expected), TC_M_UNMATCHED, "counter");
	strcat(expected, "events_unmatched_total 7\n");
	append_header(expected, sizeof(expected), TC_M_MISSED_DONE, "counter");
	strcat(expected, "completions_missed_total 5\n");
	append_header(expected, sizeof(expected), TC_M_PROBE_MISSES, "counter");
	append_header(expected, sizeof(expected), TC_M_READ_FAULTS, "counter");
	append_header(expected, sizeof(expected), TC_M_PROBE_INFO, "gauge");
	strcat(expected, "# EOF\n");
	/* The first line has the kernel and the run time: not for comparing. */
	CHECK_TRUE(!strncmp(text, "# tracecal ", 11), "prom:FAIL:no \"# tracecal\" line in\n%s",
		   text);
	body = strchr(text, '\n') + 1;
	CHECK_STR(body, expected, "tc_report_prom after its first line");
	free(text);
}

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(o, key, &v) || !v)
		fail_msg("json:FAIL:no \"%s\" in %s", key, json_object_to_json_string(o));
	return v;
}

static void check_json_u64(json_object *o, const char *key, __u64 expected)
{
	json_object *v = get(o, key);

	CHECK_TRUE(json_object_is_type(v, json_type_int), "json:FAIL:\"%s\" is not an integer",
		   key);
	CHECK_U64(json_object_get_uint64(v), expected, key, "");
}

TC_TEST(json_reports_losses)
{
	struct tc_result r = {};
	struct tc_capture cap;
	struct tc_session s;
	json_object *o, *losses, *m, *cpus;
	char *text;

	session_init(&s, &fake_tool);
	set_some_losses();
	s.out = tc_capture_open(&cap);
	tc_report_json(&s, &r, "summary");
	text = tc_capture_close(&cap);
	o = json_tokener_parse(text);
	CHECK_TRUE(o, "json:FAIL:not JSON:\n%s", text);
	losses = get(o, "losses");
	m = json_object_array_get_idx(get(losses, "maps"), 0);
	CHECK_STR(json_object_get_string(get(m, "map")), "stats", "maps[0].map");
	check_json_u64(m, "max_entries", 10240);
	check_json_u64(m, "dropped", 1234);
	m = json_object_array_get_idx(get(losses, "maps"), 1);
	CHECK_STR(json_object_get_string(get(m, "map")), "start", "maps[1].map");
	check_json_u64(m, "dropped", 0);
	check_json_u64(losses, "events_lost", 3052);
	check_json_u64(losses, "buffer_size", 262144);
	check_json_u64(losses, "unmatched", 7);
	check_json_u64(losses, "completions_missed", 5);
	cpus = get(losses, "events_lost_per_cpu");
	CHECK_U64(json_object_array_length(cpus), NCPUS, "events_lost_per_cpu length", "CPUs");
	CHECK_U64(json_object_get_uint64(json_object_array_get_idx(cpus, 1)), 3052,
		  "events_lost_per_cpu[1]", "events");
	CHECK_U64(json_object_get_uint64(json_object_array_get_idx(cpus, 3)), 0,
		  "events_lost_per_cpu[3]", "events");
	json_object_put(o);
	free(text);
}

/* ---- probe runs the kernel skipped ---- */

static const struct tc_tool probe_tool = {
	.name = "fake",
	.probes = (const struct tc_probe[]){
		{ .name = "io-done", .what = "completions",
		  .cand = { { TC_HOOK_RAW_TP, { { "tc_fake_a", "block:block_rq_complete" },
						{ "tc_fake_b", "block:block_rq_issue" } } } } },
		{},
	},
};

static void session_with_probe(struct tc_session *s)
{
	session_init(s, &probe_tool);
	s->nprobes = 1;
	s->choice[0].probe = &probe_tool.probes[0];
	s->choice[0].cand = 0;
}

static void misses_reported_summed_over_programs(void **state)
{
	struct tc_session s;
	char *text;

	(void)state;
	session_with_probe(&s);
	prog_misses[0] = 3;
	prog_misses[1] = 1200;
	text = losses_text(&s);
	CHECK_STR(text,
		  "tracecal trace fake: probe io-done: the kernel skipped 1,203 runs of its "
		  "programs (an event fired while one was already running on that CPU): their "
		  "events are lost\n",
		  "tc_report_losses text");
	free(text);
}

static void no_misses_no_line(void **state)
{
	struct tc_session s;
	char *text;

	(void)state;
	session_with_probe(&s);
	text = losses_text(&s);
	CHECK_STR(text, "", "tc_report_losses text without misses");
	free(text);
}

static void misses_in_prom_per_program(void **state)
{
	struct tc_session s;
	struct tc_result r = {};
	struct tc_capture cap;
	char *text;

	(void)state;
	session_with_probe(&s);
	prog_misses[1] = 42;
	s.out = tc_capture_open(&cap);
	tc_report_prom(&s, &r);
	text = tc_capture_close(&cap);
	CHECK_TRUE(strstr(text, "probe_runs_missed_total{probe=\"io-done\",program=\"tc_fake_a\"} 0\n") &&
		   strstr(text, "probe_runs_missed_total{probe=\"io-done\",program=\"tc_fake_b\"} 42\n"),
		   "prom:FAIL:per-program misses not in\n%s", text);
	free(text);
}

/* ---- read faults: per probe, with an address, in every output ---- */

static void read_faults_reported(void **state)
{
	struct tc_session s;
	struct tc_result r = {};
	struct tc_capture cap;
	json_object *o, *f;
	char *text;

	(void)state;
	session_with_probe(&s);
	faults[0][1] = (struct tc_fault){ .count = 5, .addr = 0x1 };
	faults[0][3] = (struct tc_fault){ .count = 7, .addr = 0x1 };
	faults[1][0] = (struct tc_fault){ .count = 9, .addr = 0xdead }; /* no such probe: not said */
	text = losses_text(&s);
	CHECK_STR(text,
		  "tracecal trace fake: read fault at 0x1 in probe io-done: 12 times (the memory "
		  "it was pointed at could not be read; it went on without it)\n",
		  "tc_report_losses text");
	free(text);

	s.out = tc_capture_open(&cap);
	tc_report_prom(&s, &r);
	text = tc_capture_close(&cap);
	CHECK_TRUE(strstr(text, "read_faults_total{probe=\"io-done\"} 12\n") != NULL,
		   "prom:FAIL:read faults not in\n%s", text);
	free(text);

	s.out = tc_capture_open(&cap);
	tc_report_json(&s, &r, "summary");
	text = tc_capture_close(&cap);
	o = json_tokener_parse(text);
	CHECK_TRUE(o, "json:FAIL:not JSON:\n%s", text);
	f = json_object_array_get_idx(get(get(o, "losses"), "read_faults"), 0);
	CHECK_STR(json_object_get_string(get(f, "probe")), "io-done", "read_faults[0].probe");
	check_json_u64(f, "count", 12);
	CHECK_STR(json_object_get_string(get(f, "last_address")), "0x1", "read_faults[0].last_address");
	json_object_put(o);
	free(text);
}

static void no_read_faults_no_line(void **state)
{
	struct tc_session s;
	char *text;

	(void)state;
	session_with_probe(&s);
	text = losses_text(&s);
	CHECK_STR(text, "", "no read faults: nothing said");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(stat_sums_cpus_and_fills_percpu, reset),
		cmocka_unit_test_setup(stat_reads_the_slot_asked, reset),
		cmocka_unit_test_setup(stat_counts_the_last_cpu, reset),
		cmocka_unit_test_setup(stat_without_map_is_zero, reset),
		cmocka_unit_test_setup(losses_nothing_when_all_zero, reset),
		cmocka_unit_test_setup(losses_map_full, reset),
		cmocka_unit_test_setup(losses_map_index_names_the_map, reset),
		cmocka_unit_test_setup(losses_lost_events_per_cpu, reset),
		cmocka_unit_test_setup(losses_unmatched_note, reset),
		cmocka_unit_test_setup(losses_missed_completions, reset),
		cmocka_unit_test_setup(losses_all_kinds, reset),
		cmocka_unit_test_setup(losses_on_last_cpu_only, reset),
		cmocka_unit_test_setup(losses_only_what_the_tool_has, reset),
		cmocka_unit_test_setup(prom_reports_losses, reset),
		cmocka_unit_test_setup(json_reports_losses, reset),
		cmocka_unit_test_setup(misses_reported_summed_over_programs, reset),
		cmocka_unit_test_setup(no_misses_no_line, reset),
		cmocka_unit_test_setup(misses_in_prom_per_program, reset),
		cmocka_unit_test_setup(read_faults_reported, reset),
		cmocka_unit_test_setup(no_read_faults_no_line, reset),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_losses", tests, ARRAY_SIZE(tests), NULL, 0);
}
