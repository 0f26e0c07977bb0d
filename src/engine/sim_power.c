/*
 * sim_power: the energy accounting of a run (CloudSim 3.0.3's PowerHost.getEnergyLinearInterpolation
 * summed by PowerDatacenter, W*s), and the models off by default that refine it: power states
 * (pstate.h, doc/power-states.md), power parts (doc/power-parts.md), the facility's PUE, carbon and
 * price (facility.h, doc/facility.md) and per-VM energy (doc/power-parts.md#per-vm-energy). The
 * event loop (sim.c) calls these at each datacenter update; the timeline rows are written here.
 */
#include "sim_internal.h"

#include "datacenter_power.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "power.h"
#include "pstate.h"

/* [facility]: its parameters and series. */
int sim_init_facility(struct sim *s, struct diag *d)
{
	const struct experiment *e = s->e;
	s->fac = true;
	s->fp = e->facility.pue;
	if (s->fp.design_w == 0)
		for (int i = 0; i < s->dc->n_hosts; i++)
			s->fp.design_w += power_watts(&s->dc->hosts[i].power, 1.0);
	int rc = e->facility.carbon_file[0] ? series_read(&s->carbon, e->facility.carbon_file, d)
					    : series_constant(&s->carbon, e->facility.carbon_g_per_kwh);
	if (rc != 0)
		return e->facility.carbon_file[0] ? -1 : diag_add(d, NULL, 0, 0, "out of memory");
	rc = e->facility.price_file[0] ? series_read(&s->price, e->facility.price_file, d)
				       : series_constant(&s->price, e->facility.price_per_kwh);
	if (rc != 0)
		return e->facility.price_file[0] ? -1 : diag_add(d, NULL, 0, 0, "out of memory");
	return 0;
}

