// SPDX-License-Identifier: GPL-2.0
/*
 * tracecal run [OPTIONS] SCENARIO...: run tools through scenarios and say,
 * for each pair, whether the tool told the truth.
 * tracecal audit: the default suite against every tool usable here, with
 * the matrix and reports in reports/out/.
 */
#include <argp.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include "cmd.h"
#include "../common/version.h"
#include "../harness/campaign.h"
#include "../harness/fixture.h"
#include "../harness/runrec.h"
#include "../reports/totals.h"
#include "../reports/writers.h"

static volatile int stop;
/* Where a report asked for as "-" goes: stdout, kept apart from the run's own lines. */
static FILE *report_stdout;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct run_opts {
	const char *argv0;
	bool audit;
	const char *tools[16];
	int ntools;
	const char *scenarios[32];
	int nscenarios;
	const char *known;
	const char *out;
	const char *json, *tap, *junit, *plot, *ktap, *html;
	const char *only_tool, *only_scenario;
	int verbose;
	long min_judged; /* fewer judged cells fail the run */
};

enum { OPT_KNOWN = 0x100, OPT_JSON, OPT_TAP, OPT_JUNIT, OPT_SCENARIO, OPT_PLOT, OPT_MIN_JUDGED,
       OPT_KTAP, OPT_HTML };

static const struct argp_option options[] = {
	{ "tool", 't', "DESCRIPTOR", 0, "A tool descriptor, or a folder of them (repeatable; "
	  "default: the tools/ folder beside the first scenario file, else its own folder)", 0 },
	{ "only", 'T', "TOOL", 0, "Only the tool of this name", 0 },
	{ "scenario", OPT_SCENARIO, "NAME", 0, "Only the scenario of this name", 0 },
	{ "known", OPT_KNOWN, "FILE", 0, "Known verdicts (default: EXPECTED beside the first "
	  "scenario file)", 0 },
	{ "out", 'o', "DIR", 0, "Write matrix.txt, results.json, results.tap, junit.xml, "
	  "results.ktap, index.html and the tools' outputs (logs/) into DIR", 0 },
	{ "json", OPT_JSON, "FILE", 0, "Write the JSON report to FILE", 0 },
	{ "tap", OPT_TAP, "FILE", 0, "Write TAP to FILE (- for stdout)", 0 },
	{ "junit", OPT_JUNIT, "FILE", 0, "Write JUnit XML to FILE", 0 },
	{ "ktap", OPT_KTAP, "FILE", 0, "Write KTAP (version 1, the kernel's) to FILE (- for stdout: "
	  "the run's own lines then go to stderr)", 0 },
	{ "html", OPT_HTML, "FILE", 0, "Write the HTML page to FILE: the matrix in colours, each cell "
	  "opening on its numbers, the coverage, the overhead plot; one file, no network", 0 },
	{ "plot", OPT_PLOT, "PNG", 0, "Plot the overhead of OVERHEAD scenarios against their event "
	  "rate (gnuplot), with its data in PNG.dat", 0 },
	{ "min-judged", OPT_MIN_JUDGED, "N", 0, "Fail the run (exit 1) when fewer than N cells "
	  "got a verdict other than SKIP: a green run that judged nothing means nothing", 0 },
	{ "verbose", 'v', NULL, 0, "Show every expectation's numbers", 0 },
	{},
};

static int to_stdout(const char *path)
{
	return path && !strcmp(path, "-");
}

