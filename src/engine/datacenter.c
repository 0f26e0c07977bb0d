/*
 * datacenter: hosts, VMs and the CPU bookkeeping of CloudSim 3.0.3's power package.
 *
 * Mirrors, with their arithmetic order kept for bit-exact results:
 *   UtilizationModelPlanetLabInMemory.getUtilization       -> vm_utilization
 *   CloudletSchedulerDynamicWorkload + PowerVm             -> vm_update (requests, progress, history)
 *   VmSchedulerTimeShared(OverSubscription)                -> datacenter_sched.c
 *   HostDynamicWorkload.updateVmsProcessing                -> host_update
 * (Host.vmCreate / vmDestroy, Host.isSuitableForVm, the migrating-in reservations and the
 * restore of the consolidation's allocation: datacenter_hosts.c.)
 * CloudSim iterates a Java HashMap (VmSchedulerTimeShared.mipsMapRequested, keys "2-<vmId>") when it
 * re-allocates the remaining VMs after a deallocation and when it sums the requests of an
 * over-subscribed host. That order changes the last bits of availableMips and of the scale factor,
 * which can flip a floor() or a >= comparison, so it is emulated exactly
 * (doc/cloudsim-engine.md#hashmap-order): Java 17's HashMap iterates by bucket (String.hashCode
 * spread by h ^ (h >>> 16), masked by the capacity, which starts at 16 and doubles once the size
 * exceeds 3/4 of it, never shrinking), and within a bucket in insertion order.
 */
#include "datacenter.h"
#include "datacenter_power.h"
#include "datacenter_sched.h"

#include "workers.h"

#include <assert.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_TIME_BETWEEN_EVENTS 0.1 /* CloudSim.getMinTimeBetweenEvents() */
#define pes_sum datacenter_pes_sum
#define slot_set_alloc datacenter_slot_set_alloc

/* fmod(x, m) == 0 (exact, as CloudSim tests it), without fmod when x / m is plainly no integer. */
static bool exact_multiple(double x, double m)
{
	double q = x / m;
	if (fabs(q - floor(q + 0.5)) > 1e-7) /* q - nearest integer (floor inlines, nearbyint is a call) */
		return false;
	return fmod(x, m) == 0;
}

static void time_index_init(struct time_index *ti, double t, double interval, size_t k0)
{
	ti->t = t;
	ti->interval = interval;
	ti->exact = exact_multiple(t, interval);
	ti->k = ti->exact ? (size_t)((long)t / (long)interval) : 0;
	ti->i1 = (long)floor(t / interval);
	ti->i2 = (long)ceil(t / interval);
	ti->span = (double)(ti->i2 - ti->i1) * interval;
	ti->offset = t - (double)ti->i1 * interval;
	ti->k0 = k0;
	ti->r = ti->exact ? ti->k - k0 : 0;
	ti->r1 = ti->i1 - (long)k0;
	ti->r2 = ti->i2 - (long)k0;
}

#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline double vm_utilization_at(const struct vm *vm, const struct time_index *ti)
{
	size_t last = vm->n_util - 1;
	if (ti->exact) {
		assert(ti->k <= last);
		return vm->util[ti->r * vm->util_stride];
	}
	assert(ti->i1 >= 0 && (size_t)ti->i2 <= last);
	double u1 = vm->util[(size_t)ti->r1 * vm->util_stride];
	double u2 = vm->util[(size_t)ti->r2 * vm->util_stride];
	double delta = (u2 - u1) / ti->span;
	return u1 + delta * ti->offset;
}

double vm_utilization(const struct vm *vm, double t)
{
	struct time_index ti;
	time_index_init(&ti, t, vm->interval_s, vm->util_k0);
	return vm_utilization_at(vm, &ti);
}


