/*
 * mbfd: Modified Best Fit Decreasing, the placement of the 2010 policies
 * (doc/model2010.md#mbfd). It works on a tentative state of the 2010 model:
 * m->load[h] (MIPS: the demands of the VMs tentatively on h) and m->ram[h] (MB).
 */
#ifndef GREENMIG_MBFD_H
#define GREENMIG_MBFD_H

#include "model2010.h"

/*
 * The host for a VM of `demand` MIPS and `ram` MB: among the hosts (id order) not excluded,
 * with demand <= free MIPS (cap - load), the RAM free and (load + demand) / cap <= bound, the
 * one with the least power increase P(after) - P(load / cap); the first on ties (strict <).
 * -1 if none. exclude may be NULL.
 */
int mbfd_find(const struct model2010 *m, double demand, long ram, double bound,
	      const unsigned char *exclude);

/* The 2010 policies' initial placement (their place2010 hook): MBFD at the VM's demand (its full
 * MIPS at t = 0) with bound 1, on m->load and m->ram. */
int mbfd_place(gm_model2010 *m, int vm);

/* Sorts VM ids by demand decreasing, equal demands by id (a stable sort of an id-ordered list). */
void mbfd_sort(const struct model2010 *m, int *vms, int n);

/*
 * Sets the tentative state from the hosts as they are, leaving out the VMs with skip[v] set
 * (skip may be NULL): load[h] = the demands of h's other VMs summed in list order (a sum, never
 * a difference: an empty host must read exactly 0, which costs nothing under P(0) = 0), ram[h] =
 * RAM held less that of the skipped VMs.
 */
void mbfd_state(struct model2010 *m, const unsigned char *skip);

#endif
