// SPDX-License-Identifier: GPL-2.0
/*
 * The oracles: parsers of /proc/diskstats, /proc/PID/io, /proc/stat, fio's
 * JSON, iostat's JSON and dotted paths into JSON documents, each fed text
 * captured on real machines (fixtures/oracle_*, see oracle_fixtures.md)
 * and malformed text that must be refused with a reason naming the line
 * (in JSON, the element).
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/wait.h>
#include "tc_unit.h"
#include "../../oracles/diskstats.h"
#include "../../oracles/fio.h"
#include "../../oracles/iostat.h"
#include "../../oracles/jsonpath.h"
#include "../../oracles/oracle.h"
#include "../../oracles/pidio.h"
#include "../../oracles/procstat.h"
#include "../../oracles/text.h"

static char *fixture(const char *name)
{
	char path[256], err[256], *text = NULL;

	snprintf(path, sizeof(path), "fixtures/%s", name);
	if (tc_text_slurp(path, &text, NULL, err, sizeof(err)))
		fail_msg("fixture:FAIL:%s", err);
	return text;
}

/* A copy of text with the first from replaced by to: a planted error. */
static char *plant(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	char *out;

	if (!at)
		fail_msg("plant:FAIL:'%s' not in the text", from);
	out = malloc(strlen(text) + strlen(to) + 1);
	assert_non_null(out);
	sprintf(out, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	return out;
}

/* ---- /proc/diskstats ---- */

/* The 17 statistics of a device in line order. */
static void dev_stats(const struct tc_diskstats_dev *d, __u64 *v)
{
	const __u64 s[17] = {
		d->rd_ios,	  d->rd_merges,	 d->rd_sectors, d->rd_ticks,   d->wr_ios,
		d->wr_merges,	  d->wr_sectors, d->wr_ticks,	d->in_flight,  d->io_ticks,
		d->time_in_queue, d->dc_ios,	 d->dc_merges,	d->dc_sectors, d->dc_ticks,
		d->fl_ios,	  d->fl_ticks,
	};

	memcpy(v, s, sizeof(s));
}

static void check_dev(const struct tc_diskstats *ds, const char *name, unsigned int major,
		      unsigned int minor, int nstats, const __u64 want[17])
{
	const struct tc_diskstats_dev *d = tc_diskstats__find(ds, name);
	char what[64];
	__u64 got[17];

	CHECK_TRUE(d, "diskstats:FAIL:no device %s", name);
	CHECK_STR(d->name, name, "device name");
	CHECK_U64(d->major, major, "major", "");
	CHECK_U64(d->minor, minor, "minor", "");
	CHECK_INT(d->nstats, nstats, "statistics on the line");
	dev_stats(d, got);
	for (int i = 0; i < 17; i++) {
		snprintf(what, sizeof(what), "%s statistic %d", name, i + 1);
		CHECK_U64(got[i], want[i], what, "");
	}
}

static void parse_diskstats(const char *name, struct tc_diskstats *ds)
{
	char *text = fixture(name), err[256] = "";

	CHECK_ERR(tc_diskstats__parse(ds, text, err, sizeof(err)), 0, err);
	free(text);
}

/* Real 6.18 text with loop1 busy (one request in flight): the 20-field layout. */
TC_TEST(diskstats_k618_every_field)
{
	static const __u64 loop1[17] = { 46464,	   212,	      26901548, 71847,	71033,	 31021,
					 63260418, 1129661,   1,	735916, 1240765, 424,
					 0,	   111673774, 43,	5778,	39212 };
	static const __u64 vda[17] = { 126989,	 32686,	   48462424, 215960, 160755,  159693,
				       87066636, 1601146,  0,	     878024, 1969981, 23570,
				       12,	 88511944, 76624,    14147,  76249 };
	static const __u64 idle[17] = {};
	struct tc_diskstats ds;

	parse_diskstats("oracle_diskstats_k6.18_busy.txt", &ds);
	CHECK_U64(ds.n, 10, "devices", "");
	check_dev(&ds, "loop1", 7, 1, 17, loop1);
	check_dev(&ds, "vda", 254, 0, 17, vda);
	check_dev(&ds, "zram0", 253, 0, 17, idle);
	CHECK_STR(ds.devs[0].name, "loop0", "first device in file order");
	CHECK_TRUE(!tc_diskstats__find(&ds, "loop"), "diskstats:FAIL:found 'loop' by prefix");
	CHECK_U64(tc_diskstats_dev__read_bytes(tc_diskstats__find(&ds, "loop1")), 26901548ULL * 512,
		  "loop1 read bytes", "bytes");
	tc_diskstats__free(&ds);
}

/* Before 4.18: 14 fields, no discards or flushes (hand-written from iostats.rst). */
TC_TEST(diskstats_14_fields)
{
	static const __u64 hda[17] = { 446216,	784926,	  9550688, 4382310, 424847,  312726,
				       5922052, 19310380, 0,	   3376340, 23705160 };
	static const __u64 sda[17] = { 12, 3, 4096, 5, 1, 0, 8, 2, 1, 7, 9 };
	struct tc_diskstats ds;

	parse_diskstats("oracle_diskstats_14f.txt", &ds);
	CHECK_U64(ds.n, 3, "devices", "");
	check_dev(&ds, "hda", 3, 0, 11, hda);
	check_dev(&ds, "sda", 8, 0, 11, sda);
	CHECK_U64(tc_diskstats_dev__write_bytes(tc_diskstats__find(&ds, "sda")), 4096, "sda write",
		  "bytes");
	tc_diskstats__free(&ds);
}

/* 4.18 to 5.4: 18 fields, discards but no flushes. */
TC_TEST(diskstats_18_fields)
{
	static const __u64 nvme[17] = { 255999, 814,	  12369153, 47919,   996852,
					81,	36123024, 425995,   0,	     301795,
					580470, 1203,	  2,	    2457600, 812 };
	static const __u64 part[17] = { 492, 813, 17572, 96, 848, 81, 108288, 210, 0, 76, 307 };
	struct tc_diskstats ds;

	parse_diskstats("oracle_diskstats_18f.txt", &ds);
	CHECK_U64(ds.n, 3, "devices", "");
	check_dev(&ds, "nvme0n1", 259, 0, 15, nvme);
	check_dev(&ds, "nvme0n1p1", 259, 1, 15, part);
	CHECK_U64(tc_diskstats_dev__discard_bytes(tc_diskstats__find(&ds, "nvme0n1")),
		  2457600ULL * 512, "discard bytes", "bytes");
	tc_diskstats__free(&ds);
}

/*
 * Two real snapshots around a 16 MiB O_DIRECT read of /dev/loop1 (1 MiB
 * blocks) and a 4 MiB O_DIRECT write into a file on it: the delta is
 * exactly that, in 512-byte sectors.
 */
TC_TEST(diskstats_delta_of_known_io)
{
	struct tc_diskstats before, after;
	struct tc_diskstats_dev d;
	char err[256] = "";

	parse_diskstats("oracle_diskstats_k6.18_before.txt", &before);
	parse_diskstats("oracle_diskstats_k6.18_after.txt", &after);
	CHECK_ERR(tc_diskstats__delta_dev(&before, &after, "loop1", &d, err, sizeof(err)), 0, err);
	CHECK_STR(d.name, "loop1", "delta name");
	CHECK_U64(d.rd_sectors, 32768, "read sectors", "sectors");
	CHECK_U64(tc_diskstats_dev__read_bytes(&d), 16777216, "read bytes", "bytes");
	CHECK_U64(d.rd_ios, 32, "reads (1 MiB split in two by the loop queue)", "requests");
	CHECK_U64(d.wr_sectors, 8192, "write sectors", "sectors");
	CHECK_U64(tc_diskstats_dev__write_bytes(&d), 4194304, "write bytes", "bytes");
	CHECK_U64(d.wr_ios, 8, "writes", "requests");
	CHECK_U64(d.rd_ticks, 3, "read ms", "ms");
	CHECK_U64(d.io_ticks, 8, "busy ms", "ms");
	CHECK_U64(d.dc_sectors + d.fl_ios, 0, "discards and flushes", "");
	CHECK_ERR(tc_diskstats__delta_dev(&before, &after, "loop0", &d, err, sizeof(err)), 0, err);
	CHECK_U64(d.rd_ios + d.wr_ios + d.rd_sectors + d.wr_sectors, 0, "idle loop0", "");
	tc_diskstats__free(&before);
	tc_diskstats__free(&after);
}

static struct tc_diskstats_dev dev17(const char *name, __u64 rd_ticks, __u64 rd_sectors,
				     __u64 in_flight)
{
	struct tc_diskstats_dev d = { .major = 7, .nstats = 17 };

	snprintf(d.name, sizeof(d.name), "%s", name);
	d.rd_ticks = rd_ticks;
	d.rd_sectors = rd_sectors;
	d.in_flight = in_flight;
	return d;
}

/* Milliseconds are printed as 32 bits and wrap; in_flight is a gauge. */
TC_TEST(diskstats_delta_wraps_milliseconds)
{
	struct tc_diskstats_dev b = dev17("loop1", 4294967290ULL, 100, 5);
	struct tc_diskstats_dev a = dev17("loop1", 5, 108, 2), d;
	char err[256] = "";

	CHECK_ERR(tc_diskstats_dev__delta(&b, &a, &d, err, sizeof(err)), 0, err);
	CHECK_U64(d.rd_ticks, 11, "wrapped read ms", "ms");
	CHECK_U64(d.rd_sectors, 8, "read sectors", "sectors");
	CHECK_U64(d.in_flight, 2, "in flight (after's)", "requests");
}

TC_TEST(diskstats_delta_refuses_counter_going_down)
{
	struct tc_diskstats_dev b = dev17("loop1", 0, 100, 0), a = dev17("loop1", 0, 99, 0), d;
	char err[256] = "";

	CHECK_ERR(tc_diskstats_dev__delta(&b, &a, &d, err, sizeof(err)), -ERANGE, "delta");
	CHECK_STR(err, "loop1: rd_sectors went down from 100 to 99: the device was attached again",
		  "reason");
	a = dev17("loop1", 0, 200, 0);
	a.minor = 3;
	CHECK_ERR(tc_diskstats_dev__delta(&b, &a, &d, err, sizeof(err)), -EINVAL, "delta");
	CHECK_STR(err, "loop1: device 7:0 before, 7:3 after", "reason");
	a.minor = 0;
	a.nstats = 15;
	CHECK_ERR(tc_diskstats_dev__delta(&b, &a, &d, err, sizeof(err)), -EINVAL, "delta");
	CHECK_STR(err, "loop1: 17 statistics before, 15 after", "reason");
}

struct bad_text {
	const char *text;
	const char *err;
};

#define L20(name) "   7       0 " name " 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n"

static const struct bad_text bad_diskstats[] = {
	{ L20("loop0") "   7       1 loop1 1 2 3 4 5 6 7 8 9 10\n",
	  "line 2 (loop1): 13 fields; expected 14, 18 or 20 (11, 15 or 17 statistics after the "
	  "name)" },
	{ L20("loop0") "   7       1\n",
	  "line 2: 2 fields; expected major, minor, name and 11, 15 or 17 numbers" },
	{ L20("loop0") "   7       1 loop1 1 2 3 x4 5 6 7 8 9 10 11 12 13 14 15 16 17\n",
	  "line 2 (loop1): column 7 (rd_ticks) 'x4' is not a number" },
	{ L20("loop0") "   7       1 loop1 1 2 3 -4 5 6 7 8 9 10 11 12 13 14 15 16 17\n",
	  "line 2 (loop1): column 7 (rd_ticks) '-4' is not a number" },
	{ L20("loop0") "   7       1 loop1 1 2 3 4 5 6 7 8 9 10 11 12 13 14 99999999999999999999 "
		       "16 "
		       "17\n",
	  "line 2 (loop1): column 18 (dc_ticks) '99999999999999999999' is not a number" },
	{ L20("loop0") "   7       1 loop1 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n",
	  "line 2 (loop1): 18 fields, but line 1 has 20" },
	{ L20("loop0") L20("loop0"), "line 2 (loop0): the device is listed twice" },
	{ "   3    1   hda1 35486 38030 38030 38030\n",
	  "line 1 (hda1): 4 statistics, the partition layout of kernels before 2.6.25, which is "
	  "not supported" },
	{ "   7   x   loop0 1 2 3 4 5 6 7 8 9 10 11\n",
	  "line 1: '7 x' is not a major and minor number" },
	{ L20("loop0") "   7       1 loop1 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17",
	  "line 2: no newline at its end: the text is cut short" },
};

TC_TEST(diskstats_rejects_malformed_text)
{
	for (size_t i = 0; i < ARRAY_SIZE(bad_diskstats); i++) {
		struct tc_diskstats ds = { .n = 99 };
		char err[256] = "", what[48];

		snprintf(what, sizeof(what), "bad text %zu", i);
		CHECK_ERR(tc_diskstats__parse(&ds, bad_diskstats[i].text, err, sizeof(err)),
			  -EINVAL, what);
		CHECK_STR(err, bad_diskstats[i].err, what);
		CHECK_TRUE(!ds.devs && !ds.n, "diskstats:FAIL:%s left devices behind", what);
	}
}

/* A capture cut short in the middle of a line: the last device would parse with fewer fields. */
TC_TEST(diskstats_read_truncated_file)
{
	struct tc_diskstats ds;
	char err[256] = "";

	CHECK_ERR(
	    tc_diskstats__read(&ds, "fixtures/oracle_diskstats_truncated.txt", err, sizeof(err)),
	    -EINVAL, "read");
	CHECK_STR(err,
		  "fixtures/oracle_diskstats_truncated.txt: line 8: no newline at its end: the "
		  "text is cut short",
		  "reason");
	CHECK_ERR(tc_diskstats__read(&ds, "fixtures/no_such_file", err, sizeof(err)), -ENOENT,
		  "read");
	CHECK_STR(err, "fixtures/no_such_file: No such file or directory", "reason");
}

/* The live file parses, whatever this kernel's layout. */
TC_TEST(diskstats_reads_this_machine)
{
	struct tc_diskstats ds;
	char err[256] = "";

	CHECK_ERR(tc_diskstats__read(&ds, NULL, err, sizeof(err)), 0, err);
	CHECK_TRUE(ds.n > 0, "diskstats:FAIL:no device in /proc/diskstats");
	CHECK_TRUE(ds.devs[0].nstats == 11 || ds.devs[0].nstats == 15 || ds.devs[0].nstats == 17,
		   "diskstats:FAIL:%d statistics", ds.devs[0].nstats);
	tc_diskstats__free(&ds);
}

/* ---- /proc/PID/io ---- */

static void check_pidio(const struct tc_pidio *io, const __u64 want[7])
{
	CHECK_U64(io->rchar, want[0], "rchar", "bytes");
	CHECK_U64(io->wchar, want[1], "wchar", "bytes");
	CHECK_U64(io->syscr, want[2], "syscr", "calls");
	CHECK_U64(io->syscw, want[3], "syscw", "calls");
	CHECK_U64(io->read_bytes, want[4], "read_bytes", "bytes");
	CHECK_U64(io->write_bytes, want[5], "write_bytes", "bytes");
	CHECK_U64(io->cancelled_write_bytes, want[6], "cancelled_write_bytes", "bytes");
}

/*
 * A static program's own /proc/self/io after 16 1-MiB O_DIRECT preads,
 * four 1-MiB buffered writes to a new file and its unlink: the extra 816
 * bytes in 2 reads are the kernel reading the ELF headers at exec.
 */
TC_TEST(pidio_direct_read_and_cancelled_write)
{
	static const __u64 want[7] = { 16777216 + 816, 4194304, 16 + 2, 4,
				       16777216,       4194304, 4194304 };
	struct tc_pidio io;
	char err[256] = "";

	CHECK_ERR(
	    tc_pidio__read_path(&io, "fixtures/oracle_pidio_direct_unlink.txt", err, sizeof(err)),
	    0, err);
	check_pidio(&io, want);
}

/* A shell before and after reaping that program (and a cat): reaped children's counts are added to
 * it. */
TC_TEST(pidio_delta_includes_reaped_children)
{
	static const __u64 want[7] = { 16793033 - 7808, 4194521, 42 - 11, 6,
				       16777216,	4198400, 4194304 };
	struct tc_pidio b, a, d;
	char err[256] = "";

	CHECK_ERR(
	    tc_pidio__read_path(&b, "fixtures/oracle_pidio_parent_before.txt", err, sizeof(err)), 0,
	    err);
	CHECK_ERR(
	    tc_pidio__read_path(&a, "fixtures/oracle_pidio_parent_after.txt", err, sizeof(err)), 0,
	    err);
	CHECK_ERR(tc_pidio__delta(&b, &a, &d, err, sizeof(err)), 0, err);
	check_pidio(&d, want);
	CHECK_ERR(tc_pidio__delta(&a, &b, &d, err, sizeof(err)), -ERANGE, "reversed delta");
	CHECK_STR(err, "rchar went down from 16793033 to 7808: not the same process", "reason");
}

#define PIDIO_OK                                                                                   \
	"rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 5\nwrite_bytes: 6\n"                  \
	"cancelled_write_bytes: 7\n"

static const struct bad_text bad_pidio[] = {
	{ "rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 5\nwrite_bytes: 6\n",
	  "no cancelled_write_bytes (after line 6)" },
	{ "rchar: 1\nwchar: 12x\n", "line 2 (wchar): '12x' is not a number" },
	{ "rchar: 1\nwchar: \n", "line 2 (wchar): no value" },
	{ "rchar: 1\nwchar: 2 3\n", "line 2 (wchar): more than one value" },
	{ "rchar: 1\nwchar 2\n", "line 2: 'wchar 2' is not 'key: number'" },
	{ "rchar: 1\nrchar: 1\n", "line 2: rchar given twice" },
	{ "rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 5\nwrite_bytes: 6\n"
	  "cancelled_write_bytes: 7",
	  "line 7: no newline at its end: the text is cut short" },
	{ "", "no rchar (after line 0)" },
};

TC_TEST(pidio_rejects_malformed_text)
{
	struct tc_pidio io;
	char err[256] = "", what[48];

	for (size_t i = 0; i < ARRAY_SIZE(bad_pidio); i++) {
		snprintf(what, sizeof(what), "bad text %zu", i);
		CHECK_ERR(tc_pidio__parse(&io, bad_pidio[i].text, err, sizeof(err)), -EINVAL, what);
		CHECK_STR(err, bad_pidio[i].err, what);
	}
	/* A well-formed key a newer kernel might add is skipped. */
	CHECK_ERR(tc_pidio__parse(&io, "future_bytes: 9\n" PIDIO_OK, err, sizeof(err)), 0, err);
	CHECK_U64(io.cancelled_write_bytes, 7, "cancelled_write_bytes", "bytes");
}

static int write_file(const char *path, size_t size)
{
	char *buf = calloc(1, size);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	bool ok = buf && fd >= 0 && write(fd, buf, size) == (ssize_t)size;

	if (fd >= 0)
		close(fd);
	free(buf);
	return ok ? 0 : -1;
}

/*
 * Live: between two reads of our own /proc/PID/io, one read() of 10,000
 * bytes. rchar grows by that plus the first snapshot's own text, syscr
 * by 1 plus the two read() calls of the first snapshot (data, then EOF).
 */
TC_TEST(pidio_live_counts_our_reads_exactly)
{
	char path[] = "/tmp/tc_oracle_pidio_XXXXXX", err[256] = "", *buf, text[512];
	struct tc_pidio b, a, d;
	int fd = mkstemp(path), len;

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(write_file(path, 10000), 0);
	buf = malloc(10000);
	fd = open(path, O_RDONLY);
	assert_true(buf && fd >= 0);
	CHECK_ERR(tc_pidio__read(&b, getpid(), err, sizeof(err)), 0, err);
	CHECK_INT(read(fd, buf, 10000), 10000, "read of the file");
	CHECK_ERR(tc_pidio__read(&a, getpid(), err, sizeof(err)), 0, err);
	close(fd);
	unlink(path);
	free(buf);
	len = snprintf(text, sizeof(text),
		       "rchar: %llu\nwchar: %llu\nsyscr: %llu\nsyscw: %llu\nread_bytes: %llu\n"
		       "write_bytes: %llu\ncancelled_write_bytes: %llu\n",
		       (unsigned long long)b.rchar, (unsigned long long)b.wchar,
		       (unsigned long long)b.syscr, (unsigned long long)b.syscw,
		       (unsigned long long)b.read_bytes, (unsigned long long)b.write_bytes,
		       (unsigned long long)b.cancelled_write_bytes);
	CHECK_ERR(tc_pidio__delta(&b, &a, &d, err, sizeof(err)), 0, err);
	CHECK_U64(d.rchar, 10000 + len, "rchar delta", "bytes");
	CHECK_U64(d.syscr, 1 + 2, "syscr delta", "calls");
	CHECK_U64(d.wchar, 0, "wchar delta", "bytes");
}

/* An exited child is readable until reaped, then gone: -ENOENT saying so. */
TC_TEST(pidio_reaped_process_is_gone)
{
	char err[256] = "", want[128];
	struct tc_pidio io;
	siginfo_t si;
	pid_t pid = fork();

	if (!pid)
		_exit(0);
	assert_true(pid > 0);
	assert_int_equal(waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	CHECK_ERR(tc_pidio__read(&io, pid, err, sizeof(err)), 0, err);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	CHECK_ERR(tc_pidio__read(&io, pid, err, sizeof(err)), -ENOENT, "read after reaping");
	snprintf(want, sizeof(want),
		 "/proc/%d/io: no such process: read it before the process is reaped", pid);
	CHECK_STR(err, want, "reason");
}

/* ---- /proc/stat ---- */

static void parse_stat(const char *name, struct tc_procstat *st)
{
	char *text = fixture(name), err[256] = "";

	CHECK_ERR(tc_procstat__parse(st, text, err, sizeof(err)), 0, err);
	free(text);
}

static void check_cpu(const struct tc_procstat_cpu *c, int cpu, int ncols, const __u64 want[10])
{
	char what[64];

	CHECK_TRUE(c, "procstat:FAIL:no line for cpu %d", cpu);
	CHECK_INT(c->cpu, cpu, "cpu number");
	CHECK_INT(c->ncols, ncols, "columns");
	for (int i = 0; i < TC_CPU_NR; i++) {
		snprintf(what, sizeof(what), "cpu %d %s", cpu, tc_cpu_col_names[i]);
		CHECK_U64(c->t[i], want[i], what, "ticks");
	}
}

TC_TEST(procstat_k618_every_field)
{
	static const __u64 all[10] = { 62639, 0, 75987, 586664, 104080, 0, 2998, 0, 0, 0 };
	static const __u64 cpu1[10] = { 31562, 0, 37128, 299280, 46513, 0, 1827, 0, 0, 0 };
	struct tc_procstat st;

	parse_stat("oracle_stat_k6.18_before.txt", &st);
	check_cpu(&st.all, -1, 10, all);
	CHECK_U64(st.ncpus, 2, "per-CPU lines", "");
	check_cpu(tc_procstat__cpu(&st, 1), 1, 10, cpu1);
	CHECK_TRUE(!tc_procstat__cpu(&st, 2), "procstat:FAIL:a cpu2 line on a 2-CPU machine");
	CHECK_U64(st.intr, 1709350, "intr total", "");
	CHECK_U64(st.ctxt, 2537909, "ctxt", "");
	CHECK_U64(st.btime, 1795365921, "btime", "s");
	CHECK_U64(st.processes, 58433, "processes", "forks");
	CHECK_U64(st.procs_running, 1, "procs_running", "");
	CHECK_U64(st.procs_blocked, 0, "procs_blocked", "");
	CHECK_TRUE(st.has_softirq, "procstat:FAIL:no softirq line");
	CHECK_U64(st.softirq, 1573114, "softirq total", "");
	tc_procstat__free(&st);
}

/* Around 100 runs of /bin/true and a second of sleep: 120 forks in all. */
TC_TEST(procstat_delta)
{
	static const __u64 all[10] = { 24, 0, 48, 206, 0, 0, 0, 0, 0, 0 };
	static const __u64 cpu0[10] = { 4, 0, 16, 116, 0, 0, 0, 0, 0, 0 };
	struct tc_procstat b, a, d;
	char err[256] = "";

	parse_stat("oracle_stat_k6.18_before.txt", &b);
	parse_stat("oracle_stat_k6.18_after.txt", &a);
	CHECK_ERR(tc_procstat__delta(&b, &a, &d, err, sizeof(err)), 0, err);
	check_cpu(&d.all, -1, 10, all);
	check_cpu(tc_procstat__cpu(&d, 0), 0, 10, cpu0);
	CHECK_U64(d.processes, 120, "forks", "forks");
	CHECK_U64(d.ctxt, 2538737 - 2537909, "context switches", "");
	CHECK_U64(d.intr, 1709942 - 1709350, "interrupts", "");
	CHECK_U64(d.softirq, 1573825 - 1573114, "softirqs", "");
	CHECK_U64(d.btime, 1795365921, "btime (kept)", "s");
	CHECK_U64(d.procs_running, a.procs_running, "procs_running (after's)", "");
	tc_procstat__free(&b);
	tc_procstat__free(&a);
	tc_procstat__free(&d);
}

/* 2.6.11 to 2.6.23: 8 columns (steal, no guest), no softirq line. */
TC_TEST(procstat_old_kernel_8_columns)
{
	static const __u64 all[10] = { 2255, 34, 2290, 22625563, 6290, 127, 456, 0, 0, 0 };
	struct tc_procstat st;

	parse_stat("oracle_stat_k2.6.18_8col.txt", &st);
	check_cpu(&st.all, -1, 8, all);
	CHECK_U64(st.ncpus, 2, "per-CPU lines", "");
	CHECK_TRUE(!st.has_softirq, "procstat:FAIL:softirq found on 2.6.18");
	CHECK_U64(st.intr, 114930548, "intr total", "");
	CHECK_U64(st.processes, 2915, "processes", "");
	tc_procstat__free(&st);
}

#define STAT_TAIL "intr 9 1 2\nctxt 5\nbtime 100\nprocesses 7\nprocs_running 1\nprocs_blocked 0\n"

static const struct bad_text bad_stat[] = {
	{ "cpu  1 2 3 4\nintr 9 1 2\nbtime 100\nprocesses 7\nprocs_running 1\nprocs_blocked 0\n",
	  "no ctxt line" },
	{ STAT_TAIL, "no cpu line" },
	{ "cpu  1 2 3\n" STAT_TAIL, "line 1 (cpu): 3 columns; expected 4 to 10" },
	{ "cpu  1 2 3 4 5 6 7 8 9 10 11\n" STAT_TAIL,
	  "line 1 (cpu): 11 columns; expected 4 to 10" },
	{ "cpu  1 2 3 4\ncpu0 1 2 x 4\n" STAT_TAIL, "line 2 (cpu0): 'x' is not a number" },
	{ "cpu  1 2 3 4\ncpu0 1 2 3 4 5\n" STAT_TAIL,
	  "line 2 (cpu0): 5 columns, but the cpu line has 4" },
	{ "cpu0 1 2 3 4\ncpu  1 2 3 4\n" STAT_TAIL, "line 1 (cpu0): before the cpu line" },
	{ "cpu  1 2 3 4\ncpu0 1 2 3 4\ncpu0 1 2 3 4\n" STAT_TAIL, "line 3 (cpu0): given twice" },
	{ "cpu  1 2 3 4\ncpuX 1 2 3 4\n" STAT_TAIL, "line 2: 'cpuX' is not cpu or cpuN" },
	{ "cpu  1 2 3 4\nctxt 5 6\n", "line 2 (ctxt): 2 numbers; expected one" },
	{ "cpu  1 2 3 4\nintr\n", "line 2 (intr): 0 numbers; expected a total and more" },
	{ "cpu  1 2 3 4\nintr 9 1 2 3 4 5 6 7 8 9 10 11 12 13 1x 0\n",
	  "line 2 (intr): '1x' is not a number" },
	{ "cpu  1 2 3 4\n" STAT_TAIL "ctxt 6\n", "line 8 (ctxt): given twice" },
	{ "cpu  1 2 3 4\nintr 9 1 2", "line 2: no newline at its end: the text is cut short" },
};

TC_TEST(procstat_rejects_malformed_text)
{
	for (size_t i = 0; i < ARRAY_SIZE(bad_stat); i++) {
		struct tc_procstat st;
		char err[256] = "", what[48];

		snprintf(what, sizeof(what), "bad text %zu", i);
		CHECK_ERR(tc_procstat__parse(&st, bad_stat[i].text, err, sizeof(err)), -EINVAL,
			  what);
		CHECK_STR(err, bad_stat[i].err, what);
		CHECK_TRUE(!st.cpus, "procstat:FAIL:%s left CPUs behind", what);
	}
}

static void parse_text_stat(const char *text, struct tc_procstat *st)
{
	char err[256] = "";

	CHECK_ERR(tc_procstat__parse(st, text, err, sizeof(err)), 0, err);
}

/* iowait and idle may go down (proc(5)); user may not; btime must not change. */
TC_TEST(procstat_delta_counters_going_down)
{
	struct tc_procstat b, a, d;
	char err[256] = "";

	parse_text_stat("cpu  10 0 10 500 50\ncpu0 10 0 10 500 50\n" STAT_TAIL, &b);
	parse_text_stat("cpu  12 0 11 498 52\ncpu0 12 0 11 498 49\n" STAT_TAIL, &a);
	CHECK_ERR(tc_procstat__delta(&b, &a, &d, err, sizeof(err)), 0, err);
	CHECK_U64(d.all.t[TC_CPU_IDLE], 0, "idle that went down", "ticks");
	CHECK_U64(d.all.went_down, 1u << TC_CPU_IDLE, "went_down of all", "mask");
	CHECK_U64(d.all.t[TC_CPU_IOWAIT], 2, "iowait", "ticks");
	CHECK_U64(d.cpus[0].went_down, (1u << TC_CPU_IDLE) | (1u << TC_CPU_IOWAIT),
		  "went_down of cpu0", "mask");
	CHECK_U64(d.cpus[0].t[TC_CPU_USER], 2, "cpu0 user", "ticks");
	tc_procstat__free(&d);
	tc_procstat__free(&a);
	parse_text_stat("cpu  9 0 11 498 52\ncpu0 12 0 11 498 49\n" STAT_TAIL, &a);
	CHECK_ERR(tc_procstat__delta(&b, &a, &d, err, sizeof(err)), -ERANGE, "user went down");
	CHECK_STR(err, "cpu user went down from 10 to 9", "reason");
	tc_procstat__free(&a);
	parse_text_stat("cpu  12 0 11 498 52\ncpu0 12 0 11 498 49\n"
			"intr 9 1 2\nctxt 5\nbtime 101\nprocesses 7\nprocs_running 1\n"
			"procs_blocked 0\n",
			&a);
	CHECK_ERR(tc_procstat__delta(&b, &a, &d, err, sizeof(err)), -ERANGE, "btime changed");
	CHECK_STR(err, "btime changed from 100 to 101: a reboot", "reason");
	tc_procstat__free(&a);
	tc_procstat__free(&b);
}

/* ---- fio JSON ---- */

static void read_fio(const char *name, struct tc_fio *f)
{
	char path[128], err[256] = "";

	snprintf(path, sizeof(path), "fixtures/%s", name);
	CHECK_ERR(tc_fio__read(f, path, err, sizeof(err)), 0, err);
}

struct dir_want {
	__u64 io_bytes, total_ios, runtime_ms, min, max, n;
	double mean;
	int npct;
	__u64 p50, p99;
};

static void check_dir(const struct tc_fio_dir *d, const struct dir_want *w, const char *what)
{
	char m[96];
	__u64 ns = 0;

	snprintf(m, sizeof(m), "%s total_ios", what);
	CHECK_U64(d->total_ios, w->total_ios, m, "I/Os");
	snprintf(m, sizeof(m), "%s io_bytes", what);
	CHECK_U64(d->io_bytes, w->io_bytes, m, "bytes");
	snprintf(m, sizeof(m), "%s runtime", what);
	CHECK_U64(d->runtime_ms, w->runtime_ms, m, "ms");
	snprintf(m, sizeof(m), "%s clat min", what);
	CHECK_U64(d->clat.min, w->min, m, "ns");
	snprintf(m, sizeof(m), "%s clat max", what);
	CHECK_U64(d->clat.max, w->max, m, "ns");
	snprintf(m, sizeof(m), "%s clat N", what);
	CHECK_U64(d->clat.n, w->n, m, "I/Os");
	CHECK_TRUE(d->clat.mean == w->mean, "fio:FAIL:%s clat mean unexpected %f != expected %f ns",
		   what, d->clat.mean, w->mean);
	snprintf(m, sizeof(m), "%s percentiles", what);
	CHECK_INT(d->clat.npct, w->npct, m);
	if (!w->npct) {
		CHECK_ERR(tc_fio_clat__pct(&d->clat, 99, &ns), -ENOENT, "p99 without percentiles");
		return;
	}
	snprintf(m, sizeof(m), "%s p50", what);
	CHECK_ERR(tc_fio_clat__pct(&d->clat, 50, &ns), 0, m);
	CHECK_U64(ns, w->p50, m, "ns");
	snprintf(m, sizeof(m), "%s p99", what);
	CHECK_ERR(tc_fio_clat__pct(&d->clat, 99, &ns), 0, m);
	CHECK_U64(ns, w->p99, m, "ns");
}

static const struct dir_want none = {};

static void check_disk(const struct tc_fio *f, __u64 read_ios, __u64 write_ios)
{
	CHECK_U64(f->ndisks, 1, "disk_util entries", "");
	CHECK_STR(f->disks[0].name, "loop1", "disk_util name");
	CHECK_TRUE(f->disks[0].sampled, "fio:FAIL:disk_util not flagged as sampled");
	CHECK_U64(f->disks[0].read_ios, read_ios, "disk_util read_ios (sampled)", "I/Os");
	CHECK_U64(f->disks[0].write_ios, write_ios, "disk_util write_ios (sampled)", "I/Os");
}

/* psync randread, 4 KiB O_DIRECT, 16 MiB; disk_util saw half the I/Os. */
TC_TEST(fio_psync)
{
	const struct dir_want rd = { 16777216, 4096,	     287, 40306, 1190364,
				     4096,     69562.351807, 17,  64768, 154624 };
	__u64 ns = 0;
	struct tc_fio f;

	read_fio("oracle_fio_psync.json", &f);
	CHECK_STR(f.version, "fio-3.33", "version");
	CHECK_INT(f.preamble, 0, "preamble lines");
	CHECK_U64(f.njobs, 1, "jobs", "");
	CHECK_STR(f.jobs[0].name, "psync_randread", "job name");
	CHECK_INT(f.jobs[0].error, 0, "job error");
	check_dir(&f.jobs[0].read, &rd, "read");
	check_dir(&f.jobs[0].write, &none, "write");
	CHECK_ERR(tc_fio_clat__pct(&f.jobs[0].read.clat, 99.9, &ns), 0, "p99.9");
	CHECK_U64(ns, 292864, "p99.9", "ns");
	CHECK_ERR(tc_fio_clat__pct(&f.jobs[0].read.clat, 99.8, &ns), -ENOENT, "p99.8");
	check_disk(&f, 2047, 0);
	tc_fio__free(&f);
}

/* libaio randwrite, 16 KiB at depth 8, 8 MiB; disk_util saw none of it. */
TC_TEST(fio_libaio)
{
	const struct dir_want wr = { 8388608, 512,	     18, 37731,	 502501,
				     512,     260209.447266, 17, 264192, 501760 };
	struct tc_fio f;

	read_fio("oracle_fio_libaio.json", &f);
	CHECK_U64(f.njobs, 1, "jobs", "");
	CHECK_STR(f.jobs[0].name, "libaio_randwrite", "job name");
	check_dir(&f.jobs[0].read, &none, "read");
	check_dir(&f.jobs[0].write, &wr, "write");
	check_disk(&f, 0, 0);
	tc_fio__free(&f);
}

/* io_uring, two jobs at once: randrw 75/25 of 8 MiB and a 16 MiB sequential read. */
TC_TEST(fio_io_uring_two_jobs)
{
	const struct dir_want rw_r = { 6406144, 782,	       48, 29236,  1067872,
				       782,	171471.546036, 17, 132096, 561152 };
	const struct dir_want rw_w = { 1982464, 242,	       48, 58671,  872662,
				       242,	201329.971074, 17, 171008, 561152 };
	const struct dir_want seq = { 16777216, 128,	       15, 203585, 631005,
				      128,	432521.265625, 17, 419840, 610304 };
	const struct tc_fio_job *j;
	struct tc_fio f;

	read_fio("oracle_fio_io_uring.json", &f);
	CHECK_U64(f.njobs, 2, "jobs", "");
	j = tc_fio__job(&f, "uring_randrw");
	CHECK_TRUE(j, "fio:FAIL:no job uring_randrw");
	check_dir(&j->read, &rw_r, "randrw read");
	check_dir(&j->write, &rw_w, "randrw write");
	CHECK_U64(j->read.io_bytes + j->write.io_bytes, 8 << 20, "randrw bytes", "bytes");
	j = tc_fio__job(&f, "uring_seqread");
	CHECK_TRUE(j == &f.jobs[1], "fio:FAIL:uring_seqread is not the second job");
	check_dir(&j->read, &seq, "seqread read");
	check_dir(&j->write, &none, "seqread write");
	CHECK_TRUE(!tc_fio__job(&f, "uring"), "fio:FAIL:found a job by prefix");
	check_disk(&f, 0, 0);
	tc_fio__free(&f);
}

/* Notes before the JSON, as fio prints them when stdout is its output. */
TC_TEST(fio_skips_notes_before_the_json)
{
	char *text = fixture("oracle_fio_psync.json"), *noted, err[256] = "";
	struct tc_fio f;

	noted = malloc(strlen(text) + 100);
	assert_non_null(noted);
	sprintf(noted, "note: both iodepth >= 1 and synchronous I/O engine are selected\n%s", text);
	CHECK_ERR(tc_fio__parse(&f, noted, err, sizeof(err)), 0, err);
	CHECK_INT(f.preamble, 1, "preamble lines");
	CHECK_U64(f.jobs[0].read.total_ios, 4096, "total_ios", "I/Os");
	tc_fio__free(&f);
	free(noted);
	free(text);
}

static void check_bad_fio(const char *text, const char *want)
{
	char err[256] = "";
	struct tc_fio f;

	CHECK_ERR(tc_fio__parse(&f, text, err, sizeof(err)), -EINVAL, want);
	CHECK_STR(err, want, "reason");
	CHECK_TRUE(!f.jobs && !f.njobs, "fio:FAIL:jobs left behind");
}

TC_TEST(fio_rejects_malformed_output)
{
	char *text = fixture("oracle_fio_io_uring.json"), *bad;

	bad = plant(text, "\"total_ios\" : 128", "\"total_iox\" : 128");
	check_bad_fio(bad, "jobs[1] (uring_seqread): no key 'total_ios' in read");
	free(bad);
	bad = plant(text, "\"io_bytes\" : 6406144", "\"io_bytes\" : \"6M\"");
	check_bad_fio(bad, "jobs[0] (uring_randrw): read.io_bytes: is string, not a number");
	free(bad);
	bad = plant(text, "\"min\" : 29236", "\"min\" : -1");
	check_bad_fio(bad, "jobs[0] (uring_randrw): read.clat_ns.min: is -1, below 0");
	free(bad);
	bad = plant(text, "\"99.000000\" : 561152", "\"p99\" : 561152");
	check_bad_fio(bad, "jobs[0] (uring_randrw): percentile 'p99': not \"PERCENT\" : "
			   "NANOSECONDS");
	free(bad);
	bad = plant(text, "\"jobname\" : \"uring_seqread\"", "\"name\" : \"uring_seqread\"");
	check_bad_fio(bad, "jobs[1] (?): no string 'jobname'");
	free(bad);
	text[6000] = '\0'; /* in line 238, after its 16th character */
	check_bad_fio(text, "line 238, column 17: the document is cut short");
	check_bad_fio("fio: no such engine\n", "no line starts with '{': not fio's JSON output");
	free(text);
}

/* ---- iostat ---- */

static void read_iostat(const char *name, struct tc_iostat *io)
{
	char path[128], err[256] = "";

	snprintf(path, sizeof(path), "fixtures/%s", name);
	CHECK_ERR(tc_iostat__read_json(io, path, err, sizeof(err)), 0, err);
}

static void check_iodev(const struct tc_iostat *io, size_t i, const char *name, double tps,
			double rs, double ws, double ds, __u64 kr, __u64 kw, __u64 kd)
{
	const struct tc_iostat_dev *d = tc_iostat_report__find(&io->reports[i], name);

	CHECK_TRUE(d, "iostat:FAIL:no %s in statistics[%zu]", name, i);
	CHECK_TRUE(d->tps == tps && d->kb_read_s == rs && d->kb_wrtn_s == ws && d->kb_dscd_s == ds,
		   "iostat:FAIL:%s rates unexpected %.2f %.2f %.2f %.2f != expected %.2f %.2f "
		   "%.2f %.2f",
		   name, d->tps, d->kb_read_s, d->kb_wrtn_s, d->kb_dscd_s, tps, rs, ws, ds);
	CHECK_U64(d->kb_read, kr, "kB_read", "kB");
	CHECK_U64(d->kb_wrtn, kw, "kB_wrtn", "kB");
	CHECK_U64(d->kb_dscd, kd, "kB_dscd", "kB");
}

/*
 * iostat -d -k -y 1 4 loop1 over: a 24 MiB direct read, an 8 MiB direct
 * write, a 4 MiB blkdiscard (whose file-system probe read 336 kB) with a
 * 4,000 kB read, then nothing. oracle_iostat_y_loop1.json: those four
 * reports, captured as iostat's text, written as sysstat 12.6's -o JSON
 * prints them (the same numbers; see oracle_fixtures.md).
 */
TC_TEST(iostat_interval_reports)
{
	struct tc_iostat io;

	read_iostat("oracle_iostat_y_loop1.json", &io);
	CHECK_U64(io.n, 4, "reports", "");
	CHECK_TRUE(io.has_dscd, "iostat:FAIL:no discard columns");
	CHECK_TRUE(!io.reports[0].devs[0].extended, "iostat:FAIL:-x columns in iostat -d -k's");
	CHECK_U64(io.reports[1].n, 1, "devices in report 1", "");
	check_iodev(&io, 0, "loop1", 384, 24576, 0, 0, 24576, 0, 0);
	check_iodev(&io, 1, "loop1", 128, 0, 8192, 0, 0, 8192, 0);
	check_iodev(&io, 2, "loop1", 1024.75, 4293.07, 0, 4055.45, 4336, 0, 4096);
	check_iodev(&io, 3, "loop1", 0, 0, 0, 0, 0, 0, 0);
	tc_iostat__free(&io);
}

static void loop1_delta(struct tc_diskstats_dev *d)
{
	struct tc_diskstats b, a;
	char err[256] = "";

	parse_diskstats("oracle_iostat_y_diskstats_before.txt", &b);
	parse_diskstats("oracle_iostat_y_diskstats_after.txt", &a);
	CHECK_ERR(tc_diskstats__delta_dev(&b, &a, "loop1", d, err, sizeof(err)), 0, err);
	tc_diskstats__free(&b);
	tc_diskstats__free(&a);
}

/*
 * diskstats read just before iostat started and just after it ended, the device idle otherwise
 * (captured; iostat's reports as oracle_iostat_y_loop1.json, converted from its text).
 */
TC_TEST(iostat_agrees_with_diskstats_arithmetic)
{
	struct tc_diskstats_dev d;
	struct tc_iostat io;
	char msg[256] = "";

	loop1_delta(&d);
	CHECK_U64(d.rd_sectors, 57824, "read sectors", "sectors");
	read_iostat("oracle_iostat_y_loop1.json", &io);
	CHECK_ERR(tc_iostat__check(&io, 0, 4, &d, msg, sizeof(msg)), 0, msg);
	CHECK_STR(msg, "loop1 kB_read 28,912, kB_wrtn 8,192, kB_dscd 4,096 agree over 4 reports",
		  "message");
	/* The last report was idle: leaving it out changes nothing. */
	CHECK_ERR(tc_iostat__check(&io, 0, 3, &d, msg, sizeof(msg)), 0, msg);
	tc_iostat__free(&io);
}

/* Planted errors on either side are caught, and say by how much (oracle_iostat_y_loop1.json). */
TC_TEST(iostat_crosscheck_catches_planted_errors)
{
	char *text = fixture("oracle_iostat_y_loop1.json"), *bad, msg[256] = "", err[256] = "";
	struct tc_diskstats_dev d, wrong;
	struct tc_iostat io;

	loop1_delta(&d);
	bad = plant(text, "\"kB_read\": 4336", "\"kB_read\": 4344");
	CHECK_ERR(tc_iostat__parse_json(&io, bad, err, sizeof(err)), 0, err);
	CHECK_ERR(tc_iostat__check(&io, 0, 4, &d, msg, sizeof(msg)), -EDOM, "planted kB_read");
	CHECK_STR(msg,
		  "loop1 kB_read 28,920 vs diskstats 57,824 sectors / 2 = 28,912 over 4 "
		  "reports",
		  "message");
	tc_iostat__free(&io);
	free(bad);
	read_iostat("oracle_iostat_y_loop1.json", &io);
	/* A report missing: the 4,336 kB of report 2 are not counted. */
	CHECK_ERR(tc_iostat__check(&io, 0, 2, &d, msg, sizeof(msg)), -EDOM, "reports 0-1 only");
	CHECK_STR(msg,
		  "loop1 kB_read 24,576 vs diskstats 57,824 sectors / 2 = 28,912 over 2 "
		  "reports",
		  "message");
	/* Our arithmetic wrong: discards counted as writes. */
	wrong = d;
	wrong.wr_sectors += wrong.dc_sectors;
	CHECK_ERR(tc_iostat__check(&io, 0, 4, &wrong, msg, sizeof(msg)), -EDOM, "wrong delta");
	CHECK_STR(msg,
		  "loop1 kB_wrtn 8,192 vs diskstats 24,576 sectors / 2 = 12,288 over 4 "
		  "reports",
		  "message");
	snprintf(wrong.name, sizeof(wrong.name), "loop9");
	CHECK_ERR(tc_iostat__check(&io, 0, 4, &wrong, msg, sizeof(msg)), -ENOENT, "loop9");
	CHECK_STR(msg, "loop9: in none of reports [0, 4)", "message");
	CHECK_ERR(tc_iostat__check(&io, 2, 5, &d, msg, sizeof(msg)), -EINVAL, "range");
	tc_iostat__free(&io);
	free(text);
}

/*
 * Hand-written documents in the frame of iostat -o JSON (sysstat 12.6's keys, one line per
 * device as it prints them): IOSTAT_JSON(IOSTAT_REPORT(IOSTAT_LOOP1) "," IOSTAT_REPORT(...)).
 * The frame is line 1, a report's "disk" line 2, its first device line 3.
 */
#define IOSTAT_JSON(reports)                                                                       \
	"{\"sysstat\": {\"hosts\": [{\"nodename\": \"vm\", \"sysname\": \"Linux\", \"release\": "   \
	"\"6.18.44\", \"machine\": \"x86_64\", \"number-of-cpus\": 2, \"date\": \"11/22/26\", "    \
	"\"statistics\": [\n" reports "]}]}}\n"
#define IOSTAT_REPORT(devs) "{\"disk\": [\n" devs "]}\n"
#define IOSTAT_DEV(name, tps, rs, ws, ds, kr, kw, kd)                                              \
	"{\"disk_device\": \"" name "\", \"tps\": " tps ", \"kB_read/s\": " rs                     \
	", \"kB_wrtn/s\": " ws ", \"kB_dscd/s\": " ds ", \"kB_read\": " kr ", \"kB_wrtn\": " kw   \
	", \"kB_dscd\": " kd "}\n"
#define IOSTAT_LOOP1 IOSTAT_DEV("loop1", "384.00", "24576.00", "0.00", "0.00", "24576", "0", "0")

/* Each report rounds its kB down: over n reports, up to n sectors are unaccounted for. */
TC_TEST(iostat_crosscheck_rounding)
{
	static const struct {
		size_t reports;
		__u64 sectors;
		int ret;
	} cases[] = {
		{ 1, 20, 0 }, { 1, 21, 0 }, { 1, 22, -EDOM }, { 1, 19, -EDOM },
		{ 2, 40, 0 }, { 2, 42, 0 }, { 2, 43, -EDOM }, { 2, 39, -EDOM },
	};
	struct tc_diskstats_dev d = { .name = "sda", .nstats = 17 };
	char msg[256] = "", what[64];
	struct tc_iostat io;

	CHECK_ERR(tc_iostat__parse_json(
		      &io,
		      IOSTAT_JSON(IOSTAT_REPORT(IOSTAT_DEV("sda", "1.00", "10.00", "0.00", "0.00",
							   "10", "0", "0")) ","
				  IOSTAT_REPORT(IOSTAT_DEV("sda", "1.00", "10.00", "0.00", "0.00",
							   "10", "0", "0"))),
		      msg, sizeof(msg)),
		  0, msg);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		d.rd_sectors = cases[i].sectors;
		snprintf(what, sizeof(what), "%llu sectors against %zu report(s) of 10 kB",
			 (unsigned long long)cases[i].sectors, cases[i].reports);
		CHECK_ERR(tc_iostat__check(&io, 0, cases[i].reports, &d, msg, sizeof(msg)),
			  cases[i].ret, what);
	}
	CHECK_STR(msg, "sda kB_read 20 vs diskstats 39 sectors / 2 = 19 over 2 reports", "message");
	tc_iostat__free(&io);
}

/*
 * Without -y the first report counts since boot: it matches absolute diskstats.
 * oracle_iostat_since_boot.json: the two reports of `LC_ALL=C iostat -d -k 1 2`, captured as
 * text right after oracle_iostat_since_boot_diskstats.txt, written as sysstat 12.6's -o JSON.
 */
TC_TEST(iostat_since_boot_matches_absolute_counts)
{
	static const char *const devs[] = { "loop0", "loop1", "loop2", "loop3", "loop4", "vda" };
	struct tc_diskstats ds;
	struct tc_iostat io;
	char msg[256] = "";

	read_iostat("oracle_iostat_since_boot.json", &io);
	parse_diskstats("oracle_iostat_since_boot_diskstats.txt", &ds);
	CHECK_U64(io.n, 2, "reports", "");
	CHECK_U64(io.reports[0].n, 6, "devices (those idle since boot are left out)", "");
	check_iodev(&io, 0, "loop1", 33.24, 3272.88, 7557.91, 13304.15, 13737118, 31722493,
		    55840983);
	for (size_t i = 0; i < ARRAY_SIZE(devs); i++) {
		CHECK_ERR(
		    tc_iostat__check(&io, 0, 1, tc_diskstats__find(&ds, devs[i]), msg, sizeof(msg)),
		    0, msg);
	}
	tc_iostat__free(&io);
	tc_diskstats__free(&ds);
}

/* What iostat prints with options or in a locale the oracle cannot use, and broken documents. */
static const struct bad_text bad_iostat[] = {
	/* A locale with a decimal comma: iostat -o JSON prints it too. */
	{ IOSTAT_JSON(IOSTAT_REPORT(IOSTAT_DEV("loop1", "384,00", "24576,00", "0,00", "0,00",
					       "24576", "0", "0"))),
	  "line 3, column 37: quoted object property name expected (a decimal comma: run iostat "
	  "with LC_ALL=C)" },
	{ IOSTAT_JSON(IOSTAT_REPORT("{\"disk_device\": \"loop1\", \"tps\": 384.00, \"kB_read/s\": "
				    "24576.00, \"kB_wrtn/s\": 0.00, \"kB_dscd/s\": 0.00, "
				    "\"kB_read\": 24576, \"kB_wrtn\": 0}\n")),
	  "statistics[0].disk[0] (loop1): no key 'kB_dscd'" },
	{ IOSTAT_JSON(IOSTAT_REPORT(
	      IOSTAT_DEV("loop1", "384.00", "24576.00", "0.00", "0.00", "24576", "0", "\"x\""))),
	  "statistics[0].disk[0] (loop1): kB_dscd: is string, not a number" },
	{ IOSTAT_JSON(IOSTAT_REPORT(
	      IOSTAT_DEV("loop1", "384.00", "24576.00", "0.00", "0.00", "24576.5", "0", "0"))),
	  "statistics[0].disk[0] (loop1): kB_read: is 24576.5, not a whole number" },
	{ IOSTAT_JSON(IOSTAT_REPORT(IOSTAT_LOOP1 "," IOSTAT_LOOP1)),
	  "statistics[0].disk[1] (loop1): the device is listed twice" },
	/* iostat -c: the CPU alone. */
	{ IOSTAT_JSON("{\"avg-cpu\":  {\"user\": 6.75, \"nice\": 0.00, \"system\": 0.25, "
		      "\"iowait\": 0.00, \"steal\": 0.00, \"idle\": 93.00}}\n"),
	  "statistics[0]: no \"disk\" array (run iostat with -d)" },
	/* iostat -d -x -m. */
	{ IOSTAT_JSON(IOSTAT_REPORT("{\"disk_device\": \"loop1\", \"r/s\": 384.00, \"w/s\": 0.00, "
				    "\"d/s\": 0.00, \"f/s\": 0.00, \"rMB/s\": 24.00, \"wMB/s\": "
				    "0.00, \"dMB/s\": 0.00, \"rrqm/s\": 0.00, \"wrqm/s\": 0.00}\n")),
	  "statistics[0].disk[0] (loop1): neither kB_read/s nor rkB/s: run iostat with -k, not -m" },
	/* iostat -d -m. */
	{ IOSTAT_JSON(IOSTAT_REPORT("{\"disk_device\": \"loop1\", \"tps\": 384.00, \"MB_read/s\": "
				    "24.00, \"MB_wrtn/s\": 0.00, \"MB_dscd/s\": 0.00, \"MB_read\": "
				    "24, \"MB_wrtn\": 0, \"MB_dscd\": 0}\n")),
	  "statistics[0].disk[0] (loop1): neither kB_read/s nor rkB/s: run iostat with -k, not -m" },
	/* Two runs' reports in one document: sysstat 12's columns, then 11's, then -x's. */
	{ IOSTAT_JSON(IOSTAT_REPORT(IOSTAT_LOOP1) "," IOSTAT_REPORT(
	      "{\"disk_device\": \"loop1\", \"tps\": 2.00, \"kB_read/s\": 50.00, \"kB_wrtn/s\": "
	      "10.00, \"kB_read\": 100, \"kB_wrtn\": 20}\n")),
	  "statistics[1].disk[0] (loop1): sysstat 11's iostat -d -k's (no discards) columns, but "
	  "the first device has iostat -d -k's" },
	{ IOSTAT_JSON(IOSTAT_REPORT(IOSTAT_LOOP1) "," IOSTAT_REPORT(
	      "{\"disk_device\": \"loop1\", \"r/s\": 384.00, \"w/s\": 0.00, \"d/s\": 0.00, \"f/s\": "
	      "0.00, \"rkB/s\": 24576.00, \"wkB/s\": 0.00, \"dkB/s\": 0.00, \"rrqm/s\": 0.00, "
	      "\"wrqm/s\": 0.00}\n")),
	  "statistics[1].disk[0] (loop1): iostat -d -x -k's columns, but the first device has "
	  "iostat -d -k's" },
	/* Two runs appended to one file. */
	{ IOSTAT_JSON(IOSTAT_REPORT(IOSTAT_LOOP1)) IOSTAT_JSON(IOSTAT_REPORT(IOSTAT_LOOP1)),
	  "line 6, column 1: text after the JSON document" },
	/* The host's keys where a device should be. */
	{ IOSTAT_JSON(IOSTAT_REPORT("{\"nodename\": \"vm\", \"sysname\": \"Linux\"}\n")),
	  "statistics[0].disk[0]: no \"disk_device\" string" },
	{ IOSTAT_JSON(""), "no report: iostat was stopped before its first" },
	{ "{\"sysstat\": {\"hosts\": [{\"nodename\": \"vm\", \"statistics\": [\n"
	  "{\"disk\": [\n{\"disk_device\": \"loop1\", \"tps\": 384.00, \"kB_read/s\": 24",
	  "line 3, column 56: the document is cut short" },
	{ "{\"jobs\": []}\n", "not iostat's JSON (-o JSON): no key 'sysstat' in the top level" },
};

TC_TEST(iostat_rejects_malformed_json)
{
	for (size_t i = 0; i < ARRAY_SIZE(bad_iostat); i++) {
		struct tc_iostat io;
		char err[256] = "", what[48];

		snprintf(what, sizeof(what), "bad JSON %zu", i);
		CHECK_ERR(tc_iostat__parse_json(&io, bad_iostat[i].text, err, sizeof(err)), -EINVAL,
			  what);
		CHECK_STR(err, bad_iostat[i].err, what);
		CHECK_TRUE(!io.reports && !io.n, "iostat:FAIL:%s left reports behind", what);
	}
}

/* sysstat 11: no discard columns (its -o JSON, as sysstat/sysstat#163 shows 11.6's). */
TC_TEST(iostat_sysstat_11_layout)
{
	struct tc_diskstats_dev d = {
		.name = "sda", .nstats = 11, .rd_sectors = 200, .wr_sectors = 41
	};
	struct tc_iostat io;
	char err[256] = "";

	CHECK_ERR(tc_iostat__parse_json(
		      &io,
		      IOSTAT_JSON(IOSTAT_REPORT(
			  "{\"disk_device\": \"sda\", \"tps\": 2.00, \"kB_read/s\": 50.00, "
			  "\"kB_wrtn/s\": 10.00, \"kB_read\": 100, \"kB_wrtn\": 20}\n")),
		      err, sizeof(err)),
		  0, err);
	CHECK_TRUE(!io.has_dscd, "iostat:FAIL:discards in sysstat 11 output");
	CHECK_U64(io.reports[0].devs[0].kb_wrtn, 20, "kB_wrtn", "kB");
	CHECK_ERR(tc_iostat__check(&io, 0, 1, &d, err, sizeof(err)), 0, err);
	CHECK_STR(err, "sda kB_read 100, kB_wrtn 20, kB_dscd - agree over 1 report", "message");
	tc_iostat__free(&io);
}

/* ---- JSON paths ---- */

static json_object *manifest(void)
{
	char err[256] = "";
	json_object *root = NULL;

	CHECK_ERR(tc_json_read("fixtures/oracle_manifest_example.json", &root, err, sizeof(err)), 0,
		  err);
	return root;
}

static void check_path_u64(json_object *root, const char *path, __u64 want)
{
	char err[256] = "";
	__u64 v = 0;

	CHECK_ERR(tc_jsonpath_u64(root, path, &v, err, sizeof(err)), 0, err);
	CHECK_U64(v, want, path, "");
}

TC_TEST(jsonpath_reads_numbers)
{
	json_object *root = manifest(), *arr = NULL;
	char err[256] = "";
	double d = 0;

	check_path_u64(root, "ops.read.bytes_returned", 67108864);
	check_path_u64(root, "per_pid.\"1234\".proc_io.rchar", 67108864);
	check_path_u64(root, "passes[0].read_bytes", 67108864);
	check_path_u64(root, "passes[1].latency_ns.\"99.000000\"", 1504);
	check_path_u64(root, "\"odd keys\".\"a.b\"", 1);
	check_path_u64(root, "\"odd keys\".\"say \\\"hi\\\"\"", 2);
	check_path_u64(root, "\"odd keys\".\"[0]\"", 3);
	check_path_u64(root, "whole_double", 4096);
	check_path_u64(root, "big", 18446744073709551614ULL);
	CHECK_ERR(tc_jsonpath_double(root, "passes[1].latency_ns.mean", &d, err, sizeof(err)), 0,
		  err);
	CHECK_TRUE(d == 812.25, "jsonpath:FAIL:mean unexpected %f != expected 812.25", d);
	CHECK_ERR(tc_jsonpath_double(root, "fraction", &d, err, sizeof(err)), 0, err);
	CHECK_TRUE(d == 1.5, "jsonpath:FAIL:fraction unexpected %f != expected 1.5", d);
	CHECK_ERR(tc_json_parse("[[1, 2], [3, {\"x\": 44}]]", &arr, err, sizeof(err)), 0, err);
	check_path_u64(arr, "[1][1].x", 44);
	check_path_u64(arr, "[0][1]", 2);
	json_object_put(arr);
	json_object_put(root);
}

struct bad_path {
	const char *path;
	int ret;
	const char *err;
};

static const struct bad_path bad_paths[] = {
	{ "per_pid.\"1234\".proc_io.wchar", -ENOENT, "no key 'wchar' in per_pid.\"1234\".proc_io" },
	{ "per_pid.1235.proc_io", -ENOENT, "no key '1235' in per_pid" },
	{ "nope", -ENOENT, "no key 'nope' in the top level" },
	{ "passes[2].read_bytes", -ENOENT, "passes: no [2], it has 2 elements" },
	{ "string_number", -EDOM, "string_number: is string, not a number" },
	{ "nothing", -EDOM, "nothing: is null, not a number" },
	{ "flag", -EDOM, "flag: is boolean, not a number" },
	{ "ops.read", -EDOM, "ops.read: is object, not a number" },
	{ "fraction", -EDOM, "fraction: is 1.5, not a whole number" },
	{ "negative", -ERANGE, "negative: is -5, below 0" },
	{ "passes.read_bytes", -EDOM,
	  "passes: is array, not an object, so it has no key "
	  "'read_bytes'" },
	{ "ops[0]", -EDOM, "ops: is object, not an array, so it has no [0]" },
	{ "workload.x", -EDOM, "workload: is string, not an object, so it has no key 'x'" },
	{ "", -EINVAL, "bad path '' at offset 0: empty" },
	{ "ops..read", -EINVAL,
	  "bad path 'ops..read' at offset 3: expected a key, bare or in "
	  "double quotes" },
	{ "ops.", -EINVAL,
	  "bad path 'ops.' at offset 3: expected a key, bare or in double quotes" },
	{ ".ops", -EINVAL,
	  "bad path '.ops' at offset 0: expected a key, bare or in double quotes" },
	{ "passes[x]", -EINVAL, "bad path 'passes[x]' at offset 6: expected [N]" },
	{ "passes[0", -EINVAL, "bad path 'passes[0' at offset 6: expected [N]" },
	{ "passes[-1]", -EINVAL, "bad path 'passes[-1]' at offset 6: expected [N]" },
	{ "per_pid.\"1234", -EINVAL,
	  "bad path 'per_pid.\"1234' at offset 7: expected a key, bare "
	  "or in double quotes" },
	{ "passes[0]read_bytes", -EINVAL,
	  "bad path 'passes[0]read_bytes' at offset 9: expected "
	  ". or [" },
	{ "ops\"x\"", -EINVAL, "bad path 'ops\"x\"' at offset 3: expected . or [" },
};

TC_TEST(jsonpath_errors_name_the_part_reached)
{
	json_object *root = manifest();

	for (size_t i = 0; i < ARRAY_SIZE(bad_paths); i++) {
		char err[256] = "";
		__u64 v;

		CHECK_ERR(tc_jsonpath_u64(root, bad_paths[i].path, &v, err, sizeof(err)),
			  bad_paths[i].ret, bad_paths[i].path);
		CHECK_STR(err, bad_paths[i].err, bad_paths[i].path);
	}
	json_object_put(root);
}

TC_TEST(json_parse_errors_give_line_and_column)
{
	json_object *root = (json_object *)1;
	char err[256] = "";

	CHECK_ERR(tc_json_parse("{\n  \"a\": 1,\n  \"b\": [1, 2\n", &root, err, sizeof(err)),
		  -EINVAL, "cut short");
	CHECK_STR(err, "line 4, column 1: the document is cut short", "reason");
	CHECK_TRUE(!root, "json:FAIL:a root after an error");
	CHECK_ERR(tc_json_parse("{\"a\": 1}\n{\"b\": 2}\n", &root, err, sizeof(err)), -EINVAL,
		  "two documents");
	CHECK_STR(err, "line 2, column 1: text after the JSON document", "reason");
	CHECK_ERR(tc_json_parse("{\"a\": 1,\n \"b\": x}", &root, err, sizeof(err)), -EINVAL,
		  "bad value");
	CHECK_STR(err, "line 2, column 7: unexpected character", "reason");
	CHECK_ERR(tc_json_parse("{\"a\": 1}\n\n", &root, err, sizeof(err)), 0, err);
	json_object_put(root);
}

/*
 * diskstats.FIELD through the oracle table: each name reads its own member
 * (the offsetof table), the sums too; an unknown name is refused at parse.
 */
TC_TEST(oracle_table_diskstats_fields)
{
	static const struct {
		const char *name;
		double v;
	} want[] = {
		{ "reads", 1 },	       { "read_merges", 2 },   { "read_sectors", 3 },
		{ "read_ms", 4 },      { "writes", 5 },	       { "write_merges", 6 },
		{ "write_sectors", 7 }, { "write_ms", 8 },      { "in_flight", 9 },
		{ "io_ms", 10 },       { "weighted_ms", 11 },  { "discards", 12 },
		{ "discard_merges", 13 }, { "discard_sectors", 14 }, { "discard_ms", 15 },
		{ "flushes", 16 },     { "flush_ms", 17 },     { "ios", 6 },
		{ "read_bytes", 3 * 512 }, { "write_bytes", 7 * 512 },
	};
	struct tc_oracle_window w = { .disk = {
		.rd_ios = 1, .rd_merges = 2, .rd_sectors = 3, .rd_ticks = 4, .wr_ios = 5,
		.wr_merges = 6, .wr_sectors = 7, .wr_ticks = 8, .in_flight = 9, .io_ticks = 10,
		.time_in_queue = 11, .dc_ios = 12, .dc_merges = 13, .dc_sectors = 14,
		.dc_ticks = 15, .fl_ios = 16, .fl_ticks = 17,
	} };
	const struct tc_oracle_truth t = { .win = &w };
	struct tc_oracle_ref o;
	char text[64], why[300];
	double v;

	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		snprintf(text, sizeof(text), "diskstats.%s * 2", want[i].name);
		CHECK_ERR(tc_oracle_parse(text, &o, why, sizeof(why)), 0, why);
		CHECK_ERR(tc_oracle_value(&t, &o, &v, why, sizeof(why)), 0, why);
		CHECK_TRUE(v == 2 * want[i].v, "%s: %g, not %g", text, v, 2 * want[i].v);
	}
	CHECK_ERR(tc_oracle_parse("diskstats.sectors", &o, why, sizeof(why)), -EINVAL, "unknown");
	CHECK_STR(why, "'diskstats.sectors': no such diskstats field (reads, read_bytes, writes, "
		  "write_bytes, read_sectors, ...; see docs/scenarios.md)", "why");
	CHECK_TRUE(tc_oracle_named("pidio.rchar") && !tc_oracle_named("disk_read_bytes"), "named");
}

