// SPDX-License-Identifier: GPL-2.0
/*
 * io-reread: the same file read passes=N times with read(), the first pass
 * from a cold page cache (dropped as in io-buffered), the others from the
 * cache: about one pass of bytes from the disk, N passes at the VFS. The
 * file offset goes back to 0 with lseek between passes.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <json-c/json.h>
#include "wl_file.h"

static const struct tc_wl_param params[] = {
	{ .name = "file", .type = TC_WL_STRING,
	  .help = "file to read; created and filled before the measured phase" },
	{ .name = "size", .type = TC_WL_SIZE, .def = "16M", .min = 1, .max = 1ULL << 40,
	  .help = "bytes read in each pass" },
	{ .name = "bs", .type = TC_WL_SIZE, .def = "128K", .min = 1, .max = 64 << 20,
	  .help = "bytes per read (the last of a pass may be shorter)" },
	{ .name = "passes", .type = TC_WL_U64, .def = "3", .min = 1, .max = 1000,
	  .help = "times the file is read; the first from a cold cache" },
	{ .name = "drop", .type = TC_WL_ENUM, .def = "file", .choices = tc_wl_drop_choices,
	  .help = "how to drop the cache first: this file's or all (drop_caches)" },
	TC_WL_PARAM_COMM("tc_io-reread"),
	{ .name = NULL },
};

struct rr {
	int fd;
	char *buf;
	__u64 bs, size, passes;
	__u64 *bytes, *ns; /* per pass, shared */
	const char *path;
};

static int rr_body(struct tc_wl_proc *p, void *arg)
{
	const struct rr *r = arg;

	for (__u64 pass = 0; pass < r->passes; pass++) {
		__u64 t0, off = 0;

		if (pass && tc_wl_sc3(p, SYS_lseek, r->fd, 0, SEEK_SET))
			return tc_wl_child_fail(p, errno, "lseek %s to 0", r->path);
		t0 = tc_wl_clock(p);
		while (off < r->size) {
			__u64 n = r->size - off < r->bs ? r->size - off : r->bs;
			long ret = tc_wl_sc3(p, SYS_read, r->fd, (long)r->buf, n);

			if (ret <= 0)
				return tc_wl_child_fail(p, ret ? errno : ENODATA,
							"read %s at offset %llu (pass %llu)", r->path,
							(unsigned long long)off,
							(unsigned long long)pass + 1);
			tc_wl_op(p, TC_WL_OP_READ, n, ret);
			off += ret;
		}
		r->ns[pass] = tc_wl_clock(p) - t0;
		r->bytes[pass] = off;
	}
	return 0;
}

static int rr_run(struct tc_wl_ctx *ctx)
{
	struct tc_wl_file f = { .fd = -1 };
	struct rr r = { .bs = tc_wl_num(ctx, "bs"), .size = tc_wl_num(ctx, "size"),
			.passes = tc_wl_num(ctx, "passes") };
	const struct tc_wl_task task = { .role = "main", .body = rr_body, .arg = &r };
	int err;

	r.path = tc_wl_str(ctx, "file");
	err = tc_wl_file_prepare(ctx, &f, r.path, r.size);
	err = err ?: tc_wl_file_cache(ctx, &f, false, tc_wl_is(ctx, "drop", "global"));
	err = err ?: tc_wl_file_open(ctx, &f, O_RDONLY);
	if (err)
		goto out;
	r.fd = f.fd;
	r.buf = tc_wl_buffer(ctx, r.bs);
	r.bytes = tc_wl_shared(ctx, 2 * r.passes * sizeof(__u64));
	if (!r.buf || !r.bytes) {
		err = tc_wl_fail(ctx, -ENOMEM, "allocate the buffers");
		goto out;
	}
	r.ns = r.bytes + r.passes;
	err = tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);
	if (!err) {
		struct json_object *io = tc_wl_file_io_json(ctx, &f);
		struct json_object *passes = json_object_new_array();
		long long resident = tc_wl_file_resident(&f);

		for (__u64 i = 0; i < r.passes; i++) {
			struct json_object *pass = tc_wl_pass_json(i + 1, r.bytes[i], i > 0);

			json_object_object_add(pass, "ns", json_object_new_uint64(r.ns[i]));
			json_object_array_add(passes, pass);
		}
		json_object_object_add(io, "passes", passes);
		/* "hot" holds if nothing was evicted meanwhile: all pages still cached after */
		json_object_object_add(io, "resident_pages_after",
				       json_object_new_int64(resident));
		tc_wl_file_finish(ctx, &f, io);
	}
out:
	tc_wl_file_close(&f);
	return err;
}

const struct tc_workload tc_wl_io_reread = {
	.name = "io-reread",
	.summary = "The same file read passes=N times with read(): the first pass cold, the "
		   "others from the page cache",
	.example = "file=/mnt/f size=64M passes=3",
	.params = params,
	.run = rr_run,
};
