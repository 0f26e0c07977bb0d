/*
 * datacenter_mem: memory as a second resource of hosts and VMs (doc/memory.md#memory-as-a-resource),
 * on only when the trace has a memory series (datacenter.memory). A VM's used memory is its
 * trace's memory percentage of its RAM (ram_mb), the sample of the step's instant: sample
 * floor(t / interval), as the CPU's exact case (the engine steps on the trace's grid). It is set
 * for every VM at each scheduling step (datacenter_mem_update) and held until the next. A host's
 * used memory is the sum over its VM list, VMs migrating in included (a migrating VM's memory is
 * on both hosts until it completes), computed when asked: no per-host bookkeeping to drift.
 */
#include "datacenter.h"

#include <math.h>

double vm_mem_at(const struct vm *vm, double t)
{
	if (vm->mem == NULL)
		return 0;
	double k = floor(t / vm->interval_s);
	size_t i = k < 0 ? 0 : k >= (double)vm->n_util ? vm->n_util - 1 : (size_t)k;
	return vm->mem[(i - vm->util_k0) * vm->util_stride] * (double)vm->ram_mb;
}

void datacenter_mem_update(struct datacenter *dc, double now)
{
	for (int v = 0; v < dc->n_vms; v++)
		dc->vms[v].mem_mb = vm_mem_at(&dc->vms[v], now);
}

double host_mem_used(const struct datacenter *dc, const struct host *h)
{
	double used = 0;
	for (int s = 0; s < h->n_slots; s++)
		used += dc->vms[h->slots[s].vm].mem_mb;
	return used;
}

void datacenter_mem_totals(const struct datacenter *dc, double *used_mb, double *host_max)
{
	double total = 0, peak = 0;
	for (int h = 0; h < dc->n_hosts; h++) {
		const struct host *host = &dc->hosts[h];
		if (host->n_slots == 0)
			continue;
		double u = host_mem_used(dc, host);
		total += u;
		if (host->ram_mb > 0 && u / (double)host->ram_mb > peak)
			peak = u / (double)host->ram_mb;
	}
	*used_mb = total;
	*host_max = peak;
}
