/*
 * Workloads where VMs arrive and finish (workload.h) and DRR on CloudSim 3.0.3's engine:
 * arrival times of each process, the CSV workload file and its errors (file:line), a VM created
 * at the first scheduling step after its arrival, and DRR's rules on a small datacenter.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "policy.h"
#include "rng.h"
#include "sim.h"
#include "suites.h"
#include "trace.h"
#include "workload.h"

static struct experiment ex;

/* n hosts of 1000 MIPS (linear 250 W, 0.7), VM type v of `mips` MIPS, then the extra settings. */
static void setup(long hosts, double mips, const char *const *extra, size_t n_extra)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&ex, "mem");
	char hc[64], vm[64];
	snprintf(hc, sizeof hc, "hosts.count=%ld", hosts);
	snprintf(vm, sizeof vm, "vm.v.mips=%g", mips);
	const char *sets[] = {
		"experiment.setup=small", "simulation.limit_s=3000", hc, "hosts.types=h", "host.h.pes=1",
		"host.h.mips=1000", "host.h.ram_mb=4096", "host.h.power=linear", "host.h.power_max_w=250",
		"host.h.power_static_share=0.7", "vms.types=v,w", vm, "vm.v.ram_mb=128", "vm.v.bw=2500",
		"vm.w.mips=250", "vm.w.ram_mb=128", "vm.w.bw=2500", "vms.assign=round_robin",
	};
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
		ck_assert_msg(config_set(&ex, sets[i], &d) == 0, "%s: %s", sets[i], d.msg[0]);
	for (size_t i = 0; i < n_extra; i++)
		ck_assert_msg(config_set(&ex, extra[i], &d) == 0, "%s: %s", extra[i], d.msg[0]);
	ck_assert_msg(config_validate(&ex, &d) == 0, "%s", d.msg[0]);
}

/* Six traces of 11 samples (3000 s at 300 s), names in byte-wise order. */
static double p0[11] = { 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50 };
static double p1[11] = { 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20 };
static double p2[11] = { 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80 };
static double p3[11] = { 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10 };
static double p4[11] = { 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 };
static double p5[11] = { 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40 };
static char *tnames[6] = { "a", "b", "c", "d", "e", "f" };
static char *tsources[6] = { "mem/a", "mem/b", "mem/c", "mem/d", "mem/e", "mem/f" };
static long tlines[6] = { 0 };
static size_t tcounts[6] = { 11, 11, 11, 11, 11, 11 };
static double *tpcts[6] = { p0, p1, p2, p3, p4, p5 };
static struct trace_set traces = { "mem", "mem", 6, tnames, tsources, tlines, tcounts, tpcts, NULL, NULL, 0, NULL, 0 };

START_TEST(test_workload_none_is_cloudsims_setup)
{
	setup(2, 500, NULL, 0);
	struct workload w;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(workload_build(&w, &ex, &traces, 4, &d), 0);
	ck_assert_int_eq(w.n, 4);
	for (long i = 0; i < 4; i++) {
		ck_assert_double_eq(w.submit_s[i], 0);
		ck_assert_int_eq(w.trace[i], i);
		ck_assert_int_eq(w.length_mi[i], ex.cloudlet_length_mi);
		ck_assert_str_eq(w.type[i]->name, i % 2 ? "w" : "v"); /* round robin */
	}
	workload_free(&w);
}
END_TEST

START_TEST(test_workload_waves)
{
	const char *extra[] = { "workload.arrivals=waves", "workload.initial_vms=2", "workload.wave_size=2",
				"workload.wave_interval_s=700" };
	setup(2, 500, extra, 4);
	struct workload w;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(workload_build(&w, &ex, &traces, 6, &d), 0);
	const double want[6] = { 0, 0, 700, 700, 1400, 1400 };
	for (int i = 0; i < 6; i++)
		ck_assert_double_eq(w.submit_s[i], want[i]);
	workload_free(&w);
}
END_TEST

