/*
 * greenmig plot (plot.h): the means and 95 % intervals of a small sweep CSV against hand-computed
 * ones, the script's data blocks and its one line per group, NaN rows skipped and counted, and
 * the errors (a column the file does not have, an x that is not a number, a bad row, a file that
 * is not a sweep's).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plot.h"
#include "report.h"
#include "suites.h"

/* A sweep CSV: axes policy, param, seed; the stats columns but those; param1, param2. Each row:
 * "policy,param,seed,energy,migrations,param1,param2" spread over the right columns. */
static void write_sweep(const char *path, const char *const *rows, int n)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	char names[4096];
	snprintf(names, sizeof names, "%s", report_stats_header());
	fputs("policy,param,seed", f);
	const char *cols[64];
	int nc = 0;
	for (char *t = strtok(names, ","); t != NULL; t = strtok(NULL, ","))
		if (strcmp(t, "policy") != 0 && strcmp(t, "param") != 0 && strcmp(t, "seed") != 0) {
			cols[nc++] = t;
			fprintf(f, ",%s", t);
		}
	fputs(",param1,param2\n", f);
	for (int r = 0; r < n; r++) {
		char v[7][64];
		ck_assert_int_eq(sscanf(rows[r], "%63[^;];%63[^;];%63[^;];%63[^;];%63[^;];%63[^;];%63[^;]", v[0], v[1],
					v[2], v[3], v[4], v[5], v[6]), 7);
		fprintf(f, "%s,\"%s\",%s", v[0], v[1], v[2]);
		for (int c = 0; c < nc; c++)
			fprintf(f, ",%s", strcmp(cols[c], "energy_kwh") == 0 ? v[3]
					 : strcmp(cols[c], "migrations") == 0 ? v[4]
					 : strcmp(cols[c], "setup") == 0 || strcmp(cols[c], "day") == 0 ? "paper" : "1");
		fprintf(f, ",%s,%s\n", v[5], v[6]);
	}
	ck_assert_int_eq(fclose(f), 0);
}

static char *script_of(const struct plot_data *p, const struct plot_options *o)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	ck_assert_int_eq(plot_write_script(f, p, o), 0);
	fclose(f);
	return text;
}

/* The data line "X MEAN HALF N" of block `name` whose x is x. */
static void point(const char *script, const char *name, double x, double *mean, double *half, int *n)
{
	char head[64];
	snprintf(head, sizeof head, "%s << EOD\n", name);
	const char *b = strstr(script, head);
	ck_assert_msg(b != NULL, "no block %s", name);
	const char *end = strstr(b + strlen(head), "EOD\n");
	for (const char *l = strchr(b, '\n') + 1; l < end; l = strchr(l, '\n') + 1) {
		double lx;
		if (*l != '#' && sscanf(l, "%lf %lf %lf %d", &lx, mean, half, n) == 4 && lx == x)
			return;
	}
	ck_abort_msg("block %s has no x = %g", name, x);
}

START_TEST(test_plot_means_and_intervals)
{
	char path[] = "/tmp/greenmig-plot.XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	/* st at 0.5 over three seeds, 0.6 over one; mm at upper 0.5 over two, one NaN energy */
	const char *rows[] = { "st;0.5;1;2.385;10;0.5;NaN",	"st;0.5;2;2.613;12;0.5;NaN",
			       "st;0.5;3;2.497;11;0.5;NaN",	"st;0.6;1;2.0;9;0.6;NaN",
			       "mm;0.1,0.5;1;1.25;3;0.1;0.5",	"mm;0.1,0.5;2;1.75;5;0.1;0.5",
			       "mm;0.1,0.5;3;NaN;4;0.1;0.5" };
	write_sweep(path, rows, 7);
	struct plot_options o = { "param2,param1", "energy_kwh", "policy", NULL, "fig.svg", path, NULL, NULL };
	struct plot_data *p;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(plot_read(path, &o, &p, &d), 0);
	long nx, ny;
	plot_skipped(p, &nx, &ny);
	ck_assert_int_eq(nx, 0);
	ck_assert_int_eq(ny, 1);
	char *s = script_of(p, &o);
	double mean, half;
	int n;
	/* hand-computed: mean 7.495 / 3; half t(0.975, 2) = 4.303 x sd 0.1140058 / sqrt 3 */
	point(s, "$d1_1", 0.5, &mean, &half, &n);
	ck_assert_double_eq_tol(mean, 2.4983333333333333, 1e-12);
	ck_assert_double_eq_tol(half, 0.2832290836698177, 1e-12);
	ck_assert_int_eq(n, 3);
	point(s, "$d1_1", 0.6, &mean, &half, &n); /* one row: no interval, 0 */
	ck_assert_double_eq_tol(mean, 2.0, 1e-12);
	ck_assert_double_eq(half, 0.0);
	ck_assert_int_eq(n, 1);
	/* mm's x is its param2 (the first not NaN of param2, param1); t(0.975, 1) = 12.706 */
	point(s, "$d1_2", 0.5, &mean, &half, &n);
	ck_assert_double_eq_tol(mean, 1.5, 1e-12);
	ck_assert_double_eq_tol(half, 12.706 * 0.3535533905932738 / sqrt(2.0), 1e-9);
	ck_assert_int_eq(n, 2);
	/* one line per group, in first-appearance order (st, mm: not numbers), with the labels */
	ck_assert_ptr_nonnull(strstr(s, "$d1_1 using 1:2:3 with yerrorlines lc rgb '#000000'"));
	ck_assert_ptr_nonnull(strstr(s, "$d1_2 using 1:2:3 with yerrorlines lc rgb '#E69F00'"));
	ck_assert_ptr_null(strstr(s, "$d1_3"));
	ck_assert_ptr_nonnull(strstr(s, "title 'st'"));
	ck_assert_ptr_nonnull(strstr(s, "set ylabel 'energy (kWh)'"));
	ck_assert_ptr_nonnull(strstr(s, "set xlabel 'parameter 2 / parameter 1'"));
	ck_assert_ptr_nonnull(strstr(s, "set terminal svg noenhanced"));
	ck_assert_ptr_null(strstr(s, "multiplot"));
	free(s);
	plot_free(p);
	/* numeric groups sort numerically (seed 10 after 2); a facet per policy: a multiplot */
	const char *rows2[] = { "st;0.5;10;3;1;0.5;NaN", "st;0.5;2;4;1;0.5;NaN", "mm;0.1,0.5;2;5;1;0.1;0.5" };
	write_sweep(path, rows2, 3);
	struct plot_options o2 = { "param1", "energy_kwh", "seed", "policy", "fig.png", path, "threshold", NULL };
	ck_assert_int_eq(plot_read(path, &o2, &p, &d), 0);
	s = script_of(p, &o2);
	point(s, "$d1_1", 0.5, &mean, &half, &n); /* facet st, seed 2 */
	ck_assert_double_eq(mean, 4);
	point(s, "$d1_2", 0.5, &mean, &half, &n); /* facet st, seed 10 */
	ck_assert_double_eq(mean, 3);
	ck_assert_ptr_nonnull(strstr(s, "set multiplot layout 1,2"));
	ck_assert_ptr_nonnull(strstr(s, "set title 'policy = mm'"));
	ck_assert_ptr_nonnull(strstr(s, "set xlabel 'threshold'"));
	free(s);
	plot_free(p);
	unlink(path);
}
END_TEST

