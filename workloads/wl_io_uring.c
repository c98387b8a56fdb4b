// SPDX-License-Identifier: GPL-2.0
/*
 * io-uring: reads or writes of an exact byte count through io_uring, qd at
 * a time: no read or write syscall at all in the measured phase, only
 * io_uring_enter. The ring is set up by the parent before the fork
 * (io_uring_setup and its mmaps are not measured; a ring without
 * SINGLE_ISSUER or SQPOLL may be used by any task that has it). Each batch
 * is submitted and waited for with io_uring_submit_and_wait(), which makes
 * exactly one io_uring_enter with such a ring; completions are reaped from
 * the shared completion ring without a syscall.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <json-c/json.h>
#include <liburing.h>
#include "wl_file.h"

static const struct tc_wl_param params[] = {
	{ .name = "file", .type = TC_WL_STRING,
	  .help = "file to read or write; created and filled by the workload before its "
		  "measured phase (use a SETUP to keep the fill out of a traced window)" },
	{ .name = "size", .type = TC_WL_SIZE, .def = "16M", .min = 1, .max = 1ULL << 40,
	  .help = "bytes to read or write, a multiple of bs" },
	{ .name = "bs", .type = TC_WL_SIZE, .def = "128K", .min = 1, .max = 64 << 20,
	  .help = "bytes per operation (a multiple of 4096 with direct=yes)" },
	{ .name = "op", .type = TC_WL_ENUM, .def = "read", .choices = tc_wl_rw_choices,
	  .help = "IORING_OP_READ or IORING_OP_WRITE" },
	{ .name = "direct", .type = TC_WL_BOOL, .def = "yes",
	  .help = "open the file with O_DIRECT" },
	{ .name = "qd", .type = TC_WL_U64, .def = "4", .min = 1, .max = 256,
	  .help = "operations submitted together, and waited for together" },
	{ .name = "pattern", .type = TC_WL_ENUM, .def = "seq", .choices = tc_wl_pattern_choices,
	  .help = "blocks in order, or in a random permutation (each block once)" },
	{ .name = "seed", .type = TC_WL_U64, .def = "1",
	  .help = "seed of the permutation for pattern=random" },
	{ .name = "cache", .type = TC_WL_ENUM, .def = "cold", .choices = tc_wl_cache_choices,
	  .help = "op=read, direct=no: the file's pages dropped before, or all cached" },
	{ .name = "drop", .type = TC_WL_ENUM, .def = "file", .choices = tc_wl_drop_choices,
	  .help = "how to drop them: this file's or all (drop_caches)" },
	TC_WL_PARAM_COMM("tc_io-uring"),
	{ .name = NULL },
};

struct iou {
	struct io_uring ring;
	int fd;
	bool write;
	char *buf; /* qd buffers of bs bytes */
	__u64 bs, nblocks, qd;
	const __u64 *order;
	const char *path;
};

/* Reap what has completed, without a syscall; 0 or -errno of a failed op. */
static int reap(struct tc_wl_proc *p, struct iou *u, unsigned int *got)
{
	enum tc_wl_op_kind kind = u->write ? TC_WL_OP_URING_WRITE : TC_WL_OP_URING_READ;
	struct io_uring_cqe *cqe;
	unsigned int head, n = 0;
	int err = 0;

	io_uring_for_each_cqe(&u->ring, head, cqe) {
		__u64 off = cqe->user_data;

		n++;
		tc_wl_op(p, kind, u->bs, cqe->res);
		if (!err && cqe->res < 0)
			err = tc_wl_child_fail(p, -cqe->res, "%s %s at offset %llu through io_uring",
					       u->write ? "write" : "read", u->path,
					       (unsigned long long)off);
		else if (!err && (__u64)cqe->res != u->bs)
			err = tc_wl_child_fail(p, EIO, "%s %s at offset %llu through io_uring: "
					       "%d of %llu bytes", u->write ? "write" : "read",
					       u->path, (unsigned long long)off, cqe->res,
					       (unsigned long long)u->bs);
	}
	io_uring_cq_advance(&u->ring, n);
	*got += n;
	return err;
}

