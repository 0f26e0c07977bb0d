/*
 * Experiment files: every key of a full file, type assignment as CloudSim's examples do it,
 * relative trace paths, --set overrides, and each error with its message. The key table: its
 * defaults are config_defaults' (and the defaults before the table), range errors name the file,
 * the line and the key, and "unknown key" lists the table's keys of the section.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
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

/* config_defaults as it was written before the key table: the table must give the same bytes. */
static void old_defaults(struct experiment *o, const char *default_traces)
{
	memset(o, 0, sizeof *o);
	snprintf(o->setup, sizeof o->setup, "custom");
	snprintf(o->traces, sizeof o->traces, "%s", default_traces ? default_traces : "");
	snprintf(o->day, sizeof o->day, "20110303");
	o->scheduling_interval_s = 300;
	o->limit_s = 86400;
	o->cloudlet_length_mi = 216000000LL;
	o->destroy_idle_vms = true;
	o->best_fit_index = true;
	o->hosts = 800;
	o->host_assign = ASSIGN_ROUND_ROBIN;
	o->vm_assign = ASSIGN_BLOCK;
	snprintf(o->policy, sizeof o->policy, "dvfs");
	o->seed = 1;
	o->model = MODEL_CLOUDSIM3;
	o->cpu_share = CPU_SHARE_FIRST_COME;
	o->migration_time = MIGRATION_INSTANT;
	o->model2010_line = -1;
	o->arrivals = ARRIVALS_NONE;
	o->days = 1; /* issue 20: a run over several days (off: one day) */
	o->arrival_rate_per_h = 60;
	o->wave_size = 50;
	o->wave_interval_s = 3600;
	o->drr_power_on = true;
	o->retire_threshold_s = 60;
	o->migration.max_rounds = 29;
	o->migration.stop_pages = 50;
	o->migration.max_factor = 3;
	o->security.protected_share = 0.10;
	o->security.cipher_bps = 1.5e9;
	o->security.hash_bps = 1.0e9;
	o->security.cores = 1;
	o->security.expansion_bytes = 28;
	o->security.hash_bytes = 32;
	o->security.meta_bytes = 16;
	o->placement.interval_s = 14400;
	o->placement.window_s = 14400;
	o->placement.max_migrations = 50;
	o->placement.population = 50;
	o->placement.generations = 200;
	o->placement.stagnation = 30;
	o->placement.p_mutation = 0.3;
	/* issue 18: [facility] (off) */
	o->facility.pue.pue = 1.9;
	o->facility.pue.c0 = 0.25;
	o->facility.pue.c1 = 0.30;
	o->facility.pue.c2 = 0.05;
	o->facility.carbon_g_per_kwh = 475;
	o->facility.price_per_kwh = 0.10;
	o->placement.max_util = 1.0;
	o->fuzzy.overload = 0.85;
	o->fuzzy.memory_overload = 0.95;
	o->fuzzy.underload = 0.50;
	o->fuzzy.memory_underload = 0.80;
	o->fuzzy.max_moves = 3;
	/* [network] (issue 22): off */
	o->network.params.hosts_per_rack = 40;
	o->network.params.fattree_k = 16;
	o->network.params.spines = 4;
	o->network.params.oversubscription = 1;
	o->network.params.core_oversubscription = 1;
	o->network.migration_share = 0.5;
	o->network.switch_chassis_w = 66.7;
	o->network.switch_port_w = 0.9125;
	o->network.switch_dynamic_share = 0.05;
	o->network.nic_w = 0.535;
}

