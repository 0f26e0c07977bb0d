/*
 * Dynamic consolidation pieces on small hand-made cases: MathUtil's statistics, the five overload
 * detectors, the four VM selections (MC against a brute-force R^2 oracle), and the power-aware
 * best fit against an exhaustive search by CloudSim's rule on random small datacenters, and the
 * restore of the allocation against its plain rebuild.
 */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "consolidation.h"
#include "ctx.h"
#include "detect.h"
#include "mathutil.h"
#include "policy.h"
#include "rng.h"
#include "select.h"
#include "suites.h"

/* 12 history values; sorted: .27 .29 .31 .36 .38 .41 .44 .45 .50 .52 .58 .61 */
static const double hist12[12] = { 0.31, 0.27, 0.45, 0.52, 0.38, 0.61, 0.29, 0.44, 0.50, 0.36, 0.41, 0.58 };

START_TEST(test_consolidation_median_mad_iqr)
{
	/* LEGACY percentile: pos = 6.5 -> .41 + 0.5 (.44 - .41) = .425 */
	ck_assert_double_eq_tol(mathutil_median(hist12, 12), 0.425, 1e-15);
	ck_assert_double_eq_tol(mathutil_median(hist12, 11), 0.41, 1e-15); /* odd: the middle */
	ck_assert_double_eq(mathutil_median(hist12, 1), 0.31);
	/* |.425 - x| sorted: .015 .015 .025 .045 .065 .075 .095 ... -> (.075 + .095) / 2 */
	ck_assert_double_eq_tol(mathutil_mad(hist12, 12), 0.085, 1e-15);
	/* q1 = round(3.25) - 1 = 2 -> .31, q3 = round(9.75) - 1 = 9 -> .52 */
	ck_assert_double_eq_tol(mathutil_iqr(hist12, 12), 0.21, 1e-15);
	const double zeros[5] = { 0.2, 0, 0.1, 0, 0 };
	ck_assert_uint_eq(mathutil_count_nonzero_beginning(zeros, 5), 3);
	const double all0[4] = { 0, 0, 0, 0 };
	ck_assert_uint_eq(mathutil_count_nonzero_beginning(all0, 4), 1); /* CloudSim's quirk */
}
END_TEST

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Median and IQR select order statistics; a full sort (qsort) is the oracle, on random arrays of
 * every length up to 30 with many ties (values from a small set) and without. */
START_TEST(test_consolidation_order_statistics_oracle)
{
	struct rng rs;
	struct rng *r = &rs;
	rng_init(r, 7);
	for (int trial = 0; trial < 3000; trial++) {
		size_t n = 1 + (size_t)trial % 30;
		double x[30], s[30];
		for (size_t i = 0; i < n; i++)
			x[i] = trial % 2 ? (double)(int)(rng_uniform(r) * 5) / 4 : rng_uniform(r);
		memcpy(s, x, n * sizeof *s);
		qsort(s, n, sizeof *s, cmp_double);
		double pos = 0.5 * (double)(n + 1);
		size_t f = (size_t)pos;
		double med = f >= n ? s[n - 1] : s[f - 1] + (pos - (double)f) * (s[f] - s[f - 1]);
		ck_assert_double_eq(mathutil_median(x, n), med);
		double dev[30];
		for (size_t i = 0; i < n; i++)
			dev[i] = fabs(med - x[i]);
		qsort(dev, n, sizeof *dev, cmp_double);
		double mad = f >= n ? dev[n - 1] : dev[f - 1] + (pos - (double)f) * (dev[f] - dev[f - 1]);
		ck_assert_double_eq(mathutil_mad(x, n), mad);
		if (n >= 2) {
			size_t q1 = (size_t)floor(0.25 * (double)(n + 1) + 0.5) - 1;
			size_t q3 = (size_t)floor(0.75 * (double)(n + 1) + 0.5) - 1;
			ck_assert_double_eq(mathutil_iqr(x, n), s[q3] - s[q1]);
		}
	}
}
END_TEST

static const double lr_y[10] = { 0.30, 0.32, 0.35, 0.33, 0.40, 0.42, 0.41, 0.47, 0.50, 0.52 };

START_TEST(test_consolidation_loess_fit)
{
	/* Least squares on x = 1..10: slope 0.0248484848..., intercept 0.2653333... */
	double est[2];
	ck_assert_int_eq(mathutil_loess(lr_y, 10, est), 0);
	ck_assert_double_eq_tol(est[1], 0.41 / 16.5, 1e-12);
	ck_assert_double_eq_tol(est[0], 0.402 - 5.5 * 0.41 / 16.5, 1e-12);
	double rob[2];
	ck_assert_int_eq(mathutil_loess_robust(lr_y, 10, rob), 0);
	ck_assert_double_eq(rob[0], est[0]);
	ck_assert_double_eq(rob[1], est[1]);
	ck_assert_int_eq(mathutil_loess(lr_y, 2, est), -1); /* SimpleRegression needs 3 points */
	/* The tricube weights are all positive, so CloudSim never applies them. */
	double w[10];
	mathutil_tricube_weights(10, w);
	for (int i = 0; i < 10; i++)
		ck_assert(w[i] > 0);
	ck_assert_double_eq_tol(w[9], 1.0, 1e-15);
	ck_assert_double_eq(w[0], w[2]);
}
END_TEST

/* --- a small hand-made datacenter --- */

static struct datacenter *dc;
#define DC_MAX_VMS 700 /* make_dc's VMs at most */
static double utils[DC_MAX_VMS][4];

