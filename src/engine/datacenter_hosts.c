/*
 * datacenter_hosts: VMs into and out of hosts, and the datacenter's memory (datacenter.h).
 *
 * Mirrors CloudSim 3.0.3's Host.vmCreate / vmDestroy / vmDestroyAll, Host.isSuitableForVm and
 * PowerHost's addMigratingInVm / removeMigratingInVm: the RAM, bandwidth and storage provisioners
 * and the host's VM list, with the CPU going through the VM scheduler of datacenter.c
 * (datacenter_sched.h); the consolidation's restoreAllocation (datacenter_restore); the VM id
 * lists and the VMs' uid hashes. Also datacenter_create / datacenter_init_host /
 * datacenter_destroy.
 */
#include "datacenter.h"
#include "bigmem.h"
#include "datacenter_sched.h"

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- VM lists and id lists --- */

int host_find_slot(const struct host *h, int vm)
{
	for (int i = 0; i < h->n_slots; i++)
		if (h->slots[i].vm == vm)
			return i;
	return -1;
}

bool idlist_has_slow(const struct idlist *l, int id)
{
	int m = l->n < IDLIST_INLINE ? l->n : IDLIST_INLINE;
	for (int i = 0; i < m; i++)
		if (l->in[i] == id)
			return true;
	for (int i = 0; i < l->n - IDLIST_INLINE; i++)
		if (l->v[i] == id)
			return true;
	return false;
}

int idlist_add(struct idlist *l, int id)
{
	if (l->n >= IDLIST_INLINE) {
		int k = l->n - IDLIST_INLINE; /* its place in v */
		if (k == l->cap) {
			int cap = l->cap > 0 ? 2 * l->cap : 16;
			int *v = realloc(l->v, (size_t)cap * sizeof *v);
			if (v == NULL)
				return -1;
			l->v = v;
			l->cap = cap;
		}
		l->v[k] = id;
	} else {
		l->in[l->n] = id;
	}
	l->n++;
	l->mask[IDLIST_WORD(id)] |= IDLIST_BIT(id);
	return 0;
}

void idlist_remove_slow(struct idlist *l, int id)
{
	int m = l->n < IDLIST_INLINE ? l->n : IDLIST_INLINE, nv = l->n - m; /* in the record, in v */
	int i = 0;
	while (i < m && l->in[i] != id)
		i++;
	if (i < m) {
		/* the members after it move up one place, v's first into the record */
		memmove(l->in + i, l->in + i + 1, (size_t)(m - i - 1) * sizeof *l->in);
		if (nv > 0) {
			l->in[IDLIST_INLINE - 1] = l->v[0];
			memmove(l->v, l->v + 1, (size_t)(nv - 1) * sizeof *l->v);
		}
	} else {
		int k = 0;
		while (k < nv && l->v[k] != id)
			k++;
		if (k == nv)
			return; /* not a member (another's bit) */
		memmove(l->v + k, l->v + k + 1, (size_t)(nv - k - 1) * sizeof *l->v);
	}
	l->n--;
	/* the mask is the members' bits: id's bit stays if another member has it */
	unsigned bit = (unsigned)id & (IDLIST_MASK_WORDS * 64u - 1);
	m = l->n < IDLIST_INLINE ? l->n : IDLIST_INLINE;
	nv = l->n - m;
	bool shared = false;
	for (int j = 0; j < m && !shared; j++)
		shared = ((unsigned)l->in[j] & (IDLIST_MASK_WORDS * 64u - 1)) == bit;
	for (int j = 0; j < nv && !shared; j++)
		shared = ((unsigned)l->v[j] & (IDLIST_MASK_WORDS * 64u - 1)) == bit;
	if (!shared)
		l->mask[IDLIST_WORD(id)] &= ~IDLIST_BIT(id);
}

double host_alloc_total(const struct host *h, int slot)
{
	return slot < 0 ? 0.0 : h->slots[slot].alloc_total;
}

#define CLOUDSIM_BROKER_ID 2 /* the VMs' user id: uid = "2-<vmId>" */

uint32_t vm_uid_hash(int vm)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%d-%d", CLOUDSIM_BROKER_ID, vm);
	uint32_t h = 0;
	for (int i = 0; i < n; i++)
		h = 31 * h + (uint32_t)(unsigned char)buf[i];
	return h ^ (h >> 16);
}

