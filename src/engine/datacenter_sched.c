/*
 * datacenter_sched: the VM scheduler of CloudSim 3.0.3's hosts (VmSchedulerTimeShared +
 * VmSchedulerTimeSharedOverSubscription), part of the datacenter module: the allocation of each
 * VM's requested MIPS, the over-subscription's scaling, the re-allocation in the order Java's
 * HashMap iterates mipsMapRequested (doc/cloudsim-engine.md#hashmap-order; datacenter.c's head
 * says why), and the lasting effect of a tentative create and destroy (host_touch_slow).
 */
#include "datacenter.h"
#include "datacenter_sched.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* A key enters mipsMapRequested; the table doubles once size > 0.75 capacity (HashMap.putVal). */
static void map_insert(struct host *h, struct slot *s)
{
	if (s->has_req)
		return; /* put on an existing key keeps its place */
	s->has_req = true;
	s->req_seq = h->map_seq++;
	if (++h->map_size > h->map_cap * 3 / 4)
		h->map_cap *= 2;
}

#define ORDER_BUCKETS 256 /* sched_order counts buckets up to this capacity */
#define ORDER_SMALL 8     /* and for more slots than this */

/* Fills h->order with the slots of mipsMapRequested in HashMap iteration order; returns the count. */
static int sched_order(struct host *h)
{
	int n = 0;
	uint32_t mask = (uint32_t)h->map_cap - 1;
	if (h->map_cap <= ORDER_BUCKETS && h->n_slots > ORDER_SMALL) {
		/* The common case: insertion order is list order (a host update inserts every key in
		 * list order). Then a stable counting sort by bucket over the list is the order (for a
		 * few slots the insertion sort below costs less than counting over the buckets). */
		unsigned short count[ORDER_BUCKETS + 1];
		bool monotone = true;
		long last = LONG_MIN;
		memset(count, 0, (size_t)(mask + 2) * sizeof *count);
		for (int i = 0; i < h->n_slots && monotone; i++) {
			const struct slot *s = &h->slots[i];
			if (!s->has_req)
				continue;
			monotone = s->req_seq > last;
			last = s->req_seq;
			count[(s->hash & mask) + 1]++;
			n++;
		}
		if (monotone && n < 65536) {
			for (uint32_t b = 1; b <= mask; b++)
				count[b] += count[b - 1];
			for (int i = 0; i < h->n_slots; i++)
				if (h->slots[i].has_req)
					h->order[count[h->slots[i].hash & mask]++] = i;
			return n;
		}
		n = 0;
	}
	for (int i = 0; i < h->n_slots; i++) {
		if (!h->slots[i].has_req)
			continue;
		/* any other insertion order: insertion sort by (bucket, insertion order) */
		uint32_t b = h->slots[i].hash & mask;
		long q = h->slots[i].req_seq;
		int j = n++;
		while (j > 0) {
			const struct slot *p = &h->slots[h->order[j - 1]];
			uint32_t pb = p->hash & mask;
			if (pb < b || (pb == b && p->req_seq < q))
				break;
			h->order[j] = h->order[j - 1];
			j--;
		}
		h->order[j] = i;
	}
	return n;
}

#define pes_sum datacenter_pes_sum
#define slot_set_alloc datacenter_slot_set_alloc

/* redistributeMipsDueToOverSubscription: every requesting VM gets floor(capped * scale). */
void datacenter_sched_redistribute(struct host *h)
{
	h->live_dirty = true;
	double required_all = 0;
	int n = sched_order(h);
	for (int k = 0; k < n; k++) {
		struct slot *s = &h->slots[h->order[k]];
		double capped = s->req_pe > h->pe_mips ? h->pe_mips : s->req_pe;
		double required = pes_sum(s->pes, capped);
		if (idlist_has(&h->migrating_in, s->vm))
			required *= MIGRATION_IN_SHARE;
		required_all += required;
	}
	double scaling = h->total_mips / required_all;
	for (int i = 0; i < h->n_slots; i++) {
		struct slot *s = &h->slots[i];
		if (!s->has_req) {
			slot_set_alloc(s, 0.0);
			continue;
		}
		double m = s->req_pe > h->pe_mips ? h->pe_mips : s->req_pe;
		if (idlist_has(&h->migrating_out, s->vm)) {
			m *= scaling;
			m *= MIGRATION_OUT_SHARE;
		} else if (idlist_has(&h->migrating_in, s->vm)) {
			m *= MIGRATION_IN_SHARE;
			m *= scaling;
		} else {
			m *= scaling;
		}
		slot_set_alloc(s, floor(m));
	}
	h->available_mips = 0;
}

