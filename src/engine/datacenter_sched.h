/*
 * datacenter_sched: the VM scheduler (VmSchedulerTimeShared + ...OverSubscription,
 * datacenter_sched.c) as datacenter.c and datacenter_hosts.c call it when VMs enter and leave
 * hosts and when a host is updated. Not part of the module's interface: include datacenter.h.
 */
#ifndef GREENMIG_DATACENTER_SCHED_H
#define GREENMIG_DATACENTER_SCHED_H

#include "datacenter.h"

#define JAVA_HASHMAP_INITIAL_CAPACITY 16 /* a new host's mipsMapRequested */
#define MIGRATION_OUT_SHARE 0.9 /* a VM migrating out keeps 90 % of its allocation */
#define MIGRATION_IN_SHARE 0.1  /* the target reserves 10 % of the request meanwhile */

/* VmSchedulerTimeShared.allocatePesForVm(vm, requested) into slot s of h (req_pe: MIPS per PE). */
void datacenter_sched_allocate(struct host *h, struct slot *s, const struct vm *vm, double req_pe);

/* VmSchedulerTimeShared.deallocatePesForVm: forget slot, re-allocate all the others afresh. */
void datacenter_sched_deallocate(struct host *h, int slot);

/* VmSchedulerTimeSharedOverSubscription.redistributeMipsDueToOverSubscription: every requesting
 * VM of h gets floor(capped * scale) (the host update, after its VMs' new requests). */
void datacenter_sched_redistribute(struct host *h);

/* The sum of pes copies of pe_value added in turn to 0.0 (Java's loops). */
static inline double datacenter_pes_sum(int pes, double pe_value)
{
	if (pes == 1)
		return 0.0 + pe_value; /* (most VMs; the sum keeps 0.0 + -0.0 = 0.0) */
	double total = 0.0;
	for (int j = 0; j < pes; j++)
		total += pe_value;
	return total;
}

/* Slot s allocated pe_value MIPS on each of its PEs. */
static inline void datacenter_slot_set_alloc(struct slot *s, double pe_value)
{
	s->alloc_pe = pe_value;
	s->alloc_total = datacenter_pes_sum(s->pes, pe_value);
}

/* After a change to h's migrating lists: h->lists_any again. */
static inline void host_lists_note(struct host *h)
{
	h->lists_any = h->migrating_in.n > 0 || h->migrating_out.n > 0 || h->vms_migrating_in.n > 0;
}

/* s's key leaves mipsMapRequested (HashMap.remove: the capacity stays). */
static inline void datacenter_map_remove(struct host *h, struct slot *s)
{
	if (!s->has_req)
		return;
	s->has_req = false;
	h->map_size--;
}

#endif