static void make_dc(int n_hosts, const double *host_mips, int n_vms, const double *vm_mips,
		    const long *vm_ram, const double *vm_u)
{
	dc = datacenter_create(n_hosts, n_vms);
	ck_assert_ptr_nonnull(dc);
	dc->scheduling_interval_s = 300;
	for (int i = 0; i < n_hosts; i++) {
		struct host *h = &dc->hosts[i];
		h->id = i;
		h->pes = 1;
		h->pe_mips = host_mips[i];
		h->total_mips = host_mips[i];
		h->ram_mb = 8192;
		h->bw = 1000000;
		h->storage_mb = 1000000;
		ck_assert_int_eq(power_model_init(&h->power, power_find("linear"), 250, 0.7), 0);
		ck_assert_int_eq(datacenter_init_host(h, 4), 0);
	}
	for (int i = 0; i < n_vms; i++) {
		struct vm *vm = &dc->vms[i];
		vm->id = i;
		vm->uid_hash = vm_uid_hash(i);
		vm->mips = vm_mips[i];
		vm->pes = 1;
		vm->ram_mb = vm_ram[i];
		vm->bw = 2500;
		vm->size_mb = 2500;
		vm->host = -1;
		for (int k = 0; k < 4; k++)
			utils[i][k] = vm_u[i];
		vm->util = utils[i];
		vm->util_stride = 1;
		vm->n_util = 4;
		vm->interval_s = 300;
		vm->length_mi = 216000000LL;
		vm->req_total = vm_u[i] * vm_mips[i];
	}
}

static void put(int vm, int host)
{
	ck_assert(host_vm_create(dc, &dc->hosts[host], &dc->vms[vm]));
	dc->vm_table[vm] = host;
}

static void set_history(int vm, const double *newest_first, int n)
{
	vm_history_set(&dc->vms[vm], newest_first, n);
}

/* The VM history ring: newest first, at most VM_HISTORY_LEN values, contiguous after any number
 * of pushes (against a plain shifted array). */
START_TEST(test_consolidation_vm_history_ring)
{
	struct vm *vm = calloc(1, sizeof *vm);
	ck_assert_ptr_nonnull(vm);
	double shifted[VM_HISTORY_LEN];
	int len = 0;
	ck_assert_int_eq(vm->history_len, 0);
	for (int k = 1; k <= 3 * VM_HISTORY_LEN + 7; k++) {
		double u = k / 100.0;
		vm_history_push(vm, u);
		int n = len < VM_HISTORY_LEN ? len : VM_HISTORY_LEN - 1;
		memmove(shifted + 1, shifted, (size_t)n * sizeof *shifted);
		shifted[0] = u;
		len = n + 1;
		ck_assert_int_eq(vm->history_len, len);
		const double *h = vm_history(vm);
		for (int i = 0; i < len; i++)
			ck_assert_double_eq(h[i], shifted[i]);
	}
	ck_assert_double_eq(vm_history(vm)[0], (3 * VM_HISTORY_LEN + 7) / 100.0);
	ck_assert_double_eq(vm_history(vm)[VM_HISTORY_LEN - 1], (2 * VM_HISTORY_LEN + 8) / 100.0);
	const double set[3] = { 0.5, 0.25, 0.125 };
	vm_history_set(vm, set, 3);
	ck_assert_int_eq(vm->history_len, 3);
	vm_history_push(vm, 1);
	ck_assert_double_eq(vm_history(vm)[0], 1);
	ck_assert_double_eq(vm_history(vm)[3], 0.125);
	free(vm);
}
END_TEST

/* --- the restore against its plain rebuild --- */

#define RS_HOSTS 6
#define RS_VMS 14

static struct datacenter *rs_make(uint64_t seed)
{
	struct rng r;
	rng_init(&r, seed);
	struct datacenter *d = datacenter_create(RS_HOSTS, RS_VMS);
	ck_assert_ptr_nonnull(d);
	for (int i = 0; i < RS_HOSTS; i++) {
		struct host *h = &d->hosts[i];
		h->id = i;
		h->pes = 1 + (int)rng_below(&r, 2);
		h->pe_mips = 1000.0 * (double)(1 + rng_below(&r, 3));
		h->total_mips = h->pes * h->pe_mips;
		h->ram_mb = 8192;
		h->bw = 1000000;
		h->storage_mb = 1000000;
		ck_assert_int_eq(power_model_init(&h->power, power_find("linear"), 250, 0.7), 0);
		ck_assert_int_eq(datacenter_init_host(h, 2), 0);
	}
	for (int i = 0; i < RS_VMS; i++) {
		struct vm *vm = &d->vms[i];
		vm->id = i;
		vm->uid_hash = vm_uid_hash(i);
		vm->pes = 1 + (int)rng_below(&r, 2);
		vm->mips = (double)(500 + 500 * rng_below(&r, 4));
		vm->ram_mb = 613;
		vm->bw = 2500;
		vm->size_mb = 2500;
		vm->host = -1;
		/* requests of 0, whole and fractional MIPS, some above a PE */
		uint64_t kind = rng_below(&r, 4);
		vm->req_total = kind == 0 ? 0 : kind == 1 ? vm->mips * vm->pes * rng_uniform(&r)
					     : (double)(100 * rng_below(&r, 30));
		/* a few hold RAM and BW on their host (created while being instantiated) */
		vm->being_instantiated = rng_below(&r, 5) == 0;
		int h = (int)rng_below(&r, RS_HOSTS);
		if (host_vm_create(d, &d->hosts[h], vm))
			d->vm_table[i] = h;
		vm->being_instantiated = false;
	}
	return d;
}