START_TEST(test_config_defaults_as_before)
{
	static struct experiment o;
	config_defaults(&e, "tr");
	old_defaults(&o, "tr");
	ck_assert(memcmp(&e, &o, sizeof e) == 0);
	/* a new host or VM type starts from its table's defaults */
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(config_set(&e, "host.h.mips=2.5", &d), 0);
	ck_assert_int_eq(config_set(&e, "vm.v.mips=2.5", &d), 0);
	struct host_type h;
	memset(&h, 0, sizeof h);
	snprintf(h.name, sizeof h.name, "h");
	h.pes = 1;
	h.mips = 2.5;
	h.ram_mb = 4096;
	h.bw = 1000000;
	h.storage_mb = 1000000;
	h.power_static_share = 0.7;
	/* issue 18's sub-system defaults (power.h's table); the power states' are all 0 */
	h.parts = (struct power_parts_params){ .psu_efficiency = 0.8, .platform_w = 35, .mem_gb = -1,
					       .mem_w_per_gb = 1.275, .mem_sr_w_per_gb = 0.1275,
					       .mem_rank_gb = 1, .mem_os_gb = 0.5, .disks = 1,
					       .disk_idle_w = 7.5, .disk_standby_w = 1, .nic_ports = 1,
					       .nic_w = 0.535, .nic_lpi_w = 0.152 };
	ck_assert(memcmp(&e.host_types[0], &h, sizeof h) == 0);
	struct vm_type v;
	memset(&v, 0, sizeof v);
	snprintf(v.name, sizeof v.name, "v");
	v.mips = 2.5;
	v.pes = 1;
	v.ram_mb = -1;
	v.bw = 100000;
	v.size_mb = 2500;
	v.dirty_pages_per_s = -1;
	ck_assert(memcmp(&e.vm_types[0], &v, sizeof v) == 0);
}
END_TEST

/* "host.NAME" -> "host.t" */
static void section_of(const struct config_key_info *k, char *buf, size_t n)
{
	snprintf(buf, n, "%s", k->section);
	char *dot = strchr(buf, '.');
	if (dot != NULL)
		snprintf(dot + 1, n - (size_t)(dot + 1 - buf), "t");
}

static int check_default(const struct config_key_info *k, void *user)
{
	int *checked = user;
	if (k->def == NULL)
		return 0; /* no value stands for it ("required", the installed traces, ...) */
	static struct experiment a, b;
	struct diag d;
	diag_init(&d);
	char sec[64], set[256];
	section_of(k, sec, sizeof sec);
	config_defaults(&a, NULL);
	/* a host and a VM type made by another key, so that setting this one creates nothing */
	ck_assert_int_eq(config_set(&a, "host.t.mips=1", &d), 0);
	ck_assert_int_eq(config_set(&a, "vm.t.mips=1", &d), 0);
	b = a;
	snprintf(set, sizeof set, "%s.%s=%s", sec, k->key, k->def);
	ck_assert_msg(config_set(&b, set, &d) == 0, "%s: %s", set, d.count > 0 ? d.msg[0] : "");
	b.model2010_line = a.model2010_line; /* set by cpu_share and migration_time: "a 2010 key" */
	ck_assert_msg(memcmp(&a, &b, sizeof a) == 0, "%s is not what config_defaults sets", set);
	(*checked)++;
	return 0;
}

START_TEST(test_config_table_defaults)
{
	int checked = 0;
	ck_assert_int_eq(config_keys_each(check_default, &checked), 0);
	ck_assert_int_ge(checked, 60);
}
END_TEST

/* Every numeric, yes/no or word key rejects a bad value with a message naming it. */
static int check_bad_value(const struct config_key_info *k, void *user)
{
	(void)user;
	if (strcmp(k->type, "text") == 0 || strcmp(k->type, "path") == 0 || strcmp(k->type, "names") == 0)
		return 0;
	static struct experiment a;
	struct diag d;
	diag_init(&d);
	char sec[64], set[256], name[128];
	section_of(k, sec, sizeof sec);
	config_defaults(&a, NULL);
	snprintf(set, sizeof set, "%s.%s=?x", sec, k->key);
	ck_assert_msg(config_set(&a, set, &d) == -1, "%s accepted", set);
	if (strcmp(k->key, "power") == 0)
		snprintf(name, sizeof name, "in [%s]", sec);
	else
		snprintf(name, sizeof name, "(%s.%s", sec, k->key);
	ck_assert_msg(has(&d, name), "%s: %s", set, d.msg[0]);
	ck_assert_msg(strncmp(d.msg[0], "--set: \"?x\" ", 12) == 0 || strcmp(k->key, "power") == 0, "%s",
		      d.msg[0]);
	return 0;
}