/* [power] parts: each host's parts and DRAM, checked against its idle power. */
int sim_init_parts(struct sim *s, struct diag *d)
{
	const struct experiment *e = s->e;
	size_t nh = (size_t)(s->dc->n_hosts > 0 ? s->dc->n_hosts : 1);
	s->parts = malloc(nh * sizeof *s->parts);
	s->mem_gb = malloc(nh * sizeof *s->mem_gb);
	if (s->parts == NULL || s->mem_gb == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	for (int i = 0; i < s->dc->n_hosts; i++) {
		const struct host_type *ht = config_host_type(e, i);
		const struct power_parts_params *pp = &ht->parts;
		struct host *h = &s->dc->hosts[i];
		s->parts[i] = pp;
		s->mem_gb[i] = pp->mem_gb >= 0 ? pp->mem_gb : (double)h->ram_mb / 1024;
		const char *file = e->file[0] ? e->file : NULL;
		double fixed = power_parts_fixed_w(pp, s->mem_gb[i]);
		double idle_dc = power_idle_watts(&h->power) * pp->psu_efficiency;
		if (fixed > idle_dc)
			return diag_add(d, file, ht->line, 0,
					"host type %s: its parts other than the CPU draw %g W (DC), more than its "
					"idle power x psu_efficiency (%g W): lower platform_w, mem_w_per_gb, "
					"disk_idle_w or nic_w", ht->name, fixed, idle_dc);
		if (pp->mem_sr_w_per_gb > pp->mem_w_per_gb || pp->disk_standby_w > pp->disk_idle_w ||
		    pp->nic_lpi_w > pp->nic_w)
			return diag_add(d, file, ht->line, 0,
					"host type %s: a low-power state draws more than the active one "
					"(mem_sr_w_per_gb <= mem_w_per_gb, disk_standby_w <= disk_idle_w, "
					"nic_lpi_w <= nic_w)", ht->name);
	}
	return 0;
}

/* Brings host h's placement mark and stall flag in line with its state. */
void sim_ps_mark(struct sim *s, int h)
{
	const struct pstate_host *p = &s->ps[h];
	unsigned char a = pstate_is_off(p);
	if (a != s->avoid[h]) {
		s->ctx.n_avoid += a ? 1 : -1;
		s->avoid[h] = a;
		datacenter_fit_touch(s->dc, h); /* the first-fit index's avoided hosts */
	}
	s->dc->hosts[h].stalled = p->state != PSTATE_ON;
}

/* Host h gets a VM at `now`: powered on if it is not. Returns how long the VM waits (0 if on). */
double sim_ps_want(struct sim *s, int h, double now)
{
	s->empty_since[h] = NAN;
	double ready = pstate_power_on(&s->ps[h], &s->pp[h], now);
	sim_ps_mark(s, h);
	return ready > now ? ready - now : 0;
}

/* The on hosts without VMs (none placed, none migrating in) for idle_before_s go down at `now`. */
void sim_ps_idle_check(struct sim *s, double now)
{
	const struct datacenter *dc = s->dc;
	for (int h = 0; h < dc->n_hosts; h++) {
		if (s->ps[h].state != PSTATE_ON)
			continue;
		const struct host *host = &dc->hosts[h];
		if (host->n_slots > 0 || host->vms_migrating_in.n > 0) {
			s->empty_since[h] = NAN;
			continue;
		}
		if (isnan(s->empty_since[h]))
			s->empty_since[h] = now;
		if (now - s->empty_since[h] >= s->e->pstates.idle_before_s) {
			pstate_power_down(&s->ps[h], &s->pp[h], now, s->e->pstates.idle_sleep);
			s->empty_since[h] = NAN;
			sim_ps_mark(s, h);
		}
	}
}

/* The earliest time a boot or wake under way ends (DBL_MAX: none). */
double sim_ps_next(const struct sim *s)
{
	double t = DBL_MAX;
	for (int h = 0; h < s->dc->n_hosts; h++) {
		double r = pstate_ready_at(&s->ps[h], &s->pp[h]);
		if (r < t)
			t = r;
	}
	return t;
}

/* Energy of an on host over dt while its utilization goes from `from` to `to` (CloudSim's
 * trapezoid, with the idle power at 0 %: an on host without load is not off). */
static double on_energy(const struct host *h, double from, double to, double dt)
{
	double pf = power_on_watts(&h->power, from);
	double pt = power_on_watts(&h->power, to);
	return (pf + (pt - pf) / 2) * dt;
}

/*
 * [power] parts: host h's energy ws over an interval of dt s (as computed without parts) lowered
 * by the saving of its parts powered down, and split into parts (doc/power-parts.md). p_from and
 * p_to: its wall power at the interval's ends as charged (0 at an end where it counts as off).
 * The saving holds through the interval: the VM list changes only at update instants, after the
 * energy. The CPU part is the residual, so that the parts add up to ws.
 */
static double parts_apply(struct sim *s, int h, double p_from, double p_to, double dt, double ws,
			  double *sw_out)
{
	const struct host *host = &s->dc->hosts[h];
	const struct power_parts_params *pp = s->parts[h];
	struct power_parts_use use;
	use.ram_used_gb = (double)(host->ram_mb - host->ram_free) / 1024;
	use.has_vms = host->n_slots > 0 || host->vms_migrating_in.n > 0;
	use.migrating = host->vms_migrating_in.n > 0;
	for (int i = 0; i < host->n_slots && !use.migrating; i++)
		use.migrating = s->dc->vms[host->slots[i].vm].in_migration;
	double saving[PART_N];
	double sw = power_parts_saving(pp, s->mem_gb[h], &use, s->e->pstates.down_memory,
				       s->e->pstates.down_disk, s->e->pstates.down_nic, saving) /
		    pp->psu_efficiency;
	if (sw > 0) {
		double on_ends = (p_from > 0 ? 1 : 0) + (p_to > 0 ? 1 : 0);
		double saved = sw * on_ends / 2 * dt;
		ws -= saved;
		s->saved_ws += saved;
	}
	*sw_out = sw;
	double a[PART_N], b[PART_N];
	power_parts_split(pp, s->mem_gb[h], p_from > 0 ? p_from - sw : 0, saving, a);
	power_parts_split(pp, s->mem_gb[h], p_to > 0 ? p_to - sw : 0, saving, b);
	double others = 0;
	for (int k = PART_CPU + 1; k < PART_STANDBY; k++) {
		double e = (a[k] + b[k]) / 2 * dt;
		s->part_ws[k] += e;
		others += e;
	}
	s->part_ws[PART_CPU] += ws - others;
	return ws;
}

/*
 * [power] vm_energy: host h's energy ws of an interval shared among the VMs on its list
 * (doc/power-parts.md#per-vm-energy): idle_ws (its idle power over the interval, as charged) by
 * each VM's MIPS capacity, the rest by each VM's allocated MIPS at the interval's end (by
 * capacity if none is allocated). wait: the host was not on (the VMs waited on it): all of ws
 * by capacity. A host without VMs: unattributed.
 */
static void vm_attribute(struct sim *s, int h, double ws, double idle_ws, bool wait)
{
	if (ws == 0)
		return;
	const struct host *host = &s->dc->hosts[h];
	if (host->n_slots == 0) {
		s->unattributed_ws += ws;
		return;
	}
	if (idle_ws > ws)
		idle_ws = ws;
	double cap = 0, use = 0;
	for (int i = 0; i < host->n_slots; i++) {
		const struct vm *vm = &s->dc->vms[host->slots[i].vm];
		cap += vm->mips * vm->pes;
		use += host->slots[i].alloc_total;
	}
	for (int i = 0; i < host->n_slots; i++) {
		const struct vm *vm = &s->dc->vms[host->slots[i].vm];
		struct vm_energy *x = &s->vme[vm->id];
		double c = vm->mips * vm->pes / cap;
		if (wait) {
			x->wait_ws += ws * c;
			continue;
		}
		x->idle_ws += idle_ws * c;
		x->dynamic_ws += (ws - idle_ws) * (use > 0 ? host->slots[i].alloc_total / use : c);
	}
}

/* [facility]: the facility energy, emissions and cost of it_ws of IT energy over [t0, t1] (the
 * IT power taken as constant over it; the intensity and the price as their series give them). */
void sim_fac_account(struct sim *s, double it_ws, double t0, double t1)
{
	double dt = t1 - t0;
	if (!s->fac || !(dt > 0))
		return;
	double f = facility_ws(&s->fp, it_ws, dt);
	s->facility_ws += f;
	double w = f / dt;
	s->co2_g += w * series_integral(&s->carbon, t0, t1) / (3600 * 1000);
	s->cost += w * series_integral(&s->price, t0, t1) / (3600 * 1000);
}

/*
 * dc_update's energy of [lastProcessTime, now] with power states: an on host by its power model
 * (its secure migrations' crypto and migration energy as without states), any other by its state
 * (pstate_advance, which completes the transitions ending by now). The hosts that come on at now
 * go to s->woke (*n_woke). -1 with *err set if a host is above 100 %.
 */
double sim_ps_energy(struct sim *s, double now, double dt, int *n_woke, struct diag *d, int *err)
{
	struct datacenter *dc = s->dc;
	double frame = 0;
	*n_woke = 0;
	for (int h = 0; h < dc->n_hosts; h++) {
		struct host *host = &dc->hosts[h];
		struct pstate_host *p = &s->ps[h];
		if (p->state != PSTATE_ON) {
			double ws = pstate_advance(p, &s->pp[h], s->last_process_time, now,
						   power_idle_watts(&host->power));
			if (s->parts != NULL)
				s->part_ws[PART_STANDBY] += ws;
			if (s->vme != NULL)
				vm_attribute(s, h, ws, 0, true);
			frame += ws;
			if (p->state == PSTATE_ON)
				s->woke[(*n_woke)++] = h;
			sim_ps_mark(s, h);
			continue;
		}
		double from = 0, to = 0;
		if (!dc->quiet[h]) {
			from = host_previous_utilization(host);
			to = host_utilization(host);
		}
		if (from > 1 || to > 1) {
			*err = diag_add(d, NULL, 0, 0,
					"t=%.2f s: host %d utilization %.4f is above 100 %% (CloudSim stops here)",
					now, h, from > to ? from : to);
			return frame;
		}
		double ws = on_energy(host, from, to, dt);
		if (host->security_mips > 1e-9) {
			double x = host->security_mips / host->total_mips;
			double sf = from + x > 1 ? 1 : from + x, st = to + x > 1 ? 1 : to + x;
			double with = on_energy(host, sf, st, dt);
			s->security_energy_ws += with - ws;
			ws = with;
		}
		if (host->overhead_mips > 0 || host->previous_overhead_mips > 0) {
			double bf = (host->previous_utilization_mips - host->previous_overhead_mips) /
				    host->total_mips;
			double bt = (host->utilization_mips - host->overhead_mips) / host->total_mips;
			s->migration_energy_ws += on_energy(host, from, to, dt) -
						  on_energy(host, bf < 0 ? 0 : bf, bt < 0 ? 0 : bt, dt);
		}
		double sw = 0;
		if (s->parts != NULL)
			ws = parts_apply(s, h, power_on_watts(&host->power, from), power_on_watts(&host->power, to),
					 dt, ws, &sw);
		if (s->vme != NULL)
			vm_attribute(s, h, ws, (power_idle_watts(&host->power) - sw) * dt, false);
		pstate_charge_on(p, dt, ws);
		frame += ws;
	}
	return frame;
}

/* A timeline row at the end of a scheduling step (preallocated: one per step). */
void sim_record_timeline(struct sim *s, double now, int over, int started)
{
	if (s->n_timeline >= s->cap_timeline)
		return;
	const struct datacenter *dc = s->dc;
	struct timeline_row *r = &s->timeline[s->n_timeline++];
	r->t_s = now;
	r->active_hosts = 0;
	r->power_w = 0;
	r->hosts_on = r->hosts_off = r->hosts_asleep = r->hosts_transition = 0;
	for (int k = 0; k < PART_N; k++)
		r->part_kwh[k] = s->part_ws[k] / (3600 * 1000);
	r->facility_kwh = s->facility_ws / (3600 * 1000);
	r->co2_kg = s->co2_g / 1000;
	r->cost = s->cost;
	r->mem_used_gb = s->mem_now_mb / 1024;
	r->mem_host_max = s->mem_now_max;
	bool max_power = s->policy->energy == GM_ENERGY_MAX_POWER;
	if (s->ps != NULL) {
		/* power states: every host draws its state's power (an on one at least its idle) */
		for (int h = 0; h < dc->n_hosts; h++) {
			const struct host *host = &dc->hosts[h];
			const struct pstate_host *p = &s->ps[h];
			double u = dc->quiet[h] ? 0 : host_utilization(host);
			if (u > 0)
				r->active_hosts++;
			if (p->state == PSTATE_ON) {
				r->hosts_on++;
				r->power_w += power_on_watts(&host->power, u > 1 ? 1 : u);
			} else {
				r->power_w += pstate_watts(&s->pp[h], p->state);
				if (p->state == PSTATE_OFF)
					r->hosts_off++;
				else if (p->state == PSTATE_ASLEEP)
					r->hosts_asleep++;
				else
					r->hosts_transition++;
			}
		}
		r->overloaded_hosts = over;
		r->migrations_started = started;
		r->energy_kwh = s->energy_ws / (3600 * 1000);
		return;
	}
	if (!max_power && dc->host_watts != NULL) {
		/* each host's power as its step's first update left it (-1: utilization 0; NaN: a
		 * later update changed it) */
		for (int h = 0; h < dc->n_hosts; h++) {
			if (dc->quiet[h])
				continue; /* idle since its last update: utilization 0, no power */
			double w = dc->host_watts[h];
			if (w != w)
				w = dc->host_watts[h] = host_watts_now(&dc->hosts[h]);
			if (w != -1) {
				r->active_hosts++;
				r->power_w += w;
			}
		}
		r->overloaded_hosts = over;
		r->migrations_started = started;
		r->energy_kwh = s->energy_ws / (3600 * 1000);
		return;
	}
	for (int h = 0; h < dc->n_hosts; h++) {
		datacenter_prefetch_power(dc, h + DATACENTER_POWER_AHEAD);
		if (!max_power && dc->quiet[h])
			continue; /* idle since its last update: utilization 0, no power */
		const struct host *host = &dc->hosts[h];
		double u = host_utilization(host);
		if (u > 0)
			r->active_hosts++;
		if (s->policy->energy == GM_ENERGY_MAX_POWER)
			r->power_w += power_watts(&host->power, 1.0);
		else if (u > 0)
			r->power_w += power_watts(&host->power, u > 1 ? 1 : u);
	}
	r->overloaded_hosts = over;
	r->migrations_started = started;
	r->energy_kwh = s->energy_ws / (3600 * 1000);
}

int sim_init_pstates(struct sim *s, struct diag *d)
{
	size_t nh = (size_t)(s->e->hosts > 0 ? s->e->hosts : 1);
	s->ps = malloc(nh * sizeof *s->ps);
	s->pp = malloc(nh * sizeof *s->pp);
	s->empty_since = malloc(nh * sizeof *s->empty_since);
	s->avoid = calloc(nh, 1);
	s->woke = malloc(nh * sizeof *s->woke);
	if (s->ps == NULL || s->pp == NULL || s->empty_since == NULL || s->avoid == NULL ||
	    s->woke == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	for (long i = 0; i < s->e->hosts; i++) {
		pstate_init(&s->ps[i], PSTATE_ON);
		s->pp[i] = config_host_type(s->e, i)->states;
		s->empty_since[i] = NAN;
	}
	s->ctx.avoid = s->avoid;
	return 0;
}

double sim_dc_energy(struct sim *s, double now, double time_diff, struct diag *d, int *err)
{
	struct datacenter *dc = s->dc;
	double frame = 0.0;
	/* the energy each host's update made (dc_update asked for it), NaN where it left it to us */
	const double *made = dc->energy_ready ? dc->host_ws : NULL;
	dc->energy_ready = false;
	for (int h = 0; h < dc->n_hosts; h++) {
		if (made == NULL)
			datacenter_prefetch_power(dc, h + DATACENTER_POWER_AHEAD);
		if (dc->quiet[h])
			continue;
		if (made != NULL && made[h] == made[h]) {
			frame += made[h];
			continue;
		}
		struct host *host = &dc->hosts[h];
		double from = host_previous_utilization(host);
		double to = host_utilization(host);
		if (from > 1 || to > 1) {
			*err = diag_add(d, NULL, 0, 0,
					"t=%.2f s: host %d utilization %.4f is above 100 %% (CloudSim stops here)",
					now, h, from > to ? from : to);
			return frame;
		}
		double ws;
		if (host->security_mips > 1e-9) {
			/* secure migrations' crypto on this host during the interval (constant: they
			 * start and end at update instants) */
			double x = host->security_mips / host->total_mips;
			double sf = from + x > 1 ? 1 : from + x, st = to + x > 1 ? 1 : to + x;
			double with = power_energy(&host->power, sf, st, time_diff);
			s->security_energy_ws += with - host_energy_inline(host, from, to, time_diff);
			ws = with;
		} else {
			ws = host_energy_inline(host, from, to, time_diff);
		}
		if (s->parts != NULL || s->vme != NULL) {
			/* (only then: the power at both ends again, which CloudSim's path skips) */
			double sw = 0;
			double pf = from == 0 ? 0 : power_watts(&host->power, from);
			double pt = from == 0 ? 0 : power_watts(&host->power, to);
			if (s->parts != NULL)
				ws = parts_apply(s, h, pf, pt, time_diff, ws, &sw);
			if (s->vme != NULL) {
				double ends = (pf > 0 ? 1 : 0) + (pt > 0 ? 1 : 0);
				vm_attribute(s, h, ws,
					     (power_idle_watts(&host->power) - sw) * ends / 2 * time_diff, false);
			}
		}
		frame += ws;
		if (host->overhead_mips > 0 || host->previous_overhead_mips > 0) {
			/* The same interval without the targets' migration reservations. */
			double bf = (host->previous_utilization_mips - host->previous_overhead_mips) /
				    host->total_mips;
			double bt = (host->utilization_mips - host->overhead_mips) / host->total_mips;
			s->migration_energy_ws += power_energy(&host->power, from, to, time_diff) -
						  power_energy(&host->power, bf < 0 ? 0 : bf,
							       bt < 0 ? 0 : bt, time_diff);
		}
	}
	return frame;
}

double sim_npa_energy(struct sim *s, double time_diff)
{
	struct datacenter *dc = s->dc;
	double frame = 0.0;
	for (int h = 0; h < dc->n_hosts; h++) {
		double ws = power_watts(&dc->hosts[h].power, 1.0) * time_diff;
		if (s->parts != NULL) {
			/* every host at full power: nothing is powered down */
			double none[PART_N] = { 0 }, a[PART_N];
			power_parts_split(s->parts[h], s->mem_gb[h], power_watts(&dc->hosts[h].power, 1.0), none, a);
			double others = 0;
			for (int k = PART_CPU + 1; k < PART_STANDBY; k++) {
				s->part_ws[k] += a[k] * time_diff;
				others += a[k] * time_diff;
			}
			s->part_ws[PART_CPU] += ws - others;
		}
		if (s->vme != NULL)
			vm_attribute(s, h, ws, power_idle_watts(&dc->hosts[h].power) * time_diff, false);
		frame += ws;
	}
	return frame;
}