/* What tc_wait_idle() compares between two readings: every statistic, in-flight too. */
TC_TEST(diskstats_same_counters)
{
	struct tc_diskstats_dev a = dev17("loop1", 5, 108, 0), b = a;

	CHECK_TRUE(tc_diskstats_dev__same(&a, &b), "diskstats:FAIL:a copy differs");
	snprintf(b.name, sizeof(b.name), "loop2");
	CHECK_TRUE(tc_diskstats_dev__same(&a, &b), "diskstats:FAIL:the name is no statistic");
	for (int i = 0; i < 17; i++) {
		__u64 *f = &b.rd_ios + i;

		b = a;
		(*f)++;
		CHECK_TRUE(!tc_diskstats_dev__same(&a, &b), "diskstats:FAIL:statistic %d not compared",
			   i + 1);
	}
	b = a;
	b.nstats = 15;
	CHECK_TRUE(!tc_diskstats_dev__same(&a, &b), "diskstats:FAIL:layouts not compared");
}

/*
 * The window's oracles through their table entries, as harness/window.c
 * reads them: a snapshot at the opening, the delta at the close. The
 * kernel's file is a fixture here, a different one at each end.
 */
static int window_delta(enum tc_oracle_kind k, const char *dev, const char *before,
			const char *after, struct tc_oracle_window *w, char *why, size_t size)
{
	const struct tc_oracle *o = &tc_oracles[k];
	union tc_oracle_snap snap = {};
	struct tc_oracle_at at = { .dev = dev, .path = before };
	int ret;

	ret = o->snapshot(&at, &snap, why, size);
	at.path = after;
	if (!ret)
		ret = o->delta(&at, &snap, w, why, size);
	o->release(&snap);
	return ret;
}

