/*
 * Trace readers: the folder format (plain and .gz), the packed CSV form, the shipped days, and
 * every kind of bad input with its message (file, line, column, what was expected).
 * Fixtures: tests/data/trace/ (good/ has names out of creation order, one with a space).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "suites.h"
#include "trace.h"
#include "trace_internal.h"

static struct trace_set *read_ok(const char *rel, size_t max_vms)
{
	struct diag d;
	diag_init(&d);
	struct trace_set *t = trace_read(test_srcpath(rel), max_vms, &d);
	ck_assert_msg(t != NULL, "%s: %s", rel, d.count ? d.msg[0] : "?");
	return t;
}

/* Reads an absolute path (a folder made by the test). */
static struct trace_set *read_ok_abs(const char *path)
{
	struct diag d;
	diag_init(&d);
	struct trace_set *t = trace_read(path, 0, &d);
	ck_assert_msg(t != NULL, "%s: %s", path, d.count ? d.msg[0] : "?");
	return t;
}

/* Reads rel expecting failure; returns the diag for message checks. */
static struct diag read_bad(const char *rel, size_t max_vms)
{
	struct diag d;
	diag_init(&d);
	ck_assert_ptr_null(trace_read(test_srcpath(rel), max_vms, &d));
	ck_assert_int_ge(d.count, 1);
	return d;
}

static int has(const struct diag *d, const char *needle)
{
	for (int i = 0; i < d->count; i++)
		if (strstr(d->msg[i], needle) != NULL)
			return 1;
	return 0;
}

