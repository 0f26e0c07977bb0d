/*
 * policy_fuzzy: the fuzzy reactive controller (Gmach et al. 2009;
 * doc/model2010.md#fuzzy-controller), on both engines (controllers.h): every step, overloaded hosts
 * shed the most suitable VM to the least loaded host, and an under-loaded pool empties its least
 * loaded host (fuzzy.h has the table, the rules and the controller); [fuzzy] of the experiment
 * (config.h) sets it. VMs are placed first-fit at t = 0 (MBFD in the 2010 model).
 */
#include <math.h>
#include <stdlib.h>

#include "controllers.h"
#include "ctx.h"
#include "fuzzy.h"
#include "mbfd.h"
#include "policy.h"

/* The controller's pool (fuzzy.h) and its moves, for nh hosts and nv VMs. */
struct fuzzy_ctl {
	double *cap_cpu, *cap_mem, *cpu, *mem, *avail; /* per host */
	unsigned char *on, *target;                    /* per host */
	int *start;                                    /* per host + 1 */
	int *vms, *order, *mv, *mt;                    /* per VM */
	double *vcpu, *vmem;                           /* per VM */
	unsigned char *movable, *moved;                /* per VM */
};

void fuzzy_ctl_destroy(struct fuzzy_ctl *f)
{
	if (f == NULL)
		return;
	free(f->cap_cpu);
	free(f->cap_mem);
	free(f->cpu);
	free(f->mem);
	free(f->avail);
	free(f->on);
	free(f->target);
	free(f->start);
	free(f->vms);
	free(f->order);
	free(f->mv);
	free(f->mt);
	free(f->vcpu);
	free(f->vmem);
	free(f->movable);
	free(f->moved);
	free(f);
}

static struct fuzzy_ctl *alloc_ctl(int n_hosts, int n_vms)
{
	size_t nh = (size_t)(n_hosts > 0 ? n_hosts : 1), nv = (size_t)(n_vms > 0 ? n_vms : 1);
	struct fuzzy_ctl *f = calloc(1, sizeof *f);
	if (f == NULL)
		return NULL;
	f->cap_cpu = calloc(nh, sizeof *f->cap_cpu);
	f->cap_mem = calloc(nh, sizeof *f->cap_mem);
	f->cpu = calloc(nh, sizeof *f->cpu);
	f->mem = calloc(nh, sizeof *f->mem);
	f->avail = calloc(nh, sizeof *f->avail);
	f->on = calloc(nh, 1);
	f->target = calloc(nh, 1);
	f->start = calloc(nh + 1, sizeof *f->start);
	f->vms = calloc(nv, sizeof *f->vms);
	f->order = calloc(nv, sizeof *f->order);
	f->mv = calloc(nv, sizeof *f->mv);
	f->mt = calloc(nv, sizeof *f->mt);
	f->vcpu = calloc(nv, sizeof *f->vcpu);
	f->vmem = calloc(nv, sizeof *f->vmem);
	f->movable = calloc(nv, 1);
	f->moved = calloc(nv, 1);
	if (!f->cap_cpu || !f->cap_mem || !f->cpu || !f->mem || !f->avail || !f->on || !f->target || !f->start ||
	    !f->vms || !f->order || !f->mv || !f->mt || !f->vcpu || !f->vmem || !f->movable || !f->moved) {
		fuzzy_ctl_destroy(f);
		return NULL;
	}
	return f;
}

/* fuzzy_control on the pool as filled: the moves in f->mv, f->mt; their count. */
static int control(struct fuzzy_ctl *f, const struct experiment *e, int n_hosts, int n_vms)
{
	struct fuzzy_settings s = { e->fuzzy.overload, e->fuzzy.memory_overload, e->fuzzy.underload,
				    e->fuzzy.memory_underload, e->fuzzy.max_moves };
	struct fuzzy_pool p = { n_hosts, n_vms, f->cap_cpu, f->cap_mem, f->cpu, f->mem, f->avail, f->on, f->target,
				f->start, f->vms, f->vcpu, f->vmem, f->movable, f->moved, f->order,
				&e->network.params, e->network.target };
	return fuzzy_control(&s, &p, f->mv, f->mt);
}

/* ---- CloudSim 3.0.3's engine ---- */

