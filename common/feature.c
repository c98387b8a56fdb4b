// SPDX-License-Identifier: GPL-2.0
/* Kernel feature checks; see features.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "feature.h"

#define VMLINUX_BTF "/sys/kernel/btf/vmlinux"

static struct btf *vmlinux;
static int vmlinux_err;

/* Parsing the kernel's BTF costs tens of ms: only fentry checks need it. */
static struct btf *vmlinux_btf(void)
{
	if (!vmlinux && !vmlinux_err) {
		vmlinux = btf__load_vmlinux_btf();
		if (!vmlinux)
			vmlinux_err = errno ? -errno : -ENOENT;
	}
	return vmlinux;
}

void tc_features_free(void)
{
	btf__free(vmlinux);
	vmlinux = NULL;
	vmlinux_err = 0;
}

const char *tc_tracefs(void)
{
	static const char *path;
	static bool tried;

	if (path || tried)
		return path;
	tried = true;
	if (access("/sys/kernel/tracing/events", F_OK) == 0)
		return path = "/sys/kernel/tracing";
	if (access("/sys/kernel/debug/tracing/events", F_OK) == 0)
		return path = "/sys/kernel/debug/tracing";
	/* Not mounted: libbpf needs it to find tracepoint ids, so mount it. */
	if (mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL) == 0 &&
	    access("/sys/kernel/tracing/events", F_OK) == 0)
		return path = "/sys/kernel/tracing";
	return NULL;
}

bool tc_feat_btf(char *why, size_t size)
{
	if (access(VMLINUX_BTF, R_OK) == 0)
		return true;
	snprintf(why, size, "the kernel has no BTF (%s: %s); tracecal needs CONFIG_DEBUG_INFO_BTF",
		 VMLINUX_BTF, strerror(errno));
	return false;
}

bool tc_feat_btf_func(const char *func, char *why, size_t size)
{
	struct btf *btf;

	if (!tc_feat_btf(why, size))
		return false;
	btf = vmlinux_btf();
	if (!btf) {
		snprintf(why, size, "cannot read kernel BTF: %s", strerror(-vmlinux_err));
		return false;
	}
	if (btf__find_by_name_kind(btf, func, BTF_KIND_FUNC) >= 0)
		return true;
	snprintf(why, size, "%s: no such function in kernel BTF (absent or inlined)", func);
	return false;
}

bool tc_feat_tracepoint(const char *category, const char *event, char *why, size_t size)
{
	const char *tracefs = tc_tracefs();
	char path[512];

	if (!tracefs) {
		snprintf(why, size, "tracefs is not mounted and could not be mounted");
		return false;
	}
	snprintf(path, sizeof(path), "%s/events/%s/%s", tracefs, category, event);
	if (access(path, F_OK) == 0)
		return true;
	snprintf(why, size, "tracepoint %s:%s does not exist", category, event);
	return false;
}

/* "r0 = 0; exit": the smallest program the verifier accepts. */
static const struct bpf_insn ret0[] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
	{ .code = BPF_JMP | BPF_EXIT },
};

struct fentry_cache {
	char func[64];
	bool fexit;
	bool ok;
	char why[TC_WHY_LEN];
};

