// SPDX-License-Identifier: GPL-2.0
/*
 * io-direct: O_DIRECT pread64 or pwrite64 of an exact byte count in blocks
 * of bs bytes, in order or in a random permutation of the blocks (each
 * once). The file is created and filled with data before the measured
 * phase, so the reads reach the disk (a hole would be answered with zeros
 * without I/O) and the writes overwrite allocated blocks. On a quiet
 * device, the disk bytes equal size exactly, and so do the process's
 * read_bytes or write_bytes in /proc/PID/io.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include "wl_file.h"

static const struct tc_wl_param params[] = {
	{ .name = "file", .type = TC_WL_STRING,
	  .help = "file to read or write; created and filled by the workload before its "
		  "measured phase (use a SETUP to keep the fill out of a traced window)" },
	{ .name = "size", .type = TC_WL_SIZE, .def = "16M", .min = 4096, .max = 1ULL << 40,
	  .multiple = 4096, .help = "bytes to read or write, a multiple of bs" },
	{ .name = "bs", .type = TC_WL_SIZE, .def = "128K", .min = 4096, .max = 64 << 20,
	  .multiple = 4096, .help = "bytes per pread64 or pwrite64" },
	{ .name = "op", .type = TC_WL_ENUM, .def = "read", .choices = tc_wl_rw_choices,
	  .help = "read (pread64) or write (pwrite64)" },
	{ .name = "pattern", .type = TC_WL_ENUM, .def = "seq", .choices = tc_wl_pattern_choices,
	  .help = "blocks in order, or in a random permutation (each block once)" },
	{ .name = "seed", .type = TC_WL_U64, .def = "1",
	  .help = "seed of the permutation for pattern=random" },
	TC_WL_PARAM_COMM("tc_io-direct"),
	{ .name = NULL },
};

struct iod {
	int fd;
	bool write;
	char *buf;
	__u64 bs, nblocks;
	const __u64 *order; /* NULL: in order */
	const char *path;
};

static int iod_body(struct tc_wl_proc *p, void *arg)
{
	const struct iod *d = arg;
	long nr = d->write ? SYS_pwrite64 : SYS_pread64;
	enum tc_wl_op_kind kind = d->write ? TC_WL_OP_PWRITE64 : TC_WL_OP_PREAD64;

	for (__u64 i = 0; i < d->nblocks; i++) {
		__u64 off = (d->order ? d->order[i] : i) * d->bs;
		long r = tc_wl_sc4(p, nr, d->fd, (long)d->buf, d->bs, off);

		if (r < 0)
			return tc_wl_child_fail(p, errno, "%s %s at offset %llu",
						d->write ? "pwrite64" : "pread64", d->path,
						(unsigned long long)off);
		tc_wl_op(p, kind, d->bs, r);
		if ((__u64)r != d->bs)
			return tc_wl_child_fail(p, EIO, "%s %s at offset %llu: %ld of %llu bytes",
						d->write ? "pwrite64" : "pread64", d->path,
						(unsigned long long)off, r,
						(unsigned long long)d->bs);
	}
	return 0;
}

static int iod_check(struct tc_wl_ctx *ctx)
{
	if (tc_wl_num(ctx, "size") % tc_wl_num(ctx, "bs"))
		return tc_wl_usage(ctx, "size=%s is not a multiple of bs=%s",
				   tc_wl_str(ctx, "size"), tc_wl_str(ctx, "bs"));
	return 0;
}

static int iod_run(struct tc_wl_ctx *ctx)
{
	struct tc_wl_file f = { .fd = -1 };
	struct iod d = { .bs = tc_wl_num(ctx, "bs"), .write = tc_wl_is(ctx, "op", "write") };
	const struct tc_wl_task task = { .role = "main", .body = iod_body, .arg = &d };
	__u64 *order = NULL;
	int err;

	d.path = tc_wl_str(ctx, "file");
	d.nblocks = tc_wl_num(ctx, "size") / d.bs;
	err = tc_wl_file_prepare(ctx, &f, d.path, tc_wl_num(ctx, "size"));
	err = err ?: tc_wl_file_open(ctx, &f, (d.write ? O_WRONLY : O_RDONLY) | O_DIRECT);
	if (err)
		goto out;
	d.fd = f.fd;
	d.buf = tc_wl_buffer(ctx, d.bs);
	if (tc_wl_is(ctx, "pattern", "random"))
		d.order = order = tc_wl_permutation(d.nblocks, tc_wl_num(ctx, "seed"));
	if (!d.buf || (!order && tc_wl_is(ctx, "pattern", "random"))) {
		err = tc_wl_fail(ctx, -ENOMEM, "allocate the buffers");
		goto out;
	}
	err = tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);
	if (!err)
		tc_wl_file_finish(ctx, &f, tc_wl_file_io_json(ctx, &f));
out:
	free(order);
	tc_wl_file_close(&f);
	return err;
}

const struct tc_workload tc_wl_io_direct = {
	.name = "io-direct",
	.summary = "O_DIRECT pread64 or pwrite64 of an exact byte count, in order or in a "
		   "random permutation of the blocks",
	.example = "file=/mnt/f size=64M bs=128K op=read pattern=random",
	.params = params,
	.check = iod_check,
	.run = iod_run,
};