/* The consolidation's tentative moves, the same on both datacenters for one seed. */
static void rs_moves(struct datacenter *d, uint64_t seed)
{
	struct rng r;
	rng_init(&r, seed);
	int n = (int)rng_below(&r, 8);
	for (int k = 0; k < n; k++) {
		struct host *h = &d->hosts[rng_below(&r, RS_HOSTS)];
		struct vm *vm = &d->vms[rng_below(&r, RS_VMS)];
		switch (rng_below(&r, 4)) {
		case 0: /* the best fit's tentative create and destroy */
			if (host_find_slot(h, vm->id) < 0)
				host_touch(d, h, vm);
			break;
		case 1: /* a VM picked off an overloaded host */
			if (h->n_slots > 0)
				host_vm_destroy(d, h, &d->vms[h->slots[rng_below(&r, (uint64_t)h->n_slots)].vm]);
			break;
		case 2: /* a VM placed on another host (on both lists until the restore) */
			if (host_find_slot(h, vm->id) < 0 && host_vm_create(d, h, vm))
				d->vm_table[vm->id] = h->id;
			break;
		default: /* a request that changed (the rebuild uses the current ones) */
			if (rng_below(&r, 4) == 0)
				vm->req_total = (double)(100 * rng_below(&r, 30));
			break;
		}
	}
}

/* datacenter_restore leaves every host, VM and counter as vmDestroyAll of every host followed by
 * vmCreate of each saved pair does, on random small datacenters and tentative moves. */
START_TEST(test_consolidation_restore_oracle)
{
	int rebuilt = 0, kept_versions = 0;
	for (uint64_t seed = 1; seed <= 400; seed++) {
		struct datacenter *a = rs_make(seed), *b = rs_make(seed);
		int sh[RS_VMS * RS_HOSTS], sv[RS_VMS * RS_HOSTS], n = 0;
		for (int i = 0; i < RS_HOSTS; i++)
			for (int j = 0; j < a->hosts[i].n_slots; j++) {
				sh[n] = i;
				sv[n++] = a->hosts[i].slots[j].vm;
			}
		if (seed % 3 != 0) { /* (a third without moves: every host as it was saved) */
			rs_moves(a, seed * 7919);
			rs_moves(b, seed * 7919);
		}
		/* list_version: the rebuild's, but where the restore leaves a host's list as it was
		 * (empty, or its saved VMs), where it may stay */
		unsigned long version[RS_HOSTS];
		int before[RS_HOSTS][RS_VMS + 1], n_before[RS_HOSTS];
		for (int i = 0; i < RS_HOSTS; i++) {
			version[i] = a->hosts[i].list_version;
			n_before[i] = a->hosts[i].n_slots;
			for (int j = 0; j < n_before[i] && j <= RS_VMS; j++)
				before[i][j] = a->hosts[i].slots[j].vm;
		}
		datacenter_restore(a, sh, sv, n);
		for (int i = 0; i < RS_HOSTS; i++)
			host_vm_destroy_all(b, &b->hosts[i]);
		for (int k = 0; k < n; k++) {
			ck_assert(host_vm_create(b, &b->hosts[sh[k]], &b->vms[sv[k]]));
			b->vm_table[sv[k]] = sh[k];
		}
		ck_assert_uint_eq(a->slots_epoch, b->slots_epoch);
		for (int i = 0; i < RS_HOSTS; i++) {
			const struct host *x = &a->hosts[i], *y = &b->hosts[i];
			ck_assert_int_eq(x->n_slots, y->n_slots);
			ck_assert_int_eq(x->map_size, y->map_size);
			ck_assert_int_eq(x->map_cap, y->map_cap);
			ck_assert(memcmp(&x->available_mips, &y->available_mips, sizeof(double)) == 0);
			ck_assert_int_eq(x->ram_free, y->ram_free);
			ck_assert_int_eq(x->bw_free, y->bw_free);
			ck_assert_int_eq(x->storage_free, y->storage_free);
			ck_assert_int_eq(x->map_ordered, y->map_ordered);
			ck_assert_int_eq(x->migrating_out.n, y->migrating_out.n);
			for (int j = 0; j < x->n_slots; j++) {
				const struct slot *p = &x->slots[j], *q = &y->slots[j];
				ck_assert_int_eq(p->vm, q->vm);
				ck_assert_int_eq(p->has_req, q->has_req);
				ck_assert(memcmp(&p->req_pe, &q->req_pe, sizeof(double)) == 0);
				ck_assert(memcmp(&p->alloc_pe, &q->alloc_pe, sizeof(double)) == 0);
				ck_assert(memcmp(&p->alloc_total, &q->alloc_total, sizeof(double)) == 0);
				ck_assert_int_eq(p->ram_mb, q->ram_mb);
				ck_assert_int_eq(p->bw, q->bw);
				/* the insertion order: list order on both */
				if (j > 0)
					ck_assert(p->req_seq > x->slots[j - 1].req_seq);
			}
			bool same = n_before[i] == x->n_slots;
			for (int j = 0; same && j < x->n_slots; j++)
				same = before[i][j] == x->slots[j].vm;
			if (same)
				ck_assert(x->list_version == version[i] || x->list_version == y->list_version);
			else
				ck_assert_uint_eq(x->list_version, y->list_version);
			kept_versions += same && x->list_version == version[i] && x->n_slots > 0;
		}
		for (int v = 0; v < RS_VMS; v++) {
			ck_assert_int_eq(a->vms[v].host, b->vms[v].host);
			ck_assert_int_eq(a->vms[v].held_slots, b->vms[v].held_slots);
			ck_assert_int_eq(a->vm_table[v], b->vm_table[v]);
		}
		rebuilt += n;
		datacenter_destroy(a);
		datacenter_destroy(b);
	}
	ck_assert_int_gt(rebuilt, 0);
	ck_assert_int_gt(kept_versions, 0); /* (hosts kept whole, with VMs, were among them) */
}
END_TEST

