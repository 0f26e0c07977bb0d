/*
 * policy_drr2010: the seed paper's reading of Dynamic Round-Robin in the 2010 model
 * (doc/model2010.md#drr2010): MM's double-threshold loop (threshold2010.h with MM's pick) under
 * DRR's retirement rules:
 *   - rule 1: a host that lost a VM at this tick (its cloudlet finished) while others still run
 *     becomes retiring; a host with no VM left is not retiring any more;
 *   - no retiring host is a target of MBFD (the VMs are placed at t = 0, by MBFD as for MM, when
 *     no host retires yet);
 *   - rule 2: a host retiring for at least R seconds ([policy] retire_threshold_s, default 60)
 *     has all its migratable VMs selected, whatever its use;
 *   - every other host is MM's: below T_l all its VMs, above T_u MM's pick until it is not.
 * A selected VM with no admissible host stays where it is. --param "T_l,T_u" (default 0.4,0.8).
 * Counted as for drr: hosts that became retiring, retiring hosts emptied once past R (evacuated)
 * and before it (drained).
 */
#include <stdlib.h>

#include "mbfd.h"
#include "mm_pick.h"
#include "model2010.h"
#include "policy.h"
#include "threshold2010.h"

/* Rule 1, and who is retiring (exclude) and past R (evacuate), per host. */
static void drr2010_states(struct model2010 *m, unsigned char *exclude, unsigned char *evacuate)
{
	double r = m->e->retire_threshold_s;
	for (int h = 0; h < m->n_hosts; h++) {
		struct drr_host *s = &m->drr[h];
		if (m->hosts[h].n == 0) {
			if (s->retiring) {
				if (s->evacuating)
					m->counts.hosts_evacuated++;
				else
					m->counts.hosts_drained++;
			}
			s->retiring = s->evacuating = false;
		} else if (m->flag[h] && !s->retiring) {
			s->retiring = true;
			s->since = m->t;
			m->counts.hosts_retired++;
		}
		exclude[h] = s->retiring;
		evacuate[h] = s->retiring && m->t - s->since >= r;
		if (evacuate[h])
			s->evacuating = true;
	}
}

static int drr2010_optimize2010(gm_model2010 *handle)
{
	struct model2010 *m = ctx_model2010(handle);
	unsigned char *set = malloc(2 * (size_t)(m->n_hosts > 0 ? m->n_hosts : 1));
	if (set == NULL)
		return -1;
	unsigned char *exclude = set, *evacuate = set + m->n_hosts;
	drr2010_states(m, exclude, evacuate);
	int rc = threshold2010_optimize_ex(m, mm_pick2010, evacuate, exclude);
	free(set);
	return rc;
}

const struct gm_policy policy_drr2010 = {
	.api_version = GREENMIG_API_VERSION,
	.name = "drr2010",
	.summary = "MM under DRR's retirement rules (the seed paper's DRR): --param lower,upper, "
		   "[policy] retire_threshold_s",
	.reproduces = "the seed paper's DRR row, read as MM plus Lin, Liu, Wu's retirement rules (2010 model)",
	THRESHOLD2010_PARAMS,
	.engines = GM_ENGINE_2010,
	.optimize2010 = drr2010_optimize2010,
};
