/*
 * Experiment files: every key of a full file, type assignment as CloudSim's examples do it,
 * relative trace paths, --set overrides, and each error with its message.
 */
#include <check.h>
#include <string.h>

#include "config.h"
#include "suites.h"

static struct experiment e;

static int has(const struct diag *d, const char *needle)
{
	for (int i = 0; i < d->count; i++)
		if (strstr(d->msg[i], needle) != NULL)
			return 1;
	return 0;
}

static void load_full(void)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_msg(config_load(&e, test_srcpath("tests/data/config/full.ini"), &d) == 0, "%s", d.msg[0]);
	ck_assert_msg(config_validate(&e, &d) == 0, "%s", d.msg[0]);
}

START_TEST(test_config_full_file)
{
	load_full();
	ck_assert_str_eq(e.setup, "paper");
	ck_assert_str_eq(e.day, "20110303");
	ck_assert_int_eq(e.vms, 290);
	ck_assert_double_eq(e.scheduling_interval_s, 300);
	ck_assert_double_eq(e.limit_s, 86400);
	ck_assert_int_eq(e.cloudlet_length_mi, 216000000LL);
	ck_assert_int_eq(e.hosts, 100);
	ck_assert_int_eq(e.host_assign, ASSIGN_ROUND_ROBIN);
	ck_assert_int_eq(e.n_host_order, 3);
	ck_assert_str_eq(e.host_order[2], "h3000");
	const struct host_type *h = config_host_type(&e, 5); /* 5 mod 3 = 2 */
	ck_assert_str_eq(h->name, "h3000");
	ck_assert_double_eq(h->mips, 3000);
	ck_assert_int_eq(h->pes, 1);
	ck_assert_int_eq(h->ram_mb, 8192);
	ck_assert_int_eq(h->bw, 1000000);
	ck_assert_int_eq(h->storage_mb, 1000000);
	ck_assert_str_eq(h->power, "linear");
	ck_assert_double_eq(h->power_max_w, 250);
	ck_assert_double_eq(h->power_static_share, 0.7);
	ck_assert_int_eq(e.vm_assign, ASSIGN_BLOCK);
	const struct vm_type *v = config_vm_type(&e, 72, 290);
	ck_assert_double_eq(v->mips, 1000);
	ck_assert_int_eq(v->ram_mb, 128);
	ck_assert_int_eq(v->bw, 2500);
	ck_assert_int_eq(v->size_mb, 2500);
	ck_assert_double_eq(config_vm_type(&e, 73, 290)->mips, 750);
	ck_assert_double_eq(config_vm_type(&e, 289, 290)->mips, 250);
	/* 898 VMs over 4 types: blocks of ceil(898 / 4) = 225, the last one 223. */
	ck_assert_double_eq(config_vm_type(&e, 224, 898)->mips, 1000);
	ck_assert_double_eq(config_vm_type(&e, 225, 898)->mips, 750);
	ck_assert_double_eq(config_vm_type(&e, 897, 898)->mips, 250);
	ck_assert_str_eq(e.policy, "dvfs");
	ck_assert_uint_eq(e.seed, 1);
}
END_TEST

START_TEST(test_config_relative_traces)
{
	load_full();
	const char *want = test_srcpath("tests/data/config/days/here");
	ck_assert_str_eq(e.traces, want);
}
END_TEST

START_TEST(test_config_set_overrides)
{
	load_full();
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(config_set(&e, "hosts.count=120", &d), 0);
	ck_assert_int_eq(config_set(&e, "host.h2000.mips=2250.5", &d), 0);
	ck_assert_int_eq(config_set(&e, "workload.vms=all", &d), 0);
	ck_assert_int_eq(config_set(&e, "policy.seed=18446744073709551615", &d), 0);
	ck_assert_int_eq(config_set(&e, "workload.traces=rel/path", &d), 0);
	ck_assert_int_eq(e.hosts, 120);
	ck_assert_double_eq(config_host_type(&e, 1)->mips, 2250.5);
	ck_assert_int_eq(e.vms, 0);
	ck_assert_uint_eq(e.seed, 18446744073709551615ULL);
	ck_assert_str_eq(e.traces, "rel/path");
	ck_assert_int_eq(config_validate(&e, &d), 0);
}
END_TEST

