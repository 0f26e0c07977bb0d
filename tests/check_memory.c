/*
 * Memory as a second resource (doc/memory.md): a packed Bitbrains fixture run with its own sizes
 * gives the hand-computed CPU utilization and memory at chosen steps; the suitability test refuses
 * a host whose used memory would pass its RAM (for a migration too, which CloudSim does not check);
 * the same trace without its memory series places as CloudSim does.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "datacenter.h"
#include "sim.h"
#include "suites.h"
#include "trace.h"
#include "tracefmt.h"

static struct experiment ex;

static void setup(const char *const *sets, size_t n)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&ex, "mem");
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(config_set(&ex, sets[i], &d) == 0, "%s: %s", sets[i], d.msg[0]);
	ck_assert_msg(config_validate(&ex, &d) == 0, "%s", d.msg[0]);
}

/* The time of the last step processed (its timeline row). */
static double last_step(const struct sim *s)
{
	int n;
	const struct timeline_row *r = sim_timeline(s, &n);
	return n > 0 ? r[n - 1].t_s : -1;
}

/*
 * The Bitbrains fixture packed over [0, 1800 s): VM 0001's CPU 11, 20, 30, 30, 40, 13 %, memory
 * 10, 25, 25, 25, 70, 75 %, size 2 cores of 2600 MHz and 4096 MB (tests/check_tracefmt.c). Run
 * alone for 1800 s with [vms] size = own (2 PEs x 2600 MIPS, 4096 MB) on one host of 8192 MB:
 *  - at 300.1 s its utilization is 0.2 + (0.3 - 0.2) x 0.1 / 300 (CloudSim's interpolation), its
 *    memory sample floor(300.1 / 300) = 1: 25 % of 4096 = 1024 MB, 1024 / 8192 = 0.125 of the host;
 *  - at 1200.1 s 0.4 + (0.13 - 0.4) x 0.1 / 300 and 70 % of 4096 = 2867.2 MB (2.8 GB);
 *  - at 1500.1 s 75 % of 4096 = 3072 MB (3 GB), 0.375 of the host.
 * The mean of the five steps' used memory: (1 + 1 + 1 + 2.8 + 3) / 5 = 1.76 GB.
 */
START_TEST(test_memory_bitbrains_round_trip)
{
	struct tracefmt_params p;
	tracefmt_params_init(&p, TRACEFMT_BITBRAINS);
	p.duration_s = 1800;
	const char *in[1] = { test_srcpath("tests/data/bitbrains/fastStorage/2013-8") };
	struct diag d;
	diag_init(&d);
	struct tracefmt_report rep;
	struct trace_set *t = tracefmt_pack(&p, in, 1, &rep, &d);
	ck_assert_msg(t != NULL, "%s", d.msg[0]);
	const char *sets[] = {
		"experiment.setup=small", "simulation.limit_s=1800", "hosts.count=1", "hosts.types=h",
		"host.h.pes=2", "host.h.mips=2600", "host.h.ram_mb=8192", "host.h.power=linear",
		"host.h.power_max_w=250", "host.h.power_static_share=0.7", "vms.types=v", "vm.v.mips=1000",
		"vm.v.ram_mb=128", "vms.size=own", "vms.count=1", "policy.name=dvfs",
	};
	setup(sets, sizeof sets / sizeof sets[0]);
	struct sim *s = sim_create(&ex, t, &d);
	ck_assert_msg(s != NULL, "%s", d.msg[0]);
	const struct datacenter *dc = sim_datacenter(s);
	const struct vm *vm = &dc->vms[0];
	ck_assert(dc->memory);
	ck_assert(vm->pes == 2 && vm->mips == 2600 && vm->ram_mb == 4096);
	ck_assert_double_eq(vm->mem_mb, 409.6); /* t = 0: 10 % */
	bool seen300 = false, seen1200 = false;
	while (sim_step(s, &d) == 1) {
		double t_s = last_step(s);
		if (t_s == 300.1 && !seen300) {
			seen300 = true;
			ck_assert_double_eq_tol(vm_history(vm)[0], 0.2 + 0.1 * 0.1 / 300, 1e-15);
			ck_assert_double_eq(vm->mem_mb, 1024);
			ck_assert_double_eq(host_mem_used(dc, &dc->hosts[0]), 1024);
		}
		if (t_s == 1200.1 && !seen1200) {
			seen1200 = true;
			ck_assert_double_eq_tol(vm_history(vm)[0], 0.4 - 0.27 * 0.1 / 300, 1e-15);
			ck_assert_double_eq_tol(vm->mem_mb, 2867.2, 1e-9);
		}
	}
	ck_assert(seen300 && seen1200);
	int n;
	const struct timeline_row *rows = sim_timeline(s, &n);
	ck_assert_int_eq(n, 5);
	ck_assert_double_eq(rows[0].mem_used_gb, 1);
	ck_assert_double_eq(rows[0].mem_host_max, 0.125);
	ck_assert_double_eq_tol(rows[3].mem_host_max, 0.35, 1e-12);
	ck_assert_double_eq(rows[4].mem_used_gb, 3);
	ck_assert_double_eq(rows[4].mem_host_max, 0.375);
	struct sim_result r;
	sim_result(s, &r);
	ck_assert(r.memory);
	ck_assert_double_eq_tol(r.mem_used_gb_mean, 1.76, 1e-12);
	ck_assert_double_eq(r.mem_host_peak, 0.375);
	ck_assert_double_eq(r.mem_migrated_gb, 0);
	sim_destroy(s);
	trace_destroy(t);
}
END_TEST

