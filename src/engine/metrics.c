/*
 * metrics: online evaluation of CloudSim 3.0.3's state histories (examples.power.Helper).
 *
 * Host entry (t, allocated MIPS, requested MIPS, active):
 *   SLATAH  = sum over active intervals with allocated < requested of dt / sum of active dt
 *   shutdown: an active -> inactive step records t - (time the host last became active; 0 at start)
 * VM entry (t, allocated, requested, in migration):
 *   overall = (sum req*dt - sum alloc*dt) / sum req*dt; average = mean of (req - alloc) / req over
 *   the intervals with alloc < req; PDM = sum over migrating intervals of (req - alloc) * dt / sum req*dt
 *   migration duration: an in-migration -> not step records t - (time the migration began)
 * Each interval takes the values of its first entry (CloudSim's "previous" values). The per-VM and
 * per-host sums are added in id order at the end, as Helper's loops do.
 */
#include "metrics.h"

#include "bigmem.h"
#include "workers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	double t, alloc, req;
	bool flag; /* host: active; VM: in migration */
};

struct track {
	struct entry pending; /* the last entry, still replaceable by one at the same time */
	struct entry prev;    /* the last final entry */
	bool has_pending, has_prev;
	double mark;          /* host: time it last became active; VM: migration start */
};

struct host_acc {
	struct track tr;
	double viol_s, active_s;
};

struct vm_acc {
	struct track tr;
	double alloc_mips_s, req_mips_s, mig_short_mips_s;
	double viol_frac_sum;
	long viol_n;
	long unused; /* 128 bytes: on_vm_entry finds a VM's by a shift */
};

_Static_assert(sizeof(struct vm_acc) == 128, "a VM's accumulator: two cache lines");

struct record {
	int id;
	double t; /* the time of the entry that made it: one record per entity and time */
	double value;
};

struct records {
	struct record *v;
	size_t n, cap;
};

/* What one lane of hosts_update writes besides the per-host and per-VM accumulators. */
struct lane {
	struct metrics *m;
	struct vm_acc *vms; /* m's, one load nearer for the per-entry callbacks */
	struct host_acc *hosts;
	struct records shutdowns, migrations;
	int failed; /* out of memory while recording */
	char pad[64]; /* lanes on different threads: apart */
};

struct metrics {
	int n_hosts, n_vms;
	struct host_acc *hosts;
	struct vm_acc *vms;
	struct lane *lanes[WORKERS_MAX]; /* lanes[0] always; the others once asked for */
	struct records shutdowns, migrations; /* every lane's, merged by metrics_finish */
	double *shutdown_values, *migration_values;
};

static int records_push(struct records *r, int id, double t, double value)
{
	if (r->n == r->cap) {
		size_t cap = r->cap > 0 ? 2 * r->cap : 256;
		struct record *v = realloc(r->v, cap * sizeof *v);
		if (v == NULL)
			return -1;
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n].id = id;
	r->v[r->n].t = t;
	r->v[r->n].value = value;
	r->n++;
	return 0;
}

/* A shutdown's or migration's record, apart from the per-entry callbacks that make few of them
 * (their common path then calls nothing and saves no registers); out of memory marks the lane. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void lane_record(struct lane *ln, struct records *r, int id, double t, double value)
{
	if (records_push(r, id, t, value) != 0)
		ln->failed = 1;
}

/* The host's interval that e ends; e becomes its last final entry. True if e is a shutdown: its
 * record (e->t, *active) is due, for the caller to push. */
static inline bool host_final_core(struct host_acc *a, const struct entry *e, double *active)
{
	struct track *tr = &a->tr;
	/* Helper.getSlaTimePerActiveHost: the interval counts if its first entry was active. */
	if (tr->has_prev && tr->prev.flag) {
		double dt = e->t - tr->prev.t;
		a->active_s += dt;
		if (tr->prev.alloc < tr->prev.req)
			a->viol_s += dt;
	}
	/* Helper.getTimesBeforeHostShutdown: a host counts as active before its first entry. */
	bool prev_active = tr->has_prev ? tr->prev.flag : true;
	bool shutdown = prev_active && !e->flag;
	if (shutdown)
		*active = e->t - tr->mark;
	if (!prev_active && e->flag)
		tr->mark = e->t;
	tr->prev = *e;
	tr->has_prev = true;
	return shutdown;
}

