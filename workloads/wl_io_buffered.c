// SPDX-License-Identifier: GPL-2.0
/*
 * io-buffered: read() or write() through the page cache. Reads find the
 * file's pages all dropped (cache=cold: written back, then
 * POSIX_FADV_DONTNEED, or drop=global: /proc/sys/vm/drop_caches, and
 * mincore() finds none left) or all cached (cache=hot: read once before).
 * Writes dirty the pages, then fsync (fsync=yes) so that the process
 * itself writes them to the disk; without it, writeback kworkers do, later.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <json-c/json.h>
#include "wl_file.h"

static const struct tc_wl_param params[] = {
	{ .name = "file", .type = TC_WL_STRING,
	  .help = "file to read or write; created and filled by the workload before its "
		  "measured phase (use a SETUP to keep the fill out of a traced window)" },
	{ .name = "size", .type = TC_WL_SIZE, .def = "16M", .min = 1, .max = 1ULL << 40,
	  .help = "bytes to read or write" },
	{ .name = "bs", .type = TC_WL_SIZE, .def = "128K", .min = 1, .max = 64 << 20,
	  .help = "bytes per read or write (the last one may be shorter)" },
	{ .name = "op", .type = TC_WL_ENUM, .def = "read", .choices = tc_wl_rw_choices,
	  .help = "read or write" },
	{ .name = "cache", .type = TC_WL_ENUM, .def = "cold", .choices = tc_wl_cache_choices,
	  .help = "op=read: the file's pages dropped before, or all cached" },
	{ .name = "drop", .type = TC_WL_ENUM, .def = "file", .choices = tc_wl_drop_choices,
	  .help = "how to drop them: this file's (POSIX_FADV_DONTNEED) or all (drop_caches)" },
	{ .name = "fsync", .type = TC_WL_BOOL, .def = "yes",
	  .help = "op=write: fsync after the writes, in the measured phase" },
	TC_WL_PARAM_COMM("tc_io-buffered"),
	{ .name = NULL },
};

struct iob {
	int fd;
	bool write, fsync;
	char *buf;
	__u64 bs, size;
	const char *path;
};

static int iob_body(struct tc_wl_proc *p, void *arg)
{
	const struct iob *b = arg;

	for (__u64 off = 0; off < b->size;) {
		__u64 n = b->size - off < b->bs ? b->size - off : b->bs;
		long r = tc_wl_sc3(p, b->write ? SYS_write : SYS_read, b->fd, (long)b->buf, n);

		if (r <= 0)
			return tc_wl_child_fail(p, r ? errno : ENODATA, "%s %s at offset %llu",
						b->write ? "write" : "read", b->path,
						(unsigned long long)off);
		tc_wl_op(p, b->write ? TC_WL_OP_WRITE : TC_WL_OP_READ, n, r);
		off += r;
	}
	if (b->write && b->fsync) {
		if (tc_wl_sc1(p, SYS_fsync, b->fd))
			return tc_wl_child_fail(p, errno, "fsync %s", b->path);
		tc_wl_op(p, TC_WL_OP_FSYNC, 0, 0);
	}
	return 0;
}

static int iob_run(struct tc_wl_ctx *ctx)
{
	struct tc_wl_file f = { .fd = -1 };
	struct iob b = { .bs = tc_wl_num(ctx, "bs"), .size = tc_wl_num(ctx, "size"),
			 .write = tc_wl_is(ctx, "op", "write"), .fsync = tc_wl_num(ctx, "fsync") };
	const struct tc_wl_task task = { .role = "main", .body = iob_body, .arg = &b };
	bool hot = tc_wl_is(ctx, "cache", "hot");
	int err;

	b.path = tc_wl_str(ctx, "file");
	err = tc_wl_file_prepare(ctx, &f, b.path, b.size);
	if (!err && !b.write)
		err = tc_wl_file_cache(ctx, &f, hot, tc_wl_is(ctx, "drop", "global"));
	err = err ?: tc_wl_file_open(ctx, &f, b.write ? O_WRONLY : O_RDONLY);
	if (err)
		goto out;
	b.fd = f.fd;
	b.buf = tc_wl_buffer(ctx, b.bs);
	if (!b.buf) {
		err = tc_wl_fail(ctx, -ENOMEM, "allocate the buffer");
		goto out;
	}
	err = tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);
	if (!err) {
		struct json_object *io = tc_wl_file_io_json(ctx, &f), *passes;
		__u64 bytes = ctx->procs[0].ops[TC_WL_OP_READ].bytes_returned;

		if (!b.write) {
			passes = json_object_new_array();
			json_object_array_add(passes, tc_wl_pass_json(1, bytes, hot));
			json_object_object_add(io, "passes", passes);
		}
		tc_wl_file_finish(ctx, &f, io);
	}
out:
	tc_wl_file_close(&f);
	return err;
}

const struct tc_workload tc_wl_io_buffered = {
	.name = "io-buffered",
	.summary = "Buffered read() from a cold or hot page cache, or write() then fsync",
	.example = "file=/mnt/f size=64M bs=128K op=read cache=cold",
	.params = params,
	.run = iob_run,
};