START_TEST(test_config_every_bad_line_reported)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/bad.ini"), &d), -1);
	ck_assert_int_eq(d.count, 8);
	ck_assert(has(&d, "bad.ini:5: \"abc\" is not an integer (hosts.count expects a positive integer)"));
	ck_assert(has(&d, "bad.ini:6: unknown key 'colour' in [hosts]; valid: count, types, assign"));
	ck_assert(has(&d, "bad.ini:8: \"12abc\" is not a number (host.h.mips expects a positive number"));
	ck_assert(has(&d, "bad.ini:9: unknown power model 'linaer' in [host.h]; valid: linear, square, cubic, sqrt, hp_ml110_g3"));
	ck_assert(has(&d, "bad.ini:10: \"1.5\" is out of range (host.h.power_static_share expects a fraction between 0 and 1)"));
	ck_assert(has(&d, "bad.ini:12: \"diagonal\" is not an assignment (vms.assign expects round_robin or block)"));
	ck_assert(has(&d, "bad.ini:14: unknown section [storage]; valid: experiment, workload, simulation, hosts, host.NAME, vms, vm.NAME, policy"));
	ck_assert(has(&d, "bad.ini:16: \"-3\" is not a seed (policy.seed expects an integer >= 0)"));
}
END_TEST

START_TEST(test_config_syntax_and_missing_file)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/syntax.ini"), &d), -1);
	ck_assert(has(&d, "syntax.ini:3: syntax error (expected [section], key = value or a ; comment"));
	diag_init(&d);
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/none.ini"), &d), -1);
	ck_assert(has(&d, "none.ini: cannot open: No such file or directory"));
}
END_TEST

START_TEST(test_config_validate_incomplete)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&e, "x");
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/incomplete.ini"), &d), 0);
	ck_assert_int_eq(config_validate(&e, &d), -1);
	ck_assert(has(&d, "incomplete.ini:3: host type 'b' listed in [hosts] types has no [host.b] section"));
	ck_assert(has(&d, "incomplete.ini:5: [host.a] power model linear needs power_max_w (W at 100 %)"));
	ck_assert(has(&d, "incomplete.ini:10: [vm.v] needs ram_mb"));
	ck_assert_int_eq(d.count, 3);
}
END_TEST

START_TEST(test_config_bad_set)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_set(&e, "nodot", &d), -1);
	ck_assert_str_eq(d.msg[0], "--set: \"nodot\" is not SECTION.KEY=VALUE");
	ck_assert_int_eq(config_set(&e, "hosts=3", &d), -1);
	ck_assert_int_eq(config_set(&e, "hosts.count=0", &d), -1);
	ck_assert_str_eq(d.msg[2], "--set: \"0\" is out of range (hosts.count expects a positive integer)");
	ck_assert_int_eq(config_set(&e, "simulation.limit_s=nan", &d), -1);
	ck_assert_str_eq(d.msg[3], "--set: \"nan\" is not a number (simulation.limit_s expects a positive number of seconds)");
	ck_assert_int_eq(config_set(&e, "host.a b.mips=3", &d), -1);
	ck_assert(has(&d, "unknown section [host.a b]"));
	ck_assert_int_eq(e.threads, 0); /* default: one per processor */
	ck_assert_int_eq(config_set(&e, "simulation.threads=17", &d), -1);
	ck_assert(has(&d, "--set: \"17\" is out of range (simulation.threads expects an integer from 0 "
		      "(automatic) to 16)"));
	ck_assert_int_eq(config_set(&e, "simulation.threads=two", &d), -1);
	ck_assert(has(&d, "--set: \"two\" is not an integer (simulation.threads expects"));
	ck_assert_int_eq(config_set(&e, "simulation.threads=3", &d), 0);
	ck_assert_int_eq(e.threads, 3);
}
END_TEST

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_config_full_file);
	tcase_add_test(core, test_config_relative_traces);
	tcase_add_test(core, test_config_set_overrides);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_config_every_bad_line_reported);
	tcase_add_test(errors, test_config_syntax_and_missing_file);
	tcase_add_test(errors, test_config_validate_incomplete);
	tcase_add_test(errors, test_config_bad_set);
	suite_add_tcase(s, errors);
	return s;
}
