/*
 * compare: one experiment run twice, with [security] off and on (`run --compare-security`), and
 * the difference secure migration makes. The arithmetic is here; report.h writes it.
 */
#ifndef GREENMIG_COMPARE_H
#define GREENMIG_COMPARE_H

#include "config.h"
#include "diag.h"
#include "policy.h"
#include "sim.h"
#include "trace.h"

/* With security minus without, and security's own share of the secure run. */
struct security_diff {
	double energy_kwh, energy_pct;   /* pct: of the run without security (0 if it used none) */
	double slav, slav_pct;
	double migration_time_s;
	double security_time_s;          /* the secure run's migration time spent on security */
	double security_energy_kwh;      /* its crypto energy */
	double security_downtime_s;
	double security_mb;              /* MB (1e6 bytes) security added on the wire */
};

/*
 * Runs e (prepared, CloudSim 3.0.3's model) with policy p on day t with security.enabled = no
 * then yes into r[0] and r[1]; e is left as it was. 0; 1 on bad input, -1 on other errors, with
 * a message in d.
 */
int compare_security_run(struct experiment *e, const struct gm_policy *p, const struct trace_set *t,
			 struct sim_result r[2], struct diag *d);

/* The difference of r[1] (with security) and r[0] (without). */
void compare_security_diff(const struct sim_result r[2], struct security_diff *out);

#endif
