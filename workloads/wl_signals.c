// SPDX-License-Identifier: GPL-2.0
/*
 * signals: a user-space function called in a loop while a busy SIGALRM
 * handler, fired by setitimer at hz= a second, interrupts it and calls it
 * too: a uprobe's hits inside and outside a signal handler, nested in the
 * same thread (the dtrace4linux lesson: probes that miss or double the
 * calls made under a signal). The function is tc_wl_sig_target, a global
 * of tracecal's own binary, kept out of line so that a uprobe can sit on
 * it; it spins for spin= rounds so that most signals land inside it.
 *
 * The "signals" section counts the calls where they are made, in memory
 * shared with the parent: outside the handler (n=) and in it (calls= per
 * signal), the signals handled, and how many of them interrupted the
 * function. Each handled signal ends in an rt_sigreturn, counted too.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <json-c/json.h>
#include "workload.h"

static const struct tc_wl_param params[] = {
	{ .name = "n", .type = TC_WL_U64, .def = "20000", .min = 1, .max = 100000000,
	  .help = "calls of tc_wl_sig_target outside the handler" },
	{ .name = "hz", .type = TC_WL_U64, .def = "10000", .min = 1, .max = 1000000,
	  .help = "SIGALRM a second (setitimer ITIMER_REAL)" },
	{ .name = "calls", .type = TC_WL_U64, .def = "3", .min = 1, .max = 1000,
	  .help = "calls of tc_wl_sig_target in the handler, per signal" },
	{ .name = "spin", .type = TC_WL_U64, .def = "2000", .max = 100000000,
	  .help = "rounds of busy work in each call" },
	TC_WL_PARAM_COMM("tc_signals"),
	{ .name = NULL },
};

/* In memory shared with the measured process. */
struct sigcalls {
	__u64 n, hz, calls, spin;
	__u64 outside, in_handler; /* calls, where they were made */
	__u64 signals, interrupted;
	int depth;		   /* calls of the function under way */
	struct tc_wl_proc *proc;
};

/* The measured process's: the handler has no argument to find them by. */
static struct sigcalls *sig_state;

/*
 * The traced function. Global and kept whole (no inlining, no clone under
 * another name): a uprobe on the symbol must see every call. noclone is
 * gcc's (its .constprop/.isra copies); clang, which builds the fuzz
 * targets (make fuzz), has no such attribute and refuses it under -Werror.
 */
#if defined(__has_attribute) && __has_attribute(noclone)
#define TC_WL_WHOLE __attribute__((noinline, noclone, used))
#else
#define TC_WL_WHOLE __attribute__((noinline, used))
#endif
TC_WL_WHOLE void tc_wl_sig_target(struct sigcalls *s, int in_handler)
{
	/*
	 * A plain load first: x86 uprobes refuse a lock-prefixed instruction
	 * (ENOTSUPP), and the atomic add would otherwise come first.
	 */
	__u64 spin = *(volatile __u64 *)&s->spin;

	__asm__ volatile("" ::: "memory");
	__atomic_fetch_add(&s->depth, 1, __ATOMIC_RELAXED);
	for (volatile __u64 i = 0; i < spin; i++)
		;
	__atomic_fetch_add(in_handler ? &s->in_handler : &s->outside, 1, __ATOMIC_RELAXED);
	__atomic_fetch_sub(&s->depth, 1, __ATOMIC_RELAXED);
}

static void on_alarm(int sig)
{
	struct sigcalls *s = sig_state;

	(void)sig;
	__atomic_fetch_add(&s->signals, 1, __ATOMIC_RELAXED);
	if (__atomic_load_n(&s->depth, __ATOMIC_RELAXED))
		__atomic_fetch_add(&s->interrupted, 1, __ATOMIC_RELAXED);
	for (__u64 i = 0; i < s->calls; i++)
		tc_wl_sig_target(s, 1);
	/* The return from a handler is a syscall of its own. */
	tc_wl_count(s->proc, SYS_rt_sigreturn, 1);
}

/* The handler, before the measured phase (sigaction's own syscall is not counted). */
static int signals_prologue(struct tc_wl_proc *p, void *arg)
{
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };

	sig_state = arg;
	sig_state->proc = p;
	sigemptyset(&sa.sa_mask);
	return sigaction(SIGALRM, &sa, NULL) ? -errno : 0;
}

static int set_timer(struct tc_wl_proc *p, __u64 hz)
{
	struct itimerval it = { 0 };

	if (hz) {
		it.it_interval.tv_sec = 1 / hz;
		it.it_interval.tv_usec = 1000000 / hz % 1000000;
		if (!it.it_interval.tv_sec && !it.it_interval.tv_usec)
			it.it_interval.tv_usec = 1;
		it.it_value = it.it_interval;
	}
	if (tc_wl_sc3(p, SYS_setitimer, ITIMER_REAL, (long)&it, 0))
		return tc_wl_child_fail(p, errno, "setitimer %llu Hz", (unsigned long long)hz);
	return 0;
}

static int signals_body(struct tc_wl_proc *p, void *arg)
{
	struct sigcalls *s = arg;
	int err = set_timer(p, s->hz);

	for (__u64 i = 0; i < s->n && !err; i++)
		tc_wl_sig_target(s, 0);
	/* Off before the exit: a signal still pending is handled on the way out of it. */
	return err ?: set_timer(p, 0);
}

static void signals_section(struct tc_wl_ctx *ctx, const struct sigcalls *s)
{
	struct json_object *o = json_object_new_object(), *calls = json_object_new_object();

	json_object_object_add(o, "function", json_object_new_string("tc_wl_sig_target"));
	json_object_object_add(o, "hz", json_object_new_uint64(s->hz));
	json_object_object_add(o, "signals", json_object_new_uint64(s->signals));
	json_object_object_add(o, "interrupted", json_object_new_uint64(s->interrupted));
	json_object_object_add(calls, "outside", json_object_new_uint64(s->outside));
	json_object_object_add(calls, "in_handler", json_object_new_uint64(s->in_handler));
	json_object_object_add(o, "calls", calls);
	tc_wl_section(ctx, "signals", o);
}

static int signals_run(struct tc_wl_ctx *ctx)
{
	struct sigcalls *s = tc_wl_shared(ctx, sizeof(*s));
	const struct tc_wl_task task = { .role = "main", .prologue = signals_prologue,
					 .body = signals_body, .arg = s };
	int err;

	if (!s)
		return tc_wl_fail(ctx, -ENOMEM, "map the shared counters");
	s->n = tc_wl_num(ctx, "n");
	s->hz = tc_wl_num(ctx, "hz");
	s->calls = tc_wl_num(ctx, "calls");
	s->spin = tc_wl_num(ctx, "spin");
	err = tc_wl_reserve(ctx, 1) ?: tc_wl_spawn(ctx, &task) ?: tc_wl_wait(ctx);
	if (!err)
		signals_section(ctx, s);
	return err;
}

const struct tc_workload tc_wl_signals = {
	.name = "signals",
	.summary = "a function called in a loop and, from a busy SIGALRM handler at hz=, "
		   "called again: uprobe hits inside and outside a signal handler",
	.example = "n=20000 hz=10000 calls=3",
	.params = params,
	.run = signals_run,
};
