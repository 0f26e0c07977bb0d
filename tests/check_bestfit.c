/*
 * The best fit's segment index (src/engine/bestfit*.c: buckets by power curve and tenth of live
 * utilization, trees of bounds over the large ones) against an exhaustive search by CloudSim's
 * rule (PowerVmAllocationPolicyMigrationAbstract.findHostForVm: among the suitable hosts not
 * excluded, and not overloaded after the allocation unless empty, the least power increase
 * against the cached power, the first host by id on ties), on random datacenters large enough
 * for the trees: two SPECpower curves and a linear one, hosts of identical state by the dozen
 * (exact ties, which only the id decides), full hosts, VMs of zero and of tiny requests (whole
 * buckets tie within rounding), random exclusions, and between the questions VMs placed on the
 * host found (the index files that host again), VMs leaving and host updates (built again).
 * Then the bulk pass's parts on their own: its quotient against the division, every version of
 * its increase against power_watts, and its LR test against detect_regression_decide.
 */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bestfit_int.h"
#include "consolidation.h"
#include "ctx.h"
#include "policy.h"
#include "power.h"
#include "rng.h"
#include "select.h"
#include "suites.h"

#define NH 1500
#define NV 4000
#define SAMPLES 8
#define TIES 150 /* VMs 0 .. TIES - 1: one state, each alone on host 1 + 3 v */

static double utils[NV][SAMPLES];

static int pick(struct rng *r, int n)
{
	int k = (int)(rng_uniform(r) * n);
	return k < n ? k : n - 1;
}

static struct datacenter *random_dc(struct rng *r)
{
	struct datacenter *dc = datacenter_create(NH, NV);
	ck_assert_ptr_nonnull(dc);
	dc->scheduling_interval_s = 300;
	static const char *const curve[3] = { "hp_ml110_g4", "hp_ml110_g5", "linear" };
	static const double pe_mips[3] = { 1860, 2660, 2000 };
	for (int i = 0; i < NH; i++) {
		int t = i % 3;
		struct host *h = &dc->hosts[i];
		h->id = i;
		h->pes = 2;
		h->pe_mips = pe_mips[t];
		h->total_mips = 2 * pe_mips[t];
		h->ram_mb = 16384;
		h->bw = 1000000;
		h->storage_mb = 1000000;
		ck_assert_int_eq(power_model_init(&h->power, power_find(curve[t]), 250, 0.7), 0);
		ck_assert_int_eq(datacenter_init_host(h, 4), 0);
	}
	static const double mips[4] = { 2500, 2000, 1000, 500 };
	for (int i = 0; i < NV; i++) {
		struct vm *vm = &dc->vms[i];
		vm->id = i;
		vm->uid_hash = vm_uid_hash(i);
		vm->mips = mips[pick(r, 4)];
		vm->pes = 1;
		vm->ram_mb = 128;
		vm->bw = 100;
		vm->size_mb = 100;
		vm->host = -1;
		/* one request a VM over the whole run: zero, tiny, the ties' 0.25, or any */
		int kind = i < TIES ? 2 : pick(r, 10);
		if (i < TIES)
			vm->mips = 1000;
		double u = kind == 0 ? 0 : kind == 1 ? 1e-7 * (1 + pick(r, 3)) : kind == 2 ? 0.25 : 0.05 + 0.4 * rng_uniform(r);
		for (int k = 0; k < SAMPLES; k++)
			utils[i][k] = u;
		vm->util = utils[i];
		vm->util_stride = 1;
		vm->n_util = SAMPLES;
		vm->interval_s = 300;
		vm->length_mi = 216000000LL;
		vm->req_total = u * vm->mips;
	}
	return dc;
}

static void put(struct datacenter *dc, int vm, int host)
{
	ck_assert(host_vm_create(dc, &dc->hosts[host], &dc->vms[vm]));
	dc->vm_table[vm] = host;
}