START_TEST(test_config_table_bad_values)
{
	ck_assert_int_eq(config_keys_each(check_bad_value, NULL), 0);
}
END_TEST

/*
 * Every number's range, at its bounds: the upper bound is taken and twice it, 1e300 and
 * 9223372036854775808 are not; a closed lower bound is taken, an open one not. A share, a
 * utilization, a load threshold or a probability (p_) is at most 1.
 */
static int check_bounds(const struct config_key_info *k, void *user)
{
	int *checked = user;
	bool number = strcmp(k->type, "number") == 0;
	if ((!number && strcmp(k->type, "integer") != 0) || strcmp(k->key, "seed") == 0)
		return 0;
	static struct experiment a;
	struct diag d;
	diag_init(&d);
	config_defaults(&a, NULL);
	char sec[64], set[256], lo[64], hi[64];
	section_of(k, sec, sizeof sec);
	char open = k->range[0];
	if (number)
		ck_assert_int_eq(sscanf(k->range + 1, "%63[^,], %63[^]]", lo, hi), 2);
	else
		ck_assert_int_eq(sscanf(k->range, "%63s to %63[0-9]", lo, hi), 2);
	double top = strtod(hi, NULL);
	const char *tries[] = { hi, lo, "2x", "1e300", "9223372036854775808" };
	for (int i = 0; i < 5; i++) {
		char v[64];
		if (i == 2)
			snprintf(v, sizeof v, number ? "%.17g" : "%.0f", 2 * top + 1);
		else
			snprintf(v, sizeof v, "%s", tries[i]);
		snprintf(set, sizeof set, "%s.%s=%s", sec, k->key, v);
		int want = i == 0 || (i == 1 && !(number && open == '(')) ? 0 : -1;
		ck_assert_msg(config_set(&a, set, &d) == want, "%s: %s", set, want ? "taken" : d.msg[0]);
	}
	if (strstr(k->key, "share") != NULL || strstr(k->key, "util") != NULL || strstr(k->key, "load") != NULL ||
	    strncmp(k->key, "p_", 2) == 0)
		ck_assert_msg(number && top == 1, "%s.%s: a share, utilization or probability up to %s", sec,
			      k->key, hi);
	(*checked)++;
	return 0;
}

START_TEST(test_config_table_bounds)
{
	int checked = 0;
	ck_assert_int_eq(config_keys_each(check_bounds, &checked), 0);
	ck_assert_int_ge(checked, 40);
}
END_TEST

START_TEST(test_config_range_errors)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/range.ini"), &d), -1);
	ck_assert_int_eq(d.count, 5);
	ck_assert(has(&d, "range.ini:3: \"0\" is out of range (simulation.scheduling_interval_s expects a "
		      "positive number of seconds)"));
	ck_assert(has(&d, "range.ini:5: \"1001\" is out of range (fuzzy.max_moves expects a positive integer)"));
	ck_assert(has(&d, "range.ini:7: \"-0.1\" is out of range (host.h.power_static_share expects a fraction "
		      "between 0 and 1)"));
	ck_assert(has(&d, "range.ini:9: \"1\" is out of range (placement.population expects an integer >= 2)"));
	ck_assert(has(&d, "range.ini:11: \"0\" is out of range (migration.stop_pages expects a positive integer)"));
	/* the bounds themselves: (0, 1] takes 1 but not 0; [1, 64] takes 64 but not 65 */
	diag_init(&d);
	ck_assert_int_eq(config_set(&e, "fuzzy.overload=1", &d), 0);
	ck_assert_int_eq(config_set(&e, "fuzzy.overload=0", &d), -1);
	ck_assert_int_eq(config_set(&e, "migration.max_rounds=64", &d), 0);
	ck_assert_int_eq(config_set(&e, "migration.max_rounds=65", &d), -1);
	ck_assert_int_eq(config_set(&e, "security.protected_share=0", &d), 0);
	ck_assert_int_eq(d.count, 2);
}
END_TEST

