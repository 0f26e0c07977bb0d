/*
 * The first-fit index (datacenter_first_fit, src/engine/datacenter_fit.c) against the plain scan
 * it replaces (the first host in id order that host_is_suitable accepts, not held off, and in
 * the first pass not avoided), as SQLite checks its bitvec against a brute-force oracle: random
 * datacenters of 1 to 100 hosts of three types (ties everywhere; every third round PE capacities
 * and VM RAM sizes of many values, more than the index's classes), VMs of 1 to 3 PEs placed by
 * the index until hosts are full, VMs leaving, host updates (one host, a few, more than the
 * change log holds), hosts held off and avoided and back, and VMs that already hold RAM on a
 * host asking again. Every answer is compared with the scan's, on the datacenter as it is.
 * Also the VM id lists' membership mask against a plain multiset.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "datacenter.h"
#include "rng.h"
#include "suites.h"

#define MAX_HOSTS 100
#define MAX_VMS 300
#define SAMPLES 700 /* more than the updates of a round */

static double utils[MAX_VMS][SAMPLES];

static int scan(const struct datacenter *dc, const struct vm *vm, const unsigned char *held,
		const unsigned char *avoid, bool avoid_pass)
{
	for (int i = 0; i < dc->n_hosts; i++)
		if (!(held != NULL && held[i]) && !(avoid_pass && avoid[i]) &&
		    host_is_suitable(dc, &dc->hosts[i], vm))
			return i;
	return -1;
}

static int pick(struct rng *r, int n)
{
	int k = (int)(rng_uniform(r) * n);
	return k < n ? k : n - 1;
}

/* varied: PE capacities and VM RAM sizes drawn from ranges (more than the index tells apart) */
static struct datacenter *random_dc(struct rng *r, int nh, int nv, bool varied)
{
	struct datacenter *dc = datacenter_create(nh, nv);
	ck_assert_ptr_nonnull(dc);
	dc->scheduling_interval_s = 300;
	/* three host types: (PEs, MIPS per PE, RAM MB) */
	static const int pes[3] = { 1, 2, 4 };
	static const double pe_mips[3] = { 1860, 2660, 1000 };
	static const long ram[3] = { 4096, 2048, 8192 };
	for (int i = 0; i < nh; i++) {
		int t = pick(r, 3);
		struct host *h = &dc->hosts[i];
		h->id = i;
		h->pes = pes[t];
		h->pe_mips = varied ? 500 + 100 * pick(r, 25) : pe_mips[t];
		h->total_mips = pes[t] * h->pe_mips;
		h->ram_mb = ram[t];
		h->bw = 1000000;
		h->storage_mb = 1000000;
		ck_assert_int_eq(power_model_init(&h->power, power_find("linear"), 250, 0.7), 0);
		ck_assert_int_eq(datacenter_init_host(h, 4), 0);
	}
	/* VM types as CloudSim's examples, and PEs 1 to 3 */
	static const double mips[4] = { 2500, 2000, 1000, 500 };
	static const long vram[4] = { 870, 1740, 1740, 613 };
	for (int i = 0; i < nv; i++) {
		int t = pick(r, 4);
		struct vm *vm = &dc->vms[i];
		vm->id = i;
		vm->uid_hash = vm_uid_hash(i);
		vm->mips = mips[t];
		vm->pes = 1 + pick(r, 3);
		vm->ram_mb = varied ? 256 + pick(r, 1800) : vram[t];
		vm->bw = pick(r, 4) == 0 ? 400000 : 100000;
		vm->size_mb = 2500;
		vm->host = -1;
		for (int k = 0; k < SAMPLES; k++)
			utils[i][k] = pick(r, 5) == 0 ? 0 : rng_uniform(r);
		vm->util = utils[i];
		vm->util_stride = 1;
		vm->n_util = SAMPLES;
		vm->interval_s = 300;
	}
	return dc;
}

/* Asks both passes of vm on the index and on the scan; returns the index's all-hosts answer. */
static int ask(struct datacenter *dc, const struct vm *vm, const unsigned char *held,
	       const unsigned char *avoid, long *found)
{
	if (avoid != NULL)
		ck_assert_int_eq(datacenter_first_fit(dc, vm, held, avoid, true), scan(dc, vm, held, avoid, true));
	int h = datacenter_first_fit(dc, vm, held, avoid, false);
	ck_assert_int_eq(h, scan(dc, vm, held, avoid, false));
	if (h >= 0)
		(*found)++;
	return h;
}

