// SPDX-License-Identifier: GPL-2.0
/* The file of an I/O workload, before and after its measured phase; see wl_file.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <json-c/json.h>
#include "wl_file.h"

#define FILL_CHUNK (1 << 20)

static size_t page_size(void)
{
	return sysconf(_SC_PAGESIZE);
}

/* The sysfs name of a block device, and of its whole disk when it is a partition. */
static void dev_names(dev_t d, char *dev, char *disk, size_t size)
{
	char path[64], link[256], *base, *parent;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u", major(d), minor(d));
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0) { /* no block device: tmpfs, overlayfs... */
		snprintf(dev, size, "%u:%u", major(d), minor(d));
		snprintf(disk, size, "%s", dev);
		return;
	}
	link[n] = '\0';
	base = strrchr(link, '/');
	snprintf(dev, size, "%.*s", (int)size - 1, base ? base + 1 : link);
	snprintf(disk, size, "%s", dev);
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/partition", major(d), minor(d));
	if (base && access(path, F_OK) == 0) {
		*base = '\0';
		parent = strrchr(link, '/');
		snprintf(disk, size, "%.*s", (int)size - 1, parent ? parent + 1 : link);
	}
}

/* The type of the file system on d, as the kernel names it (what vfstop reports). */
static void fs_name(dev_t d, const char *path, char *fs, size_t size)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096], want[32];
	struct statfs sfs;

	snprintf(want, sizeof(want), " %u:%u ", major(d), minor(d));
	fs[0] = '\0';
	while (f && fgets(line, sizeof(line), f)) {
		char *dash = strstr(line, " - "), *sp;

		if (!dash || !strstr(line, want) || strstr(line, want) > dash)
			continue;
		sp = strchr(dash + 3, ' ');
		snprintf(fs, size, "%.*s", sp ? (int)(sp - dash - 3) : 31, dash + 3);
	}
	if (f)
		fclose(f);
	if (!fs[0] && !statfs(path, &sfs))
		snprintf(fs, size, "0x%lx", (unsigned long)sfs.f_type);
}

static int fill(int fd, __u64 size)
{
	__u64 *buf = malloc(FILL_CHUNK);
	int err = 0;

	if (!buf)
		return -ENOMEM;
	for (__u64 off = 0; off < size && !err;) {
		size_t len = size - off < FILL_CHUNK ? size - off : FILL_CHUNK;
		ssize_t n;

		/* Every 8 bytes hold their own offset: each block differs from the others. */
		for (size_t i = 0; i < FILL_CHUNK / 8; i++)
			buf[i] = off + i * 8;
		n = pwrite(fd, buf, len, off);
		if (n < 0 && errno != EINTR)
			err = -errno;
		else if (n > 0)
			off += n;
	}
	free(buf);
	/*
	 * fsync, not fdatasync: fdatasync leaves the last writes' timestamps in
	 * a journal transaction of their own, which jbd2 commits up to 5 s
	 * later, inside whatever tool's window comes next.
	 */
	if (!err && fsync(fd))
		err = -errno;
	return err;
}

int tc_wl_file_prepare(struct tc_wl_ctx *ctx, struct tc_wl_file *f, const char *path, __u64 size)
{
	struct stat st;
	bool created = false, holes;
	__u64 filled = 0;
	int fd, err = 0;

	f->path = path;
	f->size = size;
	f->fd = -1;
	f->pages = (size + page_size() - 1) / page_size();
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		created = fd >= 0;
	}
	if (fd < 0)
		return tc_wl_fail(ctx, -errno, "open %s", path);
	if (fstat(fd, &st)) {
		err = tc_wl_fail(ctx, -errno, "stat %s", path);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(ctx->why, sizeof(ctx->why), "not a regular file");
		err = tc_wl_fail(ctx, -EINVAL, "use %s", path);
		goto out;
	}
	/* A hole (or an unwritten extent) in [0, size) would be read without disk I/O. */
	holes = (__u64)st.st_size < size || (__u64)lseek(fd, 0, SEEK_HOLE) < size;
	if (holes) {
		err = fill(fd, size);
		if (err) {
			err = tc_wl_fail(ctx, err, "fill %s with %llu bytes", path,
					 (unsigned long long)size);
			goto out;
		}
		filled = size;
		fstat(fd, &st);
	}
	f->file_size = st.st_size;
	dev_names(st.st_dev, f->dev, f->disk, sizeof(f->dev));
	fs_name(st.st_dev, path, f->fs, sizeof(f->fs));
	f->setup = json_object_new_object();
	json_object_object_add(f->setup, "file_created", json_object_new_boolean(created));
	json_object_object_add(f->setup, "filled_bytes", json_object_new_uint64(filled));