struct section_keys {
	const char *section;
	char keys[512];
};

static int collect_keys(const struct config_key_info *k, void *user)
{
	struct section_keys *s = user;
	if (strcmp(k->section, s->section) == 0) {
		size_t len = strlen(s->keys);
		snprintf(s->keys + len, sizeof s->keys - len, "%s%s", len > 0 ? ", " : "", k->key);
	}
	return 0;
}

START_TEST(test_config_unknown_key_lists_table)
{
	/* the keys of each section as they were before the table, in the same order (and
	 * simulation.large_datacenter, added since) */
	static const char *const before[][2] = {
		{ "experiment", "setup" },
		{ "workload", "traces, day, days, vms, arrivals, initial_vms, arrival_rate_per_h, wave_size, "
			      "wave_interval_s, workload_file" },
		{ "simulation", "model, scheduling_interval_s, limit_s, cloudlet_length_mi, destroy_idle_vms, "
				"cpu_share, migration_time, best_fit_index, large_datacenter, threads" },
		{ "hosts", "count, types, assign" },
		{ "host.NAME", "pes, mips, ram_mb, bw, storage_mb, power, power_max_w, power_static_share, "
			       "boot_s, boot_w, shutdown_s, shutdown_w, off_w, suspend_s, suspend_w, sleep_w, "
			       "wake_s, wake_w, psu_efficiency, platform_w, mem_gb, mem_w_per_gb, "
			       "mem_sr_w_per_gb, mem_rank_gb, mem_os_gb, disks, disk_idle_w, disk_standby_w, "
			       "nic_ports, nic_w, nic_lpi_w" },
		{ "vms", "count, types, assign, size" },
		{ "vm.NAME", "mips, pes, ram_mb, bw, size_mb, dirty_pages_per_s" },
		{ "policy", "name, selection, param, seed, stay_quirk, drr_power_on, retire_threshold_s" },
		{ "migration", "model, dirty_pages_per_s, max_rounds, stop_pages, max_factor" },
		{ "security", "enabled, protected_share, cipher_bps, hash_bps, cores, expansion_bytes, "
			      "hash_bytes, meta_bytes, hash_mode" },
		{ "placement", "interval_s, window_s, mode, max_migrations, population, generations, stagnation, "
			       "p_mutation, max_util" },
		{ "fuzzy", "overload, memory_overload, underload, memory_underload, max_moves" },
		{ "facility", "enabled, pue_model, pue, pue_c0, pue_c1, pue_c2, design_w, carbon_g_per_kwh, "
			      "carbon_file, price_per_kwh, price_file" },
		{ "power", "states, idle_state, parts, power_down_unused_memory, power_down_unused_disk, "
			   "power_down_unused_nic, vm_energy, idle_before_s" },
	};
	for (size_t i = 0; i < sizeof before / sizeof before[0]; i++) {
		struct section_keys s = { .section = before[i][0] };
		config_keys_each(collect_keys, &s);
		ck_assert_str_eq(s.keys, before[i][1]);
		struct diag d;
		diag_init(&d);
		config_defaults(&e, NULL);
		char set[128], sec[64], want[1024];
		snprintf(sec, sizeof sec, "%s", s.section);
		char *dot = strchr(sec, '.');
		if (dot != NULL)
			snprintf(dot + 1, sizeof sec - (size_t)(dot + 1 - sec), "t1");
		snprintf(set, sizeof set, "%s.colour=red", sec);
		ck_assert_int_eq(config_set(&e, set, &d), -1);
		snprintf(want, sizeof want, "--set: unknown key 'colour' in [%s]; valid: %s", sec, s.keys);
		ck_assert_str_eq(d.msg[0], want);
	}
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(config_set(&e, "storage.size=1", &d), -1);
	ck_assert_str_eq(d.msg[0], "--set: unknown section [storage]; valid: experiment, workload, simulation, "
			 "hosts, host.NAME, vms, vm.NAME, policy, migration, security, placement, fuzzy, facility, power, "
			 "network");
}
END_TEST

