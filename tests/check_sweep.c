/*
 * Sweep axes (sweep.h): lists, ';' lists, exact decimal ranges, the shorthands, errors, and the
 * order of the combinations; the merge of a sweep's jobs (jobs.h); the security comparison's
 * arithmetic (compare.h); the policies listing's CSV (report.h).
 */
#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "columns.h"
#include "compare.h"
#include "jobs.h"
#include "journal.h"
#include "report.h"
#include "suites.h"
#include "sweep.h"

static void expect_values(const struct sweep_axis *a, const char *const *want, int n)
{
	ck_assert_int_eq(a->n, n);
	for (int i = 0; i < n; i++)
		ck_assert_str_eq(a->values[i], want[i]);
}

START_TEST(test_sweep_axis_lists_and_ranges)
{
	struct sweep_axis a;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(sweep_axis_parse("policy=thr,iqr,lr", &a, &d), 0);
	ck_assert_str_eq(a.part_key[0], "policy.name");
	const char *w1[] = { "thr", "iqr", "lr" };
	expect_values(&a, w1, 3);
	sweep_axis_free(&a);
	ck_assert_int_eq(sweep_axis_parse("param=0.3,0.7;0.4,0.8", &a, &d), 0);
	ck_assert_str_eq(a.part_key[0], "policy.param");
	const char *w2[] = { "0.3,0.7", "0.4,0.8" };
	expect_values(&a, w2, 2);
	sweep_axis_free(&a);
	/* exact decimals: 0.1 + 0.2 is never 0.30000000000000004 */
	ck_assert_int_eq(sweep_axis_parse("param=0.1:0.3:0.1", &a, &d), 0);
	const char *w3[] = { "0.1", "0.2", "0.3" };
	expect_values(&a, w3, 3);
	sweep_axis_free(&a);
	ck_assert_int_eq(sweep_axis_parse("hosts.count=100:250:50", &a, &d), 0);
	ck_assert_str_eq(a.part_key[0], "hosts.count");
	const char *w4[] = { "100", "150", "200", "250" };
	expect_values(&a, w4, 4);
	sweep_axis_free(&a);
	/* the finest step sets the decimals; the end is kept only if a step lands on it */
	ck_assert_int_eq(sweep_axis_parse("x.y=-0.5:0.6:0.25", &a, &d), 0);
	const char *w5[] = { "-0.50", "-0.25", "0.00", "0.25", "0.50" };
	expect_values(&a, w5, 5);
	sweep_axis_free(&a);
	ck_assert_int_eq(d.count, 0);
}
END_TEST

START_TEST(test_sweep_axis_errors)
{
	const char *bad[] = { "policy", "=thr", "policy=", "colour=red", "param=0.9:0.5:0.1",
			      "param=0.1:0.2:0", "param=a:b:c", "param=0.1:0.2", "policy=thr,,lr",
			      "policy=thr,thr", "param=0.1:1e3:1" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct sweep_axis a;
		struct diag d;
		diag_init(&d);
		ck_assert_msg(sweep_axis_parse(bad[i], &a, &d) == -1, "%s accepted", bad[i]);
		ck_assert_msg(d.count == 1 && strstr(d.msg[0], "--vary") != NULL, "%s: %s", bad[i], d.msg[0]);
	}
}
END_TEST

START_TEST(test_sweep_combination_order)
{
	struct sweep_axis a[3];
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(sweep_axis_parse("policy=thr,lr", &a[0], &d), 0);
	ck_assert_int_eq(sweep_axis_parse("param=1,2,3", &a[1], &d), 0);
	ck_assert_int_eq(sweep_axis_parse("seed=7,8", &a[2], &d), 0);
	ck_assert_int_eq(sweep_count(a, 3), 12);
	int pick[3];
	sweep_combination(a, 3, 0, pick);
	ck_assert(pick[0] == 0 && pick[1] == 0 && pick[2] == 0);
	sweep_combination(a, 3, 1, pick); /* the last axis varies fastest */
	ck_assert(pick[0] == 0 && pick[1] == 0 && pick[2] == 1);
	sweep_combination(a, 3, 7, pick); /* 7 = 1 x 6 + 0 x 2 + 1 */
	ck_assert(pick[0] == 1 && pick[1] == 0 && pick[2] == 1);
	sweep_combination(a, 3, 11, pick);
	ck_assert(pick[0] == 1 && pick[1] == 2 && pick[2] == 1);
	for (int k = 0; k < 3; k++)
		sweep_axis_free(&a[k]);
}
END_TEST

