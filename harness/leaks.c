// SPDX-License-Identifier: GPL-2.0
/* What a tool leaves behind; see leaks.h. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include "fixture.h"
#include "leaks.h"

static const char *const kind_name[TC_LEAK_NR][2] = {
	[TC_LEAK_PROG] = { "BPF program", "BPF programs" },
	[TC_LEAK_MAP] = { "BPF map", "BPF maps" },
	[TC_LEAK_LINK] = { "BPF link", "BPF links" },
	[TC_LEAK_PROBE_EVENT] = { "tracefs probe event", "tracefs probe events" },
	[TC_LEAK_LOOP] = { "loop device", "loop devices" },
	[TC_LEAK_MOUNT] = { "mount", "mounts" },
};

static int add(struct tc_leak_set *set, const char *text)
{
	char **v = realloc(set->v, (set->n + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	set->v = v;
	v[set->n] = strdup(text);
	if (!v[set->n])
		return -ENOMEM;
	set->n++;
	return 0;
}

/* BPF objects by id, named where the kernel says a name. */
static int bpf_ids(struct tc_leak_set *set, enum tc_leak_kind kind)
{
	__u32 id = 0;
	char line[128];

	for (;;) {
		int err, fd = -1;

		if (kind == TC_LEAK_PROG)
			err = bpf_prog_get_next_id(id, &id);
		else if (kind == TC_LEAK_MAP)
			err = bpf_map_get_next_id(id, &id);
		else
			err = bpf_link_get_next_id(id, &id);
		if (err)
			return 0; /* ENOENT: the end; EPERM, EINVAL: not to be had here */
		snprintf(line, sizeof(line), "id %u", id);
		if (kind == TC_LEAK_PROG && (fd = bpf_prog_get_fd_by_id(id)) >= 0) {
			struct bpf_prog_info info = {};
			__u32 len = sizeof(info);

			if (!bpf_obj_get_info_by_fd(fd, &info, &len) && info.name[0])
				snprintf(line, sizeof(line), "id %u %s", id, info.name);
		} else if (kind == TC_LEAK_MAP && (fd = bpf_map_get_fd_by_id(id)) >= 0) {
			struct bpf_map_info info = {};
			__u32 len = sizeof(info);

			if (!bpf_obj_get_info_by_fd(fd, &info, &len) && info.name[0])
				snprintf(line, sizeof(line), "id %u %s", id, info.name);
		}
		if (fd >= 0)
			close(fd);
		if (add(set, line))
			return -ENOMEM;
	}
}

/* Every line of a file, as found; a missing file is an empty set. */
static int lines_of(struct tc_leak_set *set, const char *path)
{
	char line[512];
	FILE *f = fopen(path, "r");
	int err = 0;

	if (!f)
		return 0;
	while (!err && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!line[0])
			continue;
		err = add(set, line);
	}
	fclose(f);
	return err;
}

/* Loop devices with a backing file: "loop3 (/tmp/x/disk.img)". */
static int loops(struct tc_leak_set *set)
{
	DIR *d = opendir("/sys/block");
	struct dirent *e;
	int err = 0;

	if (!d)
		return 0;
	while (!err && (e = readdir(d))) {
		char file[400] = "", text[500];

		if (strncmp(e->d_name, "loop", 4) || tc_loop_backing(e->d_name, file, sizeof(file)))
			continue; /* not attached */
		snprintf(text, sizeof(text), "%s (%s)", e->d_name, file);
		err = add(set, text);
	}
	closedir(d);
	return err;
}

/* Mounts as "TYPE on PATH", from /proc/self/mounts. */
static int mounts(struct tc_leak_set *set)
{
	FILE *f = fopen("/proc/self/mounts", "r");
	char dev[256], dir[512], type[64], rest[512], text[900];
	int err = 0;

	if (!f)
		return 0;
	while (!err && fscanf(f, "%255s %511s %63s %511[^\n]\n", dev, dir, type, rest) == 4) {
		snprintf(text, sizeof(text), "%s on %s", type, dir);
		err = add(set, text);
	}
	fclose(f);
	return err;
}

