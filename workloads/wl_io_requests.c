// SPDX-License-Identifier: GPL-2.0
/*
 * io-requests: block requests of known sizes in a known order. The file is
 * cut into chunks, count= of each size of sizes= in turn (4K, 16K, 64K,
 * 256K, 4K, ...), and each chunk is read with one O_DIRECT pread64: on a
 * quiet disk, one request each, of exactly that size. pattern=seq reads
 * the chunks in the file's order, pattern=random in a random permutation.
 *
 * What a tool of request sizes (bitesize) and of request order
 * (biopattern) must find is then known before the run: the requests of
 * each size, and how many start on the disk where the previous one ended.
 * The file's layout is read with FIEMAP before the measured phase, and
 * each chunk laid inside a stretch of it that is contiguous on the disk
 * (a chunk across two would be two requests): where the file system broke
 * the file (a block group's backup superblock), the next chunk starts at
 * the next stretch. A size above the queue's max_sectors_kb or
 * max_segments pages would be split too, and is refused. The file is read
 * with O_NOATIME: no access time to write back, no journal write among the
 * requests (a tool of request order would count it). The "requests"
 * section holds:
 *
 *   count, bytes      requests, and their bytes
 *   sizes             { "BYTES": requests of that size }
 *   size_buckets      { "LOW": requests whose size is in [LOW, 2 * LOW) }: log2
 *                     buckets as histograms of sizes print them
 *   sequential        requests that start where the previous request ended
 *   random            the others, but the first (which has no previous one)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <json-c/json.h>
#include "wl_file.h"
#include "../common/opts.h"

#define MAX_SIZES 8
#define MAX_EXTENTS 256

static const struct tc_wl_param params[] = {
	{ .name = "file", .type = TC_WL_STRING,
	  .help = "file to read; created and filled before the measured phase (use a SETUP to "
		  "keep the fill out of a traced window)" },
	{ .name = "sizes", .type = TC_WL_STRING, .def = "4K,16K,64K,256K",
	  .help = "request sizes, comma-separated: each a multiple of 4096, at most 8 of them" },
	{ .name = "count", .type = TC_WL_U64, .def = "64", .min = 1, .max = 100000,
	  .help = "requests of each size" },
	{ .name = "pattern", .type = TC_WL_ENUM, .def = "seq", .choices = tc_wl_pattern_choices,
	  .help = "chunks in the file's order, or in a random permutation (each once)" },
	{ .name = "seed", .type = TC_WL_U64, .def = "1",
	  .help = "seed of the permutation for pattern=random" },
	TC_WL_PARAM_COMM("tc_io-requests"),
	{ .name = NULL },
};

struct chunk {
	__u64 off, len;
	__u64 phys; /* its first byte on the device */
};

struct ioreq {
	int fd;
	char *buf;
	const char *path;
	struct chunk *chunks;
	const __u64 *order; /* NULL: in order */
	__u64 n;
};

/* sizes= as numbers; -EINVAL with the reason in why. */
static int parse_sizes(const char *text, __u64 *sizes, int *n, char *why, size_t size)
{
	char buf[256], *save = NULL;

	*n = 0;
	snprintf(buf, sizeof(buf), "%s", text);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		__u64 v;

		if (*n == MAX_SIZES)
			return snprintf(why, size, "more than %d sizes", MAX_SIZES), -EINVAL;
		if (tc_parse_size(t, &v) || !v || v % 4096 || v > (64 << 20))
			return snprintf(why, size, "'%s' is not a multiple of 4096 up to 64M", t),
			       -EINVAL;
		sizes[(*n)++] = v;
	}
	if (!*n)
		return snprintf(why, size, "no size"), -EINVAL;
	return 0;
}

static int ioreq_check(struct tc_wl_ctx *ctx)
{
	__u64 sizes[MAX_SIZES];
	char why[128];
	int n;

	if (parse_sizes(tc_wl_str(ctx, "sizes"), sizes, &n, why, sizeof(why)))
		return tc_wl_usage(ctx, "invalid sizes='%s': %s", tc_wl_str(ctx, "sizes"), why);
	return 0;
}

static int ioreq_body(struct tc_wl_proc *p, void *arg)
{
	const struct ioreq *q = arg;

	for (__u64 i = 0; i < q->n; i++) {
		const struct chunk *c = &q->chunks[q->order ? q->order[i] : i];
		long r = tc_wl_sc4(p, SYS_pread64, q->fd, (long)q->buf, c->len, c->off);

		if (r < 0)
			return tc_wl_child_fail(p, errno, "pread64 %s at offset %llu", q->path,
						(unsigned long long)c->off);
		tc_wl_op(p, TC_WL_OP_PREAD64, c->len, r);
		if ((__u64)r != c->len)
			return tc_wl_child_fail(p, EIO, "pread64 %s at offset %llu: %ld of %llu bytes",
						q->path, (unsigned long long)c->off, r,
						(unsigned long long)c->len);
	}
	return 0;
}

