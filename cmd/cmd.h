/* SPDX-License-Identifier: GPL-2.0 */
/* The subcommands of tracecal, one file each, dispatched from tracecal.c. */
#ifndef TC_CMD_H
#define TC_CMD_H

#include <stdio.h>

int cmd_trace(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_workload(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_tapset(int argc, char **argv);
int cmd_clean(int argc, char **argv);
int cmd_diff(int argc, char **argv);

/* Release the fixtures of dead runs, saying so to f (clean.c); 0, else failures or -errno. */
int cmd_release_dead(const char *argv0, FILE *f);

#endif
