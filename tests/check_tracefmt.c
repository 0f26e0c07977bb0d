/*
 * The published-trace readers (tracefmt): each format's fixture (tests/data/<format>, written by
 * tests/data/formats-fixtures.py in its owner's layout) packed to values computed by hand here,
 * the selections, a synthetic input of each layout packed back to the series it was made from,
 * and every malformed input's message.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suites.h"
#include "synth.h"
#include "trace.h"
#include "tracefmt.h"

static struct trace_set *pack2(enum tracefmt_format f, const char *a, const char *b, double duration, size_t vms,
			       enum tracefmt_select s, uint64_t seed, struct tracefmt_report *r, struct diag *d)
{
	struct tracefmt_params p;
	tracefmt_params_init(&p, f);
	p.duration_s = duration;
	p.max_vms = vms;
	p.select = s;
	p.seed = seed;
	const char *in[2] = { test_srcpath(a), b ? test_srcpath(b) : NULL };
	diag_init(d);
	return tracefmt_pack(&p, in, b ? 2 : 1, r, d);
}

static void assert_row(const struct trace_set *t, size_t i, const char *name, const double *want, size_t n)
{
	ck_assert_str_eq(t->names[i], name);
	ck_assert_uint_eq(t->n_samples[i], n);
	for (size_t k = 0; k < n; k++)
		ck_assert_msg(t->pct[i][k] == want[k], "%s slot %zu: %g, expected %g", name, k, t->pct[i][k], want[k]);
}

/* VM i's memory series (percent of its RAM) and size (NAN: unknown). */
static void assert_mem(const struct trace_set *t, size_t i, const double *want, size_t n)
{
	ck_assert_ptr_nonnull(t->mem);
	for (size_t k = 0; k < n; k++)
		ck_assert_msg(t->mem[i][k] == want[k], "%s memory slot %zu: %g, expected %g", t->names[i], k,
			      t->mem[i][k], want[k]);
}

static void assert_size(const struct trace_set *t, size_t i, double cores, double mhz, double ram_mb)
{
	ck_assert_ptr_nonnull(t->size);
	const struct trace_vmsize *z = &t->size[i];
	ck_assert_msg((isnan(cores) ? isnan(z->cores) : z->cores == cores) &&
			      (isnan(mhz) ? isnan(z->mhz) : z->mhz == mhz) &&
			      (isnan(ram_mb) ? isnan(z->ram_mb) : z->ram_mb == ram_mb),
		      "%s size %g cores, %g MHz, %g MB; expected %g, %g, %g", t->names[i], z->cores, z->mhz, z->ram_mb,
		      cores, mhz, ram_mb);
}

/*
 * Bitbrains, window 1800 s from 2013-08-12 00:00 UTC (the first sample's date): VM 1's slots
 * 10.5 -> 11, 20.25, 30, (empty: 30), 40.4, mean(12.5, 13.5) = 13 (the row at 1846 s is past the
 * window); VM 2's 7.5 -> 8, 99.4, 120 clipped, 5.05E1 = 50.5 -> 51; VM 3 has three empty slots.
 */
