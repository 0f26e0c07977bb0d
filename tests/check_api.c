/*
 * The public API: running experiments from C (<greenmig/experiment.h>: values against the
 * README's DVFS day and the stats CSV the command line writes), registering a policy defined in
 * the program, the checks every policy passes (the built-ins too), experiment settings by name,
 * and the view functions against the engine's own state on a real run.
 */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <greenmig/greenmig.h>

#include "config.h"
#include "ctx.h"
#include "detect.h"
#include "plugin.h"
#include "policy.h"
#include "suites.h"

static gm_experiment *paper(const char *policy)
{
	char err[1024];
	gm_experiment *e = gm_experiment_load(test_srcpath("examples/paper.ini"), err, sizeof err);
	ck_assert_msg(e != NULL, "%s", err);
	ck_assert_int_eq(gm_experiment_set(e, "policy", policy, err, sizeof err), 0);
	return e;
}

START_TEST(test_api_run_dvfs_day)
{
	/* README: the paper setup's DVFS day 20110303 is 338.83 kWh with 24 host shutdowns */
	gm_experiment *e = paper("dvfs");
	char err[1024];
	gm_result *r = gm_run(e, err, sizeof err);
	ck_assert_msg(r != NULL, "%s", err);
	ck_assert_double_eq_tol(gm_result_value(r, "energy_kwh"), 338.83, 0.005);
	ck_assert_double_eq(gm_result_value(r, "host_shutdowns"), 24);
	ck_assert_double_eq(gm_result_value(r, "migrations"), 0);
	ck_assert_str_eq(gm_result_text(r, "policy"), "dvfs");
	ck_assert_str_eq(gm_result_text(r, "day"), "20110303");
	ck_assert_ptr_null(gm_result_text(r, "no_such_column"));
	ck_assert(isnan(gm_result_value(r, "policy")));
	ck_assert_str_eq(gm_result_column(r, 0), "setup");
	ck_assert_ptr_null(gm_result_column(r, gm_result_columns(r)));
	/* 287 scheduling steps (300.1 s ... 86100.1 s); the last row's energy is the total */
	ck_assert_int_eq(gm_result_timeline_rows(r), 287);
	struct gm_timeline_row row;
	ck_assert_int_eq(gm_result_timeline(r, 286, &row), 0);
	ck_assert_double_eq_tol(row.t_s, 86100.1, 1e-6);
	ck_assert_double_eq_tol(row.energy_kwh, gm_result_value(r, "energy_kwh"), 1e-9);
	ck_assert_int_eq(gm_result_timeline(r, 287, &row), -1);
	/* the CSV as written: a header and one row with as many fields */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_int_eq(gm_result_write_stats(r, f), 0);
	fclose(f);
	ck_assert(strncmp(buf, "setup,day,policy,", 17) == 0);
	free(buf);
	gm_result_free(r);
	gm_experiment_free(e);
}
END_TEST