/* Writes text to dir/name. */
static void put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
}

static void remove_files(const char *dir, const char *const *names, int n)
{
	char path[512];
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		remove(path);
	}
	rmdir(dir);
}

/* The fields of a stats row after setup, day, policy, selection and param. */
#define STATS_TAIL "800,1052,86400,41.385,1234,2.5e-06,0.0043,0.00058,NaN,0.125,321,1500.25,Infinity," \
	"900.5,-Infinity,0,33.5,1000.25,0.5,288,1,0,0,0,0,0,0,0,0,0,0.375,0,0,0,0\n"

/* A stats file: the header and a row of run `policy`, `param` (40 fields, as report_stats_row
 * writes them). */
static char *stats_text(const char *policy, const char *param)
{
	char *s = malloc(4096);
	snprintf(s, 4096, "%s\n%s,20110303,%s,mmt,%s," STATS_TAIL, report_stats_header(), "paper", policy, param);
	return s;
}

/* The manifest header of axes `names` ("policy,param,"): the names, the stats columns but those
 * the names have (written out here, not computed by the code under test), then `params`. */
static char *manifest_header(const char *names, const char *params)
{
	const char *rest = strcmp(names, "policy,param,") == 0 ? "setup,day,selection,"
			 : strcmp(names, "policy,") == 0 ? "setup,day,selection,param," : NULL;
	ck_assert_ptr_nonnull(rest);
	const char *tail = strstr(report_stats_header(), ",hosts,") + 1;
	char *s = malloc(4096);
	snprintf(s, 4096, "%s%s%s%s\n", names, rest, tail, params);
	return s;
}

/* A merged row: the axis fields, the stats row of stats_text without policy and param, the
 * parameter fields. */
static void merged_row(char *buf, size_t n, const char *axes, const char *params)
{
	char tail[2048];
	snprintf(tail, sizeof tail, "%s", STATS_TAIL);
	tail[strlen(tail) - 1] = '\0';
	snprintf(buf, n, "%spaper,20110303,mmt,%s%s\n", axes, tail, params);
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	char *text = calloc(1, 8192);
	size_t got = fread(text, 1, 8191, f);
	fclose(f);
	text[got] = '\0';
	return text;
}

/* The row part of stats_text (after the header). */
static const char *row_of(const char *stats)
{
	return strchr(stats, '\n') + 1;
}