bool host_is_suitable(const struct datacenter *dc, const struct host *h, const struct vm *vm)
{
	double req_pe = vm_req_pe(vm);
	if (!(h->pe_mips >= req_pe))
		return false;
	if (!(h->available_mips >= vm_req_total(vm)))
		return false;
	/* doc/memory.md#memory-as-a-resource: the used memory, for migrations too */
	if (dc->memory) {
		double used = host_mem_used(dc, h) - (host_find_slot(h, vm->id) >= 0 ? vm->mem_mb : 0);
		if (!(used + vm->mem_mb <= (double)h->ram_mb))
			return false;
	}
	/* Ram/BwProvisionerSimple.isSuitableForVm: what vm already holds here is released first.
	 * Once created, a VM requests no RAM and no BW (UtilizationModelNull): nothing to check. */
	long ram = vm->being_instantiated ? vm->ram_mb : 0;
	long bw = vm->being_instantiated ? vm->bw : 0;
	if (ram == 0 && bw == 0)
		return true;
	int slot = host_find_slot(h, vm->id);
	long held_ram = slot >= 0 ? h->slots[slot].ram_mb : 0;
	long held_bw = slot >= 0 ? h->slots[slot].bw : 0;
	return h->ram_free + held_ram >= ram && h->bw_free + held_bw >= bw;
}

/* --- entering and leaving hosts --- */

/* Makes room for one more VM in h's list (amortized doubling: rare, never per step). */
static int host_grow(struct host *h)
{
	if (h->n_slots < h->cap_slots)
		return 0;
	int cap = h->cap_slots > 0 ? 2 * h->cap_slots : 8;
	/* (a line-aligned copy: a slot is one cache line, datacenter.h) */
	struct slot *s = aligned_alloc(DATACENTER_LINE, (size_t)cap * sizeof *s);
	if (s == NULL)
		return -1;
	if (h->n_slots > 0)
		memcpy(s, h->slots, (size_t)h->n_slots * sizeof *s);
	free(h->slots);
	h->slots = s;
	int *o = realloc(h->order, (size_t)cap * sizeof *o);
	if (o == NULL)
		return -1;
	h->order = o;
	int *sn = realloc(h->snap, (size_t)cap * sizeof *sn);
	if (sn == NULL)
		return -1;
	h->snap = sn;
	h->cap_slots = cap;
	return 0;
}

bool host_vm_create(struct datacenter *dc, struct host *h, struct vm *vm)
{
	datacenter_fit_touch(dc, h->id);
	h->live_dirty = true;
	dc->slots_epoch++;
	h->list_version++;
	if (h->storage_free < vm->size_mb)
		return false;
	long ram = vm->being_instantiated ? vm->ram_mb : 0;
	long bw = vm->being_instantiated ? vm->bw : 0;
	if (h->ram_free < ram || h->bw_free < bw)
		return false;
	if (host_grow(h) != 0)
		return false;
	dc->quiet[h->id] = 0;
	struct slot *s = &h->slots[h->n_slots++];
	memset(s, 0, sizeof *s);
	s->vm = vm->id;
	s->pes = vm->pes;
	s->hash = vm->uid_hash;
	s->ram_mb = ram;
	s->bw = bw;
	h->ram_free -= ram;
	h->bw_free -= bw;
	if (ram != 0 || bw != 0)
		vm->held_slots++;
	datacenter_sched_allocate(h, s, vm, vm_req_pe(vm));
	h->storage_free -= vm->size_mb;
	vm->host = h->id;
	return true;
}

void host_vm_destroy(struct datacenter *dc, struct host *h, struct vm *vm)
{
	datacenter_fit_touch(dc, h->id);
	h->live_dirty = true;
	dc->slots_epoch++;
	h->list_version++;
	int slot = host_find_slot(h, vm->id);
	if (slot < 0)
		return;
	h->ram_free += h->slots[slot].ram_mb;
	h->bw_free += h->slots[slot].bw;
	if (h->slots[slot].ram_mb != 0 || h->slots[slot].bw != 0)
		vm->held_slots--;
	if (dc->defer_realloc) {
		datacenter_map_remove(h, &h->slots[slot]);
		h->map_ordered = false; /* the others' allocations are not the HashMap-order ones */
	} else {
		datacenter_sched_deallocate(h, slot);
	}
	h->storage_free += vm->size_mb;
	memmove(h->slots + slot, h->slots + slot + 1, (size_t)(h->n_slots - slot - 1) * sizeof *h->slots);
	h->n_slots--;
	vm->host = -1;
}

