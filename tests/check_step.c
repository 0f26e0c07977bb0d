/*
 * The policy actions (step.c) on a small hand-made datacenter: gm_migrate's refusals, tentative
 * moves undone after the step, hosts held off (gm_switch_off) and what honours them. A test
 * policy's optimize hook runs the actions inside consolidation_optimize, as the engine runs a
 * policy's; what it saw is kept in `seen` for the test to check.
 *
 * Four hosts of 1000 MIPS: host 0 empty, host 1 with VM 0, host 2 with VMs 1 and 3, host 3
 * empty; VM 2 is not placed. VM 1 is migrating.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consolidation.h"
#include "ctx.h"
#include "detect.h"
#include "suites.h"

#define NH 4
#define NV 4

static struct datacenter *dc;
static double utils[NV][4];

/* What the test policy's optimize saw: each action's result and gm_ctx_error after it. */
static struct {
	int rc[32];
	char err[32][CTX_MSG_LEN];
	int n;
	int slots_during[NH]; /* the hosts' VM counts after the tentative moves */
	int first_fit[2];     /* VM 2's first fit before and after host 0 is held off */
	int best_fit[2];      /* VM 2's best fit on host 3 only, before and after it is held off */
} seen;

static void note(gm_ctx *ctx, int rc)
{
	seen.rc[seen.n] = rc;
	snprintf(seen.err[seen.n], CTX_MSG_LEN, "%s", rc != 0 ? ctx->error : "");
	seen.n++;
}

static int optimize(gm_ctx *ctx)
{
	note(ctx, gm_migrate(ctx, 2, 1));  /* 0: not placed */
	note(ctx, gm_migrate(ctx, 1, 0));  /* 1: migrating already */
	note(ctx, gm_migrate(ctx, 0, 1));  /* 2: its own host */
	note(ctx, gm_migrate(ctx, 0, 7));  /* 3: no such host */
	note(ctx, gm_migrate(ctx, 9, 0));  /* 4: no such VM */
	note(ctx, gm_migrate(ctx, 0, 3));  /* 5: accepted */
	note(ctx, gm_migrate(ctx, 0, 2));  /* 6: scheduled already */
	note(ctx, gm_switch_off(ctx, 1));  /* 7: host 1 has VM 0 */
	note(ctx, gm_switch_off(ctx, 0));  /* 8: empty: held off */
	note(ctx, gm_migrate(ctx, 3, 0));  /* 9: held off */
	note(ctx, gm_switch_on(ctx, 0));   /* 10 */
	note(ctx, gm_migrate(ctx, 3, 0));  /* 11: accepted now */
	/* tentative moves: VM 3 leaves host 2, VM 2 is created on host 0 */
	note(ctx, gm_move_tentatively(ctx, 3, -1));  /* 12 */
	note(ctx, gm_move_tentatively(ctx, 2, 0));   /* 13 */
	note(ctx, gm_move_tentatively(ctx, 2, 0));   /* 14: on host 0 already */
	note(ctx, gm_move_tentatively(ctx, 1, -1));  /* 15: migrating */
	note(ctx, gm_switch_off(ctx, 2));            /* 16: VM 1 still there */
	for (int h = 0; h < NH; h++)
		seen.slots_during[h] = dc->hosts[h].n_slots;
	note(ctx, gm_move_tentatively(ctx, 2, -1));  /* 17: back off host 0 */
	const gm_vm *vm2 = gm_vm_of(&dc->vms[2]);
	seen.first_fit[0] = gm_first_fit(ctx, vm2);
	note(ctx, gm_switch_off(ctx, 0));            /* 18 */
	seen.first_fit[1] = gm_first_fit(ctx, vm2);
	note(ctx, gm_switch_on(ctx, 0));             /* 19 */
	unsigned char only3[NH] = { 1, 1, 1, 0 };
	seen.best_fit[0] = gm_best_fit(ctx, vm2, only3);
	note(ctx, gm_switch_off(ctx, 3));            /* 20: empty now (VM 0 only scheduled) */
	seen.best_fit[1] = gm_best_fit(ctx, vm2, only3);
	return 0;
}

static const struct gm_policy test_policy = {
	.api_version = GREENMIG_API_VERSION,
	.name = "test",
	.summary = "the actions' test",
	.engines = GM_ENGINE_CLOUDSIM3,
	.energy = GM_ENERGY_UTILIZATION,
	.migrations = true,
	.overloaded = detect_thr_hook,
	.optimize = optimize,
};

static void put(int vm, int host)
{
	ck_assert(host_vm_create(dc, &dc->hosts[host], &dc->vms[vm]));
	dc->vm_table[vm] = host;
	dc->vms[vm].placed = true;
}

static void make_dc(void)
{
	dc = datacenter_create(NH, NV);
	ck_assert_ptr_nonnull(dc);
	dc->scheduling_interval_s = 300;
	for (int i = 0; i < NH; i++) {
		struct host *h = &dc->hosts[i];
		h->id = i;
		h->pes = 1;
		h->pe_mips = h->total_mips = 1000;
		h->ram_mb = 8192;
		h->bw = 1000000;
		h->storage_mb = 1000000;
		ck_assert_int_eq(power_model_init(&h->power, power_find("linear"), 250, 0.7), 0);
		ck_assert_int_eq(datacenter_init_host(h, 4), 0);
	}
	const double mips[NV] = { 250, 500, 250, 750 }, u[NV] = { 0.35, 0.6, 0.45, 0.2 };
	for (int i = 0; i < NV; i++) {
		struct vm *vm = &dc->vms[i];
		vm->id = i;
		vm->uid_hash = vm_uid_hash(i);
		vm->mips = mips[i];
		vm->pes = 1;
		vm->ram_mb = 128;
		vm->bw = 2500;
		vm->size_mb = 2500;
		vm->host = -1;
		for (int k = 0; k < 4; k++)
			utils[i][k] = u[i];
		vm->util = utils[i];
		vm->util_stride = 1;
		vm->n_util = 4;
		vm->interval_s = 300;
		vm->req_total = u[i] * mips[i];
	}
	put(0, 1);
	put(1, 2);
	put(3, 2);
	dc->vms[1].in_migration = true;
}