START_TEST(test_firstfit_random)
{
	struct rng r;
	rng_init(&r, 19);
	long asked = 0, found = 0, none = 0, stale = 0;
	for (int round = 0; round < 90; round++) {
		int nh = round < 3 ? round + 1 : 1 + pick(&r, MAX_HOSTS);
		int nv = 3 * nh < MAX_VMS ? 3 * nh : MAX_VMS;
		struct datacenter *dc = random_dc(&r, nh, nv, round % 3 == 2);
		unsigned char *held = calloc((size_t)nh, 1), *avoid = calloc((size_t)nh, 1);
		ck_assert(held != NULL && avoid != NULL);
		bool use_held = pick(&r, 2), use_avoid = pick(&r, 2);
		int next_vm = 0;
		double now = 0;
		for (int op = 0; op < 6 * nh + 20; op++) {
			int what = pick(&r, 10);
			if (what <= 3 && next_vm < nv) {
				/* the initial placement: VM next_vm created where the index says */
				struct vm *vm = &dc->vms[next_vm++];
				vm->being_instantiated = true;
				int h = ask(dc, vm, use_held ? held : NULL, use_avoid ? avoid : NULL, &found);
				asked++;
				if (h >= 0) {
					ck_assert(host_vm_create(dc, &dc->hosts[h], vm));
					vm->placed = true;
					dc->vm_table[vm->id] = h;
				} else {
					none++;
				}
				vm->being_instantiated = false;
			} else if (what == 4 && next_vm > 0) {
				/* a VM leaves */
				struct vm *vm = &dc->vms[pick(&r, next_vm)];
				if (vm->host >= 0)
					host_vm_destroy(dc, &dc->hosts[vm->host], vm);
			} else if (what == 5) {
				/* host updates: one host, a few, or every host (more than the log) */
				now += 300;
				if (pick(&r, 2)) {
					host_update(dc, &dc->hosts[pick(&r, nh)], now, NULL);
				} else {
					int list[MAX_HOSTS], n = 0;
					bool all = pick(&r, 2);
					for (int i = 0; i < nh; i++)
						if (all || pick(&r, 4) == 0)
							list[n++] = i;
					stale += n > DATACENTER_FIT_LOG;
					hosts_update(dc, list, n, now, NULL, NULL);
				}
			} else if (what == 6) {
				/* a host held off or back (as gm_switch_off / gm_switch_on) */
				int h = pick(&r, nh);
				held[h] = !held[h];
				datacenter_fit_touch(dc, h);
			} else if (what == 7) {
				/* a host avoided or back (power states: off, on) */
				int h = pick(&r, nh);
				avoid[h] = !avoid[h];
				datacenter_fit_touch(dc, h);
			} else if (what == 8 && next_vm > 0) {
				/* a placed VM asks as if being created again: it holds RAM and BW on its
				 * host, which the test counts back in */
				struct vm *vm = &dc->vms[pick(&r, next_vm)];
				vm->being_instantiated = true;
				ask(dc, vm, use_held ? held : NULL, use_avoid ? avoid : NULL, &found);
				asked++;
				vm->being_instantiated = false;
			} else {
				/* a placed VM's current request (not being created: MIPS only) */
				if (next_vm > 0) {
					ask(dc, &dc->vms[pick(&r, next_vm)], use_held ? held : NULL,
					    use_avoid ? avoid : NULL, &found);
					asked++;
				}
			}
		}
		free(held);
		free(avoid);
		datacenter_destroy(dc);
	}
	/* the cases all occurred: answers, full datacenters, rebuilds after large updates */
	ck_assert_int_gt(asked, 5000);
	ck_assert_int_gt(found, 1000);
	ck_assert_int_gt(none, 50);
	ck_assert_int_gt(stale, 10);
}
END_TEST

/* A hand-made case: hosts 0-4, PEs of 1000 / 2500 MIPS, host 3 held off, host 1 avoided. */
START_TEST(test_firstfit_small)
{
	struct rng r;
	rng_init(&r, 1);
	struct datacenter *dc = random_dc(&r, 5, 4, false);
	static const double pe[5] = { 1000, 2500, 1000, 2500, 2500 };
	static const int pes[5] = { 4, 1, 2, 1, 2 };
	for (int i = 0; i < 5; i++) {
		struct host *h = &dc->hosts[i];
		h->pes = pes[i];
		h->pe_mips = pe[i];
		h->total_mips = h->available_mips = pes[i] * pe[i];
		h->ram_mb = h->ram_free = 4096;
	}
	unsigned char held[5] = { 0, 0, 0, 1, 0 }, avoid[5] = { 0, 1, 0, 0, 0 };
	struct vm *vm = &dc->vms[0];
	vm->being_instantiated = true;
	vm->mips = 2500; /* one PE of 2500: hosts 1, 3 and 4 have such PEs; 3 is held off */
	vm->pes = 1;
	vm->ram_mb = 1740;
	ck_assert_int_eq(datacenter_first_fit(dc, vm, held, avoid, false), 1);
	ck_assert_int_eq(datacenter_first_fit(dc, vm, held, avoid, true), 4);
	/* two VMs of 1740 MB on host 4 leave it 616 MB: the next one goes nowhere in the
	 * first pass; host 1 (2500 MIPS, 4096 MB) takes one and is full in MIPS */
	ck_assert(host_vm_create(dc, &dc->hosts[4], vm));
	vm->being_instantiated = false;
	struct vm *v1 = &dc->vms[1];
	*v1 = *vm;
	v1->id = 1;
	v1->held_slots = 0;
	v1->host = -1;
	v1->being_instantiated = true;
	ck_assert(host_vm_create(dc, &dc->hosts[4], v1));
	v1->being_instantiated = false;
	struct vm *v2 = &dc->vms[2];
	*v2 = *vm;
	v2->id = 2;
	v2->held_slots = 0;
	v2->host = -1;
	v2->being_instantiated = true;
	ck_assert_int_eq(dc->hosts[4].ram_free, 616);
	ck_assert_int_eq(datacenter_first_fit(dc, v2, held, avoid, true), -1);
	ck_assert_int_eq(datacenter_first_fit(dc, v2, held, avoid, false), 1);
	ck_assert(host_vm_create(dc, &dc->hosts[1], v2));
	ck_assert_int_eq(v2->held_slots, 1);
	/* host 3 back: the next 2500-MIPS VM goes there */
	held[3] = 0;
	datacenter_fit_touch(dc, 3);
	struct vm *v3 = &dc->vms[3];
	*v3 = *v2;
	v3->id = 3;
	v3->held_slots = 0;
	v3->host = -1;
	ck_assert_int_eq(datacenter_first_fit(dc, v3, held, avoid, false), 3);
	datacenter_destroy(dc);
}
END_TEST

