/*
 * migrations: the migrations under way in CloudSim 3.0.3's datacenter (sim.c): their start
 * (PowerDatacenter's map processing: Host.addMigratingInVm and VM_MIGRATE after the delay, with
 * the pre-copy and secure models of src/migration), the queue of their completions and the
 * completion itself (Datacenter.processVmMigrate); see migrations.h.
 */
#include "migrations.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "precopy.h"

/* The event queue is a binary heap on (t, seq): seq grows, so equal times leave in sending order
 * (a sorted array cost a shift of the later events per start: quadratic in a step's migrations). */
static bool event_before(const struct mig_event *a, const struct mig_event *b)
{
	return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static int push_event(struct migrations *s, double t, int vm, int target, int source, double src_mips,
		      double tgt_mips)
{
	if (s->n_events == s->cap_events) {
		int cap = 2 * s->cap_events;
		struct mig_event *e = realloc(s->events, (size_t)cap * sizeof *e);
		if (e == NULL)
			return -1;
		s->events = e;
		s->cap_events = cap;
	}
	struct mig_event ev = { .t = t, .seq = s->seq++, .vm = vm, .target = target, .source = source,
				.src_mips = src_mips, .tgt_mips = tgt_mips };
	int i = s->n_events++;
	while (i > 0 && event_before(&ev, &s->events[(i - 1) / 2])) {
		s->events[i] = s->events[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	s->events[i] = ev;
	return 0;
}

/* Removes the earliest event (s->events[0]). */
static void pop_event(struct migrations *s)
{
	struct mig_event last = s->events[--s->n_events];
	int n = s->n_events, i = 0;
	for (;;) {
		int c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && event_before(&s->events[c + 1], &s->events[c]))
			c++;
		if (!event_before(&s->events[c], &last))
			break;
		s->events[i] = s->events[c];
		i = c;
	}
	if (n > 0)
		s->events[i] = last;
}

/* Host h is to be updated after the migrations of this instant have started (once). */
static void mark_touched(struct migrations *s, int h)
{
	if (s->marked[h])
		return;
	s->marked[h] = 1;
	s->touched[s->n_touched++] = h;
}

/* The pre-copy model of a migration of vm to t (doc/migration-security.md#pre-copy-in-the-datacenter),
 * secure or not: with neither [migration] model = precopy nor [security] a single round of the RAM
 * at half the target's bandwidth, CloudSim's delay. */
static void mig_params(const struct experiment *e, const struct vm *vm, const struct host *t, bool secure,
		       struct precopy_params *pp)
{
	precopy_defaults(pp, (double)vm->ram_mb * 1048576 / 4096, ((double)t->bw / 16000) * 1048576);
	pp->dirty_rate = e->migration.precopy ? vm->dirty_pages_per_s : 0;
	pp->max_rounds = e->migration.max_rounds;
	pp->stop_pages = e->migration.stop_pages;
	pp->max_factor = e->migration.max_factor;
	if (secure) {
		pp->secure = true;
		pp->protected_share = pp->protected_dirty_share = e->security.protected_share;
		pp->cipher_bps = e->security.cipher_bps;
		pp->hash_bps = e->security.hash_bps;
		pp->cores_source = pp->cores_target = e->security.cores;
		pp->expansion_bytes = e->security.expansion_bytes;
		pp->hash_bytes = e->security.hash_bytes;
		pp->meta_bytes = e->security.meta_bytes;
		pp->hash_incremental = e->security.hash_incremental;
	}
}

/* [network]: the migration becomes a flow (doc/network.md#migrations-as-flows). What security
 * adds and the crypto load are those of the migration alone on the wire at its nominal rate (the
 * load lasts until it lands); its time and downtime are counted when it lands. */
static int start_on_network(struct migrations *s, struct datacenter *dc, const struct experiment *e, int vm_id,
			    int target, double now, double wait_s, struct diag *d)
{
	struct vm *vm = &dc->vms[vm_id];
	struct host *t = &dc->hosts[target];
	int src = dc->vm_table[vm_id];
	struct precopy_params pp;
	mig_params(e, vm, t, false, &pp);
	double src_mips = 0, tgt_mips = 0;
	if (e->security.enabled) {
		struct precopy_result plain, sec;
		struct precopy_params ps;
		mig_params(e, vm, t, true, &ps);
		if (precopy_eval(&pp, &plain) != 0 || precopy_eval(&ps, &sec) != 0)
			return diag_add(d, NULL, 0, 0, "VM %d: the security parameters are out of range", vm_id);
		s->security_time_s += sec.total_s - plain.total_s;
		s->security_downtime_s += sec.downtime_s - plain.downtime_s;
		s->security_bytes += sec.bytes - plain.bytes;
		if (src >= 0)
			src_mips = sec.cpu_source_s / sec.total_s * dc->hosts[src].pe_mips;
		tgt_mips = sec.cpu_target_s / sec.total_s * t->pe_mips;
		if (src >= 0)
			dc->hosts[src].security_mips += src_mips;
		t->security_mips += tgt_mips;
		pp = ps;
	}
	/* [power] states: the transfer starts when the target is on (doc/network.md#power-states) */
	s->wait_s += wait_s;
	return netmig_add_at(s->net, &pp, 0, vm_id, src, target, s->seq++, src_mips, tgt_mips, now, now + wait_s, d);
}

/* PowerDatacenter: target.addMigratingInVm(vm), the count, and VM_MIGRATE after the delay. */
int migrations_start(struct migrations *s, struct datacenter *dc, const struct experiment *exp, int vm_id,
		     int target, double now, double wait_s, struct diag *d)
{
	struct vm *vm = &dc->vms[vm_id];
	struct host *t = &dc->hosts[target];
	bool already = idlist_has(&t->vms_migrating_in, vm_id);
	if (host_add_migrating_in(dc, t, vm) != 0)
		return diag_add(d, NULL, 0, 0, "t=%.2f s: VM %d cannot migrate to host %d (storage or "
				"memory exhausted; CloudSim stops here)", now, vm_id, target);
	if (!already) {
		/* Host.addMigratingInVm updates the target and the VM's host here; the caller updates
		 * each host so touched once, after the last start of the instant (periodic_step) */
		mark_touched(s, target);
		if (vm->host >= 0)
			mark_touched(s, vm->host);
	}
	s->started++;
	if (s->net != NULL)
		return start_on_network(s, dc, exp, vm_id, target, now, wait_s, d);
	/* Migration delay: RAM over half the target's bandwidth (RAM in MB, BW in Mbit/s). */
	double delay = (double)vm->ram_mb / ((double)t->bw / (2 * 8000));
	double src_mips = 0, tgt_mips = 0;
	int src = dc->vm_table[vm_id];
	if (exp->migration.precopy || exp->security.enabled) {
		/* doc/migration-security.md#pre-copy-in-the-datacenter and
		 * doc/migration-security.md#security-in-the-datacenter: the pre-copy model (with D = 0 it
		 * is exactly the delay above), secure or not; the crypto CPU-seconds load one core of each
		 * host meanwhile */
		const struct experiment *e = exp;
		struct precopy_params pp;
		/* doc/memory.md#pre-copy: with a memory series, pre-copy moves the memory the VM uses (at
		 * least a page), not its whole RAM */
		double pages = (double)vm->ram_mb * 1048576 / 4096;
		if (dc->memory && e->migration.precopy)
			pages = fmax(1, vm->mem_mb * 1048576 / 4096);
		precopy_defaults(&pp, pages, ((double)t->bw / 16000) * 1048576);
		pp.dirty_rate = e->migration.precopy ? vm->dirty_pages_per_s : 0;
		pp.max_rounds = e->migration.max_rounds;
		pp.stop_pages = e->migration.stop_pages;
		pp.max_factor = e->migration.max_factor;
		struct precopy_result plain, sec;
		if (precopy_eval(&pp, &plain) != 0)
			return diag_add(d, NULL, 0, 0, "VM %d: the migration model's parameters are out of range",
					vm_id);
		delay = plain.total_s;
		if (e->security.enabled) {
			pp.secure = true;
			pp.protected_share = pp.protected_dirty_share = e->security.protected_share;
			pp.cipher_bps = e->security.cipher_bps;
			pp.hash_bps = e->security.hash_bps;
			pp.cores_source = pp.cores_target = e->security.cores;
			pp.expansion_bytes = e->security.expansion_bytes;
			pp.hash_bytes = e->security.hash_bytes;
			pp.meta_bytes = e->security.meta_bytes;
			pp.hash_incremental = e->security.hash_incremental;
			if (precopy_eval(&pp, &sec) != 0)
				return diag_add(d, NULL, 0, 0, "VM %d: the security parameters are out of range", vm_id);
			delay = sec.total_s;
			s->security_time_s += sec.total_s - plain.total_s;
			s->security_downtime_s += sec.downtime_s - plain.downtime_s;
			s->security_bytes += sec.bytes - plain.bytes;
			if (src >= 0)
				src_mips = sec.cpu_source_s / delay * dc->hosts[src].pe_mips;
			tgt_mips = sec.cpu_target_s / delay * t->pe_mips;
			if (src >= 0)
				dc->hosts[src].security_mips += src_mips;
			t->security_mips += tgt_mips;
		}
		s->downtime_s += e->security.enabled ? sec.downtime_s : plain.downtime_s;
	}
	s->time_s += delay;
	s->wait_s += wait_s;
	/* (wait_s = 0 without power states: now + 0 + delay is now + delay, bit for bit) */
	if (push_event(s, now + wait_s + delay, vm_id, target, src, src_mips, tgt_mips) != 0)
		return diag_add(d, NULL, 0, 0, "out of memory");
	return 0;
}

/* Datacenter.processVmMigrate: the VM leaves its source and lands at the end of the target's list. */
int migrations_complete(struct datacenter *dc, const struct mig_event *ev, double now, struct diag *d)
{
	if (ev->source >= 0)
		dc->hosts[ev->source].security_mips -= ev->src_mips;
	dc->hosts[ev->target].security_mips -= ev->tgt_mips;
	struct vm *vm = &dc->vms[ev->vm];
	struct host *t = &dc->hosts[ev->target];
	int src = dc->vm_table[ev->vm];
	dc->vm_table[ev->vm] = -1;
	if (src >= 0)
		host_vm_destroy(dc, &dc->hosts[src], vm);
	host_remove_migrating_in(dc, t, vm);
	if (!host_vm_create(dc, t, vm))
		return diag_add(d, NULL, 0, 0, "t=%.2f s: VM %d does not fit on host %d after its migration "
				"(CloudSim stops here)", now, ev->vm, ev->target);
	dc->vm_table[ev->vm] = ev->target;
	vm->in_migration = false;
	return 0;
}


int migrations_init(struct migrations *m, int n_hosts)
{
	memset(m, 0, sizeof *m);
	m->cap_events = 64;
	m->events = malloc((size_t)m->cap_events * sizeof *m->events);
	m->cap_touched = 2 * n_hosts + 2;
	m->touched = malloc((size_t)m->cap_touched * sizeof *m->touched);
	m->marked = calloc((size_t)n_hosts + 1, 1);
	return m->events != NULL && m->touched != NULL && m->marked != NULL ? 0 : -1;
}

int migrations_network(struct migrations *m, const struct experiment *e, const struct datacenter *dc,
		       struct diag *d)
{
	m->pre_or_secure = e->migration.precopy || e->security.enabled;
	m->net = netmig_create(e, dc, d);
	return m->net != NULL ? 0 : -1;
}

void migrations_fini(struct migrations *m)
{
	netmig_destroy(m->net);
	free(m->events);
	free(m->touched);
	free(m->marked);
}

double migrations_next(const struct migrations *m)
{
	if (m->net != NULL)
		return netmig_next(m->net);
	return m->n_events > 0 ? m->events[0].t : DBL_MAX;
}

struct mig_event migrations_pop(struct migrations *m)
{
	if (m->net != NULL) {
		/* a landing: its time (queue included) and downtime count now */
		struct netmig_done nd;
		netmig_pop(m->net, &nd);
		m->time_s += nd.t_end - nd.t_request;
		if (m->pre_or_secure)
			m->downtime_s += nd.downtime_s;
		return (struct mig_event){ .t = nd.t_end, .seq = nd.seq, .vm = nd.vm, .target = nd.target,
					   .source = nd.source, .src_mips = nd.src_mips, .tgt_mips = nd.tgt_mips };
	}
	struct mig_event ev = m->events[0];
	pop_event(m);
	return ev;
}

void migrations_touched_done(struct migrations *m)
{
	for (int k = 0; k < m->n_touched; k++)
		m->marked[m->touched[k]] = 0;
}

