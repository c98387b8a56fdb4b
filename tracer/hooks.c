// SPDX-License-Identifier: GPL-2.0
/*
 * Choosing a hook for every probe by asking the kernel what works, and
 * attaching exactly those: a probe is served by its first candidate whose
 * every program can attach here; the programs of the others are switched
 * off before load, so an optional program can never fail the whole load.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <dirent.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "hooks.h"
#include "output.h"

static const char *const kind_names[TC_HOOK_NR] = {
	[TC_HOOK_TRACEPOINT] = "tracepoint", [TC_HOOK_RAW_TP] = "raw_tp",
	[TC_HOOK_TP_BTF] = "tp_btf",	     [TC_HOOK_FENTRY] = "fentry",
	[TC_HOOK_FEXIT] = "fexit",	     [TC_HOOK_KPROBE] = "kprobe",
	[TC_HOOK_UPROBE] = "uprobe",	     [TC_HOOK_URETPROBE] = "uretprobe",
	[TC_HOOK_PERF] = "perf_event",
};

const char *tc_hook_kind_name(enum tc_hook_kind kind)
{
	return kind < TC_HOOK_NR ? kind_names[kind] : "?";
}

const char *tc_hooks_target(struct tc_session *s, const struct tc_attach *at)
{
	if (at->target && at->target[0] == '$')
		return tc_session__var(s, at->target + 1);
	return at->target;
}

/* "category:event" -> the two halves, in buf. */
static int split_tp(const char *target, char *buf, size_t size, char **cat, char **event)
{
	char *colon;

	if (!target || strlen(target) >= size)
		return -EINVAL;
	strcpy(buf, target);
	colon = strchr(buf, ':');
	if (!colon)
		return -EINVAL;
	*colon = '\0';
	*cat = buf;
	*event = colon + 1;
	return 0;
}

/* "/path/binary:function" -> the two halves (the last colon splits). */
static int split_uprobe(const char *target, char *buf, size_t size, char **bin, char **func)
{
	char *colon;

	if (!target || strlen(target) >= size)
		return -EINVAL;
	strcpy(buf, target);
	colon = strrchr(buf, ':');
	if (!colon)
		return -EINVAL;
	*colon = '\0';
	*bin = buf;
	*func = colon + 1;
	return 0;
}

/* The kernel's own "not supported" (524), which strerror() does not know. */
#define ENOTSUPP_KERNEL 524

/* "$ufuncs": every function of s->ufuncs, with its index as the BPF cookie. */
static bool is_ufuncs(const struct tc_attach *at)
{
	return at->target && !strcmp(at->target, "$ufuncs");
}

static bool attach_available(struct tc_session *s, enum tc_hook_kind kind,
			     const struct tc_attach *at, char *why, size_t size)
{
	const char *target = tc_hooks_target(s, at);
	char buf[512], *a, *b;

	if (!bpf_object__find_program_by_name(s->obj, at->prog)) {
		snprintf(why, size, "program %s is not built for this architecture", at->prog);
		return false;
	}
	if (is_ufuncs(at)) {
		if (kind != TC_HOOK_UPROBE && kind != TC_HOOK_URETPROBE) {
			snprintf(why, size, "program %s: $ufuncs is a uprobe target", at->prog);
			return false;
		}
		if (!s->ufuncs.n) {
			snprintf(why, size, "program %s: no function to probe", at->prog);
			return false;
		}
		if (s->env.avoid & (1u << kind)) {
			snprintf(why, size, "%s avoided (--avoid-hook)", tc_hook_kind_name(kind));
			return false;
		}
		/* Several functions, one program: the cookie says which one fired. */
		return tc_feat_uprobe(s->ufuncs.bin, why, size) &&
		       (s->ufuncs.n == 1 || tc_feat_attach_cookie(why, size));
	}
	if (!target) {
		snprintf(why, size, "program %s has no target", at->prog);
		return false;
	}
	if (s->env.avoid & (1u << kind)) {
		snprintf(why, size, "%s avoided (--avoid-hook)", tc_hook_kind_name(kind));
		return false;
	}
	switch (kind) {
	case TC_HOOK_TP_BTF:
		/* BTF-typed raw tracepoints need BTF and the tracepoint itself. */
		if (!tc_feat_btf(why, size))
			return false;
		__attribute__((fallthrough));
	case TC_HOOK_TRACEPOINT:
	case TC_HOOK_RAW_TP:
		if (split_tp(target, buf, sizeof(buf), &a, &b)) {
			snprintf(why, size, "bad tracepoint target '%s'", target);
			return false;
		}
		return tc_feat_tracepoint(a, b, why, size);
	case TC_HOOK_FENTRY:
	case TC_HOOK_FEXIT: {
		/* One candidate may pair fentry and fexit: the program says which. */
		struct bpf_program *prog = bpf_object__find_program_by_name(s->obj, at->prog);

		return tc_feat_fentry(target,
				      bpf_program__expected_attach_type(prog) == BPF_TRACE_FEXIT,
				      why, size);
	}
	case TC_HOOK_KPROBE:
		return tc_feat_kprobe(target, why, size);
	case TC_HOOK_UPROBE:
	case TC_HOOK_URETPROBE:
		if (split_uprobe(target, buf, sizeof(buf), &a, &b)) {
			snprintf(why, size, "bad uprobe target '%s' (expected BINARY:FUNCTION)", target);
			return false;
		}
		return tc_feat_uprobe(a, why, size);
	case TC_HOOK_PERF:
		return tc_feat_perf_cpu_clock(why, size);
	default:
		snprintf(why, size, "unknown hook kind %d", kind);
		return false;
	}
}

