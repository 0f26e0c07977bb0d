/*
 * datacenter_sched: the VM scheduler (VmSchedulerTimeShared + ...OverSubscription, datacenter.c)
 * as datacenter_hosts.c calls it when VMs enter and leave hosts. Not part of the module's
 * interface: include datacenter.h.
 */
#ifndef GREENMIG_DATACENTER_SCHED_H
#define GREENMIG_DATACENTER_SCHED_H

#include "datacenter.h"

#define JAVA_HASHMAP_INITIAL_CAPACITY 16 /* a new host's mipsMapRequested */

/* VmSchedulerTimeShared.allocatePesForVm(vm, requested) into slot s of h (req_pe: MIPS per PE). */
void datacenter_sched_allocate(struct host *h, struct slot *s, const struct vm *vm, double req_pe);

/* VmSchedulerTimeShared.deallocatePesForVm: forget slot, re-allocate all the others afresh. */
void datacenter_sched_deallocate(struct host *h, int slot);

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
