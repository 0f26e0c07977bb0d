/*
 * The stepping API (<greenmig/simulation.h>) and gm_sweep: a simulation stepped to the end
 * without an action is the run; the observations are the engine's state; refused actions carry
 * the engine's messages; a simulation can be freed in the middle of a run.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <greenmig/greenmig.h>

#include "suites.h"

static gm_experiment *paper(const char *policy)
{
	char err[1024];
	gm_experiment *e = gm_experiment_load(test_srcpath("examples/paper.ini"), err, sizeof err);
	ck_assert_msg(e != NULL, "%s", err);
	ck_assert_int_eq(gm_experiment_set(e, "policy", policy, err, sizeof err), 0);
	return e;
}

/* The stats CSV of r (to free). */
static char *stats(const gm_result *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_int_eq(gm_result_write_stats(r, f), 0);
	fclose(f);
	return buf;
}

/* Finishes s and asserts that its stats are e's run's; the run's result to free. */
static gm_result *finish_is_run(gm_simulation *s, const gm_experiment *e, gm_result **got)
{
	char err[1024];
	*got = gm_sim_finish(s, err, sizeof err);
	ck_assert_msg(*got != NULL, "%s", err);
	gm_result *want = gm_run(e, err, sizeof err);
	ck_assert_msg(want != NULL, "%s", err);
	char *a = stats(*got), *b = stats(want);
	ck_assert_str_eq(a, b);
	free(a), free(b);
	return want;
}

START_TEST(test_api_sim_dvfs_is_the_run)
{
	char err[1024];
	gm_experiment *e = paper("dvfs");
	gm_simulation *s = gm_sim_create(e, NULL, err, sizeof err);
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(gm_sim_host_count(s), 100);
	ck_assert_int_eq(gm_sim_vm_count(s), 290);
	ck_assert_double_eq(gm_sim_time(s), 0);
	int n = gm_sim_host_count(s), m = gm_sim_vm_count(s);
	double *u = malloc((size_t)n * sizeof *u), *pw = malloc((size_t)n * sizeof *pw);
	int *vh = malloc((size_t)m * sizeof *vh);
	struct gm_sim_hosts ho = { NULL, u, NULL, NULL, pw, NULL };
	struct gm_sim_vms vo = { vh, NULL, NULL, NULL, NULL };
	long stops = 0;
	double energy = 0;
	int r;
	while ((r = gm_sim_step(s, err, sizeof err)) == 1) {
		stops++;
		struct gm_sim_step_info info;
		gm_sim_info(s, &info);
		energy += info.energy_kwh;
		gm_sim_hosts_observe(s, &ho);
		gm_sim_vms_observe(s, &vo);
		if (stops == 1) {
			/* T_1 = 300.1 s; first fit put VM 0 on host 0, VMs 1 and 2 on host 1; host 0
			 * (1000 MIPS, 250 W at 100 %, 70 % of it static) draws 175 + 75 u W */
			ck_assert_double_eq(info.t_s, 300.1);
			ck_assert_double_eq(gm_sim_time(s), 300.1);
			ck_assert_int_eq(vh[0], 0);
			ck_assert_int_eq(vh[1], 1);
			ck_assert_int_eq(vh[2], 1);
			ck_assert(u[0] > 0);
			ck_assert_double_eq_tol(pw[0], 175 + 75 * u[0], 1e-10);
			ck_assert_int_eq(info.migrations_total, 0);
		}
	}
	ck_assert_msg(r == 0, "%s", err);
	ck_assert(gm_sim_done(s));
	ck_assert_int_eq(stops, 287);
	ck_assert_int_eq(gm_sim_steps(s), 287);
	gm_result *got, *want = finish_is_run(s, e, &got);
	/* the steps' energies add up to the energy at the last step */
	struct gm_timeline_row row;
	ck_assert_int_eq(gm_result_timeline(got, 286, &row), 0);
	ck_assert_double_eq_tol(energy, row.energy_kwh, 1e-9);
	ck_assert_int_eq(gm_sim_step(s, err, sizeof err), -1); /* over */
	free(u), free(pw), free(vh);
	gm_result_free(got);
	gm_result_free(want);
	gm_sim_free(s);
	gm_experiment_free(e);
}
END_TEST