START_TEST(test_jobs_merge_missing_and_bad_runs)
{
	char dir[] = "/tmp/greenmig-merge.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *h = manifest_header("policy,param,", ",param1,param2"), man[8192];
	snprintf(man, sizeof man, "%srun-000001.csv\tthr,0.7,\t,0.7,NaN\nrun-000002.csv\tthr,0.8,\t,0.8,NaN\n"
		 "run-000003.csv\tlr,1.2,\t,1.2,NaN\nrun-000004.csv\t\"a,b\",1,\t,0.25,1e+300\n", h);
	put_file(dir, "manifest", man);
	char *one = stats_text("thr", "0.7"), *three = stats_text("lr", "1.2"), *four = stats_text("\"a,b\"", "1");
	put_file(dir, "run-000001.csv", one);
	put_file(dir, "run-000003.csv", three);
	put_file(dir, "run-000004.csv", four);
	struct jobs_merge m;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(jobs_merge_read(dir, &m, &d), 0);
	ck_assert_int_eq(d.count, 0);
	ck_assert_int_eq(m.n, 4);
	ck_assert_int_eq(m.failed, 1);
	ck_assert_str_eq(m.header, h);
	char want[8192], r1[2048], r3[2048], r4[2048];
	merged_row(r1, sizeof r1, "thr,0.7,", ",0.7,NaN");
	merged_row(r3, sizeof r3, "lr,1.2,", ",1.2,NaN");
	merged_row(r4, sizeof r4, "\"a,b\",1,", ",0.25,1e+300");
	ck_assert_str_eq(m.rows[0], r1);
	ck_assert_ptr_null(m.rows[1]);
	ck_assert_str_eq(m.axes[1], "thr,0.8,");
	snprintf(want, sizeof want, "%s/run-000002.csv is missing", dir);
	ck_assert_str_eq(m.error[1], want);
	ck_assert_str_eq(m.axes[3], "\"a,b\",1,");
	/* the merged CSV has the rows that exist, in manifest order */
	char out[512];
	snprintf(out, sizeof out, "%s/merged.csv", dir);
	ck_assert_int_eq(jobs_merge_write(out, &m, &d), 0);
	jobs_merge_free(&m);
	char *text = read_text(out);
	snprintf(want, sizeof want, "%s%s%s%s", h, r1, r3, r4);
	ck_assert_str_eq(text, want);
	free(text);
	free(one);
	free(three);
	free(four);
	free(h);
	const char *names[] = { "manifest", "run-000001.csv", "run-000003.csv", "run-000004.csv", "merged.csv" };
	remove_files(dir, names, 5);
}
END_TEST

/* Each stats file that exists but is not its run's stats is an error naming the file and line,
 * all of them are reported, and the caller writes nothing (issue 16). */
START_TEST(test_jobs_merge_malformed_runs)
{
	char dir[] = "/tmp/greenmig-merge.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *h = manifest_header("policy,", ""), man[8192], text[8192];
	snprintf(man, sizeof man, "%s", h);
	for (int i = 1; i <= 9; i++)
		snprintf(man + strlen(man), sizeof man - strlen(man), "run-%06d.csv\tthr,\t\n", i);
	put_file(dir, "manifest", man);
	char *good = stats_text("thr", "0.8");
	/* 1: cut mid-row after 25 fields, with a line end */
	char *cut = strdup(good);
	char *p = strchr(cut, '\n') + 1;
	for (int k = 0; k < 25; k++)
		p = strchr(p, ',') + 1;
	strcpy(p - 1, "\n");
	put_file(dir, "run-000001.csv", cut);
	/* 2: a non-numeric value (energy_kwh) */
	snprintf(text, sizeof text, "%s", good);
	memcpy(strstr(text, "41.385"), "4l.385", 6);
	put_file(dir, "run-000002.csv", text);
	/* 3: another run's policy */
	char *lr = stats_text("lr", "0.8");
	put_file(dir, "run-000003.csv", lr);
	/* 4: cut without a line end; 5: two rows; 6: another header; 7: a good one */
	snprintf(text, sizeof text, "%.*s", (int)strlen(good) - 9, good);
	put_file(dir, "run-000004.csv", text);
	snprintf(text, sizeof text, "%s%s", good, row_of(good));
	put_file(dir, "run-000005.csv", text);
	put_file(dir, "run-000006.csv", "setup,day\nx,y\n");
	put_file(dir, "run-000007.csv", good);
	/* 8: the stats header followed by 70 columns of no model (more than any models have) */
	snprintf(text, sizeof text, "%s", report_stats_header());
	for (int k = 0; k < 70; k++)
		snprintf(text + strlen(text), sizeof text - strlen(text), ",x%d", k);
	snprintf(text + strlen(text), sizeof text - strlen(text), "\n%s", row_of(good));
	put_file(dir, "run-000008.csv", text);
	/* 9: a quoted column name left open at the header's end, closed lines later (the split
	 * read on past the line into a buffer sized for it: found by fuzz_merge) */
	snprintf(text, sizeof text, "%s,\"x\n%0300d\"\n%s", report_stats_header(), 0, row_of(good));
	put_file(dir, "run-000009.csv", text);
	struct jobs_merge m;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(jobs_merge_read(dir, &m, &d), 1);
	ck_assert_int_eq(m.n, 9);
	ck_assert_int_eq(m.failed, 0);
	const char *want[] = { "run-000001.csv:2: 25 fields, the stats header has 40",
			       "run-000002.csv:2: energy_kwh \"4l.385\" is not a number",
			       "run-000003.csv:2: policy \"lr\" is not the run's policy \"thr\" (manifest line 4)",
			       "run-000004.csv:2: the row is cut short (no line end)",
			       "run-000005.csv:3: more than one stats row",
			       "run-000006.csv:1: not greenmig's stats header (setup,day,",
			       "run-000008.csv:1: not greenmig's stats header (setup,day,",
			       "run-000009.csv:1: not greenmig's stats header (setup,day," };
	ck_assert_int_eq(d.count, 8);
	for (int i = 0; i < 8; i++) {
		char full[512];
		snprintf(full, sizeof full, "%s/%s", dir, want[i]);
		ck_assert_msg(strncmp(d.msg[i], full, strlen(full)) == 0, "%s", d.msg[i]);
	}
	jobs_merge_free(&m);
	free(good);
	free(cut);
	free(lr);
	free(h);
	const char *names[] = { "manifest", "run-000001.csv", "run-000002.csv", "run-000003.csv",
				"run-000004.csv", "run-000005.csv", "run-000006.csv", "run-000007.csv", "run-000008.csv",
				"run-000009.csv" };
	remove_files(dir, names, 10);
}
END_TEST

