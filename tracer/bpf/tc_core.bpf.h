/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The BPF half of the tracer core, included once by every tool's .bpf.c:
 * the filters set at load time (-p, -c, -d), the statistics array that
 * counts every dropped map insert and ring-buffer reserve, and the helpers
 * that make those drops impossible to miss.
 */
#ifndef TC_CORE_BPF_H
#define TC_CORE_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "tc_shared.h"

#ifndef E2BIG
#define E2BIG 7
#endif
#ifndef EEXIST
#define EEXIST 17
#endif

/* Filters, written by the core before load (see tracer/rodata.c). 0 = off. */
const volatile __u32 tc_filter_tgid = 0;
const volatile __u32 tc_filter_dev = 0; /* kernel dev_t: major << 20 | minor */
const volatile bool tc_filter_comm_on = false;
const volatile char tc_filter_comm[TC_COMM_LEN] = {};

/* Histogram bucketing, for tools that keep histograms. */
const volatile struct tc_hist_cfg tc_hist_cfg = { .unit_ns = 1 };

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, TC_STAT_NR);
	__type(key, __u32);
	__type(value, __u64);
} tc_stats SEC(".maps");

static __always_inline void tc_stat_add(__u32 slot, __u64 n)
{
	__u64 *v = bpf_map_lookup_elem(&tc_stats, &slot);

	if (v)
		*v += n;
}

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, TC_FAULT_PROBES);
	__type(key, __u32);
	__type(value, struct tc_fault);
} tc_faults SEC(".maps");

/* A read that faulted, in the probe of index probe: counted, with its address. */
static __always_inline void tc_fault(__u32 probe, const void *addr)
{
	struct tc_fault *f = bpf_map_lookup_elem(&tc_faults, &probe);

	if (!f)
		return;
	f->count++;
	f->addr = (__u64)addr;
}

/* bpf_probe_read_user_str, a fault counted against probe (dst is "" then). */
static __always_inline long tc_read_user_str(void *dst, __u32 size, const void *src,
					     __u32 probe)
{
	long n = bpf_probe_read_user_str(dst, size, src);

	if (n < 0) {
		tc_fault(probe, src);
		*(char *)dst = '\0';
	}
	return n;
}

static __always_inline long tc_read_user(void *dst, __u32 size, const void *src, __u32 probe)
{
	long n = bpf_probe_read_user(dst, size, src);

	if (n < 0)
		tc_fault(probe, src);
	return n;
}

static __always_inline bool tc_comm_match(const char *comm)
{
	if (!tc_filter_comm_on)
		return true;
#pragma unroll
	for (int i = 0; i < TC_COMM_LEN; i++) {
		if (comm[i] != tc_filter_comm[i])
			return false;
		if (!comm[i])
			break;
	}
	return true;
}

/* Does the current task pass -p and -c? Fills comm when given one. */
static __always_inline bool tc_task_match(__u32 tgid, char *comm)
{
	if (tc_filter_tgid && tgid != tc_filter_tgid)
		return false;
	if (tc_filter_comm_on) {
		char buf[TC_COMM_LEN];

		if (!comm) {
			bpf_get_current_comm(buf, sizeof(buf));
			comm = buf;
		}
		return tc_comm_match(comm);
	}
	return true;
}

static __always_inline bool tc_dev_match(__u32 dev)
{
	return !tc_filter_dev || dev == tc_filter_dev;
}

/*
 * Find key in map, inserting *init if it is absent. An insert that fails
 * (the map is full: -E2BIG) is counted against map_idx and NULL returned;
 * losing the race to another CPU's insert (-EEXIST) is not a failure.
 */
static __always_inline void *tc_lookup_or_init(void *map, const void *key, const void *init,
					       __u32 map_idx)
{
	void *v = bpf_map_lookup_elem(map, key);
	long err;

	if (v)
		return v;
	err = bpf_map_update_elem(map, key, init, BPF_NOEXIST);
	if (err && err != -EEXIST) {
		tc_stat_add(TC_STAT_MAP_DROP + map_idx, 1);
		return NULL;
	}
	return bpf_map_lookup_elem(map, key);
}

/* Insert or overwrite; a failure is counted against map_idx. */
static __always_inline int tc_map_put(void *map, const void *key, const void *val, __u32 map_idx)
{
	long err = bpf_map_update_elem(map, key, val, BPF_ANY);

	if (err)
		tc_stat_add(TC_STAT_MAP_DROP + map_idx, 1);
	return err;
}

/*
 * Insert, in one hash operation when the key is new (0). A key already there
 * is overwritten and 1 returned; a failure is counted against map_idx (-1).
 */
static __always_inline int tc_map_put_fresh(void *map, const void *key, const void *val,
					    __u32 map_idx)
{
	long err = bpf_map_update_elem(map, key, val, BPF_NOEXIST);

	if (err == -EEXIST)
		return tc_map_put(map, key, val, map_idx) ? -1 : 1;
	if (err) {
		tc_stat_add(TC_STAT_MAP_DROP + map_idx, 1);
		return -1;
	}
	return 0;
}

/* Reserve an event; a full buffer is counted per CPU, never silent. */
static __always_inline void *tc_rb_reserve(void *rb, __u64 size)
{
	void *e = bpf_ringbuf_reserve(rb, size, 0);

	if (!e)
		tc_stat_add(TC_STAT_RB_LOST, 1);
	return e;
}

/* Add one value in ns to a histogram, bucketed as the core configured. */
static __always_inline void tc_hist_record(struct tc_hist *h, __u64 v_ns)
{
	struct tc_hist_cfg cfg = tc_hist_cfg; /* volatile reads: set at load time */

	tc_hist_add(h, &cfg, v_ns);
}

/* The kernel's dev_t of a gendisk, as the block tracepoints report it. */
static __always_inline __u32 tc_disk_dev(struct gendisk *disk)
{
	if (!disk)
		return 0;
	return ((__u32)BPF_CORE_READ(disk, major) << 20) | (__u32)BPF_CORE_READ(disk, first_minor);
}

#endif /* TC_CORE_BPF_H */