struct fuzzy_ctl *fuzzy_ctl_create(gm_ctx *ctx)
{
	struct fuzzy_ctl *f = alloc_ctl(ctx->dc->n_hosts, ctx->dc->n_vms);
	if (f == NULL)
		ctx_fail(ctx, "out of memory");
	return f;
}

/* every scheduling step, on the hosts' cached utilization, their RAM in use and the VMs'
 * requests; a target also needs the VM's request free in its scheduler (CloudSim's admission) */
int fuzzy_ctl_step(gm_ctx *ctx, struct fuzzy_ctl *f)
{
	const struct datacenter *dc = ctx->dc;
	int k = 0;
	for (int h = 0; h < dc->n_hosts; h++) {
		const struct host *host = &dc->hosts[h];
		f->cap_cpu[h] = host->total_mips;
		f->cap_mem[h] = (double)host->ram_mb;
		f->cpu[h] = host->utilization_mips;
		/* RAM held; with a memory series the memory used (doc/memory.md#the-controllers) */
		f->mem[h] = dc->memory ? host_mem_used(dc, host) : (double)(host->ram_mb - host->ram_free);
		f->avail[h] = host->available_mips;
		f->on[h] = host->n_slots > 0;
		f->start[h] = k;
		for (int s = 0; s < host->n_slots; s++) {
			const struct vm *vm = &dc->vms[host->slots[s].vm];
			if (idlist_has(&host->vms_migrating_in, vm->id))
				continue; /* on its way in: it counts where it comes from */
			f->vms[k++] = vm->id;
			f->vcpu[vm->id] = vm_req_total(vm);
			f->vmem[vm->id] = dc->memory ? vm->mem_mb : (double)vm->ram_mb;
			f->movable[vm->id] = !vm->in_migration;
		}
	}
	f->start[dc->n_hosts] = k;
	int n = control(f, ctx->e, dc->n_hosts, dc->n_vms);
	for (int i = 0; i < n; i++)
		if (gm_migrate(ctx, f->mv[i], f->mt[i]) != 0) {
			ctx_fail(ctx, "%s", ctx->error);
			return -1;
		}
	return 0;
}

static void *create(gm_ctx *ctx)
{
	return fuzzy_ctl_create(ctx);
}

static void destroy(void *state)
{
	fuzzy_ctl_destroy(state);
}

static int optimize(gm_ctx *ctx)
{
	return fuzzy_ctl_step(ctx, ctx->state);
}

/* ---- The 2010 model: allocations, drawn demands; no admission ---- */

int fuzzy_ctl_2010(struct model2010 *m)
{
	struct fuzzy_ctl *f = alloc_ctl(m->n_hosts, m->n_vms);
	if (f == NULL)
		return -1;
	int k = 0;
	for (int h = 0; h < m->n_hosts; h++) {
		const struct m10_host *host = &m->hosts[h];
		f->cap_cpu[h] = host->cap;
		f->cap_mem[h] = (double)host->ram_mb;
		f->cpu[h] = host->alloc;
		f->mem[h] = (double)host->ram_used;
		f->avail[h] = INFINITY;
		f->on[h] = host->n > 0;
		f->start[h] = k;
		for (int i = 0; i < host->n; i++)
			f->vms[k++] = host->vms[i];
	}
	f->start[m->n_hosts] = k;
	for (int v = 0; v < m->n_vms; v++) {
		const struct m10_vm *vm = &m->vms[v];
		f->vcpu[v] = vm->demand;
		f->vmem[v] = (double)vm->ram_mb;
		f->movable[v] = vm->running && !vm->migrating && !vm->fresh;
	}
	int n = control(f, m->e, m->n_hosts, m->n_vms);
	for (int i = 0; i < n; i++)
		model2010_emit(m, f->mv[i], f->mt[i]);
	fuzzy_ctl_destroy(f);
	return 0;
}

static int optimize2010(gm_model2010 *m)
{
	return fuzzy_ctl_2010(ctx_model2010(m));
}

const struct gm_policy policy_fuzzy = {
	CONTROLLER_POLICY,
	.name = "fuzzy",
	.summary = "fuzzy reactive controller: overloaded hosts shed the most suitable VM to the least "
		   "loaded host, an under-loaded pool empties its least loaded host",
	.reproduces = "Gmach et al. 2009 (no CloudSim class)",
};
