/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One run of one tool: its options, its BPF object, the hooks chosen for
 * its probes, its links, and the loop that ends in a report. Tools see the
 * session through the helpers below; tc_session_run() drives the rest.
 */
#ifndef TC_SESSION_H
#define TC_SESSION_H

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>
#include <bpf/libbpf.h>
#include "bpf/tc_shared.h"
#include "../common/feature.h"
#include "guard.h"
#include "result.h"
#include "tool.h"
#include "ufuncs.h"

enum tc_format {
	TC_FMT_TABLE,
	TC_FMT_JSON,
	TC_FMT_PROM,
};

/* The options every tool shares. */
struct tc_env {
	__u32 pid;
	char comm[TC_COMM_LEN];
	bool comm_set;
	__u32 dev; /* kernel dev_t, 0 = any */
	char dev_name[32];
	__u64 duration_ns;
	__u64 interval_ns;
	enum tc_format format;
	__u64 max_entries;
	__u64 buffer_size;
	__u64 rows;
	int verbose;
	const char *output;
	char unit[4];
	struct tc_hist_cfg hist;
	bool linear;
	unsigned int avoid; /* hook kinds not to use: bit (1 << enum tc_hook_kind) */
	struct tc_use_hook {
		char probe[32];
		int cand; /* index into the probe's candidates */
	} use[TC_MAX_PROBES]; /* --use-hook: these probes by this candidate only */
	int nuse;
	double max_overhead; /* percent of all CPUs' time the probes may take */
	bool max_overhead_set, no_overhead_limit;
	enum tc_on_overflow on_overflow;
	__u32 fault_drop_every; /* --fault-drop-done, for tests; 0: off */
	__u32 fault_drop_max;	/* how many it drops; 0: all (--fault-drop-done=all) */
	__u64 max_probes;	/* attachments allowed, checked before the first */
	__u64 fault_attach_fail; /* --fault-attach-fail, for tests: that attachment fails */
	enum tc_fault_pin {
		TC_FAULT_PIN_NONE,
		TC_FAULT_PIN_SHARE, /* planted: every copy of the tool shares its maps */
		TC_FAULT_PIN_LEAK,  /* planted: a second copy's pins stay after it exits */
	} fault_pin;		    /* --fault-pin, for tests of many instances */
};

/* The hook chosen for one probe, or why none could be. */
struct tc_choice {
	const struct tc_probe *probe;
	int cand;		   /* index into probe->cand, -1 if none */
	char why[3 * TC_WHY_LEN];  /* why better candidates were passed over */
	int nlinks;
	__u64 misses;		   /* runs the kernel skipped (recursion), all programs */
};

struct tc_var {
	const char *name;
	char value[256];
};

struct tc_session {
	const struct tc_tool *tool;
	struct tc_env env;
	const char *argv0; /* "tracecal trace TOOL", for messages */
	struct bpf_object *obj;
	struct tc_choice choice[TC_MAX_PROBES];
	int nprobes;
	struct bpf_link **links;
	int nlinks;
	struct ring_buffer *rb;
	FILE *out;
	int ncpus;
	struct tc_result cur, prev;
	__u64 start_ns;
	__u64 events; /* ring-buffer events handled */
	__u64 lost_reported; /* by the live reporter thread */
	pthread_t reporter;
	int reporter_stop[2];
	bool reporter_on;
	struct tc_var vars[4];
	struct tc_ufuncs ufuncs; /* what a "$ufuncs" uprobe target stands for */
	struct tc_guard guard;
	char stopped[700]; /* why the guard ended the run early, or "" */
	bool fault_pins_own; /* --fault-pin: it made the pins, and unpins them at its end */
};

/* The whole run of `tracecal trace TOOL ARGS...`; returns the exit status. */
int tc_session_run(const struct tc_tool *tool, int argc, char **argv);

/* Helpers for tools. */
struct bpf_map *tc_session__map(struct tc_session *s, const char *name);
/* Set a `const volatile` global of the BPF object before load. */
int tc_session__set_rodata(struct tc_session *s, const char *name, const void *val, size_t size);
/* A "$NAME" attach target, set by a tool's options. */
int tc_session__set_var(struct tc_session *s, const char *name, const char *value);
const char *tc_session__var(struct tc_session *s, const char *name);

/*
 * Call fn for every entry of map. For a per-CPU map, vals holds ncpus
 * values, each value_size rounded up to 8 bytes (the kernel's layout).
 */
typedef int (*tc_map_fn)(struct tc_session *s, const void *key, const void *vals, void *ctx);
int tc_session__map_foreach(struct tc_session *s, struct bpf_map *map, tc_map_fn fn, void *ctx);
/* Per-CPU value i of a per-CPU map entry. */
static inline const void *tc_percpu(const struct bpf_map *map, const void *vals, int cpu)
{
	return (const char *)vals + (size_t)cpu * ((bpf_map__value_size(map) + 7) & ~7u);
}

/* CLOCK_MONOTONIC in ns. */
__u64 tc_now_ns(void);

/* Sum of a tc_stats slot over the CPUs, and per CPU when percpu is given. */
__u64 tc_session__stat(struct tc_session *s, __u32 slot, __u64 *percpu);
/* Read faults of the tool's probe of that index: how many, and the address of one. */
__u64 tc_session__faults(struct tc_session *s, __u32 probe, __u64 *addr);
/* Entries a map holds now (an array's, all of them). */
__u64 tc_session__map_entries(struct tc_session *s, struct bpf_map *map);
/* Add n to a tc_stats slot (on CPU 0's counter), after the probes are detached. */
int tc_session__stat_add(struct tc_session *s, __u32 slot, __u64 n);

/*
 * Shapes several tools share (see maps.c). tc_row_set_rw: a per-CPU
 * struct tc_rw_counts, summed, into val[first..first+3] as read bytes,
 * write bytes, reads, writes. tc_hist_sum: a per-CPU struct tc_hist,
 * merged into h. tc_session__collect_hists: set up r's histograms from the
 * options and call fn (with the map as ctx) for every entry of map_name.
 */
void tc_row_set_rw(struct tc_session *s, struct tc_row *row, int first, const struct bpf_map *map,
		   const void *vals);
void tc_hist_sum(struct tc_session *s, struct tc_hist *h, const struct bpf_map *map,
		 const void *vals);
int tc_session__collect_hists(struct tc_session *s, struct tc_result *r,
			      const struct tc_hist_def *def, const char *map_name, tc_map_fn fn);

#endif