START_TEST(test_step_actions)
{
	make_dc();
	struct rng r;
	rng_init(&r, 7);
	struct gm_ctx ctx = { .policy = &test_policy, .dc = dc, .param = { 0.8 }, .n_params = 1,
			      .interval_s = 300, .now = 600, .rng = &r };
	struct consolidation *c = consolidation_create(&ctx);
	ck_assert_ptr_nonnull(c);
	ctx.cons = c;
	/* outside optimize: refused */
	ck_assert_int_eq(gm_migrate(&ctx, 0, 3), -1);
	ck_assert_str_eq(ctx.error, "gm_migrate: only in optimize");
	ck_assert_int_eq(gm_move_tentatively(&ctx, 0, -1), -1);
	ck_assert_int_eq(gm_switch_off(&ctx, 0), -1);
	memset(&seen, 0, sizeof seen);
	const struct migration *map;
	int n = consolidation_optimize(c, &map);
	ck_assert_int_eq(seen.n, 21);
	static const char *const want[21] = {
		"gm_migrate: VM 2 is on no host",
		"gm_migrate: VM 1 is migrating already",
		"gm_migrate: VM 0 is on host 1 already",
		"gm_migrate: no host 7 (4 hosts)",
		"gm_migrate: no VM 9 (4 VMs)",
		"",
		"gm_migrate: VM 0 is scheduled to migrate at this step already",
		"gm_switch_off: host 1 has VMs",
		"",
		"gm_migrate: host 0 is held off",
		"",
		"",
		"",
		"",
		"gm_move_tentatively: VM 2 is on host 0 already",
		"gm_move_tentatively: VM 1 is migrating",
		"gm_switch_off: host 2 has VMs",
		"",
		"",
		"",
		"",
	};
	for (int i = 0; i < 21; i++) {
		ck_assert_msg(strcmp(seen.err[i], want[i]) == 0, "action %d: \"%s\", expected \"%s\"", i, seen.err[i],
			      want[i]);
		ck_assert_int_eq(seen.rc[i], want[i][0] != '\0' ? -1 : 0);
	}
	/* during the step: VM 3 off host 2, VM 2 on host 0 */
	ck_assert_int_eq(seen.slots_during[0], 1);
	ck_assert_int_eq(seen.slots_during[1], 1);
	ck_assert_int_eq(seen.slots_during[2], 1);
	ck_assert_int_eq(seen.slots_during[3], 0);
	/* first fit: host 0, then host 1 while 0 is held off */
	ck_assert_int_eq(seen.first_fit[0], 0);
	ck_assert_int_eq(seen.first_fit[1], 1);
	/* best fit on host 3 only: 3, then none once it is held off */
	ck_assert_int_eq(seen.best_fit[0], 3);
	ck_assert_int_eq(seen.best_fit[1], -1);
	/* the accepted migrations, in order */
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(map[0].vm, 0);
	ck_assert_int_eq(map[0].target, 3);
	ck_assert_int_eq(map[1].vm, 3);
	ck_assert_int_eq(map[1].target, 0);
	/* the tentative moves are undone: the VM lists and hosts as before the step */
	ck_assert_int_eq(dc->hosts[0].n_slots, 0);
	ck_assert_int_eq(dc->hosts[1].n_slots, 1);
	ck_assert_int_eq(dc->hosts[2].n_slots, 2);
	ck_assert_int_eq(dc->hosts[3].n_slots, 0);
	ck_assert_int_eq(dc->vms[3].host, 2);
	ck_assert_int_eq(dc->vms[2].host, -1);
	ck_assert_int_eq(dc->vms[0].host, 1);
	/* host 3 stays held off after the step: the placement avoids it */
	ck_assert_int_eq(ctx.n_held_off, 1);
	ck_assert(ctx.held_off[3]);
	/* VM 2's best fit (linear power, 175 W + 75 W x u, P(0) = 0; cached utilizations 0): an
	 * empty host 175 + 75 x 0.1125 = 183.4 W, host 1 (87.5 MIPS live) 190 W, host 2 (450) 217.2 W.
	 * Host 3 ties with host 0 (the first wins); with host 0 held off too, host 1. */
	dc->vms[2].being_instantiated = true;
	ck_assert_int_eq(consolidation_place(c, &dc->vms[2]), 0);
	ctx.held_off[0] = 1; /* (as a gm_switch_off in a step would, telling the first-fit index) */
	datacenter_fit_touch(dc, 0);
	ctx.n_held_off = 2;
	ck_assert_int_eq(consolidation_place(c, &dc->vms[2]), 1);
	ctx.in_place = true;
	ck_assert_int_eq(gm_best_fit(&ctx, gm_vm_of(&dc->vms[2]), (const unsigned char[NH]){ 0, 1, 1, 0 }), -1);
	ck_assert_int_eq(gm_first_fit(&ctx, gm_vm_of(&dc->vms[2])), 1);
	ctx.in_place = false;
	consolidation_destroy(c);
	free(ctx.held_off);
	datacenter_destroy(dc);
}
END_TEST

Suite *step_suite(void)
{
	Suite *s = suite_create("step");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_step_actions);
	suite_add_tcase(s, core);
	return s;
}