START_TEST(test_consolidation_detectors)
{
	const double hm[1] = { 1000 };
	const double vmips[1] = { 1000 };
	const long ram[1] = { 128 };
	const double u[1] = { 0.70 };
	make_dc(1, hm, 1, vmips, ram, u);
	put(0, 0);
	const struct host *h = &dc->hosts[0];
	set_history(0, hist12, 12);
	/* THR: 0.70 > 0.65 but not > 0.70 (strict). */
	ck_assert(detect_thr(dc, h, 0.65, 300, NULL));
	ck_assert(!detect_thr(dc, h, 0.70, 300, NULL));
	/* IQR: upper = 1 - 1.5 x 0.21 = 0.685 < 0.70; with s = 1.4: 0.706 > 0.70. */
	ck_assert(detect_iqr(dc, h, 1.5, 300, NULL));
	ck_assert(!detect_iqr(dc, h, 1.4, 300, NULL));
	/* MAD: upper = 1 - 2.5 x 0.085 = 0.7875; 3.6 x 0.085 = 0.306 -> 0.694 < 0.70. */
	ck_assert(!detect_mad(dc, h, 2.5, 300, NULL));
	ck_assert(detect_mad(dc, h, 3.6, 300, NULL));
	/* Fewer than 12 values: the 0.7 fallback, whatever s is (0.70 is not > 0.7). */
	set_history(0, hist12, 11);
	ck_assert(!detect_iqr(dc, h, 100, 300, NULL));
	ck_assert(!detect_mad(dc, h, 100, 300, NULL));
	dc->vms[0].req_total = 0.75 * 1000;
	ck_assert(detect_iqr(dc, h, 0, 300, NULL));
	ck_assert(detect_mad(dc, h, 0, 300, NULL));
	datacenter_destroy(dc);
}
END_TEST

START_TEST(test_consolidation_detector_lr)
{
	const double hm[1] = { 1000 };
	const double vmips[1] = { 1000 };
	const long ram[1] = { 128 };
	const double u[1] = { 0.2 };
	make_dc(1, hm, 1, vmips, ram, u);
	put(0, 0);
	double newest_first[10];
	for (int i = 0; i < 10; i++)
		newest_first[i] = lr_y[9 - i];
	set_history(0, newest_first, 10);
	/* Migration 128 / 62.5 = 2.048 s -> 1 interval: predicted = b0 + 11 b1 = 0.538667. */
	const struct host *h = &dc->hosts[0];
	ck_assert(!detect_lr(dc, h, 1.2, 300, NULL)); /* 0.6464 */
	ck_assert(detect_lr(dc, h, 1.9, 300, NULL));  /* 1.0235 */
	ck_assert(!detect_lr(dc, h, 1.85, 300, NULL)); /* 0.9965 */
	ck_assert(detect_lrr(dc, h, 1.9, 300, NULL));
	/* 9 values: the 0.7 fallback on the requested 0.2. */
	set_history(0, newest_first, 9);
	ck_assert(!detect_lr(dc, h, 100, 300, NULL));
	datacenter_destroy(dc);
}
END_TEST

START_TEST(test_consolidation_select_mmt_mu_rs)
{
	const double hm[1] = { 10000 };
	const double vmips[4] = { 2500, 2000, 1000, 500 };
	const long ram[4] = { 870, 613, 1740, 613 };
	const double u[4] = { 0.5, 0.3, 0.25, 0.9 };
	make_dc(1, hm, 4, vmips, ram, u);
	for (int i = 0; i < 4; i++)
		put(i, 0);
	const struct host *h = &dc->hosts[0];
	ck_assert_int_eq(selection_mmt.pick(dc, h, 300.1, NULL), 1); /* first of the two 613 MB */
	ck_assert_int_eq(selection_mu.pick(dc, h, 300.1, NULL), 2);  /* 25 % */
	dc->vms[2].in_migration = true;
	ck_assert_int_eq(selection_mu.pick(dc, h, 300.1, NULL), 1);  /* 30 % */
	dc->vms[2].in_migration = false;
	struct rng r1, r2;
	rng_init(&r1, 7);
	rng_init(&r2, 7);
	for (int k = 0; k < 20; k++) {
		int a = selection_rs.pick(dc, h, 300.1, &r1);
		ck_assert(a >= 0 && a < 4);
		ck_assert_int_eq(a, selection_rs.pick(dc, h, 300.1, &r2));
	}
	datacenter_destroy(dc);
}
END_TEST