START_TEST(test_api_sim_actions_refused)
{
	char err[1024];
	gm_experiment *e = paper("dvfs");
	ck_assert_int_eq(gm_experiment_set(e, "vms", "150", err, sizeof err), 0);
	gm_simulation *s = gm_sim_create(e, NULL, err, sizeof err);
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(gm_sim_migrate(s, 0, 99, err, sizeof err), -1);
	ck_assert_str_eq(err, "gm_migrate: not at a scheduling step (step the simulation first)");
	ck_assert_int_eq(gm_sim_step(s, err, sizeof err), 1);
	ck_assert_int_eq(gm_sim_migrate(s, 150, 99, err, sizeof err), -1);
	ck_assert_str_eq(err, "gm_migrate: no VM 150 (150 VMs)");
	ck_assert_int_eq(gm_sim_migrate(s, 0, 100, err, sizeof err), -1);
	ck_assert_str_eq(err, "gm_migrate: no host 100 (100 hosts)");
	ck_assert_int_eq(gm_sim_migrate(s, 0, 0, err, sizeof err), -1);
	ck_assert_str_eq(err, "gm_migrate: VM 0 is on host 0 already");
	/* 150 VMs fill the first hosts: host 99 is empty */
	ck_assert_int_eq(gm_sim_migrate(s, 0, 99, err, sizeof err), 0);
	ck_assert_int_eq(gm_sim_migrate(s, 0, 98, err, sizeof err), -1);
	ck_assert_str_eq(err, "gm_migrate: VM 0 is scheduled to migrate at this step already");
	ck_assert_int_eq(gm_sim_switch_off(s, 1, err, sizeof err), -1);
	ck_assert_str_eq(err, "gm_switch_off: host 1 has VMs");
	ck_assert_int_eq(gm_sim_switch_off(s, 98, err, sizeof err), 0);
	ck_assert_int_eq(gm_sim_migrate(s, 1, 98, err, sizeof err), -1);
	ck_assert_str_eq(err, "gm_migrate: host 98 is held off");
	int state[100];
	struct gm_sim_hosts ho = { state, NULL, NULL, NULL, NULL, NULL };
	gm_sim_hosts_observe(s, &ho);
	ck_assert_int_eq(state[98], GM_HOST_HELD_OFF);
	ck_assert_int_eq(state[99], GM_HOST_EMPTY);
	ck_assert_int_eq(state[0], GM_HOST_ACTIVE);
	ck_assert_int_eq(gm_sim_step(s, err, sizeof err), 1);
	struct gm_sim_step_info info;
	gm_sim_info(s, &info);
	ck_assert_int_eq(info.migrations_started, 1);
	ck_assert_double_eq(info.t_s, 600.1);
	int vh[150];
	struct gm_sim_vms vo = { vh, NULL, NULL, NULL, NULL };
	gm_sim_vms_observe(s, &vo);
	ck_assert_int_eq(vh[0], 99);
	/* freed in the middle of the run, stopped in a step (valgrind and ASan: nothing leaks) */
	gm_sim_free(s);
	gm_experiment_free(e);
}
END_TEST

/* lr + mmt (CloudSim's own loop: detector, VM selection, best fit) stopped at every step
 * without an action is the run, on two days; an agent's move at the first step comes on top of
 * the loop's own migrations there */