TC_TEST(oracle_table_window_diskstats)
{
	struct tc_oracle_window w = {};
	const struct tc_oracle_truth t = { .win = &w };
	struct tc_oracle_ref o;
	char why[300] = "";
	double v;

	CHECK_ERR(window_delta(TC_ORACLE_DISKSTATS, "loop1",
			       "fixtures/oracle_diskstats_k6.18_before.txt",
			       "fixtures/oracle_diskstats_k6.18_after.txt", &w, why, sizeof(why)),
		  0, why);
	CHECK_U64(w.disk.rd_sectors, 32768, "read sectors", "sectors");
	CHECK_U64(w.disk.wr_ios, 8, "writes", "requests");
	CHECK_ERR(tc_oracle_parse("diskstats.read_bytes", &o, why, sizeof(why)), 0, why);
	CHECK_ERR(tc_oracle_value(&t, &o, &v, why, sizeof(why)), 0, why);
	CHECK_TRUE(v == 16777216, "diskstats.read_bytes: %g", v);
	/* Planted: the ends swapped (counters went down), a device not there. */
	CHECK_ERR(window_delta(TC_ORACLE_DISKSTATS, "loop1",
			       "fixtures/oracle_diskstats_k6.18_after.txt",
			       "fixtures/oracle_diskstats_k6.18_before.txt", &w, why, sizeof(why)),
		  -ERANGE, "swapped");
	CHECK_TRUE(strstr(why, "loop1: ") && strstr(why, "went down"), "why: %s", why);
	CHECK_ERR(window_delta(TC_ORACLE_DISKSTATS, "loop9",
			       "fixtures/oracle_diskstats_k6.18_before.txt",
			       "fixtures/oracle_diskstats_k6.18_after.txt", &w, why, sizeof(why)),
		  -ENOENT, "no device");
	CHECK_STR(why, "loop9: not in the first snapshot", "why");
	CHECK_ERR(window_delta(TC_ORACLE_DISKSTATS, "loop1", "fixtures/no_such_diskstats",
			       "fixtures/oracle_diskstats_k6.18_after.txt", &w, why, sizeof(why)),
		  -ENOENT, "no file");
	CHECK_TRUE(strstr(why, "fixtures/no_such_diskstats") != NULL, "why: %s", why);
}