out:
	close(fd);
	return err;
}

int tc_wl_file_open(struct tc_wl_ctx *ctx, struct tc_wl_file *f, int flags)
{
	f->fd = open(f->path, flags | O_CLOEXEC);
	if (f->fd < 0)
		return tc_wl_fail(ctx, -errno, "open %s%s", f->path,
				  flags & O_DIRECT ? " with O_DIRECT" : "");
	f->direct = flags & O_DIRECT;
	return 0;
}

long long tc_wl_file_resident(const struct tc_wl_file *f)
{
	size_t len = f->pages * page_size();
	unsigned char *vec;
	long long n = 0;
	void *map;
	int fd;

	if (!f->size)
		return 0;
	fd = open(f->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	map = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return -errno;
	vec = malloc(f->pages);
	if (!vec || mincore(map, len, vec)) {
		n = vec ? -errno : -ENOMEM;
	} else {
		for (__u64 i = 0; i < f->pages; i++)
			n += vec[i] & 1;
	}
	free(vec);
	munmap(map, len);
	return n;
}

static int drop_global(void)
{
	int fd, err = 0;

	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, "1", 1) != 1) /* the page cache only: not dentries and inodes */
		err = -errno;
	close(fd);
	return err;
}

static int warm(struct tc_wl_file *f)
{
	char *buf = malloc(FILL_CHUNK);
	int fd = open(f->path, O_RDONLY | O_CLOEXEC), err = 0;

	if (fd < 0 || !buf) {
		err = fd < 0 ? -errno : -ENOMEM;
		goto out;
	}
	for (__u64 off = 0; off < f->size;) {
		ssize_t n = pread(fd, buf, FILL_CHUNK, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n ? -errno : -ENODATA;
			break;
		}
		off += n;
	}
out:
	free(buf);
	if (fd >= 0)
		close(fd);
	return err;
}

int tc_wl_file_cache(struct tc_wl_ctx *ctx, struct tc_wl_file *f, bool hot, bool global)
{
	struct json_object *cache = json_object_new_object();
	long long resident = -1;
	int err = 0, fd;

	json_object_object_add(f->setup, "cache", cache);
	json_object_object_add(cache, "state", json_object_new_string(hot ? "hot" : "cold"));
	if (hot) {
		err = warm(f);
		if (err)
			return tc_wl_fail(ctx, err, "read %s to warm the page cache", f->path);
		resident = tc_wl_file_resident(f);
		if (resident >= 0 && (__u64)resident != f->pages) {
			snprintf(ctx->why, sizeof(ctx->why), "%llu of %llu pages are not cached",
				 (unsigned long long)(f->pages - resident),
				 (unsigned long long)f->pages);
			return tc_wl_fail(ctx, -ENOMEM, "warm the page cache of %s", f->path);
		}
	} else {
		json_object_object_add(cache, "drop", json_object_new_string(global ? "global" :
									      "file"));
		fd = open(f->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return tc_wl_fail(ctx, -errno, "open %s", f->path);
		/* Clean pages only can be dropped: write back first. Retried, because
		 * pages under writeback or locked are skipped. */
		for (int i = 0; i < 5 && resident != 0; i++) {
			if (fdatasync(fd) || posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED))
				err = -errno;
			if (!err && global)
				err = drop_global();
			if (err)
				break;
			resident = tc_wl_file_resident(f);
			if (resident > 0)
				usleep(20000);
		}
		close(fd);
		if (err)
			return tc_wl_fail(ctx, err, "drop the cached pages of %s%s", f->path,
					  global ? " (drop_caches)" : "");
		if (resident > 0) {
			snprintf(ctx->why, sizeof(ctx->why), "%lld of %llu pages remain%s", resident,
				 (unsigned long long)f->pages, global ? "" : " (try drop=global)");
			return tc_wl_fail(ctx, -EBUSY, "drop the cached pages of %s", f->path);
		}
	}
	if (resident < 0)
		return tc_wl_fail(ctx, (int)resident, "check the cached pages of %s (mincore)",
				  f->path);
	json_object_object_add(cache, "resident_pages", json_object_new_uint64(resident));
	json_object_object_add(cache, "pages", json_object_new_uint64(f->pages));
	return 0;
}