START_TEST(test_workload_poisson)
{
	const char *extra[] = { "workload.arrivals=poisson", "workload.initial_vms=1",
				"workload.arrival_rate_per_h=36" };
	setup(2, 500, extra, 3);
	struct workload w1, w2;
	struct diag d;
	diag_init(&d);
	/* 4001 VMs (traces are not read by workload_build except in file mode): 4000 gaps */
	ck_assert_int_eq(workload_build(&w1, &ex, &traces, 4001, &d), 0);
	ck_assert_int_eq(workload_build(&w2, &ex, &traces, 4001, &d), 0);
	ck_assert_double_eq(w1.submit_s[0], 0);
	/* the gaps are -ln(1 - U) x 100 s with the arrivals' own stream of the run's seed */
	struct rng r;
	rng_init(&r, ex.seed ^ WORKLOAD_ARRIVAL_STREAM);
	double t = 0;
	for (int i = 1; i < 4001; i++) {
		t += -log1p(-rng_uniform(&r)) * 100.0;
		ck_assert_double_eq(w1.submit_s[i], t);
		ck_assert_double_eq(w1.submit_s[i], w2.submit_s[i]);
		ck_assert(w1.submit_s[i] >= w1.submit_s[i - 1]);
	}
	/* mean gap 100 s: within 10 % over 4000 gaps (sd of the mean: 1.6 %) */
	double mean = w1.submit_s[4000] / 4000;
	ck_assert_msg(mean > 90 && mean < 110, "mean gap %g", mean);
	workload_free(&w1);
	workload_free(&w2);
}
END_TEST

static char *write_file(const char *text)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/greenmig-wl-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

START_TEST(test_workload_file)
{
	char *path = write_file("vm,submit_s,trace,length_mi,type\n"
				"7,0,c,5000,w\n"
				"3,650.5,a,1000000,v\n");
	char set[128];
	snprintf(set, sizeof set, "workload.workload_file=%s", path);
	const char *extra[] = { "workload.arrivals=file", set };
	setup(2, 500, extra, 2);
	struct workload w;
	struct diag d;
	diag_init(&d);
	ck_assert_msg(workload_build(&w, &ex, &traces, 6, &d) == 0, "%s", d.msg[0]);
	ck_assert_int_eq(w.n, 2);
	ck_assert_double_eq(w.submit_s[0], 0);
	ck_assert_int_eq(w.trace[0], 2);
	ck_assert_int_eq(w.length_mi[0], 5000);
	ck_assert_str_eq(w.type[0]->name, "w");
	ck_assert_double_eq(w.submit_s[1], 650.5);
	ck_assert_int_eq(w.trace[1], 0);
	ck_assert_int_eq(w.length_mi[1], 1000000);
	ck_assert_str_eq(w.type[1]->name, "v");
	workload_free(&w);
	unlink(path);
}
END_TEST

START_TEST(test_workload_file_errors)
{
	char *path = write_file("vm,submit_s,trace,length_mi,type\n"
				"1,0,a,100,v\n"
				"2,-5,a,100,v\n"
				"3,0,zz,100,v\n"
				"4,0,a,0,v\n"
				"5,0,a,100,big\n"
				"1,0,b,100,v\n"
				"6,0,a\n"
				"x,0,a,100,v\n");
	char set[128];
	snprintf(set, sizeof set, "workload.workload_file=%s", path);
	const char *extra[] = { "workload.arrivals=file", set };
	setup(2, 500, extra, 2);
	struct workload w;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(workload_build(&w, &ex, &traces, 6, &d), -1);
	ck_assert_int_eq(d.count, 7); /* every bad row, each with its line */
	const struct {
		long line;
		const char *text;
	} want[7] = { { 3, "submit_s \"-5\" is not a number of seconds >= 0" },
		      { 4, "trace \"zz\" is not in mem" },
		      { 5, "length_mi \"0\" is not an integer > 0 (MI)" },
		      { 6, "type \"big\" has no [vm.NAME] section" },
		      { 7, "vm 1 appears twice" },
		      { 8, "3 fields, expected 5" },
		      { 9, "vm \"x\" is not an integer >= 0" } };
	for (int i = 0; i < 7; i++) {
		char where[256];
		snprintf(where, sizeof where, "%s:%ld:", path, want[i].line);
		ck_assert_msg(strstr(d.msg[i], where) != NULL, "message %d: %s (want %s)", i, d.msg[i], where);
		ck_assert_msg(strstr(d.msg[i], want[i].text) != NULL, "message %d: %s", i, d.msg[i]);
	}
	unlink(path);
	/* a bad header */
	path = write_file("id,submit,trace,length,type\n1,0,a,100,v\n");
	snprintf(set, sizeof set, "workload.workload_file=%s", path);
	const char *extra2[] = { "workload.arrivals=file", set };
	setup(2, 500, extra2, 2);
	diag_init(&d);
	ck_assert_int_eq(workload_build(&w, &ex, &traces, 6, &d), -1);
	ck_assert_msg(strstr(d.msg[0], ":1:") && strstr(d.msg[0], "expected vm,submit_s,trace,length_mi,type"),
		      "%s", d.msg[0]);
	unlink(path);
}
END_TEST