START_TEST(test_jobs_merge_bad_manifest)
{
	char dir[] = "/tmp/greenmig-merge.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	struct jobs_merge m;
	struct diag d;
	char want[512];
	/* no manifest */
	diag_init(&d);
	ck_assert_int_eq(jobs_merge_read(dir, &m, &d), 1);
	snprintf(want, sizeof want, "%s/manifest: cannot read: No such file or directory", dir);
	ck_assert_str_eq(d.msg[0], want);
	jobs_merge_free(&m);
	/* a line without its tab, after a good one (kept: the caller reports it) */
	char *h = manifest_header("policy,", ""), man[8192];
	snprintf(man, sizeof man, "%srun-000001.csv\tthr,\t\nrun-000002.csv thr,\n", h);
	put_file(dir, "manifest", man);
	diag_init(&d);
	ck_assert_int_eq(jobs_merge_read(dir, &m, &d), 1);
	snprintf(want, sizeof want, "%s/manifest:3: expected FILE<TAB>axis values<TAB>parameter values", dir);
	ck_assert_str_eq(d.msg[0], want);
	ck_assert_int_eq(m.n, 1);
	ck_assert_int_eq(m.failed, 1);
	jobs_merge_free(&m);
	/* a path outside DIR, an unterminated line, no header, a header without the stats
	 * columns, a line with other axis columns than the header, a line of the manifests before
	 * the parameter columns (one tab), parameter values the header has no column for, a
	 * header that repeats the stats column an axis has (the sweeps before issue 17) */
	char old[4096];
	snprintf(old, sizeof old, "policy,%s\nr\tthr,\t\n", report_stats_header());
	const char *bad[] = { "../x.csv\tthr,\t\n", "run-1.csv\tthr,\t", "policy", "policy,setup\nr\tthr,\t\n",
			      "r\tthr,0.8,\t\n", "r\tthr,\n", "r\tthr,\t,0.5\n", old };
	const bool after_header[] = { true, true, false, false, true, true, true, false };
	const char *msg[] = { "manifest:2: expected FILE<TAB>axis values<TAB>parameter values",
			      "manifest:2: unterminated line",
			      "manifest:1: expected the sweep's CSV header",
			      "manifest:1: expected the sweep's CSV header (axis names, then the stats columns)",
			      "manifest:2: 2 axis values, the header has 1 axis columns",
			      "manifest:2: expected FILE<TAB>axis values<TAB>parameter values",
			      "manifest:2: expected 0 parameter values after the second tab",
			      "manifest:1: expected the sweep's CSV header (axis names, then the stats columns)" };
	for (int i = 0; i < 8; i++) {
		snprintf(man, sizeof man, "%s%s", after_header[i] ? h : "", bad[i]);
		put_file(dir, "manifest", man);
		diag_init(&d);
		ck_assert_int_eq(jobs_merge_read(dir, &m, &d), 1);
		ck_assert_int_eq(d.count, 1);
		ck_assert_msg(strstr(d.msg[0], msg[i]) != NULL, "%s", d.msg[0]);
		jobs_merge_free(&m);
	}
	free(h);
	const char *names[] = { "manifest" };
	remove_files(dir, names, 1);
}
END_TEST

