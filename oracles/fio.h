/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fio's JSON output (--output-format=json --output=FILE, fio 3.x): per job
 * its name and error, and for reads and writes the bytes, I/Os, runtime
 * and completion latency (clat_ns: min, max, mean, percentiles). Also the
 * disk_util block, which is fio's own sampling of the disk counters
 * during the run, not a measurement: short jobs show too few or no I/Os
 * there. Use /proc/diskstats for the disk's truth.
 */
#ifndef TC_FIO_H
#define TC_FIO_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#define TC_FIO_NAME 128
#define TC_FIO_PCTS 32 /* fio allows 20 (FIO_IO_U_LIST_MAX_LEN) */

struct tc_fio_pct {
	double pct; /* 99.9 from the key "99.900000" */
	__u64 ns;
};

/* Completion latency: submission to completion, ns. */
struct tc_fio_clat {
	__u64 min, max, n;
	double mean;
	int npct; /* 0 when there were no I/Os or percentiles were off */
	struct tc_fio_pct pct[TC_FIO_PCTS];
};

/* One direction of one job. */
struct tc_fio_dir {
	__u64 io_bytes;
	__u64 total_ios;
	__u64 runtime_ms;
	struct tc_fio_clat clat;
};

struct tc_fio_job {
	char name[TC_FIO_NAME];
	int error; /* fio's error for the job, an errno; 0 if none */
	struct tc_fio_dir read, write;
};

/* One entry of disk_util. */
struct tc_fio_disk {
	char name[TC_FIO_NAME];
	__u64 read_ios, write_ios, read_merges, write_merges;
	__u64 read_ticks, write_ticks, in_queue;
	double util;
	bool sampled; /* always true: a sample, never an oracle */
};

struct tc_fio {
	char version[32]; /* "fio-3.33" */
	int preamble;	  /* lines of text before the JSON (fio notes), skipped */
	struct tc_fio_job *jobs;
	size_t njobs;
	struct tc_fio_disk *disks;
	size_t ndisks;
};

/*
 * Parse fio's JSON output. Lines before the first line that starts with
 * '{' are counted in preamble and skipped: fio writes notes there when
 * its stdout is the output. Every field named above is required, except
 * percentiles and disk_util. Returns 0, or -EINVAL (-ENOMEM) with
 * "jobs[1] (seqread): no key 'total_ios' in read"-style reasons in err.
 * Free with tc_fio__free().
 */
int tc_fio__parse(struct tc_fio *f, const char *text, char *err, size_t errlen);
int tc_fio__read(struct tc_fio *f, const char *path, char *err, size_t errlen);
/*
 * The same, handing back the parsed document in *root as well (when root
 * is not NULL and the parse succeeded; json_object_put() it), so that a
 * caller that keeps fio's JSON reads it once, through this parser.
 */
struct json_object;
int tc_fio__parse_root(struct tc_fio *f, const char *text, struct json_object **root,
		       char *err, size_t errlen);
int tc_fio__load(struct tc_fio *f, const char *path, struct json_object **root, char *err,
		 size_t errlen);
/* Read a document already parsed (fio's JSON kept in a manifest). */
int tc_fio__from_json(struct tc_fio *f, struct json_object *root, char *err, size_t errlen);
/*
 * A count summed over every job: "read.io_bytes", "read.total_ios",
 * "write.io_bytes", "write.total_ios" (what several jobs in one process
 * group did together); -ENOENT for any other path.
 */
int tc_fio__sum(const struct tc_fio *f, const char *path, __u64 *v);
void tc_fio__free(struct tc_fio *f);
/* The first job called name, or NULL. */
const struct tc_fio_job *tc_fio__job(const struct tc_fio *f, const char *name);
/* The percentile pct (99.9) of c; -ENOENT if fio did not report it. */
int tc_fio_clat__pct(const struct tc_fio_clat *c, double pct, __u64 *ns);

#endif
