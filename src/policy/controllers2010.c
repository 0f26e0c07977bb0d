/*
 * controllers2010: the seed paper's controllers in the 2010 model; see controllers2010.h.
 */
#include "controllers2010.h"

#include <math.h>
#include <stdlib.h>

#include "fuzzy.h"
#include "placement.h"

int controllers2010_placement(struct model2010 *m)
{
	const struct experiment *e = m->e;
	if (m->t < m->next_placement || m->history_fill == 0)
		return 0;
	while (m->next_placement <= m->t)
		m->next_placement += e->placement.interval_s;
	int n = 0;
	for (int v = 0; v < m->n_vms; v++)
		if (m->vms[v].running && m->vms[v].host >= 0 && !m->vms[v].migrating && !m->vms[v].fresh)
			m->list[n++] = v;
	if (n == 0)
		return 0;
	int w = m->history_fill, rc = 0;
	double *cpu = malloc((size_t)n * (size_t)w * sizeof *cpu), *mem = malloc((size_t)n * sizeof *mem);
	double *capc = malloc((size_t)m->n_hosts * sizeof *capc), *capm = malloc((size_t)m->n_hosts * sizeof *capm);
	int *cur = malloc((size_t)n * sizeof *cur), *out = malloc((size_t)n * sizeof *out);
	if (!cpu || !mem || !capc || !capm || !cur || !out) {
		rc = -1;
		goto done;
	}
	for (int i = 0; i < n; i++) {
		int v = m->list[i];
		/* the ring, oldest first */
		for (int t = 0; t < w; t++) {
			int pos = (m->history_pos - w + t + 2 * m->window) % m->window;
			cpu[(size_t)i * (size_t)w + (size_t)t] = m->demand_history[(size_t)v * (size_t)m->window + (size_t)pos];
		}
		mem[i] = (double)m->vms[v].ram_mb;
		cur[i] = m->vms[v].host;
	}
	for (int h = 0; h < m->n_hosts; h++) {
		capc[h] = m->hosts[h].cap;
		capm[h] = (double)m->hosts[h].ram_mb;
	}
	struct placement_instance in = { n, m->n_hosts, w, cpu, mem, capc, capm, e->placement.max_util, cur,
					 e->placement.max_migrations };
	struct placement_params pp = { e->placement.population, e->placement.generations, e->placement.stagnation,
				       e->placement.p_mutation };
	struct placement_result r;
	if (placement_search(&in, &pp, &m->rng, out, &r) != 0) {
		rc = -1;
		goto done;
	}
	m->placement_invocations++;
	if (!r.feasible) {
		m->placement_infeasible++;
		goto done;
	}
	m->placement_hosts_sum += r.servers;
	m->placement_planned += r.migrations;
	for (int i = 0; i < n; i++) {
		if (out[i] != cur[i]) {
			model2010_emit(m, m->list[i], out[i]);
			m->placement_done++;
		}
	}
done:
	free(cpu);
	free(mem);
	free(capc);
	free(capm);
	free(cur);
	free(out);
	return rc;
}

int controllers2010_fuzzy(struct model2010 *m)
{
	const struct experiment *e = m->e;
	size_t nh = (size_t)m->n_hosts, nv = (size_t)m->n_vms;
	double *capc = malloc(nh * sizeof *capc), *capm = malloc(nh * sizeof *capm), *cpu = malloc(nh * sizeof *cpu);
	double *mem = malloc(nh * sizeof *mem), *avail = malloc(nh * sizeof *avail);
	unsigned char *on = malloc(nh), *target = malloc(nh), *movable = malloc(nv), *moved = malloc(nv);
	int *start = malloc((nh + 1) * sizeof *start), *vms = malloc(nv * sizeof *vms), *order = malloc(nv * sizeof *order);
	double *vcpu = malloc(nv * sizeof *vcpu), *vmem = malloc(nv * sizeof *vmem);
	int *mv = malloc(nv * sizeof *mv), *mt = malloc(nv * sizeof *mt);
	int rc = 0;
	if (!capc || !capm || !cpu || !mem || !avail || !on || !target || !movable || !moved || !start || !vms ||
	    !order || !vcpu || !vmem || !mv || !mt) {
		rc = -1;
		goto done;
	}
	int k = 0;
	for (int h = 0; h < m->n_hosts; h++) {
		const struct m10_host *host = &m->hosts[h];
		capc[h] = host->cap;
		capm[h] = (double)host->ram_mb;
		cpu[h] = host->alloc;
		mem[h] = (double)host->ram_used;
		avail[h] = INFINITY;
		on[h] = host->n > 0;
		start[h] = k;
		for (int i = 0; i < host->n; i++)
			vms[k++] = host->vms[i];
	}
	start[m->n_hosts] = k;
	for (int v = 0; v < m->n_vms; v++) {
		const struct m10_vm *vm = &m->vms[v];
		vcpu[v] = vm->demand;
		vmem[v] = (double)vm->ram_mb;
		movable[v] = vm->running && !vm->migrating && !vm->fresh;
	}
	struct fuzzy_settings s = { e->fuzzy.overload, e->fuzzy.memory_overload, e->fuzzy.underload,
				    e->fuzzy.memory_underload, e->fuzzy.max_moves };
	struct fuzzy_pool p = { m->n_hosts, m->n_vms, capc, capm, cpu, mem, avail, on, target, start, vms,
				vcpu, vmem, movable, moved, order };
	int n = fuzzy_control(&s, &p, mv, mt);
	for (int i = 0; i < n; i++)
		model2010_emit(m, mv[i], mt[i]);
done:
	free(capc);
	free(capm);
	free(cpu);
	free(mem);
	free(avail);
	free(on);
	free(target);
	free(movable);
	free(moved);
	free(start);
	free(vms);
	free(order);
	free(vcpu);
	free(vmem);
	free(mv);
	free(mt);
	return rc;
}
