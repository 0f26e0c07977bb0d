/*
 * step: the actions a policy takes on CloudSim 3.0.3's engine (<greenmig/policy.h>: gm_migrate,
 * gm_move_tentatively, gm_best_fit, gm_first_fit, gm_switch_off, gm_switch_on). Each action
 * checks what it is given and refuses (-1, gm_ctx_error says why) rather than leave the
 * datacenter in a state CloudSim could not reach.
 */
#include "ctx.h"

#include <stdlib.h>

#include "consolidation.h"

static bool held_off(const struct gm_ctx *ctx, int host)
{
	return ctx->n_held_off > 0 && ctx->held_off[host];
}

int gm_migrate(gm_ctx *ctx, int vm, int host)
{
	struct datacenter *dc = ctx->dc;
	if (!ctx->in_optimize || ctx->cons == NULL)
		return ctx_refuse(ctx, "gm_migrate: only in optimize");
	if (vm < 0 || vm >= dc->n_vms)
		return ctx_refuse(ctx, "gm_migrate: no VM %d (%d VMs)", vm, dc->n_vms);
	if (host < 0 || host >= dc->n_hosts)
		return ctx_refuse(ctx, "gm_migrate: no host %d (%d hosts)", host, dc->n_hosts);
	const struct vm *v = &dc->vms[vm];
	int from = dc->vm_table[vm]; /* where it is: tentative moves leave this as it is */
	if (from < 0 || !v->placed || v->removed)
		return ctx_refuse(ctx, "gm_migrate: VM %d is on no host", vm);
	if (v->in_migration)
		return ctx_refuse(ctx, "gm_migrate: VM %d is migrating already", vm);
	if (consolidation_scheduled(ctx->cons, vm))
		return ctx_refuse(ctx, "gm_migrate: VM %d is scheduled to migrate at this step already", vm);
	if (from == host)
		return ctx_refuse(ctx, "gm_migrate: VM %d is on host %d already", vm, host);
	if (held_off(ctx, host))
		return ctx_refuse(ctx, "gm_migrate: host %d is held off", host);
	/* the run would stop at the migration's start (Host.addMigratingInVm) */
	if (dc->hosts[host].storage_mb < v->size_mb)
		return ctx_refuse(ctx, "gm_migrate: VM %d's image (%ld MB) is larger than host %d's storage",
				  vm, v->size_mb, host);
	consolidation_migrate(ctx->cons, vm, host);
	return 0;
}

int gm_move_tentatively(gm_ctx *ctx, int vm, int host)
{
	struct datacenter *dc = ctx->dc;
	if (!ctx->in_optimize && !ctx->in_target)
		return ctx_refuse(ctx, "gm_move_tentatively: only in optimize or target");
	if (vm < 0 || vm >= dc->n_vms)
		return ctx_refuse(ctx, "gm_move_tentatively: no VM %d (%d VMs)", vm, dc->n_vms);
	struct vm *v = &dc->vms[vm];
	if (v->in_migration)
		return ctx_refuse(ctx, "gm_move_tentatively: VM %d is migrating", vm);
	if (host == -1) {
		if (v->host < 0)
			return ctx_refuse(ctx, "gm_move_tentatively: VM %d is on no host", vm);
		host_vm_destroy(dc, &dc->hosts[v->host], v); /* vmDestroy */
		return 0;
	}
	if (host < 0 || host >= dc->n_hosts)
		return ctx_refuse(ctx, "gm_move_tentatively: no host %d (%d hosts)", host, dc->n_hosts);
	struct host *h = &dc->hosts[host];
	if (host_find_slot(h, vm) >= 0)
		return ctx_refuse(ctx, "gm_move_tentatively: VM %d is on host %d already", vm, host);
	/* vmCreate: as in CloudSim, a VM on another host's list stays there too (host -1 first) */
	if (!host_vm_create(dc, h, v))
		return ctx_refuse(ctx, "gm_move_tentatively: VM %d does not fit on host %d", vm, host);
	return 0;
}

int gm_best_fit(gm_ctx *ctx, const gm_vm *vm, const unsigned char *excluded)
{
	if (ctx->cons == NULL)
		return ctx_refuse(ctx, "gm_best_fit: policy %s migrates no VM (no best fit)", ctx->policy->name);
	if (!ctx->in_optimize && !ctx->in_target && !ctx->in_place)
		return ctx_refuse(ctx, "gm_best_fit: only in optimize, target or place");
	return consolidation_best_fit(ctx->cons, &ctx->dc->vms[ctx_vm(vm)->id], excluded);
}

int gm_first_fit(gm_ctx *ctx, const gm_vm *vm)
{
	/* the scan from host 0, on the datacenter's first-fit index (datacenter_first_fit); with
	 * power states, the hosts that are off come last (doc/power-states.md#placement) */
	const struct vm *v = ctx_vm(vm);
	if (ctx->n_avoid > 0) {
		int h = datacenter_first_fit(ctx->dc, v, ctx->held_off, ctx->avoid, true);
		if (h >= 0)
			return h;
	}
	return datacenter_first_fit(ctx->dc, v, ctx->held_off, ctx->avoid, false);
}

int gm_switch_off(gm_ctx *ctx, int host)
{
	const struct datacenter *dc = ctx->dc;
	if (!ctx->in_optimize)
		return ctx_refuse(ctx, "gm_switch_off: only in optimize");
	if (host < 0 || host >= dc->n_hosts)
		return ctx_refuse(ctx, "gm_switch_off: no host %d (%d hosts)", host, dc->n_hosts);
	const struct host *h = &dc->hosts[host];
	bool empty = h->n_slots == 0 && h->vms_migrating_in.n == 0;
	for (int v = 0; v < dc->n_vms && empty; v++)
		/* its VMs as they are, not as tentatively moved; a VM removed for good (CloudSim's
		 * "completed VMs") keeps its last host in the table but is on none */
		empty = dc->vm_table[v] != host || dc->vms[v].removed;
	if (!empty)
		return ctx_refuse(ctx, "gm_switch_off: host %d has VMs", host);
	if (ctx->held_off == NULL) {
		ctx->held_off = calloc((size_t)dc->n_hosts, 1);
		if (ctx->held_off == NULL)
			return ctx_refuse(ctx, "gm_switch_off: out of memory");
	}
	if (!ctx->held_off[host]) {
		ctx->held_off[host] = 1;
		ctx->n_held_off++;
		datacenter_fit_touch(ctx->dc, host);
	}
	return 0;
}

int gm_switch_on(gm_ctx *ctx, int host)
{
	if (!ctx->in_optimize)
		return ctx_refuse(ctx, "gm_switch_on: only in optimize");
	if (host < 0 || host >= ctx->dc->n_hosts)
		return ctx_refuse(ctx, "gm_switch_on: no host %d (%d hosts)", host, ctx->dc->n_hosts);
	if (held_off(ctx, host)) {
		ctx->held_off[host] = 0;
		ctx->n_held_off--;
		datacenter_fit_touch(ctx->dc, host);
	}
	return 0;
}
