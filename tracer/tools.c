// SPDX-License-Identifier: GPL-2.0
/* The built-in tools: an explicit table, in the order `tracecal list` shows. */
#include <string.h>
#include "tool.h"

extern const struct tc_tool tc_tool_disktop;
extern const struct tc_tool tc_tool_iolatency;
extern const struct tc_tool tc_tool_opensnoop;
extern const struct tc_tool tc_tool_profile;
extern const struct tc_tool tc_tool_syscount;
extern const struct tc_tool tc_tool_ucalls;
extern const struct tc_tool tc_tool_vfslatency;
extern const struct tc_tool tc_tool_vfstop;

const struct tc_tool *const tc_tools[] = {
	&tc_tool_disktop,
	&tc_tool_iolatency,
	&tc_tool_opensnoop,
	&tc_tool_profile,
	&tc_tool_syscount,
	&tc_tool_ucalls,
	&tc_tool_vfslatency,
	&tc_tool_vfstop,
	NULL,
};

const struct tc_tool *tc_tool_find(const char *name)
{
	for (int i = 0; tc_tools[i]; i++)
		if (!strcmp(tc_tools[i]->name, name))
			return tc_tools[i];
	return NULL;
}
