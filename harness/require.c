// SPDX-License-Identifier: GPL-2.0
/* Requirement checks for scenarios and tool descriptors; see require.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../common/feature.h"
#include "require.h"

static const char *const kinds[] = {
	"program", "file", "btf", "tracepoint", "kprobe", "fentry", "uprobe", "perf_event", "root",
	NULL,
};

int tc_require_parse(const char *value, const char *file, int line, struct tc_require *r,
		     char *err, size_t errlen)
{
	const char *sp = strchr(value, ' ');
	size_t klen = sp ? (size_t)(sp - value) : strlen(value);
	bool needs_arg;
	int k;

	memset(r, 0, sizeof(*r));
	r->file = file;
	r->line = line;
	for (k = 0; kinds[k]; k++)
		if (strlen(kinds[k]) == klen && !strncmp(kinds[k], value, klen))
			break;
	if (!kinds[k]) {
		snprintf(err, errlen, "%s:%d: REQUIRES '%.*s': unknown kind (program, file, btf, "
			 "tracepoint, kprobe, fentry, uprobe, perf_event, root)", file, line,
			 (int)klen, value);
		return -EINVAL;
	}
	snprintf(r->kind, sizeof(r->kind), "%s", kinds[k]);
	while (sp && *sp == ' ')
		sp++;
	if (sp && *sp)
		snprintf(r->arg, sizeof(r->arg), "%s", sp);
	needs_arg = !strcmp(r->kind, "program") || !strcmp(r->kind, "file") ||
		    !strcmp(r->kind, "tracepoint") || !strcmp(r->kind, "fentry");
	if (needs_arg && !r->arg[0]) {
		snprintf(err, errlen, "%s:%d: REQUIRES %s needs an argument", file, line, r->kind);
		return -EINVAL;
	}
	if (!strcmp(r->kind, "tracepoint") && !strchr(r->arg, ':')) {
		snprintf(err, errlen, "%s:%d: REQUIRES tracepoint %s: expected CATEGORY:EVENT",
			 file, line, r->arg);
		return -EINVAL;
	}
	return 0;
}

bool tc_find_program(const char *name, char *path, size_t size)
{
	const char *env = getenv("PATH");
	char *dirs, *save = NULL;
	bool found = false;

	if (strchr(name, '/')) {
		snprintf(path, size, "%s", name);
		return access(name, X_OK) == 0;
	}
	dirs = strdup(env ? env : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
	if (!dirs)
		return false;
	for (char *d = strtok_r(dirs, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
		snprintf(path, size, "%s/%s", d, name);
		found = access(path, X_OK) == 0;
	}
	free(dirs);
	return found;
}

bool tc_require_met(const struct tc_require *r, char *why, size_t size)
{
	char buf[512];


	if (!strcmp(r->kind, "program")) {
		if (tc_find_program(r->arg, buf, sizeof(buf)))
			return true;
		snprintf(why, size, "program %s is not installed (not in PATH)", r->arg);
		return false;
	}
	if (!strcmp(r->kind, "file")) {
		if (access(r->arg, R_OK) == 0)
			return true;
		snprintf(why, size, "file %s: %s", r->arg, strerror(errno));
		return false;
	}
	if (!strcmp(r->kind, "root")) {
		if (geteuid() == 0)
			return true;
		snprintf(why, size, "needs root");
		return false;
	}
	if (!strcmp(r->kind, "btf"))
		return r->arg[0] ? tc_feat_btf_func(r->arg, why, size) : tc_feat_btf(why, size);
	if (!strcmp(r->kind, "tracepoint")) {
		char *colon;

		snprintf(buf, sizeof(buf), "%s", r->arg);
		colon = strchr(buf, ':');
		*colon = '\0';
		return tc_feat_tracepoint(buf, colon + 1, why, size);
	}
	if (!strcmp(r->kind, "kprobe"))
		return tc_feat_kprobe(r->arg[0] ? r->arg : NULL, why, size);
	if (!strcmp(r->kind, "fentry"))
		return tc_feat_fentry(r->arg, false, why, size);
	if (!strcmp(r->kind, "uprobe"))
		return tc_feat_uprobe(r->arg[0] ? r->arg : NULL, why, size);
	if (!strcmp(r->kind, "perf_event"))
		return tc_feat_perf_cpu_clock(why, size);
	snprintf(why, size, "unknown requirement %s", r->kind);
	return false;
}
