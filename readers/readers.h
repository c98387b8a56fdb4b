/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The readers of tools' reports, one entry each: the word of a descriptor's
 * PARSER line, what that line takes after it, what the rest of the
 * descriptor must hold for it, and the function that turns the report's
 * text into raw samples. A new engine's reader is one entry of
 * tc_readers[] (readers.c); the descriptor and toolout.c go through the
 * table and name no reader.
 */
#ifndef TC_READERS_H
#define TC_READERS_H

#include <stdbool.h>
#include <stddef.h>
#include "samples.h"

struct tc_tooldesc;

/* What a reader reads: the report, and the descriptor's placeholders filled from vars. */
struct tc_reader_in {
	const struct tc_tooldesc *d;
	const char *text;
	size_t len;
	const char *const *vars;
	int nvars;
};

struct tc_reader {
	const char *name;	/* PARSER NAME */
	const char *arg;	/* what follows NAME on the line ("COMMAND"), NULL: nothing */
	/* What the descriptor lacks for this reader, or NULL: it is complete. */
	const char *(*lacks)(const struct tc_tooldesc *d);
	/* The report's text into raw samples: 0, or -errno with the reason in err. */
	int (*read)(const struct tc_reader_in *in, struct tc_samples *raw, char *err, size_t errlen);
};

extern const struct tc_reader tc_readers[];
extern const size_t tc_nreaders;

/* The reader a PARSER value names ("filter jq ..."): *arg points past its name, or NULL. */
const struct tc_reader *tc_reader_find(const char *value, const char **arg);
/* The descriptor's reader; Prometheus text if it names none. */
const struct tc_reader *tc_reader_of(const struct tc_tooldesc *d);
/* "prom, bpftrace, table or filter COMMAND", for messages. Returns buf. */
char *tc_reader_choices(char *buf, size_t size);

#endif