/*
 * Every reader's fixture, packed then run (its first VM alone, on a host of 2 x 5000 MIPS and
 * 65536 MB, VM type 1000 MIPS, 1 PE, 1024 MB): at 300.1 s its utilization is CloudSim's
 * interpolation between its packed samples 1 and 2, its memory sample 1 of its RAM:
 *  - Azure A: 46, 46 -> 0.46; no memory series (CPU only); own size 1 core, 0.75 GB = 768 MB;
 *  - Alibaba c_1: 55, 8 -> 0.55 - 0.47 x 0.1 / 300; memory 40 % of 1024 MB (no MB in the trace:
 *    own size 4 cores, the type's RAM);
 *  - Google 6253771429-0: 50, 50 -> 0.5; memory 30 % of 1024 MB (types: Google has no sizes).
 */
START_TEST(test_memory_readers_round_trip)
{
	static const struct {
		enum tracefmt_format f;
		const char *a, *b;
		double duration, u300, mem300;
		bool memory;
		const char *size;
		int pes;
		long ram;
	} c[] = {
		{ TRACEFMT_AZURE, "tests/data/azure/vmtable", "tests/data/azure/vm_cpu_readings", 1800, 0.46, 0, false,
		  "vms.size=own", 1, 768 },
		{ TRACEFMT_ALIBABA2018, "tests/data/alibaba2018/container_meta.csv", "tests/data/alibaba2018/container_usage.csv",
		  900, 0.55 - 0.47 * 0.1 / 300, 0.4 * 1024, true, "vms.size=own", 4, 1024 },
		{ TRACEFMT_GOOGLE2011, "tests/data/google2011/task_events", "tests/data/google2011/task_usage", 900, 0.5,
		  0.3 * 1024, true, "vms.size=types", 1, 1024 },
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		struct tracefmt_params p;
		tracefmt_params_init(&p, c[i].f);
		p.duration_s = c[i].duration;
		const char *in[2] = { test_srcpath(c[i].a), NULL };
		char b[512];
		snprintf(b, sizeof b, "%s", test_srcpath(c[i].b));
		in[1] = b;
		struct diag d;
		diag_init(&d);
		struct tracefmt_report rep;
		struct trace_set *t = tracefmt_pack(&p, in, 2, &rep, &d);
		ck_assert_msg(t != NULL, "%s", d.msg[0]);
		const char *sets[] = {
			"experiment.setup=small", "simulation.limit_s=900", "hosts.count=1", "hosts.types=h",
			"host.h.pes=4", "host.h.mips=5000", "host.h.ram_mb=65536", "host.h.power=linear",
			"host.h.power_max_w=250", "host.h.power_static_share=0.7", "vms.types=v", "vm.v.mips=1000",
			"vm.v.ram_mb=1024", c[i].size, "vms.count=1", "policy.name=dvfs",
		};
		setup(sets, sizeof sets / sizeof sets[0]);
		struct sim *s = sim_create(&ex, t, &d);
		ck_assert_msg(s != NULL, "case %zu: %s", i, d.msg[0]);
		const struct datacenter *dc = sim_datacenter(s);
		const struct vm *vm = &dc->vms[0];
		ck_assert_msg(dc->memory == c[i].memory, "case %zu", i);
		ck_assert_msg(vm->pes == c[i].pes && vm->ram_mb == c[i].ram, "case %zu: %d PEs, %ld MB", i, vm->pes,
			      vm->ram_mb);
		ck_assert_int_eq(sim_step(s, &d), 1);
		ck_assert_double_eq(last_step(s), 300.1);
		ck_assert_msg(fabs(vm_history(vm)[0] - c[i].u300) < 1e-15, "case %zu: u %.17g, expected %.17g", i,
			      vm_history(vm)[0], c[i].u300);
		ck_assert_msg(fabs(vm->mem_mb - c[i].mem300) < 1e-9, "case %zu: %g MB, expected %g", i, vm->mem_mb,
			      c[i].mem300);
		sim_destroy(s);
		trace_destroy(t);
	}
}
END_TEST

