/*
 * replace: the re-placement pass of ST and MM on CloudSim 3.0.3's engine, on the policy actions:
 * the chosen VMs leave their hosts (tentatively), then each, in decreasing utilization
 * (PowerVmList.sortByCpuUtilization), goes where the power-aware best fit puts it (the policy's
 * detector, a static threshold, judges the hosts that have VMs): another host is a migration;
 * its own host, or none, and it stays: created there again (if readd_stay), so that later VMs of
 * the pass see its load.
 */
#ifndef GREENMIG_REPLACE_H
#define GREENMIG_REPLACE_H

#include <stdbool.h>

#include <greenmig/policy.h>

/* The pass's per-run state (a policy's create / destroy hooks). */
struct replace {
	int *vms;      /* the VMs to re-place (n) */
	int n;
	int *old;      /* per VM: its host before the pass */
	int *cand;     /* scratch: one host's VMs */
};

void *replace_create(gm_ctx *ctx);
void replace_destroy(void *state);

/* The pass over r->vms[0 .. r->n - 1]. 0, or -1 (a refused action: gm_ctx_fail'ed). */
int replace_all(gm_ctx *ctx, struct replace *r, bool readd_stay);

#endif
