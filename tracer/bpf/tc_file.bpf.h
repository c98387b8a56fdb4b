/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VFS-side helpers shared by vfstop and vfslatency: from a file to its
 * device and file-system type, and, at a syscall's exit, from the task's
 * saved registers to the file its fd argument named.
 */
#ifndef TC_FILE_BPF_H
#define TC_FILE_BPF_H

/* The kernel's dev_t of the file system a file lives on. */
static __always_inline __u32 tc_file_dev(struct file *file)
{
	return BPF_CORE_READ(file, f_inode, i_sb, s_dev);
}

static __always_inline void tc_file_fstype(struct file *file, char *buf, int size)
{
	const char *name = BPF_CORE_READ(file, f_inode, i_sb, s_type, name);

	if (bpf_probe_read_kernel_str(buf, size, name) < 0)
		buf[0] = '\0';
}

/* The current task's open file fd, or NULL. */
static __always_inline struct file *tc_fd_file(long fd)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	struct file **fds, *file = NULL;

	if (fd < 0 || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	bpf_probe_read_kernel(&file, sizeof(file), &fds[fd]);
	return file;
}

/*
 * Argument n (1-based) of the syscall being exited. The user registers
 * saved at entry are intact at exit but for the return value, so the
 * arguments can be read there (as ptrace does at syscall-exit-stop).
 */
static __always_inline long tc_syscall_arg(int n)
{
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());

	switch (n) {
	case 1:
		return PT_REGS_PARM1_CORE_SYSCALL(regs);
	case 2:
		return PT_REGS_PARM2_CORE_SYSCALL(regs);
	case 3:
		return PT_REGS_PARM3_CORE_SYSCALL(regs);
	default:
		return 0;
	}
}

#endif
