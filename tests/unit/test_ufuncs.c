// SPDX-License-Identifier: GPL-2.0
/*
 * A binary's functions by glob (tracer/ufuncs.c), read from this test's own
 * ELF file: the functions below are found by name and by glob, an alias is
 * probed once, and each file offset holds the function's first bytes, as
 * the running copy has them.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "tc_unit.h"
#include "../../tracer/ufuncs.h"

__attribute__((noinline, used)) int tc_ut_uf_add(int i)
{
	__asm__ volatile("" : : "r"(i) : "memory");
	return i + 11;
}

__attribute__((noinline, used)) int tc_ut_uf_mul(int i)
{
	__asm__ volatile("" : : "r"(i) : "memory");
	return i * 13;
}

int tc_ut_uf_zalias(int i) __attribute__((alias("tc_ut_uf_add")));

static char self[4096];

static const struct tc_ufunc *find(const struct tc_ufuncs *u, const char *name)
{
	for (int i = 0; i < u->n; i++)
		if (!strcmp(u->f[i].name, name))
			return &u->f[i];
	return NULL;
}

/* The bytes at the file offset are the function's own (in memory). */
static void check_bytes(const struct tc_ufunc *f, const void *code)
{
	unsigned char buf[16];
	int fd = open(self, O_RDONLY);

	assert_true(fd >= 0);
	CHECK_INT(pread(fd, buf, sizeof(buf), f->offset), sizeof(buf), "pread at the offset");
	close(fd);
	CHECK_TRUE(!memcmp(buf, code, sizeof(buf)), "%s: the file at offset 0x%llx is not its code",
		   f->name, (unsigned long long)f->offset);
}

TC_TEST(glob_finds_functions_and_drops_alias)
{
	struct tc_ufuncs u;
	char err[256] = "";

	CHECK_ERR(tc_ufuncs_find(self, "tc_ut_uf_*", &u, err, sizeof(err)), 0, err);
	CHECK_INT(u.n, 2, "functions (tc_ut_uf_add and tc_ut_uf_mul)");
	CHECK_INT(u.aliases, 1, "aliases dropped (tc_ut_uf_zalias)");
	assert_non_null(find(&u, "tc_ut_uf_add"));
	assert_non_null(find(&u, "tc_ut_uf_mul"));
	assert_null(find(&u, "tc_ut_uf_zalias"));
	CHECK_TRUE(u.f[0].offset < u.f[1].offset, "sorted by offset");
	check_bytes(find(&u, "tc_ut_uf_add"), (const void *)tc_ut_uf_add);
	check_bytes(find(&u, "tc_ut_uf_mul"), (const void *)tc_ut_uf_mul);
	tc_ufuncs_free(&u);
	CHECK_INT(u.n, 0, "freed");
}

TC_TEST(exact_name_finds_one)
{
	struct tc_ufuncs u;
	char err[256] = "";

	CHECK_ERR(tc_ufuncs_find(self, "tc_ut_uf_mul", &u, err, sizeof(err)), 0, err);
	CHECK_INT(u.n, 1, "functions");
	CHECK_STR(u.f[0].name, "tc_ut_uf_mul", "name");
	check_bytes(&u.f[0], (const void *)tc_ut_uf_mul);
	tc_ufuncs_free(&u);
	/* An alias asked for by its own name is found under it. */
	CHECK_ERR(tc_ufuncs_find(self, "tc_ut_uf_zalias", &u, err, sizeof(err)), 0, err);
	CHECK_STR(u.f[0].name, "tc_ut_uf_zalias", "alias by name");
	check_bytes(&u.f[0], (const void *)tc_ut_uf_add);
	tc_ufuncs_free(&u);
}

TC_TEST(no_match_is_enoent_with_reason)
{
	struct tc_ufuncs u;
	char err[256] = "", want[4200];

	CHECK_ERR(tc_ufuncs_find(self, "tc_ut_no_such_*", &u, err, sizeof(err)), -ENOENT,
		  "no match");
	snprintf(want, sizeof(want), "no function matching 'tc_ut_no_such_*' in %s", self);
	CHECK_STR(err, want, "message");
	CHECK_ERR(tc_ufuncs_find(self, "tc_ut_no_such", &u, err, sizeof(err)), -ENOENT, "no name");
	snprintf(want, sizeof(want), "no function named 'tc_ut_no_such' in %s", self);
	CHECK_STR(err, want, "message");
	CHECK_INT(u.n, 0, "nothing kept");
}

TC_TEST(not_elf_and_missing_file)
{
	struct tc_ufuncs u;
	char err[256] = "", path[] = "/tmp/tc_test_ufuncs.XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	CHECK_INT(write(fd, "#!/bin/sh\n", 10), 10, "write");
	close(fd);
	CHECK_ERR(tc_ufuncs_find(path, "*", &u, err, sizeof(err)), -ENOEXEC, "a script");
	CHECK_TRUE(strstr(err, "not an ELF file"), "message: %s", err);
	unlink(path);
	CHECK_ERR(tc_ufuncs_find(path, "*", &u, err, sizeof(err)), -ENOENT, "missing");
	CHECK_TRUE(strstr(err, "No such file"), "message: %s", err);
}

TC_TEST(is_glob)
{
	CHECK_INT(tc_ufuncs_is_glob("malloc"), 0, "a name");
	CHECK_INT(tc_ufuncs_is_glob("str*"), 1, "*");
	CHECK_INT(tc_ufuncs_is_glob("f?o"), 1, "?");
	CHECK_INT(tc_ufuncs_is_glob("[ab]x"), 1, "[");
}

static const struct tc_known_bug *const known_bugs = NULL;

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(glob_finds_functions_and_drops_alias),
		cmocka_unit_test(exact_name_finds_one),
		cmocka_unit_test(no_match_is_enoent_with_reason),
		cmocka_unit_test(not_elf_and_missing_file),
		cmocka_unit_test(is_glob),
	};
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n <= 0)
		return 1;
	self[n] = '\0';
	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_ufuncs", tests, ARRAY_SIZE(tests), known_bugs, 0);
}
