// SPDX-License-Identifier: GPL-2.0
/*
 * bench_floor: the cost floor for the per-event benchmark. An empty program
 * on the very hook `tracecal trace syscount` counts syscalls at, so what it
 * adds per syscall is what any tool on that hook pays before doing any work.
 * Deliberately no maps and no tc_core.bpf.h (which brings tc_stats).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("tp_btf/sys_exit")
int BPF_PROG(tc_floor, struct pt_regs *regs, long ret)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
