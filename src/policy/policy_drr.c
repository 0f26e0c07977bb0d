/*
 * policy_drr: Dynamic Round-Robin (Lin, Liu, Wu, IEEE CLOUD 2011; doc/model2010.md#drr and
 * doc/model2010.md#drr-on-cloudsim, with the choice of doc/model2010.md#q9), on both engines:
 *   - placement: round robin over the hosts in id order from a pointer: a VM goes to the next
 *     host that is not retiring and has room for it, and the pointer moves past it; no such host:
 *     the VM is not placed;
 *   - rule 1: a host that lost a VM since the last step (its cloudlet finished, or on CloudSim's
 *     engine the VM went idle) while others still run becomes retiring: it accepts no new or
 *     migrated VM;
 *   - rule 2: a host retiring for at least R seconds (--param, default 60) sends its VMs
 *     (largest nominal MIPS first, then id) round robin to hosts that are on and not retiring,
 *     with room; if none has room, the lowest-id host that is off is switched on for it
 *     (policy.drr_power_on = yes, the default; no: the VM stays); the host is off once empty.
 * Counted: hosts that became retiring, retiring hosts emptied by the threshold, retiring hosts
 * whose last VM finished on its own.
 * "Room" is each engine's own: in the 2010 model the nominal MIPS free (capacity minus the nominal
 * MIPS of its VMs and of those on their way to it: DRR never over-commits) and the RAM; on
 * CloudSim 3.0.3's engine Host.isSuitableForVm and the storage (the VMs' tentative creation
 * counts for the later ones of the step).
 */
#include <stdlib.h>

#include "ctx.h"
#include "model2010.h"
#include "policy.h"
#include "select.h"

/* One engine's side of DRR: its hosts' state and what "on", "room" and "move" mean there. */
struct drr {
	int n_hosts;
	struct drr_host *host;      /* per host */
	const unsigned char *lost;  /* per host: lost a VM since the last step */
	int *rr_next;               /* the round-robin pointer */
	struct gm_counts *counts;
	double now, threshold;      /* s */
	bool power_on;              /* policy.drr_power_on */
	int *list;                  /* scratch: one host's VMs (n_vms) */
	double *key;                /* ... and their nominal MIPS */
	void *arg;
	int (*n_vms)(void *arg, int h);
	bool (*on)(void *arg, int h);
	bool (*room)(void *arg, int vm, int h);
	/* h's VMs that may migrate, in list order, into list[] with their nominal MIPS in key[] */
	int (*movable)(void *arg, int h, int *list, double *key);
	void (*prepare)(void *arg);  /* after rule 1, before rule 2 (may be NULL) */
	int (*move)(void *arg, int vm, int h); /* 0 or -1 */
};

/* The next host from the pointer that is not `except`, not retiring, on (if on_only) and has
 * room for vm; the pointer moves past it. -1 if none. */
static int drr_round_robin(struct drr *d, int vm, bool on_only, int except)
{
	for (int k = 0; k < d->n_hosts; k++) {
		int h = (*d->rr_next + k) % d->n_hosts;
		if (h == except || d->host[h].retiring || (on_only && !d->on(d->arg, h)))
			continue;
		if (!d->room(d->arg, vm, h))
			continue;
		*d->rr_next = (h + 1) % d->n_hosts;
		return h;
	}
	return -1;
}

/* Insertion sort by nominal MIPS decreasing, then id (a host carries a handful of VMs). */
static void drr_sort(int *vms, double *key, int n)
{
	for (int i = 1; i < n; i++) {
		int x = vms[i];
		double kx = key[i];
		int j = i - 1;
		while (j >= 0 && (key[j] < kx || (key[j] == kx && vms[j] > x))) {
			vms[j + 1] = vms[j];
			key[j + 1] = key[j];
			j--;
		}
		vms[j + 1] = x;
		key[j + 1] = kx;
	}
}

