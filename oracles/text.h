/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every oracle parser shares: a whole file read into memory (the
 * files under /proc say their size is 0), text walked line by line with
 * the line number kept for error messages, and a line split into fields.
 */
#ifndef TC_TEXT_H
#define TC_TEXT_H

#include <stddef.h>
#include <linux/types.h>

/* Files larger than this are refused (-EFBIG): no oracle is that big. */
#define TC_TEXT_MAX (64u << 20)

/*
 * Read all of path into a NUL-terminated buffer the caller frees. Returns
 * 0, or -errno with "PATH: reason" in err.
 */
int tc_text_slurp(const char *path, char **buf, size_t *len, char *err, size_t errlen);
/*
 * Read all of path and parse it with parse(obj, text, why, size): the one
 * way every reader of a file (/proc/diskstats, /proc/stat, /proc/PID/io,
 * iostat's and fio's JSON) reads it. 0, or -errno with "PATH: why" in err.
 */
int tc_text_read_parse(const char *path,
		       int (*parse)(void *obj, const char *text, char *why, size_t size), void *obj,
		       char *err, size_t errlen);

/* A cursor over lines of a writable copy of some text. */
struct tc_lines {
	char *copy; /* the copy, split in place */
	char *next; /* start of the next line, NULL at the end */
	int no;	    /* number of the line last returned, from 1 */
};

/*
 * Copy text for reading line by line. Text that does not end in a newline
 * is refused (-EINVAL, naming its last line): a file cut short is the
 * usual cause, and a cut number would otherwise parse as a smaller one.
 * Empty text is valid. -ENOMEM. The caller calls tc_lines_free().
 */
int tc_lines_init(struct tc_lines *l, const char *text, char *err, size_t errlen);
/* The next line without its newline, or NULL at the end. */
char *tc_lines_next(struct tc_lines *l);
void tc_lines_free(struct tc_lines *l);

/*
 * Split line in place at runs of spaces and tabs. Up to max field
 * pointers go to f; the return value is the number of fields, which may
 * be larger than max (the rest are counted, not stored).
 */
int tc_text_split(char *line, char **f, int max);

/* A whole unsigned decimal number, as tc_parse_u64(): 0, -EINVAL or -ERANGE. */
int tc_text_u64(const char *s, __u64 *v);
/* A whole decimal number with an optional fraction ("12", "0.50"); C locale. */
int tc_text_double(const char *s, double *v);

#endif