static bool cand_end(const struct tc_candidate *c)
{
	return !c->at[0].prog;
}

static const struct tc_candidate *chosen(const struct tc_choice *ch)
{
	return ch->cand >= 0 ? &ch->probe->cand[ch->cand] : NULL;
}

static void append_why(char *dst, size_t size, const char *why)
{
	size_t len = strlen(dst);

	if (len + 3 < size)
		snprintf(dst + len, size - len, "%s%s", len ? "; " : "", why);
}

/* --use-hook: the one candidate the user forced on probe p, or -1 for all of them. */
static int forced_cand(const struct tc_session *s, const struct tc_probe *p)
{
	for (int i = 0; i < s->env.nuse; i++)
		if (!strcmp(s->env.use[i].probe, p->name))
			return s->env.use[i].cand;
	return -1;
}

static int ncands(const struct tc_probe *p)
{
	int n = 0;

	while (n < TC_MAX_CANDS && !cand_end(&p->cand[n]))
		n++;
	return n;
}

/* Every --use-hook names a probe of this tool, and a candidate it has. */
static int check_forced(const struct tc_session *s)
{
	for (int i = 0; i < s->env.nuse; i++) {
		const struct tc_use_hook *u = &s->env.use[i];
		const struct tc_probe *p;
		char names[256] = "";

		for (p = s->tool->probes; p && p->name; p++) {
			if (!strcmp(p->name, u->probe))
				break;
			append_why(names, sizeof(names), p->name);
		}
		if (!p || !p->name) {
			fprintf(stderr, "%s: --use-hook %s=%d: %s has no probe %s (its probes: %s)\n",
				s->argv0, u->probe, u->cand + 1, s->tool->name, u->probe, names);
			return -EINVAL;
		}
		if (u->cand >= ncands(p)) {
			fprintf(stderr, "%s: --use-hook %s=%d: probe %s has %d candidate hook%s\n",
				s->argv0, u->probe, u->cand + 1, p->name, ncands(p),
				ncands(p) == 1 ? "" : "s");
			return -EINVAL;
		}
	}
	return 0;
}

