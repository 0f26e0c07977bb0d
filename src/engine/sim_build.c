/*
 * sim_build: the datacenter a run starts from (part of the sim module, sim_internal.h): the hosts
 * of the experiment's host types with their power models, the VMs of the workload with their
 * traces as fractions, and their memory series where the trace has one.
 */
#include "sim_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "power.h"

int sim_build_hosts(struct sim *s, struct diag *d)
{
	const struct experiment *e = s->e;
	for (int i = 0; i < s->dc->n_hosts; i++) {
		const struct host_type *ht = config_host_type(e, i);
		struct host *h = &s->dc->hosts[i];
		h->id = i;
		h->pes = ht->pes;
		h->pe_mips = ht->mips;
		double total = 0;
		for (int j = 0; j < ht->pes; j++)
			total += ht->mips; /* PeList.getTotalMips sums the PEs */
		h->total_mips = total;
		h->ram_mb = ht->ram_mb;
		h->bw = ht->bw;
		h->storage_mb = ht->storage_mb;
		const struct power_type *pt = power_find(ht->power);
		if (pt == NULL || power_model_init(&h->power, pt, ht->power_max_w, ht->power_static_share) != 0)
			return diag_add(d, e->file[0] ? e->file : NULL, ht->line, 0,
					"host type %s: bad power model '%s' (max %g W, static share %g)",
					ht->name, ht->power, ht->power_max_w, ht->power_static_share);
		if (datacenter_init_host(h, 8) != 0)
			return diag_add(d, NULL, 0, 0, "out of memory");
	}
	return 0;
}

/* The trace's memory series, laid out as the CPU's (doc/memory.md#memory-as-a-resource). */
static int build_memory(struct sim *s, const struct trace_set *t, size_t needed, struct diag *d)
{
	int n = s->dc->n_vms;
	s->mem = malloc((size_t)n * s->n_util * sizeof *s->mem);
	if (s->mem == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	for (int i = 0; i < n; i++) {
		double *m = s->mem + i;
		const double *pct = t->mem[s->w.trace[i]];
		for (size_t k = 0; k < needed; k++)
			m[k * (size_t)n] = pct[k] / 100.0;
		m[needed * (size_t)n] = m[(needed - 1) * (size_t)n];
		s->dc->vms[i].mem = m;
	}
	s->dc->memory = true;
	datacenter_mem_update(s->dc, 0);
	return 0;
}

int sim_build_vms(struct sim *s, const struct trace_set *t, struct diag *d)
{
	const struct experiment *e = s->e;
	const struct workload *w = &s->w;
	int n = s->dc->n_vms;
	/* UtilizationModelPlanetLabInMemory: the samples the run needs, plus a copy of the last. */
	size_t needed = (size_t)ceil(e->limit_s / TRACE_INTERVAL_S);
	if (needed < 1)
		needed = 1;
	if (e->arrivals == ARRIVALS_FILE) {
		for (int i = 0; i < n; i++) {
			long k = w->trace[i];
			if (t->n_samples[k] < needed)
				return diag_add(d, t->sources[k], t->source_lines[k], 0,
						"%zu samples; simulation.limit_s = %g s needs %zu (one per %g s)",
						t->n_samples[k], e->limit_s, needed, TRACE_INTERVAL_S);
		}
	} else {
		struct trace_set view = *t;
		view.n_vms = (size_t)n;
		if (trace_check_samples(&view, needed, d) != 0)
			return -1;
	}
	s->n_util = needed + 1;
	s->util = malloc((size_t)n * s->n_util * sizeof *s->util);
	if (s->util == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	/* sample k of VM i at [k * n + i]: a datacenter update reads one instant's samples of
	 * every VM, side by side */
	for (int i = 0; i < n; i++) {
		double *u = s->util + i;
		const double *pct = t->pct[w->trace[i]];
		for (size_t k = 0; k < needed; k++)
			u[k * (size_t)n] = pct[k] / 100.0;
		u[needed * (size_t)n] = u[(needed - 1) * (size_t)n];
		const struct vm_type *vt = w->type[i];
		struct vm *vm = &s->dc->vms[i];
		vm->id = i;
		vm->uid_hash = vm_uid_hash(i);
		vm->mips = vt->mips;
		vm->pes = vt->pes;
		vm->ram_mb = vt->ram_mb;
		vm->bw = vt->bw;
		vm->size_mb = vt->size_mb;
		vm->host = -1;
		vm->util = u;
		vm->util_stride = (size_t)n;
		vm->n_util = s->n_util;
		vm->interval_s = TRACE_INTERVAL_S;
		vm->length_mi = w->length_mi[i]; /* one PE per cloudlet, as CloudSim's examples */
		vm->dirty_pages_per_s = vt->dirty_pages_per_s >= 0 ? vt->dirty_pages_per_s
								   : e->migration.dirty_pages_per_s;
	}
	return t->mem != NULL ? build_memory(s, t, needed, d) : 0;
}