START_TEST(test_plot_errors)
{
	char path[] = "/tmp/greenmig-plot.XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	const char *rows[] = { "st;0.5;1;2.5;10;0.5;NaN", "mm;0.1,0.5;1;abc;3;0.1;0.5" };
	write_sweep(path, rows, 2);
	struct plot_data *p;
	struct diag d;
	char want[512];
	/* a column the file does not have: the message lists the valid ones */
	struct plot_options o = { "param1", "energy", NULL, NULL, "f.png", path, NULL, NULL };
	diag_init(&d);
	ck_assert_int_eq(plot_read(path, &o, &p, &d), -1);
	snprintf(want, sizeof want, "%s:1: --y: no column 'energy'; valid: policy, param, seed, setup, day,", path);
	ck_assert_msg(strncmp(d.msg[0], want, strlen(want)) == 0, "%s", d.msg[0]);
	/* x not a number: the column and the line; a y that is not a number either */
	struct plot_options o2 = { "param", "energy_kwh", NULL, NULL, "f.png", path, NULL, NULL };
	diag_init(&d);
	ck_assert_int_eq(plot_read(path, &o2, &p, &d), -1);
	snprintf(want, sizeof want, "%s:3: --x param: \"0.1,0.5\" is not a number (x must be numeric)", path);
	ck_assert_str_eq(d.msg[0], want);
	struct plot_options o3 = { "param1", "energy_kwh", NULL, NULL, "f.png", path, NULL, NULL };
	diag_init(&d);
	ck_assert_int_eq(plot_read(path, &o3, &p, &d), -1);
	snprintf(want, sizeof want, "%s:3: --y energy_kwh: \"abc\" is not a number", path);
	ck_assert_str_eq(d.msg[0], want);
	/* a row with another number of fields; a file that is not a sweep's */
	FILE *f = fopen(path, "a");
	fputs("st,0.5\n", f);
	fclose(f);
	diag_init(&d);
	ck_assert_int_eq(plot_read(path, &o3, &p, &d), -1);
	ck_assert_int_eq(d.count, 2);
	snprintf(want, sizeof want, "%s:4: 2 fields, the header has", path);
	ck_assert_msg(strncmp(d.msg[1], want, strlen(want)) == 0, "%s", d.msg[1]);
	f = fopen(path, "w");
	fputs("a,b\n1,2\n", f);
	fclose(f);
	diag_init(&d);
	ck_assert_int_eq(plot_read(path, &o3, &p, &d), -1);
	snprintf(want, sizeof want, "%s:1: not a greenmig sweep CSV", path);
	ck_assert_msg(strncmp(d.msg[0], want, strlen(want)) == 0, "%s", d.msg[0]);
	unlink(path);
	ck_assert_str_eq(plot_terminal("a.pdf"), "pdfcairo");
	ck_assert_ptr_null(plot_terminal("a.jpg"));
}
END_TEST

Suite *plot_suite(void)
{
	Suite *s = suite_create("plot");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_plot_means_and_intervals);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_plot_errors);
	suite_add_tcase(s, errors);
	return s;
}
