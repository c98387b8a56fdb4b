// SPDX-License-Identifier: GPL-2.0
/*
 * tc_testload: a test double for the tracer core's tests: makes an exact number of
 * syscalls under the command name "tc_flood", so a test can filter on it
 * (-c tc_flood) and know what the tool should have seen.
 *
 *   tc_testload opens N PATH    N openat(PATH) (and close when one succeeds)
 *   tc_testload badopens N ADDR N openat with the path pointer ADDR (hex): each
 *                              fails with EFAULT, and a probe reading it faults
 *   tc_testload getppid N      N getppid
 *   tc_testload procs K M      K child processes, each M getppid, then exit
 *   tc_testload reads N FILE   N pread of 4096 bytes at offset 0 of FILE
 *   tc_testload spin MS        run on a CPU until MS ms of CPU time are used
 *   tc_testload marks N        call tc_marker() N times (a target for uprobes)
 *   tc_testload calls N        N rounds of: tc_fn_1() once, tc_fn_2() twice, tc_fn_3()
 *                              three times (each calls tc_fn_2() once more), tc_fn_4()
 *                              four times: 1N, 5N, 3N and 4N calls (tc_fn_alias is a
 *                              second name of tc_fn_1, and tc_fn_0 is never called)
 *   tc_testload uring N FILE   N reads of 4096 bytes at offset 0 through io_uring:
 *                              no read syscalls at all
 *
 * Prints what it did as "key value" lines.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <liburing.h>

/* A function for uprobes to find: external, not inlined, not optimised away. */
__attribute__((noinline, used)) int tc_marker(int i)
{
	__asm__ volatile("" : : "r"(i) : "memory");
	return i + 1;
}

/* Functions for a glob (tc_fn_*): each body different, so none is folded into another. */
__attribute__((noinline, used)) int tc_fn_0(int i)
{
	__asm__ volatile("" : : "r"(i) : "memory");
	return i * 3;
}

__attribute__((noinline, used)) int tc_fn_1(int i)
{
	__asm__ volatile("" : : "r"(i) : "memory");
	return i + 1;
}

int tc_fn_alias(int i) __attribute__((alias("tc_fn_1")));

__attribute__((noinline, used)) int tc_fn_2(int i)
{
	__asm__ volatile("" : : "r"(i) : "memory");
	return i + 2;
}

__attribute__((noinline, used)) int tc_fn_3(int i)
{
	__asm__ volatile("" : : "r"(i) : "memory");
	return tc_fn_2(i) + 3; /* a call inside a call: each is timed on its own */
}

__attribute__((noinline, used)) int tc_fn_4(int i)
{
	__asm__ volatile("" : : "r"(i) : "memory");
	return i ^ 4;
}

