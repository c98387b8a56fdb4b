// SPDX-License-Identifier: GPL-2.0
/*
 * procs: a storm of short-lived processes, all forked before any is
 * waited for, each doing a known piece of work, so that per-process
 * attribution can be checked: children=N processes, each getppid K times.
 *
 * exec=yes: each child execs instead a program that makes exactly K
 * getppid and exit_group(0): 32 bytes of x86-64 machine code in a static
 * ELF file that the parent writes before the run, named after comm, so
 * that the exec (which renames the process after its file) keeps the
 * comm. A dynamically linked program such as /bin/true would make dozens
 * of syscalls of its loader's choosing. The child's syscalls: prctl,
 * execve (returning under the same comm), K getppid, exit_group.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <json-c/json.h>
#include "workload.h"

static const struct tc_wl_param params[] = {
	{ .name = "children", .type = TC_WL_U64, .def = "8", .min = 1, .max = 4096,
	  .help = "processes forked, all before any is waited for" },
	{ .name = "getppid", .type = TC_WL_U64, .def = "11", .max = 1000000000,
	  .help = "getppid calls in each child" },
	{ .name = "exec", .type = TC_WL_BOOL, .def = "no",
	  .help = "each child execs a tiny static program that makes the getppid calls "
		  "(x86-64 only)" },
	TC_WL_PARAM_COMM("tc_procs"),
	{ .name = NULL },
};

struct procs {
	__u64 getppid;
	char dir[64], path[96];
	char *argv[2], *envp[1];
};

#if defined(__x86_64__)
/* A static x86-64 ELF: getppid K times, then exit_group(0). */
static size_t make_program(unsigned char *buf, size_t size, __u32 k)
{
	unsigned char code[] = {
		0x41, 0xbc, 0, 0, 0, 0,	/*       mov r12d, K */
		0x4d, 0x85, 0xe4,	/* loop: test r12, r12 */
		0x74, 0x0c,		/*       jz done */
		0xb8, 0, 0, 0, 0,	/*       mov eax, SYS_getppid */
		0x0f, 0x05,		/*       syscall (keeps r12) */
		0x49, 0xff, 0xcc,	/*       dec r12 */
		0xeb, 0xef,		/*       jmp loop */
		0x31, 0xff,		/* done: xor edi, edi */
		0xb8, 0, 0, 0, 0,	/*       mov eax, SYS_exit_group */
		0x0f, 0x05,		/*       syscall */
	};
	const __u32 nr_getppid = SYS_getppid, nr_exit_group = SYS_exit_group;
	const Elf64_Addr base = 0x400000;
	Elf64_Ehdr eh = {
		.e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64, ELFDATA2LSB,
			     EV_CURRENT, ELFOSABI_SYSV },
		.e_type = ET_EXEC, .e_machine = EM_X86_64, .e_version = EV_CURRENT,
		.e_entry = base + sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr),
		.e_phoff = sizeof(Elf64_Ehdr), .e_ehsize = sizeof(Elf64_Ehdr),
		.e_phentsize = sizeof(Elf64_Phdr), .e_phnum = 1,
	};
	size_t total = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr) + sizeof(code);
	Elf64_Phdr ph = {
		.p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_vaddr = base, .p_paddr = base,
		.p_filesz = total, .p_memsz = total, .p_align = 0x1000,
	};

	if (size < total)
		return 0;
	memcpy(code + 2, &k, 4);
	memcpy(code + 12, &nr_getppid, 4);
	memcpy(code + 26, &nr_exit_group, 4);
	memcpy(buf, &eh, sizeof(eh));
	memcpy(buf + sizeof(eh), &ph, sizeof(ph));
	memcpy(buf + sizeof(eh) + sizeof(ph), code, sizeof(code));
	return total;
}
#else
static size_t make_program(unsigned char *buf, size_t size, __u32 k)
{
	(void)buf, (void)size, (void)k;
	return 0;
}
#endif

/* The program, in a new directory under $TMPDIR (or /tmp), named comm. */
static int write_program(struct tc_wl_ctx *ctx, struct procs *s)
{
	const char *tmp = getenv("TMPDIR");
	unsigned char prog[512];
	size_t len = make_program(prog, sizeof(prog), s->getppid);
	int fd;

	snprintf(s->dir, sizeof(s->dir), "%.40s/tracecal-procs.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(s->dir)) {
		s->dir[0] = '\0';
		return tc_wl_fail(ctx, -errno, "make a directory for the exec'd program");
	}
	snprintf(s->path, sizeof(s->path), "%s/%s", s->dir, ctx->comm);
	fd = open(s->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
	if (fd < 0)
		return tc_wl_fail(ctx, -errno, "create %s", s->path);
	if (write(fd, prog, len) != (ssize_t)len) {
		close(fd);
		return tc_wl_fail(ctx, -errno, "write %s", s->path);
	}
	close(fd);
	s->argv[0] = (char *)ctx->comm;
	return 0;
}

static int child_body(struct tc_wl_proc *p, void *arg)
{
	const struct procs *s = arg;

	for (__u64 i = 0; i < s->getppid; i++)
		tc_wl_sc0(p, SYS_getppid);
	return 0;
}

static int exec_body(struct tc_wl_proc *p, void *arg)
{
	const struct procs *s = arg;

	tc_wl_sc3(p, SYS_execve, (long)s->path, (long)s->argv, (long)s->envp);
	return tc_wl_child_fail(p, errno, "execve %s", s->path);
}

static int procs_check(struct tc_wl_ctx *ctx)
{
	unsigned char buf[512];

	if (tc_wl_num(ctx, "exec") && !make_program(buf, sizeof(buf), 0))
		return tc_wl_usage(ctx, "exec=yes needs x86-64: the exec'd program is x86-64 "
				   "machine code");
	return 0;
}

static int procs_run(struct tc_wl_ctx *ctx)
{
	struct procs s = { .getppid = tc_wl_num(ctx, "getppid") };
	bool exec = tc_wl_num(ctx, "exec");
	struct tc_wl_task task = { .role = "child", .body = exec ? exec_body : child_body,
				   .arg = &s };
	int n = tc_wl_num(ctx, "children"), err;

	err = exec ? write_program(ctx, &s) : 0;
	err = err ?: tc_wl_reserve(ctx, n);
	for (int i = 0; i < n && !err; i++)
		err = tc_wl_spawn(ctx, &task);
	err = tc_wl_wait(ctx) ?: err;
	if (!err && exec) {
		struct json_object *o = json_object_new_object();

		/* What the exec'd program did, known by construction. */
		for (int i = 0; i < ctx->nprocs; i++) {
			tc_wl_count(&ctx->procs[i], SYS_getppid, s.getppid);
			tc_wl_count(&ctx->procs[i], SYS_exit_group, 1);
		}
		json_object_object_add(o, "program", json_object_new_string(s.path));
		json_object_object_add(o, "does",
				       json_object_new_string("getppid K times, exit_group(0): a static "
							      "x86-64 ELF, deleted after the run"));
		tc_wl_section(ctx, "exec", o);
	}
	if (s.path[0])
		unlink(s.path);
	if (s.dir[0])
		rmdir(s.dir);
	return err;
}

const struct tc_workload tc_wl_procs = {
	.name = "procs",
	.summary = "A storm of short-lived processes, each doing known work (getppid K times, "
		   "or an exec of a program that does), for per-process attribution",
	.example = "children=20 getppid=11 exec=yes",
	.params = params,
	.check = procs_check,
	.run = procs_run,
};