static void host_final(struct lane *ln, int id, const struct entry *e)
{
	double active;
	if (host_final_core(&ln->m->hosts[id], e, &active))
		lane_record(ln, &ln->shutdowns, id, e->t, active);
}

/* The VM's interval that e ends; e becomes its last final entry. True if e ends a migration:
 * its record (e->t, *duration) is due, for the caller to push. */
static inline bool vm_final_core(struct vm_acc *a, const struct entry *e, double *duration)
{
	struct track *tr = &a->tr;
	if (tr->has_prev) {
		const struct entry *p = &tr->prev;
		double dt = e->t - p->t;
		a->alloc_mips_s += p->alloc * dt;
		a->req_mips_s += p->req * dt;
		if (p->alloc < p->req) {
			a->viol_frac_sum += (p->req - p->alloc) / p->req;
			a->viol_n++;
			if (p->flag)
				a->mig_short_mips_s += (p->req - p->alloc) * dt;
		}
	}
	/* Helper.getTimesBeforeVmMigration: in fact each migration's duration. */
	bool prev_mig = tr->has_prev ? tr->prev.flag : false;
	bool ends = prev_mig && !e->flag;
	if (ends)
		*duration = e->t - tr->mark;
	if (!prev_mig && e->flag)
		tr->mark = e->t;
	tr->prev = *e;
	tr->has_prev = true;
	return ends;
}

static void vm_final(struct lane *ln, int id, const struct entry *e)
{
	double duration;
	if (vm_final_core(&ln->m->vms[id], e, &duration))
		lane_record(ln, &ln->migrations, id, e->t, duration);
}

/* The first entry, or one of the pending entry's instant (the last state wins): it becomes the
 * pending one and true is returned; else the caller makes the pending one final first. */
static inline bool track_keep(struct track *tr, const struct entry *e)
{
	if (tr->has_pending && tr->pending.t != e->t)
		return false;
	tr->pending = *e;
	tr->has_pending = true;
	return true;
}

/* A VM's entry: it replaces the pending one of the same instant (addStateHistoryEntry: the last
 * state wins), or makes it final (vm_final) and becomes pending. The record, when one is due, is
 * pushed last (a tail call): the common path saves no registers. */
static void on_vm_entry(void *ctx, int vm, double t, double alloc, double req, bool in_migration)
{
	struct lane *ln = ctx;
	struct vm_acc *a = &ln->vms[vm];
	struct track *tr = &a->tr;
	struct entry e = { t, alloc, req, in_migration };
	if (track_keep(tr, &e))
		return;
	double duration;
	bool ends = vm_final_core(a, &tr->pending, &duration);
	tr->pending = e;
	if (ends)
		lane_record(ln, &ln->migrations, vm, tr->prev.t, duration);
}

/* As on_vm_entry, with host_final. */
static void on_host_entry(void *ctx, int host, double t, double alloc, double req, bool active)
{
	struct lane *ln = ctx;
	struct host_acc *a = &ln->hosts[host];
	struct track *tr = &a->tr;
	struct entry e = { t, alloc, req, active };
	if (track_keep(tr, &e))
		return;
	double active_s;
	bool shutdown = host_final_core(a, &tr->pending, &active_s);
	tr->pending = e;
	if (shutdown)
		lane_record(ln, &ln->shutdowns, host, tr->prev.t, active_s);
}

int metrics_sink_lane(struct metrics *m, int lane, struct history_sink *out)
{
	if (lane < 0 || lane >= WORKERS_MAX)
		return -1;
	if (m->lanes[lane] == NULL) {
		m->lanes[lane] = calloc(1, sizeof *m->lanes[lane]);
		if (m->lanes[lane] == NULL)
			return -1;
		m->lanes[lane]->m = m;
		m->lanes[lane]->vms = m->vms;
		m->lanes[lane]->hosts = m->hosts;
	}
	out->vm_entry = on_vm_entry;
	out->host_entry = on_host_entry;
	out->vm_utilization = NULL;
	out->ctx = m->lanes[lane];
	/* (the accumulators are at random places for the host updates: they ask for them early) */
	out->vm_mem = m->vms;
	out->vm_bytes = sizeof *m->vms;
	out->host_mem = m->hosts;
	out->host_bytes = sizeof *m->hosts;
	return 0;
}