/* R^2 of y on [1, X] by the normal equations (Gaussian elimination): an independent oracle. */
static double r2_oracle(const double *y, int m, const double *const *x, int p)
{
	double a[8][9];
	for (int i = 0; i < p; i++)
		for (int j = 0; j <= p; j++)
			a[i][j] = 0;
	for (int row = 0; row < m; row++) {
		double v[8];
		v[0] = 1;
		for (int c = 1; c < p; c++)
			v[c] = x[c - 1][row];
		for (int i = 0; i < p; i++) {
			for (int j = 0; j < p; j++)
				a[i][j] += v[i] * v[j];
			a[i][p] += v[i] * y[row];
		}
	}
	for (int i = 0; i < p; i++) {
		int piv = i;
		for (int k = i + 1; k < p; k++)
			if (fabs(a[k][i]) > fabs(a[piv][i]))
				piv = k;
		for (int j = 0; j <= p; j++) {
			double t = a[i][j];
			a[i][j] = a[piv][j];
			a[piv][j] = t;
		}
		for (int k = 0; k < p; k++) {
			if (k == i)
				continue;
			double f = a[k][i] / a[i][i];
			for (int j = i; j <= p; j++)
				a[k][j] -= f * a[i][j];
		}
	}
	double mean = 0, sst = 0, ssr = 0;
	for (int row = 0; row < m; row++)
		mean += y[row];
	mean /= m;
	for (int row = 0; row < m; row++) {
		double fit = a[0][p] / a[0][0];
		for (int c = 1; c < p; c++)
			fit += a[c][p] / a[c][c] * x[c - 1][row];
		ssr += (y[row] - fit) * (y[row] - fit);
		sst += (y[row] - mean) * (y[row] - mean);
	}
	return 1 - ssr / sst;
}

START_TEST(test_consolidation_select_mc_oracle)
{
	const double hm[1] = { 10000 };
	const double vmips[5] = { 1000, 1000, 1000, 1000, 1000 };
	const long ram[5] = { 870, 613, 870, 870, 870 };
	const double u[5] = { 0.1, 0.1, 0.1, 0.1, 0.1 };
	struct rng r;
	rng_init(&r, 2024);
	int decided = 0;
	for (int trial = 0; trial < 50; trial++) {
		make_dc(1, hm, 5, vmips, ram, u);
		for (int i = 0; i < 5; i++)
			put(i, 0);
		double h[5][30];
		for (int i = 0; i < 5; i++)
			for (int k = 0; k < 30; k++)
				h[i][k] = 0.05 + 0.9 * rng_uniform(&r);
		/* VM 3 follows VMs 0 and 1 closely in some trials. */
		if (trial % 2 == 0)
			for (int k = 0; k < 30; k++)
				h[3][k] = 0.3 * h[0][k] + 0.6 * h[1][k] + 0.01 * rng_uniform(&r);
		for (int i = 0; i < 5; i++)
			vm_history_set(&dc->vms[i], h[i], 30);
		double r2[5];
		int best = 0;
		for (int i = 0; i < 5; i++) {
			const double *x[4];
			int k = 0;
			for (int j = 0; j < 5; j++)
				if (j != i)
					x[k++] = vm_history(&dc->vms[j]);
			r2[i] = r2_oracle(vm_history(&dc->vms[i]), 30, x, 5);
			if (r2[i] > r2[best])
				best = i;
		}
		double second = -1;
		for (int i = 0; i < 5; i++)
			if (i != best && r2[i] > second)
				second = r2[i];
		if (r2[best] - second > 1e-9) {
			ck_assert_int_eq(selection_mc.pick(dc, &dc->hosts[0], 300.1, NULL), best);
			decided++;
		}
		/* Fewer observations than VMs: MMT (VM 1 has the least RAM). */
		for (int i = 0; i < 5; i++)
			dc->vms[i].history_len = 4;
		ck_assert_int_eq(selection_mc.pick(dc, &dc->hosts[0], 300.1, NULL), 1);
		datacenter_destroy(dc);
	}
	ck_assert_int_gt(decided, 40);
}
END_TEST

START_TEST(test_consolidation_mc_shared_equals_plain)
{
	/* The shared-prefix R^2 equals the one-regression-at-a-time R^2 to the last bit. */
	struct rng r;
	rng_init(&r, 31337);
	static double h[12][30];
	for (int trial = 0; trial < 200; trial++) {
		int n = 2 + (int)rng_below(&r, 11);
		int m = n + (int)rng_below(&r, (uint64_t)(31 - n));
		const double *hist[12];
		for (int i = 0; i < n; i++) {
			for (int k = 0; k < m; k++)
				h[i][k] = 0.01 * (double)(1 + rng_below(&r, 100));
			hist[i] = h[i];
		}
		if (trial % 5 == 0) /* an exact copy: ties between VMs */
			for (int k = 0; k < m; k++)
				h[n - 1][k] = h[0][k];
		double fast[12], plain[12];
		int rf = select_mc_r_squared(hist, n, m, fast);
		int rp = select_mc_r_squared_plain(hist, n, m, plain);
		ck_assert_int_eq(rf, rp);
		for (int i = 0; rf == 0 && i < n; i++)
			ck_assert_msg(fast[i] == plain[i] || (isnan(fast[i]) && isnan(plain[i])),
				      "trial %d n %d m %d vm %d: %.17g vs %.17g", trial, n, m, i, fast[i], plain[i]);
	}
}
END_TEST