/* CloudSim's rule, THR 0.8 as the detector; *tie: another host had the answer's increase */
static int oracle(struct datacenter *dc, struct vm *vm, const unsigned char *excl, bool *tie)
{
	int want = -1;
	double best = INFINITY;
	*tie = false;
	for (int i = 0; i < NH; i++) {
		const struct host *h = &dc->hosts[i];
		if ((excl != NULL && excl[i]) || !host_is_suitable(dc, h, vm))
			continue;
		double live = 0, req = 0;
		for (int s = 0; s < h->n_slots; s++) {
			live += h->slots[s].alloc_total;
			req += vm_req_total(&dc->vms[h->slots[s].vm]);
		}
		if (live != 0 && (req + vm_req_total(vm)) / h->total_mips > 0.8)
			continue;
		double diff = power_watts(&h->power, (live + vm_req_total(vm)) / h->total_mips) -
			      power_watts(&h->power, host_utilization(h));
		if (diff == best)
			*tie = true;
		if (diff < best) {
			best = diff;
			want = i;
			*tie = false;
		}
	}
	return want;
}

static void update_all(struct datacenter *dc, double t)
{
	for (int i = 0; i < NV; i++) {
		dc->vms[i].prev_time = t;
		dc->vms[i].req_total = vm_utilization(&dc->vms[i], t) * dc->vms[i].mips;
	}
	for (int h = 0; h < NH; h++)
		host_update(dc, &dc->hosts[h], t, NULL);
}

START_TEST(test_bestfit_index_oracle)
{
	struct rng r;
	rng_init(&r, 2026);
	int asked = 0, ties = 0, excluded = 0, largest_bucket = 0;
	for (int round = 0; round < 3; round++) {
		struct datacenter *dc = random_dc(&r);
		/* hosts of one state by the dozen: the TIES VMs alone on G5 hosts; the rest at
		 * random (two thirds of the VMs), some hosts full */
		for (int v = 0; v < TIES; v++)
			put(dc, v, 1 + 3 * v);
		for (int v = TIES; v < 2 * NV / 3; v++) {
			int h = pick(&r, NH);
			if (!(h % 3 == 1 && h < 3 * TIES) && host_is_suitable(dc, &dc->hosts[h], &dc->vms[v]))
				put(dc, v, h);
		}
		update_all(dc, 300.1);
		/* the buckets (class, tenth of live utilization) are large enough for trees */
		int count[30] = { 0 };
		for (int i = 0; i < NH; i++) {
			struct host *h = &dc->hosts[i];
			double live = host_live_mips(dc, h);
			if (live > 0)
				count[(i % 3) * 10 + (int)(10 * live / h->total_mips) % 10]++;
		}
		for (int k = 0; k < 30; k++)
			largest_bucket = count[k] > largest_bucket ? count[k] : largest_bucket;
		struct gm_ctx ctx = { .policy = &policy_thr, .dc = dc, .param = { 0.8 }, .n_params = 1,
				      .interval_s = 300, .rng = &r, .selection = &selection_mmt };
		struct consolidation *c = consolidation_create(&ctx);
		ck_assert_ptr_nonnull(c);
		ctx.cons = c;
		unsigned char excl[NH];
		for (int q = 0; q < 700; q++) {
			int v = 2 * NV / 3 + pick(&r, NV - 2 * NV / 3);
			struct vm *vm = &dc->vms[v];
			if (vm->host >= 0)
				continue;
			bool use_excl = q % 3 != 0;
			for (int i = 0; i < NH; i++)
				excl[i] = use_excl && pick(&r, 10) == 0;
			bool tie;
			int want = oracle(dc, vm, use_excl ? excl : NULL, &tie);
			int got = consolidation_best_fit(c, vm, use_excl ? excl : NULL);
			ck_assert_msg(got == want, "round %d question %d: VM %d to host %d, want %d", round, q, v,
				      got, want);
			asked++;
			ties += tie;
			if (use_excl && got >= 0 && oracle(dc, vm, NULL, &tie) != got)
				excluded++; /* the exclusion changed the answer */
			if (got >= 0 && pick(&r, 2) == 0)
				put(dc, v, got); /* the placement's run: the host filed again */
			if (pick(&r, 12) == 0) { /* a VM leaves: the index built again */
				int w = pick(&r, NV);
				if (dc->vms[w].host >= 0) {
					host_vm_destroy(dc, &dc->hosts[dc->vms[w].host], &dc->vms[w]);
					dc->vm_table[w] = -1;
				}
			}
			if (q % 150 == 149)
				update_all(dc, 300.1 + 300 * (q / 150 + 1)); /* new cached power */
		}
		consolidation_destroy(c);
		datacenter_destroy(dc);
	}
	/* not trivial: the answers, their ties and exclusions, on buckets with trees */
	ck_assert_int_gt(asked, 1500);
	ck_assert_int_gt(ties, 100);
	ck_assert_int_gt(excluded, 50);
	ck_assert_int_gt(largest_bucket, 256); /* more than a chunk (bestfit_int.h's SEG_CHUNK) */
}
END_TEST

