/*
 * compare: the security comparison's arithmetic; see compare.h.
 */
#include "compare.h"

void compare_security_diff(const struct run_result r[2], struct security_diff *out)
{
	out->energy_kwh = r[1].sim.energy_kwh - r[0].sim.energy_kwh;
	out->energy_pct = r[0].sim.energy_kwh > 0 ? out->energy_kwh / r[0].sim.energy_kwh * 100 : 0;
	out->slav = r[1].m.slav - r[0].m.slav;
	out->slav_pct = r[0].m.slav > 0 ? out->slav / r[0].m.slav * 100 : 0;
	out->migration_time_s = r[1].sim.migration_time_s - r[0].sim.migration_time_s;
	out->security_time_s = r[1].sim.security_time_s;
	out->security_energy_kwh = r[1].sim.security_energy_kwh;
	out->security_downtime_s = r[1].sim.security_downtime_s;
	out->security_mb = r[1].sim.security_bytes / 1e6;
}