START_TEST(test_tracefmt_bitbrains_values)
{
	struct diag d;
	struct tracefmt_report r;
	struct trace_set *t = pack2(TRACEFMT_BITBRAINS, "tests/data/bitbrains/fastStorage/2013-8", NULL, 1800, 0,
				    TRACEFMT_FIRST, 1, &r, &d);
	ck_assert_msg(t != NULL, "%s", d.msg[0]);
	ck_assert_uint_eq(t->n_vms, 2);
	assert_row(t, 0, "0001", (double[]){ 11, 20, 30, 30, 40, 13 }, 6);
	assert_row(t, 1, "0002", (double[]){ 5, 8, 99, 100, 0, 51 }, 6);
	/* memory: 419430.4 / 4194304 KB = 10 %, 25 %, (capacity 0: skipped, 25), (empty: 25), 70 %,
	 * mean(119.2 clipped to 100, 50) = 75; VM 2 1.23E6 / 6.7108864E7 = 1.83 % -> 2 */
	assert_mem(t, 0, (double[]){ 10, 25, 25, 25, 70, 75 }, 6);
	assert_mem(t, 1, (double[]){ 2, 2, 2, 2, 2, 2 }, 6);
	/* sizes: 2 cores of 5200 / 2 MHz, 4194304 KB / 1024 = 4096 MB (the row past the window,
	 * 4 cores and 8 GB, is not the window's) */
	assert_size(t, 0, 2, 2600, 4096);
	assert_size(t, 1, 1, 2599.998989, 65536);
	ck_assert_uint_eq(r.mem_gaps_filled, 2);
	ck_assert_uint_eq(r.mem_clipped, 1);
	ck_assert_uint_eq(r.mem_invalid, 1);
	ck_assert_uint_eq(r.gaps_filled, 1);
	ck_assert_uint_eq(r.clipped, 1);
	ck_assert_uint_eq(r.vms_gappy, 1);
	ck_assert_uint_eq(r.vms_candidates, 3);
	trace_destroy(t);
}
END_TEST

/*
 * Azure, window [0, 1800): A 12.3, 45.6, (empty: 45.6 -> 46), 7.49, 100.2 clipped, 33.5 -> 34;
 * B 1.5 -> 2, 2.5 -> 3, 3.5 -> 4, 4.4, 60, mean(70, 80) = 75 (a second reading in the slot).
 * C (created at 600 s) and E (deleted at 900 s) are not alive over the window.
 */
START_TEST(test_tracefmt_azure_values)
{
	struct diag d;
	struct tracefmt_report r;
	struct trace_set *t = pack2(TRACEFMT_AZURE, "tests/data/azure/vmtable", "tests/data/azure/vm_cpu_readings",
				    1800, 0, TRACEFMT_FIRST, 1, &r, &d);
	ck_assert_msg(t != NULL, "%s", d.msg[0]);
	ck_assert_uint_eq(t->n_vms, 2);
	assert_row(t, 0, "+ZcrOp5/c/fJ6mVgP5qMZlOAGDwyjaaDNM0WoWOt2IDb47gT0UwK9lFwkPQv3C7Q",
		   (double[]){ 12, 46, 46, 7, 100, 34 }, 6);
	assert_row(t, 1, "aW5B0LXjWtRBkWgdX9xL6bzn8sQxHUapq3mZ1+Zt5ZmOQ1LQ/6yv9HMSbWcZ6/pF",
		   (double[]){ 2, 3, 4, 4, 60, 75 }, 6);
	/* no memory series; sizes: 1 core and 0.75 GB = 768 MB; V2's buckets >24 and >64 as the
	 * dataset's notebook takes them, 30 cores and 70 GB = 71680 MB */
	ck_assert_ptr_null(t->mem);
	assert_size(t, 0, 1, NAN, 768);
	assert_size(t, 1, 30, NAN, 71680);
	ck_assert_uint_eq(r.vms_seen, 4);
	ck_assert_uint_eq(r.vms_candidates, 2);
	ck_assert_uint_eq(r.gaps_filled, 1);
	ck_assert_uint_eq(r.clipped, 1);
	ck_assert_uint_eq(r.duplicates, 1);
	trace_destroy(t);
}
END_TEST

/*
 * Alibaba, window [86400, 87300): c_1 mean(10, 20, 30) = 20 (-1 skipped; 86390 is before the
 * window), 55 (101 skipped), mean(7, 8) = 7.5 -> 8; c_2 50, (empty: 50), mean(60, 61) -> 61.
 */
