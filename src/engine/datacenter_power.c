/*
 * datacenter_power: what the loops over every host at each step read of a host's power, made by
 * its update while its record is in cache (datacenter.host_watts and host_ws, kept once
 * datacenter_power_keep was called): its power now as the timeline counts it, and its energy
 * over the step as the energy counts it (PowerHost.getEnergyLinearInterpolation, its power
 * values memoized in the record). At 100,000 hosts those loops read 8 bytes of each host instead
 * of four lines of its record (bench/README.md, "Eighth step").
 */
#include "datacenter.h"

#include <math.h>
#include <stdlib.h>

/* P(u) of h, remembering the last value: an interval's end is the next interval's start. */
static double host_power_memo(struct host *h, double u)
{
	if (h->memo_ok && h->memo_u == u)
		return h->memo_w;
	h->memo_u = u;
	h->memo_w = power_watts(&h->power, u);
	h->memo_ok = true;
	return h->memo_w;
}

double host_energy(struct host *h, double from, double to, double time_s)
{
	if (from == 0)
		return 0;
	double pf = host_power_memo(h, from);
	double pt = host_power_memo(h, to);
	return (pf + (pt - pf) / 2) * time_s;
}

/* dc->host_watts[h]: what the timeline adds for h now (sim_record_timeline). */
double host_watts_now(const struct host *h)
{
	double u = host_utilization(h);
	return u > 0 ? power_watts(&h->power, u > 1 ? 1 : u) : -1;
}

/* dc->host_ws[h] over dt s after h's update: sim_dc_energy's host_energy, where it would call
 * only that (no error above 100 %, no secure migrations' crypto, no migration reservations);
 * else NaN, and it computes the rest itself. */
void host_energy_note(struct datacenter *dc, struct host *h, double dt)
{
	double from = host_previous_utilization(h), to = host_utilization(h);
	double ws = NAN;
	if (from <= 1 && to <= 1 && !(h->security_mips > 1e-9) &&
	    !(h->overhead_mips > 0 || h->previous_overhead_mips > 0))
		ws = host_energy(h, from, to, dt);
	dc->host_ws[h->id] = ws;
}

int datacenter_power_keep(struct datacenter *dc)
{
	size_t n = (size_t)(dc->n_hosts > 0 ? dc->n_hosts : 1);
	double *v = malloc(2 * n * sizeof *v);
	if (v == NULL)
		return -1;
	dc->host_watts = v;
	dc->host_ws = v + n;
	for (int h = 0; h < dc->n_hosts; h++) {
		dc->host_watts[h] = host_watts_now(&dc->hosts[h]);
		dc->host_ws[h] = NAN;
	}
	return 0;
}

void datacenter_power_free(struct datacenter *dc)
{
	if (dc == NULL)
		return;
	free(dc->host_watts);
	dc->host_watts = dc->host_ws = NULL;
}
