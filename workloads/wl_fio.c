// SPDX-License-Identifier: GPL-2.0
/*
 * fio: a real fio run, the workload generator storage people already use
 * and trust, as a measured process. Its truth is fio's own accounting
 * (per job io_bytes and total_ios, read by oracles/fio.c), kept whole in
 * the manifest's "fio" section, where scenarios reach it as fio.PATH.
 *
 * Either job=FILE (a fio job file, run as written) or inline options
 * (rw=, bs=, size=, ioengine=, ...) that make one job, numjobs= times.
 * With job=, only the inline options given are added, before the file, as
 * fio's global options.
 *
 * The measured process execs fio through a symbolic link named after
 * comm, so that fio and the job processes it forks carry comm (a tool
 * filtering by name sees this run's fio and no other). fio reaps its job
 * processes, so their /proc/PID/io is in fio's own, read as it is a
 * zombie: the manifest's proc_io is the whole process group's.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <json-c/json.h>
#include "../oracles/fio.h"
#include "workload.h"

static const char *const rw_choices[] = {
	"read", "write", "randread", "randwrite", "rw", "randrw", NULL,
};
static const char *const engine_choices[] = {
	"psync", "sync", "pvsync2", "libaio", "io_uring", "posixaio", "mmap", NULL,
};

/* Options passed to fio as --NAME=VALUE, in this order; the rest are tracecal's own. */
static const struct tc_wl_param params[] = {
	{ .name = "job", .type = TC_WL_STRING, .def = "", .max = 400,
	  .help = "a fio job file, run as written; the inline options given are added as "
		  "fio's global options (without job=, they make one job)" },
	{ .name = "dir", .type = TC_WL_STRING, .def = "", .max = 400,
	  .help = "the directory of the jobs' files (fio's --directory), e.g. {MNT}" },
	{ .name = "name", .type = TC_WL_STRING, .def = "job", .max = 60, .no_slash = true,
	  .help = "the inline job's name (its files are NAME.N.0 in dir)" },
	{ .name = "rw", .type = TC_WL_ENUM, .def = "read", .choices = rw_choices,
	  .help = "fio's rw: sequential or random, reads, writes or both" },
	{ .name = "bs", .type = TC_WL_SIZE, .def = "4K", .min = 512, .max = 64ULL << 20,
	  .multiple = 512, .help = "bytes per I/O" },
	{ .name = "size", .type = TC_WL_SIZE, .def = "16M", .min = 4096, .max = 64ULL << 30,
	  .help = "bytes each job moves (and its file's size)" },
	{ .name = "ioengine", .type = TC_WL_ENUM, .def = "psync", .choices = engine_choices,
	  .help = "how fio issues I/O: syscalls (psync, sync, pvsync2), async (libaio, "
		  "io_uring, posixaio) or a mapping (mmap)" },
	{ .name = "iodepth", .type = TC_WL_U64, .def = "1", .min = 1, .max = 4096,
	  .help = "I/Os in flight, for the async engines" },
	{ .name = "direct", .type = TC_WL_BOOL, .def = "no",
	  .help = "O_DIRECT: every byte to or from the disk, no page cache" },
	{ .name = "numjobs", .type = TC_WL_U64, .def = "1", .min = 1, .max = 64,
	  .help = "processes running the job, each on its own file" },
	{ .name = "end_fsync", .type = TC_WL_BOOL, .def = "no",
	  .help = "fsync each file when its writes are done" },
	{ .name = "invalidate", .type = TC_WL_BOOL, .def = "yes",
	  .help = "drop the file's pages from the cache before the job (fio's default)" },
	{ .name = "group", .type = TC_WL_BOOL, .def = "no",
	  .help = "group_reporting: one result for all jobs of a group" },
	{ .name = "layout", .type = TC_WL_BOOL, .def = "no",
	  .help = "only lay the files out (create_only=1), for a SETUP line: fio's first run on "
		  "a missing file writes it whole before the job" },
	TC_WL_PARAM_COMM("tc_fio"),
	{ .name = NULL },
};

/* The inline options that are fio's, by parameter name; job, dir, comm, group are not. */
static const char *const fio_opts[] = {
	"name", "rw", "bs", "size", "ioengine", "iodepth", "direct", "numjobs", "end_fsync",
	"invalidate", NULL,
};

