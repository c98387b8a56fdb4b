/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The workload contract, in the manner of fio's engines. A workload is a
 * struct: a name, a summary, a table of parameters (data, parsed strictly
 * from KEY=VALUE arguments) and a run function, listed in tc_workloads[]
 * (workloads.c). run() prepares in the parent what must not be measured
 * (files, buffers, rings, a dropped or warmed page cache), starts the
 * measured processes with tc_wl_spawn(), waits for them with tc_wl_wait(),
 * and adds to the manifest what only it knows (tc_wl_section()).
 *
 * A measured process is a child made by a raw clone(SIGCHLD) (no exec, and
 * none of glibc's fork bookkeeping), whose first syscall is
 * prctl(PR_SET_NAME, comm) and whose last is exit_group. Every syscall in
 * between goes through tc_wl_sc*(), which counts it, by number, in memory
 * shared with the parent before the fork: the counts are exact by
 * construction and travel back without a syscall a tool could see. The
 * parent reads /proc/PID/io and /proc/PID/stat while the child is a zombie
 * (waitid with WNOWAIT), then reaps it.
 */
#ifndef TC_WORKLOAD_H
#define TC_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include <linux/types.h>
#include "../oracles/pidio.h"

struct json_object;
struct tc_wl_ctx;

/* ---- parameters: data, one table per workload ---- */

enum tc_wl_type {
	TC_WL_U64,	/* a decimal integer */
	TC_WL_SIZE,	/* bytes: 4096, 64K, 1M, 1G */
	TC_WL_DURATION, /* ns: 10ms, 250us, 1.5s */
	TC_WL_STRING,
	TC_WL_BOOL,	/* yes|no (also true|false, on|off, 1|0) */
	TC_WL_ENUM,	/* one of choices[] */
};

struct tc_wl_param {
	const char *name;
	enum tc_wl_type type;
	const char *def;	     /* the default, as a user writes it; NULL: required */
	const char *help;
	const char *const *choices;  /* TC_WL_ENUM: the values, NULL-terminated */
	__u64 min, max;		     /* numbers: inclusive bounds; strings: length (max 0: none) */
	__u64 multiple;		     /* numbers: must be a multiple of this (0: any) */
	bool no_slash;		     /* strings: no '/' (a command name, also a file name) */
};

#define TC_WL_MAX_PARAMS 16

/* Every workload has comm=: the name its measured processes give themselves. */
#define TC_WL_PARAM_COMM(dflt)                                                                      \
	{ .name = "comm", .type = TC_WL_STRING, .def = (dflt), .max = 15, .no_slash = true,        \
	  .help = "command name of the measured processes, set first with prctl(PR_SET_NAME)" }

struct tc_workload {
	const char *name;
	const char *summary;
	const char *example;	/* KEY=VALUE arguments of a typical run, for --help */
	const struct tc_wl_param *params; /* ends with { .name = NULL } */
	/* Optional: check the parameters together; a usage error (exit 2). */
	int (*check)(struct tc_wl_ctx *ctx);
	int (*run)(struct tc_wl_ctx *ctx);
};

/* Every workload, in the order --list shows them; NULL-terminated. */
extern const struct tc_workload *const tc_workloads[];
const struct tc_workload *tc_workload_find(const char *name);

/* ---- what a measured process did, in memory shared with the parent ---- */

#define TC_WL_NSYS 512 /* syscall numbers counted: above every architecture's */

enum tc_wl_op_kind {
	TC_WL_OP_READ,
	TC_WL_OP_PREAD64,
	TC_WL_OP_WRITE,
	TC_WL_OP_PWRITE64,
	TC_WL_OP_URING_READ,
	TC_WL_OP_URING_WRITE,
	TC_WL_OP_MMAP_READ, /* pages touched; bytes are pages * page size */
	TC_WL_OP_FSYNC,
	TC_WL_OP_NANOSLEEP,
	TC_WL_OP_PIPE_READ,
	TC_WL_OP_PIPE_WRITE,
	TC_WL_OP_NR,
};

struct tc_wl_op {
	__u64 count;
	__u64 bytes_requested;
	__u64 bytes_returned;
};

struct tc_wl_proc {
	/* written by the measured process (atomically: it may have threads) */
	__u64 sys[TC_WL_NSYS];	/* syscalls made, by number, after the fork */
	__u64 errs[TC_WL_NSYS]; /* of those, how many returned an error */
	struct tc_wl_op ops[TC_WL_OP_NR];
	int err;		/* a failure: errno, and what failed */
	char what[200];
	/* written by the parent */
	pid_t pid;
	const char *role;	/* "reader", "child": which part of the workload */
	int status;		/* exit status */
	int signal;		/* or the signal that killed it */
	bool reaped;
	char comm[16];		/* the kernel's, from /proc/PID/stat as a zombie */
	__u64 minflt, majflt;
	__u64 cpu_ns;		/* user + system time, from wait4's rusage */
	struct tc_pidio io;	/* /proc/PID/io for the whole process, read by oracles/pidio.c */
};

/* What a measured process runs: prologue before its prctl (not measured: it
 * may allocate, and make any syscall), then body. Both return 0 or -errno. */
typedef int (*tc_wl_fn)(struct tc_wl_proc *p, void *arg);

struct tc_wl_task {
	const char *role;
	tc_wl_fn prologue; /* optional */
	tc_wl_fn body;
	void *arg;
};

/* ---- the context of one run ---- */

struct tc_wl_value {
	const char *text; /* as given, or the default */
	__u64 num;	  /* numbers in bytes or ns; bool 0/1; enum: index of the choice */
	bool given;
};

#define TC_WL_MSG_LEN 512
#define TC_WL_MAX_SHARED 8

struct tc_wl_ctx {
	const struct tc_workload *wl;
	struct tc_wl_value val[TC_WL_MAX_PARAMS];
	const char *comm;	 /* the comm= parameter */
	/* a usage error's message, or a runtime error's "VERB WHAT" */
	char msg[TC_WL_MSG_LEN];
	char why[128];		 /* the reason, when errno does not say it */
	/* measured processes */
	struct tc_wl_proc *procs;
	int nprocs, maxprocs;
	__u64 start_ns, end_ns;
	/* syscalls a tool filtering by pid (not comm) sees before each prctl */
	bool before_prctl_inexact;
	char parent_comm[16];
	/* workload sections of the manifest, in the order added */
	struct json_object *sections;
	/* shared mappings to release */
	void *shared[TC_WL_MAX_SHARED];
	size_t shared_size[TC_WL_MAX_SHARED];
};

/* wl_params.c: parse KEY=VALUE arguments; -EINVAL with ctx->msg set. */
void tc_wl_ctx__init(struct tc_wl_ctx *ctx, const struct tc_workload *wl);
int tc_wl_parse(struct tc_wl_ctx *ctx, int argc, char **argv);
/* The parsed value of a parameter of ctx->wl (a missing name aborts: a bug). */
__u64 tc_wl_num(const struct tc_wl_ctx *ctx, const char *name);
const char *tc_wl_str(const struct tc_wl_ctx *ctx, const char *name);
bool tc_wl_is(const struct tc_wl_ctx *ctx, const char *name, const char *choice);
/* For check(): format the usage message, return -EINVAL. */
int tc_wl_usage(struct tc_wl_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const char *tc_wl_type_name(const struct tc_wl_param *p, char *buf, size_t size);
void tc_wl_print_list(FILE *f);
void tc_wl_print_help(FILE *f, const struct tc_workload *wl);
void tc_wl_print_markdown(FILE *f);

/* wl_run.c: check, run, release. Runtime errors: -errno, ctx->msg "VERB WHAT". */
int tc_wl_check(struct tc_wl_ctx *ctx);
int tc_wl_run(struct tc_wl_ctx *ctx);
void tc_wl_ctx__release(struct tc_wl_ctx *ctx);
int tc_wl_fail(struct tc_wl_ctx *ctx, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Shared memory, mapped before the fork, released with the context. */
void *tc_wl_shared(struct tc_wl_ctx *ctx, size_t size);
int tc_wl_reserve(struct tc_wl_ctx *ctx, int nprocs);
int tc_wl_spawn(struct tc_wl_ctx *ctx, const struct tc_wl_task *task);
int tc_wl_wait(struct tc_wl_ctx *ctx);
__u64 tc_wl_now_ns(void);
/* Whether clock_gettime() enters the kernel here (no usable vDSO clock). */
bool tc_wl_clock_is_syscall(void);
/* /proc/PID/stat text, parsed (/proc/PID/io has its reader in oracles/pidio.c). */
int tc_wl_parse_proc_stat(const char *text, char *comm, size_t size, __u64 *minflt,
			  __u64 *majflt);

/* In a measured process: a syscall, counted where it is issued. */
long tc_wl_sc6(struct tc_wl_proc *p, long nr, long a, long b, long c, long d, long e, long f);
static inline long tc_wl_sc0(struct tc_wl_proc *p, long nr)
{
	return tc_wl_sc6(p, nr, 0, 0, 0, 0, 0, 0);
}
static inline long tc_wl_sc1(struct tc_wl_proc *p, long nr, long a)
{
	return tc_wl_sc6(p, nr, a, 0, 0, 0, 0, 0);
}
static inline long tc_wl_sc2(struct tc_wl_proc *p, long nr, long a, long b)
{
	return tc_wl_sc6(p, nr, a, b, 0, 0, 0, 0);
}
static inline long tc_wl_sc3(struct tc_wl_proc *p, long nr, long a, long b, long c)
{
	return tc_wl_sc6(p, nr, a, b, c, 0, 0, 0);
}
static inline long tc_wl_sc4(struct tc_wl_proc *p, long nr, long a, long b, long c, long d)
{
	return tc_wl_sc6(p, nr, a, b, c, d, 0, 0);
}
/* Count a syscall made by code we call but cannot wrap (liburing), or run by
 * a program we exec, whose count is known exactly. */
void tc_wl_count(struct tc_wl_proc *p, long nr, __u64 n);
void tc_wl_op(struct tc_wl_proc *p, enum tc_wl_op_kind kind, __u64 req, long ret);
/* CLOCK_MONOTONIC in ns; counted as clock_gettime when it is a syscall here. */
__u64 tc_wl_clock(struct tc_wl_proc *p);
/* Record a failure (errno and what failed) and return -err. Safe to call
 * only on the way out: it formats text. */
int tc_wl_child_fail(struct tc_wl_proc *p, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* wl_manifest.c */
const char *tc_wl_op_name(enum tc_wl_op_kind kind);
/* Add a workload section ("setup", "io", "latency", ...); takes val. */
void tc_wl_section(struct tc_wl_ctx *ctx, const char *key, struct json_object *val);
struct json_object *tc_wl_manifest(const struct tc_wl_ctx *ctx);
/* What the latency section is made of: per-op arrays of n values, in ns. */
struct tc_wl_latency {
	const char *op;
	__u64 n;
	const __u64 *target;
	const __u64 *achieved;	  /* the whole op, from its start */
	const __u64 *sample;	  /* the measured call alone, the clock read around it */
	const __u64 *slack;	  /* how much of sample a kernel-side tool may not see */
	__u64 fixed_slack_ns;	  /* of each slack: the calibration's longest round trip */
	__u64 calibration_calls;
	const char *no_run_delay; /* NULL, or why the slack holds no run-queue wait */
};

/*
 * The latency section: the targets and achieved durations as counts,
 * extremes and the distinct targets; the samples and their slacks; and
 * the samples as a log2 histogram with the layout of tracecal's own and
 * bpftrace's, bucketed by code of its own (not the tracer's).
 */
struct json_object *tc_wl_latency_json(const struct tc_wl_latency *lat);
/* Open a temporary file next to path (the manifest is written atomically). */
int tc_wl_manifest_open(const char *path, char *tmp, size_t size);
/* Write m to fd (the one opened above, then renamed to path), or stdout if fd < 0. */
int tc_wl_manifest_write(struct json_object *m, int fd, const char *tmp, const char *path);

/* The workloads (each in wl_NAME.c). */
extern const struct tc_workload tc_wl_null, tc_wl_syscalls, tc_wl_io_direct, tc_wl_io_buffered,
	tc_wl_io_reread, tc_wl_io_uring, tc_wl_io_mmap, tc_wl_latency, tc_wl_procs, tc_wl_hot_probe,
	tc_wl_flood_events, tc_wl_flood_keys, tc_wl_calls, tc_wl_io_requests, tc_wl_pid_keys, tc_wl_fio,
	tc_wl_faults, tc_wl_signals;

/* Shared parameter choices. */
extern const char *const tc_wl_rw_choices[];	 /* read, write */
extern const char *const tc_wl_cache_choices[];	 /* cold, hot */
extern const char *const tc_wl_drop_choices[];	 /* file, global */
extern const char *const tc_wl_pattern_choices[]; /* seq, random */

#endif