START_TEST(test_api_sim_lr_mmt_is_the_run)
{
	char err[1024];
	const char *days[] = { "20110303", "20110409" };
	for (int k = 0; k < 2; k++) {
		gm_experiment *e = paper("lr");
		ck_assert_int_eq(gm_experiment_set(e, "selection", "mmt", err, sizeof err), 0);
		ck_assert_int_eq(gm_experiment_set(e, "day", days[k], err, sizeof err), 0);
		gm_simulation *s = gm_sim_create(e, NULL, err, sizeof err);
		ck_assert_msg(s != NULL, "%s", err);
		int r, stops = 0;
		while ((r = gm_sim_step(s, err, sizeof err)) == 1)
			stops++;
		ck_assert_msg(r == 0, "%s", err);
		ck_assert_int_eq(stops, 287);
		gm_result *got, *want = finish_is_run(s, e, &got);
		gm_sim_free(s);
		if (k == 0) {
			/* the plain run's first step: the loop's migrations (all from under-utilized
			 * hosts: lr's detector has too short a history, none is overloaded yet) */
			struct gm_timeline_row row;
			ck_assert_int_eq(gm_result_timeline(want, 0, &row), 0);
			ck_assert_int_eq(row.overloaded_hosts, 0);
			ck_assert(row.migrations_started > 0);
			s = gm_sim_create(e, NULL, err, sizeof err);
			ck_assert_msg(s != NULL, "%s", err);
			ck_assert_int_eq(gm_sim_step(s, err, sizeof err), 1);
			/* VM 0 (where lr's best fit put it at t = 0: host 2) to the last empty host;
			 * then the loop as in the run, on the same allocation */
			int vh[290], state[100];
			struct gm_sim_vms vo = { vh, NULL, NULL, NULL, NULL };
			struct gm_sim_hosts ho = { state, NULL, NULL, NULL, NULL, NULL };
			gm_sim_vms_observe(s, &vo);
			gm_sim_hosts_observe(s, &ho);
			ck_assert_int_eq(vh[0], 2);
			int to = 99;
			while (to >= 0 && state[to] != GM_HOST_EMPTY)
				to--;
			ck_assert(to > 2);
			ck_assert_int_eq(gm_sim_migrate(s, 0, to, err, sizeof err), 0);
			ck_assert_int_eq(gm_sim_step(s, err, sizeof err), 1);
			struct gm_sim_step_info info;
			gm_sim_info(s, &info);
			ck_assert_int_eq(info.migrations_started, 1 + row.migrations_started);
			gm_sim_free(s);
		}
		gm_result_free(got);
		gm_result_free(want);
		gm_experiment_free(e);
	}
}
END_TEST

/* [power] states (examples/paper-states.ini, hosts going off when idle: off_w 10 W): a host
 * first fit left without a VM is off at the first stop and draws 10 W; one with VMs is on */
START_TEST(test_api_sim_power_states)
{
	char err[1024];
	gm_experiment *e = gm_experiment_load(test_srcpath("examples/paper-states.ini"), err, sizeof err);
	ck_assert_msg(e != NULL, "%s", err);
	ck_assert_int_eq(gm_experiment_set(e, "policy", "dvfs", err, sizeof err), 0);
	gm_simulation *s = gm_sim_create(e, NULL, err, sizeof err);
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(gm_sim_step(s, err, sizeof err), 1);
	int state[100], vh[290];
	double pw[100], u[100];
	struct gm_sim_hosts ho = { state, u, NULL, NULL, pw, NULL };
	struct gm_sim_vms vo = { vh, NULL, NULL, NULL, NULL };
	gm_sim_hosts_observe(s, &ho);
	gm_sim_vms_observe(s, &vo);
	int used[100] = { 0 }, n_off = 0;
	for (int v = 0; v < 290; v++)
		if (vh[v] >= 0)
			used[vh[v]] = 1;
	for (int h = 0; h < 100; h++) {
		if (used[h]) {
			ck_assert_int_eq(state[h], GM_HOST_ACTIVE);
			ck_assert_double_eq_tol(pw[h], 175 + 75 * u[h], 1e-10); /* idle power at 0 % too */
		} else {
			ck_assert_int_eq(state[h], GM_HOST_OFF);
			ck_assert_double_eq(pw[h], 10);
			n_off++;
		}
	}
	ck_assert(n_off > 0);
	gm_sim_free(s);
	gm_experiment_free(e);
}
END_TEST

