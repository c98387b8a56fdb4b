/*
 * guest-exit: how a tracecal VM guest hands its status to the host and stops.
 *
 *   guest-exit [-d TTY]... STATUS
 *
 * Waits until everything written to each TTY has gone out (the results
 * port), then writes STATUS (0-255) to qemu's isa-debug-exit device at I/O
 * port 0xf4: qemu exits at once with status STATUS*2+1 (truncated to 8
 * bits, so the host reads the exact status from the results port and takes
 * this as a confirmation). Without that device the write does nothing: the
 * program then says so and exits 2, and /init powers off instead.
 *
 * It refuses to run unless the kernel command line holds tc.vm (run.sh puts
 * it there), so that it never writes to a port of a real machine.
 *
 * Built by vm-images/build.sh with gcc -static: busybox has no outb.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <termios.h>
#include <unistd.h>

#define DEBUG_EXIT_PORT 0xf4

static void usage(FILE *out)
{
	fprintf(out, "Usage: guest-exit [-d TTY]... STATUS\n"
		     "Drain each TTY, then write STATUS (0-255) to isa-debug-exit (port 0x%x).\n",
		DEBUG_EXIT_PORT);
}

/* Is this one of run.sh's guests? tc.vm as a word of /proc/cmdline. */
static int in_vm(void)
{
	char line[4096], *w, *save;
	FILE *f = fopen("/proc/cmdline", "r");
	int found = 0;

	if (!f)
		return 0;
	if (fgets(line, sizeof(line), f))
		for (w = strtok_r(line, " \n", &save); w && !found; w = strtok_r(NULL, " \n", &save))
			found = !strcmp(w, "tc.vm") || !strncmp(w, "tc.vm=", 6);
	fclose(f);
	return found;
}

static void drain(const char *tty)
{
	int fd = open(tty, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "guest-exit: open %s: %s\n", tty, strerror(errno));
		return;
	}
	if (tcdrain(fd))
		fprintf(stderr, "guest-exit: drain %s: %s\n", tty, strerror(errno));
	close(fd);
}

int main(int argc, char **argv)
{
	char *end;
	long status;
	int opt;

	while ((opt = getopt(argc, argv, "d:h")) != -1) {
		switch (opt) {
		case 'd':
			drain(optarg);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	errno = 0;
	status = strtol(argv[optind], &end, 10);
	if (errno || *end || end == argv[optind] || status < 0 || status > 255) {
		fprintf(stderr, "guest-exit: status '%s': expected 0 to 255\n", argv[optind]);
		return 2;
	}
	if (!in_vm()) {
		fprintf(stderr, "guest-exit: no tc.vm on the kernel command line: not a tracecal VM guest, "
				"no port written\n");
		return 2;
	}
	if (ioperm(DEBUG_EXIT_PORT, 1, 1)) {
		fprintf(stderr, "guest-exit: ioperm 0x%x: %s\n", DEBUG_EXIT_PORT, strerror(errno));
		return 2;
	}
	outb((unsigned char)status, DEBUG_EXIT_PORT);
	/* Still here: qemu has no isa-debug-exit device at that port. */
	fprintf(stderr, "guest-exit: no isa-debug-exit device at port 0x%x\n", DEBUG_EXIT_PORT);
	return 2;
}
