/*
 * bestfit: CloudSim 3.0.3's power-aware best fit (PowerVmAllocationPolicyMigrationAbstract
 * .findHostForVm), exact to the host, fast: the hosts in classes of one power curve (empty hosts
 * of a class asked once), a segment index of the hosts by utilization (bestfit_index.c) and the
 * detector's shortcut (overloaded_bound). The initial placement of consolidating policies, the
 * consolidation's phases (consolidation.c) and gm_best_fit use it.
 */
#ifndef GREENMIG_BESTFIT_H
#define GREENMIG_BESTFIT_H

#include <stdbool.h>

#include "ctx.h"
#include "datacenter.h"
#include "overload.h"

struct bestfit;

/* For ctx's datacenter (its hosts built), asking ov for the detector. NULL if out of memory. */
struct bestfit *bestfit_create(struct gm_ctx *ctx, struct overload *ov);
void bestfit_destroy(struct bestfit *b);

/*
 * Whether it uses its segment index and the detector's shortcut (the default), or scans every
 * host and runs the detector itself: the answers are the same (simulation.best_fit_index, for
 * checking that).
 */
void bestfit_set_index(struct bestfit *b, bool on);

/* host.getPower() of every host, at the start of a step (the cached utilizations are fixed while
 * the policy runs). */
void bestfit_cache_power(struct bestfit *b);

/* findHostForVm(vm) for a VM being placed (t = 0 or its arrival): a host id, or -1. Hosts with
 * excl[h] set (excl may be NULL) are not candidates. */
int bestfit_place(struct bestfit *b, struct vm *vm, const unsigned char *excl);

/*
 * A phase of CloudSim's optimizeAllocation: a run of bestfit_find calls with the exclusion excl
 * (which only grows during the phase), between which the caller creates VMs on the hosts found
 * (and may take them back) and tells it with bestfit_host_changed. The overload phase's
 * candidates are all hosts (any: VMs to place); the under-utilization phase's the n_open hosts
 * open[] (not excluded at its start), of which bestfit_host_closed drops one.
 */
void bestfit_begin_overload(struct bestfit *b, const unsigned char *excl, bool any);
void bestfit_begin_under(struct bestfit *b, const unsigned char *excl, const int *open, int n_open);
void bestfit_host_changed(struct bestfit *b, int h);
void bestfit_host_closed(struct bestfit *b, int h);
void bestfit_end_phase(struct bestfit *b);

/* findHostForVm(vm, excluded): in a phase, on its state (another excl than the phase's: a plain
 * scan); outside phases, a plain scan of every host. A host id, or -1. */
int bestfit_find(struct bestfit *b, struct vm *vm, const unsigned char *excl);

#endif