void host_vm_destroy_all(struct datacenter *dc, struct host *h)
{
	datacenter_fit_touch(dc, h->id);
	h->live_dirty = true;
	dc->slots_epoch++;
	h->list_version++;
	/* vmDeallocateAll: provisioners and scheduler maps emptied (the migrating lists stay). */
	for (int i = 0; i < h->n_slots; i++) {
		struct vm *vm = &dc->vms[h->slots[i].vm];
		h->ram_free += h->slots[i].ram_mb;
		h->bw_free += h->slots[i].bw;
		if (h->slots[i].ram_mb != 0 || h->slots[i].bw != 0)
			vm->held_slots--;
		h->storage_free += vm->size_mb;
		vm->host = -1;
	}
	h->n_slots = 0;
	h->map_size = 0; /* HashMap.clear keeps the capacity */
	h->map_ordered = false;
	h->available_mips = h->total_mips;
}

/*
 * Would the restore's rebuild of h from vms[0 .. n - 1] (vmDestroyAll, then vmCreate of each)
 * leave the first n VMs of its list and their allocations as they are? Yes if its list begins
 * with those VMs (the consolidation's tentative creates append), none of them migrating, being
 * created or holding RAM or BW, and each VM's allocation is what allocatePesForVm gives it from
 * all MIPS in list order, without over-subscription (then the order of earlier allocations,
 * say HashMap order after a tentative create/destroy, changed only the rounding of the available
 * MIPS, and VMs appended after them changed nothing of theirs). *avail: the rebuild's available
 * MIPS.
 */
static bool rebuild_keeps(const struct datacenter *dc, const struct host *h, const int *vms, int n,
			  double *avail)
{
	/* (the lists are asked only when one holds anything: lists_any, in the record's first line,
	 * where the lists' counts and masks are five to nine lines further) */
	bool lists = h->lists_any;
	if (h->n_slots < n || h->map_size != h->n_slots ||
	    (lists && (h->migrating_in.n != 0 || h->vms_migrating_in.n != 0)))
		return false;
	double available = h->total_mips;
	for (int i = 0; i < n; i++) {
		const struct slot *s = &h->slots[i];
		const struct vm *vm = &dc->vms[vms[i]];
		if (s->vm != vms[i] || s->ram_mb != 0 || s->bw != 0 || vm->in_migration ||
		    vm->being_instantiated || (lists && idlist_has(&h->migrating_out, vm->id)))
			return false;
		/* sched_allocate_uid (datacenter.c) with no migrating lists */
		double req = vm_req_pe(vm);
		double capped = req > h->pe_mips ? h->pe_mips : req;
		double total = datacenter_pes_sum(s->pes, capped);
		if (!(available >= total) || memcmp(&s->req_pe, &req, sizeof req) != 0 ||
		    memcmp(&s->alloc_pe, &capped, sizeof capped) != 0 ||
		    memcmp(&s->alloc_total, &total, sizeof total) != 0)
			return false;
		available -= total;
	}
	*avail = available;
	return true;
}

