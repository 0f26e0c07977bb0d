/*
 * sim: CloudSim 3.0.3's power datacenter loop (PowerDatacenter / PowerDatacenterNonPowerAware
 * .updateCloudletProcessing and updateCloudetProcessingWithoutSchedulingFutureEventsForce).
 *
 * Start-up (t = 0 and 0.1): VMs placed in id order by the policy, cloudlets submitted; no host is
 * updated and no energy is counted before the first periodic step T_1 = 300.1.
 * Each periodic step T_k: every host updated in id order (VM requests re-read from the traces,
 * scheduler re-allocated, histories recorded), energy of [T_{k-1}, T_k] added host by host,
 * VMs whose request is exactly 0 destroyed for good (CloudSim's "completed VMs",
 * doc/cloudsim-engine.md#q1), then the policy's optimization. Energy is in W*s, reported in
 * kWh = W*s / 3.6e6.
 */
#include "sim_internal.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "consolidation.h"
#include "plugin.h"
#include "power.h"
#include "pstate.h"
#include "select.h"
#include "stopwatch.h"

#define AUTO_THREADS_MIN_HOSTS 4000 /* simulation.threads = 0: threads from this size up */

/* The policy's failure (ctx_fail) as the run's error: "policy NAME: message". -1. */
static int policy_failed(struct sim *s, struct diag *d)
{
	return diag_add(d, s->e->file[0] ? s->e->file : NULL, 0, 0, "policy %s: %s", s->policy->name,
			s->ctx.fail_msg);
}

/*
 * Datacenter.processVmCreate of VM i at `now` (0, or the step at which it arrives): placed by the
 * policy with its full request; if no host takes it, it is reported and not simulated (CloudSim's
 * broker exits the JVM there).
 */
static int create_vm(struct sim *s, int i, double now, struct diag *d)
{
	struct datacenter *dc = s->dc;
	struct vm *vm = &dc->vms[i];
	struct gm_ctx *ctx = &s->ctx;
	vm->being_instantiated = true;
	ctx->now = now;
	int h;
	if (s->policy->place != NULL) {
		ctx->in_place = true;
		h = s->policy->place(ctx, gm_vm_of(vm));
		ctx->in_place = false;
		if (!ctx->failed && (h < -1 || h >= dc->n_hosts))
			ctx_fail(ctx, "place returned host %d for VM %d (%d hosts)", h, i, dc->n_hosts);
		if (ctx->failed)
			return policy_failed(s, d);
	} else {
		h = s->cons != NULL ? consolidation_place(s->cons, vm) : gm_first_fit(ctx, gm_vm_of(vm));
	}
	bool ok = h >= 0 && host_vm_create(dc, &dc->hosts[h], vm);
	if (ok)
		dc->vm_table[i] = h;
	vm->being_instantiated = false;
	if (!ok) {
		vm->removed = true;
		s->unplaced[s->n_unplaced++] = i;
		return 0;
	}
	vm->placed = true;
	/* updateVmProcessing(now): no cloudlet yet, so nothing is requested until the next update. */
	vm->prev_time = now;
	vm->power_prev_time = now;
	vm->req_total = 0;
	double wait = s->ps != NULL ? sim_ps_want(s, h, now) : 0;
	if (wait > 0) {
		s->vm_wait_s += wait;
		/* The host is not on: the VM waits. A zero-length update records its demand now, unmet
		 * until the host is on (doc/power-states.md#unmet-demand). */
		hosts_update(dc, &h, 1, now, s->sinks, s->workers);
	}
	return 0;
}