static error_t parse_opt(int key, char *arg, struct argp_state *st)
{
	struct run_opts *o = st->input;

	switch (key) {
	case 't':
		if (o->ntools == 16)
			argp_error(st, "at most 16 --tool");
		o->tools[o->ntools++] = arg;
		break;
	case 'T':
		o->only_tool = arg;
		break;
	case OPT_SCENARIO:
		o->only_scenario = arg;
		break;
	case OPT_KNOWN:
		o->known = arg;
		break;
	case 'o':
		o->out = arg;
		break;
	case OPT_JSON:
		o->json = arg;
		break;
	case OPT_TAP:
		o->tap = arg;
		break;
	case OPT_PLOT:
		o->plot = arg;
		break;
	case OPT_JUNIT:
		o->junit = arg;
		break;
	case OPT_KTAP:
		o->ktap = arg;
		break;
	case OPT_HTML:
		o->html = arg;
		break;
	case 'v':
		o->verbose++;
		break;
	case OPT_MIN_JUDGED: {
		char *end;

		errno = 0;
		o->min_judged = strtol(arg, &end, 10);
		if (errno || end == arg || *end || o->min_judged < 0 || o->min_judged > 1000000)
			argp_error(st, "--min-judged: '%s' is not a count from 0 to 1000000", arg);
		break;
	}
	case ARGP_KEY_ARG:
		if (o->audit)
			argp_error(st, "audit takes no scenario files (--suite is not needed: it "
				   "runs scenarios/)");
		if (o->nscenarios == 32)
			argp_error(st, "at most 32 scenario files");
		o->scenarios[o->nscenarios++] = arg;
		break;
	case ARGP_KEY_END:
		if (!o->audit && !o->nscenarios)
			argp_error(st, "which scenarios? give scenario files or folders");
		if (to_stdout(o->json) + to_stdout(o->tap) + to_stdout(o->junit) +
		    to_stdout(o->ktap) + to_stdout(o->html) > 1)
			argp_error(st, "only one of --json, --tap, --junit, --ktap and --html can be - "
				   "(stdout)");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static int rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static void folder_of(const char *path, char *out, size_t size)
{
	struct stat st;
	const char *slash;

	if (!stat(path, &st) && S_ISDIR(st.st_mode)) {
		size_t len = strlen(path);

		while (len > 1 && path[len - 1] == '/') /* "scenarios/" -> "scenarios" */
			len--;
		snprintf(out, size, "%.*s", (int)len, path);
		return;
	}
	slash = strrchr(path, '/');
	snprintf(out, size, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
}

/* Keep only the tool and scenario asked for. */
static int narrow(struct tc_campaign *c, const struct run_opts *o, char *err, size_t errlen)
{
	if (o->only_tool) {
		int k = -1;

		for (int i = 0; i < c->ntools; i++)
			if (!strcmp(c->tools[i].name, o->only_tool))
				k = i;
			else
				tc_tooldesc_free(&c->tools[i]);
		if (k < 0) {
			snprintf(err, errlen, "--only %s: no such tool among the descriptors",
				 o->only_tool);
			c->ntools = 0;
			return -ENOENT;
		}
		if (k)
			c->tools[0] = c->tools[k];
		c->ntools = 1;
	}
	if (o->only_scenario) {
		const struct tc_scenario *sc = tc_suite_find(&c->suite, o->only_scenario);

		if (!sc) {
			snprintf(err, errlen, "--scenario %s: no such scenario", o->only_scenario);
			return -ENOENT;
		}
		if (sc != &c->suite.v[0])
			c->suite.v[0] = *sc;
		c->suite.n = 1;
	}
	return 0;
}

static int load(struct tc_campaign *c, const struct run_opts *o, char *err, size_t errlen)
{
	char dir[512], path[600];
	int ret = 0;

	for (int i = 0; i < o->nscenarios && !ret; i++)
		ret = tc_campaign_add_suite(c, o->scenarios[i], err, errlen);
	if (ret)
		return ret;
	folder_of(o->nscenarios ? o->scenarios[0] : "scenarios", dir, sizeof(dir));
	if (!o->ntools) {
		struct stat st;

		/* The tools/ folder beside the suite, or the suite's own folder. */
		snprintf(path, sizeof(path), "%s/tools", dir);
		if (stat(path, &st))
			snprintf(path, sizeof(path), "%s", dir);
		ret = tc_campaign_add_tools(c, path, err, errlen);
	}
	for (int i = 0; i < o->ntools && !ret; i++)
		ret = tc_campaign_add_tools(c, o->tools[i], err, errlen);
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "%s/EXPECTED", dir);
	ret = tc_campaign_known(c, o->known ? o->known : path, err, errlen);
	if (ret)
		return ret;
	return narrow(c, o, err, errlen);
}

/*
 * One report file of --json, --tap, --junit, --ktap or --html: its format's
 * writer, into path (- for the stdout a report owns, report_stdout).
 */
static int write_one(const char *path, const char *format, const struct tc_campaign *c,
		     const struct tc_run_meta *m)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : report_stdout;
	int ret = 0;

	if (!f)
		return -errno;
	if (tc_writer_find(format)->write(f, c->results, c->nresults, m) || fflush(f) || ferror(f))
		ret = -EIO;
	if (f != report_stdout && fclose(f))
		ret = -errno;
	return ret;
}

/* A line per outcome as it finishes, on stdout. */
static void live_line(const struct tc_outcome *r, int index, int total, void *arg)
{
	const struct tc_campaign *c = arg;

	tc_write_line(stdout, r, index, total, c->verbose);
}

/* What the reports say of the run: the kernel, tracecal's version, the input errors. */
static void run_meta(const struct tc_campaign *c, double seconds, const char *started,
		     struct tc_run_meta *m)
{
	static struct utsname u;

	uname(&u);
	*m = (struct tc_run_meta){ .kernel = u.release, .version = tc_version(),
				   .started = started, .seconds = seconds,
				   .problems = (const char(*)[600])c->problems,
				   .nproblems = c->nproblems };
}

/* The input errors, each with what it left out. */
static void print_problems(const struct tc_campaign *c, FILE *f, const char *argv0)
{
	for (int i = 0; i < c->nproblems; i++)
		fprintf(f, "%s: %s\n", argv0, c->problems[i]);
}

/* The report files the options ask for, through the writers' table: -1 if one failed (said). */
static int write_reports(const struct run_opts *o, const struct tc_campaign *c, double secs,
			 const char *started)
{
	static const char *const formats[] = { "json", "tap", "junit", "ktap", "html" };
	const char *const paths[] = { o->json, o->tap, o->junit, o->ktap, o->html };
	struct tc_run_meta m;
	char err[1024];
	int ret = 0;

	run_meta(c, secs, started, &m);
	if (o->out && tc_writers_write_all(o->out, c->results, c->nresults, &m, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", o->argv0, err);
		ret = -1;
	}
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		int wret = paths[i] ? write_one(paths[i], formats[i], c, &m) : 0;

		if (wret) {
			fprintf(stderr, "%s: cannot write %s: %s\n", o->argv0, paths[i],
				strerror(-wret));
			ret = -1;
		}
	}
	if (o->plot) {
		if (tc_write_overhead_plot(o->plot, c->results, c->nresults, err, sizeof(err))) {
			fprintf(stderr, "%s: --plot: %s\n", o->argv0, err);
			ret = -1;
		} else {
			printf("plot: %s (data %s.dat)\n", o->plot, o->plot);
		}
	}
	if (o->out) {
		printf("reports: %s/%s", o->out, tc_writers[0].file);
		for (size_t i = 1; i < tc_nwriters; i++)
			printf(", %s", tc_writers[i].file);
		putchar('\n');
	}
	return ret;
}

/* The run's end on stdout: the matrix or coverage, the totals, what failed; the exit status. */
static int summarize(const struct run_opts *o, const struct tc_campaign *c, int ret)
{
	int status, judged;

	putchar('\n');
	if (o->audit)
		tc_write_matrix(stdout, c->results, c->nresults); /* the coverage at its end */
	else
		tc_write_coverage(stdout, c->results, c->nresults);
	tc_write_summary(stdout, c->results, c->nresults);
	if (tc_write_overhead(stdout, c->results, c->nresults))
		putchar('\n');
	status = tc_campaign_judge(c, stdout);
	judged = tc_count_judged(c->results, c->nresults);
	if (judged < o->min_judged && ret != -EINTR) {
		printf("only %d cells judged, fewer than --min-judged %ld: the run judged too little "
		       "to mean anything\n", judged, o->min_judged);
		if (!status)
			status = 1;
	}
	if (c->nproblems) {
		printf("%d input error%s left %s out of the run (exit status 2):\n", c->nproblems,
		       c->nproblems == 1 ? "" : "s", c->nproblems == 1 ? "something" : "things");
		print_problems(c, stdout, o->argv0);
		status = 2;
	}
	return status;
}

/*
 * What dead runs left behind is released first, saying so; then this run
 * keeps its own record, so that a kill -9 leaves nothing the next run
 * cannot find (harness/runrec.h).
 */
static void begin_record(const struct run_opts *o)
{
	char cmd[1024], err[600];
	int n = snprintf(cmd, sizeof(cmd), "%s", o->argv0);

	cmd_release_dead(o->argv0, stdout);
	for (int i = 0; i < o->nscenarios && !o->audit && n < (int)sizeof(cmd); i++)
		n += snprintf(cmd + n, sizeof(cmd) - n, " %s", o->scenarios[i]);
	if (tc_runrec_begin(cmd, err, sizeof(err)))
		fprintf(stderr, "%s: warning: cannot keep a record of this run's fixtures (%s): "
			"if it is killed, `tracecal clean` will not find them\n", o->argv0, err);
}

/*
 * A report asked for as "-" owns stdout, whole: the run's own lines (and a
 * tool's, a workload's) go to stderr. report_stdout is where it is written.
 */
static int report_owns_stdout(const struct run_opts *o)
{
	int fd;

	report_stdout = stdout;
	if (!to_stdout(o->json) && !to_stdout(o->tap) && !to_stdout(o->junit) &&
	    !to_stdout(o->ktap) && !to_stdout(o->html))
		return 0;
	fflush(stdout);
	fd = dup(STDOUT_FILENO);
	if (fd < 0 || !(report_stdout = fdopen(fd, "w")) || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
		fprintf(stderr, "%s: cannot keep stdout for the report: %s\n", o->argv0,
			strerror(errno));
		return -1;
	}
	return 0;
}

static int campaign(struct run_opts *o)
{
	struct tc_campaign c = { .on_outcome = live_line };
	char err[1024], workdir[600], started[32];
	struct sigaction sa = { .sa_handler = on_signal };
	bool temp_work = false;
	time_t t0 = time(NULL);
	struct timespec a, b;
	int ret, status;
	double secs;

	if (report_owns_stdout(o))
		return 2;
	strftime(started, sizeof(started), "%Y-%m-%dT%H:%M:%S", localtime(&t0));
	clock_gettime(CLOCK_MONOTONIC, &a);
	c.verbose = o->verbose;
	c.on_outcome_arg = &c;
	ret = load(&c, o, err, sizeof(err));
	print_problems(&c, stderr, o->argv0);
	if (ret) {
		fprintf(stderr, "%s: %s\n", o->argv0, err);
		tc_campaign_free(&c);
		return 2;
	}
	if (!c.suite.n) {
		fprintf(stderr, "%s: no scenario to run\n", o->argv0);
		tc_campaign_free(&c);
		return 2;
	}
	if (o->audit) {
		tc_campaign_usable_only(&c);
		for (int i = 0; i < c.nleft_out; i++)
			printf("left out: %s\n", c.left_out[i]);
	}
	if (!c.ntools) {
		fprintf(stderr, "%s: no tool to run\n", o->argv0);
		tc_campaign_free(&c);
		return 2;
	}
	begin_record(o);
	if (o->out) {
		if (mkdir(o->out, 0755) && errno != EEXIST) {
			fprintf(stderr, "%s: cannot make %s: %s\n", o->argv0, o->out, strerror(errno));
			tc_runrec_end();
			tc_campaign_free(&c);
			return 2;
		}
		snprintf(workdir, sizeof(workdir), "%s/logs", o->out);
	} else {
		const char *tmp = getenv("TMPDIR");
		int err = 0;

		/* Under $TMPDIR, as mktemp(1) makes its folders. */
		if (snprintf(workdir, sizeof(workdir), "%s/tracecal-logs.XXXXXX",
			     tmp && *tmp ? tmp : "/tmp") >= (int)sizeof(workdir))
			err = ENAMETOOLONG;
		else if (!mkdtemp(workdir))
			err = errno;
		if (err) {
			fprintf(stderr, "%s: cannot make a work folder: %s\n", o->argv0,
				strerror(err));
			tc_runrec_end();
			tc_campaign_free(&c);
			return 2;
		}
		temp_work = true;
		tc_runrec_note("dir %s", workdir);
	}
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A reader gone (`tracecal run ... | head`) stops the run as Ctrl-C does,
	 * fixtures released, rather than killing it with everything left behind. */
	sigaction(SIGPIPE, &sa, NULL);
	printf("%d scenarios x %d tools (kernel checks by feature; outputs in %s)\n", c.suite.n,
	       c.ntools, workdir);
	ret = tc_campaign_run(&c, workdir, &stop);
	tc_fixtures_release_all();
	if (temp_work)
		tc_runrec_note("released %s", workdir); /* kept or removed below, by choice */
	tc_runrec_end();
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (ret == -EINTR)
		printf("interrupted: %d of %d runs done; the fixture is released\n", c.nresults,
		       c.suite.n * c.ntools);
	else if (ret)
		fprintf(stderr, "%s: %s\n", o->argv0, strerror(-ret));
	status = summarize(o, &c, ret);
	secs = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	if (write_reports(o, &c, secs, started))
		status = 2;
	if (temp_work && !status && ret != -EINTR)
		nftw(workdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	else if (temp_work)
		printf("the tools' outputs are kept in %s\n", workdir);
	tc_write_closing(stdout, c.results, c.nresults); /* the last line, for CI logs */
	tc_campaign_free(&c);
	if (ret == -EINTR)
		return 130;
	return ret ? 2 : status;
}

int cmd_run(int argc, char **argv)
{
	struct run_opts o = { .argv0 = "tracecal run" };
	struct argp argp = { options, parse_opt, "SCENARIO...",
			     "Run tools through scenarios: for each pair, the tool runs while a "
			     "workload of known effect does, and what it reports is checked against "
			     "the truth (the workload's manifest, /proc/diskstats). A line per pair "
			     "as it finishes: PASS, FAIL (a number is wrong, with a diagnosis), LOSS "
			     "(events lost in silence), ERROR (it failed to start or attach, even "
			     "partly, or crashed), ABORTED (it stopped itself under overload, naming the "
			     "probe), SLOW (right, but it slowed the workload past SLOWDOWN_MAX), "
			     "TIMEOUT, SKIP (with the missing requirement). "
			     "A malformed scenario or descriptor is named with its file and line and "
			     "left out; the rest runs. Exit status: 0 if everything passed, skipped "
			     "or was as EXPECTED, 1 otherwise, 2 for a usage or setup error or when "
			     "something was left out. Without --out the tools' outputs go to a "
			     "folder under $TMPDIR (or /tmp), removed after a clean run and kept, "
			     "with its name printed, otherwise.\v"
			     "Examples:\n"
			     "  tracecal run scenarios/                       # every scenario, every tool\n"
			     "  tracecal run scenarios/io.scn --only tracecal-disktop -v\n"
			     "  tracecal run scenarios/ --tool my.tool --junit junit.xml",
			     NULL, NULL, NULL };

	argv[0] = "tracecal run";
	argp_err_exit_status = 2;
	if (argp_parse(&argp, argc, argv, 0, NULL, &o))
		return 2;
	return campaign(&o);
}

int cmd_audit(int argc, char **argv)
{
	struct run_opts o = { .argv0 = "tracecal audit", .audit = true, .out = "reports/out" };
	struct argp argp = { options, parse_opt, "",
			     "Run the default suite (scenarios/) against every tool whose "
			     "requirements are met here, print the matrix tool x scenario -> verdict "
			     "and write it, with JSON, TAP, JUnit, KTAP and HTML reports and the "
			     "tools' outputs, to reports/out/ (--out to change). Tools left out are named with the "
			     "requirement they miss. Exit status as for tracecal run.\v"
			     "Example:\n"
			     "  tracecal audit                   # or: make audit",
			     NULL, NULL, NULL };

	argv[0] = "tracecal audit";
	argp_err_exit_status = 2;
	if (argp_parse(&argp, argc, argv, 0, NULL, &o))
		return 2;
	o.scenarios[o.nscenarios++] = "scenarios";
	return campaign(&o);
}