void datacenter_restore(struct datacenter *dc, const int *hosts, const int *vms, int n)
{
	/* First every host releases its VMs (a VM tentatively on two lists gets its host back
	 * only from the creates after), but for the VMs that the rebuild would leave as they are:
	 * those hosts release only the VMs appended to them. */
	int k = 0;
	unsigned long epoch = dc->slots_epoch;
	for (int i = 0; i < dc->n_hosts; i++) {
		struct host *h = &dc->hosts[i];
		int from = k;
		while (k < n && hosts[k] == i)
			k++;
		int m = k - from;
		/* (the cached live MIPS, host_live_mips, stays valid where the allocations stay: on a
		 * host that stays empty and on one that keeps its whole list; every other path below
		 * marks it. Fields are written only where they change: most records then stay clean.) */
		if (m == 0 && dc->settled[i]) {
			epoch++; /* (as below, nothing else to do: dc->settled) */
			continue;
		}
		if (h->map_ordered)
			h->map_ordered = false;
		if (m == 0 && h->n_slots == 0 && h->map_size == 0) {
			/* an empty host (most of them): vmDestroyAll's counters only. Its list_version
			 * stays: an empty list stays empty, and the detectors' sums it keys (the only
			 * readers) are those of no VM either way; one line of the record fewer read. */
			epoch++;
			if (h->available_mips != h->total_mips) {
				h->available_mips = h->total_mips;
				datacenter_fit_touch(dc, i);
			}
			dc->settled[i] = 1;
			continue;
		}
		double avail;
		if (!rebuild_keeps(dc, h, vms + from, m, &avail)) {
			dc->slots_epoch = epoch;
			host_vm_destroy_all(dc, h);
			epoch = dc->slots_epoch;
			continue;
		}
		/* what vmDestroyAll and the creates would change here: the appended VMs released,
		 * the counters, the insertion order (the list order again), the available MIPS'
		 * rounding (the kept VMs' host below) */
		bool dropped = h->n_slots > m;
		if (dropped || h->available_mips != avail)
			datacenter_fit_touch(dc, i);
		if (dropped) {
			h->live_dirty = true;
			for (int j = m; j < h->n_slots; j++) {
				struct slot *s = &h->slots[j];
				struct vm *vm = &dc->vms[s->vm];
				h->ram_free += s->ram_mb;
				h->bw_free += s->bw;
				if (s->ram_mb != 0 || s->bw != 0)
					vm->held_slots--;
				h->storage_free += vm->size_mb;
				vm->host = -1;
			}
			h->n_slots = m;
			h->map_size = m;
			/* (a host keeping its whole list keeps its list_version: its list did not
			 * change, and the detectors' sums it keys are those of the same VMs) */
			h->list_version += 1 + (unsigned long)m;
		}
		epoch += 1 + (unsigned long)m;
		if (memcmp(&h->available_mips, &avail, sizeof avail) != 0)
			h->available_mips = avail;
		/* The insertion order becomes the list order. Only the order of the numbers counts
		 * (sched_order compares them; later insertions number on from map_seq): when it is
		 * already the list order, they stay (and the slots' lines unwritten). */
		long last = LONG_MIN;
		bool in_order = true;
		for (int j = 0; j < m && in_order; j++) {
			in_order = h->slots[j].req_seq > last;
			last = h->slots[j].req_seq;
		}
		if (!in_order)
			for (int j = 0; j < m; j++)
				h->slots[j].req_seq = h->map_seq++;
		if (m > 0 && dc->quiet[i])
			dc->quiet[i] = 0;
	}
	dc->slots_epoch = epoch;
	/* Then the creates, on the hosts released (which have no VMs now: those kept have all
	 * theirs, and the j-th of a host's saved VMs finds more than j on it). */
	for (int j = 0, i = -1, q = 0; q < n; q++) {
		j = hosts[q] == i ? j + 1 : 0;
		i = hosts[q];
		struct host *h = &dc->hosts[i];
		struct vm *vm = &dc->vms[vms[q]];
		if (h->n_slots > j)
			vm->host = i;
		else
			host_vm_create(dc, h, vm); /* cannot fail: the same VMs, RAM/BW requests now 0 */
		dc->vm_table[vm->id] = i;
	}
}

int host_add_migrating_in(struct datacenter *dc, struct host *h, struct vm *vm)
{
	datacenter_fit_touch(dc, h->id);
	h->live_dirty = true;
	vm->in_migration = true;
	if (idlist_has(&h->vms_migrating_in, vm->id))
		return 0;
	if (h->storage_free < vm->size_mb)
		return -1;
	/* getCurrentRequestedRam/Bw are 0 once the VM exists (UtilizationModelNull). */
	int r = host_grow(h) != 0 || idlist_add(&h->migrating_in, vm->id) != 0 ||
		idlist_add(&h->vms_migrating_in, vm->id) != 0;
	host_lists_note(h);
	if (r)
		return -1;
	dc->quiet[h->id] = 0;
	if (h->tgt_slot == 0) {
		dc->tgt[dc->n_tgt++] = h->id;
		h->tgt_slot = dc->n_tgt;
	}
	if (++vm->n_targets == 3)
		dc->n_multi++;
	for (int k = 0; k < 2; k++)
		if (vm->target1[k] == 0) {
			vm->target1[k] = h->id + 1;
			break;
		}
	struct slot *s = &h->slots[h->n_slots++];
	memset(s, 0, sizeof *s);
	s->vm = vm->id;
	s->pes = vm->pes;
	s->hash = vm->uid_hash;
	datacenter_sched_allocate(h, s, vm, vm_req_pe(vm));
	h->storage_free -= vm->size_mb;
	return 0;
}

