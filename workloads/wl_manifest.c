// SPDX-License-Identifier: GPL-2.0
/*
 * The manifest: what the measured processes did, as JSON (json-c), every
 * number an exact integer. Built from the counts the processes left in
 * shared memory, the /proc counters read while they were zombies, and the
 * sections a workload adds; written atomically (a temporary file next to
 * the target, then rename), so a reader never sees half of one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <json-c/json.h>
#include "workload.h"
#include "../common/syscalls.h"

static const char *const op_names[TC_WL_OP_NR] = {
	[TC_WL_OP_READ] = "read",
	[TC_WL_OP_PREAD64] = "pread64",
	[TC_WL_OP_WRITE] = "write",
	[TC_WL_OP_PWRITE64] = "pwrite64",
	[TC_WL_OP_URING_READ] = "uring_read",
	[TC_WL_OP_URING_WRITE] = "uring_write",
	[TC_WL_OP_MMAP_READ] = "mmap_read",
	[TC_WL_OP_FSYNC] = "fsync",
	[TC_WL_OP_NANOSLEEP] = "nanosleep",
	[TC_WL_OP_PIPE_READ] = "pipe_read",
	[TC_WL_OP_PIPE_WRITE] = "pipe_write",
};

const char *tc_wl_op_name(enum tc_wl_op_kind kind)
{
	return kind < TC_WL_OP_NR ? op_names[kind] : NULL;
}

static struct json_object *u64(__u64 v)
{
	return json_object_new_uint64(v);
}

static void add_u64(struct json_object *o, const char *key, __u64 v)
{
	json_object_object_add(o, key, u64(v));
}

void tc_wl_section(struct tc_wl_ctx *ctx, const char *key, struct json_object *val)
{
	if (!ctx->sections)
		ctx->sections = json_object_new_object();
	json_object_object_add(ctx->sections, key, val);
}

static struct json_object *params_json(const struct tc_wl_ctx *ctx)
{
	struct json_object *o = json_object_new_object();

	for (int i = 0; ctx->wl->params[i].name; i++) {
		const struct tc_wl_param *p = &ctx->wl->params[i];
		const struct tc_wl_value *v = &ctx->val[i];
		struct json_object *j;

		switch (p->type) {
		case TC_WL_STRING:
		case TC_WL_ENUM:
			j = json_object_new_string(v->text ? v->text : "");
			break;
		case TC_WL_BOOL:
			j = json_object_new_boolean(v->num);
			break;
		default:
			j = u64(v->num);
		}
		json_object_object_add(o, p->name, j);
	}
	return o;
}

static const char *sys_name(int nr, char *buf, size_t size)
{
	const char *name = tc_syscall_name(nr);

	if (name)
		return name;
	snprintf(buf, size, "nr_%d", nr);
	return buf;
}

static int by_name(const void *a, const void *b)
{
	char x[24], y[24];

	return strcmp(sys_name(*(const int *)a, x, sizeof(x)),
		      sys_name(*(const int *)b, y, sizeof(y)));
}

/* { name: count } for the nonzero counts, by name. */
static struct json_object *syscalls_json(const __u64 *counts)
{
	struct json_object *o = json_object_new_object();
	int nrs[TC_WL_NSYS], n = 0;
	char buf[24];

	for (int nr = 0; nr < TC_WL_NSYS; nr++)
		if (counts[nr])
			nrs[n++] = nr;
	qsort(nrs, n, sizeof(nrs[0]), by_name);
	for (int i = 0; i < n; i++)
		add_u64(o, sys_name(nrs[i], buf, sizeof(buf)), counts[nrs[i]]);
	return o;
}

static struct json_object *ops_json(const struct tc_wl_op *ops)
{
	struct json_object *o = json_object_new_object();

	for (int k = 0; k < TC_WL_OP_NR; k++) {
		struct json_object *op;

		if (!ops[k].count)
			continue;
		op = json_object_new_object();
		add_u64(op, "count", ops[k].count);
		add_u64(op, "bytes_requested", ops[k].bytes_requested);
		add_u64(op, "bytes_returned", ops[k].bytes_returned);
		json_object_object_add(o, op_names[k], op);
	}
	return o;
}

