/* SPDX-License-Identifier: GPL-2.0 */
/* Option parsing for `tracecal trace TOOL`: the shared options and the tool's. */
#ifndef TC_ARGS_H
#define TC_ARGS_H

#include "session.h"

/*
 * Parse argv (argv[0] is replaced by s->argv0) into s->env and the tool's
 * own settings. Usage errors print a message and exit with status 2, as
 * argp does; --help and --version exit 0.
 */
int tc_args_parse(struct tc_session *s, int argc, char **argv);

#endif