void metrics_sink(struct metrics *m, struct history_sink *out)
{
	(void)metrics_sink_lane(m, 0, out); /* lane 0 exists from metrics_create */
}

struct metrics *metrics_create(int n_hosts, int n_vms)
{
	struct metrics *m = calloc(1, sizeof *m);
	if (m == NULL)
		return NULL;
	m->n_hosts = n_hosts;
	m->n_vms = n_vms;
	/* (on cache lines: a 128-byte VM accumulator takes two, not three, and a 96-byte host's two) */
	m->hosts = bigmem_alloc((size_t)n_hosts, sizeof *m->hosts, true);
	m->vms = bigmem_alloc((size_t)n_vms, sizeof *m->vms, true);
	m->lanes[0] = calloc(1, sizeof *m->lanes[0]);
	if (m->hosts == NULL || m->vms == NULL || m->lanes[0] == NULL) {
		metrics_destroy(m);
		return NULL;
	}
	m->lanes[0]->m = m;
	m->lanes[0]->vms = m->vms;
	m->lanes[0]->hosts = m->hosts;
	return m;
}

void metrics_destroy(struct metrics *m)
{
	if (m == NULL)
		return;
	free(m->hosts);
	free(m->vms);
	for (int l = 0; l < WORKERS_MAX; l++) {
		if (m->lanes[l] != NULL) {
			free(m->lanes[l]->shutdowns.v);
			free(m->lanes[l]->migrations.v);
			free(m->lanes[l]);
		}
	}
	free(m->shutdowns.v);
	free(m->migrations.v);
	free(m->shutdown_values);
	free(m->migration_values);
	free(m);
}

double metrics_mean(const double *x, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += x[i];
	return sum / (double)n;
}

double metrics_stdev(const double *x, size_t n)
{
	double mean = metrics_mean(x, n);
	double s = 0.0;
	long k = 0;
	for (size_t i = 0; i < n; i++) {
		k++;
		double delta = x[i] - mean;
		mean += delta / (double)k;
		s += delta * (x[i] - mean);
	}
	return sqrt(s / (double)(k - 1));
}

static int cmp_record(const void *a, const void *b)
{
	const struct record *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->t > y->t) - (x->t < y->t);
}

/* Appends every lane's shutdown (or migration) records to *to. */
static int records_merge(struct metrics *m, struct records *to, bool shutdowns)
{
	for (int l = 0; l < WORKERS_MAX; l++) {
		if (m->lanes[l] == NULL)
			continue;
		const struct records *from = shutdowns ? &m->lanes[l]->shutdowns : &m->lanes[l]->migrations;
		for (size_t i = 0; i < from->n; i++)
			if (records_push(to, from->v[i].id, from->v[i].t, from->v[i].value) != 0)
				return -1;
	}
	return 0;
}

/* The values in CloudSim's list order: by host (or VM) id, then in time order. The ids are
 * 0 .. n_ids - 1 and (id, time) is unique, so one order is right: the records are counted into
 * their ids' blocks (a lane's records of one id come in time order; those of several lanes are
 * put in order by an insertion within the id's few records), in O(records + ids), not qsort's
 * O(records log records). */
