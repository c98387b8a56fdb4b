/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpftrace's maps as it prints them (at exit, or with print()), read into
 * samples; written against bpftrace 0.17's text output. docs/parsers.md
 * has the examples. In short:
 *
 *   @x: 5                       @x 5
 *   @x[a, 7]: 5                 @x{k0="a",k1="7"} 5
 *   @x[a]: count 3, average 2, total 7
 *                               @x_count{k0="a"} 3, @x_avg{...} 2, @x_total{...} 7
 *   @x[a]:                      (a hist or lhist: one sample per row)
 *   [2K, 4K)     3 |@@  |       @x_bucket{k0="a",lo="2048",hi="4096"} 3
 *
 * Bucket bounds are exact integers (K, M, G, T, P, E are powers of 1024);
 * "[N]" is lo=N hi=N+1; "(..., X)" has lo="-Inf"; "[X, ...)" hi="+Inf".
 * A stack key (kstack, ustack), printed on lines of its own, is one key:
 * its frames, trimmed, joined by ';' innermost first. A key longer than a
 * label holds keeps its first 142 characters, '~' and 16 hex digits of a
 * hash of the whole, so that distinct keys stay distinct.
 *
 * Every other line (Attaching N probes..., the script's printf lines,
 * WARNING and ERROR lines, maps whose values are strings or tuples) is
 * no sample; the non-blank ones are handed back so that the harness can
 * look for warnings. A printf line that reads exactly like map output is
 * taken for it: a script should not print lines that start with '@'.
 */
#ifndef TC_PARSE_BPFTRACE_H
#define TC_PARSE_BPFTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include "samples.h"

/* A line of a tool's output that was not read as a sample. */
struct tc_line {
	int lineno; /* from 1 */
	char *text;
};

struct tc_lines {
	struct tc_line *v;
	size_t n, cap;
};

void tc_lines__free(struct tc_lines *l);

/*
 * The keys of a map, one letter each: 'i' an integer, 's' text, 'k' a
 * stack. bpftrace joins keys with ", " and does not quote text, so
 * "@x[a, b, 7]" is ambiguous; with keys "si" it reads k0="a, b" k1="7":
 * integers are taken from the left and right, the one text key gets the
 * rest. Two text keys between stacks with a ", " too many is an error.
 * Without a layout, keys are split at every ", ".
 */
struct tc_bpftrace_map {
	const char *name; /* "@bytes"; "@" is the map with no name */
	const char *keys; /* "" for a map without keys */
};

struct tc_bpftrace_opts {
	/*
	 * A map printed more than once (print() every interval, then again at
	 * exit): false keeps its last printing, true adds every printing up
	 * (a script that clear()s its maps after each print). In a sum, a
	 * stats() average is the summed total over the summed count.
	 */
	bool sum;
	const struct tc_bpftrace_map *maps; /* key layouts, may be NULL */
	size_t nmaps;
	bool listed_only; /* maps not in maps[] are other lines */
};

/*
 * Parse len bytes of bpftrace's output and append its samples to out, and
 * its other non-blank lines to other (if not NULL). opts may be NULL.
 * 0, or -EINVAL (-E2BIG: more keys than a sample's labels hold) with
 * "line N: why: 'text'" in err; out and other are then as they were.
 *
 * A printing of a map is a run of its lines, with blank lines allowed
 * between them; it ends at another map's line or any other non-blank
 * line, or when one of its keys comes round again.
 */
int tc_bpftrace_parse(const char *text, size_t len, const struct tc_bpftrace_opts *opts,
		      struct tc_samples *out, struct tc_lines *other, char *err, size_t errlen);

#endif