/* Rules 1 and 2 at one step. 0 or -1. */
static int drr_step(struct drr *d)
{
	struct gm_counts *k = d->counts;
	for (int h = 0; h < d->n_hosts; h++) {
		struct drr_host *r = &d->host[h];
		if (d->n_vms(d->arg, h) == 0) {
			if (r->retiring) {
				if (r->evacuating)
					k->hosts_evacuated++;
				else
					k->hosts_drained++;
			}
			r->retiring = r->evacuating = false; /* off */
			continue;
		}
		if (d->lost[h] && !r->retiring) { /* rule 1 */
			r->retiring = true;
			r->since = d->now;
			k->hosts_retired++;
		}
	}
	if (d->prepare != NULL)
		d->prepare(d->arg);
	for (int h = 0; h < d->n_hosts; h++) {
		struct drr_host *r = &d->host[h];
		if (!r->retiring || r->evacuating || d->now - r->since < d->threshold)
			continue;
		int n = d->movable(d->arg, h, d->list, d->key);
		drr_sort(d->list, d->key, n);
		for (int i = 0; i < n; i++) { /* rule 2 */
			int vm = d->list[i];
			int t = drr_round_robin(d, vm, true, h);
			for (int o = 0; t < 0 && d->power_on && o < d->n_hosts; o++)
				if (o != h && !d->host[o].retiring && !d->on(d->arg, o) && d->room(d->arg, vm, o))
					t = o;
			if (t < 0)
				continue;
			if (d->move(d->arg, vm, t) != 0)
				return -1;
			r->evacuating = true;
		}
	}
	return 0;
}

/* ---- The 2010 model: nominal loads in m->load and m->ram ---- */

static int n_vms2010(void *arg, int h)
{
	return ((struct model2010 *)arg)->hosts[h].n;
}

static bool on2010(void *arg, int h)
{
	return ((struct model2010 *)arg)->load[h] > 0;
}

static bool room2010(void *arg, int v, int h)
{
	const struct model2010 *m = arg;
	const struct m10_host *host = &m->hosts[h];
	return !(host->cap - m->load[h] < m->vms[v].mips) && !(m->ram[h] + m->vms[v].ram_mb > host->ram_mb);
}

static int movable2010(void *arg, int h, int *list, double *key)
{
	const struct model2010 *m = arg;
	const struct m10_host *host = &m->hosts[h];
	int n = 0;
	for (int k = 0; k < host->n; k++)
		if (!m->vms[host->vms[k]].migrating) {
			list[n] = host->vms[k];
			key[n++] = m->vms[host->vms[k]].mips;
		}
	return n;
}

/* Nominal MIPS of the VMs on h, and of those on their way to it (cloudsim21). */
static void nominal_loads(void *arg)
{
	struct model2010 *m = arg;
	for (int h = 0; h < m->n_hosts; h++) {
		double load = 0;
		const struct m10_host *host = &m->hosts[h];
		for (int k = 0; k < host->n; k++)
			load += m->vms[host->vms[k]].mips;
		m->load[h] = load;
		m->ram[h] = host->ram_used;
	}
	for (int v = 0; v < m->n_vms; v++)
		if (m->vms[v].migrating)
			m->load[m->vms[v].target] += m->vms[v].mips;
}

static int move2010(void *arg, int v, int h)
{
	struct model2010 *m = arg;
	m->load[h] += m->vms[v].mips;
	m->ram[h] += m->vms[v].ram_mb;
	model2010_emit(m, v, h);
	return 0;
}

static struct drr drr2010(struct model2010 *m, double *key)
{
	struct drr d = { m->n_hosts, m->drr, m->flag, &m->rr_next, &m->counts, m->t, m->param[0],
			 m->e->drr_power_on, m->list, key, m, n_vms2010, on2010, room2010, movable2010,
			 nominal_loads, move2010 };
	return d;
}

/* At t = 0 the model keeps m->load (the VMs' full demands: their nominal MIPS) and m->ram. */
static int drr_place2010(gm_model2010 *handle, int v)
{
	struct model2010 *m = ctx_model2010(handle);
	struct drr d = drr2010(m, NULL);
	return drr_round_robin(&d, v, false, -1);
}

static int drr_optimize2010(gm_model2010 *handle)
{
	struct model2010 *m = ctx_model2010(handle);
	double *key = malloc((size_t)(m->n_vms > 0 ? m->n_vms : 1) * sizeof *key);
	if (key == NULL)
		return -1;
	struct drr d = drr2010(m, key);
	int rc = drr_step(&d);
	free(key);
	return rc;
}

/* ---- CloudSim 3.0.3's engine ---- */

struct drr_state {
	struct drr_host *host;
	unsigned char *lost;
	int rr_next;
	int *list;
	double *key;
	struct gm_counts counts;
};

static void drr_destroy(void *state)
{
	struct drr_state *s = state;
	if (s == NULL)
		return;
	free(s->host);
	free(s->lost);
	free(s->list);
	free(s->key);
	free(s);
}