#define MAX_ARGS 24

struct fio_run {
	char dir[64], link[96], out[96], fio[PATH_MAX];
	char args[MAX_ARGS][480];
	char *argv[MAX_ARGS + 1], *envp[1];
};

static int param_index(const struct tc_wl_ctx *ctx, const char *name)
{
	for (int i = 0; ctx->wl->params[i].name; i++)
		if (!strcmp(ctx->wl->params[i].name, name))
			return i;
	return -1;
}

/* fio in PATH, as execvp would find it; the workload is the exec, so it looks itself. */
static int find_fio(char *path, size_t size)
{
	const char *env = getenv("PATH");
	char dirs[4096], *save = NULL;

	snprintf(dirs, sizeof(dirs), "%s", env && *env ? env : "/usr/local/bin:/usr/bin:/bin");
	for (char *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		snprintf(path, size, "%s/fio", d);
		if (!access(path, X_OK))
			return 0;
	}
	return -ENOENT;
}

static int add_arg(struct fio_run *r, int *n, const char *fmt, const char *a, const char *b)
{
	if (*n == MAX_ARGS)
		return -E2BIG;
	snprintf(r->args[*n], sizeof(r->args[0]), fmt, a, b);
	r->argv[*n] = r->args[*n];
	(*n)++;
	return 0;
}

/* comm, the output options, the inline options, the job file. */
static int build_argv(struct tc_wl_ctx *ctx, struct fio_run *r)
{
	const char *job = tc_wl_str(ctx, "job"), *dir = tc_wl_str(ctx, "dir");
	int n = 0, err;

	err = add_arg(r, &n, "%s%s", ctx->comm, "");
	err = err ?: add_arg(r, &n, "--output-format=json%s%s", "", "");
	err = err ?: add_arg(r, &n, "--output=%s%s", r->out, "");
	if (*dir)
		err = err ?: add_arg(r, &n, "--directory=%s%s", dir, "");
	for (int i = 0; fio_opts[i] && !err; i++) {
		const struct tc_wl_value *v = &ctx->val[param_index(ctx, fio_opts[i])];
		char num[32];

		if (*job && !v->given)
			continue;
		if (!strcmp(fio_opts[i], "name") && *job)
			continue;
		/* Sizes and booleans as fio reads them: bytes, 1 or 0. */
		snprintf(num, sizeof(num), "%llu", (unsigned long long)v->num);
		err = add_arg(r, &n, "--%s=%s", fio_opts[i],
			      ctx->wl->params[param_index(ctx, fio_opts[i])].type == TC_WL_ENUM ||
					      !strcmp(fio_opts[i], "name") ?
				      v->text :
				      num);
	}
	if (tc_wl_num(ctx, "group"))
		err = err ?: add_arg(r, &n, "--group_reporting%s%s", "", "");
	if (tc_wl_num(ctx, "layout"))
		err = err ?: add_arg(r, &n, "--create_only=1%s%s", "", "");
	if (*job)
		err = err ?: add_arg(r, &n, "%s%s", job, "");
	r->argv[n] = NULL;
	return err ? tc_wl_fail(ctx, err, "build fio's command line") : 0;
}

/* A link named comm to fio: exec renames the process after the file it runs. */
static int prepare(struct tc_wl_ctx *ctx, struct fio_run *r)
{
	const char *tmp = getenv("TMPDIR"), *job = tc_wl_str(ctx, "job");

	/* Checked here, not at load: a relative path is the run's, from its directory. */
	if (*job && access(job, R_OK)) {
		snprintf(ctx->why, sizeof(ctx->why), "%s", strerror(errno));
		return tc_wl_fail(ctx, -ENOENT, "read the job file job=%.200s", job);
	}
	if (find_fio(r->fio, sizeof(r->fio))) {
		snprintf(ctx->why, sizeof(ctx->why), "fio is not installed (not in PATH; "
			 "apt-get install fio)");
		return tc_wl_fail(ctx, -ENOENT, "find fio");
	}
	snprintf(r->dir, sizeof(r->dir), "%.40s/tracecal-fio.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(r->dir)) {
		r->dir[0] = '\0';
		return tc_wl_fail(ctx, -errno, "make a directory for fio's output");
	}
	snprintf(r->link, sizeof(r->link), "%s/%s", r->dir, ctx->comm);
	snprintf(r->out, sizeof(r->out), "%s/fio.json", r->dir);
	if (symlink(r->fio, r->link)) {
		r->link[0] = '\0';
		return tc_wl_fail(ctx, -errno, "link %s to %s", r->dir, r->fio);
	}
	return build_argv(ctx, r);
}

