/*
 * compare: the security comparison's runs and arithmetic; see compare.h.
 */
#include "compare.h"

#include "run.h"

int compare_security_run(struct experiment *e, const struct gm_policy *p, const struct trace_set *t,
			 struct sim_result r[2], struct diag *d)
{
	bool was = e->security.enabled;
	int rc = 0;
	for (int k = 0; k < 2 && rc == 0; k++) {
		e->security.enabled = k == 1;
		rc = run_once(e, p, t, &r[k], d);
	}
	e->security.enabled = was;
	return rc;
}

void compare_security_diff(const struct sim_result r[2], struct security_diff *out)
{
	out->energy_kwh = r[1].energy_kwh - r[0].energy_kwh;
	out->energy_pct = r[0].energy_kwh > 0 ? out->energy_kwh / r[0].energy_kwh * 100 : 0;
	out->slav = r[1].m.slav - r[0].m.slav;
	out->slav_pct = r[0].m.slav > 0 ? out->slav / r[0].m.slav * 100 : 0;
	out->migration_time_s = r[1].migration_time_s - r[0].migration_time_s;
	out->security_time_s = r[1].security_time_s;
	out->security_energy_kwh = r[1].security_energy_kwh;
	out->security_downtime_s = r[1].security_downtime_s;
	out->security_mb = r[1].security_bytes / 1e6;
}