int tc_hooks_choose(struct tc_session *s)
{
	const struct tc_probe *p;
	struct bpf_program *prog;
	int err = check_forced(s);

	if (err)
		return err;
	for (p = s->tool->probes; p && p->name && s->nprobes < TC_MAX_PROBES; p++) {
		struct tc_choice *ch = &s->choice[s->nprobes++];
		int only = forced_cand(s, p);

		ch->probe = p;
		ch->cand = -1;
		for (int c = 0; c < TC_MAX_CANDS && !cand_end(&p->cand[c]); c++) {
			const struct tc_candidate *cand = &p->cand[c];
			char why[TC_WHY_LEN] = "";
			bool ok = true;

			if (only >= 0 && c != only)
				continue;
			for (int a = 0; a < TC_MAX_ATTACH && cand->at[a].prog && ok; a++)
				ok = attach_available(s, cand->kind, &cand->at[a], why, sizeof(why));
			if (ok) {
				ch->cand = c;
				break;
			}
			append_why(ch->why, sizeof(ch->why), why);
		}
		if (ch->cand >= 0)
			continue;
		if (only >= 0) { /* forced: never a quiet fallback, even for an optional probe */
			fprintf(stderr, "%s: probe %s (%s): its candidate %d (--use-hook) cannot "
				"attach on this kernel: %s\n", s->argv0, p->name, p->what, only + 1,
				ch->why);
			return -EOPNOTSUPP;
		}
		if (!p->optional) {
			fprintf(stderr, "%s: probe %s (%s) has no usable hook on this kernel: %s\n",
				s->argv0, p->name, p->what, ch->why);
			return -EOPNOTSUPP;
		}
		fprintf(stderr, "%s: warning: optional probe %s (%s) unavailable, going on "
			"without it: %s\n", s->argv0, p->name, p->what, ch->why);
	}

	/* Load only what the chosen candidates use. */
	bpf_object__for_each_program(prog, s->obj) {
		bool used = false;

		for (int i = 0; i < s->nprobes && !used; i++) {
			const struct tc_candidate *c = chosen(&s->choice[i]);

			for (int a = 0; c && a < TC_MAX_ATTACH && c->at[a].prog && !used; a++)
				used = !strcmp(c->at[a].prog, bpf_program__name(prog));
		}
		bpf_program__set_autoload(prog, used);
	}
	for (int i = 0; i < s->nprobes; i++) {
		const struct tc_candidate *c = chosen(&s->choice[i]);

		if (!c || (c->kind != TC_HOOK_TP_BTF && c->kind != TC_HOOK_FENTRY &&
			   c->kind != TC_HOOK_FEXIT))
			continue;
		for (int a = 0; a < TC_MAX_ATTACH && c->at[a].prog; a++) {
			const char *target = tc_hooks_target(s, &c->at[a]);
			const char *colon = strchr(target, ':');
			int err;

			prog = bpf_object__find_program_by_name(s->obj, c->at[a].prog);
			err = bpf_program__set_attach_target(prog, 0, colon ? colon + 1 : target);
			if (err) {
				fprintf(stderr, "%s: cannot target %s at %s: %s\n", s->argv0,
					c->at[a].prog, target, strerror(-err));
				return err;
			}
		}
	}
	return 0;
}

static int add_link(struct tc_session *s, struct bpf_link *link)
{
	struct bpf_link **links = realloc(s->links, (s->nlinks + 1) * sizeof(*links));

	if (!links) {
		bpf_link__destroy(link);
		return -ENOMEM;
	}
	s->links = links;
	s->links[s->nlinks++] = link;
	return 0;
}