START_TEST(test_api_sim_unknown_policy_and_st)
{
	char err[1024];
	gm_experiment *e = paper("dvfs");
	ck_assert_ptr_null(gm_sim_create(e, "nosuch", err, sizeof err));
	ck_assert(strstr(err, "unknown policy 'nosuch'") != NULL);
	/* st (an optimize hook): the agent first, then st's own step; finished at once: the run */
	gm_simulation *s = gm_sim_create(e, "st", err, sizeof err);
	ck_assert_msg(s != NULL, "%s", err);
	gm_result *got = gm_sim_finish(s, err, sizeof err);
	ck_assert_msg(got != NULL, "%s", err);
	ck_assert_int_eq(gm_experiment_set(e, "policy", "st", err, sizeof err), 0);
	gm_result *want = gm_run(e, err, sizeof err);
	char *a = stats(got), *b = stats(want);
	ck_assert_str_eq(a, b);
	ck_assert_ptr_null(gm_sim_finish(s, err, sizeof err));
	free(a), free(b);
	gm_result_free(got);
	gm_result_free(want);
	gm_sim_free(s);
	gm_sim_free(NULL);
	gm_experiment_free(e);
}
END_TEST

static long progress_calls, progress_last;

static void progress(void *ctx, long done, long total)
{
	(void)ctx;
	progress_calls++;
	progress_last = done * 100 + total;
}

START_TEST(test_api_sim_sweep)
{
	char err[2048];
	const char *vary[] = { "policy=dvfs,thr", "hosts.count=90" };
	char *csv = gm_sweep(test_srcpath("examples/paper.ini"), NULL, 0, vary, 2, 2, progress, NULL, err, sizeof err);
	ck_assert_msg(csv != NULL, "%s", err);
	ck_assert_int_eq(progress_calls, 2);
	ck_assert_int_eq(progress_last, 202);
	/* a header and two rows, the first axis first */
	ck_assert(strncmp(csv, "policy,hosts.count,setup,day,", 29) == 0);
	char *l1 = strchr(csv, '\n') + 1, *l2 = strchr(l1, '\n') + 1;
	ck_assert(strncmp(l1, "dvfs,90,", 8) == 0);
	ck_assert(strncmp(l2, "thr,90,", 7) == 0);
	ck_assert(strchr(l2, '\n')[1] == '\0');
	free(csv);
	const char *bad[] = { "vms=10,5000" };
	ck_assert_ptr_null(gm_sweep(test_srcpath("examples/paper.ini"), NULL, 0, bad, 1, 1, NULL, NULL, err, sizeof err));
	ck_assert_msg(strncmp(err, "run 2 (vms=5000) failed: ", 25) == 0, "%s", err);
	const char *axis[] = { "nokey=1" };
	ck_assert_ptr_null(gm_sweep(test_srcpath("examples/paper.ini"), NULL, 0, axis, 1, 1, NULL, NULL, err, sizeof err));
	ck_assert(strstr(err, "nokey") != NULL);
}
END_TEST

Suite *api_sim_suite(void)
{
	Suite *s = suite_create("api_sim");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_api_sim_dvfs_is_the_run);
	tcase_add_test(tc, test_api_sim_actions_refused);
	tcase_add_test(tc, test_api_sim_lr_mmt_is_the_run);
	tcase_add_test(tc, test_api_sim_power_states);
	tcase_add_test(tc, test_api_sim_unknown_policy_and_st);
	tcase_add_test(tc, test_api_sim_sweep);
	suite_add_tcase(s, tc);
	return s;
}
