/*
 * pstate: a host's power-state machine and the energy of its non-ON states (pstate.h,
 * doc/power-states.md). Transitions are timed; each state other than ON draws a constant power:
 * BOOTING boot_w, SHUTTING_DOWN shutdown_w, OFF off_w, SUSPENDING suspend_w, ASLEEP sleep_w,
 * WAKING wake_w (SimGrid's energy plugin charges its boot and shutdown pseudo-states the same
 * way: power x duration).
 */
#include "pstate.h"

#include <math.h>
#include <string.h>

void pstate_init(struct pstate_host *h, enum pstate s)
{
	memset(h, 0, sizeof *h);
	h->state = s;
	h->until = 0;
}

double pstate_watts(const struct pstate_params *p, enum pstate s)
{
	switch (s) {
	case PSTATE_BOOTING:
		return p->boot_w;
	case PSTATE_WAKING:
		return p->wake_w;
	case PSTATE_SHUTTING_DOWN:
		return p->shutdown_w;
	case PSTATE_SUSPENDING:
		return p->suspend_w;
	case PSTATE_OFF:
		return p->off_w;
	case PSTATE_ASLEEP:
		return p->sleep_w;
	default:
		return NAN;
	}
}

const char *pstate_name(enum pstate s)
{
	static const char *const names[PSTATE_N] = { "on", "booting", "waking", "shutting_down",
						     "suspending", "off", "asleep" };
	return s < PSTATE_N ? names[s] : "?";
}

/* Starts the boot (from OFF) or wake (from ASLEEP) at t; a 0 s one ends at once. */
static void start_up(struct pstate_host *h, const struct pstate_params *p, double t)
{
	if (h->state == PSTATE_OFF) {
		h->boots++;
		h->state = p->boot_s > 0 ? PSTATE_BOOTING : PSTATE_ON;
		h->until = t + p->boot_s;
	} else if (h->state == PSTATE_ASLEEP) {
		h->wakes++;
		h->state = p->wake_s > 0 ? PSTATE_WAKING : PSTATE_ON;
		h->until = t + p->wake_s;
	}
	h->then_on = false;
}

/* The transition in progress ends (at h->until). */
static void complete(struct pstate_host *h, const struct pstate_params *p)
{
	switch (h->state) {
	case PSTATE_BOOTING:
	case PSTATE_WAKING:
		h->state = PSTATE_ON;
		break;
	case PSTATE_SHUTTING_DOWN:
		h->state = PSTATE_OFF;
		if (h->then_on)
			start_up(h, p, h->until);
		break;
	case PSTATE_SUSPENDING:
		h->state = PSTATE_ASLEEP;
		if (h->then_on)
			start_up(h, p, h->until);
		break;
	default:
		break;
	}
}

static bool in_transition(enum pstate s)
{
	return s == PSTATE_BOOTING || s == PSTATE_WAKING || s == PSTATE_SHUTTING_DOWN ||
	       s == PSTATE_SUSPENDING;
}

double pstate_power_on(struct pstate_host *h, const struct pstate_params *p, double now)
{
	switch (h->state) {
	case PSTATE_ON:
		return now;
	case PSTATE_OFF:
	case PSTATE_ASLEEP:
		start_up(h, p, now);
		return h->state == PSTATE_ON ? now : h->until;
	case PSTATE_SHUTTING_DOWN:
	case PSTATE_SUSPENDING:
		h->then_on = true;
		return pstate_ready_at(h, p);
	default: /* booting or waking already */
		return h->until;
	}
}

void pstate_power_down(struct pstate_host *h, const struct pstate_params *p, double now, bool to_sleep)
{
	if (h->state != PSTATE_ON)
		return;
	if (to_sleep) {
		h->suspends++;
		h->state = p->suspend_s > 0 ? PSTATE_SUSPENDING : PSTATE_ASLEEP;
		h->until = now + p->suspend_s;
	} else {
		h->shutdowns++;
		h->state = p->shutdown_s > 0 ? PSTATE_SHUTTING_DOWN : PSTATE_OFF;
		h->until = now + p->shutdown_s;
	}
	h->then_on = false;
}

double pstate_advance(struct pstate_host *h, const struct pstate_params *p, double t0, double t1,
		      double on_w)
{
	double e = 0, t = t0;
	for (;;) {
		if (in_transition(h->state) && h->until <= t1) {
			double dt = h->until > t ? h->until - t : 0;
			double w = pstate_watts(p, h->state);
			h->time_s[h->state] += dt;
			h->energy_ws[h->state] += w * dt;
			e += w * dt;
			if (h->until > t)
				t = h->until;
			complete(h, p);
			continue;
		}
		double dt = t1 - t;
		double w = h->state == PSTATE_ON ? on_w : pstate_watts(p, h->state);
		h->time_s[h->state] += dt;
		h->energy_ws[h->state] += w * dt;
		e += w * dt;
		return e;
	}
}

double pstate_ready_at(const struct pstate_host *h, const struct pstate_params *p)
{
	switch (h->state) {
	case PSTATE_BOOTING:
	case PSTATE_WAKING:
		return h->until;
	case PSTATE_SHUTTING_DOWN:
		return h->then_on ? h->until + p->boot_s : HUGE_VAL;
	case PSTATE_SUSPENDING:
		return h->then_on ? h->until + p->wake_s : HUGE_VAL;
	default:
		return HUGE_VAL;
	}
}
