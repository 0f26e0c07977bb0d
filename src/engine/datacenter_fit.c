/*
 * datacenter_fit: the first-fit index (datacenter_first_fit, datacenter.h).
 *
 * First fit (CloudSim's PowerVmAllocationPolicySimple: the first host in id order for which
 * Host.isSuitableForVm holds) scans the hosts from 0 for every VM: VMs x hosts at t = 0. Here a
 * segment tree over the hosts holds, per node, the largest PE capacity, available MIPS, free RAM
 * and free BW of the hosts below it, twice: over every host not held off, and over those neither
 * held off nor avoided (with power states, the hosts not on; doc/power-states.md#placement). A
 * query descends leftmost, pruning a node whose largest values already fail one of the
 * suitability test's comparisons, and asks host_is_suitable itself at a leaf, so the answer is
 * the scan's: a pruned host fails the comparison that pruned it. RAM and BW prune only when the
 * VM holds none on any host (vm->held_slots == 0): the test counts what it holds back in.
 * The tree is brought up to date at each query from the hosts logged as changed since the last
 * (datacenter_fit_touch; O(log hosts) each), or rebuilt in O(hosts) when more changed.
 */
#include "datacenter.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>

#define FIT_CLASSES 4 /* distinct PE capacities the index tells apart */
#define FIT_RAM 4     /* free-RAM thresholds: none, and up to 3 of the VMs' RAM sizes */

struct fit_key {
	double pe, mips; /* largest PE capacity, available MIPS */
	long ram, bw;    /* largest free RAM, free BW */
	/* per PE class c and RAM threshold r: the largest available MIPS of the hosts whose PE
	 * capacity is at least the class's and whose free RAM is at least the threshold (the
	 * largest PE, MIPS and RAM may be three different hosts': with two host types and VMs
	 * filling hosts by RAM or by MIPS the tree would otherwise be searched host by host) */
	double mips_ge[FIT_CLASSES][FIT_RAM];
};

struct fit_index {
	int size;                     /* leaves: a power of two >= n_hosts */
	struct fit_key *all;          /* 2 x size nodes (1: the root); hosts not held off */
	struct fit_key *first;        /* the same without the avoided hosts (NULL without avoid) */
	const unsigned char *held_off, *avoid; /* the marks it was built with */
	double cls[FIT_CLASSES];      /* the hosts' PE capacities, ascending (n_cls of them; 0: more
				       * than FIT_CLASSES, not told apart) */
	int n_cls;
	long ram_cls[FIT_RAM];        /* LONG_MIN, then VMs' RAM sizes ascending (n_ram of them) */
	int n_ram;
};

static struct fit_key fit_none(void)
{
	struct fit_key k = { -INFINITY, -INFINITY, LONG_MIN, LONG_MIN, { { 0 } } };
	for (int c = 0; c < FIT_CLASSES; c++)
		for (int r = 0; r < FIT_RAM; r++)
			k.mips_ge[c][r] = -INFINITY;
	return k;
}

/* The larger of a and b; a NaN (which passes no comparison) only if both are. */
static double fit_max(double a, double b)
{
	if (a >= b)
		return a;
	return b == b ? b : a;
}

static struct fit_key key_max(const struct fit_key *a, const struct fit_key *b)
{
	struct fit_key k = { fit_max(a->pe, b->pe), fit_max(a->mips, b->mips),
			     a->ram > b->ram ? a->ram : b->ram, a->bw > b->bw ? a->bw : b->bw, { { 0 } } };
	for (int c = 0; c < FIT_CLASSES; c++)
		for (int r = 0; r < FIT_RAM; r++)
			k.mips_ge[c][r] = fit_max(a->mips_ge[c][r], b->mips_ge[c][r]);
	return k;
}