static struct json_object *proc_io_json(const struct tc_pidio *io)
{
	struct json_object *o = json_object_new_object();

	add_u64(o, "rchar", io->rchar);
	add_u64(o, "wchar", io->wchar);
	add_u64(o, "syscr", io->syscr);
	add_u64(o, "syscw", io->syscw);
	add_u64(o, "read_bytes", io->read_bytes);
	add_u64(o, "write_bytes", io->write_bytes);
	add_u64(o, "cancelled_write_bytes", io->cancelled_write_bytes);
	return o;
}

static struct json_object *per_pid_json(const struct tc_wl_proc *p)
{
	struct json_object *o = json_object_new_object(), *faults = json_object_new_object();

	if (p->role)
		json_object_object_add(o, "role", json_object_new_string(p->role));
	json_object_object_add(o, "comm", json_object_new_string(p->comm));
	json_object_object_add(o, "exit_status", json_object_new_int(p->status));
	json_object_object_add(o, "syscalls", syscalls_json(p->sys));
	json_object_object_add(o, "syscall_errors", syscalls_json(p->errs));
	json_object_object_add(o, "ops", ops_json(p->ops));
	json_object_object_add(o, "proc_io", proc_io_json(&p->io));
	add_u64(faults, "minor", p->minflt);
	add_u64(faults, "major", p->majflt);
	json_object_object_add(o, "faults", faults);
	add_u64(o, "cpu_ns", p->cpu_ns);
	return o;
}

/* What a tool filtering by pid, not by comm, sees before each prctl. */
static struct json_object *before_prctl_json(const struct tc_wl_ctx *ctx)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "comm", json_object_new_string(ctx->parent_comm));
	json_object_object_add(o, "exact", json_object_new_boolean(!ctx->before_prctl_inexact));
	if (!ctx->before_prctl_inexact) {
		struct json_object *sc = json_object_new_object();

		/* the raw clone, returning 0 in each child */
		add_u64(sc, "clone", ctx->nprocs);
		json_object_object_add(o, "syscalls", sc);
	}
	return o;
}

struct json_object *tc_wl_manifest(const struct tc_wl_ctx *ctx)
{
	struct json_object *m = json_object_new_object(), *pids = json_object_new_array();
	struct json_object *per_pid = json_object_new_object();
	__u64 sys[TC_WL_NSYS] = {}, errs[TC_WL_NSYS] = {};
	struct tc_wl_op ops[TC_WL_OP_NR] = {};
	struct tc_pidio io = {};
	__u64 cpu_ns = 0;

	for (int i = 0; i < ctx->nprocs; i++) {
		const struct tc_wl_proc *p = &ctx->procs[i];
		char key[16];

		for (int nr = 0; nr < TC_WL_NSYS; nr++) {
			sys[nr] += p->sys[nr];
			errs[nr] += p->errs[nr];
		}
		for (int k = 0; k < TC_WL_OP_NR; k++) {
			ops[k].count += p->ops[k].count;
			ops[k].bytes_requested += p->ops[k].bytes_requested;
			ops[k].bytes_returned += p->ops[k].bytes_returned;
		}
		io.rchar += p->io.rchar;
		io.wchar += p->io.wchar;
		io.syscr += p->io.syscr;
		io.syscw += p->io.syscw;
		io.read_bytes += p->io.read_bytes;
		io.write_bytes += p->io.write_bytes;
		io.cancelled_write_bytes += p->io.cancelled_write_bytes;
		cpu_ns += p->cpu_ns;
		json_object_array_add(pids, json_object_new_int(p->pid));
		snprintf(key, sizeof(key), "%d", p->pid);
		json_object_object_add(per_pid, key, per_pid_json(p));
	}
	add_u64(m, "tracecal_manifest", 1);
	json_object_object_add(m, "workload", json_object_new_string(ctx->wl->name));
	json_object_object_add(m, "params", params_json(ctx));
	json_object_object_add(m, "pid", json_object_new_int(ctx->nprocs ? ctx->procs[0].pid : 0));
	json_object_object_add(m, "pids", pids);
	json_object_object_add(m, "comm", json_object_new_string(ctx->comm ? ctx->comm : ""));
	add_u64(m, "start_ns", ctx->start_ns);
	add_u64(m, "end_ns", ctx->end_ns);
	add_u64(m, "cpu_ns", cpu_ns);
	json_object_object_add(m, "syscalls", syscalls_json(sys));
	json_object_object_add(m, "syscall_errors", syscalls_json(errs));
	json_object_object_add(m, "ops", ops_json(ops));
	if (ctx->sections) {
		json_object_object_foreach(ctx->sections, key, val)
			json_object_object_add(m, key, json_object_get(val));
	}
	json_object_object_add(m, "per_pid", per_pid);
	json_object_object_add(m, "proc_io", proc_io_json(&io));
	json_object_object_add(m, "before_prctl", before_prctl_json(ctx));
	return m;
}

