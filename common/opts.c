// SPDX-License-Identifier: GPL-2.0
/* Option value parsers; see opts.h. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "opts.h"

int tc_parse_u64(const char *s, __u64 min, __u64 max, __u64 *out)
{
	unsigned long long v;
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno == ERANGE)
		return -ERANGE;
	if (*end)
		return -EINVAL;
	if (v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int tc_parse_duration(const char *s, __u64 *ns)
{
	static const struct {
		const char *suffix;
		__u64 ns;
	} units[] = {
		{ "", 1000000000ULL }, { "s", 1000000000ULL }, { "ms", 1000000ULL },
		{ "us", 1000ULL },     { "ns", 1ULL },	       { "m", 60000000000ULL },
		{ "h", 3600000000000ULL },
	};
	unsigned long long whole = 0, frac = 0, scale = 1;
	const char *p = s;

	/* Decimal digits, exactly: 4.1s is 4,100,000,000 ns, not a double's guess. */
	if (!s || !(isdigit((unsigned char)*p) || *p == '.'))
		return -EINVAL;
	for (; isdigit((unsigned char)*p); p++) {
		if (whole > (ULLONG_MAX - 9) / 10)
			return -ERANGE;
		whole = whole * 10 + (*p - '0');
	}
	if (*p == '.') {
		if (!isdigit((unsigned char)p[1]))
			return -EINVAL;
		for (p++; isdigit((unsigned char)*p); p++) {
			if (scale >= 1000000000000000000ULL)
				continue; /* beyond 18 digits: below a ns anyway */
			frac = frac * 10 + (*p - '0');
			scale *= 10;
		}
	}
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		unsigned __int128 v;

		if (strcmp(p, units[i].suffix))
			continue;
		v = (unsigned __int128)whole * units[i].ns +
		    (unsigned __int128)frac * units[i].ns / scale; /* below a ns: dropped */
		if (v < 1 || v > 1000000000000000000ULL)
			return -ERANGE;
		*ns = (__u64)v;
		return 0;
	}
	return -EINVAL;
}

int tc_parse_size(const char *s, __u64 *bytes)
{
	unsigned long long v;
	char *end;
	int shift = 0;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -ERANGE;
	if (*end) {
		switch (toupper((unsigned char)*end)) {
		case 'K':
			shift = 10;
			break;
		case 'M':
			shift = 20;
			break;
		case 'G':
			shift = 30;
			break;
		default:
			return -EINVAL;
		}
		end++;
		if (*end == 'i' || *end == 'I')
			end++;
		if (*end == 'b' || *end == 'B')
			end++;
		if (*end)
			return -EINVAL;
	}
	if (v > (ULLONG_MAX >> shift))
		return -ERANGE;
	*bytes = v << shift;
	return 0;
}

int tc_parse_linear(const char *s, __u64 *min, __u64 *max, __u64 *step)
{
	char buf[96], *a, *b, *c;

	if (!s || strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	a = buf;
	b = strchr(a, ',');
	if (!b)
		return -EINVAL;
	*b++ = '\0';
	c = strchr(b, ',');
	if (!c)
		return -EINVAL;
	*c++ = '\0';
	if (tc_parse_u64(a, 0, UINT64_MAX, min) || tc_parse_u64(b, 0, UINT64_MAX, max) ||
	    tc_parse_u64(c, 1, UINT64_MAX, step))
		return -EINVAL;
	if (*max <= *min)
		return -ERANGE;
	return 0;
}

static int read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	int ok;

	if (!f)
		return -errno;
	ok = fgets(buf, size, f) != NULL;
	fclose(f);
	if (!ok)
		return -EIO;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* major:minor in user space's terms -> kernel's dev_t and the sysfs name. */
static int dev_from_numbers(unsigned int maj, unsigned int min, __u32 *kdev, char *name,
			    size_t size)
{
	char path[64], link[256], *base;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u", maj, min);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return -ENOENT;
	link[n] = '\0';
	base = strrchr(link, '/');
	base = base ? base + 1 : link;
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/partition", maj, min);
	if (access(path, F_OK) == 0)
		return -EISDIR;
	if (name)
		snprintf(name, size, "%s", base);
	*kdev = (maj << 20) | min;
	return 0;
}

int tc_dev_parse(const char *s, __u32 *kdev, char *name, size_t size)
{
	unsigned int maj, min;
	char path[300], line[64], tail;
	struct stat st;

	if (!s || !*s)
		return -EINVAL;
	if (sscanf(s, "%u:%u%c", &maj, &min, &tail) == 2)
		return dev_from_numbers(maj, min, kdev, name, size);
	if (strchr(s, '/')) {
		if (stat(s, &st))
			return -errno;
		if (!S_ISBLK(st.st_mode))
			return -ENOTBLK;
		return dev_from_numbers(major(st.st_rdev), minor(st.st_rdev), kdev, name, size);
	}
	if (strlen(s) > 200)
		return -ENAMETOOLONG;
	snprintf(path, sizeof(path), "/sys/class/block/%s/dev", s);
	if (read_line(path, line, sizeof(line)))
		return -ENOENT;
	if (sscanf(line, "%u:%u", &maj, &min) != 2)
		return -EIO;
	return dev_from_numbers(maj, min, kdev, name, size);
}

const char *tc_dev_name(__u32 kdev, char *buf, size_t size)
{
	unsigned int maj = kdev >> 20, min = kdev & ((1u << 20) - 1);
	char path[64], link[256], *base;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u", maj, min);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0) {
		snprintf(buf, size, "%u:%u", maj, min);
		return buf;
	}
	link[n] = '\0';
	base = strrchr(link, '/');
	snprintf(buf, size, "%s", base ? base + 1 : link);
	return buf;
}

__u64 tc_unit_ns(const char *unit)
{
	if (!strcmp(unit, "ns"))
		return 1;
	if (!strcmp(unit, "us"))
		return 1000;
	if (!strcmp(unit, "ms"))
		return 1000000;
	if (!strcmp(unit, "s"))
		return 1000000000;
	return 0;
}