/* VmSchedulerTimeSharedOverSubscription.allocatePesForVm(uid, requested). */
static void sched_allocate_uid(struct host *h, struct slot *s, double req_pe)
{
	h->live_dirty = true;
	double capped = req_pe > h->pe_mips ? h->pe_mips : req_pe;
	double total = pes_sum(s->pes, capped);
	s->req_pe = req_pe;
	map_insert(h, s);
	bool in = idlist_has(&h->migrating_in, s->vm);
	if (in)
		total *= MIGRATION_IN_SHARE;
	if (h->available_mips >= total) {
		double m = capped;
		if (idlist_has(&h->migrating_out, s->vm))
			m *= MIGRATION_OUT_SHARE;
		else if (in)
			m *= MIGRATION_IN_SHARE;
		slot_set_alloc(s, m);
		h->available_mips -= total;
	} else if (h->redistribute_later) {
		/* Every later request but 0 MIPS would redistribute again, each time over the whole
		 * map: only the last one's result survives, and a request of 0 gets 0 either way.
		 * So host_update redistributes once, after its loop. */
		h->redistribute_due = true;
		h->available_mips = 0;
	} else {
		datacenter_sched_redistribute(h);
	}
}

/* VmSchedulerTimeShared.allocatePesForVm(vm, requested): keeps the migrating-out list first. */
static void sched_allocate(struct host *h, struct slot *s, const struct vm *vm, double req_pe)
{
	h->map_ordered = false;
	if (vm->in_migration) {
		if (!idlist_has(&h->migrating_in, vm->id) && !idlist_has(&h->migrating_out, vm->id))
			(void)idlist_add(&h->migrating_out, vm->id); /* 4 ids preallocated */
	} else {
		idlist_remove(&h->migrating_out, vm->id);
	}
	host_lists_note(h);
	sched_allocate_uid(h, s, req_pe);
}

/* All of mipsMapRequested allocated afresh, in HashMap order, from all MIPS available. */
static void sched_reallocate(struct host *h)
{
	h->live_dirty = true;
	for (int i = 0; i < h->n_slots; i++)
		if (h->slots[i].has_req)
			slot_set_alloc(&h->slots[i], 0.0);
	h->available_mips = h->total_mips;
	/* Iterate a snapshot: an over-subscription inside reuses h->order (Java's put on an
	 * existing key does not disturb the iteration). */
	int n = sched_order(h);
	memcpy(h->snap, h->order, (size_t)n * sizeof *h->snap);
	for (int k = 0; k < n; k++)
		sched_allocate_uid(h, &h->slots[h->snap[k]], h->slots[h->snap[k]].req_pe);
	h->map_ordered = true;
}

/* VmSchedulerTimeShared.deallocatePesForVm: forget slot, re-allocate all the others afresh. */
static void sched_deallocate(struct host *h, int slot)
{
	h->live_dirty = true;
	datacenter_map_remove(h, &h->slots[slot]);
	slot_set_alloc(&h->slots[slot], 0.0);
	sched_reallocate(h);
}

/* For datacenter_hosts.c; the update path calls the static versions, which the compiler inlines. */
void datacenter_sched_allocate(struct host *h, struct slot *s, const struct vm *vm, double req_pe)
{
	sched_allocate(h, s, vm, req_pe);
}

void datacenter_sched_deallocate(struct host *h, int slot)
{
	sched_deallocate(h, slot);
}

void host_touch_slow(struct datacenter *dc, struct host *h, const struct vm *vm)
{
	datacenter_fit_touch(dc, h->id);
	/* vmCreate: allocatePesForVm(vm) drops a stale migrating-out entry of vm (not migrating) and
	 * puts its key, which may grow the table; vmDestroy: the key goes, the rest is re-allocated. */
	int n_out = h->migrating_out.n;
	if (!vm->in_migration && n_out > 0)
		idlist_remove(&h->migrating_out, vm->id);
	host_lists_note(h);
	bool changed = h->migrating_out.n != n_out;
	if (h->map_size + 1 > h->map_cap * 3 / 4) {
		h->map_cap *= 2;
		h->map_ordered = false;
		changed = true;
	}
	h->map_seq++;
	/* Already allocated in this very order: re-allocating gives the same bits. */
	if (!h->map_ordered) {
		sched_reallocate(h);
		changed = true;
	}
	dc->touches += changed;
}