/* The sweep header has each column once: an axis on a stats column's name keeps its own column
 * and the stats column goes; param1 ... follow; sweep_header_parse reads back what it wrote and
 * refuses the rest (issue 17). */
START_TEST(test_sweep_header_columns_once)
{
	struct sweep_axis axes[3];
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(sweep_axis_parse("policy|param=st|0.5;mm|0.4,0.8", &axes[0], &d), 0);
	ck_assert_int_eq(sweep_axis_parse("security.enabled=yes,no", &axes[1], &d), 0);
	ck_assert_int_eq(sweep_axis_parse("seed=1:3:1", &axes[2], &d), 0);
	struct sweep_spec s = { NULL, "traces", NULL, 0, axes, 3, 0 };
	ck_assert_int_eq(sweep_param_columns(&s), 2); /* st takes one, mm two */
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	ck_assert_int_eq(sweep_write_header(f, &s), 0);
	fclose(f);
	const char *tail = strstr(report_stats_header(), ",hosts,") + 1;
	const char *seed = strstr(tail, ",seed,");
	ck_assert_ptr_nonnull(seed);
	char want[4096];
	snprintf(want, sizeof want, "policy,param,security.enabled,seed,setup,day,selection,%.*s%s,param1,param2\n",
		 (int)(seed - tail), tail, seed + 5);
	ck_assert_str_eq(text, want);
	int na, np;
	uint64_t drop;
	unsigned models;
	ck_assert_int_eq(sweep_header_parse(text, &na, &np, &drop, &models), 0);
	ck_assert_uint_eq(models, 0);
	ck_assert_int_eq(na, 4);
	ck_assert_int_eq(np, 2);
	const char *names[] = { "policy", "param", "seed" };
	ck_assert_uint_eq(drop, sweep_dropped_columns(names, 3));
	ck_assert_uint_eq(drop, (1u << 2) | (1u << 4) | ((uint64_t)1 << 25)); /* policy, param, seed */
	ck_assert_int_eq(sweep_header_parse(report_stats_header(), &na, &np, &drop, &models), 0);
	ck_assert_int_eq(na, 0);
	/* refused: a repeated stats column, an unknown axis name, param columns out of order */
	char bad[4096];
	snprintf(bad, sizeof bad, "policy,%s\n", report_stats_header());
	ck_assert_int_eq(sweep_header_parse(bad, &na, &np, &drop, &models), -1);
	snprintf(bad, sizeof bad, "colour,%s\n", report_stats_header());
	ck_assert_int_eq(sweep_header_parse(bad, &na, &np, &drop, &models), -1);
	snprintf(bad, sizeof bad, "%s,param2\n", report_stats_header());
	ck_assert_int_eq(sweep_header_parse(bad, &na, &np, &drop, &models), -1);
	free(text);
	/* issue 18: the columns of the models some run turns on, after the stats columns and before
	 * the params, are read back as those models; a model's columns cut short are refused */
	s.models = REPORT_MODEL_STATES | REPORT_MODEL_FACILITY;
	f = open_memstream(&text, &len);
	ck_assert_int_eq(sweep_write_header(f, &s), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, ",placement_done,ps_boots,ps_shutdowns,"));
	ck_assert_ptr_nonnull(strstr(text, ",ps_asleep_h,facility_kwh,pue_mean,co2_kg,cost,param1,param2\n"));
	ck_assert_ptr_null(strstr(text, "part_cpu_kwh"));
	ck_assert_int_eq(sweep_header_parse(text, &na, &np, &drop, &models), 0);
	ck_assert_uint_eq(models, REPORT_MODEL_STATES | REPORT_MODEL_FACILITY);
	ck_assert_int_eq(np, 2);
	char *cut = strstr(text, ",pue_mean");
	memmove(cut, cut + strlen(",pue_mean"), strlen(cut + strlen(",pue_mean")) + 1);
	ck_assert_int_eq(sweep_header_parse(text, &na, &np, &drop, &models), -1);
	free(text);
	/* the parameter fields: the shortest form that reads back, NaN beyond the run's count */
	f = open_memstream(&text, &len);
	const double v[] = { 0.4, 0.1 + 0.2, 1e-7 };
	ck_assert_int_eq(sweep_put_params(f, v, 3, 4), 0);
	fclose(f);
	ck_assert_str_eq(text, ",0.4,0.30000000000000004,1e-07,NaN");
	free(text);
	/* a stats row without the dropped columns, quoted fields kept quoted */
	f = open_memstream(&text, &len);
	ck_assert_int_eq(sweep_put_stats(f, "paper,20110303,mm,,\"0.4,0.8\"," STATS_TAIL,
					 sweep_dropped_columns(names, 1)), 0);
	ck_assert_int_eq(sweep_put_stats(f, "too,short\n", 0), -1);
	fclose(f);
	snprintf(want, sizeof want, "paper,20110303,,\"0.4,0.8\"," STATS_TAIL);
	want[strlen(want) - 1] = '\0';
	ck_assert_str_eq(text, want);
	free(text);
	for (int k = 0; k < 3; k++)
		sweep_axis_free(&axes[k]);
}
END_TEST

