/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One number out of a JSON document by a dotted path, as scenarios name
 * values in workload manifests and fio output:
 *   ops.read.bytes_returned   per_pid."1234".proc_io.rchar   passes[0].read_bytes
 * A key is written bare (any characters but . [ ] ") or in double quotes
 * (with \" and \\), needed for keys such as "1234" or "99.50". [N] indexes
 * an array, also at the start ("[0].name").
 */
#ifndef TC_JSONPATH_H
#define TC_JSONPATH_H

#include <stddef.h>
#include <json-c/json.h>
#include <linux/types.h>

/*
 * Parse a whole JSON document; *root is the caller's (json_object_put).
 * -EINVAL with "line L, column C: reason" for bad JSON or text after it.
 */
int tc_json_parse(const char *text, json_object **root, char *err, size_t errlen);
/* Read and parse a file; a reason names the path. */
int tc_json_read(const char *path, json_object **root, char *err, size_t errlen);

/* Is path well-formed? 0, or -EINVAL naming the offset, as tc_jsonpath_get() does. */
int tc_jsonpath_check(const char *path, char *err, size_t errlen);
/*
 * The value at path, borrowed from root. Errors, each naming the part of
 * the path that was reached:
 *   -EINVAL  the path is malformed (the offset in it is given)
 *   -ENOENT  no such key, or an index past the end
 *   -EDOM    a key into a non-object, an index into a non-array
 */
int tc_jsonpath_get(json_object *root, const char *path, json_object **out, char *err,
		    size_t errlen);
/* A number (integer or not); -EDOM if the value is anything else, strings too. */
int tc_jsonpath_double(json_object *root, const char *path, double *v, char *err, size_t errlen);
/*
 * A whole number >= 0 (42, or 42.0); -EDOM for a fraction or a non-number,
 * -ERANGE below 0 or at 2^64 - 1 and above (json-c silently saturates
 * larger integers to 2^64 - 1, so that value cannot be trusted).
 */
int tc_jsonpath_u64(json_object *root, const char *path, __u64 *v, char *err, size_t errlen);

#endif
