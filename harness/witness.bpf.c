// SPDX-License-Identifier: GPL-2.0
/*
 * The harness's witness of a traced window (harness/witness.h): how many of
 * one device's block_rq_issue and block_rq_complete events the kernel ran a
 * BPF program for. Read beside a tracefs instance counting the same events,
 * it shows events no BPF program saw, whatever tool is under test. It has
 * its own way to a request's device, apart from the tracer's.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

const volatile __u32 witness_dev;  /* the kernel's dev_t: major << 20 | minor */
const volatile __u64 fault_blind;  /* a test's planted blindness: the first N runs uncounted */

__u64 runs;   /* runs for the device's events, counted or not */
__u64 counted;

static __always_inline int saw(struct request *rq)
{
	struct gendisk *disk = BPF_CORE_READ(rq, q, disk);
	__u32 dev;

	if (!disk)
		return 0;
	dev = ((__u32)BPF_CORE_READ(disk, major) << 20) | BPF_CORE_READ(disk, first_minor);
	if (dev != witness_dev)
		return 0;
	if (__sync_fetch_and_add(&runs, 1) >= fault_blind)
		__sync_fetch_and_add(&counted, 1);
	return 0;
}

SEC("tp_btf/block_rq_issue")
int BPF_PROG(wit_issue, struct request *rq)
{
	return saw(rq);
}

SEC("tp_btf/block_rq_complete")
int BPF_PROG(wit_done, struct request *rq, int error, unsigned int nr_bytes)
{
	return saw(rq);
}

char LICENSE[] SEC("license") = "GPL";