/* A VM arriving at 650 s is created at the first step at or after it: T_3 = 900.1. */
START_TEST(test_arrival_created_at_next_step)
{
	const char *extra[] = { "workload.arrivals=waves", "workload.initial_vms=1", "workload.wave_size=1",
				"workload.wave_interval_s=650", "vms.count=2", "policy.name=dvfs" };
	setup(2, 500, extra, 6);
	struct diag d;
	diag_init(&d);
	struct sim *s = sim_create(&ex, &traces, &d);
	ck_assert_msg(s != NULL, "%s", d.msg[0]);
	const struct datacenter *dc = sim_datacenter(s);
	ck_assert(dc->vms[0].placed);
	ck_assert(!dc->vms[1].placed);
	ck_assert_int_eq(sim_step(s, &d), 1); /* 300.1 */
	ck_assert_int_eq(sim_step(s, &d), 1); /* 600.1 */
	ck_assert(!dc->vms[1].placed);
	ck_assert_int_eq(sim_step(s, &d), 1); /* 900.1 */
	ck_assert(dc->vms[1].placed);
	ck_assert_int_eq(dc->vms[1].host, 0); /* first fit: 500 + 250 MIPS fit on host 0 */
	ck_assert_int_eq(sim_run(s, &d), 0);
	struct sim_result r;
	sim_result(s, &r);
	ck_assert_int_eq(r.vms, 2);
	ck_assert_int_eq(r.unplaced_vms, 0);
	sim_destroy(s);
}
END_TEST

/*
 * DRR on CloudSim 3.0.3's engine: 3 hosts, VMs of 500 MIPS placed round robin 0, 1, 2, 0;
 * VM 0 (host 0) has a short cloudlet: it finishes at the first step while VM 3 still runs there,
 * so host 0 retires; with threshold 0 s VM 3 is sent at once to an active host (round robin
 * from the pointer, never host 0 again), and host 0, empty, counts as emptied by the threshold.
 */
START_TEST(test_drr_retire_and_evacuate)
{
	char *path = write_file("vm,submit_s,trace,length_mi,type\n"
				"0,0,a,10000,v\n"
				"1,0,b,100000000,v\n"
				"2,0,c,100000000,v\n"
				"3,0,d,100000000,v\n");
	char set[128];
	snprintf(set, sizeof set, "workload.workload_file=%s", path);
	const char *extra[] = { "workload.arrivals=file", set, "hosts.count=3", "policy.name=drr",
				"policy.param=0", "simulation.destroy_idle_vms=no" };
	setup(3, 500, extra, 6);
	struct diag d;
	diag_init(&d);
	struct sim *s = sim_create(&ex, &traces, &d);
	ck_assert_msg(s != NULL, "%s", d.msg[0]);
	const struct datacenter *dc = sim_datacenter(s);
	const int want_host[4] = { 0, 1, 2, 0 };
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(dc->vms[i].host, want_host[i]);
	/* 300.1: VM 0 has done 10,000 MI (500 MIPS x 50 % x 300 s = 75,000 > 10,000): finished */
	ck_assert_int_eq(sim_step(s, &d), 1);
	ck_assert(dc->vms[0].removed);
	/* the retirement and the evacuation were decided at 300.1: VM 3 is migrating off host 0 */
	ck_assert(dc->vms[3].in_migration);
	ck_assert_int_eq(sim_run(s, &d), 0);
	ck_assert_int_ne(dc->vms[3].host, 0);
	ck_assert_int_eq(dc->hosts[0].n_slots, 0);
	struct sim_result r;
	sim_result(s, &r);
	ck_assert_int_eq(r.migrations, 1);
	ck_assert_int_eq(r.hosts_retired, 1);
	ck_assert_int_eq(r.hosts_evacuated, 1);
	ck_assert_int_eq(r.hosts_drained, 0);
	sim_destroy(s);
	unlink(path);
}
END_TEST

/* With a long threshold the retiring host keeps its VMs, and a later arrival skips it. */
START_TEST(test_drr_retiring_host_takes_no_new_vm)
{
	char *path = write_file("vm,submit_s,trace,length_mi,type\n"
				"0,0,a,10000,v\n"
				"1,0,b,100000000,v\n"
				"2,0,c,100000000,v\n"
				"3,0,d,100000000,v\n"
				"4,500,e,100000000,w\n"
				"5,500,f,100000000,w\n");
	char set[128];
	snprintf(set, sizeof set, "workload.workload_file=%s", path);
	const char *extra[] = { "workload.arrivals=file", set, "hosts.count=3", "policy.name=drr",
				"policy.param=100000", "simulation.destroy_idle_vms=no" };
	setup(3, 500, extra, 6);
	struct diag d;
	diag_init(&d);
	struct sim *s = sim_create(&ex, &traces, &d);
	ck_assert_msg(s != NULL, "%s", d.msg[0]);
	const struct datacenter *dc = sim_datacenter(s);
	ck_assert_int_eq(sim_step(s, &d), 1); /* 300.1: VM 0 done, host 0 retiring */
	ck_assert_int_eq(sim_step(s, &d), 1); /* 600.1: VMs 4, 5 arrive */
	/* the pointer is past host 0 (VM 3 went there last): 1 then 2, never the retiring 0 */
	ck_assert_int_eq(dc->vms[4].host, 1);
	ck_assert_int_eq(dc->vms[5].host, 2);
	ck_assert_int_eq(dc->vms[3].host, 0);
	ck_assert(!dc->vms[3].in_migration);
	ck_assert_int_eq(sim_run(s, &d), 0);
	struct sim_result r;
	sim_result(s, &r);
	ck_assert_int_eq(r.migrations, 0);
	ck_assert_int_eq(r.hosts_retired, 1);
	sim_destroy(s);
	unlink(path);
}
END_TEST

