/*
 * policy_drr: Dynamic Round-Robin (Lin, Liu, Wu, IEEE CLOUD 2011), spec algorithms.md 6.1-6.2
 * with the recommended choices of Q9, in the 2010 model:
 *   - placement: round robin over the hosts in id order from a pointer: a VM goes to the next
 *     host that is not retiring and has the VM's nominal MIPS free (capacity minus the nominal
 *     MIPS of its VMs), and the pointer moves past it; no such host: the VM is not placed;
 *   - rule 1: a host that lost a VM this tick (its cloudlet finished) while others still run
 *     becomes retiring: it accepts no new or migrated VM;
 *   - rule 2: a host retiring for at least R seconds (--param, default 60) sends its VMs
 *     (largest nominal MIPS first) round robin to hosts that are on and not retiring, with the
 *     nominal MIPS free; if none has room, the lowest-id host that is off is switched on for it
 *     (policy.drr_power_on = yes, the default; no: the VM stays); the host is off once empty.
 * Counted: hosts that became retiring, retiring hosts emptied by the threshold, retiring hosts
 * whose last VM finished on its own. DRR packs by nominal MIPS, so it never over-commits.
 */
#include "model2010.h"
#include "policy.h"

/* Nominal MIPS of the VMs on h, and of those on their way to it (cloudsim21). */
static void nominal_loads(struct model2010 *m)
{
	for (int h = 0; h < m->n_hosts; h++) {
		double load = 0;
		const struct m10_host *host = &m->hosts[h];
		for (int k = 0; k < host->n; k++)
			load += m->vms[host->vms[k]].mips;
		m->load[h] = load;
		m->ram[h] = host->ram_used;
	}
	for (int v = 0; v < m->n_vms; v++)
		if (m->vms[v].migrating)
			m->load[m->vms[v].target] += m->vms[v].mips;
}

/* The next host from the pointer, not retiring, on (or any, if !on_only), with room for v. */
static int round_robin(struct model2010 *m, int v, bool on_only, int except)
{
	const struct m10_vm *vm = &m->vms[v];
	for (int k = 0; k < m->n_hosts; k++) {
		int h = (m->rr_next + k) % m->n_hosts;
		const struct m10_host *host = &m->hosts[h];
		if (h == except || host->state == M10_RETIRING)
			continue;
		if (on_only && !(m->load[h] > 0))
			continue;
		if (host->cap - m->load[h] < vm->mips || m->ram[h] + vm->ram_mb > host->ram_mb)
			continue;
		m->rr_next = (h + 1) % m->n_hosts;
		return h;
	}
	return -1;
}

/* At t = 0 the model keeps m->load (the VMs' full demands: their nominal MIPS) and m->ram. */
static int drr_place(struct model2010 *m, int v)
{
	return round_robin(m, v, false, -1);
}

/* Whether VM x goes before VM y: larger nominal MIPS first, then lower id. */
static bool before(const struct model2010 *m, int x, int y)
{
	double dx = m->vms[x].mips, dy = m->vms[y].mips;
	return dx != dy ? dx > dy : x < y;
}

/* Insertion sort by nominal MIPS decreasing, then id (a host carries a handful of VMs). */
static void sort_by_mips(struct model2010 *m, int *vms, int n)
{
	for (int i = 1; i < n; i++) {
		int x = vms[i];
		int j = i - 1;
		while (j >= 0 && before(m, x, vms[j])) {
			vms[j + 1] = vms[j];
			j--;
		}
		vms[j + 1] = x;
	}
}

static int drr_optimize(struct model2010 *m)
{
	double threshold = m->param[0];
	for (int h = 0; h < m->n_hosts; h++) {
		struct m10_host *host = &m->hosts[h];
		if (host->n == 0) {
			if (host->state == M10_RETIRING) {
				if (host->evacuating)
					m->hosts_evacuated++;
				else
					m->hosts_drained++;
			}
			host->state = M10_ACTIVE; /* off */
			host->evacuating = false;
			continue;
		}
		if (m->flag[h] && host->state == M10_ACTIVE) { /* rule 1 */
			host->state = M10_RETIRING;
			host->retiring_since = m->t;
			m->hosts_retired++;
		}
	}
	nominal_loads(m);
	for (int h = 0; h < m->n_hosts; h++) {
		struct m10_host *host = &m->hosts[h];
		if (host->state != M10_RETIRING || host->evacuating || m->t - host->retiring_since < threshold)
			continue;
		int n = 0;
		for (int k = 0; k < host->n; k++)
			if (!m->vms[host->vms[k]].migrating)
				m->list[n++] = host->vms[k];
		sort_by_mips(m, m->list, n);
		for (int i = 0; i < n; i++) { /* rule 2 */
			int v = m->list[i];
			int target = round_robin(m, v, true, h);
			if (target < 0 && m->e->drr_power_on) {
				for (int o = 0; o < m->n_hosts; o++) {
					const struct m10_host *off = &m->hosts[o];
					if (o != h && off->state == M10_ACTIVE && !(m->load[o] > 0) &&
					    off->cap >= m->vms[v].mips && off->ram_mb >= m->vms[v].ram_mb) {
						target = o;
						break;
					}
				}
			}
			if (target < 0)
				continue;
			m->load[target] += m->vms[v].mips;
			m->ram[target] += m->vms[v].ram_mb;
			model2010_emit(m, v, target);
			host->evacuating = true;
		}
	}
	return 0;
}

const struct policy policy_drr = {
	.name = "drr",
	.summary = "dynamic round-robin: retiring hosts, evacuated after --param seconds",
	.cloudsim = "Lin, Liu, Wu, IEEE CLOUD 2011 (no CloudSim class)",
	.param_help = "a retirement threshold in seconds >= 0",
	.default_param = "60",
	.energy = ENERGY_UTILIZATION,
	.migrations = true,
	.models = POLICY_2010 | POLICY_CLOUDSIM3,
	.consolidation = CONSOLIDATION_DRR,
	.n_params = 1,
	.param_min = 0,
	.param_max = 1e9,
	.place2010 = drr_place,
	.optimize2010 = drr_optimize,
};