START_TEST(test_consolidation_mc_screen_equals_exact)
{
	/* MC's pick with the screen (exact R^2 only for the VMs that can win) equals the argmax of
	 * the exact R^2 of every VM, and the singular cases agree, on histories made to be hard:
	 * PlanetLab-like percentages, two VMs (R^2 of x on y and of y on x are the same number in
	 * exact arithmetic: the pick is decided by rounding alone), nearly collinear sets, histories
	 * with a large mean and a tiny variance, exact copies, constant and zero histories. */
	struct rng r;
	rng_init(&r, 4242);
	static double h[20][30];
	int ties_seen = 0;
	for (int trial = 0; trial < 3000; trial++) {
		int kind = trial % 7;
		int n = kind == 1 ? 2 : 2 + (int)rng_below(&r, 19);
		int m = n + 1 + (int)rng_below(&r, (uint64_t)(30 - n));
		if (trial % 50 == 0)
			m = n; /* square: the exact path */
		const double *hist[20];
		for (int i = 0; i < n; i++) {
			for (int k = 0; k < m; k++) {
				double u = 0.01 * (double)rng_below(&r, 101);
				h[i][k] = kind == 3 ? 1000.0 + 1e-3 * u : u;
			}
			hist[i] = h[i];
		}
		if (kind == 2) { /* the last VM nearly a combination of the first two */
			double eps = pow(10.0, -3.0 * (double)(1 + rng_below(&r, 4)));
			for (int k = 0; k < m; k++)
				h[n - 1][k] = 0.3 * h[0][k] + 0.7 * h[n > 2 ? 1 : 0][k] + eps * rng_uniform(&r);
		}
		if (kind == 4) /* an exact copy */
			memcpy(h[n - 1], h[0], sizeof h[0]);
		if (kind == 5) /* a constant and a zero history */
			for (int k = 0; k < m; k++) {
				h[0][k] = 0.25;
				h[n - 1][k] = n > 2 ? 0 : h[n - 1][k];
			}
		if (kind == 6) /* a permuted copy of the first VM among others: near-symmetric R^2 */
			for (int k = 0; k < m; k++)
				h[n - 1][k] = h[0][(k + 1) % m];
		double r2[20];
		int re = select_mc_r_squared(hist, n, m, r2);
		int best = 0;
		double max = DBL_TRUE_MIN;
		for (int i = 0; re == 0 && i < n; i++)
			if (r2[i] > max) {
				max = r2[i];
				best = i;
			}
		if (kind == 1 && re == 0 && r2[0] != r2[1] && fabs(r2[0] - r2[1]) < 1e-12)
			ties_seen++;
		int index = -7;
		int rs = select_mc_index(hist, n, m, &index);
		ck_assert_msg(rs == re, "trial %d (kind %d, n %d, m %d): %d vs %d", trial, kind, n, m, rs, re);
		if (re == 0)
			ck_assert_msg(index == best, "trial %d (kind %d, n %d, m %d): picked %d, exact %d", trial,
				      kind, n, m, index, best);
	}
	ck_assert_int_gt(ties_seen, 10); /* rounding-decided races were really exercised */
}
END_TEST

START_TEST(test_consolidation_history_cache)
{
	/* The host history sums the detectors reuse while the consolidation runs equal the sums
	 * computed afresh, bit for bit: with a tentative VM appended, after list changes, for
	 * LR's 10 values and the adaptive detectors' 30. */
	struct rng r;
	rng_init(&r, 777);
	const double hm[3] = { 1860 * 2, 2660 * 2, 3000 };
	double vmips[12], u[12];
	long ram[12];
	for (int i = 0; i < 12; i++) {
		vmips[i] = 250.0 * (double)(1 + rng_below(&r, 4));
		u[i] = 0.5;
		ram[i] = 128;
	}
	make_dc(3, hm, 12, vmips, ram, u);
	for (int i = 0; i < 12; i++) {
		int n = 1 + (int)rng_below(&r, 30);
		double h[30];
		for (int k = 0; k < n; k++)
			h[k] = rng_below(&r, 4) == 0 ? 0 : rng_uniform(&r);
		set_history(i, h, n);
	}
	for (int i = 0; i < 9; i++)
		put(i, i % 3);
	struct host_history_cache cache[3];
	memset(cache, 0, sizeof cache);
	dc->history_cache = cache;
	int checked = 0;
	for (int round = 0; round < 200; round++) {
		struct host *h = &dc->hosts[rng_below(&r, 3)];
		size_t need = rng_below(&r, 2) ? 10 : VM_HISTORY_LEN;
		bool tentative = rng_below(&r, 2);
		struct vm *extra = &dc->vms[9 + rng_below(&r, 3)];
		if (round % 50 == 49) { /* a list change: a VM moves for good */
			int v = (int)rng_below(&r, 9);
			if (dc->vms[v].host >= 0 && host_find_slot(&dc->hosts[dc->vms[v].host], v) >= 0) {
				host_vm_destroy(dc, &dc->hosts[dc->vms[v].host], &dc->vms[v]);
				put(v, (int)rng_below(&r, 3));
			}
		}
		if (tentative)
			ck_assert_int_eq(host_list_push(h, extra), 0);
		double fresh[VM_HISTORY_LEN], reused[VM_HISTORY_LEN];
		dc->history_stamp = 0;
		size_t n1 = detect_host_history_head(dc, h, fresh, need);
		dc->history_stamp = 1;
		dc->history_tentative = tentative;
		size_t n2 = detect_host_history_head(dc, h, reused, need);
		dc->history_tentative = false;
		dc->history_stamp = 0;
		if (tentative)
			host_list_pop(h);
		ck_assert_uint_eq(n1, n2);
		ck_assert_int_eq(memcmp(fresh, reused, need * sizeof *fresh), 0);
		checked += cache[h->id].stamp == 1;
	}
	ck_assert_int_gt(checked, 150); /* the cache was really in use */
	dc->history_cache = NULL;
	datacenter_destroy(dc);
}
END_TEST

