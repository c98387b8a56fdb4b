// SPDX-License-Identifier: GPL-2.0
/* Number formatting; see fmt.h. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include "fmt.h"

char *tc_fmt_grouped(char *buf, size_t size, __u64 v)
{
	char tmp[32];
	int len = snprintf(tmp, sizeof(tmp), "%" PRIu64, (uint64_t)v), o = 0;

	for (int i = 0; i < len && o + 2 < (int)size; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}