/* seg_increase's quotient (Markstein's refinement on the reciprocal: two products and two fused
 * ones) against the division, bit for bit: hosts' MIPS totals and random ones, dividends of MIPS
 * sums, random doubles over 60 binades, and quotients whose significands are nearly all ones
 * (where a reciprocal's rounding matters most). */
static uint64_t xs_next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static double xs_double(uint64_t *x, int binades)
{
	uint64_t bits = ((uint64_t)(1023 + (int)(xs_next(x) % (uint64_t)binades) - binades / 2) << 52) |
			(xs_next(x) & (((uint64_t)1 << 52) - 1));
	double d;
	memcpy(&d, &bits, sizeof d);
	return d;
}

START_TEST(test_bestfit_quotient)
{
	static const double totals[] = { 3720, 5320, 1860, 2660, 1000, 2500, 500, 9600, 8000, 1.5, 3,
					 0x1.fffffffffffffp+11, 0x1.0000000000001p+10, 0x1.fffffffffffffp+0 };
	uint64_t x = 88172645463325252ull;
	long differ = 0, n = 0;
	for (int t = 0; t < 64; t++) {
		int nt = (int)(sizeof totals / sizeof *totals);
		double b = t < nt ? totals[t] : xs_double(&x, 40);
		for (int i = 0; i < 40000; i++, n++) {
			double a;
			if (i % 3 == 0) {
				a = (double)(xs_next(&x) % 100000000) / 1000.0 + 1e-3; /* MIPS sums */
			} else if (i % 3 == 1) {
				a = xs_double(&x, 60);
			} else { /* a / b with a significand of ones in its upper bits */
				uint64_t bits = ((uint64_t)1023 << 52) | (((uint64_t)1 << 52) - 1 - (xs_next(&x) % 4096));
				double m;
				memcpy(&m, &bits, sizeof m);
				a = m * b;
			}
			double q = seg_quotient_test(a, b), d = a / b;
			differ += memcmp(&q, &d, sizeof q) != 0;
		}
	}
	ck_assert_int_eq(n, 64 * 40000);
	ck_assert_int_eq(differ, 0);
}
END_TEST

/* Every version of seg_increase this processor runs (the default one, AVX2 with FMA, AVX-512)
 * against power_watts itself, entry by entry, on random buckets of a table curve and of the
 * linear one: the same doubles where the pass computes the increase (NaN where it leaves an entry
 * to power_watts: on or next to a table point, past 100 %), INFINITY where the host has no room;
 * and whether any entry is not above a bound. */