/*
 * Vm/CloudletSchedulerDynamicWorkload/PowerVm.updateVmProcessing(now, share): the cloudlet advances
 * by what it got since the previous update, the request is re-read from the trace at `now`, and at
 * the periodic times (now - 0.1 a multiple of 300 s) a utilization sample enters the history.
 * Returns 0 if the cloudlet has finished, DBL_MAX if it has no work at a positive rate, else a
 * time after now: CloudSim's estimated finish time now + remaining / rate, which the power
 * datacenter uses only as "some cloudlet still progresses" (minTime != Double.MAX_VALUE), so
 * the division is skipped and now + MIN_TIME_BETWEEN_EVENTS stands for it (finite exactly when
 * the estimate is).
 */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline double vm_update_inline(struct vm *vm, double now, const struct time_index *ti,
				      double share_total, bool history_instant,
				      const struct history_sink *sink)
{
	double total_mips = vm->pes * vm->mips;
	double span = now - vm->prev_time;
	double next = DBL_MAX;
	/* The trace at `now`, once (it is the next update's "previous" value too). */
	double u_now;
	if (vm->u_prev_ok && vm->prev_time == now)
		u_now = vm->u_prev; /* updated at this instant already (migrations start and end at
				     * update instants: a VM is updated several times at one) */
	else
		u_now = ti->interval == vm->interval_s ? vm_utilization_at(vm, ti) : vm_utilization(vm, now);
	if (!vm->finished) {
		/* ResCloudlet: instructions as Java longs; remaining length in whole MI. */
		double u_prev = vm->u_prev_ok ? vm->u_prev : vm_utilization(vm, vm->prev_time);
		double req_prev = u_prev * total_mips;
		double got = req_prev > share_total ? share_total : req_prev;
		vm->done_instructions += (long long)(span * got * 1e6);
		long long left = vm->length_mi * 1000000LL - vm->done_instructions;
		if (left < 1000000LL) { /* remaining length in whole MI: 0 */
			vm->finished = true;
		} else {
			double now_req = u_now * total_mips;
			double rate = now_req > share_total ? share_total : now_req;
			if (rate > 0)
				next = now + MIN_TIME_BETWEEN_EVENTS;
		}
	}
	vm->prev_time = now;
	vm->u_prev = u_now;
	vm->u_prev_ok = true;
	double u = vm->finished ? 0.0 : u_now;
	vm->req_total = u * total_mips;
	/* CloudletSchedulerDynamicWorkload caches pes copies of totalMips / pes; keep their sum. */
	vm->req_total = pes_sum(vm->pes, vm->req_total / vm->pes);
	if (now > vm->power_prev_time && history_instant) {
		if (now != 0 || u != 0) {
			vm_history_push(vm, u);
			if (sink != NULL && sink->vm_utilization != NULL)
				sink->vm_utilization(sink->ctx, vm->id, now, u);
		}
		vm->power_prev_time = now;
	}
	return vm->finished ? 0.0 : next;
}

/* vm_update_inline as a call (batch_targets); the host updates inline it, whose prologue was a
 * tenth of its cost */
static double vm_update(struct vm *vm, double now, const struct time_index *ti, double share_total,
			bool history_instant, const struct history_sink *sink)
{
	return vm_update_inline(vm, now, ti, share_total, history_instant, sink);
}

/* dc->ti_last and dc->ti_history for `now` on traces of `interval` (kept for the instant). */
static void instant_index(struct datacenter *dc, double now, double interval)
{
	if (!(dc->ti_ok && dc->ti_now == now && dc->ti_interval == interval &&
	      dc->ti_sched == dc->scheduling_interval_s && dc->ti_last.k0 == dc->util_k0)) {
		time_index_init(&dc->ti_last, now, interval, dc->util_k0);
		dc->ti_history = exact_multiple(now - 0.1, dc->scheduling_interval_s);
		dc->ti_now = now;
		dc->ti_interval = interval;
		dc->ti_sched = dc->scheduling_interval_s;
		dc->ti_ok = true;
	}
}

/* The VM records of h's list asked for (the list itself should be in cache by then). */
static void prefetch_records(const struct datacenter *dc, const struct host *h)
{
	for (int i = 0; i < h->n_slots; i++)
		vm_prefetch(&dc->vms[h->slots[i].vm]);
}