START_TEST(test_config_words_and_lines)
{
	struct diag d;
	diag_init(&d);
	load_full();
	ck_assert_int_eq(e.model2010_line, -1);
	ck_assert_int_eq(config_set(&e, "simulation.cpu_share=equal", &d), 0);
	ck_assert_int_eq(e.cpu_share, CPU_SHARE_EQUAL);
	ck_assert_int_eq(e.model2010_line, 0); /* set, by --set */
	ck_assert_int_eq(config_set(&e, "migration.model=precopy", &d), 0);
	ck_assert(e.migration.precopy);
	ck_assert_int_eq(config_set(&e, "security.hash_mode=incremental", &d), 0);
	ck_assert(e.security.hash_incremental);
	ck_assert_int_eq(config_set(&e, "placement.mode=oracle", &d), 0);
	ck_assert(e.placement.oracle);
	ck_assert_int_eq(config_set(&e, "workload.arrivals=waves", &d), 0);
	ck_assert_int_eq(e.arrivals, ARRIVALS_WAVES);
	ck_assert_int_eq(config_set(&e, "vms.count=12", &d), 0); /* an alias of workload.vms */
	ck_assert_int_eq(e.vms, 12);
	ck_assert_int_eq(config_set(&e, "simulation.cloudlet_length_mi=9000000000000", &d), 0);
	ck_assert(e.cloudlet_length_mi == 9000000000000LL);
	ck_assert_int_eq(config_set(&e, "vms.assign=round_robin", &d), 0);
	ck_assert_int_eq(e.vm_assign, ASSIGN_ROUND_ROBIN);
	ck_assert_int_eq(config_set(&e, "security.enabled=true", &d), 0);
	ck_assert(e.security.enabled);
	ck_assert_int_eq(d.count, 0);
	ck_assert_int_eq(config_set(&e, "simulation.model=2011", &d), -1);
	ck_assert_str_eq(d.msg[0], "--set: \"2011\" is not a model (simulation.model expects cloudsim3 or 2010)");
	ck_assert_int_eq(config_set(&e, "workload.arrivals=burst", &d), -1);
	ck_assert_str_eq(d.msg[1], "--set: \"burst\" is not an arrival process (workload.arrivals expects none, "
			 "poisson, waves or file)");
}
END_TEST

/* A line longer than inih's buffer is an error at its line, never read as two lines (the rest of
 * the comment, "count = 7", would set 7 hosts); a 199-character line with CRLF is read whole. */
START_TEST(test_config_long_line)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/long.ini"), &d), -1);
	ck_assert_int_eq(d.count, 2);
	ck_assert(has(&d, "long.ini:2: line of 208 characters (expected at most 199 per line)"));
	ck_assert(has(&d, "long.ini:5: unknown key 'bogus' in [hosts]"));
	ck_assert_int_eq(e.hosts, 5);
}
END_TEST

