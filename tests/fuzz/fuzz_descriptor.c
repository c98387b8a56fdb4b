// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the tool descriptor parser (tc_tooldesc_load), on any file. */
#include <string.h>
#include "fuzz.h"
#include "../../harness/descriptor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tc_tooldesc d;
	char path[64], err[1024];
	int fd = fuzz_file(data, size, path, sizeof(path));

	if (fd < 0)
		return 0;
	memset(&d, 0, sizeof(d));
	if (!tc_tooldesc_load(path, &d, err, sizeof(err)))
		tc_tooldesc_free(&d);
	close(fd);
	return 0;
}
