// SPDX-License-Identifier: GPL-2.0
/* A traced window's witness: tracefs's count beside a BPF count; see witness.h. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "witness.h"
#include "runrec.h"
#include "../common/feature.h"
#include "witness.skel.h"

static const char *const events[] = { "block/block_rq_issue", "block/block_rq_complete" };

static int put(const char *dir, const char *file, const char *text)
{
	char path[400];
	FILE *f;
	int err = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (!(f = fopen(path, "w")))
		return -errno;
	if (fputs(text, f) < 0)
		err = -EIO;
	if (fclose(f) && !err)
		err = -errno;
	return err;
}

static int off(struct tc_witness *w, int err, const char *fmt, const char *what)
{
	snprintf(w->why, sizeof(w->why), fmt, what, strerror(-err));
	tc_witness_close(w);
	return err;
}

/* The tracefs half: an instance of its own, the two events filtered to dev. */
static int ftrace_open(struct tc_witness *w, unsigned int kdev)
{
	const char *t = tc_tracefs(); /* mounted if need be */
	char filter[64], file[128];
	int err;

	if (!t)
		return -ENOENT;
	snprintf(w->inst, sizeof(w->inst), "%s/instances/tracecal-witness.%d", t, (int)getpid());
	tc_runrec_note("instance %s", w->inst);
	if (mkdir(w->inst, 0700)) {
		err = -errno;
		w->inst[0] = '\0';
		return err;
	}
	snprintf(filter, sizeof(filter), "dev == %u", kdev);
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		snprintf(file, sizeof(file), "events/%s/filter", events[i]);
		if ((err = put(w->inst, file, filter)))
			return err;
		snprintf(file, sizeof(file), "events/%s/enable", events[i]);
		if ((err = put(w->inst, file, "1")))
			return err;
	}
	return 0;
}

int tc_witness_open(struct tc_witness *w, const char *dev_path)
{
	const char *blind = getenv("TRACECAL_FAULT_WITNESS_BLIND");
	struct stat st;
	int err;

	memset(w, 0, sizeof(*w));
	if (stat(dev_path, &st) || !S_ISBLK(st.st_mode))
		return off(w, errno ? -errno : -ENOTBLK, "%s: %s", dev_path);
	w->skel = witness_bpf__open();
	if (!w->skel)
		return off(w, -errno, "%s: %s", "its BPF program");
	w->skel->rodata->witness_dev = major(st.st_rdev) << 20 | minor(st.st_rdev);
	w->skel->rodata->fault_blind = blind ? strtoull(blind, NULL, 10) : 0;
	if ((err = witness_bpf__load(w->skel)) || (err = witness_bpf__attach(w->skel)))
		return off(w, err, "%s: %s", "its BPF program (tp_btf block_rq_issue, _complete)");
	if ((err = ftrace_open(w, w->skel->rodata->witness_dev)))
		return off(w, err, "%s: %s", "tracefs instance");
	w->on = true;
	return 0;
}

/* Every event the instance took: in its buffers, overwritten, or dropped. */
static __u64 ftrace_count(const char *inst)
{
	char path[400], line[128];
	__u64 n = 0, v;
	struct dirent *e;
	DIR *d;

	snprintf(path, sizeof(path), "%s/per_cpu", inst);
	if (!(d = opendir(path)))
		return 0;
	while ((e = readdir(d))) {
		FILE *f;

		if (strncmp(e->d_name, "cpu", 3))
			continue;
		snprintf(path, sizeof(path), "%s/per_cpu/%s/stats", inst, e->d_name);
		if (!(f = fopen(path, "r")))
			continue;
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "entries: %llu", &v) == 1 ||
			    sscanf(line, "overrun: %llu", &v) == 1 ||
			    sscanf(line, "dropped events: %llu", &v) == 1)
				n += v;
		fclose(f);
	}
	closedir(d);
	return n;
}

static __u64 misses(struct bpf_program *p)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (bpf_obj_get_info_by_fd(bpf_program__fd(p), &info, &len))
		return 0;
	return info.recursion_misses;
}

void tc_witness_close(struct tc_witness *w)
{
	if (w->inst[0]) {
		put(w->inst, "tracing_on", "0");
		if (w->on)
			w->events = ftrace_count(w->inst);
		if (rmdir(w->inst) == 0)
			tc_runrec_note("released %s", w->inst);
		w->inst[0] = '\0';
	}
	if (w->skel) {
		if (w->on) {
			w->bpf = w->skel->bss->counted;
			w->skipped_counted = misses(w->skel->progs.wit_issue) +
					     misses(w->skel->progs.wit_done);
		}
		witness_bpf__destroy(w->skel);
		w->skel = NULL;
	}
}

__u64 tc_witness_blind(const struct tc_witness *w)
{
	__u64 seen = w->bpf + w->skipped_counted;

	return w->on && w->events > seen ? w->events - seen : 0;
}
