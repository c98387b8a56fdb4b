// SPDX-License-Identifier: GPL-2.0
/* The table of report files a run writes; see writers.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "writers.h"

static int write_matrix(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m)
{
	(void)m;
	tc_write_matrix(f, r, n);
	return ferror(f) ? -1 : 0;
}

const struct tc_writer tc_writers[] = {
	{ "matrix", "matrix.txt", write_matrix },
	{ "json", "results.json", tc_write_json },
	{ "tap", "results.tap", tc_write_tap },
	{ "junit", "junit.xml", tc_write_junit },
	{ "ktap", "results.ktap", tc_write_ktap },
	{ "html", "index.html", tc_write_html },
};
const size_t tc_nwriters = sizeof(tc_writers) / sizeof(tc_writers[0]);

const struct tc_writer *tc_writer_find(const char *name)
{
	for (size_t i = 0; i < tc_nwriters; i++)
		if (!strcmp(tc_writers[i].name, name))
			return &tc_writers[i];
	return NULL;
}

int tc_writers_write_all(const char *dir, const struct tc_outcome *r, int n,
			 const struct tc_run_meta *m, char *err, size_t errlen)
{
	if (mkdir(dir, 0755) && errno != EEXIST) {
		snprintf(err, errlen, "cannot make %s: %s", dir, strerror(errno));
		return -errno;
	}
	for (size_t i = 0; i < tc_nwriters; i++) {
		char path[4096];
		FILE *f;
		int bad;

		snprintf(path, sizeof(path), "%s/%s", dir, tc_writers[i].file);
		f = fopen(path, "w");
		if (!f) {
			snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
			return -errno;
		}
		bad = tc_writers[i].write(f, r, n, m);
		if (fclose(f) || bad) {
			snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno ?: EIO));
			return -EIO;
		}
	}
	return 0;
}