void host_remove_migrating_in(struct datacenter *dc, struct host *h, struct vm *vm)
{
	h->live_dirty = true;
	int host_before = vm->host;
	host_vm_destroy(dc, h, vm); /* vmDeallocate + getVmList().remove */
	vm->host = host_before;     /* removeMigratingInVm leaves vm.getHost() alone */
	if (idlist_has(&h->vms_migrating_in, vm->id)) {
		if (vm->n_targets-- == 3)
			dc->n_multi--;
		for (int k = 0; k < 2; k++)
			if (vm->target1[k] == h->id + 1)
				vm->target1[k] = 0;
		idlist_remove(&h->vms_migrating_in, vm->id);
		if (h->vms_migrating_in.n == 0 && h->tgt_slot > 0) {
			int last = dc->tgt[--dc->n_tgt];
			dc->tgt[h->tgt_slot - 1] = last;
			dc->hosts[last].tgt_slot = h->tgt_slot;
			h->tgt_slot = 0;
		}
	}
	idlist_remove(&h->migrating_in, vm->id);
	host_lists_note(h);
	vm->in_migration = false;
}

double host_live_mips_compute(const struct datacenter *dc, struct host *h)
{
	/* A pure function of the host's list and allocations: cached until they change. */
	double mips = 0;
	/* (the list of VMs migrating in is asked only when it holds any: its mask is lines away
	 * from the record's first two, and most hosts have none) */
	bool any_in = h->lists_any && h->vms_migrating_in.n > 0;
	for (int i = 0; i < h->n_slots; i++) {
		if (any_in && idlist_has(&h->vms_migrating_in, h->slots[i].vm))
			mips += h->slots[i].alloc_total * 0.9 / 0.1;
		mips += h->slots[i].alloc_total;
	}
	(void)dc;
	h->live_cache = mips;
	h->live_dirty = false;
	return mips;
}


int host_list_push(struct host *h, const struct vm *vm)
{
	if (host_grow(h) != 0)
		return -1;
	struct slot *s = &h->slots[h->n_slots++];
	memset(s, 0, sizeof *s);
	s->vm = vm->id;
	s->pes = vm->pes;
	s->hash = vm->uid_hash;
	return 0;
}

void host_list_pop(struct host *h)
{
	h->n_slots--;
}

/* The hosts' and VMs' records are whole cache lines (on 64-bit machines, where the layout was
 * made), with what a host update reads in their first two (datacenter.h). */
_Static_assert(sizeof(void *) != 8 || (sizeof(struct vm) % DATACENTER_LINE == 0 &&
					 offsetof(struct vm, util_rows) <= 2 * DATACENTER_LINE),
	       "struct vm: whole cache lines, the host update's fields in the first two");
_Static_assert(sizeof(void *) != 8 || sizeof(struct slot) == DATACENTER_LINE, "struct slot: a cache line");
_Static_assert(BIGMEM_LINE % DATACENTER_LINE == 0, "bigmem_alloc: the records start on a cache line");
_Static_assert(sizeof(void *) != 8 || (sizeof(struct host) % DATACENTER_LINE == 0 &&
					 offsetof(struct host, memo_u) <= 2 * DATACENTER_LINE &&
					 offsetof(struct host, power) + sizeof(struct power_model) <=
						 DATACENTER_POWER_LINES * DATACENTER_LINE),
	       "struct host: whole cache lines, the host update's fields in the first two, the "
	       "energy's in the first four");