static void *drr_create(gm_ctx *ctx)
{
	size_t nh = ctx_hosts_size(ctx), nv = ctx_vms_size(ctx);
	struct drr_state *s = calloc(1, sizeof *s);
	if (s != NULL) {
		s->host = calloc(nh, sizeof *s->host);
		s->lost = calloc(nh, 1);
		s->list = malloc(nv * sizeof *s->list);
		s->key = malloc(nv * sizeof *s->key);
	}
	if (s == NULL || !s->host || !s->lost || !s->list || !s->key) {
		drr_destroy(s);
		ctx_fail(ctx, "out of memory");
		return NULL;
	}
	return s;
}

static int n_vms_cs(void *arg, int h)
{
	return ((gm_ctx *)arg)->dc->hosts[h].n_slots;
}

static bool on_cs(void *arg, int h)
{
	return ((gm_ctx *)arg)->dc->hosts[h].n_slots > 0;
}

/* Host.isSuitableForVm (MIPS, and RAM and BW at creation) and the storage */
static bool room_cs(void *arg, int v, int h)
{
	const struct datacenter *dc = ((gm_ctx *)arg)->dc;
	const struct host *host = &dc->hosts[h];
	return host_is_suitable(dc, host, &dc->vms[v]) && host->storage_free >= dc->vms[v].size_mb;
}

static int movable_cs(void *arg, int h, int *list, double *key)
{
	const struct datacenter *dc = ((gm_ctx *)arg)->dc;
	int n = select_migratable(dc, &dc->hosts[h], list);
	for (int k = 0; k < n; k++)
		key[k] = dc->vms[list[k]].mips;
	return n;
}

/* tentative (later VMs of the step see its load), and the migration */
static int move_cs(void *arg, int v, int h)
{
	gm_ctx *ctx = arg;
	if (gm_move_tentatively(ctx, v, h) != 0 || gm_migrate(ctx, v, h) != 0) {
		ctx_fail(ctx, "%s", ctx->error);
		return -1;
	}
	return 0;
}

static struct drr drr_cs(gm_ctx *ctx)
{
	struct drr_state *s = ctx->state;
	struct drr d = { ctx->dc->n_hosts, s->host, s->lost, &s->rr_next, &s->counts, ctx->now, ctx->param[0],
			 ctx->e->drr_power_on, s->list, s->key, ctx, n_vms_cs, on_cs, room_cs, movable_cs,
			 NULL, move_cs };
	return d;
}

static int drr_place(gm_ctx *ctx, const gm_vm *vm)
{
	struct drr d = drr_cs(ctx);
	return drr_round_robin(&d, ctx_vm(vm)->id, false, -1);
}

static int drr_optimize(gm_ctx *ctx)
{
	struct drr_state *s = ctx->state;
	struct drr d = drr_cs(ctx);
	int rc = drr_step(&d);
	for (int h = 0; h < ctx->dc->n_hosts; h++)
		s->lost[h] = 0;
	return rc;
}

static void drr_vm_left(gm_ctx *ctx, int host)
{
	struct drr_state *s = ctx->state;
	s->lost[host] = 1;
}

static void drr_counts(const gm_ctx *ctx, struct gm_counts *out)
{
	const struct drr_state *s = ctx->state;
	out->hosts_retired = s->counts.hosts_retired;
	out->hosts_evacuated = s->counts.hosts_evacuated;
	out->hosts_drained = s->counts.hosts_drained;
}

const struct gm_policy policy_drr = {
	.api_version = GREENMIG_API_VERSION,
	.name = "drr",
	.summary = "dynamic round-robin: retiring hosts, evacuated after --param seconds",
	.reproduces = "Lin, Liu, Wu, IEEE CLOUD 2011 (no CloudSim class)",
	.n_params = 1,
	.param_min = 0,
	.param_max = 1e9,
	.param_help = "a retirement threshold in seconds >= 0",
	.default_param = "60",
	.engines = GM_ENGINE_2010 | GM_ENGINE_CLOUDSIM3,
	.energy = GM_ENERGY_UTILIZATION,
	.migrations = true,
	.create = drr_create,
	.destroy = drr_destroy,
	.place = drr_place,
	.optimize = drr_optimize,
	.vm_left = drr_vm_left,
	.counts = drr_counts,
	.place2010 = drr_place2010,
	.optimize2010 = drr_optimize2010,
};