int tc_leak_snap(struct tc_leak_snap *s)
{
	/* tracefs where it is mounted: its own mount point, or under debugfs */
	const char *tracing = access("/sys/kernel/tracing/uprobe_events", F_OK) &&
					      !access("/sys/kernel/debug/tracing/uprobe_events", F_OK) ?
				      "/sys/kernel/debug/tracing" :
				      "/sys/kernel/tracing";
	char path[2][64];
	int err;

	snprintf(path[0], sizeof(path[0]), "%s/kprobe_events", tracing);
	snprintf(path[1], sizeof(path[1]), "%s/uprobe_events", tracing);

	memset(s, 0, sizeof(*s));
	err = bpf_ids(&s->set[TC_LEAK_PROG], TC_LEAK_PROG) ?:
	      bpf_ids(&s->set[TC_LEAK_MAP], TC_LEAK_MAP) ?:
	      bpf_ids(&s->set[TC_LEAK_LINK], TC_LEAK_LINK) ?: loops(&s->set[TC_LEAK_LOOP]) ?:
	      mounts(&s->set[TC_LEAK_MOUNT]);
	for (int i = 0; !err && i < 2; i++)
		err = lines_of(&s->set[TC_LEAK_PROBE_EVENT], path[i]);
	if (err)
		tc_leak_free(s);
	return err;
}

void tc_leak_free(struct tc_leak_snap *s)
{
	for (int k = 0; k < TC_LEAK_NR; k++) {
		for (int i = 0; i < s->set[k].n; i++)
			free(s->set[k].v[i]);
		free(s->set[k].v);
	}
	memset(s, 0, sizeof(*s));
}

static bool has(const struct tc_leak_set *set, const char *text)
{
	for (int i = 0; i < set->n; i++)
		if (!strcmp(set->v[i], text))
			return true;
	return false;
}

static void append(char *out, size_t size, const char *fmt, const char *a, const char *b)
{
	size_t len = strlen(out);

	if (len < size)
		snprintf(out + len, size - len, fmt, a, b);
}

int tc_leak_diff(const struct tc_leak_snap *before, const struct tc_leak_snap *after, char *out,
		 size_t size)
{
	int total = 0;

	out[0] = '\0';
	for (int k = 0; k < TC_LEAK_NR; k++) {
		const struct tc_leak_set *b = &before->set[k], *a = &after->set[k];
		char head[64];
		int n = 0, shown = 0;

		for (int i = 0; i < a->n; i++)
			n += !has(b, a->v[i]);
		if (!n)
			continue;
		snprintf(head, sizeof(head), "%d %s", n, kind_name[k][n != 1]);
		append(out, size, "%s%s (", total ? "; " : "", head);
		for (int i = 0; i < a->n; i++) {
			if (has(b, a->v[i]))
				continue;
			if (shown++ == 3) {
				append(out, size, "%s%s", ", ...", "");
				break;
			}
			append(out, size, "%s%s", shown > 1 ? ", " : "", a->v[i]);
		}
		append(out, size, "%s%s", ")", "");
		total += n;
	}
	return total;
}

int tc_leak_check(const struct tc_leak_snap *before, __u64 wait_ns, char *out, size_t size)
{
	struct timespec tick = { 0, 100000000 };
	__u64 waited = 0;
	int n;

	for (;;) {
		struct tc_leak_snap after;

		if (tc_leak_snap(&after))
			return snprintf(out, size, "cannot look: out of memory"), 0;
		n = tc_leak_diff(before, &after, out, size);
		tc_leak_free(&after);
		if (!n || waited >= wait_ns)
			return n;
		nanosleep(&tick, NULL);
		waited += 100000000ULL;
	}
}
