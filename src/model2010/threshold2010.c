/*
 * threshold2010: the double-threshold loop of MM, HPG and RC (Beloglazov's pre-3.0
 * PowerVmAllocationPolicyDoubleThreshold*; doc/model2010.md#mm with greenmig's choices
 * doc/model2010.md#q5 and doc/model2010.md#q6: unrestricted targets, partial evacuation of
 * under-loaded hosts).
 */
#include "threshold2010.h"

#include "mbfd.h"

int threshold2010_optimize(struct model2010 *m, threshold2010_pick pick)
{
	return threshold2010_optimize_ex(m, pick, NULL, NULL);
}

int threshold2010_optimize_ex(struct model2010 *m, threshold2010_pick pick, const unsigned char *evacuate,
			      const unsigned char *exclude)
{
	double lower = m->param[0], upper = m->param[1];
	int n_sel = 0;
	for (int v = 0; v < m->n_vms; v++)
		m->vflag[v] = 0;
	int *cand = m->list2; /* one host's candidates */
	for (int h = 0; h < m->n_hosts; h++) {
		const struct m10_host *host = &m->hosts[h];
		double u = host->alloc;
		int n = 0;
		for (int k = 0; k < host->n; k++) {
			const struct m10_vm *vm = &m->vms[host->vms[k]];
			if (!vm->migrating && !vm->fresh)
				cand[n++] = host->vms[k];
		}
		if ((evacuate != NULL && evacuate[h]) || u < lower * host->cap) {
			for (int i = 0; i < n; i++) {
				m->vflag[cand[i]] = 1;
				m->list[n_sel++] = cand[i];
			}
		} else if (u > upper * host->cap) {
			while (u > upper * host->cap) {
				int i = pick(m, cand, n, u - upper * host->cap);
				if (i < 0)
					break;
				int v = cand[i];
				m->vflag[v] = 1;
				m->list[n_sel++] = v;
				u -= m->vms[v].demand;
				for (int j = i; j < n - 1; j++)
					cand[j] = cand[j + 1];
				n--;
			}
		}
	}
	mbfd_state(m, m->vflag);
	mbfd_sort(m, m->list, n_sel);
	for (int i = 0; i < n_sel; i++) {
		int v = m->list[i];
		const struct m10_vm *vm = &m->vms[v];
		int h = mbfd_find(m, vm->demand, vm->ram_mb, upper, exclude);
		if (h < 0)
			h = vm->host; /* no admissible host: it stays */
		m->load[h] += vm->demand;
		m->ram[h] += vm->ram_mb;
		if (h != vm->host)
			model2010_emit(m, v, h);
	}
	return 0;
}