/*
 * Two hosts of 1 PE x 1000 MIPS and 1000 MB, three VMs of 300 MIPS and 400 MB at 10 % CPU. The
 * first fit at t = 0 puts VMs 0 and 1 on host 0 (RAM 800 of 1000) and VM 2 on host 1 (host 0
 * has 400 MIPS left for its full 300 at creation, but 200 MB of RAM). Memory: VM 0 uses 90 %
 * (360 MB), VMs 1 and 2 100 % (400 MB): host 0 uses 760 MB, host 1 400 MB.
 *  - VM 2 on host 0: 760 + 400 > 1000: not suitable (CloudSim, checking no RAM once a VM exists,
 *    would take it: the same test without the memory series does);
 *  - VM 0 on host 1: 400 + 360 <= 1000: suitable;
 *  - VM 0 on host 0, where it is: 760 - 360 + 360 <= 1000: suitable.
 */
static double cpu10[4] = { 10, 10, 10, 10 };
static double mem90[4] = { 90, 90, 90, 90 };
static double mem100[4] = { 100, 100, 100, 100 };
static char *names[3] = { "a", "b", "c" };
static char *sources[3] = { "mem/a", "mem/b", "mem/c" };
static long lines[3] = { 0, 0, 0 };
static size_t counts[3] = { 4, 4, 4 };
static double *pcts[3] = { cpu10, cpu10, cpu10 };
static double *mems[3] = { mem90, mem100, mem100 };

START_TEST(test_memory_suitability)
{
	struct trace_set t = { "mem", "mem", 3, names, sources, lines, counts, pcts, mems, NULL, 0, NULL, 0 };
	const char *sets[] = {
		"experiment.setup=small", "simulation.limit_s=1200", "hosts.count=2", "hosts.types=h",
		"host.h.pes=1", "host.h.mips=1000", "host.h.ram_mb=1000", "host.h.power=linear",
		"host.h.power_max_w=250", "host.h.power_static_share=0.7", "vms.types=v", "vm.v.mips=300",
		"vm.v.ram_mb=400", "vm.v.bw=2500", "policy.name=dvfs",
	};
	setup(sets, sizeof sets / sizeof sets[0]);
	struct diag d;
	diag_init(&d);
	struct sim *s = sim_create(&ex, &t, &d);
	ck_assert_msg(s != NULL, "%s", d.msg[0]);
	struct datacenter *dc = (struct datacenter *)sim_datacenter(s);
	ck_assert(dc->vms[0].host == 0 && dc->vms[1].host == 0 && dc->vms[2].host == 1);
	ck_assert_double_eq(host_mem_used(dc, &dc->hosts[0]), 760);
	ck_assert_double_eq(host_mem_used(dc, &dc->hosts[1]), 400);
	ck_assert(!host_is_suitable(dc, &dc->hosts[0], &dc->vms[2]));
	ck_assert(host_is_suitable(dc, &dc->hosts[1], &dc->vms[0]));
	ck_assert(host_is_suitable(dc, &dc->hosts[0], &dc->vms[0]));
	dc->memory = false; /* as a trace without memory: CloudSim's test, no RAM for a migration */
	ck_assert(host_is_suitable(dc, &dc->hosts[0], &dc->vms[2]));
	dc->memory = true;
	sim_destroy(s);
	/* without the series the run is CPU-only (and its stats have no memory columns) */
	t.mem = NULL;
	s = sim_create(&ex, &t, &d);
	ck_assert_msg(s != NULL, "%s", d.msg[0]);
	ck_assert(!sim_datacenter(s)->memory);
	ck_assert_int_eq(sim_run(s, &d), 0);
	struct sim_result r;
	sim_result(s, &r);
	ck_assert(!r.memory);
	sim_destroy(s);
}
END_TEST

Suite *memory_suite(void)
{
	Suite *s = suite_create("memory");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_memory_bitbrains_round_trip);
	tcase_add_test(tc, test_memory_suitability);
	tcase_add_test(tc, test_memory_readers_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