static int iou_body(struct tc_wl_proc *p, void *arg)
{
	struct iou *u = arg;

	for (__u64 next = 0; next < u->nblocks;) {
		unsigned int queued = 0, got = 0;
		int err;

		for (; queued < u->qd && next < u->nblocks; queued++, next++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
			__u64 off = (u->order ? u->order[next] : next) * u->bs;
			char *buf = u->buf + queued * u->bs;

			if (u->write)
				io_uring_prep_write(sqe, u->fd, buf, u->bs, off);
			else
				io_uring_prep_read(sqe, u->fd, buf, u->bs, off);
			sqe->user_data = off;
		}
		while (got < queued) {
			/* one io_uring_enter: submit what is queued, wait for the rest */
			tc_wl_count(p, SYS_io_uring_enter, 1);
			err = io_uring_submit_and_wait(&u->ring, queued - got);
			if (err < 0)
				return tc_wl_child_fail(p, -err, "submit to io_uring");
			err = reap(p, u, &got);
			if (err)
				return err;
		}
	}
	return 0;
}

static int iou_check(struct tc_wl_ctx *ctx)
{
	__u64 bs = tc_wl_num(ctx, "bs");

	if (tc_wl_num(ctx, "direct") && bs % 4096)
		return tc_wl_usage(ctx, "bs=%s is not a multiple of 4096, as direct=yes needs",
				   tc_wl_str(ctx, "bs"));
	if (tc_wl_num(ctx, "size") % bs)
		return tc_wl_usage(ctx, "size=%s is not a multiple of bs=%s",
				   tc_wl_str(ctx, "size"), tc_wl_str(ctx, "bs"));
	return 0;
}

static int iou_run(struct tc_wl_ctx *ctx)
{
	struct tc_wl_file f = { .fd = -1 };
	struct iou *u = calloc(1, sizeof(*u));
	const struct tc_wl_task task = { .role = "main", .body = iou_body, .arg = u };
	bool direct = tc_wl_num(ctx, "direct"), hot = tc_wl_is(ctx, "cache", "hot");
	bool ring = false;
	__u64 *order = NULL;
	int err;

	if (!u)
		return tc_wl_fail(ctx, -ENOMEM, "allocate the ring");
	u->bs = tc_wl_num(ctx, "bs");
	u->qd = tc_wl_num(ctx, "qd");
	u->write = tc_wl_is(ctx, "op", "write");
	u->path = tc_wl_str(ctx, "file");
	u->nblocks = tc_wl_num(ctx, "size") / u->bs;
	err = tc_wl_file_prepare(ctx, &f, u->path, tc_wl_num(ctx, "size"));
	if (!err && !u->write && !direct)
		err = tc_wl_file_cache(ctx, &f, hot, tc_wl_is(ctx, "drop", "global"));
	err = err ?: tc_wl_file_open(ctx, &f, (u->write ? O_WRONLY : O_RDONLY) |
						      (direct ? O_DIRECT : 0));
	if (err)
		goto out;
	u->fd = f.fd;
	u->buf = tc_wl_buffer(ctx, u->qd * u->bs);
	if (tc_wl_is(ctx, "pattern", "random"))
		u->order = order = tc_wl_permutation(u->nblocks, tc_wl_num(ctx, "seed"));
	if (!u->buf || (!order && tc_wl_is(ctx, "pattern", "random"))) {
		err = tc_wl_fail(ctx, -ENOMEM, "allocate the buffers");
		goto out;
	}
	err = io_uring_queue_init(u->qd, &u->ring, 0);
	if (err) {
		err = tc_wl_fail(ctx, err, "set up an io_uring of %llu entries",
				 (unsigned long long)u->qd);
		goto out;
	}
	ring = true;
	err = tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);
	if (!err) {
		struct json_object *io = tc_wl_file_io_json(ctx, &f), *setup = f.setup;

		json_object_object_add(setup, "io_uring_setup",
				       json_object_new_string("in the parent, before the fork"));
		if (!u->write && !direct) {
			struct json_object *passes = json_object_new_array();

			json_object_array_add(passes, tc_wl_pass_json(1, ctx->procs[0]
					      .ops[TC_WL_OP_URING_READ].bytes_returned, hot));
			json_object_object_add(io, "passes", passes);
		}
		tc_wl_file_finish(ctx, &f, io);
	}
out:
	if (ring)
		io_uring_queue_exit(&u->ring);
	free(order);
	free(u);
	tc_wl_file_close(&f);
	return err;
}

const struct tc_workload tc_wl_io_uring = {
	.name = "io-uring",
	.summary = "Reads or writes through io_uring (liburing): io_uring_enter only, no read or "
		   "write syscalls",
	.example = "file=/mnt/f size=64M bs=128K op=read direct=yes qd=4",
	.params = params,
	.check = iou_check,
	.run = iou_run,
};