/* A number of /sys/block/DISK/queue/NAME, or 0 if unreadable. */
static __u64 queue_limit(const char *disk, const char *name)
{
	char path[128];
	unsigned long long v = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/block/%s/queue/%s", disk, name);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (fscanf(f, "%llu", &v) != 1)
		v = 0;
	fclose(f);
	return v;
}

/* A stretch of the file that is contiguous on the device. */
struct run {
	__u64 logical, len, phys;
};

/* The file's runs, from FIEMAP: extents merged where they continue each other on the device. */
static int file_runs(struct tc_wl_ctx *ctx, const struct ioreq *q, __u64 size, struct run *runs,
		     int *nruns)
{
	size_t bytes = sizeof(struct fiemap) + MAX_EXTENTS * sizeof(struct fiemap_extent);
	struct fiemap *fm = calloc(1, bytes);
	int n = 0;

	if (!fm)
		return tc_wl_fail(ctx, -ENOMEM, "allocate the extent map");
	fm->fm_length = size;
	fm->fm_flags = FIEMAP_FLAG_SYNC;
	fm->fm_extent_count = MAX_EXTENTS;
	if (ioctl(q->fd, FS_IOC_FIEMAP, fm)) {
		free(fm);
		return tc_wl_fail(ctx, -errno, "map the extents of %s (FIEMAP)", q->path);
	}
	for (__u32 k = 0; k < fm->fm_mapped_extents; k++) {
		const struct fiemap_extent *e = &fm->fm_extents[k];
		struct run *last = n ? &runs[n - 1] : NULL;

		if (e->fe_flags & (FIEMAP_EXTENT_UNWRITTEN | FIEMAP_EXTENT_UNKNOWN |
				   FIEMAP_EXTENT_DELALLOC | FIEMAP_EXTENT_ENCODED))
			continue; /* not read from where it says, or not at all */
		if (last && e->fe_logical == last->logical + last->len &&
		    e->fe_physical == last->phys + last->len)
			last->len += e->fe_length;
		else
			runs[n++] = (struct run){ e->fe_logical, e->fe_length, e->fe_physical };
	}
	free(fm);
	*nruns = n;
	return 0;
}

/*
 * Lay the chunks out in the file's order, each inside one run: a chunk that
 * would cross from one run to the next (the file system put its blocks in
 * two places: a block group's backup superblock, say) starts at the next
 * run instead, so that each read is one request.
 */
static int place_chunks(struct tc_wl_ctx *ctx, struct ioreq *q, __u64 size)
{
	struct run runs[MAX_EXTENTS];
	__u64 cursor = 0;
	int nruns = 0, r = 0, err = file_runs(ctx, q, size, runs, &nruns);

	for (__u64 i = 0; i < q->n && !err; i++) {
		struct chunk *c = &q->chunks[i];

		while (r < nruns && (cursor < runs[r].logical || cursor % 4096 ||
				     cursor + c->len > runs[r].logical + runs[r].len)) {
			if (cursor < runs[r].logical)
				cursor = runs[r].logical;
			cursor = (cursor + 4095) / 4096 * 4096;
			if (cursor + c->len > runs[r].logical + runs[r].len)
				r++;
		}
		if (r == nruns) {
			snprintf(ctx->why, sizeof(ctx->why), "its %llu bytes are in %d pieces on the "
				 "disk: too few long enough for %llu chunks", (unsigned long long)size,
				 nruns, (unsigned long long)q->n);
			return tc_wl_fail(ctx, -EFBIG, "lay out chunks in %s", q->path);
		}
		c->off = cursor;
		c->phys = runs[r].phys + (cursor - runs[r].logical);
		cursor += c->len;
	}
	return err;
}

/* Requests split by the queue's limits would not be the sizes asked for. */
static int check_limits(struct tc_wl_ctx *ctx, const struct tc_wl_file *f, const __u64 *sizes,
			int nsizes)
{
	__u64 max_kb = queue_limit(f->disk, "max_sectors_kb");
	__u64 max_segs = queue_limit(f->disk, "max_segments");

	for (int i = 0; i < nsizes; i++)
		if ((max_kb && sizes[i] > max_kb * 1024) || (max_segs && sizes[i] / 4096 > max_segs)) {
			snprintf(ctx->why, sizeof(ctx->why), "%s takes requests of %llu KiB and %llu "
				 "segments at most", f->disk, (unsigned long long)max_kb,
				 (unsigned long long)max_segs);
			return tc_wl_fail(ctx, -EINVAL, "read %llu bytes in one request",
					  (unsigned long long)sizes[i]);
		}
	return 0;
}

