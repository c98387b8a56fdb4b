// SPDX-License-Identifier: GPL-2.0
/*
 * faults: opens and stats of a path at an unmapped address, at a known
 * rate, so that the kernel refuses them with EFAULT and a probe that reads
 * the path faults too. One process makes n openat, n newfstatat and n
 * statx; one call in every= of each kind is handed the bad pointer, the
 * others name file= (each open closed). The address is a page the measured
 * process mapped and unmapped in its prologue: nothing maps it again, since
 * the measured loop makes no mmap.
 *
 * The "faults" section says, per syscall, how many calls were made and how
 * many of them faulted (returned EFAULT, checked on each), and the address:
 * what a tool counting its probes' failed reads must report, exactly.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <json-c/json.h>
#include "workload.h"

static const struct tc_wl_param params[] = {
	{ .name = "file", .type = TC_WL_STRING, .def = "/dev/null",
	  .help = "the path the calls that do not fault open and stat (it must exist)" },
	{ .name = "n", .type = TC_WL_U64, .def = "1000", .min = 1, .max = 10000000,
	  .help = "calls of each kind: openat, newfstatat, statx" },
	{ .name = "every", .type = TC_WL_U64, .def = "4", .min = 1, .max = 10000000,
	  .help = "one call in every this many of each kind gets the unmapped address (1: all)" },
	TC_WL_PARAM_COMM("tc_faults"),
	{ .name = NULL },
};

enum { K_OPENAT, K_FSTATAT, K_STATX, K_NR };
static const char *const kind_names[K_NR] = { "openat", "newfstatat", "statx" };

/* In memory shared with the measured process. */
struct faults {
	__u64 n, every;
	const char *file;
	const char *bad;       /* the unmapped page, set in the prologue */
	__u64 calls[K_NR];
	__u64 faulted[K_NR];
};

/* One call of kind k on path. */
static long call(struct tc_wl_proc *p, int k, const char *path)
{
	struct statx stx;
	struct stat st;

	switch (k) {
	case K_OPENAT:
		return tc_wl_sc4(p, SYS_openat, AT_FDCWD, (long)path, O_RDONLY | O_CLOEXEC, 0);
	case K_FSTATAT:
		return tc_wl_sc4(p, SYS_newfstatat, AT_FDCWD, (long)path, (long)&st, 0);
	default:
		return tc_wl_sc6(p, SYS_statx, AT_FDCWD, (long)path, 0, STATX_BASIC_STATS,
				 (long)&stx, 0);
	}
}

/* A page mapped and unmapped: an address nothing in the process maps. */
static int faults_prologue(struct tc_wl_proc *p, void *arg)
{
	struct faults *f = arg;
	void *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)p;
	if (page == MAP_FAILED || munmap(page, 4096))
		return -errno;
	f->bad = page;
	return 0;
}

static int faults_body(struct tc_wl_proc *p, void *arg)
{
	struct faults *f = arg;

	for (int k = 0; k < K_NR; k++) {
		for (__u64 i = 0; i < f->n; i++) {
			bool bad = i % f->every == 0;
			long r = call(p, k, bad ? f->bad : f->file);

			f->calls[k]++;
			if (bad && r < 0 && errno == EFAULT) {
				f->faulted[k]++;
				continue;
			}
			if (bad)
				return tc_wl_child_fail(p, r < 0 ? errno : EEXIST,
							"%s %p (expecting EFAULT)", kind_names[k],
							(void *)f->bad);
			if (r < 0)
				return tc_wl_child_fail(p, errno, "%s %s", kind_names[k], f->file);
			if (k == K_OPENAT && tc_wl_sc1(p, SYS_close, r))
				return tc_wl_child_fail(p, errno, "close %s", f->file);
		}
	}
	return 0;
}

static struct json_object *by_kind(const __u64 *v)
{
	struct json_object *o = json_object_new_object();

	for (int k = 0; k < K_NR; k++)
		json_object_object_add(o, kind_names[k], json_object_new_uint64(v[k]));
	return o;
}

static void faults_section(struct tc_wl_ctx *ctx, const struct faults *f)
{
	struct json_object *o = json_object_new_object();
	char addr[32];

	snprintf(addr, sizeof(addr), "%p", (void *)f->bad);
	json_object_object_add(o, "address", json_object_new_string(addr));
	json_object_object_add(o, "every", json_object_new_uint64(f->every));
	json_object_object_add(o, "calls", by_kind(f->calls));
	json_object_object_add(o, "faulted", by_kind(f->faulted));
	tc_wl_section(ctx, "faults", o);
}

static int faults_run(struct tc_wl_ctx *ctx)
{
	struct faults *f = tc_wl_shared(ctx, sizeof(*f));
	const struct tc_wl_task task = { .role = "main", .prologue = faults_prologue,
					 .body = faults_body, .arg = f };
	struct stat st;
	int err;

	if (!f)
		return tc_wl_fail(ctx, -ENOMEM, "map the shared counters");
	f->n = tc_wl_num(ctx, "n");
	f->every = tc_wl_num(ctx, "every");
	f->file = tc_wl_str(ctx, "file");
	if (stat(f->file, &st))
		return tc_wl_fail(ctx, -errno, "stat file=%s", f->file);
	err = tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);
	if (!err)
		faults_section(ctx, f);
	return err;
}

const struct tc_workload tc_wl_faults = {
	.name = "faults",
	.summary = "openat, newfstatat and statx, one in every= of each given a path at an "
		   "unmapped address (EFAULT): read faults at a known rate",
	.example = "n=1000 every=4 file=/dev/null",
	.params = params,
	.run = faults_run,
};