/* A cpu-clock sampling event on every online CPU, each with the program. */
static int attach_perf(struct tc_session *s, struct bpf_program *prog, const char *target)
{
	unsigned long hz = 99;
	const char *colon = strchr(target, ':');
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int n = 0;

	if (colon)
		hz = strtoul(colon + 1, NULL, 10);
	for (long cpu = 0; cpu < ncpu; cpu++) {
		struct perf_event_attr attr = {
			.type = PERF_TYPE_SOFTWARE,
			.size = sizeof(attr),
			.config = PERF_COUNT_SW_CPU_CLOCK,
			.freq = 1,
			.sample_freq = hz ? hz : 99,
		};
		int fd = syscall(SYS_perf_event_open, &attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
		struct bpf_link *link;

		if (fd < 0) {
			if (errno == ENODEV) /* offline CPU */
				continue;
			return -errno;
		}
		link = bpf_program__attach_perf_event(prog, fd);
		if (!link) {
			int err = -errno;

			close(fd);
			return err;
		}
		if (add_link(s, link))
			return -ENOMEM;
		n++;
	}
	return n;
}

static struct bpf_link *attach_one(struct tc_session *s, enum tc_hook_kind kind,
				   struct bpf_program *prog, const char *target,
				   const struct tc_ufunc *uf, __u64 cookie)
{
	char buf[512], *a, *b;

	switch (kind) {
	case TC_HOOK_TRACEPOINT:
		if (split_tp(target, buf, sizeof(buf), &a, &b))
			break;
		return bpf_program__attach_tracepoint(prog, a, b);
	case TC_HOOK_RAW_TP:
		if (split_tp(target, buf, sizeof(buf), &a, &b))
			break;
		return bpf_program__attach_raw_tracepoint(prog, b);
	case TC_HOOK_TP_BTF:
	case TC_HOOK_FENTRY:
	case TC_HOOK_FEXIT:
		return bpf_program__attach_trace(prog);
	case TC_HOOK_KPROBE:
		return bpf_program__attach_kprobe(prog, false, target);
	case TC_HOOK_UPROBE:
	case TC_HOOK_URETPROBE: {
		/* One candidate may pair uprobe and uretprobe: the section says which. */
		LIBBPF_OPTS(bpf_uprobe_opts, uo,
			    .retprobe = kind == TC_HOOK_URETPROBE ||
					!strncmp(bpf_program__section_name(prog), "uretprobe", 9),
			    .bpf_cookie = cookie);
		pid_t pid = s->env.pid ? (pid_t)s->env.pid : -1;

		if (uf) /* found in the ELF file already: its offset, no second lookup */
			return bpf_program__attach_uprobe_opts(prog, pid, s->ufuncs.bin,
							       uf->offset, &uo);
		if (split_uprobe(target, buf, sizeof(buf), &a, &b))
			break;
		uo.func_name = b;
		return bpf_program__attach_uprobe_opts(prog, pid, a, 0, &uo);
	}
	default:
		break;
	}
	errno = EINVAL;
	return NULL;
}

/* How many attachments a program of a chosen candidate makes. */
static long attachments(struct tc_session *s, enum tc_hook_kind kind, const struct tc_attach *at)
{
	if (kind == TC_HOOK_PERF)
		return sysconf(_SC_NPROCESSORS_ONLN);
	return is_ufuncs(at) ? s->ufuncs.n : 1;
}

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return 64; /* a guess on the safe side */
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/*
 * Before anything is attached: the number of attachments against
 * --max-probes, and the file descriptors they take (an event and a link
 * each, at most) against RLIMIT_NOFILE, whose soft limit is raised when the
 * hard one allows. Either all fit, or nothing is attached and the limit is
 * named.
 */
static int check_limits(struct tc_session *s, long total)
{
	char what[256] = "", n1[32], n2[32], n3[32];
	struct rlimit rl;
	rlim_t need = (rlim_t)total * 2 + open_fds() + 32;

	if (s->ufuncs.n > 1)
		snprintf(what, sizeof(what), " (%s functions matching %s)",
			 tc_fmt_grouped(n1, sizeof(n1), s->ufuncs.n), tc_session__var(s, "ufuncs"));
	if ((__u64)total > s->env.max_probes) {
		fprintf(stderr, "%s: %s probes%s exceed the limit of %s (--max-probes): nothing "
			"attached; narrow the pattern or raise --max-probes\n", s->argv0,
			tc_fmt_grouped(n2, sizeof(n2), total), what,
			tc_fmt_grouped(n3, sizeof(n3), s->env.max_probes));
		return -E2BIG;
	}
	if (getrlimit(RLIMIT_NOFILE, &rl))
		return -errno;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
		if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need) {
			fprintf(stderr, "%s: %s probes%s need about %s open files, more than the "
				"limit of %llu (RLIMIT_NOFILE, ulimit -Hn): nothing attached; "
				"narrow the pattern or raise the limit\n", s->argv0,
				tc_fmt_grouped(n2, sizeof(n2), total), what,
				tc_fmt_grouped(n3, sizeof(n3), need), (unsigned long long)rl.rlim_max);
			return -EMFILE;
		}
		if (s->env.verbose)
			fprintf(stderr, "%s: raising the open-file limit from %llu to %llu for %ld "
				"probes\n", s->argv0, (unsigned long long)rl.rlim_cur,
				(unsigned long long)need, total);
		rl.rlim_cur = need;
		if (setrlimit(RLIMIT_NOFILE, &rl))
			return -errno;
	}
	return 0;
}