static int exec_body(struct tc_wl_proc *p, void *arg)
{
	struct fio_run *r = arg;

	tc_wl_sc3(p, SYS_execve, (long)r->link, (long)r->argv, (long)r->envp);
	return tc_wl_child_fail(p, errno, "execve %s (fio)", r->link);
}

static struct json_object *argv_json(const struct fio_run *r)
{
	struct json_object *a = json_object_new_array();

	json_object_array_add(a, json_object_new_string("fio"));
	for (int i = 1; r->argv[i]; i++)
		json_object_array_add(a, json_object_new_string(r->argv[i]));
	return a;
}

/* fio's JSON, read once by oracles/fio.c, kept whole; its totals in the manifest's terms. */
static int collect(struct tc_wl_ctx *ctx, const struct fio_run *r)
{
	struct json_object *root = NULL, *io;
	char why[300];
	struct tc_fio f;
	__u64 rd = 0, wr = 0;
	int err;

	err = tc_fio__load(&f, r->out, &root, why, sizeof(why));
	if (err) {
		snprintf(ctx->why, sizeof(ctx->why), "%.120s", why);
		return tc_wl_fail(ctx, err, "read fio's JSON output");
	}
	for (size_t i = 0; i < f.njobs; i++)
		if (f.jobs[i].error) {
			snprintf(ctx->why, sizeof(ctx->why), "%s", strerror(f.jobs[i].error));
			err = tc_wl_fail(ctx, -f.jobs[i].error, "run fio job %s", f.jobs[i].name);
			break;
		}
	tc_fio__sum(&f, "read.io_bytes", &rd);
	tc_fio__sum(&f, "write.io_bytes", &wr);
	tc_fio__free(&f);
	if (err) {
		json_object_put(root);
		return err;
	}
	io = json_object_new_object();
	json_object_object_add(io, "read_bytes", json_object_new_uint64(rd));
	json_object_object_add(io, "write_bytes", json_object_new_uint64(wr));
	tc_wl_section(ctx, "io", io);
	tc_wl_section(ctx, "fio_argv", argv_json(r));
	tc_wl_section(ctx, "fio", root);
	return 0;
}

static int fio_run(struct tc_wl_ctx *ctx)
{
	struct fio_run *r = calloc(1, sizeof(*r));
	struct tc_wl_task task = { .role = "fio", .body = exec_body, .arg = r };
	int err;

	if (!r)
		return tc_wl_fail(ctx, -ENOMEM, "allocate fio's command line");
	err = prepare(ctx, r);
	err = err ?: tc_wl_reserve(ctx, 1);
	err = err ?: tc_wl_spawn(ctx, &task);
	if (!err) {
		err = tc_wl_wait(ctx);
		if (err && ctx->procs[0].status) {
			snprintf(ctx->why, sizeof(ctx->why), "exit status %d (fio's own words are "
				 "on stderr)", ctx->procs[0].status);
			err = tc_wl_fail(ctx, -EIO, "run fio");
		}
	}
	err = err ?: collect(ctx, r);
	if (r->out[0])
		unlink(r->out);
	if (r->link[0])
		unlink(r->link);
	if (r->dir[0])
		rmdir(r->dir);
	free(r);
	return err;
}

const struct tc_workload tc_wl_fio = {
	.name = "fio",
	.summary = "A real fio run (a job file, or one job from inline options), its JSON the "
		   "truth: bytes and I/Os per job, as fio counted them",
	.example = "dir=/mnt rw=randread bs=16K size=16M ioengine=libaio iodepth=8 direct=yes",
	.params = params,
	.run = fio_run,
};
