/*
 * controllers: the seed paper's two controllers (Gmach et al. 2008/2009;
 * doc/model2010.md#placement-controller and doc/model2010.md#fuzzy-controller) as the policies
 * placement (policy_placement.c), fuzzy (policy_fuzzy.c) and their
 * combination (policy_placement_fuzzy.c) use them, on both engines. The search is placement.h's,
 * the reactive controller fuzzy.h's; each engine feeds them its own state:
 *   - CloudSim 3.0.3's engine: the VMs' traces (the placement window), the hosts' cached
 *     utilization, their RAM in use and the VMs' requests; a target must have the VM's request
 *     free in its scheduler now (CloudSim's admission);
 *   - the 2010 model: the drawn demands (the placement window holds the last window_s of them), a
 *     host's allocation and the RAM its VMs hold; no admission (first-come sharing absorbs
 *     over-commitment). Moves go out with model2010_emit.
 */
#ifndef GREENMIG_CONTROLLERS_H
#define GREENMIG_CONTROLLERS_H

#include <greenmig/policy.h>

#include "model2010.h"

struct placement_ctl;
struct fuzzy_ctl;

/* CloudSim's engine. create: checks that every VM fits some host at placement.max_util (else
 * gm_ctx_fail) and allocates; NULL after gm_ctx_fail. */
struct placement_ctl *placement_ctl_create(gm_ctx *ctx);
void placement_ctl_destroy(struct placement_ctl *p);
/* The re-pack at its interval: the migrations it started (0 at other steps), or -1 (failed). */
int placement_ctl_step(gm_ctx *ctx, struct placement_ctl *p);
void placement_ctl_counts(const struct placement_ctl *p, struct gm_counts *out);

struct fuzzy_ctl *fuzzy_ctl_create(gm_ctx *ctx);
void fuzzy_ctl_destroy(struct fuzzy_ctl *f);
/* The reactive controller: 0, or -1 (failed). */
int fuzzy_ctl_step(gm_ctx *ctx, struct fuzzy_ctl *f);

/* The 2010 model: the placement controller at its interval, the fuzzy controller every tick.
 * 0, or -1 (out of memory). */
int placement_ctl_2010(struct model2010 *m);
int fuzzy_ctl_2010(struct model2010 *m);

/* What the controller policies' entries share: both engines, the first-fit placement at t = 0
 * (MBFD in the 2010 model), then the file's own create, destroy, optimize and optimize2010. */
#define CONTROLLER_POLICY                                                                          \
	.api_version = GREENMIG_API_VERSION, .engines = GM_ENGINE_CLOUDSIM3 | GM_ENGINE_2010,      \
	.energy = GM_ENERGY_UTILIZATION, .migrations = true, .create = create, .destroy = destroy, \
	.place = gm_first_fit, .optimize = optimize, .place2010 = mbfd_place,                     \
	.optimize2010 = optimize2010

#endif