static double *records_values(struct records *r, int n_ids)
{
	size_t ids = (size_t)(n_ids > 0 ? n_ids : 0);
	double *out = malloc((r->n > 0 ? r->n : 1) * sizeof *out);
	size_t *begin = calloc(ids + 1, sizeof *begin); /* the id's block: begin[id] .. */
	size_t *end = calloc(ids + 1, sizeof *end);     /* .. end[id] - 1, filled so far */
	struct record *sorted = malloc((r->n > 0 ? r->n : 1) * sizeof *sorted);
	if (out == NULL || begin == NULL || end == NULL || sorted == NULL) {
		free(out);
		free(begin);
		free(end);
		free(sorted);
		return NULL;
	}
	for (size_t i = 0; i < r->n; i++)
		begin[r->v[i].id + 1]++;
	for (size_t id = 0; id < ids; id++)
		begin[id + 1] += begin[id];
	memcpy(end, begin, (ids + 1) * sizeof *end);
	for (size_t i = 0; i < r->n; i++) {
		int id = r->v[i].id;
		size_t j = end[id]++;
		while (j > begin[id] && cmp_record(&sorted[j - 1], &r->v[i]) > 0) {
			sorted[j] = sorted[j - 1];
			j--;
		}
		sorted[j] = r->v[i];
	}
	free(begin);
	free(end);
	free(r->v);
	r->v = sorted;
	r->cap = r->n > 0 ? r->n : 1;
	for (size_t i = 0; i < r->n; i++)
		out[i] = r->v[i].value;
	return out;
}

int metrics_finish(struct metrics *m, struct metrics_result *r)
{
	memset(r, 0, sizeof *r);
	for (int i = 0; i < m->n_hosts; i++) {
		struct track *tr = &m->hosts[i].tr;
		if (tr->has_pending) {
			host_final(m->lanes[0], i, &tr->pending);
			tr->has_pending = false;
		}
	}
	for (int i = 0; i < m->n_vms; i++) {
		struct track *tr = &m->vms[i].tr;
		if (tr->has_pending) {
			vm_final(m->lanes[0], i, &tr->pending);
			tr->has_pending = false;
		}
	}
	for (int l = 0; l < WORKERS_MAX; l++)
		if (m->lanes[l] != NULL && m->lanes[l]->failed)
			return -1;
	m->shutdowns.n = 0;
	m->migrations.n = 0;
	if (records_merge(m, &m->shutdowns, true) != 0 || records_merge(m, &m->migrations, false) != 0)
		return -1;

	double viol = 0, active = 0;
	for (int i = 0; i < m->n_hosts; i++) {
		viol += m->hosts[i].viol_s;
		active += m->hosts[i].active_s;
	}
	r->slatah = viol / active;
	r->active_host_seconds = active;

	double alloc = 0, req = 0, mig = 0, frac = 0;
	long nviol = 0;
	for (int i = 0; i < m->n_vms; i++) {
		alloc += m->vms[i].alloc_mips_s;
		req += m->vms[i].req_mips_s;
		mig += m->vms[i].mig_short_mips_s;
		frac += m->vms[i].viol_frac_sum;
		nviol += m->vms[i].viol_n;
	}
	r->sla_overall = (req - alloc) / req;
	r->sla_average = nviol > 0 ? frac / (double)nviol : 0.0;
	r->pdm = mig / req;
	r->slav = r->slatah * r->pdm;

	m->shutdown_values = records_values(&m->shutdowns, m->n_hosts);
	m->migration_values = records_values(&m->migrations, m->n_vms);
	if (m->shutdown_values == NULL || m->migration_values == NULL)
		return -1;
	r->host_shutdowns = (long)m->shutdowns.n;
	r->shutdown_times = m->shutdown_values;
	r->mean_time_before_host_shutdown_s = NAN;
	r->stdev_time_before_host_shutdown_s = NAN;
	if (m->shutdowns.n > 0) {
		r->mean_time_before_host_shutdown_s = metrics_mean(m->shutdown_values, m->shutdowns.n);
		r->stdev_time_before_host_shutdown_s = metrics_stdev(m->shutdown_values, m->shutdowns.n);
	}
	r->vm_migration_durations = (long)m->migrations.n;
	r->migration_times = m->migration_values;
	r->mean_time_before_vm_migration_s = NAN;
	r->stdev_time_before_vm_migration_s = NAN;
	if (m->migrations.n > 0) {
		r->mean_time_before_vm_migration_s = metrics_mean(m->migration_values, m->migrations.n);
		r->stdev_time_before_vm_migration_s = metrics_stdev(m->migration_values, m->migrations.n);
	}
	return 0;
}