/* With h's migrating lists not all empty, the words of their masks that host_allocate will test
 * for its VMs (lines of the record's tail, where a VM's word falls at random); nothing else. */
static inline void prefetch_masks(const struct host *h)
{
#if defined(__GNUC__)
	if (!h->lists_any)
		return;
	for (int i = 0; i < h->n_slots; i++) {
		unsigned w = IDLIST_WORD(h->slots[i].vm);
		__builtin_prefetch(&h->migrating_in.mask[w]);
		__builtin_prefetch(&h->migrating_out.mask[w]);
		__builtin_prefetch(&h->vms_migrating_in.mask[w]);
	}
#else
	(void)h;
#endif
}

/* The lines of the sink's record id of `bytes` at base (base NULL: none). */
static inline void prefetch_sink(const void *base, size_t bytes, int id)
{
#if defined(__GNUC__)
	if (base == NULL)
		return;
	const char *p = (const char *)base + (size_t)id * bytes; /* (records of at most 2 lines) */
	__builtin_prefetch(p);
	if (bytes > DATACENTER_LINE)
		__builtin_prefetch(p + DATACENTER_LINE);
	__builtin_prefetch(p + bytes - 1);
#else
	(void)base;
	(void)bytes;
	(void)id;
#endif
}

/* What h's update reads beyond the records (which should be in cache by then): the trace
 * samples at ti's instant (ti NULL: none), and the sink's. Always inline, as prefetch_host: a
 * function that only asks for memory is "pure" to GCC, and a call to it whose result is unused
 * is dropped. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void prefetch_samples(const struct datacenter *dc, const struct host *h,
			     const struct history_sink *sink, const struct time_index *ti, bool history)
{
	for (int i = 0; i < h->n_slots; i++) {
		int v = h->slots[i].vm;
		const struct vm *vm = &dc->vms[v];
		if (history)
			vm_prefetch_history(vm); /* (the lines the newest value goes to) */
#if defined(__GNUC__)
		if (ti != NULL && vm->interval_s == ti->interval && vm->util != NULL) {
			size_t last = vm->n_util - 1;
			if (ti->exact) {
				if (ti->k <= last)
					__builtin_prefetch(&vm->util[ti->r * vm->util_stride]);
			} else if (ti->i1 >= 0 && (size_t)ti->i2 <= last) {
				__builtin_prefetch(&vm->util[(size_t)ti->r1 * vm->util_stride]);
				__builtin_prefetch(&vm->util[(size_t)ti->r2 * vm->util_stride]);
			}
		}
#endif
		if (sink != NULL)
			prefetch_sink(sink->vm_mem, sink->vm_bytes, v);
	}
	if (sink != NULL)
		prefetch_sink(sink->host_mem, sink->host_bytes, h->id);
}

/* host_prefetch's requests, the trace samples at ti's instant (ti NULL: none). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void prefetch_host(const struct datacenter *dc, const struct host *h,
			  const struct history_sink *sink, const struct time_index *ti)
{
	if (!dc->prefetch)
		return; /* a small datacenter's records stay in the caches */
	prefetch_records(dc, h);
	prefetch_samples(dc, h, sink, ti, false);
}

void host_prefetch(struct datacenter *dc, const struct host *h, const struct history_sink *sink,
		   double now)
{
	if (h->n_slots == 0)
		return;
	/* the traces' samples at `now` too (the update reads them), unless now is NaN */
	const struct time_index *ti = NULL;
	if (now == now) {
		instant_index(dc, now, dc->vms[h->slots[0].vm].interval_s);
		ti = &dc->ti_last;
	}
	prefetch_host(dc, h, sink, ti);
}

/* What vm_update returns for a VM already updated at `now` (a zero-length update), read only. */
static double vm_next(const struct vm *vm, double now, double share_total)
{
	if (vm->finished)
		return 0.0;
	double now_req = vm->u_prev * (vm->pes * vm->mips);
	double rate = now_req > share_total ? share_total : now_req;
	return rate > 0 ? now + MIN_TIME_BETWEEN_EVENTS : DBL_MAX;
}