/* ---- latency ---- */

static int cmp_u64(const void *a, const void *b)
{
	__u64 x = *(const __u64 *)a, y = *(const __u64 *)b;

	return x < y ? -1 : x > y;
}

static struct json_object *u64_array(const __u64 *v, __u64 n)
{
	struct json_object *a = json_object_new_array_ext(n);

	for (__u64 i = 0; i < n; i++)
		json_object_array_add(a, u64(v[i]));
	return a;
}

/* How the slacks were measured: the fixed part, and whether run_delay is in them. */
static struct json_object *slack_json(const struct tc_wl_latency *lat)
{
	struct json_object *o = json_object_new_object();

	add_u64(o, "fixed_ns", lat->fixed_slack_ns);
	add_u64(o, "calibration_calls", lat->calibration_calls);
	json_object_object_add(o, "run_delay", json_object_new_boolean(!lat->no_run_delay));
	if (lat->no_run_delay)
		json_object_object_add(o, "run_delay_missing",
				       json_object_new_string(lat->no_run_delay));
	return o;
}

/* Per distinct target: how many ops, and their achieved durations. */
static struct json_object *by_target_json(const struct tc_wl_latency *lat,
					  struct json_object *targets)
{
	__u64 n = lat->n, *distinct = malloc((n ? n : 1) * sizeof(*distinct)), nd = 0;
	struct json_object *by = json_object_new_array();

	if (distinct) {
		memcpy(distinct, lat->target, n * sizeof(*distinct));
		qsort(distinct, n, sizeof(*distinct), cmp_u64);
		for (__u64 i = 0; i < n; i++)
			if (!nd || distinct[nd - 1] != distinct[i])
				distinct[nd++] = distinct[i];
	}
	for (__u64 d = 0; d < nd; d++) {
		struct json_object *t = json_object_new_object();
		__u64 cnt = 0, min = 0, max = 0, sum = 0;

		json_object_array_add(targets, u64(distinct[d]));
		for (__u64 i = 0; i < n; i++) {
			__u64 a = lat->achieved[i];

			if (lat->target[i] != distinct[d])
				continue;
			if (!cnt || a < min)
				min = a;
			if (a > max)
				max = a;
			sum += a;
			cnt++;
		}
		add_u64(t, "target_ns", distinct[d]);
		add_u64(t, "count", cnt);
		add_u64(t, "min", min);
		add_u64(t, "max", max);
		add_u64(t, "sum", sum);
		json_object_array_add(by, t);
	}
	free(distinct);
	return by;
}

/*
 * The manifest's log2 buckets, defined here from their bounds and not with
 * the tracer's code (tc_log2_slot, tc_hist_bucket): the manifest is the
 * oracle of tracecal's own tools, and a bucketing bug of theirs must not
 * agree with it. Bucket 0 holds 0, bucket i holds [2^(i-1), 2^i - 1], the
 * last everything from 2^(WL_HIST_BUCKETS - 2) up; the same layout as a
 * log2 hist() of bpftrace or of the tracer, so the judge compares buckets
 * one to one.
 */
#define WL_HIST_BUCKETS 64

static __u64 bucket_lo(unsigned int b)
{
	return b ? 1ULL << (b - 1) : 0;
}