int tc_hooks_attach(struct tc_session *s)
{
	long total = 0, done = 0;
	int err;

	for (int i = 0; i < s->nprobes; i++) {
		const struct tc_candidate *c = chosen(&s->choice[i]);

		for (int a = 0; c && a < TC_MAX_ATTACH && c->at[a].prog; a++)
			total += attachments(s, c->kind, &c->at[a]);
	}
	err = check_limits(s, total);
	if (err)
		return err;
	for (int i = 0; i < s->nprobes; i++) {
		struct tc_choice *ch = &s->choice[i];
		const struct tc_candidate *c = chosen(ch);

		for (int a = 0; c && a < TC_MAX_ATTACH && c->at[a].prog; a++) {
			struct bpf_program *prog =
				bpf_object__find_program_by_name(s->obj, c->at[a].prog);
			const char *target = tc_hooks_target(s, &c->at[a]);
			long n = attachments(s, c->kind, &c->at[a]);
			const struct tc_ufunc *uf = NULL;

			if (c->kind == TC_HOOK_PERF) {
				err = attach_perf(s, prog, target);
				if (err < 0)
					goto fail;
				ch->nlinks += err;
				done += err;
				continue;
			}
			for (long k = 0; k < n; k++) {
				struct bpf_link *link;

				uf = is_ufuncs(&c->at[a]) ? &s->ufuncs.f[k] : NULL;
				if (s->env.fault_attach_fail && (__u64)done + 1 == s->env.fault_attach_fail) {
					errno = EBUSY; /* planted: --fault-attach-fail */
					link = NULL;
				} else {
					link = attach_one(s, c->kind, prog, target, uf, k);
				}
				if (!link) {
					err = -errno;
					goto fail;
				}
				err = add_link(s, link);
				if (err)
					goto fail;
				ch->nlinks++;
				done++;
			}
			continue;
fail:
			if (uf)
				fprintf(stderr, "%s: failed to attach probe %s (%s %s:%s at offset "
					"0x%llx): %s\n", s->argv0, ch->probe->name,
					tc_hook_kind_name(c->kind), s->ufuncs.bin, uf->name,
					(unsigned long long)uf->offset,
					err == -ENOTSUPP_KERNEL ? "the kernel cannot probe the "
					"instruction there (ENOTSUPP)" : strerror(-err));
			else
				fprintf(stderr, "%s: failed to attach probe %s (%s %s): %s\n",
					s->argv0, ch->probe->name, tc_hook_kind_name(c->kind), target,
					strerror(-err));
			if (done)
				fprintf(stderr, "%s: detaching the %ld of %ld probes attached before: "
					"nothing is traced\n", s->argv0, done, total);
			return err;
		}
	}
	return 0;
}

/*
 * The kernel takes uprobes down one at a time, each waiting for other CPUs
 * under a global lock (tens of ms each here; threads side by side do not
 * help), so a thousand take a minute: said, so that it is not taken for a
 * hang.
 */
void tc_hooks_detach(struct tc_session *s)
{
	__u64 t0 = tc_now_ns();
	bool slow = s->nlinks >= 100;

	if (slow)
		fprintf(stderr, "%s: detaching %d probes (the kernel takes a while for each "
			"uprobe)...\n", s->argv0, s->nlinks);
	for (int i = 0; i < s->nlinks; i++)
		bpf_link__destroy(s->links[i]);
	if (slow && s->env.verbose)
		fprintf(stderr, "%s: detached in %.1f s\n", s->argv0, (tc_now_ns() - t0) / 1e9);
	free(s->links);
	s->links = NULL;
	s->nlinks = 0;
}

int tc_hooks_describe(struct tc_session *s, int i, char *buf, size_t size)
{
	const struct tc_choice *ch = &s->choice[i];
	const struct tc_candidate *c = chosen(ch);
	int n = 0;

	if (!c)
		return snprintf(buf, size, "none");
	while (n < TC_MAX_ATTACH && c->at[n].prog)
		n++;
	if (n > 1)
		return snprintf(buf, size, "%s %s (+%d more)", tc_hook_kind_name(c->kind),
				tc_hooks_target(s, &c->at[0]), n - 1);
	return snprintf(buf, size, "%s %s", tc_hook_kind_name(c->kind), tc_hooks_target(s, &c->at[0]));
}

const struct tc_candidate *tc_hooks_chosen(const struct tc_session *s, int i)
{
	return chosen(&s->choice[i]);
}

__u64 tc_hooks_prog_misses(struct tc_session *s, const char *name)
{
	struct bpf_program *prog = bpf_object__find_program_by_name(s->obj, name);
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	int fd = prog ? bpf_program__fd(prog) : -1;

	if (fd < 0 || bpf_obj_get_info_by_fd(fd, &info, &len))
		return 0;
	return info.recursion_misses;
}

void tc_hooks_read_misses(struct tc_session *s)
{
	for (int i = 0; i < s->nprobes; i++) {
		const struct tc_candidate *c = chosen(&s->choice[i]);

		s->choice[i].misses = 0;
		for (int a = 0; c && a < TC_MAX_ATTACH && c->at[a].prog; a++)
			s->choice[i].misses += tc_hooks_prog_misses(s, c->at[a].prog);
	}
}