/* Writes len bytes to path (a fixture made by the test: some hold NUL bytes). */
static void put_file(const char *path, const char *bytes, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Writes pattern repeated to total bytes through gzip (fast level: the tests make bombs). */
static void put_gz(const char *path, const char *pattern, size_t total)
{
	gzFile gz = gzopen(path, "wb1");
	ck_assert_ptr_nonnull(gz);
	char chunk[1 << 16];
	size_t plen = strlen(pattern);
	for (size_t k = 0; k < sizeof chunk; k++)
		chunk[k] = pattern[k % plen];
	for (size_t done = 0; done < total;) {
		size_t n = total - done < sizeof chunk ? total - done : sizeof chunk;
		n -= n % plen ? n % plen : 0;
		ck_assert_int_eq(gzwrite(gz, chunk, (unsigned)n), (int)n);
		done += n;
	}
	ck_assert_int_eq(gzclose(gz), Z_OK);
}

/* Expects trace_read(path) to fail with needle in one of its messages. */
static void expect_bad(const char *path, const char *needle)
{
	struct diag d;
	diag_init(&d);
	ck_assert_ptr_null(trace_read(path, 0, &d));
	ck_assert_msg(has(&d, needle), "%s: no \"%s\" in \"%s\"", path, needle, d.count ? d.msg[0] : "");
}

/* Removes a test's temp folder and what it holds (one level). */
static void rm_tree(const char *dir)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void assert_good_values(const struct trace_set *t)
{
	/* Byte-wise order: "C" < "a_vm" < "b vm". */
	ck_assert_uint_eq(t->n_vms, 3);
	ck_assert_str_eq(t->names[0], "C");
	ck_assert_str_eq(t->names[1], "a_vm");
	ck_assert_str_eq(t->names[2], "b vm");
	const double want[3][3] = { { 61, 62, 63 }, { 5, 100, 0 }, { 12, 7, 33 } };
	for (int i = 0; i < 3; i++) {
		ck_assert_uint_eq(t->n_samples[i], 3);
		for (int k = 0; k < 3; k++)
			ck_assert_double_eq(t->pct[i][k], want[i][k]);
	}
}

START_TEST(test_trace_folder_byte_order)
{
	struct trace_set *t = read_ok("tests/data/trace/good", 0);
	assert_good_values(t);
	ck_assert_str_eq(t->day, "good");
	ck_assert_msg(strstr(t->sources[2], "good/b vm") != NULL, "%s", t->sources[2]);
	trace_destroy(t);
}
END_TEST

START_TEST(test_trace_gz_equals_plain)
{
	struct trace_set *t = read_ok("tests/data/trace/goodgz", 0);
	assert_good_values(t); /* names without .gz, same values */
	trace_destroy(t);
}
END_TEST

START_TEST(test_trace_max_vms)
{
	struct trace_set *t = read_ok("tests/data/trace/good", 2);
	ck_assert_uint_eq(t->n_vms, 2);
	ck_assert_str_eq(t->names[1], "a_vm");
	trace_destroy(t);
	struct diag d = read_bad("tests/data/trace/good", 5);
	ck_assert(has(&d, "has 3 trace files; the experiment needs 5"));
}
END_TEST

START_TEST(test_trace_packed_round_trip)
{
	struct trace_set *t = read_ok("tests/data/trace/good", 0);
	char dir[] = "/tmp/greenmig-trace-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char out[256];
	snprintf(out, sizeof out, "%s/good.csv.gz", dir);
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(trace_write_packed(t, out, &d), 0);
	struct trace_set *p = trace_read(out, 0, &d);
	ck_assert_ptr_nonnull(p);
	assert_good_values(p);
	ck_assert_str_eq(p->day, "good");
	ck_assert_int_eq(p->source_lines[0], 2);
	ck_assert_int_eq(p->source_lines[2], 4);
	trace_destroy(p);
	trace_destroy(t);
	unlink(out);
	rmdir(dir);
}
END_TEST

START_TEST(test_trace_packed_quoted_names)
{
	struct trace_set *t = read_ok("tests/data/trace/quoted.csv", 0);
	ck_assert_uint_eq(t->n_vms, 2);
	ck_assert_str_eq(t->names[0], "x, \"y\"");
	ck_assert_double_eq(t->pct[1][2], 6);
	trace_destroy(t);
}
END_TEST

START_TEST(test_trace_shipped_days)
{
	/* The packed PlanetLab days: VM counts as in CloudSim's folders, 288 samples each. */
	struct trace_set *t = read_ok("traces/planetlab/20110303.csv.gz", 0);
	ck_assert_uint_eq(t->n_vms, 1052);
	for (size_t i = 0; i < t->n_vms; i++)
		ck_assert_uint_eq(t->n_samples[i], 288);
	ck_assert_str_eq(t->names[0], "146-179_surfsnel_dsl_internl_net_colostate_557");
	ck_assert_double_eq(t->pct[0][0], 24);
	ck_assert_double_eq(t->pct[0][287], 51);
	trace_destroy(t);
	t = read_ok("traces/planetlab/20110306.csv.gz", 0);
	ck_assert_uint_eq(t->n_vms, 898);
	trace_destroy(t);
}
END_TEST

START_TEST(test_trace_resolve_day)
{
	struct diag d;
	diag_init(&d);
	char *p = trace_resolve_day(test_srcpath("traces/planetlab"), "20110306", &d);
	ck_assert_ptr_nonnull(p);
	ck_assert_msg(strstr(p, "traces/planetlab/20110306.csv.gz") != NULL, "%s", p);
	free(p);
	ck_assert_ptr_null(trace_resolve_day(test_srcpath("traces/planetlab"), "20990101", &d));
	ck_assert_msg(strstr(d.msg[0], "has no day '20990101' (days: 20110303, 20110306, 20110309") != NULL,
		      "%s", d.msg[0]);
	/* A day folder named directly is used as it is. */
	p = trace_resolve_day(test_srcpath("tests/data/trace/good"), "20110303", &d);
	ck_assert_ptr_nonnull(p);
	free(p);
	char **days;
	long n = trace_list_days(test_srcpath("traces/planetlab"), &days, &d);
	ck_assert_int_eq(n, 10);
	ck_assert_str_eq(days[9], "20110420");
	for (long i = 0; i < n; i++)
		free(days[i]);
	free(days);
}
END_TEST

START_TEST(test_trace_check_samples)
{
	struct trace_set *t = read_ok("tests/data/trace/good", 0);
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(trace_check_samples(t, 3, &d), 0);
	ck_assert_int_eq(trace_check_samples(t, 288, &d), -1);
	ck_assert_int_eq(d.count, 3);
	ck_assert_msg(strstr(d.msg[0], "good/C:3: trace of VM \"C\" has 3 samples; the simulation needs 288") != NULL,
		      "%s", d.msg[0]);
	trace_destroy(t);
}
END_TEST

START_TEST(test_trace_bad_lines_all_reported)
{
	struct diag d = read_bad("tests/data/trace/bad", 0);
	ck_assert_int_eq(d.count, 5);
	ck_assert(has(&d, "bad/vm1:2: \"abc\" is not a CPU percentage (expected an integer 0-100)"));
	ck_assert(has(&d, "bad/vm1:3: \"-5\" is out of range (expected an integer CPU percentage 0-100)"));
	ck_assert(has(&d, "bad/vm1:4: \"101\" is out of range"));
	ck_assert(has(&d, "bad/vm1:5: \"12,5\" is not a CPU percentage"));
	ck_assert(has(&d, "bad/vm1:6: empty line (expected an integer CPU percentage 0-100)"));
}
END_TEST

START_TEST(test_trace_empty_file)
{
	struct diag d = read_bad("tests/data/trace/empty-file", 0);
	ck_assert(has(&d, "empty-file/vm:1: empty file (expected one integer CPU percentage per line)"));
}
END_TEST

START_TEST(test_trace_missing_and_empty_folder)
{
	struct diag d = read_bad("tests/data/trace/no-such-folder", 0);
	ck_assert(has(&d, "no-such-folder: cannot open: No such file or directory"));
	char dir[] = "/tmp/greenmig-empty-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	diag_init(&d);
	ck_assert_ptr_null(trace_read(dir, 0, &d));
	ck_assert(has(&d, "no trace files in folder (expected one file per VM)"));
	rmdir(dir);
}
END_TEST

START_TEST(test_trace_csv_errors)
{
	struct diag d = read_bad("tests/data/trace/ragged.csv", 0);
	ck_assert(has(&d, "ragged.csv:3:4: row has 3 fields; the header has 4 (a VM name and 3 samples)"));
	d = read_bad("tests/data/trace/badheader.csv", 0);
	ck_assert(has(&d, "badheader.csv:1:1: header starts with \"name\" (expected \"vm\""));
	d = read_bad("tests/data/trace/unsorted.csv", 0);
	ck_assert(has(&d, "unsorted.csv:3:1: VM \"a\" is out of byte-wise name order"));
	/* Rows past the VMs kept are still checked. */
	d = read_bad("tests/data/trace/ragged.csv", 1);
	ck_assert(has(&d, "ragged.csv:3:4:"));
}
END_TEST

START_TEST(test_trace_gzip_errors)
{
	struct diag d = read_bad("tests/data/trace/corrupt.gz", 0);
	ck_assert(has(&d, "corrupt.gz: corrupt or truncated gzip stream"));
	d = read_bad("tests/data/trace/truncated.gz", 0);
	ck_assert(has(&d, "truncated.gz: corrupt or truncated gzip stream (unexpected end of file)"));
}
END_TEST

START_TEST(test_trace_unreadable)
{
	/* A folder where a trace file should be: unreadable even for root. */
	char dir[] = "/tmp/greenmig-unread-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char p[256];
	snprintf(p, sizeof p, "%s/day.csv.gz", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	struct diag d;
	diag_init(&d);
	ck_assert_ptr_null(trace_read(p, 0, &d));
	ck_assert(has(&d, "no trace files in folder"));
	rmdir(p);
	/* A path through a regular file. */
	diag_init(&d);
	ck_assert_ptr_null(trace_read(test_srcpath("tests/data/trace/good/C/x"), 0, &d));
	ck_assert(has(&d, "good/C/x: cannot open: Not a directory"));
	rmdir(dir);
}
END_TEST

START_TEST(test_trace_nul_byte)
{
	/* "5\0abc" was read as 5; a NUL in a packed name gave an empty name. */
	char dir[] = "/tmp/greenmig-nul-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char day[300], p[400];
	snprintf(day, sizeof day, "%s/day", dir);
	ck_assert_int_eq(mkdir(day, 0700), 0);
	snprintf(p, sizeof p, "%s/vm", day);
	put_file(p, "7\n5\0abc\n", 8);
	expect_bad(day, "day/vm:2:2: NUL byte (a trace file is text)");
	snprintf(p, sizeof p, "%s/nul.csv", dir);
	put_file(p, "vm,0\n\0x,5\n", 11);
	expect_bad(p, "nul.csv:2:1: NUL byte (a trace file is text)");
	snprintf(p, sizeof p, "%s/quoted.csv", dir);
	put_file(p, "vm,0\n\"a\0\",5\n", 12);
	expect_bad(p, "quoted.csv:2:3: NUL byte");
	rm_tree(dir);
}
END_TEST

START_TEST(test_trace_size_limits)
{
	/* Decompression bombs stop at the limits, read as they stream (a few MB here, not GBs). */
	char dir[] = "/tmp/greenmig-bomb-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char day[300], p[400];
	snprintf(day, sizeof day, "%s/day", dir);
	ck_assert_int_eq(mkdir(day, 0700), 0);
	snprintf(p, sizeof p, "%s/vm.gz", day);
	put_gz(p, "0", 4 << 20);
	expect_bad(day, "day/vm.gz:1: line longer than 64 bytes once decompressed (a VM file holds one "
			"CPU percentage per line: at most 64 bytes a line, 4 MiB a file)");
	put_gz(p, "0\n", 5 << 20);
	expect_bad(day, "day/vm.gz: more than 4194304 bytes once decompressed");
	/* A line of exactly the limit is read (then rejected as a value, not for its length). */
	char line[TRACE_LINE_MAX + 1];
	memset(line, ' ', TRACE_LINE_MAX);
	line[TRACE_LINE_MAX - 1] = '5';
	line[TRACE_LINE_MAX] = '\n';
	put_file(p, line, sizeof line);
	struct trace_set *t = trace_read(day, 0, &(struct diag){ 0 });
	ck_assert_ptr_nonnull(t);
	ck_assert_double_eq(t->pct[0][0], 5);
	trace_destroy(t);
	snprintf(p, sizeof p, "%s/bomb.csv.gz", dir);
	put_gz(p, "0", 3 << 20);
	expect_bad(p, "bomb.csv.gz:1: line longer than 1048576 bytes once decompressed (a packed day "
			"holds a header and one row per VM: at most 1 MiB a line, 256 MiB a file)");
	rm_tree(dir);
}
END_TEST

/* A set of n VMs of k samples, names and values to be filled in; freed by trace_destroy. */
static struct trace_set *new_set(size_t n, size_t k)
{
	struct trace_set *t = calloc(1, sizeof *t);
	ck_assert_ptr_nonnull(t);
	t->path = strdup("made-by-test");
	t->day = strdup("made-by-test");
	t->n_vms = n;
	t->names = calloc(n, sizeof *t->names);
	t->sources = calloc(n, sizeof *t->sources);
	t->source_lines = calloc(n, sizeof *t->source_lines);
	t->n_samples = calloc(n, sizeof *t->n_samples);
	t->pct = calloc(n, sizeof *t->pct);
	for (size_t i = 0; i < n; i++) {
		t->sources[i] = strdup("made-by-test");
		t->n_samples[i] = k;
		t->pct[i] = calloc(k ? k : 1, sizeof *t->pct[i]);
	}
	return t;
}

/* Writes t packed to dir/p.csv.gz, reads it back, and checks the same names and values. */
static void assert_round_trip(const struct trace_set *t, const char *dir)
{
	char out[300];
	snprintf(out, sizeof out, "%s/p.csv.gz", dir);
	struct diag d;
	diag_init(&d);
	ck_assert_msg(trace_write_packed(t, out, &d) == 0, "write: %s", d.count ? d.msg[0] : "?");
	struct trace_set *r = trace_read(out, 0, &d);
	ck_assert_msg(r != NULL, "read back: %s", d.count ? d.msg[0] : "?");
	ck_assert_uint_eq(r->n_vms, t->n_vms);
	for (size_t i = 0; i < t->n_vms; i++) {
		ck_assert_msg(strcmp(r->names[i], t->names[i]) == 0, "VM %zu: \"%s\" read back as \"%s\"", i,
			      t->names[i], r->names[i]);
		ck_assert_uint_eq(r->n_samples[i], t->n_samples[i]);
		for (size_t k = 0; k < t->n_samples[i]; k++)
			ck_assert_double_eq(r->pct[i][k], t->pct[i][k]);
	}
	trace_destroy(r);
	unlink(out);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

START_TEST(test_trace_packed_blank_names)
{
	/* "a" and "a<TAB>" packed fine, then read back as "a" twice. */
	char dir[] = "/tmp/greenmig-tab-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	const char *names[] = { "\t", "\tx", " ", " x", "a", "a\t", "a \t", "b\r", "c\r\nd", "e,f", "g\"" };
	size_t n = sizeof names / sizeof names[0];
	struct trace_set *t = new_set(n, 2);
	for (size_t i = 0; i < n; i++) {
		t->names[i] = strdup(names[i]);
		t->pct[i][0] = (double)i;
		t->pct[i][1] = 100;
	}
	assert_round_trip(t, dir);
	trace_destroy(t);
	rm_tree(dir);
}
END_TEST

START_TEST(test_trace_packed_round_trip_random)
{
	/* Property: any names (bytes but NUL and '/', as a file name may hold) and values survive
	 * write_packed then read. A fixed xorshift64 generator: the same cases every run. */
	char dir[] = "/tmp/greenmig-prop-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	unsigned long long x = 0x9e3779b97f4a7c15ULL;
#define NEXT() (x ^= x << 13, x ^= x >> 7, x ^= x << 17, x)
	for (int round = 0; round < 200; round++) {
		size_t n = 1 + NEXT() % 12, k = 1 + NEXT() % 6;
		char **names = calloc(n, sizeof *names);
		for (size_t i = 0; i < n; i++) {
			size_t len = 1 + NEXT() % (round % 4 == 0 ? 3 : 24);
			names[i] = malloc(len + 1);
			for (size_t c = 0; c < len; c++) {
				/* Half the bytes from the ones CSV cares about, half from all of 1-255. */
				static const char special[] = " \t,\"\r\n'#;\\\v\f";
				char ch = NEXT() % 2 ? special[NEXT() % (sizeof special - 1)] : (char)(1 + NEXT() % 255);
				names[i][c] = ch == '/' ? 'x' : ch;
			}
			names[i][len] = '\0';
		}
		qsort(names, n, sizeof *names, cmp_name);
		size_t m = 0; /* distinct names */
		for (size_t i = 0; i < n; i++) {
			if (m > 0 && strcmp(names[m - 1], names[i]) == 0)
				free(names[i]);
			else
				names[m++] = names[i];
		}
		struct trace_set *t = new_set(m, k);
		for (size_t i = 0; i < m; i++) {
			t->names[i] = names[i];
			for (size_t j = 0; j < k; j++)
				t->pct[i][j] = (double)(NEXT() % 101);
		}
		free(names);
		assert_round_trip(t, dir);
		trace_destroy(t);
	}
#undef NEXT
	rm_tree(dir);
}
END_TEST

START_TEST(test_trace_packed_write_refuses)
{
	/* What the reader would refuse is not written: nothing is left behind. */
	char dir[] = "/tmp/greenmig-refuse-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char out[300];
	snprintf(out, sizeof out, "%s/p.csv.gz", dir);
	struct trace_set *t = new_set(2, 1);
	t->names[0] = strdup("");
	t->names[1] = strdup("b");
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(trace_write_packed(t, out, &d), -1);
	ck_assert(has(&d, "VM 1 has an empty name (the packed format needs one)"));
	free(t->names[0]);
	t->names[0] = strdup("b");
	diag_init(&d);
	ck_assert_int_eq(trace_write_packed(t, out, &d), -1);
	ck_assert(has(&d, "VM \"b\" appears twice (the packed format keeps VMs in byte-wise name order)"));
	free(t->names[0]);
	t->names[0] = strdup("a");
	t->pct[1][0] = 12.5;
	diag_init(&d);
	ck_assert_int_eq(trace_write_packed(t, out, &d), -1);
	ck_assert(has(&d, "VM \"b\": sample 1 is 12.5 (the packed format holds integer CPU percentages 0-100)"));
	trace_destroy(t);
	/* A row past the line limit: 600000 samples of 100 make 2.4 MB. */
	t = new_set(1, 600000);
	t->names[0] = strdup("long");
	for (size_t k = 0; k < t->n_samples[0]; k++)
		t->pct[0][k] = 100;
	diag_init(&d);
	ck_assert_int_eq(trace_write_packed(t, out, &d), -1);
	ck_assert(has(&d, "600000 samples make a header of 5629626 bytes, more than a packed day's 1048576 a line"));
	trace_destroy(t);
	t = new_set(1, 1);
	t->names[0] = calloc(TRACE_ROW_MAX + 1, 1);
	memset(t->names[0], 'n', TRACE_ROW_MAX);
	diag_init(&d);
	ck_assert_int_eq(trace_write_packed(t, out, &d), -1);
	ck_assert_msg(has(&d, "its row would be 1048579 bytes, more than a packed day's 1048576 a line"), "%s", d.msg[0]);
	trace_destroy(t);
	ck_assert_int_eq(access(out, F_OK), -1);
	char tmp[310];
	snprintf(tmp, sizeof tmp, "%s.tmp", out);
	ck_assert_int_eq(access(tmp, F_OK), -1);
	rm_tree(dir);
}
END_TEST

START_TEST(test_trace_folder_odd_entries)
{
	/* Each was skipped in silence (a day of 290 VMs instead of 291); a link to a file is fine. */
	char dir[] = "/tmp/greenmig-odd-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char p[300], q[300];
	snprintf(p, sizeof p, "%s/vm", dir);
	put_file(p, "5\n", 2);
	snprintf(p, sizeof p, "%s/.hidden-link", dir);
	ck_assert_int_eq(symlink("nowhere", p), 0); /* hidden: not a trace, ignored as before */
	snprintf(p, sizeof p, "%s/link", dir);
	ck_assert_int_eq(symlink("vm", p), 0);
	struct trace_set *t = read_ok_abs(dir);
	ck_assert_uint_eq(t->n_vms, 2);
	ck_assert_str_eq(t->names[0], "link");
	trace_destroy(t);
	snprintf(p, sizeof p, "%s/dangling", dir);
	ck_assert_int_eq(symlink("nowhere", p), 0);
	expect_bad(dir, "/dangling: dangling symbolic link (a day folder holds one regular file per VM)");
	unlink(p);
	snprintf(p, sizeof p, "%s/loop1", dir);
	snprintf(q, sizeof q, "%s/loop2", dir);
	ck_assert_int_eq(symlink("loop2", p), 0);
	ck_assert_int_eq(symlink("loop1", q), 0);
	expect_bad(dir, "/loop1: symbolic link loop (a day folder holds one regular file per VM)");
	expect_bad(dir, "/loop2: symbolic link loop");
	unlink(p);
	unlink(q);
	snprintf(p, sizeof p, "%s/fifo", dir);
	ck_assert_int_eq(mkfifo(p, 0600), 0);
	expect_bad(dir, "/fifo: is a FIFO, not a trace file (a day folder holds one regular file per VM)");
	unlink(p);
	snprintf(p, sizeof p, "%s/sub", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	expect_bad(dir, "/sub: is a folder, not a trace file");
	rm_tree(dir);
}
END_TEST

/* A run over several days: the first day read, the others located and read one at a time, each
 * checked against the first; and trace_has_memory reading only a header. */
START_TEST(test_trace_days)
{
	char dir[] = "/tmp/check-trace-days.XXXXXX", path[64];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	static const char *const days[] = {
		"vm,0,300,cores,mhz,ram_mb,mem_0,mem_300\na,1,2,2,,1024,10,20\nb,3,4,1,,512,30,40\n",
		"vm,0,300,cores,mhz,ram_mb,mem_0,mem_300\na,5,6,2,,1024,50,60\nb,7,8,1,,512,70,80\n",
		"vm,0,300,cores,mhz,ram_mb,mem_0,mem_300\na,9,10,2,,1024,90,91\nc,11,12,1,,512,92,93\n",
	};
	for (int j = 0; j < 3; j++) {
		snprintf(path, sizeof path, "%s/d%d.csv", dir, j + 1);
		put_file(path, days[j], strlen(days[j]));
	}
	struct diag d;
	diag_init(&d);
	struct trace_set *t = trace_read_days(dir, "d1", 3, &d);
	ck_assert_msg(t != NULL, "%s", d.count ? d.msg[0] : "?");
	ck_assert_uint_eq(t->n_days, 3);
	ck_assert_uint_eq(t->day_samples, 2);
	ck_assert_uint_eq(t->n_vms, 2);
	ck_assert_double_eq(t->pct[1][1], 4);
	ck_assert_double_eq(t->mem[1][0], 30);
	struct trace_set *u = NULL;
	ck_assert_int_eq(trace_day_read(t, 1, &u, &d), 0);
	ck_assert_double_eq(u->pct[0][0], 5);
	ck_assert_double_eq(u->pct[1][1], 8);
	ck_assert_double_eq(u->mem[1][1], 80);
	trace_destroy(u);
	/* day 3 has VM c where day 1 has b: its file and line, and *out NULL */
	ck_assert_int_eq(trace_day_read(t, 2, &u, &d), -1);
	ck_assert_ptr_null(u);
	snprintf(path, sizeof path, "%s/d3.csv:3: VM \"c\" where %s/d1.csv:3 has VM \"b\"", dir, dir);
	ck_assert_msg(has(&d, path), "%s", d.msg[d.count - 1]);
	trace_destroy(t);
	/* from day 2 on there are only 2 days */
	diag_init(&d);
	ck_assert_ptr_null(trace_read_days(dir, "d2", 3, &d));
	ck_assert(has(&d, "has 2 days from d2 on (d2 to d3); workload.days = 3 needs 3"));
	bool mem = false;
	snprintf(path, sizeof path, "%s/d2.csv", dir);
	ck_assert_int_eq(trace_has_memory(path, &mem, &d), 0);
	ck_assert(mem);
	put_file(path, "vm,0,300\n\"a\",1,2\n", 17);
	ck_assert_int_eq(trace_has_memory(path, &mem, &d), 0);
	ck_assert(!mem);
	ck_assert_int_eq(trace_has_memory(dir, &mem, &d), 0); /* a folder: CPU only */
	ck_assert(!mem);
	for (int j = 0; j < 3; j++) {
		snprintf(path, sizeof path, "%s/d%d.csv", dir, j + 1);
		unlink(path);
	}
	rmdir(dir);
}
END_TEST

/* The packed reader's shortcut for plain percentages against trace_parse_pct (which it stands
 * in for): on every string of up to 4 characters over digits, blanks, signs and other
 * characters, whatever the shortcut accepts trace_parse_pct accepts as the same double; it
 * accepts exactly the 211 strings of 1 to 3 digits worth at most 100 (10 + 100 + "000".."100"). */
START_TEST(test_trace_pct_plain)
{
	static const char alphabet[] = "0123456789 \t\r+-.eEx,\"";
	const size_t na = sizeof alphabet - 1;
	struct diag d;
	char text[8];
	long accepted = 0, strings = 0;
	for (size_t len = 0; len <= 4; len++) {
		size_t total = 1;
		for (size_t k = 0; k < len; k++)
			total *= na;
		for (size_t code = 0; code < total; code++) {
			size_t c = code;
			for (size_t k = 0; k < len; k++, c /= na)
				text[k] = alphabet[c % na];
			text[len] = 'Z'; /* not a terminator: the length is what counts */
			strings++;
			double fast = -1, slow = -2;
			if (!trace_pct_plain(text, len, &fast))
				continue;
			accepted++;
			diag_init(&d);
			ck_assert_msg(trace_parse_pct(text, len, "f", 1, 2, &slow, &d) == 0, "\"%.*s\"", (int)len, text);
			ck_assert_msg(memcmp(&fast, &slow, sizeof fast) == 0, "\"%.*s\": %g, %g", (int)len, text,
				      fast, slow);
		}
	}
	ck_assert_int_eq(strings, 204205); /* 1 + 21 + 21^2 + 21^3 + 21^4: 21 characters */
	ck_assert_int_eq(accepted, 211);
	double x = -1;
	ck_assert(trace_pct_plain("100", 3, &x) && x == 100.0);
	ck_assert(trace_pct_plain("007", 3, &x) && x == 7.0);
	ck_assert(trace_pct_plain("0", 1, &x) && x == 0.0 && !signbit(x));
	ck_assert(!trace_pct_plain("101", 3, &x));
	ck_assert(!trace_pct_plain("0100", 4, &x)); /* trace_parse_pct's (strtol's) to read */
	ck_assert(!trace_pct_plain("5 ", 2, &x));
	ck_assert(!trace_pct_plain("", 0, &x));
	ck_assert(!trace_pct_plain("-0", 2, &x));
	/* every value of 0 to 100, as the packed writer writes it: the same double as the general path */
	for (int v = 0; v <= 100; v++) {
		snprintf(text, sizeof text, "%d", v);
		double slow = -2;
		diag_init(&d);
		ck_assert(trace_pct_plain(text, strlen(text), &x));
		ck_assert_int_eq(trace_parse_pct(text, strlen(text), "f", 1, 2, &slow, &d), 0);
		ck_assert(x == (double)v && memcmp(&x, &slow, sizeof x) == 0);
	}
}
END_TEST

Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_trace_folder_byte_order);
	tcase_add_test(core, test_trace_gz_equals_plain);
	tcase_add_test(core, test_trace_max_vms);
	tcase_add_test(core, test_trace_packed_round_trip);
	tcase_add_test(core, test_trace_packed_quoted_names);
	tcase_add_test(core, test_trace_packed_blank_names);
	tcase_add_test(core, test_trace_packed_round_trip_random);
	tcase_add_test(core, test_trace_shipped_days);
	tcase_add_test(core, test_trace_resolve_day);
	tcase_add_test(core, test_trace_check_samples);
	tcase_add_test(core, test_trace_days);
	tcase_add_test(core, test_trace_pct_plain);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_trace_bad_lines_all_reported);
	tcase_add_test(errors, test_trace_empty_file);
	tcase_add_test(errors, test_trace_missing_and_empty_folder);
	tcase_add_test(errors, test_trace_csv_errors);
	tcase_add_test(errors, test_trace_gzip_errors);
	tcase_add_test(errors, test_trace_unreadable);
	tcase_add_test(errors, test_trace_nul_byte);
	tcase_add_test(errors, test_trace_size_limits);
	tcase_add_test(errors, test_trace_packed_write_refuses);
	tcase_add_test(errors, test_trace_folder_odd_entries);
	suite_add_tcase(s, errors);
	return s;
}
