/*
 * threshold2010: the double-threshold loop that MM, HPG and RC share (Beloglazov & Buyya 2010;
 * doc/model2010.md#mm): per host in id order, with U the host's CPU in use (a
 * migrating VM at its full demand) and its migratable VMs (not migrating, not recently created):
 * U < T_l x C: all of them are selected; U > T_u x C: the policy's pick is selected and its demand
 * taken off U until U <= T_u x C or none is left. Then the selected VMs are placed with MBFD
 * (bound T_u) in decreasing demand on the state where they are off their hosts; one placed on
 * its own host, or nowhere, stays (and counts there again); the others migrate.
 */
#ifndef GREENMIG_THRESHOLD2010_H
#define GREENMIG_THRESHOLD2010_H

#include "model2010.h"

/*
 * The VM to shed next from a host whose use exceeds the upper threshold by `excess` MIPS, among
 * the n candidates cand[] (host list order): an index into cand, or -1 for none.
 */
typedef int (*threshold2010_pick)(struct model2010 *m, const int *cand, int n, double excess);

/* One tick of the double-threshold policy with the given pick (m->param = T_l, T_u). */
int threshold2010_optimize(struct model2010 *m, threshold2010_pick pick);

/*
 * The same with two per-host sets (NULL: none): every migratable VM of a host in `evacuate` is
 * selected whatever its use (drr2010's retirement threshold), and no host in `exclude` is a
 * target (retiring hosts).
 */
int threshold2010_optimize_ex(struct model2010 *m, threshold2010_pick pick, const unsigned char *evacuate,
			      const unsigned char *exclude);

/* The parameters of MM, HPG and RC: --param "T_l,T_u". */
#define THRESHOLD2010_PARAMS                                                                       \
	.n_params = 2, .param_min = 0, .param_max = 1, .params_increasing = true,                \
	.param_help = "two utilization thresholds lower,upper with 0 <= lower < upper <= 1",      \
	.default_param = "0.4,0.8", .energy = GM_ENERGY_UTILIZATION, .migrations = true,         \
	.place2010 = mbfd_place

#endif