/* The column table (doc/columns.md, the man page) lists the stats and timeline headers the
 * reports write, in their order, and nothing else (issue 17). */
START_TEST(test_columns_table_is_the_headers)
{
	int n;
	const struct column *c = columns_table(&n);
	char stats[4096] = "", timeline[1024] = "";
	for (int i = 0; i < n; i++) {
		char *h = c[i].file == COLUMN_STATS ? stats : c[i].file == COLUMN_TIMELINE ? timeline : NULL;
		size_t cap = c[i].file == COLUMN_STATS ? sizeof stats : sizeof timeline;
		if (h != NULL)
			snprintf(h + strlen(h), cap - strlen(h), "%s%s", h[0] ? "," : "", c[i].name);
		ck_assert_msg(c[i].label[0] && c[i].meaning[0], "column %s has no label or meaning", c[i].name);
	}
	ck_assert_str_eq(stats, report_stats_header());
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	ck_assert_int_eq(report_timeline(f, NULL, 0, 0), 0);
	fclose(f);
	strcat(timeline, "\n");
	ck_assert_str_eq(text, timeline);
	free(text);
	/* labels: the table's, "parameter N", or the name of an axis */
	char label[128];
	columns_label("energy_kwh", label, sizeof label);
	ck_assert_str_eq(label, "energy (kWh)");
	columns_label("param2", label, sizeof label);
	ck_assert_str_eq(label, "parameter 2");
	columns_label("hosts.count", label, sizeof label);
	ck_assert_str_eq(label, "hosts.count");
	ck_assert_ptr_null(columns_find("param0"));
	ck_assert_ptr_null(columns_find("AXIS"));
	ck_assert_ptr_nonnull(columns_find("param12"));
}
END_TEST