/* The value of an oracle reference TEXT over the window of t. */
static double oracle_v(const struct tc_oracle_truth *t, const char *text)
{
	struct tc_oracle_ref o;
	char why[300] = "";
	double v = -1;

	CHECK_ERR(tc_oracle_parse(text, &o, why, sizeof(why)), 0, why);
	CHECK_ERR(tc_oracle_value(t, &o, &v, why, sizeof(why)), 0, why);
	return v;
}

/*
 * iostat.FIELD, a rate, is that rate times iostat's interval, which is a
 * total over its rate: 8,192 kB read at 1000.04 kB/s gives back 8,192 kB,
 * whole, not 8,191.999999999999 (a double's round-off, which prints as
 * "8,388,608.000" and fails an exact check: the likely cause of a CI run's
 * failed t_oracles 7, whose log kept no reason). Kept to the thousandth:
 * iostat prints its rates to the hundredth.
 */
TC_TEST(oracle_iostat_rate_times_interval)
{
	struct tc_oracle_window w = { .have_iostat = true, .iostat_secs = 9 };
	const struct tc_oracle_truth t = { .win = &w };
	double v;

	w.iostat[0] = (struct tc_iostat_dev){ .name = "loop1", .kb_read = 8192,
					      .kb_read_s = 1000.04 };
	w.iostat[1] = (struct tc_iostat_dev){ .name = "loop1", .extended = true,
					      .rkb_s = 1000.04, .r_s = 15.63 };
	v = oracle_v(&t, "iostat.rkB/s * 1024");
	CHECK_TRUE(v == 8388608, "iostat.rkB/s * 1024: %.17g, not 8388608", v);
	v = oracle_v(&t, "iostat.kB_read/s");
	CHECK_TRUE(v == 8192, "iostat.kB_read/s: %.17g, not 8192", v);
	/* Another kind's rate keeps its thousandths: 15.63 r/s over 8.19167 s: 128.0358. */
	v = oracle_v(&t, "iostat.r/s");
	CHECK_TRUE(v == 128.036, "iostat.r/s: %.17g, not 128.036", v);
	/* A total is as printed; with no I/O, our own timing of the window. */
	v = oracle_v(&t, "iostat.kB_read");
	CHECK_TRUE(v == 8192, "iostat.kB_read: %.17g", v);
	w.iostat[0].kb_read = 0;
	v = oracle_v(&t, "iostat.r/s");
	CHECK_TRUE(v == 140.67, "iostat.r/s, no kB moved: %.17g, not 15.63 * 9", v);
}

