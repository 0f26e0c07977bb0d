/*
 * outfile: a regular file is replaced whole with its permissions kept and no temporary file left;
 * a failed write leaves the old file as it was; a symlink stays a symlink, /dev/null a device, a
 * FIFO a FIFO; the registry's paths in flight go on outfile_remove_in_flight; errors name the path.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "outfile.h"
#include "suites.h"

static char dir[64];

static void make_dir(void)
{
	snprintf(dir, sizeof dir, "%s", "/tmp/greenmig-outfile.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Removes dir's entries (files, links, FIFOs: the tests make no subfolders but one) and dir. */
static void remove_dir(void)
{
	DIR *dp = opendir(dir);
	ck_assert_ptr_nonnull(dp);
	struct dirent *e;
	char p[512];
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		if (unlink(p) != 0)
			rmdir(p);
	}
	closedir(dp);
	ck_assert_int_eq(rmdir(dir), 0);
}

static int entries(void)
{
	DIR *dp = opendir(dir);
	ck_assert_ptr_nonnull(dp);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(dp);
	return n;
}

static void path_of(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", dir, name);
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

static void get(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	size_t k = fread(buf, 1, n - 1, f);
	buf[k] = '\0';
	fclose(f);
}

static int write_text(FILE *f, const void *ctx)
{
	return fputs(ctx, f) == EOF ? -1 : 0;
}

static int write_then_fail(FILE *f, const void *ctx)
{
	fputs(ctx, f);
	errno = ENOSPC;
	return -1;
}

START_TEST(test_outfile_replaces_keeping_mode)
{
	make_dir();
	char p[128], buf[64];
	path_of(p, sizeof p, "stats.csv");
	put(p, "old\n");
	ck_assert_int_eq(chmod(p, 0640), 0);
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(outfile_write(p, write_text, "new 2.385\n", &d), 0);
	get(p, buf, sizeof buf);
	ck_assert_str_eq(buf, "new 2.385\n");
	struct stat st;
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0640);
	ck_assert_int_eq(entries(), 1); /* no temporary file left */
	remove_dir();
}
END_TEST

START_TEST(test_outfile_new_file_mode)
{
	make_dir();
	char p[128];
	path_of(p, sizeof p, "new.csv");
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(outfile_write(p, write_text, "x\n", &d), 0);
	mode_t u = umask(022);
	umask(u);
	ck_assert_uint_eq(outfile_umask(), (unsigned)u);
	struct stat st;
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0666 & ~u); /* what fopen gives */
	remove_dir();
}
END_TEST

START_TEST(test_outfile_temp_beside_target)
{
	make_dir();
	char p[128];
	path_of(p, sizeof p, "out.csv");
	struct diag d;
	diag_init(&d);
	struct outfile o;
	ck_assert_int_eq(outfile_open(&o, p, &d), 0);
	ck_assert_ptr_nonnull(o.tmp);
	/* DIR/.out.csv.XXXXXX, the X's replaced */
	char prefix[160];
	snprintf(prefix, sizeof prefix, "%s/.out.csv.", dir);
	ck_assert_int_eq(strncmp(o.tmp, prefix, strlen(prefix)), 0);
	ck_assert_uint_eq(strlen(o.tmp), strlen(prefix) + 6);
	ck_assert_ptr_null(strstr(o.tmp, "XXXXXX"));
	ck_assert_int_eq(access(p, F_OK), -1); /* the target appears only at the commit */
	fputs("a\n", o.f);
	ck_assert_int_eq(outfile_commit(&o, &d), 0);
	ck_assert_int_eq(access(p, F_OK), 0);
	ck_assert_int_eq(entries(), 1);
	remove_dir();
}
END_TEST

START_TEST(test_outfile_symlink_stays_link)
{
	make_dir();
	char real[128], link[128], buf[64];
	path_of(real, sizeof real, "real.csv");
	path_of(link, sizeof link, "link.csv");
	put(real, "old\n");
	ck_assert_int_eq(symlink("real.csv", link), 0); /* relative: taken from the link's folder */
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(outfile_write(link, write_text, "new\n", &d), 0);
	struct stat st;
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	get(real, buf, sizeof buf);
	ck_assert_str_eq(buf, "new\n");
	ck_assert_int_eq(entries(), 2);
	remove_dir();
}
END_TEST