/* t = 0: Datacenter.processVmCreate for each VM in id order, then the cloudlets at 0.1. */
static int place_initial(struct sim *s, struct diag *d)
{
	struct datacenter *dc = s->dc;
	s->unplaced = malloc((size_t)(dc->n_vms > 0 ? dc->n_vms : 1) * sizeof *s->unplaced);
	if (s->unplaced == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	if (s->policy->migrations) {
		/* Created once the hosts exist: it caches their power at t = 0. */
		s->cons = consolidation_create(&s->ctx);
		if (s->cons == NULL)
			return diag_add(d, NULL, 0, 0, "out of memory");
		s->ctx.cons = s->cons;
		consolidation_set_index(s->cons, s->e->best_fit_index);
		consolidation_set_workers(s->cons, s->workers);
	}
	if (s->policy->create != NULL) {
		s->policy_created = true;
		s->ctx.state = s->policy->create(&s->ctx);
		if (s->ctx.failed)
			return policy_failed(s, d);
	}
	/* The VMs that arrive later wait in (arrival time, id) order. */
	s->pending = malloc((size_t)(dc->n_vms > 0 ? dc->n_vms : 1) * sizeof *s->pending);
	if (s->pending == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	for (int i = 0; i < dc->n_vms; i++) {
		if (s->w.submit_s[i] > 0) {
			int j = s->n_pending++;
			while (j > 0 && s->w.submit_s[s->pending[j - 1]] > s->w.submit_s[i]) {
				s->pending[j] = s->pending[j - 1];
				j--;
			}
			s->pending[j] = i;
			continue;
		}
		if (create_vm(s, i, 0, d) != 0)
			return -1;
	}
	return 0;
}

/* The VMs whose arrival time has come, created at this scheduling step (workload.h). */
static int create_arrivals(struct sim *s, double now, struct diag *d)
{
	while (s->next_pending < s->n_pending && s->w.submit_s[s->pending[s->next_pending]] <= now)
		if (create_vm(s, s->pending[s->next_pending++], now, d) != 0)
			return -1;
	return 0;
}

static void no_entry(void *ctx, int id, double t, double alloc, double req, bool flag)
{
	(void)ctx, (void)id, (void)t, (void)alloc, (void)req, (void)flag;
}

/* A lane's sink until one is attached: the entries go nowhere (the datacenter does the same
 * work with it as with any sink). */
static const struct history_sink no_sink = { .vm_entry = no_entry, .host_entry = no_entry };

struct sim *sim_create(const struct experiment *e, const struct trace_set *t, struct diag *d)
{
	double t0 = stopwatch_now();
	const struct gm_policy *p = plugin_find(e->policy);
	if (p == NULL) {
		diag_add(d, NULL, 0, 0, "unknown policy '%s'; valid: %s", e->policy, policy_names());
		return NULL;
	}
	if (e->model != MODEL_CLOUDSIM3 || !policy_runs_in(p, MODEL_CLOUDSIM3)) {
		diag_add(d, NULL, 0, 0, "policy %s with simulation.model = %s: sim runs CloudSim 3.0.3's "
			 "model (the 2010 model is model2010.h)", p->name,
			 e->model == MODEL_2010 ? "2010" : "cloudsim3");
		return NULL;
	}
	long n_vms = e->vms > 0 ? e->vms : (long)t->n_vms;
	if (e->arrivals != ARRIVALS_FILE && (size_t)n_vms > t->n_vms) {
		diag_add(d, t->path, 0, 0, "has %zu VM traces; the experiment needs %ld", t->n_vms, n_vms);
		return NULL;
	}
	struct workload w;
	if (workload_build(&w, e, t, n_vms, d) != 0)
		return NULL;
	n_vms = w.n;
	if (e->hosts > 0x7fffffffL || n_vms > 0x7fffffffL) {
		workload_free(&w);
		diag_add(d, NULL, 0, 0, "hosts.count %ld or %ld VMs: at most %ld each (the simulation's int ids)", e->hosts, n_vms, 0x7fffffffL);
		return NULL;
	}
	struct sim *s = calloc(1, sizeof *s);
	if (s == NULL) {
		workload_free(&w);
		diag_add(d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	s->w = w;
	s->e = e;
	s->policy = p;
	s->dc = datacenter_create((int)e->hosts, (int)n_vms);
	if (s->dc == NULL) {
		diag_add(d, NULL, 0, 0, "out of memory");
		sim_destroy(s);
		return NULL;
	}
	if (e->large_datacenter != LARGE_AUTO) /* (for checking: the same results either way) */
		s->dc->prefetch = e->large_datacenter == LARGE_YES;
	s->dc->scheduling_interval_s = e->scheduling_interval_s;
	/* simulation.threads = 0: one per processor where that pays (large datacenters: waking a
	 * thread costs more than a small datacenter's host updates take) */
	int threads = e->threads > 0 ? e->threads : e->hosts >= AUTO_THREADS_MIN_HOSTS ? workers_cpus() : 1;
	if (threads > 1)
		s->workers = workers_create(threads); /* (NULL: on this thread, same results) */
	for (int l = 0; l < WORKERS_MAX; l++)
		s->sinks[l] = no_sink;
	s->batch = malloc((size_t)(e->hosts > 0 ? e->hosts : 1) * sizeof *s->batch);
	if (s->batch == NULL) {
		diag_add(d, NULL, 0, 0, "out of memory");
		sim_destroy(s);
		return NULL;
	}
	rng_init(&s->rng, e->seed);
	struct gm_ctx *ctx = &s->ctx;
	ctx->policy = p;
	ctx->dc = s->dc;
	ctx->e = e;
	ctx->interval_s = e->scheduling_interval_s;
	ctx->rng = &s->rng;
	char msg[DIAG_MSG_LEN];
	ctx->n_params = policy_params(p, e->param, ctx->param, msg, sizeof msg);
	if (ctx->n_params < 0) {
		diag_add(d, NULL, 0, 0, "%s", msg);
		sim_destroy(s);
		return NULL;
	}
	if (p->migrations) {
		if (p->optimize == NULL && p->select == NULL) {
			const char *sel_name = e->selection[0] ? e->selection : "mmt";
			ctx->selection = selection_find(sel_name);
			if (ctx->selection == NULL) {
				diag_add(d, NULL, 0, 0, "unknown VM selection '%s'; valid: %s", sel_name,
					 selection_names());
				sim_destroy(s);
				return NULL;
			}
		} else if (e->selection[0] != '\0') {
			diag_add(d, NULL, 0, 0, "policy %s has its own VM selection (got '%s')", p->name,
				 e->selection);
			sim_destroy(s);
			return NULL;
		}
		if (migrations_init(&s->mig, (int)e->hosts) != 0) {
			diag_add(d, NULL, 0, 0, "out of memory");
			sim_destroy(s);
			return NULL;
		}
	}
	if (sim_build_hosts(s, d) != 0 || sim_build_vms(s, t, d) != 0) {
		sim_destroy(s);
		return NULL;
	}
	/* the hosts' power kept by their updates (the power models are set): only where the records
	 * leave the caches (dc->prefetch); a small datacenter's loops find them there */
	if (s->dc->prefetch && datacenter_power_keep(s->dc) != 0) {
		diag_add(d, NULL, 0, 0, "out of memory");
		sim_destroy(s);
		return NULL;
	}
	/* [network] (doc/network.md): the migrations become flows over it */
	if (p->migrations && e->network.params.topology != NET_NONE &&
	    migrations_network(&s->mig, e, s->dc, d) != 0) {
		sim_destroy(s);
		return NULL;
	}
	if (e->facility.enabled && sim_init_facility(s, d) != 0) {
		sim_destroy(s);
		return NULL;
	}
	if (e->pstates.vm_energy) {
		s->vme = calloc((size_t)(s->dc->n_vms > 0 ? s->dc->n_vms : 1), sizeof *s->vme);
		if (s->vme == NULL) {
			diag_add(d, NULL, 0, 0, "out of memory");
			sim_destroy(s);
			return NULL;
		}
	}
	if (e->pstates.parts && sim_init_parts(s, d) != 0) {
		sim_destroy(s);
		return NULL;
	}
	/* Power states: every host on for the initial placement; then the hosts left without a VM
	 * are in the idle state, at no cost (the provider set the datacenter up so). The policy
	 * drawing maximum power (npa) has none. */
	if (e->pstates.states && p->energy != GM_ENERGY_MAX_POWER && sim_init_pstates(s, d) != 0) {
		sim_destroy(s);
		return NULL;
	}
	if (place_initial(s, d) != 0) {
		sim_destroy(s);
		return NULL;
	}
	if (s->ps != NULL)
		for (int i = 0; i < s->dc->n_hosts; i++)
			if (s->dc->hosts[i].n_slots == 0) {
				pstate_init(&s->ps[i], e->pstates.idle_sleep ? PSTATE_ASLEEP : PSTATE_OFF);
				sim_ps_mark(s, i);
			}
	s->cap_timeline = (int)(e->limit_s / e->scheduling_interval_s) + 2;
	s->timeline = malloc((size_t)s->cap_timeline * sizeof *s->timeline);
	if (s->timeline == NULL) {
		diag_add(d, NULL, 0, 0, "out of memory");
		sim_destroy(s);
		return NULL;
	}
	/* The first periodic event is scheduled at 0.1 (cloudlet submission) + the interval. */
	s->next_time = 0.1 + e->scheduling_interval_s;
	s->last_process_time = 0.0;
	s->end_time = e->limit_s;
	s->chain = true;
	s->done = !(s->next_time < e->limit_s);
	s->tm_total = stopwatch_now() - t0;
	s->tm_build = s->tm_total - s->tm_updates;
	return s;
}

/*
 * Removes, for good, each VM that requests exactly nothing and is not migrating
 * (doc/cloudsim-engine.md#idle-vm-destruction: PowerDatacenter's "completed VMs",
 * HostDynamicWorkload.getCompletedVms). CloudSim does this to VMs whose trace merely touches 0 %:
 * they vanish from the run even if their trace rises again.
 * Kept by default for parity; with destroy_idle_vms = no only VMs whose cloudlet has finished go.
 */
static void remove_completed_on(struct sim *s, struct host *host)
{
	bool idle_too = s->e->destroy_idle_vms;
	int i = 0;
	while (i < host->n_slots) {
		struct vm *vm = &s->dc->vms[host->slots[i].vm];
		if (!vm->in_migration && vm_req_total(vm) == 0 && (idle_too || vm->finished)) {
			host_vm_destroy(s->dc, host, vm);
			vm->removed = true;
			if (s->policy->vm_left != NULL)
				s->policy->vm_left(&s->ctx, host->id);
		} else {
			i++;
		}
	}
}

static void remove_completed(struct sim *s)
{
	for (int h = 0; h < s->dc->n_hosts; h++)
		if (!s->dc->quiet[h]) /* no VMs */
			remove_completed_on(s, &s->dc->hosts[h]);
}

static double dc_update_body(struct sim *s, double now, struct diag *d, int *err);

/*
 * PowerDatacenter.updateCloudetProcessingWithoutSchedulingFutureEventsForce at `now`: every host
 * updated, energy of [lastProcessTime, now] added, completed VMs removed. Returns CloudSim's minTime.
 * (dc_update_body does it; the time is counted in the host updates', sim_timings.)
 */
static double dc_update(struct sim *s, double now, struct diag *d, int *err)
{
	double t0 = stopwatch_now();
	double t = dc_update_body(s, now, d, err);
	s->tm_updates += stopwatch_now() - t0;
	return t;
}

static double dc_update_body(struct sim *s, double now, struct diag *d, int *err)
{
	struct datacenter *dc = s->dc;
	double time_diff = now - s->last_process_time;
	/* Hosts known to be idle (dc->quiet) would change nothing, and add 0 W*s: skipped. */
	int n = 0;
	for (int h = 0; h < dc->n_hosts; h++)
		if (!dc->quiet[h])
			s->batch[n++] = h;
	/* the plain energy (sim_dc_energy) of each host made by its update, while its record is in
	 * cache (not with power states, parts or the VMs' shares: those need more) */
	dc->energy_dt = s->ps == NULL && s->parts == NULL && s->vme == NULL ? time_diff : 0;
	double min_time = hosts_update(dc, s->batch, n, now, s->sinks, s->workers);
	if (s->ps != NULL) {
		int n_woke = 0;
		double frame = sim_ps_energy(s, now, time_diff, &n_woke, d, err);
		if (*err)
			return min_time;
		s->energy_ws += frame;
		sim_fac_account(s, frame, s->last_process_time, now);
		/* the hosts that came on run their VMs from now: a zero-length update allocates them
		 * (its entries replace those of the update above) */
		if (n_woke > 0) {
			double t = hosts_update(dc, s->woke, n_woke, now, s->sinks, s->workers);
			if (t < min_time)
				min_time = t;
		}
	} else if (time_diff > 0) {
		double frame = sim_dc_energy(s, now, time_diff, d, err);
		if (*err)
			return min_time;
		s->energy_ws += frame;
		sim_fac_account(s, frame, s->last_process_time, now);
	}
	/* then the completed VMs leave (nothing above reads what that changes) */
	for (int k = 0; k < n; k++)
		if (dc->zero_req[s->batch[k]])
			remove_completed_on(s, &dc->hosts[s->batch[k]]);
	s->last_process_time = now;
	return min_time;
}

/*
 * dc_update (with no time elapsed) restricted to the n hosts in s->touched, in id order; with
 * remove_completed, the completed VMs leave as there.
 */
static void update_hosts(struct sim *s, double now, int n, bool remove_completed)
{
	double t0 = stopwatch_now();
	int *touched = s->mig.touched;
	int m = datacenter_sort_hosts(s->dc, touched, n);
	hosts_update(s->dc, touched, m, now, s->sinks, s->workers);
	if (remove_completed)
		for (int k = 0; k < m; k++)
			if (s->dc->zero_req[touched[k]])
				remove_completed_on(s, &s->dc->hosts[touched[k]]);
	s->last_process_time = now;
	s->tm_updates += stopwatch_now() - t0;
}

/* PowerDatacenterNonPowerAware.updateCloudletProcessing: every host at full power. */
static double npa_update(struct sim *s, double now)
{
	double t0 = stopwatch_now();
	struct datacenter *dc = s->dc;
	double time_diff = now - s->last_process_time;
	double frame = sim_npa_energy(s, time_diff);
	double min_time = DBL_MAX;
	dc->util_epoch++;
	for (int h = 0; h < dc->n_hosts; h++) {
		if (dc->quiet[h])
			continue; /* idle: host_update would change nothing */
		double t = host_update(dc, &dc->hosts[h], now, &s->sinks[0]);
		if (t < min_time)
			min_time = t;
	}
	s->energy_ws += frame;
	sim_fac_account(s, frame, s->last_process_time, now);
	remove_completed(s);
	s->last_process_time = now;
	s->tm_updates += stopwatch_now() - t0;
	return min_time;
}

/* A scheduling step up to where the policy decides: the hosts' update (*min_time: CloudSim's
 * minTime), the arrivals, the consolidation's start. 0 or -1. */
static int periodic_begin(struct sim *s, double now, double *min_time, struct diag *d)
{
	int err = 0;
	if (s->policy->energy == GM_ENERGY_MAX_POWER) {
		*min_time = npa_update(s, now);
	} else {
		*min_time = dc_update(s, now, d, &err);
		if (err)
			return -1;
	}
	if (s->dc->memory)
		datacenter_mem_update(s->dc, now); /* before the arrivals' and the policy's placements */
	if (create_arrivals(s, now, d) != 0)
		return -1;
	if (s->cons != NULL) {
		s->ctx.now = now;
		consolidation_begin(s->cons);
	}
	return 0;
}

/* The rest of the step: the policy decides, the migrations start, the step is recorded. */
static int periodic_end(struct sim *s, double now, double min_time, struct diag *d)
{
	int started = 0, over = 0;
	if (s->cons != NULL) {
		const struct migration *map;
		int n = consolidation_decide(s->cons, &map);
		if (n < 0)
			return policy_failed(s, d);
		over = consolidation_overloaded_count(s->cons);
		s->mig.n_touched = 0;
		for (int i = 0; s->dc->memory && i < n; i++)
			s->mem_migrated_mb += s->dc->vms[map[i].vm].mem_mb;
		double t0 = stopwatch_now();
		for (int i = 0; i < n; i++) {
			/* power states: a target that is not on is powered on; the transfer waits for it */
			double wait = s->ps != NULL ? sim_ps_want(s, map[i].target, now) : 0;
			if (migrations_start(&s->mig, s->dc, s->e, map[i].vm, map[i].target, now, wait, d) != 0)
				return -1;
		}
		/*
		 * CloudSim updates the target and the source at every start (addMigratingInVm); here
		 * each host so touched is updated once, after the last start, in id order. The same
		 * result: every VM was updated at this instant already (the update above), so a
		 * further update of a host is a zero-length one, a function of its VM list, its
		 * scheduler lists and its VMs' requests and flags as they are at that moment; a host's
		 * last update in CloudSim comes after every start that changes those (each such start
		 * updates it), so it sees what the single update here sees. What the earlier updates
		 * leave behind is overwritten: allocations are made afresh, the history entries of an
		 * instant replace each other, the scheduler's table only grows with its largest
		 * size, and "previous utilization" is read only right after a later update at a later
		 * instant has replaced it. The starts themselves read no state an update writes
		 * (RAM, storage and the migrating-in lists).
		 */
		migrations_touched_done(&s->mig);
		s->tm_starts += stopwatch_now() - t0;
		update_hosts(s, now, s->mig.n_touched, false);
		started = n;
	}
	if (s->ps != NULL)
		sim_ps_idle_check(s, now);
	s->steps++;
	if (s->dc->memory) {
		datacenter_mem_totals(s->dc, &s->mem_now_mb, &s->mem_now_max);
		s->mem_used_sum_mb += s->mem_now_mb;
		s->mem_steps++;
		s->mem_host_peak = fmax(s->mem_host_peak, s->mem_now_max);
	}
	sim_record_timeline(s, now, over, started);
	/* No VM with a positive allocation left anywhere: CloudSim schedules no further step. */
	if (min_time == DBL_MAX && s->next_pending == s->n_pending)
		s->chain = false;
	else
		s->next_time = now + s->e->scheduling_interval_s;
	s->last_process_time = now;
	return 0;
}

static int periodic_step(struct sim *s, double now, struct diag *d)
{
	double min_time;
	if (periodic_begin(s, now, &min_time, d) != 0)
		return -1;
	return periodic_end(s, now, min_time, d);
}

static int next_event(struct sim *s, struct diag *d);

/* (next_event does the step; its time is counted in sim_timings' total) */
int sim_step(struct sim *s, struct diag *d)
{
	double t0 = stopwatch_now();
	int r = next_event(s, d);
	s->tm_total += stopwatch_now() - t0;
	return r;
}

static int next_event(struct sim *s, struct diag *d)
{
	if (s->done)
		return 0;
	double limit = s->e->limit_s;
	double t_per = s->chain ? s->next_time : DBL_MAX;
	double t_mig = migrations_next(&s->mig);
	double now = t_mig < t_per ? t_mig : t_per;
	/* power states: a boot or wake ending before the next step is an event of its own */
	double t_ps = s->ps != NULL ? sim_ps_next(s) : DBL_MAX;
	bool ps_event = t_ps < t_per && t_ps <= t_mig;
	if (ps_event)
		now = t_ps;
	/* CloudSim stops once the clock reaches the limit: an event at or after it is not processed. */
	if (!(now < limit)) {
		s->done = true;
		if (now == DBL_MAX)
			s->end_time = s->last_process_time;
		return 0;
	}
	if (s->days != NULL && sim_days_advance(s, now, d) != 0)
		return -2; /* a run over several days: the next day's samples as the clock enters it */
	if (ps_event) {
		/* every host updated and charged up to now; the hosts coming on run their VMs */
		int err = 0;
		dc_update(s, now, d, &err);
		if (err)
			return -1;
		sim_ps_idle_check(s, now);
		return 1;
	}
	if (t_mig < t_per) {
		/* processVmMigrate for every VM_MIGRATE at this instant, in sending order; one update
		 * before the first, one zero-length update after the last
		 * (doc/cloudsim-engine.md#migration-completion). */
		int err = 0;
		int n_touched = 0;
		double t0 = stopwatch_now(), updates0 = s->tm_updates;
		s->tm_instants++;
		while (migrations_next(&s->mig) == now) {
			struct mig_event ev = migrations_pop(&s->mig);
			if (now > s->last_process_time) {
				dc_update(s, now, d, &err);
				if (err)
					return -1;
			}
			int src = s->dc->vm_table[ev.vm];
			if (n_touched + 2 <= s->mig.cap_touched) {
				if (src >= 0)
					s->mig.touched[n_touched++] = src;
				s->mig.touched[n_touched++] = ev.target;
			} else {
				n_touched = s->mig.cap_touched + 1; /* overflow: update everything */
			}
			/* the sources and targets are updated below, which allocates afresh: their
			 * re-allocations at each VM leaving would be overwritten unread */
			s->dc->defer_realloc = true;
			int r = migrations_complete(s->dc, &ev, now, d);
			s->dc->defer_realloc = false;
			if (r != 0)
				return -1;
		}
		/* The zero-length update after the last completion
		 * (doc/cloudsim-engine.md#migration-completion). A host no migration touched was already
		 * updated at this very instant: updating it again gives the same requests, allocations
		 * and (replaced) history entries, so only the sources and targets of the completed
		 * migrations are updated. */
		if (n_touched > s->mig.cap_touched)
			dc_update(s, now, d, &err);
		else
			update_hosts(s, now, n_touched, true);
		s->tm_completions += stopwatch_now() - t0 - (s->tm_updates - updates0);
		if (err)
			return -1;
		if (s->ps != NULL)
			sim_ps_idle_check(s, now);
		return 1;
	}
	if (s->ctx.agent && s->cons != NULL) {
		/* a gm_simulation's stop: its caller acts before the policy decides (sim_resume) */
		if (periodic_begin(s, now, &s->stop_min_time, d) != 0)
			return -1;
		s->stop_now = now;
		s->ctx.in_optimize = true;
		return SIM_STOPPED;
	}
	if (periodic_step(s, now, d) != 0)
		return -1;
	return 1;
}

int sim_resume(struct sim *s, struct diag *d)
{
	double t0 = stopwatch_now();
	s->ctx.in_optimize = false;
	int r = periodic_end(s, s->stop_now, s->stop_min_time, d) != 0 ? -1 : 1;
	s->tm_total += stopwatch_now() - t0;
	return r;
}

bool sim_done(const struct sim *s)
{
	return s->done;
}

int sim_run(struct sim *s, struct diag *d)
{
	int r;
	while ((r = sim_step(s, d)) == 1 || (r == SIM_STOPPED && (r = sim_resume(s, d)) == 1))
		;
	return r;
}

int sim_lanes(const struct sim *s)
{
	return workers_count(s->workers);
}

void sim_attach_sink(struct sim *s, int lane, const struct history_sink *sink)
{
	s->sinks[lane] = *sink;
}

const struct timeline_row *sim_timeline(const struct sim *s, int *n)
{
	*n = s->n_timeline;
	return s->timeline;
}

const struct vm_energy *sim_vm_energy(const struct sim *s, int *n)
{
	*n = s->vme != NULL ? s->dc->n_vms : 0;
	return s->vme;
}

const struct datacenter *sim_datacenter(const struct sim *s)
{
	return s->dc;
}

void sim_progress(const struct sim *s, double *energy_kwh, long *migrations)
{
	*energy_kwh = s->energy_ws / (3600 * 1000);
	*migrations = s->mig.started;
}

struct gm_ctx *sim_set_agent(struct sim *s, bool stop, bool alone)
{
	s->ctx.agent = stop;
	s->ctx.agent_alone = alone;
	return &s->ctx;
}

const struct pstate_host *sim_power_states(const struct sim *s, const struct pstate_params **pp)
{
	*pp = s->pp;
	return s->ps;
}

void sim_destroy(struct sim *s)
{
	if (s == NULL)
		return;
	if (s->policy_created && s->policy->destroy != NULL)
		s->policy->destroy(s->ctx.state);
	free(s->ctx.held_off);
	consolidation_destroy(s->cons);
	workers_destroy(s->workers);
	free(s->batch);
	datacenter_power_free(s->dc);
	datacenter_destroy(s->dc);
	migrations_fini(&s->mig);
	free(s->timeline);
	free(s->util);
	free(s->mem);
	free(s->unplaced);
	free(s->pending);
	free(s->ps);
	free(s->pp);
	free(s->empty_since);
	free(s->avoid);
	free(s->woke);
	free(s->parts);
	free(s->mem_gb);
	free(s->vme);
	series_free(&s->carbon);
	series_free(&s->price);
	workload_free(&s->w);
	free(s);
}