/*
 * The rest of host_update_at (Host.updateVmsProcessing after the VMs' updates): every VM is
 * deallocated, then allocated again in list order from all MIPS (VmSchedulerTimeShared's
 * allocatePesForVm, the over-subscription settled once, after: sched_allocate_uid's
 * redistribute_later), and the entries are recorded. sched_allocate's steps in one loop; the
 * migrating lists are asked only when they hold something and the VMs' migration flags are read
 * again only when one of them migrates (`migrating`): most hosts have no VM migrating, and their
 * migrating-out lists hold only stale entries (doc/cloudsim-engine.md#q14).
 */
static void host_allocate(struct datacenter *dc, struct host *h, double now,
			  const struct history_sink *sink, bool migrating, int size)
{
	int n = h->n_slots;
	struct slot *slots = h->slots;
	int cap = h->map_cap, limit = cap * 3 / 4;
	long seq = h->map_seq;
	double pe_mips = h->pe_mips;
	double available = h->total_mips;
	bool over = false;
	/* (the lists change below only by VMs migrating out entering migrating_out, and a VM not
	 * migrating is no such VM: as they were here, they were empty or not for all of them) */
	bool lists = h->lists_any;
	for (int i = 0; i < n; i++) {
		struct slot *s = &slots[i];
		const struct vm *vm = &dc->vms[s->vm];
		double req_pe = vm_req_pe(vm);
		bool in = lists && idlist_has(&h->migrating_in, s->vm);
		bool out = false;
		if (migrating && vm->in_migration) { /* sched_allocate's lists */
			/* a VM not migrating in joins migrating_out if not there (4 ids preallocated):
			 * then it is a member, unless that failed; one scan instead of two */
			out = idlist_has(&h->migrating_out, s->vm) ||
			      (!in && idlist_add(&h->migrating_out, s->vm) == 0);
		} else if (lists) {
			idlist_remove(&h->migrating_out, s->vm);
		}
		double capped = req_pe > pe_mips ? pe_mips : req_pe;
		double total = pes_sum(s->pes, capped);
		if (in)
			total *= MIGRATION_IN_SHARE;
		s->req_pe = req_pe;
		s->has_req = true; /* map_insert */
		s->req_seq = seq++;
		if (++size > limit) {
			cap *= 2;
			limit = cap * 3 / 4;
		}
		if (available >= total) {
			double m = capped;
			if (out)
				m *= MIGRATION_OUT_SHARE;
			else if (in)
				m *= MIGRATION_IN_SHARE;
			s->alloc_pe = m;
			s->alloc_total = in || out ? pes_sum(s->pes, m) : total;
			available -= total;
		} else {
			over = true; /* every allocation is made by the redistribution below */
			available = 0;
		}
	}
	h->map_size = size;
	h->map_cap = cap;
	h->map_seq = seq;
	h->map_ordered = false;
	h->available_mips = available;
	if (lists || migrating)
		host_lists_note(h);
	h->redistribute_later = false;
	h->redistribute_due = over;
	if (over)
		datacenter_sched_redistribute(h);
	if (h->stalled) {
		/* a host that is not on yet runs nothing: its VMs wait (doc/power-states.md) */
		for (int i = 0; i < n; i++)
			slot_set_alloc(&slots[i], 0.0);
		h->available_mips = h->total_mips;
	}
	double util = 0, overhead = 0, requested = 0;
	bool zero = false;
	bool any_vin = lists && h->vms_migrating_in.n > 0;
	for (int i = 0; i < n; i++) {
		const struct slot *s = &slots[i];
		double req = pes_sum(s->pes, s->req_pe); /* vm_req_total */
		double alloc = s->alloc_total;
		bool in_migration = migrating && dc->vms[s->vm].in_migration;
		zero |= !in_migration && req == 0;
		if (!(any_vin && idlist_has(&h->vms_migrating_in, s->vm))) {
			if (sink != NULL)
				sink->vm_entry(sink->ctx, s->vm, now, alloc, req, in_migration);
			if (in_migration)
				alloc /= MIGRATION_OUT_SHARE;
		} else {
			overhead += alloc;
		}
		util += alloc;
		requested += req;
	}
	double util_before = h->utilization_mips;
	h->utilization_mips = util;
	h->overhead_mips = overhead;
	h->requested_mips = requested;
	dc->zero_req[h->id] = zero;
	if (sink != NULL)
		sink->host_entry(sink->ctx, h->id, now, util, requested, util > 0);
	h->idle_recorded = sink != NULL && util == 0 && requested == 0;
	if (dc->host_watts != NULL && !(util == util_before))
		dc->host_watts[h->id] = NAN; /* (a function of util: host_energy_note or the timeline) */
}

