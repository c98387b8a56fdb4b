// SPDX-License-Identifier: GPL-2.0
/* /proc/stat snapshots and their deltas; see procstat.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "procstat.h"

const char *const tc_cpu_col_names[TC_CPU_NR] = {
	"user", "nice",	   "system", "idle",  "iowait",
	"irq",	"softirq", "steal",  "guest", "guest_nice",
};

/* The one-number and first-number lines, by key; bit i of a mask is keyed[i]. */
/* clang-format off */
static const struct {
	const char *key;
	size_t off;
	bool required, total_of_many, gauge;
} keyed[] = {
#define K(x, req, many, gauge) { #x, offsetof(struct tc_procstat, x), req, many, gauge }
	K(intr, 1, 1, 0),	   K(ctxt, 1, 0, 0),	      K(btime, 1, 0, 0),
	K(processes, 1, 0, 0),	   K(procs_running, 1, 0, 1), K(procs_blocked, 1, 0, 1),
	K(softirq, 0, 1, 0),
#undef K
};
/* clang-format on */

#define NKEYED	 (sizeof(keyed) / sizeof(keyed[0]))
#define ALL_SEEN (1u << NKEYED) /* the bit for the "cpu" line */

static __u64 *keyed_val(struct tc_procstat *st, size_t k)
{
	return (__u64 *)((char *)st + keyed[k].off);
}

static __u64 keyed_cval(const struct tc_procstat *st, size_t k)
{
	return *(const __u64 *)((const char *)st + keyed[k].off);
}

static int parse_numbers(char **f, int n, __u64 *v, const char *key, int no, char *err,
			 size_t errlen)
{
	for (int i = 0; i < n; i++) {
		if (tc_text_u64(f[i], &v[i])) {
			snprintf(err, errlen, "line %d (%s): '%s' is not a number", no, key, f[i]);
			return -EINVAL;
		}
	}
	return 0;
}

static int parse_cpu_no(const char *key, int *cpu, int no, char *err, size_t errlen)
{
	__u64 n;

	if (!key[3]) {
		*cpu = -1;
		return 0;
	}
	if (tc_text_u64(key + 3, &n) || n > 65535) {
		snprintf(err, errlen, "line %d: '%s' is not cpu or cpuN", no, key);
		return -EINVAL;
	}
	*cpu = n;
	return 0;
}