START_TEST(test_tracefmt_alibaba_values)
{
	struct diag d;
	struct tracefmt_report r;
	struct trace_set *t = pack2(TRACEFMT_ALIBABA2018, "tests/data/alibaba2018/container_meta.csv",
				    "tests/data/alibaba2018/container_usage.csv", 900, 0, TRACEFMT_FIRST, 1, &r, &d);
	ck_assert_msg(t != NULL, "%s", d.msg[0]);
	ck_assert_uint_eq(t->n_vms, 2);
	assert_row(t, 0, "c_1", (double[]){ 20, 55, 8 }, 3);
	assert_row(t, 1, "c_2", (double[]){ 50, 50, 61 }, 3);
	/* memory: mem_util_percent 40 in every row (c_2's second slot empty: 40 filled); sizes:
	 * cpu_request 400 and 100 = 4 and 1 cores, no MHz, no MB (mem_size has no unit) */
	assert_mem(t, 0, (double[]){ 40, 40, 40 }, 3);
	assert_mem(t, 1, (double[]){ 40, 40, 40 }, 3);
	ck_assert_uint_eq(r.mem_gaps_filled, 1);
	assert_size(t, 0, 4, NAN, NAN);
	assert_size(t, 1, 1, NAN, NAN);
	ck_assert_uint_eq(r.invalid, 2);
	ck_assert_uint_eq(r.gaps_filled, 1);
	ck_assert_uint_eq(r.vms_seen, 2); /* the quoted "c_2" row (libcsv's path) is c_2 again */
	trace_destroy(t);
}
END_TEST

/*
 * Google, window [600 s, 1500 s) of the trace: task 6253771429-0 (request 0.5) 0.1 -> 20 %, then
 * (0.2 -> 40 % for 150 s, 0.3 -> 60 % for 150 s) = 50, then an empty CPU rate (a gap: 50);
 * task -1 (request 0.25, from its SUBMIT: the SCHEDULE's is empty) 0.05 -> 20 % over 450 s, so
 * slot 1 = (20 x 150 + 40 x 150) / 300 = 30, then 0.3 -> 120 % clipped. 12-34 finishes inside
 * the window, 7-0 is scheduled inside it, 123-4 has no request, 99-0 has no events.
 * (Every task's memory request is 0.1.)
 */
START_TEST(test_tracefmt_google_values)
{
	struct diag d;
	struct tracefmt_report r;
	struct trace_set *t = pack2(TRACEFMT_GOOGLE2011, "tests/data/google2011/task_events",
				    "tests/data/google2011/task_usage", 900, 0, TRACEFMT_FIRST, 1, &r, &d);
	ck_assert_msg(t != NULL, "%s", d.msg[0]);
	ck_assert_uint_eq(t->n_vms, 2);
	assert_row(t, 0, "6253771429-0", (double[]){ 20, 50, 50 }, 3);
	assert_row(t, 1, "6253771429-1", (double[]){ 20, 30, 100 }, 3);
	/* memory over the request 0.1: 0.05 -> 50 %, (0.02 -> 20 % and 0.04 -> 40 %, 150 s each) = 30,
	 * then 0.15 -> 150 % clipped (its CPU rate is empty, its memory not); task -1 0.06787 -> 68 */
	assert_mem(t, 0, (double[]){ 50, 30, 100 }, 3);
	assert_mem(t, 1, (double[]){ 68, 68, 68 }, 3);
	ck_assert_uint_eq(r.mem_clipped, 1);
	ck_assert_ptr_null(t->size);
	ck_assert_uint_eq(r.vms_seen, 5);
	ck_assert_uint_eq(r.no_request, 1);
	ck_assert_uint_eq(r.orphans, 1);
	ck_assert_uint_eq(r.clipped, 1);
	ck_assert_uint_eq(r.invalid, 1);
	trace_destroy(t);
}
END_TEST

