// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF object's data as tools see it: load-time constants written by
 * name, maps read entry by entry with their per-CPU values, the shared
 * statistics array, and the shapes several tools share (read/write
 * counters, histograms) folded over the CPUs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include "session.h"

struct bpf_map *tc_session__map(struct tc_session *s, const char *name)
{
	return bpf_object__find_map_by_name(s->obj, name);
}

int tc_session__set_rodata(struct tc_session *s, const char *name, const void *val, size_t size)
{
	struct btf *btf = bpf_object__btf(s->obj);
	const struct btf_var_secinfo *vs;
	const struct btf_type *sec;
	struct bpf_map *map, *rodata = NULL;
	size_t data_size;
	char *data;
	int id;

	bpf_object__for_each_map(map, s->obj) {
		const char *mn = bpf_map__name(map);
		size_t len = strlen(mn);

		if (len >= 7 && !strcmp(mn + len - 7, ".rodata"))
			rodata = map;
	}
	if (!btf || !rodata)
		return -ENOENT;
	id = btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC);
	if (id < 0)
		return -ENOENT;
	sec = btf__type_by_id(btf, id);
	vs = btf_var_secinfos(sec);
	data = (char *)bpf_map__initial_value(rodata, &data_size);
	if (!data)
		return -ENOENT;
	for (int i = 0; i < btf_vlen(sec); i++, vs++) {
		const struct btf_type *var = btf__type_by_id(btf, vs->type);

		if (strcmp(btf__name_by_offset(btf, var->name_off), name))
			continue;
		if (vs->size != size || vs->offset + size > data_size)
			return -EINVAL;
		memcpy(data + vs->offset, val, size);
		return 0;
	}
	return -ENOENT;
}

static bool is_percpu(const struct bpf_map *map)
{
	switch (bpf_map__type(map)) {
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
		return true;
	default:
		return false;
	}
}

int tc_session__map_foreach(struct tc_session *s, struct bpf_map *map, tc_map_fn fn, void *ctx)
{
	size_t ksz = bpf_map__key_size(map), vsz = bpf_map__value_size(map);
	int fd = bpf_map__fd(map), err = 0;
	void *key, *next, *vals;
	bool first = true;

	if (is_percpu(map))
		vsz = ((vsz + 7) & ~7u) * s->ncpus;
	key = calloc(1, ksz);
	next = calloc(1, ksz);
	vals = calloc(1, vsz);
	if (!key || !next || !vals) {
		err = -ENOMEM;
		goto out;
	}
	while (!bpf_map_get_next_key(fd, first ? NULL : key, next)) {
		first = false;
		memcpy(key, next, ksz);
		if (bpf_map_lookup_elem(fd, key, vals)) {
			if (errno == ENOENT) /* deleted under us */
				continue;
			err = -errno;
			break;
		}
		err = fn(s, key, vals, ctx);
		if (err)
			break;
	}
out:
	free(key);
	free(next);
	free(vals);
	return err;
}

__u64 tc_session__stat(struct tc_session *s, __u32 slot, __u64 *percpu)
{
	struct bpf_map *map = tc_session__map(s, "tc_stats");
	__u64 *vals, sum = 0;

	if (!map)
		return 0;
	vals = calloc(s->ncpus, sizeof(*vals));
	if (!vals)
		return 0;
	if (!bpf_map_lookup_elem(bpf_map__fd(map), &slot, vals)) {
		for (int c = 0; c < s->ncpus; c++) {
			sum += vals[c];
			if (percpu)
				percpu[c] = vals[c];
		}
	}
	free(vals);
	return sum;
}

__u64 tc_session__faults(struct tc_session *s, __u32 probe, __u64 *addr)
{
	struct bpf_map *map = tc_session__map(s, "tc_faults");
	struct tc_fault *vals;
	__u64 n = 0;

	*addr = 0;
	if (!map || probe >= TC_FAULT_PROBES)
		return 0;
	vals = calloc(s->ncpus, sizeof(*vals));
	if (!vals)
		return 0;
	if (!bpf_map_lookup_elem(bpf_map__fd(map), &probe, vals)) {
		for (int c = 0; c < s->ncpus; c++) {
			n += vals[c].count;
			if (vals[c].count)
				*addr = vals[c].addr;
		}
	}
	free(vals);
	return n;
}

__u64 tc_session__map_entries(struct tc_session *s, struct bpf_map *map)
{
	size_t ksz;
	char *key;
	int fd;
	bool first = true;
	__u64 n = 0;

	(void)s;
	if (!map)
		return 0;
	ksz = bpf_map__key_size(map);
	key = calloc(2, ksz);
	fd = bpf_map__fd(map);
	switch (bpf_map__type(map)) {
	case BPF_MAP_TYPE_ARRAY:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
		free(key);
		return bpf_map__max_entries(map);
	default:
		break;
	}
	while (key && !bpf_map_get_next_key(fd, first ? NULL : key, key + ksz)) {
		first = false;
		memcpy(key, key + ksz, ksz);
		n++;
	}
	free(key);
	return n;
}

int tc_session__stat_add(struct tc_session *s, __u32 slot, __u64 n)
{
	struct bpf_map *map = tc_session__map(s, "tc_stats");
	__u64 *vals;
	int err = 0;

	if (!map)
		return -ENOENT;
	vals = calloc(s->ncpus, sizeof(*vals));
	if (!vals)
		return -ENOMEM;
	if (bpf_map_lookup_elem(bpf_map__fd(map), &slot, vals) ||
	    (vals[0] += n, bpf_map_update_elem(bpf_map__fd(map), &slot, vals, BPF_ANY)))
		err = -errno;
	free(vals);
	return err;
}

void tc_row_set_rw(struct tc_session *s, struct tc_row *row, int first, const struct bpf_map *map,
		   const void *vals)
{
	struct tc_rw_counts sum = {};

	for (int c = 0; c < s->ncpus; c++) {
		const struct tc_rw_counts *v = tc_percpu(map, vals, c);

		for (int rw = 0; rw < 2; rw++) {
			sum.bytes[rw] += v->bytes[rw];
			sum.ops[rw] += v->ops[rw];
		}
	}
	row->val[first] = sum.bytes[0];
	row->val[first + 1] = sum.bytes[1];
	row->val[first + 2] = sum.ops[0];
	row->val[first + 3] = sum.ops[1];
}

void tc_hist_sum(struct tc_session *s, struct tc_hist *h, const struct bpf_map *map,
		 const void *vals)
{
	for (int c = 0; c < s->ncpus; c++)
		tc_hist__merge(h, tc_percpu(map, vals, c));
}

int tc_session__collect_hists(struct tc_session *s, struct tc_result *r,
			      const struct tc_hist_def *def, const char *map_name, tc_map_fn fn)
{
	struct bpf_map *map = tc_session__map(s, map_name);

	r->hists.def = def;
	r->hists.cfg = s->env.hist;
	r->hists.unit = s->env.unit;
	return map ? tc_session__map_foreach(s, map, fn, map) : -ENOENT;
}