static long long cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long arg(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || v < 0) {
		fprintf(stderr, "tc_testload: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static int mode_opens(char **argv)
{
	long n = arg(argv[2]), failed = 0;

	prctl(PR_SET_NAME, "tc_flood");
	for (long i = 0; i < n; i++) {
		int fd = syscall(SYS_openat, AT_FDCWD, argv[3], O_RDONLY);

		if (fd >= 0)
			syscall(SYS_close, fd);
		else
			failed++;
	}
	printf("opens %ld\nfailed %ld\n", n, failed);
	return 0;
}

static int mode_badopens(char **argv)
{
	long n = arg(argv[2]), efault = 0;
	unsigned long addr = strtoul(argv[3], NULL, 16);

	prctl(PR_SET_NAME, "tc_flood");
	for (long i = 0; i < n; i++)
		if (syscall(SYS_openat, AT_FDCWD, (const char *)addr, O_RDONLY) < 0 &&
		    errno == EFAULT)
			efault++;
	printf("opens %ld\nefault %ld\n", n, efault);
	return 0;
}

static int mode_getppid(char **argv)
{
	long n = arg(argv[2]);

	prctl(PR_SET_NAME, "tc_flood");
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	printf("getppid %ld\n", n);
	return 0;
}

static int mode_procs(char **argv)
{
	long k = arg(argv[2]), m = arg(argv[3]);

	for (long i = 0; i < k; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (!pid) {
			/* prctl, m getppid, exit_group: m + 2 syscalls as tc_flood */
			syscall(SYS_prctl, PR_SET_NAME, "tc_flood", 0, 0, 0);
			for (long j = 0; j < m; j++)
				syscall(SYS_getppid);
			syscall(SYS_exit_group, 0);
		}
		waitpid(pid, NULL, 0);
	}
	printf("procs %ld\nsyscalls_per_proc %ld\n", k, m + 2);
	return 0;
}

static int mode_reads(char **argv)
{
	long n = arg(argv[2]), bytes = 0;
	static char buf[4096];
	int fd = open(argv[3], O_RDONLY);

	if (fd < 0) {
		perror(argv[3]);
		return 1;
	}
	prctl(PR_SET_NAME, "tc_flood");
	for (long i = 0; i < n; i++) {
		ssize_t r = pread(fd, buf, sizeof(buf), 0);

		if (r < 0) {
			perror("pread");
			return 1;
		}
		bytes += r;
	}
	close(fd);
	printf("reads %ld\nbytes %ld\n", n, bytes);
	return 0;
}

static int mode_spin(char **argv)
{
	long long until = arg(argv[2]) * 1000000LL, start;

	prctl(PR_SET_NAME, "tc_flood");
	start = cpu_ns();
	while (cpu_ns() - start < until)
		;
	printf("cpu_ns %lld\n", cpu_ns() - start);
	return 0;
}

static int mode_marks(char **argv)
{
	long n = arg(argv[2]);
	int acc = 0;

	prctl(PR_SET_NAME, "tc_flood");
	for (long i = 0; i < n; i++)
		acc = tc_marker(acc);
	printf("marks %d\n", acc);
	return 0;
}

static int mode_calls(char **argv)
{
	long n = arg(argv[2]);
	int acc = 0;

	prctl(PR_SET_NAME, "tc_flood");
	for (long i = 0; i < n; i++) {
		acc = tc_fn_1(acc);
		for (int k = 0; k < 2; k++)
			acc = tc_fn_2(acc);
		for (int k = 0; k < 3; k++)
			acc = tc_fn_3(acc);
		for (int k = 0; k < 4; k++)
			acc = tc_fn_4(acc);
	}
	printf("tc_fn_1 %ld\ntc_fn_2 %ld\ntc_fn_3 %ld\ntc_fn_4 %ld\nacc %d\n", n, 5 * n, 3 * n,
	       4 * n, acc);
	return 0;
}

static int mode_uring(char **argv)
{
	long n = arg(argv[2]), bytes = 0;
	static char buf[4096];
	struct io_uring ring;
	int fd = open(argv[3], O_RDONLY), err;

	if (fd < 0) {
		perror(argv[3]);
		return 1;
	}
	err = io_uring_queue_init(4, &ring, 0);
	if (err) {
		fprintf(stderr, "tc_testload: io_uring_queue_init: %s\n", strerror(-err));
		return 1;
	}
	prctl(PR_SET_NAME, "tc_flood");
	for (long i = 0; i < n; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
		struct io_uring_cqe *cqe;

		io_uring_prep_read(sqe, fd, buf, sizeof(buf), 0);
		io_uring_submit(&ring);
		err = io_uring_wait_cqe(&ring, &cqe);
		if (err || cqe->res < 0) {
			fprintf(stderr, "tc_testload: io_uring read failed\n");
			return 1;
		}
		bytes += cqe->res;
		io_uring_cqe_seen(&ring, cqe);
	}
	io_uring_queue_exit(&ring);
	close(fd);
	printf("reads %ld\nbytes %ld\n", n, bytes);
	return 0;
}

/* The modes: name, number of arguments after it, what it runs (argv[2] on). */
static const struct {
	const char *name;
	int nargs;
	int (*run)(char **argv);
} modes[] = {
	{ "opens", 2, mode_opens },
	{ "badopens", 2, mode_badopens },
	{ "getppid", 1, mode_getppid },
	{ "procs", 2, mode_procs },
	{ "reads", 2, mode_reads },
	{ "spin", 1, mode_spin },
	{ "marks", 1, mode_marks },
	{ "calls", 1, mode_calls },
	{ "uring", 2, mode_uring },
};

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: tc_testload opens N PATH | badopens N ADDR | getppid N | procs K M | reads N FILE | "
				"spin MS | marks N | calls N | uring N FILE\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(argv[1], modes[i].name) && argc == modes[i].nargs + 2)
			return modes[i].run(argv);
	fprintf(stderr, "tc_testload: unknown mode '%s'\n", argv[1]);
	return 2;
}
