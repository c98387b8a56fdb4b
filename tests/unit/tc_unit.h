/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every unit test shares: cmocka's includes, checks whose failure reads
 * like the BPF selftests' ("test:FAIL:what unexpected 3 != expected 4 ns"),
 * capture of printed text, and a runner that writes known bugs down instead
 * of hiding them: a test named in the file's known_bugs[] is not run (its
 * name and reason are printed as a TAP comment) unless TC_UNIT_KNOWN_BUGS=1.
 */
#ifndef TC_UNIT_H
#define TC_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A test function; cmocka's state argument is not used by these tests. */
#define TC_TEST(name) static void name(void **state __attribute__((unused)))

/*
 * Each check prints "FUNCTION:FAIL:WHAT unexpected ACTUAL != expected
 * EXPECTED UNIT" and fails the test at the line of the check.
 */
static inline bool tc_ok_u64(const char *fn, unsigned long long a, unsigned long long e,
			     const char *what, const char *unit)
{
	if (a != e)
		print_error("%s:FAIL:%s unexpected %llu != expected %llu %s\n", fn, what, a, e,
			    unit);
	return a == e;
}

static inline bool tc_ok_int(const char *fn, long long a, long long e, const char *what)
{
	if (a != e)
		print_error("%s:FAIL:%s unexpected %lld != expected %lld\n", fn, what, a, e);
	return a == e;
}

/* Return codes are 0 or -errno: say which errno, not just the number. */
static inline bool tc_ok_err(const char *fn, int a, int e, const char *what)
{
	if (a != e)
		print_error("%s:FAIL:%s unexpected %d (%s) != expected %d (%s)\n", fn, what, a,
			    a ? strerror(-a) : "ok", e, e ? strerror(-e) : "ok");
	return a == e;
}

static inline bool tc_ok_str(const char *fn, const char *a, const char *e, const char *what)
{
	bool ok = a && !strcmp(a, e);

	if (!ok)
		print_error("%s:FAIL:%s unexpected\n--- actual ---\n%s\n--- expected ---\n%s\n", fn,
			    what, a ? a : "(null)", e);
	return ok;
}

#define CHECK_U64(a, e, what, unit)                                                                \
	do {                                                                                       \
		if (!tc_ok_u64(__func__, (a), (e), (what), (unit)))                                \
			fail();                                                                    \
	} while (0)
#define CHECK_INT(a, e, what)                                                                      \
	do {                                                                                       \
		if (!tc_ok_int(__func__, (a), (e), (what)))                                        \
			fail();                                                                    \
	} while (0)
#define CHECK_ERR(a, e, what)                                                                      \
	do {                                                                                       \
		if (!tc_ok_err(__func__, (a), (e), (what)))                                        \
			fail();                                                                    \
	} while (0)
#define CHECK_STR(a, e, what)                                                                      \
	do {                                                                                       \
		if (!tc_ok_str(__func__, (a), (e), (what)))                                        \
			fail();                                                                    \
	} while (0)
#define CHECK_TRUE(cond, ...)                                                                      \
	do {                                                                                       \
		if (!(cond))                                                                       \
			fail_msg(__VA_ARGS__);                                                     \
	} while (0)

/* Text printed to a FILE *, collected in memory. */
struct tc_capture {
	FILE *f;
	char *buf;
	size_t len;
};

static inline FILE *tc_capture_open(struct tc_capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
	return c->f;
}

/* Closes the stream; the caller frees the returned text. */
static inline char *tc_capture_close(struct tc_capture *c)
{
	fclose(c->f);
	c->f = NULL;
	return c->buf;
}

static inline int tc_count_lines(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/* A test that shows a bug in the code under test, not yet fixed. */
struct tc_known_bug {
	const char *test;
	const char *why;
};

static inline bool tc_is_known_bug(const char *name, const struct tc_known_bug *bugs, size_t nbugs)
{
	for (size_t i = 0; i < nbugs; i++)
		if (!strcmp(bugs[i].test, name))
			return true;
	return false;
}

/*
 * Run tests as one cmocka group, leaving out the known bugs unless
 * TC_UNIT_KNOWN_BUGS=1. A known bug naming no test is an error: the list
 * must not outlive the tests it excuses.
 */
static inline int tc_unit_run(const char *group, const struct CMUnitTest *tests, size_t n,
			      const struct tc_known_bug *bugs, size_t nbugs)
{
	const char *all = getenv("TC_UNIT_KNOWN_BUGS");
	bool run_all = all && !strcmp(all, "1");
	struct CMUnitTest *run = calloc(n, sizeof(*run));
	size_t nrun = 0;
	int ret;

	if (!run)
		return 1;
	for (size_t b = 0; b < nbugs; b++) {
		size_t t;

		for (t = 0; t < n && strcmp(tests[t].name, bugs[b].test); t++)
			;
		if (t == n) {
			printf("Bail out! known bug '%s' names no test of %s\n", bugs[b].test,
			       group);
			free(run);
			return 1;
		}
		printf("# known bug%s: %s: %s\n",
		       run_all ? "" : ", not run (TC_UNIT_KNOWN_BUGS=1 runs it)", bugs[b].test,
		       bugs[b].why);
	}
	for (size_t t = 0; t < n; t++)
		if (run_all || !tc_is_known_bug(tests[t].name, bugs, nbugs))
			run[nrun++] = tests[t];
	fflush(stdout);
	ret = _cmocka_run_group_tests(group, run, nrun, NULL, NULL);
	free(run);
	return ret;
}

#endif
