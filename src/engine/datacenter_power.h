/*
 * datacenter_power: a host's power and step energy as its update computes them, inline (every
 * host update asks, and the simulation's energy loop for the hosts the update leaves to it).
 */
#ifndef GREENMIG_DATACENTER_POWER_H
#define GREENMIG_DATACENTER_POWER_H

#include "datacenter.h"

#include <math.h>

/* P(u) of h, remembering the last value: an interval's end is the next interval's start. */
static inline double host_power_memo(struct host *h, double u)
{
	if (h->memo_ok && h->memo_u == u)
		return h->memo_w;
	h->memo_u = u;
	h->memo_w = power_watts(&h->power, u);
	h->memo_ok = true;
	return h->memo_w;
}

/* PowerHost.getEnergyLinearInterpolation of h over time_s s from utilization `from` to `to`
 * (0 if from is 0), its power values memoized in the record (the same arithmetic) */
static inline double host_energy_inline(struct host *h, double from, double to, double time_s)
{
	if (from == 0)
		return 0;
	double pf = host_power_memo(h, from);
	double pt = host_power_memo(h, to);
	return (pf + (pt - pf) / 2) * time_s;
}

/* dc->host_watts[h]: what the timeline adds for h now (sim_record_timeline); NaN there: this is
 * to be computed (its update was not the step's first). */
static inline double host_watts_now(const struct host *h)
{
	double u = host_utilization(h);
	return u > 0 ? power_watts(&h->power, u > 1 ? 1 : u) : -1;
}

/* dc->host_ws[h] over dt s after h's update: sim_dc_energy's host_energy_inline, where it would call
 * only that (no error above 100 %, no secure migrations' crypto, no migration reservations);
 * else NaN, and it computes the rest itself. */
static inline void host_energy_note(struct datacenter *dc, struct host *h, double dt)
{
	double from = host_previous_utilization(h), to = host_utilization(h);
	double ws = NAN;
	if (from <= 1 && to <= 1 && !(h->security_mips > 1e-9) &&
	    !(h->overhead_mips > 0 || h->previous_overhead_mips > 0))
		ws = host_energy_inline(h, from, to, dt);
	dc->host_ws[h->id] = ws;
	/* host_watts_now: P(to), which the energy has just memoized (unless from was 0) */
	dc->host_watts[h->id] = to > 0 && to <= 1 ? host_power_memo(h, to) : host_watts_now(h);
}

#endif
