/* SPDX-License-Identifier: GPL-2.0 */
/* Option parsing for `tracecal trace TOOL`: the shared options and the tool's. */
#ifndef TC_ARGS_H
#define TC_ARGS_H

#include <argp.h>
#include "session.h"

/*
 * Parse argv (argv[0] is replaced by s->argv0) into s->env and the tool's
 * own settings. Usage errors print a message and exit with status 2, as
 * argp does; --help and --version exit 0.
 */
int tc_args_parse(struct tc_session *s, int argc, char **argv);

/*
 * The block tools' hidden --fault-drop-done=N (for tests of their missed-
 * completion counts): options and parser for a tool's own argp, and the
 * load-time constant (tc_fault_drop_every in tc_block.bpf.h) to set.
 */
extern const struct argp_option tc_fault_drop_options[];
error_t tc_fault_drop_parse(int key, char *arg, struct argp_state *st);
int tc_fault_drop_configure(struct tc_session *s);

#endif