/* busiest takes VM 2 (mean 43.7 % against 24.0 %), first VM 1; random is the seed's own choice. */
START_TEST(test_tracefmt_select)
{
	struct diag d;
	struct tracefmt_report r;
	const char *bb = "tests/data/bitbrains/fastStorage/2013-8";
	struct trace_set *t = pack2(TRACEFMT_BITBRAINS, bb, NULL, 1800, 1, TRACEFMT_BUSIEST, 1, &r, &d);
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t->names[0], "0002");
	trace_destroy(t);
	t = pack2(TRACEFMT_BITBRAINS, bb, NULL, 1800, 1, TRACEFMT_FIRST, 1, &r, &d);
	ck_assert_str_eq(t->names[0], "0001");
	trace_destroy(t);
	/* Azure busiest, by the readings' window mean: A 39.78 (five readings), B 31.7 (seven) */
	t = pack2(TRACEFMT_AZURE, "tests/data/azure/vmtable", "tests/data/azure/vm_cpu_readings", 1800, 1,
		  TRACEFMT_BUSIEST, 1, &r, &d);
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t->names[0], "+ZcrOp5/c/fJ6mVgP5qMZlOAGDwyjaaDNM0WoWOt2IDb47gT0UwK9lFwkPQv3C7Q");
	ck_assert_uint_eq(r.passes, 2);
	trace_destroy(t);
	int seen[2] = { 0, 0 };
	for (uint64_t seed = 1; seed <= 16; seed++) {
		struct trace_set *a = pack2(TRACEFMT_BITBRAINS, bb, NULL, 1800, 1, TRACEFMT_RANDOM, seed, &r, &d);
		struct trace_set *b = pack2(TRACEFMT_BITBRAINS, bb, NULL, 1800, 1, TRACEFMT_RANDOM, seed, &r, &d);
		ck_assert_str_eq(a->names[0], b->names[0]);
		seen[strcmp(a->names[0], "0001") == 0 ? 0 : 1]++;
		trace_destroy(a);
		trace_destroy(b);
	}
	ck_assert(seen[0] > 0 && seen[1] > 0);
	/* more VMs than cover the window */
	ck_assert_ptr_null(pack2(TRACEFMT_BITBRAINS, bb, NULL, 1800, 3, TRACEFMT_FIRST, 1, &r, &d));
	ck_assert_ptr_nonnull(strstr(d.msg[0], "2 VMs cover the window [0 s, 1800 s) (3 alive over it, 1 with gaps "
						 "longer than 2 slots); asked for 3"));
}
END_TEST

