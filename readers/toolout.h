/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a tool under test said, read the way its descriptor says: the
 * report's text (stdout, stderr, both, or a file), parsed by its PARSER,
 * then its MAP rules applied, giving canonical samples. Histograms come
 * out as NAME_bucket samples with labels lo and hi (inclusive, in ns;
 * hi="+Inf" for an open top bucket), whatever the tool printed.
 */
#ifndef TC_TOOLOUT_H
#define TC_TOOLOUT_H

#include "../harness/descriptor.h"
#include "samples.h"

/* The report's text per OUTPUT, malloc'd; NULL if unreadable. */
char *tc_toolout_text(const struct tc_tooldesc *d, const char *out_path, const char *err_path,
		      const char *report_path);
/*
 * Parse text into canonical samples; vars fill placeholders in MAP label
 * values. -errno with the reason (naming the line) in err.
 */
int tc_toolout_parse(const struct tc_tooldesc *d, const char *text, const char *const *vars,
		     int nvars, struct tc_samples *out, char *err, size_t errlen);

#endif
