// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the tapset library parser (tc_tapset_load), on any file. */
#include "fuzz.h"
#include "../../harness/tapset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tc_tapset t;
	char path[64], err[1024];
	int fd = fuzz_file(data, size, path, sizeof(path));

	if (fd < 0)
		return 0;
	tc_tapset_load(&t, path, err, sizeof(err)); /* zeroes t first: freed on every path */
	tc_tapset_free(&t);
	close(fd);
	return 0;
}