struct json_object *tc_wl_file_io_json(const struct tc_wl_ctx *ctx, const struct tc_wl_file *f)
{
	static const enum tc_wl_op_kind reads[] = { TC_WL_OP_READ, TC_WL_OP_PREAD64,
						    TC_WL_OP_URING_READ, TC_WL_OP_MMAP_READ };
	static const enum tc_wl_op_kind writes[] = { TC_WL_OP_WRITE, TC_WL_OP_PWRITE64,
						     TC_WL_OP_URING_WRITE };
	struct json_object *o = json_object_new_object();
	__u64 rb = 0, wb = 0;

	for (int i = 0; i < ctx->nprocs; i++) {
		for (size_t k = 0; k < sizeof(reads) / sizeof(reads[0]); k++)
			rb += ctx->procs[i].ops[reads[k]].bytes_returned;
		for (size_t k = 0; k < sizeof(writes) / sizeof(writes[0]); k++)
			wb += ctx->procs[i].ops[writes[k]].bytes_returned;
	}
	json_object_object_add(o, "file", json_object_new_string(f->path));
	json_object_object_add(o, "dev", json_object_new_string(f->dev));
	json_object_object_add(o, "disk", json_object_new_string(f->disk));
	json_object_object_add(o, "fs", json_object_new_string(f->fs));
	json_object_object_add(o, "file_size", json_object_new_uint64(f->file_size));
	json_object_object_add(o, "size", json_object_new_uint64(f->size));
	json_object_object_add(o, "direct", json_object_new_boolean(f->direct));
	json_object_object_add(o, "read_bytes", json_object_new_uint64(rb));
	json_object_object_add(o, "write_bytes", json_object_new_uint64(wb));
	return o;
}

struct json_object *tc_wl_pass_json(int pass, __u64 read_bytes, bool hot)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "pass", json_object_new_int(pass));
	json_object_object_add(o, "read_bytes", json_object_new_uint64(read_bytes));
	json_object_object_add(o, "cache", json_object_new_string(hot ? "hot" : "cold"));
	return o;
}

void tc_wl_file_finish(struct tc_wl_ctx *ctx, struct tc_wl_file *f, struct json_object *io)
{
	if (f->setup) {
		tc_wl_section(ctx, "setup", f->setup);
		f->setup = NULL;
	}
	tc_wl_section(ctx, "io", io);
	tc_wl_file_close(f);
}

void tc_wl_file_close(struct tc_wl_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	if (f->setup)
		json_object_put(f->setup);
	f->setup = NULL;
}

void *tc_wl_buffer(struct tc_wl_ctx *ctx, size_t size)
{
	void *buf = tc_wl_shared(ctx, size ? size : 1);

	if (buf)
		memset(buf, 0x5a, size);
	return buf;
}

static __u64 splitmix64(__u64 *s)
{
	__u64 z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

__u64 *tc_wl_permutation(__u64 n, __u64 seed)
{
	__u64 *p = malloc((n ? n : 1) * sizeof(*p)), s = seed;

	if (!p)
		return NULL;
	for (__u64 i = 0; i < n; i++)
		p[i] = i;
	for (__u64 i = n; i > 1; i--) { /* Fisher-Yates */
		__u64 j = splitmix64(&s) % i, t = p[i - 1];

		p[i - 1] = p[j];
		p[j] = t;
	}
	return p;
}
