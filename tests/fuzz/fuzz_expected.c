// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the known-verdicts parser (EXPECTED, tc_campaign_known). */
#include "fuzz.h"
#include "../../harness/campaign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tc_campaign c = {};
	char path[64], err[1024];
	int fd = fuzz_file(data, size, path, sizeof(path));

	if (fd < 0)
		return 0;
	tc_campaign_known(&c, path, err, sizeof(err));
	tc_campaign_free(&c);
	close(fd);
	return 0;
}