START_TEST(test_bestfit_increase_versions)
{
	seg_increase_fn *fn[3];
	int nf = seg_increase_versions(fn);
	ck_assert_int_ge(nf, 1);
	struct rng r;
	rng_init(&r, 5);
	enum { M = 256 };
	double avail[M], live[M], pnow[M], out[M];
	long computed = 0, checked = 0;
	for (int trial = 0; trial < 400; trial++) {
		struct power_model pm;
		const char *curve = trial % 4 == 3 ? "linear" : trial % 2 ? "hp_ml110_g5" : "hp_ml110_g4";
		ck_assert_int_eq(power_model_init(&pm, power_find(curve), 250, 0.7), 0);
		double total = trial % 3 == 0 ? 3720 : trial % 3 == 1 ? 5320 : 1000 + 9000 * rng_uniform(&r);
		int tenth = (int)(rng_uniform(&r) * 10) % 10;
		struct seg_list l = { .avail = avail, .live = live, .pnow = pnow };
		l.u_lo = tenth / 10.0;
		l.u_hi = (tenth + 1) / 10.0 - 1e-9;
		for (int i = 0; i < M; i++) {
			double u = l.u_lo + (l.u_hi - l.u_lo) * rng_uniform(&r);
			if (i % 17 == 0)
				u = l.u_lo; /* on a table point */
			live[i] = u * total;
			pnow[i] = power_watts(&pm, u * (1 - 0.01 * rng_uniform(&r)));
			avail[i] = total * (1 - u) * rng_uniform(&r) * 2;
		}
		double req = total * 0.25 * rng_uniform(&r) + 1;
		struct seg_pieces sp;
		if (!seg_pieces_for(&pm, &l, req, total, &sp))
			continue;
		for (int v = 0; v < nf; v++) {
			/* its answer: whether an entry is not above the bound (or NaN: asked one by one) */
			double b0 = trial % 5 == 0 ? DBL_MAX : 40 * rng_uniform(&r) - 5;
			bool any = fn[v](&sp, &l, 0, M, req, total, b0, out), want_any = false;
			for (int i = 0; i < M; i++)
				want_any = want_any || !(out[i] > b0);
			ck_assert_int_eq(any, want_any);
			for (int i = 0; i < M; i++) {
				double want = power_watts(&pm, (live[i] + req) / total) - pnow[i];
				bool ok = avail[i] >= req ? (isnan(out[i]) || memcmp(&out[i], &want, sizeof want) == 0)
							  : out[i] == INFINITY;
				if (!ok)
					ck_abort_msg("version %d, %s, entry %d: %a, power_watts %a", v, curve, i, out[i], want);
				computed += avail[i] >= req && !isnan(out[i]);
				checked++;
			}
		}
	}
	ck_assert_int_gt(checked, 100000);
	ck_assert_int_gt(computed, checked / 4); /* most computed by the pass, not left to power_watts */
}
END_TEST

/* Ten newest history values' sums as the detector takes them: sum, sum of (4.5 - i) x value,
 * sum of magnitudes */
static void lr_sums(const double *h, double *sum, double *lin, double *mag)
{
	*sum = *lin = *mag = 0;
	for (int i = 0; i < 10; i++) {
		*sum += h[i];
		*lin += (4.5 - i) * h[i];
		*mag += fabs(h[i]);
	}
}

/*
 * seg_drop_overloaded (LR's test in the best fit's bulk pass) against detect_regression_decide,
 * entry by entry: an entry it drops is one decide calls overloaded (1), never one decide leaves to
 * the detector (-1, within the margin) or calls not overloaded (0); and it drops every entry decide
 * calls overloaded when the VM is no larger in RAM than the host's largest (the same intervals).
 * Random histories, and predictions placed half a margin and three margins on each side of 1.
 */
