// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the bpftrace map reader (tc_bpftrace_parse). The first
 * byte chooses the options (sum or last, key layouts or none, listed maps
 * only), the rest is the output.
 */
#include "fuzz.h"
#include "../../readers/parse_bpftrace.h"

static const struct tc_bpftrace_map layouts[] = {
	{ "@two", "ii" }, { "@amb", "ss" }, { "@one", "s" }, { "@num", "si" }, { "@", "" },
	{ "@bytes", "is" },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tc_bpftrace_opts o = {};
	struct tc_samples s = {};
	struct tc_lines other = {};
	char err[512];

	if (!size)
		return 0;
	o.sum = data[0] & 1;
	if (data[0] & 2) {
		o.maps = layouts;
		o.nmaps = sizeof(layouts) / sizeof(layouts[0]);
		o.listed_only = data[0] & 4;
	}
	tc_bpftrace_parse((const char *)data + 1, size - 1, &o, &s, &other, err, sizeof(err));
	tc_samples__free(&s);
	tc_lines__free(&other);
	return 0;
}