/* Host i's leaves in both trees. */
static void fit_leaf(struct datacenter *dc, struct fit_index *x, int i)
{
	struct fit_key k = fit_none();
	if (i < dc->n_hosts && !(x->held_off != NULL && x->held_off[i])) {
		const struct host *h = &dc->hosts[i];
		k.pe = h->pe_mips;
		k.mips = h->available_mips;
		k.ram = h->ram_free;
		k.bw = h->bw_free;
		for (int c = 0; c < x->n_cls; c++)
			for (int r = 0; r < x->n_ram; r++)
				if (h->pe_mips >= x->cls[c] && h->ram_free >= x->ram_cls[r])
					k.mips_ge[c][r] = h->available_mips;
	}
	x->all[x->size + i] = k;
	if (x->first != NULL)
		x->first[x->size + i] = i < dc->n_hosts && x->avoid[i] ? fit_none() : k;
}

/* The hosts' distinct PE capacities, if at most FIT_CLASSES (NaN ones: none told apart), and
 * the RAM thresholds: none, then the smallest distinct RAM sizes of the VMs. */
static void fit_classes(const struct datacenter *dc, struct fit_index *x)
{
	x->ram_cls[0] = LONG_MIN;
	x->n_ram = 1;
	for (int v = 0; v < dc->n_vms; v++) {
		long ram = dc->vms[v].ram_mb;
		int r = 1;
		while (r < x->n_ram && x->ram_cls[r] < ram)
			r++;
		if ((r < x->n_ram && x->ram_cls[r] == ram) || (r == FIT_RAM))
			continue;
		int last = x->n_ram < FIT_RAM ? x->n_ram : FIT_RAM - 1; /* full: the largest goes */
		for (int j = last; j > r; j--)
			x->ram_cls[j] = x->ram_cls[j - 1];
		x->ram_cls[r] = ram;
		if (x->n_ram < FIT_RAM)
			x->n_ram++;
	}
	x->n_cls = 0;
	for (int i = 0; i < dc->n_hosts; i++) {
		double pe = dc->hosts[i].pe_mips;
		int c = 0;
		while (c < x->n_cls && x->cls[c] < pe)
			c++;
		if (c < x->n_cls && x->cls[c] == pe)
			continue;
		if (x->n_cls == FIT_CLASSES || pe != pe) {
			x->n_cls = 0;
			return;
		}
		for (int j = x->n_cls; j > c; j--)
			x->cls[j] = x->cls[j - 1];
		x->cls[c] = pe;
		x->n_cls++;
	}
}

static void fit_rebuild(struct datacenter *dc, struct fit_index *x)
{
	for (int i = 0; i < x->size; i++)
		fit_leaf(dc, x, i);
	for (int n = x->size - 1; n >= 1; n--) {
		x->all[n] = key_max(&x->all[2 * n], &x->all[2 * n + 1]);
		if (x->first != NULL)
			x->first[n] = key_max(&x->first[2 * n], &x->first[2 * n + 1]);
	}
}

static void fit_update(struct datacenter *dc, struct fit_index *x, int i)
{
	fit_leaf(dc, x, i);
	for (int n = (x->size + i) / 2; n >= 1; n /= 2) {
		x->all[n] = key_max(&x->all[2 * n], &x->all[2 * n + 1]);
		if (x->first != NULL)
			x->first[n] = key_max(&x->first[2 * n], &x->first[2 * n + 1]);
	}
}

/* The index for these marks, up to date; NULL if out of memory. */
static struct fit_index *fit_sync(struct datacenter *dc, const unsigned char *held_off,
				  const unsigned char *avoid)
{
	struct fit_index *x = dc->fit;
	if (x != NULL && (x->held_off != held_off || x->avoid != avoid)) {
		datacenter_fit_free(dc);
		x = NULL;
	}
	if (x == NULL) {
		x = calloc(1, sizeof *x);
		if (x == NULL)
			return NULL;
		x->size = 1;
		while (x->size < dc->n_hosts)
			x->size *= 2;
		x->all = malloc(2 * (size_t)x->size * sizeof *x->all);
		if (avoid != NULL)
			x->first = malloc(2 * (size_t)x->size * sizeof *x->first);
		if (x->all == NULL || (avoid != NULL && x->first == NULL)) {
			free(x->all);
			free(x->first);
			free(x);
			return NULL;
		}
		x->held_off = held_off;
		x->avoid = avoid;
		fit_classes(dc, x);
		dc->fit = x;
		dc->fit_stale = true;
	}
	if (dc->fit_stale)
		fit_rebuild(dc, x);
	else
		for (int k = 0; k < dc->n_fit_log; k++)
			fit_update(dc, x, dc->fit_log[k]);
	dc->fit_stale = false;
	dc->n_fit_log = 0;
	return x;
}

