// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the Prometheus text reader (tc_prom_parse), keeping the last or all. */
#include "fuzz.h"
#include "../../readers/parse_prom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tc_samples s = {};
	char err[512];

	tc_prom_parse((const char *)data, size, TC_PROM_LAST, &s, err, sizeof(err));
	tc_samples__free(&s);
	tc_prom_parse((const char *)data, size, TC_PROM_ALL, &s, err, sizeof(err));
	tc_samples__free(&s);
	return 0;
}