/*
 * host_update at the instant of ti (history: a history instant), without counting in util_epoch;
 * the VMs stamped `stamp` (not 0) were updated at `now` already and are only read.
 */
static double host_update_at(struct datacenter *dc, struct host *h, double now,
			     const struct time_index *ti, bool history,
			     const struct history_sink *sink, unsigned stamp)
{
	/* An empty host that was already idle: the update would leave every value at 0 and add an
	 * inactive history entry after an inactive one, which no metric counts (SLATAH and the
	 * shutdown times look only at active intervals and at changes of state). Most hosts of a
	 * consolidated datacenter are in that state at most instants. */
	if (h->n_slots == 0 && h->idle_recorded && h->utilization_mips == 0 &&
	    h->previous_utilization_mips == 0 && h->overhead_mips == 0 &&
	    h->previous_overhead_mips == 0) {
		dc->quiet[h->id] = !(h->security_mips > 1e-9); /* and its energy is 0 */
		dc->zero_req[h->id] = 0;
		return DBL_MAX;
	}
	dc->quiet[h->id] = 0;
	h->live_dirty = true;
	/* Host.updateVmsProcessing: each VM with its current (old) allocation. */
	double smallest = DBL_MAX;
	bool migrating = false;
	int size = h->map_size; /* once every VM is deallocated (datacenter_map_remove) */
	for (int i = 0; i < h->n_slots; i++) {
		struct vm *vm = &dc->vms[h->slots[i].vm];
		double share = h->slots[i].alloc_total;
		size -= h->slots[i].has_req;
		double t = stamp != 0 && vm->batch_stamp == stamp
				   ? vm_next(vm, now, share)
				   : vm_update_inline(vm, now, ti, share, history, sink);
		if (t > 0.0 && t < smallest)
			smallest = t;
		migrating |= vm->in_migration;
	}
	h->previous_utilization_mips = h->utilization_mips;
	h->previous_overhead_mips = h->overhead_mips;
	host_allocate(dc, h, now, sink, migrating, size);
	return smallest;
}

double host_update(struct datacenter *dc, struct host *h, double now,
		   const struct history_sink *sink)
{
	dc->util_epoch++;
	datacenter_fit_touch(dc, h->id);
	/* where `now` falls in the traces and whether it is a history instant (PowerVm's
	 * fmod(now - 0.1, interval) == 0): the same for every host at one instant, kept */
	if (h->n_slots == 0)
		return host_update_at(dc, h, now, NULL, false, sink, 0);
	instant_index(dc, now, dc->vms[h->slots[0].vm].interval_s);
	struct time_index ti = dc->ti_last;
	return host_update_at(dc, h, now, &ti, dc->ti_history, sink, 0);
}

/* --- many hosts at one instant (hosts_update) --- */

#define BATCH_MIN_HOSTS 64   /* fewer: one thread (waking another costs more than it saves) */
#define BATCH_MIN_TARGETS 32 /* fewer migration targets: their VMs updated on this thread */

struct batch {
	struct datacenter *dc;
	const int *hosts;
	int n, chunk;
	int chunk_tgt;
	double now;
	struct time_index ti;
	bool history;
	const struct history_sink *sinks;
	unsigned stamp;
	double energy_dt;          /* > 0: the hosts' energy over it too (dc->host_ws) */
	struct {
		double min;
		char pad[64 - sizeof(double)]; /* a cache line per lane */
	} least[WORKERS_MAX];
};

