/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The oracles as one table: each source of truth a scenario may name
 * (diskstats.FIELD, manifest.PATH, pidio.FIELD, procstat.FIELD,
 * iostat.FIELD, fio.PATH) is an entry with its name, what it says of the
 * fields it has, how a field or path is checked when a scenario is loaded,
 * and how its value is read from what was measured over the tool's window.
 * The scenario parser (tc_oracle_parse) and the judge (tc_oracle_value) go
 * through it; a new source is one entry.
 */
#ifndef TC_ORACLE_H
#define TC_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>
#include "diskstats.h"
#include "iostat.h"
#include "procstat.h"

enum tc_oracle_kind {
	TC_ORACLE_LITERAL,
	TC_ORACLE_DISKSTATS, /* diskstats.FIELD: the fixture device, over the tool's window */
	TC_ORACLE_MANIFEST,  /* manifest.PATH: the workload's manifest */
	TC_ORACLE_PIDIO,     /* pidio.FIELD: the workload's /proc/PID/io, summed over its processes */
	TC_ORACLE_PROCSTAT,  /* procstat.FIELD: a /proc/stat delta over the tool's window */
	TC_ORACLE_IOSTAT,    /* iostat.FIELD: iostat run over the tool's window, its JSON */
	TC_ORACLE_FIO,	     /* fio.PATH: the JSON fio wrote (WORKLOAD fio) */
	TC_ORACLE_NR,
};

/* An oracle as an expectation names it, compiled: "diskstats.read_bytes / 512". */
struct tc_oracle_ref {
	enum tc_oracle_kind kind;
	char path[160]; /* field or JSON path */
	double literal;
	double factor; /* ORACLE * N, ORACLE / N */
	char src[160];
};

/* What the oracles read over the tool's window measured (harness/window.c reads them). */
struct tc_oracle_window {
	struct tc_diskstats_dev disk; /* the fixture device's delta */
	bool have_procstat;
	struct tc_procstat procstat; /* /proc/stat after - before */
	bool have_iostat;
	struct tc_iostat_dev iostat[2]; /* the device in iostat -d -k's and -d -x -k's report */
	double iostat_secs;		/* the window iostat's rates are over, as we timed it */
	char notes[300];		/* a disagreement between oracles over the window, or "" */
};

/* Where the window's oracles read. */
struct tc_oracle_at {
	const char *dev;      /* the fixture device */
	const char *path;     /* NULL: the kernel's file (/proc/diskstats, /proc/stat); tests */
	const char *files[2]; /* iostat: what iostat -d -k and iostat -d -x -k wrote */
};

/* One window oracle's reading at the window's opening. */
union tc_oracle_snap {
	struct tc_diskstats disk;
	struct tc_procstat stat;
};

/* What was measured, for the oracles' values. */
struct tc_oracle_truth {
	json_object *manifest;		    /* the workload's, or NULL */
	const struct tc_oracle_window *win; /* over the tool's window */
	const char *why;		    /* why an oracle wanted could not be read, or "" */
};

struct tc_oracle {
	const char *name;   /* before the dot */
	const char *fields; /* for messages: "rchar, wchar, ..." */
	/* Is this field (or JSON path) one it has? 0, or -EINVAL with why. */
	int (*check)(const char *path, char *why, size_t size);
	/* Its value over the window: 0, or -errno with why. */
	int (*value)(const struct tc_oracle_truth *t, const char *path, double *v, char *why,
		     size_t size);
	/*
	 * The oracles read over the tool's window have these (the others are
	 * read after the workload, from its manifest): its counters read at the
	 * window's opening into s; at its close, read again and what changed
	 * into w; s freed. 0, or -errno with why. iostat reads nothing at the
	 * opening: it is a process the window runs, and takes its own reading.
	 */
	int (*snapshot)(const struct tc_oracle_at *at, union tc_oracle_snap *s, char *why,
			size_t size);
	int (*delta)(const struct tc_oracle_at *at, const union tc_oracle_snap *before,
		     struct tc_oracle_window *w, char *why, size_t size);
	void (*release)(union tc_oracle_snap *s);
};

extern const struct tc_oracle tc_oracles[TC_ORACLE_NR];

const char *tc_oracle_name(enum tc_oracle_kind kind);
/*
 * "SOURCE.FIELD", "SOURCE.PATH" or a number (4096, 64K), with "* N" or
 * "/ N" after it: 0, or -EINVAL with why.
 */
int tc_oracle_parse(const char *text, struct tc_oracle_ref *o, char *why, size_t size);
/* Whether a selector names an oracle rather than a metric: "fio.read.io_bytes". */
bool tc_oracle_named(const char *sel);
/* The value of o over the window, its factor applied. */
int tc_oracle_value(const struct tc_oracle_truth *t, const struct tc_oracle_ref *o, double *v,
		    char *why, size_t size);

#endif