/* A key or a section given twice in a file is an error naming both lines; --set still overrides. */
START_TEST(test_config_duplicates)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/dup.ini"), &d), -1);
	ck_assert_int_eq(d.count, 4);
	ck_assert_str_eq(d.msg[0], test_srcpath("tests/data/config/dup.ini:8: section [hosts] given again "
						"(first at line 1; expected each section once per file)"));
	ck_assert(has(&d, "dup.ini:9: hosts.count given again (first at line 2; expected each key once per file)"));
	ck_assert(has(&d, "dup.ini:10: section [host.a] given again (first at line 5;"));
	ck_assert(has(&d, "dup.ini:15: vms.count sets workload.vms, given at line 13 (expected each key once"));
	ck_assert_int_eq(e.hosts, 5);
	load_full();
	diag_init(&d);
	ck_assert_int_eq(config_set(&e, "hosts.count=7", &d), 0);
	ck_assert_int_eq(config_set(&e, "hosts.count=8", &d), 0);
	ck_assert_int_eq(e.hosts, 8);
}
END_TEST

/* A NUL byte would cut the value short ("5\0 7" read as 5): an error at its line and column. */
START_TEST(test_config_nul_byte)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/nul.ini"), &d), -1);
	ck_assert_int_eq(d.count, 2);
	ck_assert(has(&d, "nul.ini:2: NUL byte in column 10 (expected text)"));
	ck_assert(has(&d, "nul.ini:4: unknown key 'bogus' in [hosts]"));
	ck_assert_int_eq(e.hosts, 800);
	diag_init(&d);
	ck_assert_int_eq(config_set(&e, "policy.seed= -1", &d), -1); /* not 2^64 - 1 */
	ck_assert_str_eq(d.msg[0], "--set: \" -1\" is not a seed (policy.seed expects an integer >= 0)");
	ck_assert_uint_eq(e.seed, 1);
}
END_TEST

/* inih reads an indented line after a key as that key's value: an error, not a silent change. */
START_TEST(test_config_indented_line)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/indent.ini"), &d), -1);
	ck_assert_int_eq(d.count, 2);
	ck_assert(has(&d, "indent.ini:3: indented line read as a continuation of hosts.types (expected key "
		      "= value at the start of the line; a value is one line)"));
	ck_assert(has(&d, "indent.ini:4: indented line read as a continuation of hosts.types"));
	ck_assert_int_eq(e.n_host_order, 1);
	ck_assert_int_eq(e.vms, 3); /* the first key of a section may be indented */
}
END_TEST

/* The lines of policy.name, selection, param and workload.day, while they hold the file's value. */
START_TEST(test_config_from_lines)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_line(&e.policy_from, e.policy), 0); /* a default */
	load_full();
	ck_assert_int_eq(config_line(&e.day_from, e.day), 11);
	ck_assert_int_eq(config_line(&e.policy_from, e.policy), 91);
	ck_assert_int_eq(config_line(&e.param_from, e.param), 0); /* not in the file */
	snprintf(e.policy, sizeof e.policy, "thr"); /* as --policy does */
	ck_assert_int_eq(config_line(&e.policy_from, e.policy), 0);
	ck_assert_int_eq(config_set(&e, "workload.day=20110304", &d), 0);
	ck_assert_int_eq(config_line(&e.day_from, e.day), 0);
}
END_TEST

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_config_full_file);
	tcase_add_test(core, test_config_relative_traces);
	tcase_add_test(core, test_config_set_overrides);
	tcase_add_test(core, test_config_defaults_as_before);
	tcase_add_test(core, test_config_table_defaults);
	tcase_add_test(core, test_config_words_and_lines);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_config_every_bad_line_reported);
	tcase_add_test(errors, test_config_syntax_and_missing_file);
	tcase_add_test(errors, test_config_validate_incomplete);
	tcase_add_test(errors, test_config_bad_set);
	tcase_add_test(errors, test_config_table_bad_values);
	tcase_add_test(errors, test_config_range_errors);
	tcase_add_test(errors, test_config_unknown_key_lists_table);
	tcase_add_test(errors, test_config_table_bounds);
	tcase_add_test(errors, test_config_long_line);
	tcase_add_test(errors, test_config_duplicates);
	tcase_add_test(errors, test_config_nul_byte);
	tcase_add_test(errors, test_config_indented_line);
	tcase_add_test(core, test_config_from_lines);
	suite_add_tcase(s, errors);
	return s;
}