/*
 * [vms] size (doc/memory.md#vm-sizes) with types v (500 MIPS, 1 PE, 128 MB) and w (250 MIPS):
 * a (1 core, 500 MHz, 128 MB) is v exactly; b (1 core, 260 MHz) is w (ln(260/250)^2 = 0.0015
 * against ln(260/500)^2 = 0.43); c (2 cores, 128 MB) is as far from both: the first listed, v.
 */
static struct trace_vmsize tsizes[6] = {
	{ 1, 500, 128 }, { 1, 260, NAN }, { 2, NAN, 128 }, { NAN, NAN, NAN }, { 1, 250, 0 }, { 1, 500, 128 },
};

START_TEST(test_workload_size_from_trace)
{
	const char *extra[] = { "vms.size=from_trace" };
	setup(2, 500, extra, 1);
	struct trace_set sized = traces;
	sized.size = tsizes;
	struct workload w;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(workload_build(&w, &ex, &sized, 3, &d), 0);
	ck_assert_str_eq(w.type[0]->name, "v");
	ck_assert_str_eq(w.type[1]->name, "w");
	ck_assert_str_eq(w.type[2]->name, "v");
	ck_assert_ptr_null(w.own);
	workload_free(&w);
	/* d has no size: its trace's file */
	diag_init(&d);
	ck_assert_int_eq(workload_build(&w, &ex, &sized, 4, &d), -1);
	ck_assert_int_eq(d.count, 1);
	ck_assert_str_eq(d.msg[0], "mem/d: VM \"d\" has no size in the trace ([vms] size = from_trace needs its cores, "
				   "MHz or MB)");
	/* a trace without sizes (a PlanetLab day) */
	diag_init(&d);
	ck_assert_int_eq(workload_build(&w, &ex, &traces, 3, &d), -1);
	ck_assert_msg(strstr(d.msg[0], "[vms] size = from_trace: the trace mem has no VM sizes") != NULL, "%s",
		      d.msg[0]);
}
END_TEST

/* own: a keeps v's numbers; b 260 MIPS (its MB unknown: w's 128); c 2 PEs (its MHz unknown: v's 500). */
START_TEST(test_workload_size_own)
{
	const char *extra[] = { "vms.size=own" };
	setup(2, 500, extra, 1);
	struct trace_set sized = traces;
	sized.size = tsizes;
	struct workload w;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(workload_build(&w, &ex, &sized, 3, &d), 0);
	ck_assert_ptr_nonnull(w.own);
	ck_assert_ptr_eq(w.type[1], &w.own[1]);
	ck_assert(w.type[0]->pes == 1 && w.type[0]->mips == 500 && w.type[0]->ram_mb == 128);
	ck_assert(w.type[1]->pes == 1 && w.type[1]->mips == 260 && w.type[1]->ram_mb == 128);
	ck_assert(w.type[2]->pes == 2 && w.type[2]->mips == 500 && w.type[2]->ram_mb == 128);
	ck_assert_str_eq(w.type[1]->name, "w"); /* its assigned type's name */
	workload_free(&w);
}
END_TEST

Suite *workload_suite(void)
{
	Suite *s = suite_create("workload");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_workload_none_is_cloudsims_setup);
	tcase_add_test(core, test_workload_waves);
	tcase_add_test(core, test_workload_poisson);
	tcase_add_test(core, test_workload_file);
	tcase_add_test(core, test_workload_file_errors);
	tcase_add_test(core, test_workload_size_from_trace);
	tcase_add_test(core, test_workload_size_own);
	tcase_add_test(core, test_arrival_created_at_next_step);
	tcase_add_test(core, test_drr_retire_and_evacuate);
	tcase_add_test(core, test_drr_retiring_host_takes_no_new_vm);
	suite_add_tcase(s, core);
	return s;
}