START_TEST(test_consolidation_detector_bounds)
{
	/* The detectors' shortcuts for the best fit (policy.h's overloaded_bound) never contradict
	 * the detector run on the host with the VM appended: LR and LRR through the linearity of
	 * the least-squares line (with a margin), THR and the 0.7 fallback exactly. Near the
	 * threshold the LR shortcut must abstain. */
	struct rng r;
	rng_init(&r, 4711);
	const double hm[3] = { 1860 * 2, 2660 * 2, 3000 };
	double vmips[12], u[12];
	long ram[12];
	for (int i = 0; i < 12; i++) {
		vmips[i] = 250.0 * (double)(1 + rng_below(&r, 10));
		u[i] = rng_uniform(&r);
		ram[i] = 128 + 512 * (long)rng_below(&r, 4);
	}
	make_dc(3, hm, 12, vmips, ram, u);
	for (int i = 0; i < 12; i++) {
		int n = rng_below(&r, 3) == 0 ? (int)rng_below(&r, 12) : 10 + (int)rng_below(&r, 21);
		double h[30];
		for (int k = 0; k < n; k++)
			h[k] = rng_below(&r, 6) == 0 ? 0 : rng_uniform(&r);
		set_history(i, h, n);
	}
	for (int i = 0; i < 9; i++)
		put(i, i % 3);
	struct host_history_cache cache[3];
	memset(cache, 0, sizeof cache);
	dc->history_cache = cache;
	int decided = 0, abstained_near = 0, exact_thr = 0;
	for (int round = 0; round < 3000; round++) {
		struct host *h = &dc->hosts[rng_below(&r, 3)];
		struct vm *extra = &dc->vms[9 + rng_below(&r, 3)];
		double s = 0.8 + 0.8 * rng_uniform(&r);
		bool near = round % 3 == 0;
		if (round % 200 == 199) { /* new requests and a list change */
			for (int i = 0; i < 12; i++)
				dc->vms[i].req_total = rng_uniform(&r) * vmips[i];
			dc->util_epoch++; /* requests change in host updates, which count here */
			int v = (int)rng_below(&r, 9);
			if (dc->vms[v].host >= 0 && host_find_slot(&dc->hosts[dc->vms[v].host], v) >= 0) {
				host_vm_destroy(dc, &dc->hosts[dc->vms[v].host], &dc->vms[v]);
				put(v, (int)rng_below(&r, 3));
			}
		}
		/* the detector itself, on fresh sums */
		ck_assert_int_eq(host_list_push(h, extra), 0);
		double metric;
		detect_lr(dc, h, s, 300, &metric);
		if (near && !isnan(metric) && metric > 0)
			s = s / metric * (1 + (double)((long)rng_below(&r, 5) - 2) * 1e-15);
		bool lr = detect_lr(dc, h, s, 300, NULL), lrr = detect_lrr(dc, h, s, 300, NULL);
		double thr = 0.3 + 0.6 * rng_uniform(&r);
		bool t = detect_thr(dc, h, thr, 300, NULL), mad = detect_mad(dc, h, 2.5, 300, NULL);
		host_list_pop(h);
		extra->host = -1;
		/* the shortcuts, while a consolidation would run */
		dc->history_stamp = 1 + (unsigned long)(round / 200);
		int b = detect_regression_bound(dc, h, extra, s, 300);
		int bt = detect_thr_bound(dc, h, extra, thr, 300);
		int bm = detect_adaptive_bound(dc, h, extra, 2.5, 300);
		dc->history_stamp = 0;
		if (b >= 0) {
			ck_assert_msg(b == lr && b == lrr, "round %d: shortcut %d, LR %d, LRR %d", round, b, lr, lrr);
			decided++;
		} else if (near && !isnan(metric)) {
			abstained_near++;
		}
		ck_assert_int_eq(bt, t);
		exact_thr++;
		if (bm >= 0)
			ck_assert_int_eq(bm, mad);
	}
	ck_assert_int_gt(decided, 1500);       /* it really decides most cases */
	ck_assert_int_gt(abstained_near, 300); /* and abstains at the threshold */
	ck_assert_int_eq(exact_thr, 3000);
	dc->history_cache = NULL;
	datacenter_destroy(dc);
}
END_TEST

#define SORT_MAX DC_MAX_VMS

START_TEST(test_consolidation_sort_stable_oracle)
{
	/* sortByCpuUtilization (descending u x MIPS, stable) against a brute-force stable order, on
	 * lists short (insertion) and long (qsort on key and position), with many ties and with distinct keys */
	struct rng r;
	rng_init(&r, 7);
	const int sizes[] = { 0, 1, 2, 17, 32, 33, 48, 100, 255, 256, 257, 699 };
	static int vms[SORT_MAX], want[SORT_MAX];
	static double key[SORT_MAX], vmips[SORT_MAX], u[SORT_MAX];
	static long ram[SORT_MAX];
	static unsigned char used[SORT_MAX];
	int tied = 0;
	for (int trial = 0; trial < 48; trial++) {
		int n = sizes[trial % 12];
		bool ties = trial % 2 == 0;
		double hm[1] = { 1e6 };
		for (int i = 0; i < SORT_MAX; i++) {
			vmips[i] = 250.0 * (double)(1 + rng_below(&r, 4));
			u[i] = ties ? 0.25 * (double)rng_below(&r, 5) : rng_uniform(&r);
			ram[i] = 128;
			key[i] = u[i] * vmips[i];
		}
		make_dc(1, hm, SORT_MAX, vmips, ram, u);
		/* a random list of n distinct VMs */
		memset(used, 0, sizeof used);
		for (int i = 0; i < n; i++) {
			int v;
			do
				v = (int)rng_below(&r, SORT_MAX);
			while (used[v]);
			used[v] = 1;
			vms[i] = v;
		}
		/* the oracle: repeatedly the first of the largest key left */
		memset(used, 0, sizeof used);
		for (int o = 0; o < n; o++) {
			int best = -1;
			for (int i = 0; i < n; i++)
				if (!used[i] && (best < 0 || key[vms[i]] > key[vms[best]]))
					best = i;
			used[best] = 1;
			want[o] = vms[best];
			tied += o > 0 && key[want[o]] == key[want[o - 1]];
		}
		struct gm_ctx ctx = { .policy = &policy_thr, .dc = dc, .param = { 0.8 }, .n_params = 1,
				      .interval_s = 300, .rng = &r, .selection = &selection_mmt, .now = 0 };
		struct consolidation *c = consolidation_create(&ctx);
		ck_assert_ptr_nonnull(c);
		consolidation_sort_by_utilization(c, vms, n);
		for (int i = 0; i < n; i++)
			ck_assert_int_eq(vms[i], want[i]);
		consolidation_destroy(c);
		datacenter_destroy(dc);
	}
	ck_assert_int_gt(tied, 1000); /* the ties are many: their order is the point */
}
END_TEST

