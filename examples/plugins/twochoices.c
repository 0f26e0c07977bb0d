/*
 * twochoices: a whole-step consolidator as a greenmig policy plugin, after the "power of two
 * choices" of load balancing (Mitzenmacher 2001): instead of searching every host, a VM that
 * must move draws two candidate hosts at random and takes the better one.
 *
 * At every scheduling step:
 *   - an overloaded host (requested utilization above `upper`) sheds its smallest VMs until it
 *     is not: each goes to the less utilized of two random active hosts that take it and stay
 *     at or below `upper` (if neither does, the VM stays);
 *   - an under-utilized host (requested utilization below `lower`, not a target this step) is
 *     emptied the same way, but only if every one of its VMs finds a target (all or nothing).
 * Moves are made tentatively (gm_move_tentatively), so later decisions of the step see them;
 * the engine undoes them and starts the migrations when the step ends. The random draws come
 * from the run's seed: the same seed gives the same run.
 * --param "lower,upper" (default 0.3,0.8).
 *
 * Build: make (pkg-config greenmig); run: greenmig run paper.ini --policy ./twochoices.so
 */
#include <greenmig/policy.h>

#include <stdlib.h>

struct state {
	unsigned char *target; /* per host: received a VM this step */
	int *vms;              /* scratch: one host's VMs */
};

static void *tc_create(gm_ctx *ctx)
{
	const gm_datacenter *dc = gm_ctx_datacenter(ctx);
	struct state *s = calloc(1, sizeof *s);
	if (s != NULL) {
		s->target = calloc((size_t)gm_dc_host_count(dc), 1);
		s->vms = calloc((size_t)gm_dc_vm_count(dc) + 1, sizeof *s->vms);
	}
	if (s == NULL || s->target == NULL || s->vms == NULL) {
		if (s != NULL) {
			free(s->target);
			free(s->vms);
			free(s);
		}
		gm_ctx_fail(ctx, "out of memory");
		return NULL;
	}
	return s;
}

static void tc_destroy(void *p)
{
	struct state *s = p;
	free(s->target);
	free(s->vms);
	free(s);
}

static double load(const gm_datacenter *dc, const gm_host *h)
{
	return gm_host_requested_mips(dc, h) / gm_host_total_mips(h);
}

/* The better of two random active hosts other than `from` for vm, or -1. */
static int two_choices(gm_ctx *ctx, const gm_vm *vm, int from, double upper)
{
	const gm_datacenter *dc = gm_ctx_datacenter(ctx);
	int n = gm_dc_host_count(dc);
	int best = -1;
	double best_load = 0;
	for (int k = 0; k < 2; k++) {
		int i = (int)(gm_ctx_random(ctx) * n);
		const gm_host *h = gm_dc_host(dc, i);
		if (i == from || gm_host_vm_count(h) == 0 || !gm_host_is_suitable(dc, h, vm))
			continue;
		double after = (gm_host_requested_mips(dc, h) + gm_vm_requested_mips(vm)) / gm_host_total_mips(h);
		if (after <= upper && (best < 0 || after < best_load)) {
			best = i;
			best_load = after;
		}
	}
	return best;
}

/* Moves vm (on host `from`) to `to`: the migration, and the step's view. */
static int move(gm_ctx *ctx, struct state *s, int vm, int to)
{
	if (gm_migrate(ctx, vm, to) != 0)
		return -1;
	gm_move_tentatively(ctx, vm, -1);
	gm_move_tentatively(ctx, vm, to);
	s->target[to] = 1;
	return 0;
}

/* The movable VMs of h, smallest request first. */
static int movable_vms(const gm_datacenter *dc, const gm_host *h, int *out)
{
	int n = 0;
	for (int i = 0; i < gm_host_vm_count(h); i++) {
		const gm_vm *v = gm_host_vm(dc, h, i);
		if (gm_vm_migrating(v) || gm_vm_host(v) != gm_host_id(h))
			continue;
		int j = n++;
		while (j > 0 && gm_vm_requested_mips(gm_dc_vm(dc, out[j - 1])) > gm_vm_requested_mips(v)) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = gm_vm_id(v);
	}
	return n;
}

static int tc_optimize(gm_ctx *ctx)
{
	struct state *s = gm_ctx_state(ctx);
	const gm_datacenter *dc = gm_ctx_datacenter(ctx);
	double lower = gm_ctx_param(ctx, 0), upper = gm_ctx_param(ctx, 1);
	int n_hosts = gm_dc_host_count(dc);
	for (int i = 0; i < n_hosts; i++)
		s->target[i] = 0;
	for (int i = 0; i < n_hosts; i++) {
		const gm_host *h = gm_dc_host(dc, i);
		int n = movable_vms(dc, h, s->vms);
		for (int k = 0; k < n && load(dc, h) > upper; k++) {
			int t = two_choices(ctx, gm_dc_vm(dc, s->vms[k]), i, upper);
			if (t >= 0)
				move(ctx, s, s->vms[k], t);
		}
	}
	for (int i = 0; i < n_hosts; i++) {
		const gm_host *h = gm_dc_host(dc, i);
		double u = load(dc, h);
		if (s->target[i] || gm_host_vm_count(h) == 0 || gm_host_migrating_in(h) > 0 || !(u < lower))
			continue;
		int n = movable_vms(dc, h, s->vms);
		if (n != gm_host_vm_count(h))
			continue; /* a VM in migration: not now */
		int t[64];
		if (n > 64)
			continue;
		int k = 0;
		for (; k < n; k++) { /* all or nothing: tentatively first */
			t[k] = two_choices(ctx, gm_dc_vm(dc, s->vms[k]), i, upper);
			if (t[k] < 0)
				break;
			gm_move_tentatively(ctx, s->vms[k], -1);
			gm_move_tentatively(ctx, s->vms[k], t[k]);
		}
		for (int j = 0; j < k; j++) {
			if (k == n) { /* every VM has a target: they migrate */
				gm_migrate(ctx, s->vms[j], t[j]);
				s->target[t[j]] = 1;
			} else { /* one has none: the others go back */
				gm_move_tentatively(ctx, s->vms[j], -1);
				gm_move_tentatively(ctx, s->vms[j], i);
			}
		}
	}
	return 0;
}

static const struct gm_policy twochoices = {
	.api_version = GREENMIG_API_VERSION,
	.name = "twochoices",
	.summary = "whole-step consolidation by the power of two random choices",
	.reproduces = "Mitzenmacher, IEEE TPDS 2001 (power of two choices), as a consolidator",
	.n_params = 2,
	.param_min = 0,
	.param_max = 1,
	.params_increasing = true,
	.param_help = "lower,upper: utilization thresholds with 0 <= lower < upper <= 1",
	.default_param = "0.3,0.8",
	.engines = GM_ENGINE_CLOUDSIM3,
	.energy = GM_ENERGY_UTILIZATION,
	.migrations = true,
	.create = tc_create,
	.destroy = tc_destroy,
	.optimize = tc_optimize,
};

const struct gm_policy *gm_policy_entry(void)
{
	return &twochoices;
}
