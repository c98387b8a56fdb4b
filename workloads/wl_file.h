/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The file an I/O workload reads or writes, and everything done to it
 * before the measured phase: created and filled with data (never holes or
 * unwritten extents, which a read would answer without touching the disk),
 * its page cache dropped or warmed and checked with mincore(), and the
 * device and file-system type it lives on, named as the tools name them.
 */
#ifndef TC_WL_FILE_H
#define TC_WL_FILE_H

#include "workload.h"

struct tc_wl_file {
	const char *path;
	__u64 size;	 /* the workload covers [0, size) */
	__u64 file_size; /* st_size after the setup */
	__u64 pages;	 /* pages of [0, size) */
	int fd;		 /* open for the measured phase, or -1 */
	bool direct;
	char dev[32];	 /* from st_dev: "loop0", "vda1" */
	char disk[32];	 /* the whole disk: "vda" for "vda1" */
	char fs[32];	 /* "ext4", as /proc/self/mountinfo says */
	struct json_object *setup;
};

/* Create or extend path and fill [0, size) with data, synced; no I/O is measured yet. */
int tc_wl_file_prepare(struct tc_wl_ctx *ctx, struct tc_wl_file *f, const char *path, __u64 size);
/* Open it for the measured phase (flags: O_RDONLY, O_WRONLY, O_DIRECT...). */
int tc_wl_file_open(struct tc_wl_ctx *ctx, struct tc_wl_file *f, int flags);
/* cold: drop its cached pages (drop=file: fdatasync and POSIX_FADV_DONTNEED;
 * global: /proc/sys/vm/drop_caches) and check that none remain; hot: read
 * it whole and check that all are cached. */
int tc_wl_file_cache(struct tc_wl_ctx *ctx, struct tc_wl_file *f, bool hot, bool global);
/* Pages of [0, size) in the page cache (mincore), or -errno. */
long long tc_wl_file_resident(const struct tc_wl_file *f);
/* The "io" section: file, dev, disk, fs, sizes, direct, bytes read and written. */
struct json_object *tc_wl_file_io_json(const struct tc_wl_ctx *ctx, const struct tc_wl_file *f);
/* Add "setup" and "io" to the manifest; close the file. */
void tc_wl_file_finish(struct tc_wl_ctx *ctx, struct tc_wl_file *f, struct json_object *io);
void tc_wl_file_close(struct tc_wl_file *f);
/* One "passes" entry. */
struct json_object *tc_wl_pass_json(int pass, __u64 read_bytes, bool hot);
/* A page-aligned buffer (mmap), and the sizes the I/O workloads share. */
void *tc_wl_buffer(struct tc_wl_ctx *ctx, size_t size);
/* 0..n-1 in a random order from seed: each block once. */
__u64 *tc_wl_permutation(__u64 n, __u64 seed);

#endif