#define NH 11 /* hosts per datacenter */
START_TEST(test_consolidation_best_fit_oracle)
{
	/* Random small datacenters: the best fit must equal the exhaustive search by CloudSim's rule
	 * (suitable, not overloaded after the allocation unless empty, least power increase against
	 * the cached power, first host on ties). THR 0.8 as the detector. Every fourth datacenter
	 * has 10 host sizes, more classes than the fast path takes (FAST_CLASSES). */
	struct rng r;
	rng_init(&r, 99);
	const double sizes[3] = { 1000, 2000, 3000 };
	int placed = 0, skipped_overload = 0;
	for (int trial = 0; trial < 300; trial++) {
		double hm[NH], vmips[12], u[12];
		long ram[12];
		for (int i = 0; i < NH; i++)
			hm[i] = trial % 4 == 3 ? 1000 + 200 * (i % 10) : sizes[rng_below(&r, 3)];
		for (int i = 0; i < 12; i++) {
			vmips[i] = 250.0 * (double)(1 + rng_below(&r, 4));
			u[i] = 0.05 + 0.9 * rng_uniform(&r);
			ram[i] = 128;
		}
		make_dc(NH, hm, 12, vmips, ram, u);
		for (int i = 0; i < 11; i++) {
			int h = (int)rng_below(&r, NH);
			if (host_is_suitable(dc, &dc->hosts[h], &dc->vms[i]))
				put(i, h);
		}
		for (int h = 0; h < NH; h++)
			host_update(dc, &dc->hosts[h], 300.1, NULL);
		struct vm *vm = &dc->vms[11];
		vm->prev_time = 300.1;
		vm->req_total = vm_utilization(vm, 300.1) * vm->mips;
		/* the oracle */
		int want = -1;
		double best = INFINITY;
		for (int i = 0; i < NH; i++) {
			const struct host *h = &dc->hosts[i];
			if (!host_is_suitable(dc, h, vm))
				continue;
			double live = 0, req = 0;
			for (int s = 0; s < h->n_slots; s++) {
				live += h->slots[s].alloc_total;
				req += vm_req_total(&dc->vms[h->slots[s].vm]);
			}
			if (live != 0 && (req + vm_req_total(vm)) / h->total_mips > 0.8) {
				skipped_overload++;
				continue;
			}
			double diff = power_watts(&h->power, (live + vm_req_total(vm)) / h->total_mips) -
				      power_watts(&h->power, host_utilization(h));
			if (diff < best) {
				best = diff;
				want = i;
			}
		}
		double before[NH];
		for (int i = 0; i < NH; i++)
			before[i] = host_live_mips(dc, &dc->hosts[i]);
		struct gm_ctx ctx = { .policy = &policy_thr, .dc = dc, .param = { 0.8 }, .n_params = 1,
				      .interval_s = 300, .rng = &r, .selection = &selection_mmt };
		struct consolidation *c = consolidation_create(&ctx);
		ck_assert_ptr_nonnull(c);
		ctx.cons = c;
		ck_assert_int_eq(consolidation_place(c, vm), want);
		placed += want >= 0;
		/* The tentative operations leave every host's allocation as it was. */
		for (int i = 0; i < NH; i++)
			ck_assert_double_eq(host_live_mips(dc, &dc->hosts[i]), before[i]);
		consolidation_destroy(c);
		datacenter_destroy(dc);
	}
	/* The cases are not trivial: most VMs find a host, and overload checks do exclude some. */
	ck_assert_int_gt(placed, 200);
	ck_assert_int_gt(skipped_overload, 100);
}
END_TEST
#undef NH

Suite *consolidation_suite(void)
{
	Suite *s = suite_create("consolidation");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_consolidation_median_mad_iqr);
	tcase_add_test(core, test_consolidation_order_statistics_oracle);
	tcase_add_test(core, test_consolidation_loess_fit);
	tcase_add_test(core, test_consolidation_vm_history_ring);
	tcase_add_test(core, test_consolidation_restore_oracle);
	tcase_add_test(core, test_consolidation_detectors);
	tcase_add_test(core, test_consolidation_detector_lr);
	tcase_add_test(core, test_consolidation_select_mmt_mu_rs);
	tcase_add_test(core, test_consolidation_select_mc_oracle);
	tcase_add_test(core, test_consolidation_mc_shared_equals_plain);
	tcase_add_test(core, test_consolidation_mc_screen_equals_exact);
	tcase_add_test(core, test_consolidation_history_cache);
	tcase_add_test(core, test_consolidation_detector_bounds);
	tcase_add_test(core, test_consolidation_best_fit_oracle);
	tcase_add_test(core, test_consolidation_sort_stable_oracle);
	suite_add_tcase(s, core);
	return s;
}
