/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contract between the tracer core and a tool built on it. A tool is
 * data plus three small functions: its BPF object, the probes it needs with
 * the hooks that can serve each (best first), the bounded maps to size and
 * account, its options, and how to turn its maps into a result. The core
 * does the rest: options, feature checks, fallbacks, load, attach, the
 * event loop, loss accounting, output and cleanup.
 */
#ifndef TC_TOOL_H
#define TC_TOOL_H

#include <argp.h>
#include <stdbool.h>
#include <stddef.h>
#include "result.h"

struct tc_session;

enum tc_hook_kind {
	TC_HOOK_TRACEPOINT, /* target "category:event" */
	TC_HOOK_RAW_TP,	    /* target "category:event" (category only for the check) */
	TC_HOOK_TP_BTF,	    /* target "category:event" */
	TC_HOOK_FENTRY,	    /* target "kernel_function"; fexit programs may join in */
	TC_HOOK_FEXIT,	    /* target "kernel_function" */
	TC_HOOK_KPROBE,	    /* target "kernel_function" */
	TC_HOOK_UPROBE,	    /* target "/path/to/binary:function"; uretprobes may join in */
	TC_HOOK_URETPROBE,  /* target "/path/to/binary:function" */
	TC_HOOK_PERF,	    /* target "cpu-clock:HZ": a sampling event on every CPU */
	TC_HOOK_NR,
};

#define TC_MAX_ATTACH 12
#define TC_MAX_CANDS 4
#define TC_MAX_PROBES 6

/* One program and where it goes. A target of "$NAME" is a session variable. */
struct tc_attach {
	const char *prog;
	const char *target;
};

/* One way to serve a probe: every program in it must be attachable. */
struct tc_candidate {
	enum tc_hook_kind kind;
	struct tc_attach at[TC_MAX_ATTACH]; /* ends at the first .prog == NULL */
};

struct tc_probe {
	const char *name; /* short, stable: "io-start" */
	const char *what; /* what it observes, for messages */
	bool optional;	  /* if no candidate works, warn and go on without it */
	struct tc_candidate cand[TC_MAX_CANDS]; /* best first; ends at .at[0].prog == NULL */
};

/* Filters a tool can apply in BPF (the options -p, -c, -d). */
#define TC_FILTER_PID (1u << 0)
#define TC_FILTER_COMM (1u << 1)
#define TC_FILTER_DEV (1u << 2)

/* Tool flags. */
#define TC_TOOL_HIST (1u << 0) /* keeps histograms: takes --unit and --linear */

struct tc_tool {
	const char *name;
	const char *summary; /* one line, for `tracecal list` */
	const char *doc;     /* argp doc: what it does, then "\v" and examples */
	const char *args_doc;
	const struct argp_option *options; /* tool options, or NULL */
	argp_parser_t parse_opt;	   /* for them; state->input is the session */
	unsigned int filters;
	unsigned int flags;
	const char *default_unit; /* TC_TOOL_HIST: "us", "ns" */

	const void *(*elf_bytes)(size_t *size); /* the skeleton's embedded object */
	const struct tc_probe *probes;		/* ends at .name == NULL */
	const char *maps[TC_MAX_MAPS];		/* bounded maps, by tc_stats drop slot */
	const char *ringbuf;			/* event ring buffer map, or NULL */

	/* Before load: set the tool's own load-time constants. May be NULL. */
	int (*configure)(struct tc_session *s);
	/* Read the maps into r (already reset). */
	int (*collect)(struct tc_session *s, struct tc_result *r);
	/* One ring-buffer event; return non-zero to stop. */
	int (*on_event)(struct tc_session *s, const void *data, size_t size);
	/*
	 * After the probes are detached, before the last collect: account for
	 * what is left in the maps (may be NULL).
	 */
	void (*settle)(struct tc_session *s);
	/* After the last collect: anything else to print (may be NULL). */
	void (*finish)(struct tc_session *s);
};

/* The tool table, and lookup by name. */
extern const struct tc_tool *const tc_tools[];
const struct tc_tool *tc_tool_find(const char *name);

const char *tc_hook_kind_name(enum tc_hook_kind kind);

#endif