/* The journal of a resumable sweep: what it writes reads back; a record cut short (a killed
 * sweep) and everything after it are ignored; another sweep's journal is refused. */
START_TEST(test_journal_reader)
{
	char dir[] = "/tmp/greenmig-journal.XXXXXX", path[512];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/out.csv.journal", dir);
	struct journal j;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(journal_create(&j, path, 0x1234abcdULL, 5, &d), 0);
	journal_add(&j, 3, "thr,\"a\nb\",1\n"); /* a quoted newline in a row */
	journal_add(&j, 0, "lr,2\n");
	journal_close(&j, false);
	ck_assert_int_eq(journal_create(&j, path, 1, 5, &d), -1); /* it exists: kept */
	ck_assert_ptr_nonnull(strstr(d.msg[0], "File exists"));
	char *text = read_text(path);
	ck_assert(strncmp(text, "greenmig sweep journal 1 000000001234abcd 5\n3 12 ", 48) == 0);
	size_t len = strlen(text), valid;
	char *rows[5] = { NULL };
	/* whole, then cut at every byte of the last record: only the first record (or both) */
	for (size_t cut = len; cut > len - 12; cut--) {
		diag_init(&d);
		ck_assert_int_eq(journal_parse(path, text, cut, 0x1234abcdULL, 5, rows, &valid, &d), 0);
		ck_assert_str_eq(rows[3], "thr,\"a\nb\",1\n");
		ck_assert(cut == len ? rows[0] != NULL && valid == len : rows[0] == NULL && valid < cut);
		free(rows[0]);
		free(rows[3]);
		rows[0] = rows[3] = NULL;
	}
	/* a torn record (its check fails) ends the journal */
	text[len - 3] = 'X';
	ck_assert_int_eq(journal_parse(path, text, len, 0x1234abcdULL, 5, rows, &valid, &d), 0);
	ck_assert_ptr_null(rows[0]);
	free(rows[3]);
	rows[3] = NULL;
	/* another sweep's (another hash, another number of runs), not a journal */
	ck_assert_int_eq(journal_parse(path, text, len, 0x1234abceULL, 5, rows, &valid, &d), 1);
	ck_assert_int_eq(journal_parse(path, text, len, 0x1234abcdULL, 6, rows, &valid, &d), 1);
	char want[600];
	snprintf(want, sizeof want, "%s:1: the journal of another sweep", path);
	ck_assert(strncmp(d.msg[d.count - 1], want, strlen(want)) == 0);
	ck_assert_int_eq(journal_parse(path, "policy,day\n", 11, 1, 5, rows, &valid, &d), 1);
	ck_assert_ptr_nonnull(strstr(d.msg[d.count - 1], ":1: not a sweep journal"));
	for (int i = 0; i < 5; i++)
		ck_assert_ptr_null(rows[i]);
	free(text);
	/* resume: reads the valid records, cuts the torn end, appends after it */
	FILE *f = fopen(path, "a");
	fputs("1 5 00", f); /* a record cut short */
	fclose(f);
	long found;
	diag_init(&d);
	ck_assert_int_eq(journal_resume(&j, path, 0x1234abcdULL, 5, rows, &found, &d), 0);
	ck_assert_int_eq(found, 2);
	ck_assert_str_eq(rows[0], "lr,2\n");
	journal_add(&j, 1, "iqr,3\n");
	journal_close(&j, false);
	for (int i = 0; i < 5; i++) {
		free(rows[i]);
		rows[i] = NULL;
	}
	ck_assert_int_eq(journal_resume(&j, path, 0x1234abcdULL, 5, rows, &found, &d), 0);
	ck_assert_int_eq(found, 3);
	ck_assert_str_eq(rows[1], "iqr,3\n");
	journal_close(&j, true);
	for (int i = 0; i < 5; i++) {
		free(rows[i]);
		rows[i] = NULL;
	}
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(journal_resume(&j, path, 1, 5, rows, &found, &d), 1);
	ck_assert_ptr_nonnull(strstr(d.msg[d.count - 1], "no journal to resume"));
	rmdir(dir);
}
END_TEST

