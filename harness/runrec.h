/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Crash-safe runs. A harness killed with SIGKILL (an OOM kill, a CI job's
 * timeout) runs no cleanup: its loop devices, mounts, disk images and
 * stray processes would stay until someone found them by hand. So every
 * run keeps a record of what it makes where the next one finds it:
 *
 *   $TRACECAL_STATE_DIR (default /run/tracecal)/run.PID.XXXXXX/
 *     owner     "pid N", "started EPOCH", "command ...": flock()ed by the
 *               live harness for its whole life (the kernel drops the lock
 *               when it dies, however it dies)
 *     fixtures  one line per fixture, written before it is made:
 *               dir PATH             a folder of ours, removed with what it holds
 *               image PATH           a disk image: loop devices backed by it are ours
 *               mount PATH           a mount point of ours
 *               queue DEV ATTR VAL   a loop device's queue setting as found
 *               released PATH        what is under PATH was released by its run
 *
 * Processes of a run carry TRACECAL_RUN_ID=FOLDER in their environment,
 * grandchildren included, so that a dead run's are found without trusting
 * a pid that may have been reused. vm-images/run.sh keeps the same record
 * for its scratch disk and qemu.
 *
 * A run that starts, and `tracecal clean`, release the fixtures of every
 * run whose owner lock is free (its harness is dead) and say what they
 * released; a run whose lock is held is live and never touched.
 */
#ifndef TC_RUNREC_H
#define TC_RUNREC_H

#include <stdbool.h>
#include <stdio.h>

#define TC_RUNREC_ENV "TRACECAL_RUN_ID"

/* The folder of the records: $TRACECAL_STATE_DIR, else /run/tracecal. */
const char *tc_runrec_state_dir(void);

/*
 * Start this process's record (one per process): the folder, its owner
 * lock, TRACECAL_RUN_ID in the environment. 0, or -errno with why in err;
 * without a record the run goes on, not crash-safe.
 */
int tc_runrec_begin(const char *command, char *err, size_t errlen);
/* Append a line to this run's record; nothing when no record is open. */
void tc_runrec_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Everything of this run is released: drop its record. */
void tc_runrec_end(void);

struct tc_clean_stats {
	int dead;   /* runs whose harness is dead, released (or to be, dry_run) */
	int live;   /* runs left alone */
	int failed; /* things that could not be released, each named */
};

/*
 * Release the fixtures of every dead run, saying what was released to f
 * (with dry_run, what would be, and nothing is done); verbose also names
 * the live runs left alone. 0, or -errno if the state folder cannot be read.
 */
int tc_runrec_clean(bool dry_run, bool verbose, FILE *f, struct tc_clean_stats *st);

/* One dead run's record, read back; see release.c. */
struct tc_deadrun {
	char folder[512];
	long pid;
	long long started;
	char command[512];
	char **lines; /* the fixtures file, one entry each */
	int nlines;
};

/* Release one dead run's fixtures (release.c); the count of failures. */
int tc_release_run(const struct tc_deadrun *d, bool dry_run, FILE *f);

#endif