/* What a host must offer: host_is_suitable's comparisons. */
struct fit_need {
	double pe, mips;
	long ram, bw;
	bool memory; /* compare RAM and BW too */
	int cls;     /* the least PE class >= pe (-1: classes not told apart) */
	int ram_cls; /* the largest RAM threshold <= ram (0 if memory is not compared) */
};

static bool fit_passes(const struct fit_key *k, const struct fit_need *need)
{
	if (!(k->pe >= need->pe) || !(k->mips >= need->mips))
		return false;
	if (need->cls >= 0 && !(k->mips_ge[need->cls][need->ram_cls] >= need->mips))
		return false;
	return !need->memory || (k->ram >= need->ram && k->bw >= need->bw);
}

struct fit_query {
	struct datacenter *dc;
	const struct fit_index *x;
	const struct fit_key *tree;
	const struct vm *vm;
	struct fit_need need;
	bool avoid_pass;
};

/* The lowest-id host under node that passes, or -1. */
static int fit_descend(const struct fit_query *q, int node)
{
	if (!fit_passes(&q->tree[node], &q->need))
		return -1;
	if (node >= q->x->size) {
		int i = node - q->x->size;
		const struct datacenter *dc = q->dc;
		if (i >= dc->n_hosts || (q->x->held_off != NULL && q->x->held_off[i]) ||
		    (q->avoid_pass && q->x->avoid[i]))
			return -1;
		return host_is_suitable(dc, &dc->hosts[i], q->vm) ? i : -1;
	}
	int r = fit_descend(q, 2 * node);
	return r >= 0 ? r : fit_descend(q, 2 * node + 1);
}

int datacenter_first_fit(struct datacenter *dc, const struct vm *vm, const unsigned char *held_off,
			 const unsigned char *avoid, bool avoid_pass)
{
	if (dc->n_hosts <= 0)
		return -1;
	if (avoid == NULL)
		avoid_pass = false;
	struct fit_index *x = fit_sync(dc, held_off, avoid);
	if (x == NULL) { /* out of memory: the scan, which needs none */
		for (int i = 0; i < dc->n_hosts; i++)
			if (!(held_off != NULL && held_off[i]) && !(avoid_pass && avoid[i]) &&
			    host_is_suitable(dc, &dc->hosts[i], vm))
				return i;
		return -1;
	}
	struct fit_query q;
	q.dc = dc;
	q.x = x;
	q.tree = avoid_pass ? x->first : x->all;
	q.vm = vm;
	q.avoid_pass = avoid_pass;
	q.need.pe = vm_req_pe(vm);
	q.need.mips = vm_req_total(vm);
	q.need.ram = vm->being_instantiated ? vm->ram_mb : 0;
	q.need.bw = vm->being_instantiated ? vm->bw : 0;
	q.need.memory = (q.need.ram != 0 || q.need.bw != 0) && vm->held_slots == 0;
	/* a host has pe_mips >= need.pe exactly when it is of a class >= the least such class */
	q.need.cls = -1;
	for (int c = x->n_cls - 1; c >= 0 && x->cls[c] >= q.need.pe; c--)
		q.need.cls = c;
	if (x->n_cls > 0 && q.need.cls < 0)
		return -1; /* no host's PEs are large enough (or the request is NaN) */
	/* a host with free RAM >= need.ram has it >= any threshold <= need.ram */
	q.need.ram_cls = 0;
	if (q.need.memory)
		for (int r = 1; r < x->n_ram && x->ram_cls[r] <= q.need.ram; r++)
			q.need.ram_cls = r;
	return fit_descend(&q, 1);
}

void datacenter_fit_free(struct datacenter *dc)
{
	if (dc->fit == NULL)
		return;
	free(dc->fit->all);
	free(dc->fit->first);
	free(dc->fit);
	dc->fit = NULL;
	dc->n_fit_log = 0;
	dc->fit_stale = false;
}