static __u64 bucket_hi(unsigned int b)
{
	if (b == WL_HIST_BUCKETS - 1)
		return UINT64_MAX;
	return b ? (1ULL << b) - 1 : 0;
}

/* The bucket whose bounds hold v: a search on the bounds, not a bit trick. */
static unsigned int bucket_of(__u64 v)
{
	unsigned int b = 0;

	while (v > bucket_hi(b))
		b++;
	return b;
}

/* The samples' log2 histogram: from the first bucket in use to the last, the empty ones included. */
static struct json_object *hist_json(const struct tc_wl_latency *lat)
{
	struct json_object *hist = json_object_new_object(), *buckets = json_object_new_array();
	__u64 count[WL_HIST_BUCKETS] = {};
	int first = -1, last = -1;

	for (__u64 i = 0; i < lat->n; i++)
		count[bucket_of(lat->sample[i])]++;
	for (int b = 0; b < WL_HIST_BUCKETS; b++)
		if (count[b]) {
			if (first < 0)
				first = b;
			last = b;
		}
	for (int b = first; first >= 0 && b <= last; b++) {
		struct json_object *o = json_object_new_object();

		add_u64(o, "lo", bucket_lo(b));
		add_u64(o, "hi", bucket_hi(b));
		add_u64(o, "count", count[b]);
		json_object_array_add(buckets, o);
	}
	json_object_object_add(hist, "kind", json_object_new_string("log2"));
	json_object_object_add(hist, "unit", json_object_new_string("ns"));
	json_object_object_add(hist, "buckets", buckets);
	return hist;
}

struct json_object *tc_wl_latency_json(const struct tc_wl_latency *lat)
{
	struct json_object *o = json_object_new_object(), *targets = json_object_new_array();
	struct json_object *ach = json_object_new_object(), *by;
	__u64 below = 0, min = 0, max = 0, sum = 0;

	for (__u64 i = 0; i < lat->n; i++) {
		__u64 a = lat->achieved[i];

		below += a < lat->target[i];
		min = !i || a < min ? a : min;
		max = a > max ? a : max;
		sum += a;
	}
	by = by_target_json(lat, targets);
	json_object_object_add(o, "op", json_object_new_string(lat->op));
	add_u64(o, "count", lat->n);
	json_object_object_add(o, "targets_ns", targets);
	json_object_object_add(o, "hist", hist_json(lat));
	json_object_object_add(o, "samples_ns", u64_array(lat->sample, lat->n));
	json_object_object_add(o, "slack_ns", u64_array(lat->slack, lat->n));
	json_object_object_add(o, "slack", slack_json(lat));
	add_u64(ach, "min", min);
	add_u64(ach, "max", max);
	add_u64(ach, "sum", sum);
	json_object_object_add(o, "achieved_ns", ach);
	add_u64(o, "below_target", below);
	json_object_object_add(o, "by_target", by);
	return o;
}

/* ---- writing ---- */

int tc_wl_manifest_open(const char *path, char *tmp, size_t size)
{
	mode_t mask = umask(0);
	int fd;

	umask(mask);
	if ((size_t)snprintf(tmp, size, "%s.tmp.XXXXXX", path) >= size)
		return -ENAMETOOLONG;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	fchmod(fd, 0666 & ~mask);
	return fd;
}

static int write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		s += n;
		len -= n;
	}
	return 0;
}

int tc_wl_manifest_write(struct json_object *m, int fd, const char *tmp, const char *path)
{
	const int flags = JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
			  JSON_C_TO_STRING_NOSLASHESCAPE;
	const char *text = json_object_to_json_string_ext(m, flags);
	int err;

	if (fd < 0) {
		fflush(stdout);
		err = write_all(STDOUT_FILENO, text, strlen(text));
		return err ?: write_all(STDOUT_FILENO, "\n", 1);
	}
	err = write_all(fd, text, strlen(text));
	err = err ?: write_all(fd, "\n", 1);
	if (!err && fsync(fd))
		err = -errno;
	if (close(fd) && !err)
		err = -errno;
	if (!err && rename(tmp, path))
		err = -errno;
	if (err)
		unlink(tmp);
	return err;
}