START_TEST(test_compare_security_diff)
{
	struct run_result r[2];
	memset(r, 0, sizeof r);
	r[0].sim.energy_kwh = 41.385;
	r[0].m.slav = 2.5e-6;
	r[0].sim.migration_time_s = 1000.25;
	r[1].sim.energy_kwh = 42.1234;
	r[1].m.slav = 3.0e-6;
	r[1].sim.migration_time_s = 1375.75;
	r[1].sim.security_time_s = 375.5;
	r[1].sim.security_energy_kwh = 0.0625;
	r[1].sim.security_downtime_s = 1.875;
	r[1].sim.security_bytes = 123456789;
	struct security_diff x;
	compare_security_diff(r, &x);
	ck_assert_double_eq_tol(x.energy_kwh, 0.7384, 1e-12);
	ck_assert_double_eq_tol(x.energy_pct, 0.7384 / 41.385 * 100, 1e-9); /* 1.7842... % */
	ck_assert_double_eq_tol(x.slav, 0.5e-6, 1e-18);
	ck_assert_double_eq_tol(x.slav_pct, 20, 1e-9);
	ck_assert_double_eq_tol(x.migration_time_s, 375.5, 1e-9);
	ck_assert_double_eq(x.security_time_s, 375.5);
	ck_assert_double_eq(x.security_energy_kwh, 0.0625);
	ck_assert_double_eq(x.security_downtime_s, 1.875);
	ck_assert_double_eq_tol(x.security_mb, 123.456789, 1e-9);
	/* no energy or SLAV without security: the percentages are 0, not inf or NaN */
	r[0].sim.energy_kwh = 0;
	r[0].m.slav = 0;
	compare_security_diff(r, &x);
	ck_assert_double_eq(x.energy_pct, 0);
	ck_assert_double_eq(x.slav_pct, 0);
	ck_assert_double_eq_tol(x.energy_kwh, 42.1234, 1e-12);
}
END_TEST

START_TEST(test_report_policies_csv)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_int_eq(report_policies(f, true), 0);
	fclose(f);
	ck_assert(strncmp(buf, "name,engines,params,default,migrations,reproduces,summary,origin\n", 65) == 0);
	/* fields with commas are quoted (RFC 4180), others are not */
	ck_assert_ptr_nonnull(strstr(buf, "\nthr,cloudsim3,\"a utilization threshold in [0, 1]\",0.8,yes,"
					  "PowerVmAllocationPolicyMigrationStaticThreshold,"));
	ck_assert_ptr_nonnull(strstr(buf, "\nmm,cloudsim3 2010,"));
	ck_assert_ptr_nonnull(strstr(buf, ",\"0.4,0.8\",yes,"));
	ck_assert_ptr_nonnull(strstr(buf, "\nnpa,cloudsim3 2010,,,no,"));
	free(buf);
}
END_TEST

Suite *sweep_suite(void)
{
	Suite *s = suite_create("sweep");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_sweep_axis_lists_and_ranges);
	tcase_add_test(core, test_sweep_axis_errors);
	tcase_add_test(core, test_sweep_combination_order);
	tcase_add_test(core, test_jobs_merge_missing_and_bad_runs);
	tcase_add_test(core, test_sweep_header_columns_once);
	tcase_add_test(core, test_columns_table_is_the_headers);
	tcase_add_test(core, test_compare_security_diff);
	tcase_add_test(core, test_report_policies_csv);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_jobs_merge_bad_manifest);
	tcase_add_test(errors, test_jobs_merge_malformed_runs);
	tcase_add_test(errors, test_journal_reader);
	suite_add_tcase(s, errors);
	return s;
}