/* synth --format F, then pack: each layout gives back the series it was made from. */
START_TEST(test_tracefmt_synth_round_trip)
{
	char dir[] = "/tmp/greenmig-tracefmt-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	struct diag d;
	diag_init(&d);
	struct trace_set *want = synth_generate(7, 288, 5, &d);
	ck_assert_ptr_nonnull(want);
	for (int f = 0; f < 4; f++) {
		char out[256];
		snprintf(out, sizeof out, "%s/%d", dir, f);
		unsigned long long bytes = 0;
		ck_assert_int_eq(tracefmt_synth((enum tracefmt_format)f, 7, 288, 5, out, &bytes, &d), 0);
		ck_assert(bytes > 7 * 288 * 40);
		struct tracefmt_params p;
		tracefmt_params_init(&p, (enum tracefmt_format)f);
		const char *in[1] = { out };
		struct tracefmt_report r;
		struct trace_set *t = tracefmt_pack(&p, in, 1, &r, &d);
		ck_assert_msg(t != NULL, "%s: %s", tracefmt_format_name((enum tracefmt_format)f), d.msg[0]);
		ck_assert_uint_eq(t->n_vms, 7);
		ck_assert_uint_eq(r.gaps_filled, 0);
		for (size_t i = 0; i < 7; i++) {
			size_t match = 0;
			for (size_t j = 0; j < 7 && !match; j++)
				match = memcmp(t->pct[i], want->pct[j], 288 * sizeof(double)) == 0;
			ck_assert_msg(match, "%s: VM %s is none of the synthetic series",
				      tracefmt_format_name((enum tracefmt_format)f), t->names[i]);
		}
		trace_destroy(t);
	}
	trace_destroy(want);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static void assert_fails(enum tracefmt_format f, const char *a, const char *b, const char *where, const char *what)
{
	struct diag d;
	struct tracefmt_report r;
	struct trace_set *t = pack2(f, a, b, 1800, 0, TRACEFMT_FIRST, 1, &r, &d);
	ck_assert_ptr_null(t);
	ck_assert_int_gt(d.count, 0);
	char want[512];
	snprintf(want, sizeof want, "%s: %s", test_srcpath(where), what);
	ck_assert_msg(strstr(d.msg[0], want) == d.msg[0], "got \"%s\", expected \"%s...\"", d.msg[0], want);
}

START_TEST(test_tracefmt_bitbrains_errors)
{
	const char *b = "tests/data/bitbrains/bad/";
	char p[5][128];
	const char *names[] = { "sep", "column", "number", "backwards", "millis" };
	for (int i = 0; i < 5; i++)
		snprintf(p[i], sizeof p[i], "%s%s.csv", b, names[i]);
	assert_fails(TRACEFMT_BITBRAINS, p[0], NULL, "tests/data/bitbrains/bad/sep.csv:1",
		     "the header has no \";\" separators");
	assert_fails(TRACEFMT_BITBRAINS, p[1], NULL, "tests/data/bitbrains/bad/column.csv:1",
		     "no column \"CPU usage [%]\" in the header");
	assert_fails(TRACEFMT_BITBRAINS, p[2], NULL, "tests/data/bitbrains/bad/number.csv:2:5",
		     "\"12,5\" is not a number (CPU usage [%])");
	assert_fails(TRACEFMT_BITBRAINS, p[3], NULL, "tests/data/bitbrains/bad/backwards.csv:3:1",
		     "timestamp 1376265646 goes back before the previous row's 1376265946");
	assert_fails(TRACEFMT_BITBRAINS, p[4], NULL, "tests/data/bitbrains/bad/millis.csv:2:1",
		     "timestamp 1376265646000 is not a 2013 time in Unix seconds");
	/* a memory field negative, then not a number (the first row's message first) */
	assert_fails(TRACEFMT_BITBRAINS, "tests/data/bitbrains/bad/memory.csv", NULL,
		     "tests/data/bitbrains/bad/memory.csv:2:7", "Memory usage [KB] is negative");
	/* an archive, and a file of another format */
	assert_fails(TRACEFMT_BITBRAINS, "tests/data/bitbrains/fastStorage.zip", NULL,
		     "tests/data/bitbrains/fastStorage.zip", "an archive: extract it");
	assert_fails(TRACEFMT_AZURE, "tests/data/bitbrains/bad/sep.csv", NULL, "tests/data/bitbrains/bad/sep.csv",
		     "not a azure file");
}
END_TEST

START_TEST(test_tracefmt_table_errors)
{
	const char *A = "+ZcrOp5/c/fJ6mVgP5qMZlOAGDwyjaaDNM0WoWOt2IDb47gT0UwK9lFwkPQv3C7Q";
	char msg[256];
	assert_fails(TRACEFMT_AZURE, "tests/data/azure/bad-unknown", NULL,
		     "tests/data/azure/bad-unknown/vm_cpu_readings-file-1-of-1.csv:2:2",
		     "VM \"aW5B0LXjWtRBkWgdX9xL6bzn8sQxHUapq3mZ1+Zt5ZmOQ1LQ/6yv9HMSbWcZ6/pF\" is not in the VM table");
	assert_fails(TRACEFMT_AZURE, "tests/data/azure/bad-number", NULL,
		     "tests/data/azure/bad-number/vm_cpu_readings-file-1-of-1.csv:1:5", "\"1.5x\" is not a number (avg cpu)");
	snprintf(msg, sizeof msg, "time 0 of VM \"%s\" goes back before its previous sample's (300)", A);
	assert_fails(TRACEFMT_AZURE, "tests/data/azure/bad-backwards", NULL,
		     "tests/data/azure/bad-backwards/vm_cpu_readings-file-1-of-1.csv:2:1", msg);
	assert_fails(TRACEFMT_AZURE, "tests/data/azure/bad-grid", NULL,
		     "tests/data/azure/bad-grid/vm_cpu_readings-file-1-of-1.csv:2:1",
		     "timestamp 301 is not on the trace's 300 s grid");
	assert_fails(TRACEFMT_AZURE, "tests/data/azure/bad-column", NULL, "tests/data/azure/bad-column/vmtable.csv:1",
		     "10 fields; vmtable (vmid,");
	assert_fails(TRACEFMT_AZURE, "tests/data/azure/bad-separator", NULL,
		     "tests/data/azure/bad-separator/vm_cpu_readings-file-1-of-1.csv:1",
		     "one field where vm_cpu_readings (timestamp, vmid, min cpu, max cpu, avg cpu) has 5: wrong separator?");
	assert_fails(TRACEFMT_AZURE, "tests/data/azure/vmtable", NULL, "tests/data/azure/vmtable",
		     "no readings file among the inputs");
	assert_fails(TRACEFMT_ALIBABA2018, "tests/data/alibaba2018/bad-unknown", NULL,
		     "tests/data/alibaba2018/bad-unknown/container_usage.csv:2:1", "container \"c_9\" is not in container_meta");
	assert_fails(TRACEFMT_ALIBABA2018, "tests/data/alibaba2018/bad-backwards", NULL,
		     "tests/data/alibaba2018/bad-backwards/container_usage.csv:2:3",
		     "time 86400 of VM \"c_1\" goes back before its previous sample's (86410)");
	assert_fails(TRACEFMT_ALIBABA2018, "tests/data/alibaba2018/bad-number", NULL,
		     "tests/data/alibaba2018/bad-number/container_meta.csv:1:6", "\"4x0\" is not an integer (cpu_request");
	assert_fails(TRACEFMT_ALIBABA2018, "tests/data/alibaba2018/bad-column", NULL,
		     "tests/data/alibaba2018/bad-column/container_usage.csv:1", "10 fields; container_usage (");
	assert_fails(TRACEFMT_GOOGLE2011, "tests/data/google2011/bad-backwards", NULL,
		     "tests/data/google2011/bad-backwards/task_events/part-00000-of-00001.csv:2:1",
		     "time 4 goes back before 5 (the previous row)");
	assert_fails(TRACEFMT_GOOGLE2011, "tests/data/google2011/bad-end", NULL,
		     "tests/data/google2011/bad-end/task_usage/part-00000-of-00001.csv:1:2",
		     "end time 600000000 is before start time 900000000");
	assert_fails(TRACEFMT_GOOGLE2011, "tests/data/google2011/bad-number", NULL,
		     "tests/data/google2011/bad-number/task_usage/part-00000-of-00001.csv:1:6",
		     "\"0.1.2\" is not a number (CPU rate)");
	assert_fails(TRACEFMT_GOOGLE2011, "tests/data/google2011/bad-column", NULL,
		     "tests/data/google2011/bad-column/task_events/part-00000-of-00001.csv:1", "12 fields; task_events (");
}
END_TEST

/* A packed file with sizes and memory reads back as written; a packed file's bad memory or size
 * field is file:line:column with what was expected. */
static struct trace_set *read_text(const char *dir, const char *text, struct diag *d)
{
	char path[64];
	snprintf(path, sizeof path, "%s/day.csv", dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	diag_init(d);
	return trace_read(path, 0, d);
}

START_TEST(test_tracefmt_packed_memory)
{
	struct diag d;
	struct tracefmt_report r;
	char dir[] = "/tmp/greenmig-pmem-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	struct trace_set *t = pack2(TRACEFMT_BITBRAINS, "tests/data/bitbrains/fastStorage/2013-8", NULL, 1800, 0,
				    TRACEFMT_FIRST, 1, &r, &d);
	ck_assert_ptr_nonnull(t);
	char path[64];
	snprintf(path, sizeof path, "%s/bb.csv.gz", dir);
	ck_assert_int_eq(trace_write_packed(t, path, &d), 0);
	trace_destroy(t);
	diag_init(&d);
	t = trace_read(path, 0, &d);
	ck_assert_msg(t != NULL, "%s", d.msg[0]);
	assert_row(t, 0, "0001", (double[]){ 11, 20, 30, 30, 40, 13 }, 6);
	assert_mem(t, 0, (double[]){ 10, 25, 25, 25, 70, 75 }, 6);
	assert_size(t, 0, 2, 2600, 4096);
	assert_size(t, 1, 1, 2599.998989, 65536);
	trace_destroy(t);
	/* sizes alone, an empty one unknown; memory alone */
	t = read_text(dir, "vm,0,300,cores,mhz,ram_mb\na,1,2,4,,8192\n", &d);
	ck_assert_msg(t != NULL, "%s", d.msg[0]);
	ck_assert_ptr_null(t->mem);
	assert_size(t, 0, 4, NAN, 8192);
	trace_destroy(t);
	t = read_text(dir, "vm,0,300,mem_0,mem_300\na,1,2,30,40\n", &d);
	ck_assert_msg(t != NULL, "%s", d.msg[0]);
	ck_assert_ptr_null(t->size);
	assert_mem(t, 0, (double[]){ 30, 40 }, 2);
	trace_destroy(t);
	/* malformed */
	static const struct { const char *text, *where, *what; } bad[] = {
		{ "vm,0,300,mem_0\na,1,2,3\n", ":1", "1 memory columns and 2 CPU columns" },
		{ "vm,0,300,mem_0,mem_600\na,1,2,3,4\n", ":1:5", "expected the memory sample time mem_300" },
		{ "vm,0,300,cores,ram_mb\na,1,2,3,4\n", ":1:5", "(expected \"mhz\": the size columns" },
		{ "vm,0,cores,mhz\na,1,2,3\n", ":1", "header ends inside the size columns" },
		{ "vm,0,300,mem_0,mem_300\na,1,2,30,101\n", ":2:5", "" },
		{ "vm,0,300,mem_0,mem_300\na,1,2,30,x\n", ":2:5", "" },
		{ "vm,0,300,mem_0,mem_300\na,1,2,30\n", ":2:5", "row has 4 fields; the header has 5 (a VM name, 2 "
									"samples, 0 size columns and 2 memory samples)" },
		{ "vm,0,cores,mhz,ram_mb\na,1,-4,,\n", ":2:3", "cores \"-4\" is not a number >= 0 (or empty: unknown)" },
		{ "vm,0,cores,mhz,ram_mb\na,1,4,2e3x,\n", ":2:4", "mhz \"2e3x\" is not a number >= 0" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = read_text(dir, bad[i].text, &d);
		ck_assert_msg(t == NULL, "case %zu read", i);
		char want[128];
		snprintf(want, sizeof want, "%s/day.csv%s: ", dir, bad[i].where);
		ck_assert_msg(strncmp(d.msg[0], want, strlen(want)) == 0 && strstr(d.msg[0], bad[i].what) != NULL,
			      "case %zu: \"%s\", expected \"%s...%s\"", i, d.msg[0], want, bad[i].what);
	}
	snprintf(path, sizeof path, "%s/bb.csv.gz", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/day.csv", dir);
	unlink(path);
	rmdir(dir);
}
END_TEST

Suite *tracefmt_suite(void)
{
	Suite *s = suite_create("tracefmt");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_tracefmt_bitbrains_values);
	tcase_add_test(core, test_tracefmt_azure_values);
	tcase_add_test(core, test_tracefmt_alibaba_values);
	tcase_add_test(core, test_tracefmt_google_values);
	tcase_add_test(core, test_tracefmt_select);
	tcase_add_test(core, test_tracefmt_synth_round_trip);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_tracefmt_bitbrains_errors);
	tcase_add_test(errors, test_tracefmt_table_errors);
	tcase_add_test(errors, test_tracefmt_packed_memory);
	suite_add_tcase(s, errors);
	return s;
}