/* Hosts_update's first pass: the VMs migrating into the targets of chunk `c`, each updated on
 * the host of the batch the sequential order would update it on first. */
static void batch_targets(void *ctx, int lane, int c)
{
	struct batch *b = ctx;
	struct datacenter *dc = b->dc;
	int from = c * b->chunk_tgt, to = from + b->chunk_tgt < dc->n_tgt ? from + b->chunk_tgt : dc->n_tgt;
	for (int k = from; k < to; k++) {
		int t = dc->tgt[k];
		if (dc->batch_mark[t] != b->stamp)
			continue;
		const struct idlist *in = &dc->hosts[t].vms_migrating_in;
		for (int j = 0; j < in->n; j++) {
			struct vm *vm = &dc->vms[idlist_at(in, j)];
			/* A VM migrating into two hosts (both phases of one step may move it:
			 * doc/cloudsim-engine.md#q6) is handled by the first of them in the batch. */
			int other = vm->target1[0] == t + 1 ? vm->target1[1] - 1 : vm->target1[0] - 1;
			if (other >= 0 && other < t && dc->batch_mark[other] == b->stamp)
				continue;
			/* the lowest id of its hosts in the batch (the other target, if any, is not) */
			int src = vm->host, owner = t;
			if (src >= 0 && src < owner && dc->batch_mark[src] == b->stamp &&
			    host_find_slot(&dc->hosts[src], vm->id) >= 0)
				owner = src;
			int slot = host_find_slot(&dc->hosts[owner], vm->id);
			if (slot < 0)
				continue; /* (not on its list: cannot happen) */
			vm_update(vm, b->now, &b->ti, dc->hosts[owner].slots[slot].alloc_total, b->history,
				  &b->sinks[lane]);
			vm->batch_stamp = b->stamp;
		}
	}
}

/* How far ahead batch_hosts asks for memory (in hosts of the chunk): each stage needs what the
 * one before brought in (a host's list, then its VMs' records, then their trace samples). */
#define AHEAD_HOST 8
#define AHEAD_LIST 6
#define AHEAD_RECORDS 4
#define AHEAD_SAMPLES 2

/* The lines of h's VM list (its record should be in cache by then). */
static inline void prefetch_list(const struct host *h)
{
#if defined(__GNUC__)
	const char *p = (const char *)h->slots;
	size_t bytes = (size_t)h->n_slots * sizeof *h->slots;
	for (size_t o = 0; o < bytes; o += DATACENTER_LINE)
		__builtin_prefetch(p + o);
	if (bytes > 0)
		__builtin_prefetch(p + bytes - 1);
#else
	(void)h;
#endif
}