struct datacenter *datacenter_create(int n_hosts, int n_vms)
{
	struct datacenter *dc = calloc(1, sizeof *dc);
	if (dc == NULL)
		return NULL;
	dc->hosts = bigmem_alloc((size_t)n_hosts, sizeof *dc->hosts, true);
	dc->vms = bigmem_alloc((size_t)n_vms, sizeof *dc->vms, true);
	dc->vm_table = malloc((size_t)(n_vms > 0 ? n_vms : 1) * sizeof *dc->vm_table);
	dc->quiet = calloc((size_t)(n_hosts > 0 ? n_hosts : 1), 1);
	dc->zero_req = calloc((size_t)(n_hosts > 0 ? n_hosts : 1), 1);
	dc->tgt = malloc((size_t)(n_hosts > 0 ? n_hosts : 1) * sizeof *dc->tgt);
	dc->batch_mark = calloc((size_t)(n_hosts > 0 ? n_hosts : 1), sizeof *dc->batch_mark);
	dc->host_bits = calloc((size_t)(n_hosts > 0 ? n_hosts : 1) / 64 + 1, sizeof *dc->host_bits);
	dc->settled = calloc((size_t)(n_hosts > 0 ? n_hosts : 1), 1);
	if (dc->hosts == NULL || dc->vms == NULL || dc->vm_table == NULL || dc->quiet == NULL ||
	    dc->zero_req == NULL || dc->tgt == NULL || dc->batch_mark == NULL || dc->host_bits == NULL ||
	    dc->settled == NULL) {
		datacenter_destroy(dc);
		return NULL;
	}
	dc->n_hosts = n_hosts;
	dc->n_vms = n_vms;
	dc->prefetch = (size_t)(n_vms > 0 ? n_vms : 0) * sizeof *dc->vms > DATACENTER_PREFETCH_MIN_BYTES;
	for (int i = 0; i < n_vms; i++)
		dc->vm_table[i] = -1;
	return dc;
}

int datacenter_sort_hosts(struct datacenter *dc, int *ids, int n)
{
	if (n <= 0)
		return 0;
	int lo = ids[0], hi = ids[0];
	for (int k = 0; k < n; k++) {
		dc->host_bits[ids[k] >> 6] |= (uint64_t)1 << (ids[k] & 63);
		lo = ids[k] < lo ? ids[k] : lo;
		hi = ids[k] > hi ? ids[k] : hi;
	}
	int m = 0;
	for (int w = lo >> 6; w <= hi >> 6; w++) {
		uint64_t b = dc->host_bits[w];
		dc->host_bits[w] = 0;
		while (b != 0) {
#if defined(__GNUC__)
			int bit = __builtin_ctzll(b);
#else
			int bit = 0;
			while (!(b >> bit & 1))
				bit++;
#endif
			ids[m++] = w * 64 + bit;
			b &= b - 1;
		}
	}
	return m;
}

int datacenter_init_host(struct host *h, int capacity_hint)
{
	h->n_slots = 0;
	h->cap_slots = capacity_hint > 0 ? capacity_hint : 8;
	h->slots = aligned_alloc(DATACENTER_LINE, (size_t)h->cap_slots * sizeof *h->slots);
	h->order = malloc((size_t)h->cap_slots * sizeof *h->order);
	h->snap = malloc((size_t)h->cap_slots * sizeof *h->snap);
	if (h->slots == NULL || h->order == NULL || h->snap == NULL)
		return -1;
	h->map_cap = JAVA_HASHMAP_INITIAL_CAPACITY;
	h->live_dirty = true;
	h->map_size = 0;
	h->map_seq = 0;
	h->available_mips = h->total_mips;
	h->ram_free = h->ram_mb;
	h->bw_free = h->bw;
	h->storage_free = h->storage_mb;
	return 0;
}

void datacenter_destroy(struct datacenter *dc)
{
	if (dc == NULL)
		return;
	if (dc->hosts != NULL) {
		for (int i = 0; i < dc->n_hosts; i++) {
			free(dc->hosts[i].slots);
			free(dc->hosts[i].order);
			free(dc->hosts[i].snap);
			free(dc->hosts[i].migrating_in.v);
			free(dc->hosts[i].migrating_out.v);
			free(dc->hosts[i].vms_migrating_in.v);
		}
	}
	free(dc->hosts);
	free(dc->vms);
	free(dc->vm_table);
	free(dc->quiet);
	free(dc->zero_req);
	free(dc->tgt);
	free(dc->batch_mark);
	free(dc->host_bits);
	free(dc->settled);
	datacenter_fit_free(dc);
	free(dc);
}