START_TEST(test_outfile_dev_null_stays_device)
{
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(outfile_write("/dev/null", write_text, "x\n", &d), 0);
	struct stat st;
	ck_assert_int_eq(stat("/dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
}
END_TEST

START_TEST(test_outfile_fifo_written_in_place)
{
	make_dir();
	char fifo[128], got[128], buf[64];
	path_of(fifo, sizeof fifo, "fifo");
	path_of(got, sizeof got, "got");
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) { /* the reader: copies the FIFO to got */
		int in = open(fifo, O_RDONLY), out = open(got, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		char b[256];
		ssize_t n;
		while (in >= 0 && out >= 0 && (n = read(in, b, sizeof b)) > 0)
			if (write(out, b, (size_t)n) != n)
				_exit(1);
		_exit(in >= 0 && out >= 0 && close(out) == 0 ? 0 : 1);
	}
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(outfile_write(fifo, write_text, "through 7.25\n", &d), 0);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	get(got, buf, sizeof buf);
	ck_assert_str_eq(buf, "through 7.25\n");
	struct stat st;
	ck_assert_int_eq(lstat(fifo, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	ck_assert_int_eq(entries(), 2);
	remove_dir();
}
END_TEST

START_TEST(test_outfile_registry_removes_in_flight)
{
	make_dir();
	char f[128], sub[128];
	path_of(f, sizeof f, ".x.csv.Ab12Cd");
	path_of(sub, sizeof sub, "sub");
	put(f, "partial");
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	int a = outfile_track(f, false), b = outfile_track(sub, true);
	ck_assert_int_ge(a, 0);
	ck_assert_int_ge(b, 0);
	ck_assert_int_ne(a, b);
	outfile_remove_in_flight();
	ck_assert_int_eq(entries(), 0);
	/* once untracked, a path is left alone */
	put(f, "done");
	outfile_untrack(a);
	outfile_untrack(b);
	outfile_remove_in_flight();
	ck_assert_int_eq(entries(), 1);
	remove_dir();
}
END_TEST

START_TEST(test_outfile_open_tracks_temp)
{
	make_dir();
	char p[128];
	path_of(p, sizeof p, "big.csv");
	struct diag d;
	diag_init(&d);
	struct outfile o;
	ck_assert_int_eq(outfile_open(&o, p, &d), 0);
	ck_assert_int_ge(o.slot, 0);
	ck_assert_int_eq(entries(), 1);
	outfile_remove_in_flight(); /* what the SIGINT handler does */
	ck_assert_int_eq(entries(), 0);
	outfile_abort(&o);
	remove_dir();
}
END_TEST

START_TEST(test_outfile_failed_write_keeps_old)
{
	make_dir();
	char p[128], buf[64];
	path_of(p, sizeof p, "keep.csv");
	put(p, "old\n");
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(outfile_write(p, write_then_fail, "half", &d), -1);
	get(p, buf, sizeof buf);
	ck_assert_str_eq(buf, "old\n");
	ck_assert_int_eq(entries(), 1);
	char want[256];
	snprintf(want, sizeof want, "%s: cannot write: %s", p, strerror(ENOSPC));
	ck_assert_str_eq(d.msg[0], want);
	remove_dir();
}
END_TEST

START_TEST(test_outfile_bad_targets)
{
	make_dir();
	char p[128], want[256];
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(outfile_write(dir, write_text, "x", &d), -1);
	snprintf(want, sizeof want, "%s: cannot write: %s", dir, strerror(EISDIR));
	ck_assert_str_eq(d.msg[0], want);
	path_of(p, sizeof p, "dangling");
	ck_assert_int_eq(symlink("missing", p), 0);
	ck_assert_int_eq(outfile_write(p, write_text, "x", &d), -1);
	snprintf(want, sizeof want, "%s: cannot write: a symbolic link to a missing file", p);
	ck_assert_str_eq(d.msg[1], want);
	path_of(p, sizeof p, "no/such/folder.csv");
	ck_assert_int_eq(outfile_write(p, write_text, "x", &d), -1);
	snprintf(want, sizeof want, "%s: cannot write: %s", p, strerror(ENOENT));
	ck_assert_str_eq(d.msg[2], want);
	ck_assert_int_eq(entries(), 1); /* the dangling link alone */
	remove_dir();
}
END_TEST

Suite *outfile_suite(void)
{
	Suite *s = suite_create("outfile");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_outfile_replaces_keeping_mode);
	tcase_add_test(core, test_outfile_new_file_mode);
	tcase_add_test(core, test_outfile_temp_beside_target);
	tcase_add_test(core, test_outfile_symlink_stays_link);
	tcase_add_test(core, test_outfile_dev_null_stays_device);
	tcase_add_test(core, test_outfile_fifo_written_in_place);
	tcase_add_test(core, test_outfile_registry_removes_in_flight);
	tcase_add_test(core, test_outfile_open_tracks_temp);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_outfile_failed_write_keeps_old);
	tcase_add_test(errors, test_outfile_bad_targets);
	suite_add_tcase(s, errors);
	return s;
}
