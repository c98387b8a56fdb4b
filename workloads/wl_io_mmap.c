// SPDX-License-Identifier: GPL-2.0
/*
 * io-mmap: a file read through a shared mapping, one byte of every page
 * touched: page faults, no read() at all. The mapping is made by the
 * parent before the fork (the child inherits it without its pages: a
 * shared file mapping's page tables are not copied), so the measured
 * syscalls are the prctl and exit_group only. cache=cold drops the
 * file's pages first (major faults and read-around from the disk),
 * cache=hot reads it once before (minor faults only).
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <json-c/json.h>
#include "wl_file.h"

static const struct tc_wl_param params[] = {
	{ .name = "file", .type = TC_WL_STRING,
	  .help = "file to read; created and filled before the measured phase" },
	{ .name = "size", .type = TC_WL_SIZE, .def = "16M", .min = 1, .max = 1ULL << 40,
	  .help = "bytes mapped; every page of them is touched once" },
	{ .name = "cache", .type = TC_WL_ENUM, .def = "cold", .choices = tc_wl_cache_choices,
	  .help = "the file's pages dropped before, or all cached" },
	{ .name = "drop", .type = TC_WL_ENUM, .def = "file", .choices = tc_wl_drop_choices,
	  .help = "how to drop them: this file's or all (drop_caches)" },
	TC_WL_PARAM_COMM("tc_io-mmap"),
	{ .name = NULL },
};

struct mm {
	const volatile unsigned char *map;
	__u64 pages, page;
	__u64 *sum; /* shared: what was read, so that the reads stay */
};

static int mm_body(struct tc_wl_proc *p, void *arg)
{
	const struct mm *m = arg;
	__u64 sum = 0;

	for (__u64 i = 0; i < m->pages; i++) {
		sum += m->map[i * m->page];
		tc_wl_op(p, TC_WL_OP_MMAP_READ, m->page, m->page);
	}
	*m->sum = sum;
	return 0;
}

static int mm_run(struct tc_wl_ctx *ctx)
{
	struct tc_wl_file f = { .fd = -1 };
	struct mm m = { .page = sysconf(_SC_PAGESIZE) };
	const struct tc_wl_task task = { .role = "main", .body = mm_body, .arg = &m };
	bool hot = tc_wl_is(ctx, "cache", "hot");
	void *map = MAP_FAILED;
	int err;

	err = tc_wl_file_prepare(ctx, &f, tc_wl_str(ctx, "file"), tc_wl_num(ctx, "size"));
	err = err ?: tc_wl_file_cache(ctx, &f, hot, tc_wl_is(ctx, "drop", "global"));
	err = err ?: tc_wl_file_open(ctx, &f, O_RDONLY);
	if (err)
		goto out;
	m.pages = f.pages;
	map = mmap(NULL, f.size, PROT_READ, MAP_SHARED, f.fd, 0);
	m.sum = tc_wl_shared(ctx, sizeof(*m.sum));
	if (map == MAP_FAILED || !m.sum) {
		err = tc_wl_fail(ctx, -errno, "map %s", f.path);
		goto out;
	}
	m.map = map;
	err = tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);
	if (!err) {
		struct json_object *io = tc_wl_file_io_json(ctx, &f);
		struct json_object *passes = json_object_new_array();

		json_object_array_add(passes, tc_wl_pass_json(1, ctx->procs[0]
				      .ops[TC_WL_OP_MMAP_READ].bytes_returned, hot));
		json_object_object_add(io, "passes", passes);
		json_object_object_add(io, "page_size", json_object_new_uint64(m.page));
		json_object_object_add(f.setup, "mmap",
				       json_object_new_string("in the parent, before the fork"));
		tc_wl_file_finish(ctx, &f, io);
	}
out:
	if (map != MAP_FAILED)
		munmap(map, f.size);
	tc_wl_file_close(&f);
	return err;
}

const struct tc_workload tc_wl_io_mmap = {
	.name = "io-mmap",
	.summary = "A file read through a mapping, every page touched: page faults, no read() "
		   "calls",
	.example = "file=/mnt/f size=64M cache=cold",
	.params = params,
	.run = mm_run,
};
