// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the scenario parser (tc_suite_load), on any file. */
#include "fuzz.h"
#include "../../harness/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tc_suite suite = {};
	char path[64], err[1024];
	int fd = fuzz_file(data, size, path, sizeof(path));

	if (fd < 0)
		return 0;
	tc_suite_load(&suite, path, err, sizeof(err));
	tc_suite_free(&suite);
	close(fd);
	return 0;
}
