/*
 * mbfd: Modified Best Fit Decreasing (doc/model2010.md#mbfd; Beloglazov & Buyya 2010,
 * CloudSim 2.x PowerVmAllocationPolicy*.findHostForVm).
 */
#include "mbfd.h"

#include <float.h>
#include <math.h>

int mbfd_find(const struct model2010 *m, double demand, long ram, double bound,
	      const unsigned char *exclude)
{
	int best = -1;
	double best_dp = INFINITY;
	for (int h = 0; h < m->n_hosts; h++) {
		if (exclude != NULL && exclude[h])
			continue;
		const struct m10_host *host = &m->hosts[h];
		double load = m->load[h];
		if (host->cap - load < demand)
			continue; /* not enough free MIPS */
		if (m->ram[h] + ram > host->ram_mb)
			continue;
		double after = (load + demand) / host->cap;
		if (after > bound)
			continue; /* would exceed the admissible utilization */
		double dp = power_watts(&host->power, after) - power_watts(&host->power, load / host->cap);
		if (dp < best_dp) {
			best_dp = dp;
			best = h;
		}
	}
	return best;
}

int mbfd_place(gm_model2010 *handle, int v)
{
	const struct model2010 *m = ctx_model2010(handle);
	return mbfd_find(m, m->vms[v].demand, m->vms[v].ram_mb, 1.0, NULL);
}

void mbfd_sort(const struct model2010 *m, int *vms, int n)
{
	/* insertion sort: stable, and the lists are a few hundred VMs at most per tick */
	for (int i = 1; i < n; i++) {
		int v = vms[i];
		double d = m->vms[v].demand;
		int j = i - 1;
		while (j >= 0 && (m->vms[vms[j]].demand < d || (m->vms[vms[j]].demand == d && vms[j] > v))) {
			vms[j + 1] = vms[j];
			j--;
		}
		vms[j + 1] = v;
	}
}

void mbfd_state(struct model2010 *m, const unsigned char *skip)
{
	for (int h = 0; h < m->n_hosts; h++) {
		const struct m10_host *host = &m->hosts[h];
		double load = 0;
		long ram = host->ram_used;
		for (int k = 0; k < host->n; k++) {
			int v = host->vms[k];
			if (skip != NULL && skip[v]) {
				ram -= m->vms[v].ram_mb;
				continue;
			}
			load += m->vms[v].demand;
		}
		m->load[h] = load;
		m->ram[h] = ram;
	}
}
