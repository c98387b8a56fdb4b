/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Directive files, the format of scenarios and tool descriptors (in the
 * spirit of bpftrace's runtime tests): one `DIRECTIVE value` per line,
 * `#` comments, a blank line between records. This reads a file into
 * records of lines, each keeping its file:line for messages; what the
 * directives mean is the business of a table per format (see
 * tc_directive and scenario.c, descriptor.c), which is also what the
 * documentation of each format is generated from.
 */
#ifndef TC_DIRECTIVES_H
#define TC_DIRECTIVES_H

#include <stdbool.h>
#include <stdio.h>

struct tc_dline {
	const char *file;
	int line;
	char *key;   /* the directive word, as written */
	char *value; /* the rest of the line, trimmed; "" if none */
};

struct tc_record {
	struct tc_dline *lines;
	int n, cap;
};

struct tc_dfile {
	char *path;
	struct tc_record *records;
	int n, cap;
};

/* What a format accepts: the source of its parser and of its docs. */
struct tc_directive {
	const char *name;
	const char *args; /* for the docs: "NAME", "SELECTOR OP ORACLE [TOLERANCE]" */
	bool required;
	bool repeatable;
	const char *help;
	/*
	 * What the line means: fills it into the object a record becomes (a
	 * scenario, a descriptor). 0, or -EINVAL with "FILE:LINE: KEY why".
	 */
	int (*parse)(void *obj, const struct tc_dline *l, char *err, size_t errlen);
};

/* Read path; -errno with the reason in err (naming the file and line). */
int tc_dfile_read(const char *path, struct tc_dfile *f, char *err, size_t errlen);
/* The same from text, with name used in messages. */
int tc_dfile_parse(const char *name, const char *text, struct tc_dfile *f, char *err,
		   size_t errlen);
void tc_dfile_free(struct tc_dfile *f);

/*
 * Check a record against a table: every directive known, the required
 * ones present, the others at most once unless repeatable, none empty
 * unless its args say it takes none. -EINVAL with "FILE:LINE: why".
 */
int tc_record_check(const struct tc_record *r, const struct tc_directive *table, char *err,
		    size_t errlen);
/* The first line of directive name in r, or NULL. */
const struct tc_dline *tc_record_get(const struct tc_record *r, const char *name);
/* Parse line l into obj with its row of table (checked by tc_record_check first). */
int tc_dline_parse(const struct tc_directive *table, void *obj, const struct tc_dline *l,
		   char *err, size_t errlen);
/* A row's parser for lines that mean nothing to the program (NOTE). */
int tc_directive_ignore(void *obj, const struct tc_dline *l, char *err, size_t errlen);
/* "FILE:LINE: KEY " then fmt with its one string argument, into err; returns -EINVAL. */
int tc_dline_fail(char *err, size_t errlen, const struct tc_dline *l, const char *fmt,
		  const char *arg);
/* The table as Markdown, for docs/. */
void tc_directives_markdown(FILE *f, const struct tc_directive *table);

/* Split value into words on blanks; double quotes group. Returns the count, -1 if malformed. */
int tc_split_words(char *value, char **words, int max);
/* s without its leading and trailing white space (cut in place). */
char *tc_trim(char *s);

#endif