static struct json_object *requests_json(const struct ioreq *q, const __u64 *sizes, int nsizes)
{
	struct json_object *o = json_object_new_object(), *bysize = json_object_new_object(),
			   *buckets = json_object_new_object();
	__u64 bytes = 0, seq = 0;

	for (__u64 i = 0; i < q->n; i++) {
		const struct chunk *c = &q->chunks[q->order ? q->order[i] : i];

		bytes += c->len;
		if (i) {
			const struct chunk *prev = &q->chunks[q->order ? q->order[i - 1] : i - 1];

			seq += c->phys == prev->phys + prev->len;
		}
	}
	for (int i = 0; i < nsizes; i++) {
		__u64 low = 1, same = 0, in_bucket = 0;
		char key[24];

		while (low * 2 <= sizes[i])
			low *= 2;
		for (int j = 0; j < nsizes; j++) {
			same += sizes[j] == sizes[i];
			in_bucket += sizes[j] >= low && sizes[j] < 2 * low;
		}
		snprintf(key, sizeof(key), "%llu", (unsigned long long)sizes[i]);
		json_object_object_add(bysize, key, json_object_new_uint64(same * (q->n / nsizes)));
		snprintf(key, sizeof(key), "%llu", (unsigned long long)low);
		json_object_object_add(buckets, key,
				       json_object_new_uint64(in_bucket * (q->n / nsizes)));
	}
	json_object_object_add(o, "count", json_object_new_uint64(q->n));
	json_object_object_add(o, "bytes", json_object_new_uint64(bytes));
	json_object_object_add(o, "sizes", bysize);
	json_object_object_add(o, "size_buckets", buckets);
	json_object_object_add(o, "sequential", json_object_new_uint64(seq));
	json_object_object_add(o, "random", json_object_new_uint64(q->n ? q->n - 1 - seq : 0));
	return o;
}

static int ioreq_run(struct tc_wl_ctx *ctx)
{
	struct tc_wl_file f = { .fd = -1 };
	struct ioreq q = { .path = tc_wl_str(ctx, "file") };
	const struct tc_wl_task task = { .role = "main", .body = ioreq_body, .arg = &q };
	__u64 sizes[MAX_SIZES], count = tc_wl_num(ctx, "count"), total = 0, maxlen = 0;
	__u64 *order = NULL;
	char why[128];
	int nsizes, err;

	parse_sizes(tc_wl_str(ctx, "sizes"), sizes, &nsizes, why, sizeof(why)); /* checked */
	q.n = count * nsizes;
	q.chunks = calloc(q.n, sizeof(*q.chunks));
	if (!q.chunks)
		return tc_wl_fail(ctx, -ENOMEM, "allocate the chunks");
	for (__u64 i = 0; i < q.n; i++) {
		q.chunks[i] = (struct chunk){ .len = sizes[i % nsizes] };
		total += q.chunks[i].len;
		maxlen = q.chunks[i].len > maxlen ? q.chunks[i].len : maxlen;
	}
	/* Room for the chunks that must skip to the next run (see place_chunks). */
	total += total / 4 + 4 * maxlen;
	err = tc_wl_file_prepare(ctx, &f, q.path, total);
	/* O_NOATIME: a read that updated the access time would put a journal write among them. */
	err = err ?: tc_wl_file_open(ctx, &f, O_RDONLY | O_DIRECT | O_NOATIME);
	if (err)
		goto out;
	q.fd = f.fd;
	err = check_limits(ctx, &f, sizes, nsizes) ?: place_chunks(ctx, &q, total);
	if (err)
		goto out;
	q.buf = tc_wl_buffer(ctx, maxlen);
	if (tc_wl_is(ctx, "pattern", "random"))
		q.order = order = tc_wl_permutation(q.n, tc_wl_num(ctx, "seed"));
	if (!q.buf || (!order && tc_wl_is(ctx, "pattern", "random"))) {
		err = tc_wl_fail(ctx, -ENOMEM, "allocate the buffers");
		goto out;
	}
	err = tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);
	if (!err) {
		tc_wl_section(ctx, "requests", requests_json(&q, sizes, nsizes));
		tc_wl_file_finish(ctx, &f, tc_wl_file_io_json(ctx, &f));
	}
out:
	free(order);
	free(q.chunks);
	tc_wl_file_close(&f);
	return err;
}

const struct tc_workload tc_wl_io_requests = {
	.name = "io-requests",
	.summary = "Block requests of known sizes in a known order: one O_DIRECT pread64 per "
		   "request, the file's layout checked with FIEMAP",
	.example = "file=/mnt/f sizes=4K,16K,64K,256K count=64 pattern=random",
	.params = params,
	.check = ioreq_check,
	.run = ioreq_run,
};