bool tc_feat_fentry(const char *func, bool fexit, char *why, size_t size)
{
	static struct fentry_cache cache[32];
	static int ncache;
	enum bpf_attach_type type = fexit ? BPF_TRACE_FEXIT : BPF_TRACE_FENTRY;
	const char *kind = fexit ? "fexit" : "fentry";
	struct fentry_cache *c = NULL;
	struct btf *btf;
	int id, prog, link;

	for (int i = 0; i < ncache; i++)
		if (cache[i].fexit == fexit && !strcmp(cache[i].func, func))
			c = &cache[i];
	if (c)
		goto out;
	c = ncache < 32 ? &cache[ncache++] : &cache[31];
	snprintf(c->func, sizeof(c->func), "%s", func);
	c->fexit = fexit;
	c->ok = false;

	if (!tc_feat_btf(c->why, sizeof(c->why)))
		goto out;
	btf = vmlinux_btf();
	if (!btf) {
		snprintf(c->why, sizeof(c->why), "cannot read kernel BTF: %s", strerror(-vmlinux_err));
		goto out;
	}
	id = btf__find_by_name_kind(btf, func, BTF_KIND_FUNC);
	if (id < 0) {
		snprintf(c->why, sizeof(c->why),
			 "%s on %s: no such function in kernel BTF (absent or inlined)", kind, func);
		goto out;
	}
	{
		LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = type,
			    .attach_btf_id = id);

		prog = bpf_prog_load(BPF_PROG_TYPE_TRACING, "tc_feat_probe", "GPL", ret0, 2, &opts);
	}
	if (prog < 0) {
		snprintf(c->why, sizeof(c->why), "%s on %s: the kernel refused the program: %s",
			 kind, func, strerror(errno));
		goto out;
	}
	link = bpf_raw_tracepoint_open(NULL, prog);
	if (link < 0) {
		snprintf(c->why, sizeof(c->why), "%s on %s: loaded but could not attach: %s", kind,
			 func, strerror(errno));
		close(prog);
		goto out;
	}
	close(link);
	close(prog);
	c->ok = true;
out:
	if (!c->ok)
		snprintf(why, size, "%s", c->why);
	return c->ok;
}

static bool kallsyms_has(const char *func)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[512], sym[256], type;
	unsigned long long addr;
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %c %255s", &addr, &type, sym) == 3 &&
		    (type == 't' || type == 'T') && !strcmp(sym, func))
			found = true;
	fclose(f);
	return found;
}

bool tc_feat_kprobe(const char *func, char *why, size_t size)
{
	const char *tracefs = tc_tracefs();
	char path[512];

	snprintf(path, sizeof(path), "%s/kprobe_events", tracefs ? tracefs : "/sys/kernel/tracing");
	if (access("/sys/bus/event_source/devices/kprobe/type", F_OK) &&
	    access(path, F_OK)) {
		snprintf(why, size, "%s%s: the kernel has no kprobes (no kprobe PMU, no "
			 "kprobe_events; CONFIG_KPROBES off)", func ? "kprobe on " : "kprobes",
			 func ? func : "");
		return false;
	}
	if (func && !kallsyms_has(func)) {
		snprintf(why, size, "kprobe on %s: no such function in /proc/kallsyms", func);
		return false;
	}
	return true;
}

bool tc_feat_uprobe(const char *binary, char *why, size_t size)
{
	if (access("/sys/bus/event_source/devices/uprobe/type", F_OK)) {
		snprintf(why, size, "the kernel has no uprobes (no uprobe PMU)");
		return false;
	}
	if (binary && access(binary, R_OK)) {
		snprintf(why, size, "uprobe on %s: %s", binary, strerror(errno));
		return false;
	}
	return true;
}

bool tc_feat_attach_cookie(char *why, size_t size)
{
	static int has = -1;

	if (has < 0)
		has = libbpf_probe_bpf_helper(BPF_PROG_TYPE_KPROBE, BPF_FUNC_get_attach_cookie,
					      NULL) > 0;
	if (!has)
		snprintf(why, size, "the kernel has no bpf_get_attach_cookie() for uprobes, which "
			 "tells one probed function from another: probe one function at a time");
	return has;
}

bool tc_feat_perf_cpu_clock(char *why, size_t size)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.size = sizeof(attr),
		.config = PERF_COUNT_SW_CPU_CLOCK,
		.freq = 1,
		.sample_freq = 99,
		.disabled = 1,
	};
	int fd = syscall(SYS_perf_event_open, &attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);

	if (fd < 0) {
		snprintf(why, size, "perf_event_open(cpu-clock) failed: %s", strerror(errno));
		return false;
	}
	close(fd);
	return true;
}