TC_TEST(oracle_table_window_procstat)
{
	struct tc_oracle_window w = {};
	char why[300] = "";

	CHECK_ERR(window_delta(TC_ORACLE_PROCSTAT, NULL, "fixtures/oracle_stat_k6.18_before.txt",
			       "fixtures/oracle_stat_k6.18_after.txt", &w, why, sizeof(why)),
		  0, why);
	CHECK_U64(w.procstat.processes, 120, "forks", "forks");
	CHECK_U64(w.procstat.ctxt, 2538737 - 2537909, "context switches", "");
	/* Planted: the ends swapped. */
	CHECK_ERR(window_delta(TC_ORACLE_PROCSTAT, NULL, "fixtures/oracle_stat_k6.18_after.txt",
			       "fixtures/oracle_stat_k6.18_before.txt", &w, why, sizeof(why)),
		  -ERANGE, "swapped");
	tc_procstat__free(&w.procstat);
}

/* iostat takes its own readings: the delta is the device in its second reports. */
TC_TEST(oracle_table_window_iostat)
{
	const struct tc_oracle *io = &tc_oracles[TC_ORACLE_IOSTAT];
	struct tc_oracle_at at = { .dev = "loop1", .files = {
		"fixtures/oracle_iostat_since_boot.json", "fixtures/oracle_iostat_since_boot.json" } };
	struct tc_oracle_window w = {};
	struct tc_iostat want;
	char why[300] = "";

	CHECK_TRUE(!io->snapshot && !io->release, "iostat:FAIL:a reading of its own at the opening");
	read_iostat("oracle_iostat_since_boot.json", &want);
	CHECK_ERR(io->delta(&at, NULL, &w, why, sizeof(why)), 0, why);
	CHECK_STR(w.iostat[0].name, "loop1", "device");
	CHECK_U64(w.iostat[0].kb_read, tc_iostat_report__find(&want.reports[1], "loop1")->kb_read,
		  "kB_read of the second report", "kB");
	/* Our diskstats delta of nothing against iostat's: the disagreement is a note. */
	CHECK_TRUE(!strncmp(w.notes, "iostat disagrees with diskstats over the window: ", 49),
		   "notes: '%s'", w.notes);
	tc_iostat__free(&want);
	/* Planted: four reports, not two; a device iostat did not report. */
	at.files[0] = "fixtures/oracle_iostat_y_loop1.json";
	CHECK_ERR(io->delta(&at, NULL, &w, why, sizeof(why)), -EINVAL, "4 reports");
	CHECK_STR(why, "fixtures/oracle_iostat_y_loop1.json: 4 reports, not 2: iostat did not "
		  "report at the window's end", "why");
	at.files[0] = at.files[1];
	at.dev = "loop9";
	CHECK_ERR(io->delta(&at, NULL, &w, why, sizeof(why)), -ENOENT, "no device");
	CHECK_STR(why, "fixtures/oracle_iostat_since_boot.json: no loop9 in its report", "why");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diskstats_k618_every_field),
		cmocka_unit_test(oracle_table_diskstats_fields),
		cmocka_unit_test(diskstats_14_fields),
		cmocka_unit_test(diskstats_18_fields),
		cmocka_unit_test(diskstats_delta_of_known_io),
		cmocka_unit_test(diskstats_delta_wraps_milliseconds),
		cmocka_unit_test(diskstats_delta_refuses_counter_going_down),
		cmocka_unit_test(diskstats_rejects_malformed_text),
		cmocka_unit_test(diskstats_read_truncated_file),
		cmocka_unit_test(diskstats_reads_this_machine),
		cmocka_unit_test(pidio_direct_read_and_cancelled_write),
		cmocka_unit_test(pidio_delta_includes_reaped_children),
		cmocka_unit_test(pidio_rejects_malformed_text),
		cmocka_unit_test(pidio_live_counts_our_reads_exactly),
		cmocka_unit_test(pidio_reaped_process_is_gone),
		cmocka_unit_test(procstat_k618_every_field),
		cmocka_unit_test(procstat_delta),
		cmocka_unit_test(procstat_old_kernel_8_columns),
		cmocka_unit_test(procstat_rejects_malformed_text),
		cmocka_unit_test(procstat_delta_counters_going_down),
		cmocka_unit_test(fio_psync),
		cmocka_unit_test(fio_libaio),
		cmocka_unit_test(fio_io_uring_two_jobs),
		cmocka_unit_test(fio_skips_notes_before_the_json),
		cmocka_unit_test(fio_rejects_malformed_output),
		cmocka_unit_test(iostat_interval_reports),
		cmocka_unit_test(oracle_iostat_rate_times_interval),
		cmocka_unit_test(iostat_agrees_with_diskstats_arithmetic),
		cmocka_unit_test(iostat_crosscheck_catches_planted_errors),
		cmocka_unit_test(iostat_crosscheck_rounding),
		cmocka_unit_test(iostat_since_boot_matches_absolute_counts),
		cmocka_unit_test(iostat_rejects_malformed_json),
		cmocka_unit_test(iostat_sysstat_11_layout),
		cmocka_unit_test(jsonpath_reads_numbers),
		cmocka_unit_test(jsonpath_errors_name_the_part_reached),
		cmocka_unit_test(json_parse_errors_give_line_and_column),
		cmocka_unit_test(oracle_table_window_diskstats),
		cmocka_unit_test(oracle_table_window_procstat),
		cmocka_unit_test(oracle_table_window_iostat),
		cmocka_unit_test(diskstats_same_counters),
	};

	setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
	return tc_unit_run("test_oracles", tests, ARRAY_SIZE(tests), NULL, 0);
}
