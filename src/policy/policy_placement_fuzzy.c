/*
 * policy_placement_fuzzy: the placement controller at its interval, the fuzzy controller at the
 * other steps (Gmach et al. 2009; doc/model2010.md#placement-controller and
 * doc/model2010.md#fuzzy-controller), on both engines (controllers.h); [placement] and [fuzzy] of
 * the experiment (config.h) set it.
 */
#include <stdlib.h>

#include "controllers.h"
#include "ctx.h"
#include "mbfd.h"
#include "policy.h"

struct both {
	struct placement_ctl *placement;
	struct fuzzy_ctl *fuzzy;
};

static void destroy(void *state)
{
	struct both *b = state;
	if (b == NULL)
		return;
	placement_ctl_destroy(b->placement);
	fuzzy_ctl_destroy(b->fuzzy);
	free(b);
}

static void *create(gm_ctx *ctx)
{
	struct both *b = calloc(1, sizeof *b);
	if (b == NULL) {
		ctx_fail(ctx, "out of memory");
		return NULL;
	}
	b->placement = placement_ctl_create(ctx);
	b->fuzzy = b->placement != NULL ? fuzzy_ctl_create(ctx) : NULL;
	if (b->fuzzy == NULL) {
		destroy(b);
		return NULL;
	}
	return b;
}

/* no re-pack at this step: the reactive controller acts */
static int optimize(gm_ctx *ctx)
{
	struct both *b = ctx->state;
	int started = placement_ctl_step(ctx, b->placement);
	if (started < 0)
		return -1;
	return started == 0 ? fuzzy_ctl_step(ctx, b->fuzzy) : 0;
}

static void counts(const gm_ctx *ctx, struct gm_counts *out)
{
	const struct both *b = ctx->state;
	placement_ctl_counts(b->placement, out);
}

static int optimize2010(gm_model2010 *handle)
{
	struct model2010 *m = ctx_model2010(handle);
	int before = m->n_moves;
	if (placement_ctl_2010(m) != 0)
		return -1;
	return m->n_moves == before ? fuzzy_ctl_2010(m) : 0;
}

const struct gm_policy policy_placement_fuzzy = {
	CONTROLLER_POLICY,
	.name = "placement+fuzzy",
	.summary = "the placement controller at its interval, the fuzzy controller at the other steps",
	.reproduces = "Gmach et al. 2009, the two controllers combined (no CloudSim class)",
	.counts = counts,
};
