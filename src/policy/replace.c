/*
 * replace: ST's and MM's re-placement pass; see replace.h.
 */
#include "replace.h"

#include <stdlib.h>

#include "consolidation.h"
#include "ctx.h"

void *replace_create(gm_ctx *ctx)
{
	size_t nv = ctx_vms_size(ctx);
	struct replace *r = calloc(1, sizeof *r);
	if (r != NULL) {
		r->vms = malloc(nv * sizeof *r->vms);
		r->old = malloc(nv * sizeof *r->old);
		r->cand = malloc(nv * sizeof *r->cand);
	}
	if (r == NULL || !r->vms || !r->old || !r->cand) {
		replace_destroy(r);
		ctx_fail(ctx, "out of memory");
		return NULL;
	}
	return r;
}

void replace_destroy(void *state)
{
	struct replace *r = state;
	if (r == NULL)
		return;
	free(r->vms);
	free(r->old);
	free(r->cand);
	free(r);
}

/* An action that cannot be refused here (the pass checked what it asks): the run ends if it is. */
static int must(gm_ctx *ctx, int rc)
{
	if (rc != 0)
		ctx_fail(ctx, "%s", ctx->error);
	return rc;
}

int replace_all(gm_ctx *ctx, struct replace *r, bool readd_stay)
{
	const struct datacenter *dc = ctx->dc;
	for (int k = 0; k < r->n; k++) {
		int v = r->vms[k];
		r->old[v] = dc->vms[v].host;
		if (must(ctx, gm_move_tentatively(ctx, v, -1)) != 0)
			return -1;
	}
	/* (the public view has no trace utilization at now: the engine's sort, as CloudSim's) */
	consolidation_sort_by_utilization(ctx->cons, r->vms, r->n);
	for (int k = 0; k < r->n; k++) {
		int v = r->vms[k];
		int old = r->old[v];
		int h = gm_best_fit(ctx, gm_vm_of(&dc->vms[v]), NULL);
		if (h >= 0 && h != old) {
			gm_move_tentatively(ctx, v, h); /* (found suitable: it fits) */
			if (must(ctx, gm_migrate(ctx, v, h)) != 0)
				return -1;
		} else if (readd_stay) {
			gm_move_tentatively(ctx, v, old);
		}
	}
	return 0;
}