/* The host updates of chunk `c`, the memory of the hosts ahead asked for in stages. */
static void batch_hosts(void *ctx, int lane, int c)
{
	struct batch *b = ctx;
	struct datacenter *dc = b->dc;
	const struct history_sink *sink = &b->sinks[lane];
	int from = c * b->chunk, to = from + b->chunk < b->n ? from + b->chunk : b->n;
	double least = b->least[lane].min;
	bool ahead = dc->prefetch;
	for (int k = from; ahead && k < from + AHEAD_RECORDS && k < to; k++)
		prefetch_host(dc, &dc->hosts[b->hosts[k]], sink, &b->ti);
	for (int k = from; k < to; k++) {
		if (ahead) {
#if defined(__GNUC__)
			if (k + AHEAD_HOST < to) {
				const struct host *a = &dc->hosts[b->hosts[k + AHEAD_HOST]];
				__builtin_prefetch(a);
				__builtin_prefetch((const char *)a + DATACENTER_LINE);
				if (dc->host_watts != NULL) /* (its power: host_watts_now) */
					for (int o = 2; o < DATACENTER_POWER_LINES; o++)
						__builtin_prefetch((const char *)a + o * DATACENTER_LINE);
			}
#endif
			if (k + AHEAD_LIST < to)
				prefetch_list(&dc->hosts[b->hosts[k + AHEAD_LIST]]);
			if (k + AHEAD_RECORDS < to) {
				prefetch_records(dc, &dc->hosts[b->hosts[k + AHEAD_RECORDS]]);
				prefetch_masks(&dc->hosts[b->hosts[k + AHEAD_RECORDS]]);
			}
			if (k + AHEAD_SAMPLES < to && k + AHEAD_SAMPLES >= from + AHEAD_RECORDS)
				prefetch_samples(dc, &dc->hosts[b->hosts[k + AHEAD_SAMPLES]], sink, &b->ti,
						 b->history);
		}
		struct host *h = &dc->hosts[b->hosts[k]];
		double t = host_update_at(dc, h, b->now, &b->ti, b->history, sink, b->stamp);
		if (b->energy_dt > 0 && !dc->quiet[h->id])
			host_energy_note(dc, h, b->energy_dt); /* (an empty host's crypto: NaN) */
		if (t < least)
			least = t;
	}
	b->least[lane].min = least;
}

double hosts_update(struct datacenter *dc, const int *hosts, int n, double now,
		    const struct history_sink *sinks, struct workers *w)
{
	dc->util_epoch++;
	if (dc->fit != NULL) {
		/* (the updates change only the hosts of the batch) */
		if (n > DATACENTER_FIT_LOG)
			dc->fit_stale = true;
		for (int k = 0; k < n && !dc->fit_stale; k++)
			datacenter_fit_touch(dc, hosts[k]);
	}
	struct batch b;
	memset(&b, 0, sizeof b);
	b.dc = dc;
	b.hosts = hosts;
	b.n = n;
	b.now = now;
	b.sinks = sinks;
	b.energy_dt = dc->host_ws != NULL ? dc->energy_dt : 0;
	dc->energy_dt = 0;
	dc->energy_ready = b.energy_dt > 0;
	int lanes = workers_count(w);
	for (int l = 0; l < lanes; l++)
		b.least[l].min = DBL_MAX;
	/* the instant's trace index, on the first VM's interval (VMs of another interval read
	 * their traces at `now` directly: the same values) */
	for (int k = 0; k < n; k++) {
		const struct host *h = &dc->hosts[hosts[k]];
		if (h->n_slots > 0) {
			instant_index(dc, now, dc->vms[h->slots[0].vm].interval_s);
			b.ti = dc->ti_last;
			b.history = dc->ti_history;
			break;
		}
	}
	if (w == NULL || n < BATCH_MIN_HOSTS || dc->n_multi > 0) {
		b.chunk = n > 0 ? n : 1;
		batch_hosts(&b, 0, 0); /* one chunk in order: host_update on each in turn */
		return b.least[0].min;
	}
	if (++dc->batch_stamp == 0)
		++dc->batch_stamp; /* (0 means "none" to host_update_at) */
	b.stamp = dc->batch_stamp;
	for (int k = 0; k < n; k++)
		dc->batch_mark[hosts[k]] = b.stamp;
	dc->batches_parallel++;
	if (dc->n_tgt > 0) {
		bool par = dc->n_tgt >= BATCH_MIN_TARGETS;
		dc->targets_parallel += par;
		b.chunk_tgt = par ? (dc->n_tgt + 4 * lanes - 1) / (4 * lanes) : dc->n_tgt;
		workers_run(par ? w : NULL, (dc->n_tgt + b.chunk_tgt - 1) / b.chunk_tgt, batch_targets, &b);
	}
	b.chunk = n / (8 * lanes);
	if (b.chunk < 16)
		b.chunk = 16;
	workers_run(w, (n + b.chunk - 1) / b.chunk, batch_hosts, &b);
	double least = DBL_MAX;
	for (int l = 0; l < lanes; l++)
		if (b.least[l].min < least)
			least = b.least[l].min;
	return least;
}