static int add_cpu(struct tc_procstat *st, const struct tc_procstat_cpu *c, size_t *cap)
{
	if (st->ncpus == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct tc_procstat_cpu *v = realloc(st->cpus, ncap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		st->cpus = v;
		*cap = ncap;
	}
	st->cpus[st->ncpus++] = *c;
	return 0;
}

/* "cpu" first, then "cpuN" lines with as many columns. */
static int parse_cpu(struct tc_procstat *st, char **f, int n, unsigned int *seen, size_t *cap,
		     int no, char *err, size_t errlen)
{
	struct tc_procstat_cpu c = { .ncols = n - 1 };
	int ret = parse_cpu_no(f[0], &c.cpu, no, err, errlen);

	if (ret)
		return ret;
	if (c.ncols < 4 || c.ncols > TC_CPU_NR) {
		snprintf(err, errlen, "line %d (%s): %d columns; expected 4 to %d", no, f[0],
			 c.ncols, TC_CPU_NR);
		return -EINVAL;
	}
	if (c.cpu < 0 ? *seen & ALL_SEEN : tc_procstat__cpu(st, c.cpu) != NULL) {
		snprintf(err, errlen, "line %d (%s): given twice", no, f[0]);
		return -EINVAL;
	}
	if (c.cpu >= 0 && !(*seen & ALL_SEEN)) {
		snprintf(err, errlen, "line %d (%s): before the cpu line", no, f[0]);
		return -EINVAL;
	}
	if (c.cpu >= 0 && c.ncols != st->all.ncols) {
		snprintf(err, errlen, "line %d (%s): %d columns, but the cpu line has %d", no, f[0],
			 c.ncols, st->all.ncols);
		return -EINVAL;
	}
	ret = parse_numbers(f + 1, c.ncols, c.t, f[0], no, err, errlen);
	if (ret)
		return ret;
	if (c.cpu >= 0)
		return add_cpu(st, &c, cap);
	st->all = c;
	*seen |= ALL_SEEN;
	return 0;
}

static int parse_keyed(struct tc_procstat *st, size_t k, char **f, int n, unsigned int *seen,
		       int no, char *err, size_t errlen)
{
	if (*seen & (1u << k)) {
		snprintf(err, errlen, "line %d (%s): given twice", no, f[0]);
		return -EINVAL;
	}
	if (n < 2 || (!keyed[k].total_of_many && n != 2)) {
		snprintf(err, errlen, "line %d (%s): %d numbers; expected %s", no, f[0], n - 1,
			 keyed[k].total_of_many ? "a total and more" : "one");
		return -EINVAL;
	}
	*seen |= 1u << k;
	if (!strcmp(keyed[k].key, "softirq"))
		st->has_softirq = true;
	/* Every number is checked, only the first kept. */
	for (int i = 1; i < n; i++) {
		__u64 v;
		int ret = parse_numbers(f + i, 1, &v, f[0], no, err, errlen);

		if (ret)
			return ret;
		if (i == 1)
			*keyed_val(st, k) = v;
	}
	return 0;
}

static int parse_line(struct tc_procstat *st, char *line, unsigned int *seen, size_t *cap, int no,
		      char *err, size_t errlen)
{
	char **f = malloc((strlen(line) / 2 + 2) * sizeof(*f));
	int n, ret = 0;

	if (!f)
		return -ENOMEM;
	n = tc_text_split(line, f, strlen(line) / 2 + 2);
	if (!n) {
		snprintf(err, errlen, "line %d: empty", no);
		ret = -EINVAL;
	} else if (!strncmp(f[0], "cpu", 3)) {
		ret = parse_cpu(st, f, n, seen, cap, no, err, errlen);
	} else {
		for (size_t k = 0; k < NKEYED; k++)
			if (!strcmp(f[0], keyed[k].key))
				ret = parse_keyed(st, k, f, n, seen, no, err, errlen);
	}
	free(f);
	return ret;
}

static int check_required(unsigned int seen, char *err, size_t errlen)
{
	if (!(seen & ALL_SEEN)) {
		snprintf(err, errlen, "no cpu line");
		return -EINVAL;
	}
	for (size_t k = 0; k < NKEYED; k++) {
		if (keyed[k].required && !(seen & (1u << k))) {
			snprintf(err, errlen, "no %s line", keyed[k].key);
			return -EINVAL;
		}
	}
	return 0;
}

int tc_procstat__parse(struct tc_procstat *st, const char *text, char *err, size_t errlen)
{
	unsigned int seen = 0;
	struct tc_lines l;
	size_t cap = 0;
	char *line;
	int ret;

	memset(st, 0, sizeof(*st));
	ret = tc_lines_init(&l, text, err, errlen);
	while (!ret && (line = tc_lines_next(&l)))
		ret = parse_line(st, line, &seen, &cap, l.no, err, errlen);
	tc_lines_free(&l);
	if (!ret)
		ret = check_required(seen, err, errlen);
	if (ret == -ENOMEM)
		snprintf(err, errlen, "out of memory");
	if (ret)
		tc_procstat__free(st);
	return ret;
}

/* tc_procstat__parse for tc_text_read_parse. */
static int parse_any(void *st, const char *text, char *why, size_t size)
{
	return tc_procstat__parse(st, text, why, size);
}

int tc_procstat__read(struct tc_procstat *st, const char *path, char *err, size_t errlen)
{
	return tc_text_read_parse(path ? path : TC_PROCSTAT_PATH, parse_any, st, err, errlen);
}

void tc_procstat__free(struct tc_procstat *st)
{
	free(st->cpus);
	st->cpus = NULL;
	st->ncpus = 0;
}

const struct tc_procstat_cpu *tc_procstat__cpu(const struct tc_procstat *st, int cpu)
{
	for (size_t i = 0; i < st->ncpus; i++)
		if (st->cpus[i].cpu == cpu)
			return &st->cpus[i];
	return NULL;
}

static int cpu_delta(const struct tc_procstat_cpu *b, const struct tc_procstat_cpu *a,
		     struct tc_procstat_cpu *out, char *err, size_t errlen)
{
	*out = *a;
	out->went_down = 0;
	for (int i = 0; i < a->ncols; i++) {
		if (a->t[i] >= b->t[i]) {
			out->t[i] = a->t[i] - b->t[i];
		} else if (i == TC_CPU_IDLE || i == TC_CPU_IOWAIT) {
			out->t[i] = 0;
			out->went_down |= 1u << i;
		} else {
			char name[16] = "cpu";

			if (a->cpu >= 0)
				snprintf(name, sizeof(name), "cpu%d", a->cpu);
			snprintf(err, errlen, "%s %s went down from %llu to %llu", name,
				 tc_cpu_col_names[i], (unsigned long long)b->t[i],
				 (unsigned long long)a->t[i]);
			return -ERANGE;
		}
	}
	return 0;
}

static int keyed_delta(const struct tc_procstat *b, const struct tc_procstat *a,
		       struct tc_procstat *out, char *err, size_t errlen)
{
	if (a->btime != b->btime) {
		snprintf(err, errlen, "btime changed from %llu to %llu: a reboot",
			 (unsigned long long)b->btime, (unsigned long long)a->btime);
		return -ERANGE;
	}
	for (size_t k = 0; k < NKEYED; k++) {
		__u64 vb = keyed_cval(b, k), va = keyed_cval(a, k);

		if (keyed[k].gauge || !strcmp(keyed[k].key, "btime"))
			continue;
		if (va < vb) {
			snprintf(err, errlen, "%s went down from %llu to %llu", keyed[k].key,
				 (unsigned long long)vb, (unsigned long long)va);
			return -ERANGE;
		}
		*keyed_val(out, k) = va - vb;
	}
	return 0;
}

static int check_same_shape(const struct tc_procstat *b, const struct tc_procstat *a, char *err,
			    size_t errlen)
{
	if (a->all.ncols != b->all.ncols || a->has_softirq != b->has_softirq) {
		snprintf(err, errlen,
			 "the snapshots have different layouts (%d and %d cpu columns)",
			 b->all.ncols, a->all.ncols);
		return -EINVAL;
	}
	return 0;
}

int tc_procstat__delta(const struct tc_procstat *before, const struct tc_procstat *after,
		       struct tc_procstat *out, char *err, size_t errlen)
{
	size_t cap = 0;
	int ret;

	*out = *after;
	out->cpus = NULL;
	out->ncpus = 0;
	ret = check_same_shape(before, after, err, errlen);
	if (!ret)
		ret = keyed_delta(before, after, out, err, errlen);
	if (!ret)
		ret = cpu_delta(&before->all, &after->all, &out->all, err, errlen);
	for (size_t i = 0; !ret && i < after->ncpus; i++) {
		const struct tc_procstat_cpu *b = tc_procstat__cpu(before, after->cpus[i].cpu);
		struct tc_procstat_cpu c;

		if (!b)
			continue;
		ret = cpu_delta(b, &after->cpus[i], &c, err, errlen);
		if (!ret)
			ret = add_cpu(out, &c, &cap);
	}
	if (ret == -ENOMEM)
		snprintf(err, errlen, "out of memory");
	if (ret)
		tc_procstat__free(out);
	return ret;
}

int tc_procstat__field(const struct tc_procstat *st, const char *name, __u64 *v)
{
	for (size_t k = 0; k < NKEYED; k++)
		if (!strcmp(keyed[k].key, name)) {
			*v = keyed_cval(st, k);
			return 0;
		}
	if (!strncmp(name, "cpu.", 4))
		for (int i = 0; i < TC_CPU_NR; i++)
			if (!strcmp(tc_cpu_col_names[i], name + 4)) {
				*v = st->all.t[i];
				return 0;
			}
	return -ENOENT;
}
