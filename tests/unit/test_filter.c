// SPDX-License-Identifier: GPL-2.0
/*
 * Filter commands (PARSER filter COMMAND): Prometheus text through cat,
 * commands that fail, are killed, run past their time or print garbage,
 * and inputs and outputs far larger than a pipe holds, both at once.
 * Each failing case checks the whole message, which names the command,
 * what happened and the end of its stderr.
 */
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include "tc_unit.h"
#include "../../readers/filter.h"

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
	*len = n;
	return buf;
}

static char *text_of(const struct tc_samples *s)
{
	struct tc_capture cap;

	tc_prom_write(tc_capture_open(&cap), s);
	return tc_capture_close(&cap);
}

static int run(const char *command, int timeout_ms, const char *input, struct tc_samples *s,
	       char *err)
{
	struct tc_filter f = { .command = command, .timeout_ms = timeout_ms };

	return tc_filter_run(&f, input, strlen(input), s, err, 1024);
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1e3 + (t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* A process is gone once it no longer exists or is a zombie waiting for init. */
static bool gone(pid_t pid)
{
	for (int i = 0; i < 100; i++) {
		char path[64], stat[256] = "";
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		f = fopen(path, "r");
		if (!f)
			return true;
		if (!fgets(stat, sizeof(stat), f))
			stat[0] = '\0';
		fclose(f);
		if (strstr(stat, ") Z "))
			return true;
		usleep(10000);
	}
	return false;
}

static pid_t pid_in(const char *path)
{
	FILE *f = fopen(path, "r");
	int pid = 0;

	if (!f || fscanf(f, "%d", &pid) != 1)
		fail_msg("pid_in:FAIL:no pid in %s", path);
	fclose(f);
	unlink(path);
	return pid;
}

/* cat of tracecal's --prom: the samples tc_prom_parse reads from the same text. */
TC_TEST(filter_cat_reads_as_prom)
{
	struct tc_samples direct = {}, filtered = {};
	struct tc_filter f = { .command = "cat", .timeout_ms = 5000, .keep = TC_PROM_LAST };
	char err[1024] = "", *a, *b;
	size_t len;
	char *text = fixture("parse_prom_syscount_interval.txt", &len);

	CHECK_ERR(tc_prom_parse(text, len, TC_PROM_LAST, &direct, err, sizeof(err)), 0, err);
	CHECK_ERR(tc_filter_run(&f, text, len, &filtered, err, sizeof(err)), 0, err);
	CHECK_INT(filtered.n, 40, "samples of the last snapshot");
	a = text_of(&direct);
	b = text_of(&filtered);
	CHECK_STR(b, a, "through cat");
	free(a);
	free(b);
	f.keep = TC_PROM_ALL;
	filtered.n = 0;
	CHECK_ERR(tc_filter_run(&f, text, len, &filtered, err, sizeof(err)), 0, err);
	CHECK_INT(filtered.n, 3 * 40, "samples of every snapshot");
	tc_samples__free(&direct);
	tc_samples__free(&filtered);
	free(text);
}

/* A shell command line: pipes, quotes, stderr that is not an error. */
TC_TEST(filter_shell_pipeline)
{
	static const char count_lines[] =
		"echo chatter >&2; wc -l | awk '{ print \"lines_total{of=\\\"input\\\"} \" $1 }'";
	struct tc_samples s = {};
	char err[1024] = "", *text;

	CHECK_ERR(run(count_lines, 5000, "one\ntwo\nthree\n", &s, err), 0, err);
	text = text_of(&s);
	CHECK_STR(text, "lines_total{of=\"input\"} 3\n", "samples");
	free(text);
	tc_samples__free(&s);
}

static const struct {
	const char *command;
	int ret;
	const char *err;
} failures[] = {
	{ "false", -EIO, "filter 'false': exited with status 1; (stderr empty)" },
	{ "echo first >&2; echo 'not found' >&2; exit 3", -EIO,
	  "filter 'echo first >&2; echo 'not found' >&2; exit 3': exited with status 3; "
	  "stderr: 'first|not found'" },
	{ "/no/such/filter", -EIO, "filter '/no/such/filter': exited with status 127; stderr: "
	  "'sh: 1: /no/such/filter: not found'" },
	{ "kill -TERM $$", -EIO, "filter 'kill -TERM $$': killed by signal 15 (Terminated); "
	  "(stderr empty)" },
	{ "echo x 1; kill -KILL $$", -EIO, "filter 'echo x 1; kill -KILL $$': killed by signal 9 "
	  "(Killed); (stderr empty)" },
	{ "echo garbage; echo warning >&2", -EINVAL,
	  "filter 'echo garbage; echo warning >&2': its output is not Prometheus text: line 1: "
	  "expected a blank, then the value: 'garbage'; stderr: 'warning'" },
	{ "printf 'a 1\\n# EOF\\na 2\\n'", -EINVAL, "filter 'printf 'a 1\\n# EOF\\na 2\\n'': its "
	  "output is not Prometheus text: line 3: samples after the '# EOF' of line 2, and no "
	  "'# EOF' after them: an incomplete snapshot; (stderr empty)" },
};

/* Each failure is an error that names the command, what happened, and its stderr. */
TC_TEST(filter_failures_are_errors)
{
	for (size_t i = 0; i < ARRAY_SIZE(failures); i++) {
		struct tc_samples s = {};
		char err[1024] = "", what[64];

		CHECK_ERR(tc_samples__add(&s, "before", NULL, 0, 1), 0, "add");
		snprintf(what, sizeof(what), "failure %zu", i);
		CHECK_ERR(run(failures[i].command, 5000, "x 1\n", &s, err), failures[i].ret, what);
		CHECK_STR(err, failures[i].err, what);
		CHECK_INT(s.n, 1, "samples left as they were");
		tc_samples__free(&s);
	}
}

/* Past its time it is killed, and reaped: the call returns at once, the process is gone. */
TC_TEST(filter_timeout_kills)
{
	static const char pidfile[] = "/tmp/tc_test_filter_timeout.pid";
	struct tc_samples s = {};
	struct timespec t0;
	char err[1024] = "", command[128];
	double ms;

	snprintf(command, sizeof(command), "echo $$ > %s; exec sleep 10", pidfile);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_ERR(run(command, 300, "", &s, err), -ETIMEDOUT, "sleeping filter");
	ms = ms_since(&t0);
	CHECK_TRUE(ms >= 300 && ms < 2000, "filter_timeout:FAIL:returned after %.0f ms", ms);
	CHECK_STR(err, "filter 'echo $$ > /tmp/tc_test_filter_timeout.pid; exec sleep 10': timed "
		  "out after 300 ms, killed; (stderr empty)", "message");
	CHECK_TRUE(gone(pid_in(pidfile)), "filter_timeout:FAIL:the filter still runs");
	tc_samples__free(&s);
}

/* What the filter started goes with it: its whole process group is killed. */
TC_TEST(filter_timeout_kills_its_children)
{
	static const char pidfile[] = "/tmp/tc_test_filter_child.pid";
	struct tc_samples s = {};
	char err[1024] = "", command[128];

	snprintf(command, sizeof(command), "sleep 30 & echo $! > %s; wait", pidfile);
	CHECK_ERR(run(command, 300, "", &s, err), -ETIMEDOUT, "filter with a child");
	CHECK_TRUE(gone(pid_in(pidfile)), "filter_children:FAIL:its child still runs");
	tc_samples__free(&s);
}

/*
 * 16 MiB in, 16 MiB out through cat: written and read at once, or both
 * sides would wait on full pipes until the timeout.
 */
TC_TEST(filter_large_input_and_output)
{
	size_t big = 16 << 20, line = 64, n = 0;
	char *input = malloc(big + 64), err[1024] = "";
	struct tc_samples s = {};

	assert_non_null(input);
	while (n + line <= big) {
		memset(input + n, 'x', line);
		memcpy(input + n, "# ", 2);
		input[n + line - 1] = '\n';
		n += line;
	}
	n += sprintf(input + n, "last_line_total 1\n");
	CHECK_ERR(run("cat", 20000, input, &s, err), 0, err);
	CHECK_INT(s.n, 1, "samples");
	CHECK_STR(s.v[0].name, "last_line_total", "the last line came through");
	free(input);
	tc_samples__free(&s);
}

/* A filter that never reads its input is no SIGPIPE for us. */
TC_TEST(filter_not_reading_its_input)
{
	size_t big = 4 << 20;
	char *input = malloc(big + 1), err[1024] = "";
	struct tc_samples s = {};
	sigset_t pending;

	assert_non_null(input);
	memset(input, '#', big);
	input[big] = '\0';
	CHECK_ERR(run("echo x 1", 5000, input, &s, err), 0, err);
	CHECK_INT(s.n, 1, "samples");
	sigpending(&pending);
	CHECK_INT(sigismember(&pending, SIGPIPE), 0, "a SIGPIPE left pending");
	free(input);
	tc_samples__free(&s);
}

TC_TEST(filter_needs_a_timeout)
{
	struct tc_samples s = {};
	char err[1024] = "";

	CHECK_ERR(run("cat", 0, "", &s, err), -EINVAL, "no timeout");
	CHECK_STR(err, "filter 'cat': a timeout is needed", "message");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(filter_cat_reads_as_prom),
		cmocka_unit_test(filter_shell_pipeline),
		cmocka_unit_test(filter_failures_are_errors),
		cmocka_unit_test(filter_timeout_kills),
		cmocka_unit_test(filter_timeout_kills_its_children),
		cmocka_unit_test(filter_large_input_and_output),
		cmocka_unit_test(filter_not_reading_its_input),
		cmocka_unit_test(filter_needs_a_timeout),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	alarm(120); /* a filter that deadlocks fails the run instead of hanging it */
	return tc_unit_run("test_filter", tests, ARRAY_SIZE(tests), NULL, 0);
}
