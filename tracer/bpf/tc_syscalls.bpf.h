/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The records of the per-syscall tracepoints (syscalls:sys_enter_NAME and
 * sys_exit_NAME). Their layout is fixed by the kernel's syscall tracing
 * (see events/syscalls/sys_exit_read/format): the common header, the syscall number,
 * then each argument, or the return value, as an 8-byte slot.
 */
#ifndef TC_SYSCALLS_BPF_H
#define TC_SYSCALLS_BPF_H

struct tc_sys_enter {
	__u64 common;
	int nr;
	__u64 args[6];
};

struct tc_sys_exit {
	__u64 common;
	int nr;
	long ret;
};

/* Syscall number of a pt_regs at sys_exit, where the architecture keeps it. */
#if defined(__TARGET_ARCH_x86)
#define TC_REGS_SYSCALL_NR_FIELD orig_ax
#elif defined(__TARGET_ARCH_arm64)
#define TC_REGS_SYSCALL_NR_FIELD syscallno
#endif
#ifdef TC_REGS_SYSCALL_NR_FIELD
#define TC_REGS_SYSCALL_NR(regs) ((regs)->TC_REGS_SYSCALL_NR_FIELD)
#endif

#endif