START_TEST(test_bestfit_lr_bulk)
{
	static const long rams[] = { 613, 870, 1740, 1700 };
	static const long bws[] = { 1000000, 100000, 10000 };
	static const double params[] = { 1.2, 0.8, 1.5, 2.5 };
	static const double near[] = { -3, -0.5, 0.5, 3 };
	enum { M = 256 };
	double la[M], li[M], lm[M], lram[M], keep[M];
	struct seg_list l = { .lr_a = la, .lr_i = li, .lr_mag = lm, .lr_ram = lram };
	struct regression_terms t[M];
	struct rng r;
	rng_init(&r, 11);
	long dropped = 0, decided_over = 0, undecided = 0, kept_not_over = 0;
	for (int trial = 0; trial < 300; trial++) {
		double s = params[trial % 4], total = trial % 2 ? 3720 : 5320, interval = 300, h[10];
		struct regression_vm_terms vt;
		for (int j = 0; j < 10; j++)
			h[j] = rng_uniform(&r);
		lr_sums(h, &vt.sum, &vt.lin, &vt.mag);
		vt.mips = trial % 3 ? 2500 : 1000;
		vt.ram_mb = rams[pick(&r, 4)];
		double ratio = vt.mips / total;
		for (int i = 0; i < M; i++) {
			double level = rng_uniform(&r) * 1.1, trend = (rng_uniform(&r) - 0.5) * 0.06;
			for (int j = 0; j < 10; j++)
				h[j] = level + trend * (4.5 - j);
			lr_sums(h, &t[i].sum, &t[i].lin, &t[i].mag);
			t[i].max_ram = rams[pick(&r, 4)];
			t[i].bw = bws[pick(&r, 3)];
			t[i].total_mips = total;
			if (i % 4 == 0) { /* the prediction with the VM at 1 + a multiple of decide's margin */
				long ram = t[i].max_ram > vt.ram_mb ? t[i].max_ram : vt.ram_mb;
				double x = LR_SHORTCUT_X + detect_regression_intervals(ram, t[i].bw, interval);
				double margin = LR_SHORTCUT_MARGIN * (1 + s * (t[i].mag + ratio * vt.mag) * (x + 1));
				double target = 1 + near[(i / 4) % 4] * margin;
				t[i].sum = (target / s - (t[i].lin + ratio * vt.lin) * LR_SHORTCUT_W_LIN * x) /
						   LR_SHORTCUT_W_SUM -
					   ratio * vt.sum;
			}
			seg_lr_entry(&l, i, &t[i], interval);
			keep[i] = 1;
		}
		vt.memo_total = vt.memo_ratio = vt.memo_interval_s = vt.memo_intervals = NAN;
		vt.memo_ram = vt.memo_bw = -1;
		struct seg_lrq q;
		seg_lrq_for(&q, s, &vt, total);
		bool any = seg_drop_overloaded(&q, &l, 0, M, keep);
		bool want_any = false;
		for (int i = 0; i < M; i++) {
			int d = detect_regression_decide(&t[i], &vt, s, interval);
			want_any = want_any || keep[i] != 0;
			if (keep[i] == 0 && d != 1)
				ck_abort_msg("trial %d, entry %d: dropped, but decide says %d", trial, i, d);
			if (keep[i] != 0 && d == 1 && vt.ram_mb <= t[i].max_ram)
				ck_abort_msg("trial %d, entry %d: decide says overloaded, kept", trial, i);
			dropped += keep[i] == 0;
			decided_over += d == 1;
			undecided += d == -1;
			kept_not_over += keep[i] != 0 && d == 0;
		}
		ck_assert_int_eq(any, want_any);
	}
	/* every case met: drops, overloaded with a larger VM, the margin, not overloaded */
	ck_assert_int_gt(dropped, 10000);
	ck_assert_int_gt(decided_over - dropped, 1000); /* the VM larger than the host's largest */
	ck_assert_int_gt(undecided, 1000);
	ck_assert_int_gt(kept_not_over, 10000);
}
END_TEST

Suite *bestfit_suite(void)
{
	Suite *s = suite_create("bestfit");
	TCase *core = tcase_create("core");
	tcase_set_timeout(core, 60);
	tcase_add_test(core, test_bestfit_index_oracle);
	tcase_add_test(core, test_bestfit_quotient);
	tcase_add_test(core, test_bestfit_increase_versions);
	tcase_add_test(core, test_bestfit_lr_bulk);
	suite_add_tcase(s, core);
	return s;
}