START_TEST(test_api_settings_and_errors)
{
	char err[1024];
	ck_assert_ptr_null(gm_experiment_load("/nonexistent/x.ini", err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/x.ini"));
	gm_experiment *e = paper("lr");
	ck_assert_int_eq(gm_experiment_set(e, "bogus", "1", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "\"bogus\" is not a setting"));
	ck_assert_int_eq(gm_experiment_set(e, "seed", "-3", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "seed: \"-3\""));
	ck_assert_int_eq(gm_experiment_set(e, "vms", "0", err, sizeof err), -1);
	ck_assert_int_eq(gm_experiment_set(e, "hosts.count", "x", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "hosts.count"));
	ck_assert_int_eq(gm_experiment_set(e, "vms", "40", err, sizeof err), 0);
	ck_assert_int_eq(gm_experiment_set(e, "param", "7", err, sizeof err), 0);
	ck_assert_int_eq(gm_experiment_set(e, "policy", "nope", err, sizeof err), 0);
	ck_assert_ptr_null(gm_run(e, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "unknown policy 'nope'"));
	ck_assert_int_eq(gm_experiment_set(e, "policy", "thr", err, sizeof err), 0);
	ck_assert_ptr_null(gm_run(e, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "policy thr: parameter \"7\""));
	gm_experiment_free(e);
}
END_TEST

/* THR through the public API, registered from the program (no shared object). */
static bool reg_overloaded(const gm_ctx *ctx, const gm_host *h, double *metric)
{
	if (metric != NULL)
		*metric = gm_ctx_param(ctx, 0);
	return gm_host_requested_mips(gm_ctx_datacenter(ctx), h) / gm_host_total_mips(h) > gm_ctx_param(ctx, 0);
}

static const struct gm_policy reg_thr = {
	.api_version = GREENMIG_API_VERSION,
	.name = "regthr",
	.summary = "THR registered by the test program",
	.n_params = 1,
	.param_min = 0,
	.param_max = 1,
	.param_help = "threshold, 0-1",
	.default_param = "0.8",
	.engines = GM_ENGINE_CLOUDSIM3,
	.energy = GM_ENERGY_UTILIZATION,
	.migrations = true,
	.overloaded = reg_overloaded,
};

START_TEST(test_api_register_policy)
{
	char err[1024];
	ck_assert_int_eq(gm_policy_register(&reg_thr, err, sizeof err), 0);
	ck_assert_ptr_eq(plugin_find("regthr"), &reg_thr);
	ck_assert_int_eq(gm_policy_register(&reg_thr, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "policy name \"regthr\" is taken"));
	struct gm_policy bad = reg_thr;
	bad.name = "thr";
	ck_assert_int_eq(gm_policy_register(&bad, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "taken by a built-in policy"));
	bad.name = "future";
	bad.api_version = GREENMIG_API_VERSION + 1;
	ck_assert_int_eq(gm_policy_register(&bad, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "built for greenmig API version 2; this greenmig has version 1"));
	bad.api_version = GREENMIG_API_VERSION;
	bad.default_param = "1.5";
	ck_assert_int_eq(gm_policy_register(&bad, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "its default parameter is not valid"));
	bad.default_param = "0.8";
	bad.migrations = false;
	ck_assert_int_eq(gm_policy_register(&bad, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "consolidation hooks but migrations = false"));

	/* the registered policy gives the built-in thr's run (the same detector arithmetic) */
	double energy[2];
	const char *names[2] = { "thr", "regthr" };
	for (int i = 0; i < 2; i++) {
		gm_experiment *e = paper(names[i]);
		gm_result *r = gm_run(e, err, sizeof err);
		ck_assert_msg(r != NULL, "%s", err);
		energy[i] = gm_result_value(r, "energy_kwh");
		ck_assert_double_gt(gm_result_value(r, "migrations"), 0);
		gm_result_free(r);
		gm_experiment_free(e);
	}
	ck_assert_double_eq(energy[0], energy[1]);
}
END_TEST

START_TEST(test_api_builtins_well_formed)
{
	char msg[768];
	for (int i = 0; policy_table[i] != NULL; i++)
		ck_assert_msg(plugin_check(policy_table[i], msg, sizeof msg) == 0, "%s: %s", policy_table[i]->name, msg);
	ck_assert(plugin_is_path("./x.so") && plugin_is_path("a/b") && plugin_is_path("x.so"));
	ck_assert(!plugin_is_path("thr") && !plugin_is_path("placement+fuzzy"));
}
END_TEST

START_TEST(test_api_config_get)
{
	struct experiment *e = malloc(sizeof *e);
	struct diag d;
	diag_init(&d);
	config_defaults(e, "");
	ck_assert_int_eq(config_load(e, test_srcpath("examples/paper.ini"), &d), 0);
	char buf[256];
	ck_assert_int_eq(config_get(e, "hosts.count", buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "100");
	ck_assert_int_eq(config_get(e, "simulation.scheduling_interval_s", buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "300");
	ck_assert_int_eq(config_get(e, "policy.name", buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "dvfs");
	ck_assert_int_eq(config_get(e, "policy.drr_power_on", buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "yes");
	ck_assert_int_eq(config_get(e, "simulation.model", buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "cloudsim3");
	ck_assert_int_eq(config_get(e, "policy.seed", buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "1");
	ck_assert_int_eq(config_get(e, "hosts.nope", buf, sizeof buf), -1);
	ck_assert_int_eq(config_get(e, "hosts", buf, sizeof buf), -1);
	free(e);
}
END_TEST

/* A policy whose optimize checks every view function against the engine's state it reads. */
static long probe_steps, probe_mismatch, probe_hosts_seen;
static int probe_first_line; /* of the first mismatch, for the message */

#define PROBE(cond)                                      \
	do {                                             \
		if (!(cond) && probe_mismatch++ == 0)    \
			probe_first_line = __LINE__;     \
	} while (0)

static int probe_optimize(gm_ctx *ctx)
{
	const gm_datacenter *gdc = gm_ctx_datacenter(ctx);
	const struct datacenter *dc = ctx_dc(gdc);
	probe_steps++;
	PROBE(gm_ctx_now(ctx) == ctx->now && gm_ctx_interval(ctx) == 300);
	PROBE(gm_ctx_param_count(ctx) == 0 && isnan(gm_ctx_param(ctx, 0)));
	PROBE(gm_ctx_setting_number(ctx, "hosts.count") == 100 && isnan(gm_ctx_setting_number(ctx, "x.y")));
	PROBE(gm_dc_host_count(gdc) == dc->n_hosts && gm_dc_vm_count(gdc) == dc->n_vms);
	PROBE(gm_dc_host(gdc, -1) == NULL && gm_dc_host(gdc, dc->n_hosts) == NULL && gm_dc_vm(gdc, dc->n_vms) == NULL);
	for (int i = 0; i < dc->n_hosts; i++) {
		const gm_host *h = gm_dc_host(gdc, i);
		const struct host *in = &dc->hosts[i];
		PROBE(gm_host_id(h) == i && gm_host_pes(h) == in->pes && gm_host_total_mips(h) == in->total_mips);
		PROBE(gm_host_ram_mb(h) == in->ram_mb && gm_host_ram_free_mb(h) == in->ram_free);
		PROBE(gm_host_available_mips(h) == in->available_mips && gm_host_utilization(h) == host_utilization(in));
		PROBE(gm_host_requested_mips(gdc, h) / gm_host_total_mips(h) == detect_requested_utilization(dc, in));
		double hist[GM_HISTORY_LEN], ref[VM_HISTORY_LEN];
		int n = gm_host_history(gdc, h, hist);
		PROBE(n == (int)detect_host_history(dc, in, ref) && (n == 0 || memcmp(hist, ref, (size_t)n * sizeof *hist) == 0));
		PROBE(gm_host_power(h, 0.5) > 0 && isnan(gm_host_power(h, 1.5)));
		PROBE(gm_host_vm_count(h) == in->n_slots && gm_host_vm(gdc, h, in->n_slots) == NULL);
		probe_hosts_seen += in->n_slots > 0;
		for (int s = 0; s < in->n_slots; s++) {
			const gm_vm *v = gm_host_vm(gdc, h, s);
			const struct vm *iv = &dc->vms[in->slots[s].vm];
			PROBE(gm_vm_id(v) == iv->id && gm_vm_ram_mb(v) == iv->ram_mb && gm_vm_mips(v) == iv->mips);
			PROBE(gm_vm_requested_mips(v) == vm_req_total(iv));
			PROBE(gm_vm_allocated_mips(gdc, v) == in->slots[s].alloc_total || iv->host != i);
			int hn;
			const double *vh = gm_vm_history(v, &hn);
			PROBE(hn == iv->history_len && (hn == 0 || vh[0] == vm_history(iv)[0]));
			PROBE(gm_vm_utilization_at(v, ctx->now) == vm_utilization(iv, ctx->now));
			PROBE(gm_vm_trace_length(v) == 288 && gm_vm_trace_interval(v) == 300);
			PROBE(gm_vm_trace_sample(v, 0) == iv->util[0] && isnan(gm_vm_trace_sample(v, 288)));
			PROBE(gm_host_is_suitable(gdc, h, v) == host_is_suitable(dc, in, iv));
		}
	}
	return 0;
}

static const struct gm_policy probe = {
	.api_version = GREENMIG_API_VERSION,
	.name = "viewprobe",
	.summary = "checks the view functions (migrates nothing)",
	.engines = GM_ENGINE_CLOUDSIM3,
	.energy = GM_ENERGY_UTILIZATION,
	.migrations = true,
	.optimize = probe_optimize,
};

START_TEST(test_api_view_matches_engine)
{
	char err[1024];
	ck_assert_int_eq(gm_policy_register(&probe, err, sizeof err), 0);
	gm_experiment *e = paper("viewprobe");
	gm_result *r = gm_run(e, err, sizeof err);
	ck_assert_msg(r != NULL, "%s", err);
	ck_assert_int_eq(probe_steps, 287);
	ck_assert_int_gt(probe_hosts_seen, 1000);
	ck_assert_msg(probe_mismatch == 0, "%ld mismatches, the first at check_api.c:%d", probe_mismatch,
		      probe_first_line);
	/* it only reads: nothing migrates */
	ck_assert_double_eq(gm_result_value(r, "migrations"), 0);
	gm_result_free(r);
	gm_experiment_free(e);
}
END_TEST

Suite *api_suite(void)
{
	Suite *s = suite_create("api");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_api_run_dvfs_day);
	tcase_add_test(tc, test_api_settings_and_errors);
	tcase_add_test(tc, test_api_register_policy);
	tcase_add_test(tc, test_api_builtins_well_formed);
	tcase_add_test(tc, test_api_config_get);
	tcase_add_test(tc, test_api_view_matches_engine);
	suite_add_tcase(s, tc);
	return s;
}