/* The VM id lists (datacenter.h: the first IDLIST_INLINE members in the record, the rest in v; bit
 * id mod 512 of the mask set for every member) against a plain ordered list under random appends
 * and removals of ids that share bits (0 .. 2999): after every change the members are the
 * model's, in its order (idlist_at, across the record's and v's parts: removals at every place),
 * every answer of idlist_has is the model's, and the mask is exactly its members' bits
 * (idlist_remove clears a bit only when no other member has it). Two regimes: lists that grow
 * long, and lists that stay around IDLIST_INLINE members. */
static void idlist_oracle_run(unsigned seed, double p_add, int ops, int keep_near)
{
	struct rng r;
	rng_init(&r, seed);
	struct idlist l = { 0 };
	static int model[20000];
	int n = 0;
	for (int op = 0; op < ops; op++) {
		int id = (int)(rng_uniform(&r) * 3000) % 3000;
		if (id % 512 < 8) /* pile up on a few bits: ids that collide */
			id = (id % 8) + 512 * (id / 512);
		double pa = p_add;
		if (keep_near > 0)
			pa = n < keep_near ? 0.7 : 0.3;
		if (rng_uniform(&r) < pa || n == 0) {
			ck_assert_int_eq(idlist_add(&l, id), 0);
			model[n++] = id;
		} else {
			if (rng_uniform(&r) < 0.7) /* mostly a member, from anywhere in the list */
				id = model[(int)(rng_uniform(&r) * n) % n];
			idlist_remove(&l, id);
			for (int i = 0; i < n; i++)
				if (model[i] == id) {
					memmove(model + i, model + i + 1, (size_t)(n - i - 1) * sizeof *model);
					n--;
					break;
				}
		}
		/* (plain tests, one assertion an operation: each of Check's is a write to its pipe) */
		int bad = l.n != n;
		uint64_t want[IDLIST_MASK_WORDS] = { 0 };
		for (int i = 0; i < n && !bad; i++) {
			bad |= idlist_at(&l, i) != model[i];
			want[IDLIST_WORD(model[i])] |= IDLIST_BIT(model[i]);
		}
		for (int w = 0; w < IDLIST_MASK_WORDS; w++)
			bad |= l.mask[w] != want[w];
		int probe = (int)(rng_uniform(&r) * 3000) % 3000;
		bool in = false, in_id = false;
		for (int i = 0; i < n; i++) {
			in = in || model[i] == probe;
			in_id = in_id || model[i] == id;
		}
		bad |= idlist_has(&l, probe) != in;
		bad |= idlist_has(&l, id) != in_id;
		if (bad)
			ck_abort_msg("seed %u, operation %d: the list differs from its model", seed, op);
	}
	free(l.v);
}

START_TEST(test_idlist_oracle)
{
	idlist_oracle_run(11, 0.55, 20000, 0);
	idlist_oracle_run(12, 0, 20000, IDLIST_INLINE);
	idlist_oracle_run(13, 0, 5000, 3);
}
END_TEST

Suite *firstfit_suite(void)
{
	Suite *s = suite_create("firstfit");
	TCase *core = tcase_create("core");
	tcase_set_timeout(core, 60);
	tcase_add_test(core, test_firstfit_small);
	tcase_add_test(core, test_firstfit_random);
	tcase_add_test(core, test_idlist_oracle);
	suite_add_tcase(s, core);
	return s;
}
