/*
 * The placement search (placement.h) against the exhaustive oracle on small random instances
 * (up to 8 workloads x 4 servers), the migration budget, and infeasible inputs.
 */
#include <check.h>
#include <stdlib.h>

#include "placement.h"
#include "rng.h"
#include "suites.h"

#define T 12

struct inst {
	double cpu[8 * T], mem[8], cap_cpu[4], cap_mem[4];
	int current[8];
	struct placement_instance in;
};

/* Workloads with complementary daily shapes (some peak early, some late), 3 or 4 servers of two
 * sizes, the current placement one workload per server round robin. */
static void make(struct inst *x, struct rng *r, int n, int m, int budget)
{
	for (int w = 0; w < n; w++) {
		double base = 100 + 300 * rng_uniform(r), amp = 200 * rng_uniform(r);
		int phase = (int)rng_below(r, T);
		for (int t = 0; t < T; t++)
			x->cpu[w * T + t] = base + ((t - phase + T) % T < T / 2 ? amp : 0);
		x->mem[w] = 256 + 256 * (double)rng_below(r, 4);
		x->current[w] = w % m;
	}
	for (int s = 0; s < m; s++) {
		x->cap_cpu[s] = s % 2 ? 1500 : 1000;
		x->cap_mem[s] = 2048;
	}
	x->in = (struct placement_instance){ n, m, T, x->cpu, x->mem, x->cap_cpu, x->cap_mem, 1.0, x->current,
					     budget, NULL };
}

START_TEST(test_placement_ga_equals_exhaustive)
{
	struct rng r;
	rng_init(&r, 42);
	int checked = 0;
	for (int trial = 0; trial < 120; trial++) {
		int n = 4 + trial % 5, m = 3 + trial % 2, budget = trial % 4;
		struct inst x;
		make(&x, &r, n, m, budget);
		int ga[8], ex[8];
		struct placement_result rg, re;
		struct placement_params p;
		placement_defaults(&p);
		struct rng gr;
		rng_init(&gr, (uint64_t)trial + 1);
		ck_assert_int_eq(placement_search(&x.in, &p, &gr, ga, &rg), 0);
		ck_assert_int_eq(placement_exhaustive(&x.in, ex, &re), 0);
		ck_assert_int_eq(rg.feasible, re.feasible);
		if (!re.feasible)
			continue; /* nothing fits: the objectives mean nothing */
		ck_assert_msg(rg.within_budget == re.within_budget && rg.servers == re.servers &&
				      rg.migrations == re.migrations,
			      "trial %d (n %d, m %d, budget %d): GA %d servers %d migrations (feasible %d, "
			      "within %d), exhaustive %d, %d (%d, %d)", trial, n, m, budget, rg.servers,
			      rg.migrations, rg.feasible, rg.within_budget, re.servers, re.migrations,
			      re.feasible, re.within_budget);
		/* the budget holds whenever a solution within it exists */
		if (re.within_budget)
			ck_assert_int_le(rg.migrations, budget);
		checked += re.feasible;
	}
	ck_assert_int_gt(checked, 80);
}
END_TEST

/* A workload larger than every server: no feasible placement (the controller reports it). */
START_TEST(test_placement_infeasible)
{
	struct rng r;
	rng_init(&r, 3);
	struct inst x;
	make(&x, &r, 4, 3, 2);
	for (int t = 0; t < T; t++)
		x.cpu[2 * T + t] = 5000;
	int ga[8];
	struct placement_result rg;
	struct placement_params p;
	placement_defaults(&p);
	ck_assert_int_eq(placement_search(&x.in, &p, &r, ga, &rg), 0);
	ck_assert(!rg.feasible);
	int ws[1] = { 2 };
	ck_assert(!placement_fits(&x.in, ws, 1, 1));
}
END_TEST

/* The fit test is the peak of the sum, not the sum of the peaks: two workloads peaking at
 * different times share a server their peaks would overflow. */
START_TEST(test_placement_peak_of_sum)
{
	double cpu[2 * T] = { 0 }, cap[1] = { 1000 };
	for (int t = 0; t < T; t++) {
		cpu[t] = t < T / 2 ? 800 : 100;
		cpu[T + t] = t < T / 2 ? 100 : 800;
	}
	int cur[2] = { 0, 0 };
	struct placement_instance in = { 2, 1, T, cpu, NULL, cap, NULL, 1.0, cur, 0, NULL };
	int ws[2] = { 0, 1 };
	ck_assert(placement_fits(&in, ws, 2, 0)); /* peaks 800 + 800 > 1000, but never together */
	cpu[T + 0] = 300;                         /* now t = 0 holds 800 + 300 */
	ck_assert(!placement_fits(&in, ws, 2, 0));
}
END_TEST

/* Memory too (doc/memory.md#the-controllers): with a memory series the fit test takes the peak
 * of the aggregate memory, as for CPU; the search finds the one-server plan only so. */
START_TEST(test_placement_memory_series)
{
	double cpu[2 * T] = { 0 }, mem[2 * T] = { 0 }, peak[2] = { 900, 900 };
	double cap[2] = { 1000, 1000 }, cap_mem[2] = { 1000, 1000 };
	for (int t = 0; t < T; t++) {
		cpu[t] = cpu[T + t] = 100;
		mem[t] = t < T / 2 ? 900 : 100;
		mem[T + t] = t < T / 2 ? 100 : 900;
	}
	int cur[2] = { 0, 1 };
	struct placement_instance in = { 2, 2, T, cpu, peak, cap, cap_mem, 1.0, cur, 2, mem };
	int ws[2] = { 0, 1 };
	ck_assert(placement_fits(&in, ws, 2, 0)); /* 900 + 100 at most, never 900 + 900 */
	int out[2];
	struct placement_result r;
	ck_assert_int_eq(placement_exhaustive(&in, out, &r), 0);
	ck_assert(r.feasible);
	ck_assert_int_eq(r.servers, 1);
	mem[T + 0] = 200; /* t = 0 now holds 900 + 200 */
	ck_assert(!placement_fits(&in, ws, 2, 0));
	/* without the series: the constant 900 each, which never share a server */
	in.mem_series = NULL;
	ck_assert(!placement_fits(&in, ws, 2, 0));
	ck_assert_int_eq(placement_exhaustive(&in, out, &r), 0);
	ck_assert_int_eq(r.servers, 2);
}
END_TEST

Suite *placement_suite(void)
{
	Suite *s = suite_create("placement");
	TCase *core = tcase_create("core");
	tcase_set_timeout(core, 300);
	tcase_add_test(core, test_placement_ga_equals_exhaustive);
	tcase_add_test(core, test_placement_infeasible);
	tcase_add_test(core, test_placement_peak_of_sum);
	tcase_add_test(core, test_placement_memory_series);
	suite_add_tcase(s, core);
	return s;
}
