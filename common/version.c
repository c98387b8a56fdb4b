// SPDX-License-Identifier: GPL-2.0
/* The build's version; see version.h. */
#include "version.h"

#ifndef TC_VERSION
#define TC_VERSION "unknown"
#endif

const char *tc_version(void)
{
	return TC_VERSION;
}
