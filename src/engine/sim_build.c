/*
 * sim_build: the datacenter a run starts from (part of the sim module, sim_internal.h): the hosts
 * of the experiment's host types with their power models, the VMs of the workload with their
 * traces as fractions, and their memory series where the trace has one.
 */
#include "sim_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "power.h"

int sim_build_hosts(struct sim *s, struct diag *d)
{
	const struct experiment *e = s->e;
	for (int i = 0; i < s->dc->n_hosts; i++) {
		const struct host_type *ht = config_host_type(e, i);
		struct host *h = &s->dc->hosts[i];
		h->id = i;
		h->pes = ht->pes;
		h->pe_mips = ht->mips;
		double total = 0;
		for (int j = 0; j < ht->pes; j++)
			total += ht->mips; /* PeList.getTotalMips sums the PEs */
		h->total_mips = total;
		h->ram_mb = ht->ram_mb;
		h->bw = ht->bw;
		h->storage_mb = ht->storage_mb;
		const struct power_type *pt = power_find(ht->power);
		if (pt == NULL || power_model_init(&h->power, pt, ht->power_max_w, ht->power_static_share) != 0)
			return diag_add(d, e->file[0] ? e->file : NULL, ht->line, 0,
					"host type %s: bad power model '%s' (max %g W, static share %g)",
					ht->name, ht->power, ht->power_max_w, ht->power_static_share);
		if (datacenter_init_host(h, 8) != 0)
			return diag_add(d, NULL, 0, 0, "out of memory");
	}
	return 0;
}

/* The trace's memory series, laid out as the CPU's (doc/memory.md#memory-as-a-resource). */
static int build_memory(struct sim *s, const struct trace_set *t, size_t needed, struct diag *d)
{
	int n = s->dc->n_vms;
	s->mem = bigmem_alloc((size_t)n * s->n_util, sizeof *s->mem, false);
	if (s->mem == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	for (int i = 0; i < n; i++) {
		double *m = s->mem + i;
		const double *pct = t->mem[s->w.trace[i]];
		for (size_t k = 0; k < needed; k++)
			m[k * (size_t)n] = pct[k] / 100.0;
		m[needed * (size_t)n] = m[(needed - 1) * (size_t)n];
		s->dc->vms[i].mem = m;
	}
	s->dc->memory = true;
	datacenter_mem_update(s->dc, 0);
	return 0;
}

/* --- a run over several days (doc/memory.md#runs-over-several-days) --- */

/* Fills the rows of instants [a, b) (held: k0 <= a, b <= k0 + the buffer's rows) from the days,
 * reading each day but the first from its file; the instant n_util - 1 is a copy of the last
 * sample, as in a run on one file. 0, or -1 with messages. */
static int fill_days(struct sim *s, size_t a, size_t b, struct diag *d)
{
	const struct trace_set *t = s->days;
	size_t n = (size_t)s->dc->n_vms, L = t->day_samples, needed = s->n_util - 1;
	for (size_t k = a; k < b;) {
		if (k >= needed) {
			memcpy(s->util + (k - s->k0) * n, s->util + (k - 1 - s->k0) * n, n * sizeof *s->util);
			if (s->mem != NULL)
				memcpy(s->mem + (k - s->k0) * n, s->mem + (k - 1 - s->k0) * n, n * sizeof *s->mem);
			k++;
			continue;
		}
		size_t j = k / L, end = (j + 1) * L;
		if (end > b)
			end = b;
		if (end > needed)
			end = needed;
		struct trace_set *u = NULL;
		if (j > 0 && trace_day_read(t, j, &u, d) != 0)
			return -1;
		const struct trace_set *day = u != NULL ? u : t;
		for (size_t i = 0; i < n; i++) {
			const double *pct = day->pct[s->w.trace[i]];
			const double *mp = day->mem != NULL ? day->mem[s->w.trace[i]] : NULL;
			for (size_t kk = k; kk < end; kk++) {
				s->util[(kk - s->k0) * n + i] = pct[kk - j * L] / 100.0;
				if (mp != NULL)
					s->mem[(kk - s->k0) * n + i] = mp[kk - j * L] / 100.0;
			}
		}
		trace_destroy(u);
		k = end;
	}
	return 0;
}

static void days_held(struct sim *s)
{
	s->dc->util_k0 = s->k0;
	for (int i = 0; i < s->dc->n_vms; i++) {
		s->dc->vms[i].util_k0 = s->k0;
		s->dc->vms[i].util_rows = s->rows;
	}
}

int sim_days_advance(struct sim *s, double now, struct diag *d)
{
	size_t L = s->days->day_samples, n = (size_t)s->dc->n_vms;
	double q = floor(now / TRACE_INTERVAL_S);
	size_t c = q > 0 ? (size_t)q / L : 0;
	if (c <= s->day_now)
		return 0;
	/* the day before c, c and the next: the instants [(c - 1) L, (c + 2) L) */
	size_t k0 = (c - 1) * L, end = (c + 2) * L < s->n_util ? (c + 2) * L : s->n_util;
	size_t old_end = s->k0 + s->rows, from = k0;
	if (k0 < old_end) {
		memmove(s->util, s->util + (k0 - s->k0) * n, (old_end - k0) * n * sizeof *s->util);
		if (s->mem != NULL)
			memmove(s->mem, s->mem + (k0 - s->k0) * n, (old_end - k0) * n * sizeof *s->mem);
		from = old_end;
	}
	s->k0 = k0;
	s->rows = end - k0;
	s->day_now = c;
	days_held(s);
	return fill_days(s, from, end, d);
}

/* The rows of samples a run over several days holds (three days), filled for day 0: 0 or -1. */
static int build_days(struct sim *s, const struct trace_set *t, size_t needed, struct diag *d)
{
	const struct experiment *e = s->e;
	size_t L = t->day_samples, total = t->n_days * L;
	if (total < needed)
		return diag_add(d, t->day_paths[t->n_days - 1], 1, 0,
				"%zu days of %zu samples (workload.days = %zu) hold %zu; simulation.limit_s = %g s "
				"needs %zu (one per %g s)", t->n_days, L, t->n_days, total, e->limit_s, needed,
				TRACE_INTERVAL_S);
	if (e->placement.window_s / TRACE_INTERVAL_S > (double)L)
		return diag_add(d, e->file[0] ? e->file : NULL, 0, 0,
				"placement.window_s = %g s is longer than a day of the trace (%zu samples of %g s): "
				"a run over several days holds the day before the clock's, its day and the next",
				e->placement.window_s, L, TRACE_INTERVAL_S);
	s->days = t;
	s->n_util = needed + 1;
	size_t cap = 3 * L < s->n_util ? 3 * L : s->n_util;
	size_t n = (size_t)s->dc->n_vms;
	s->util = bigmem_alloc(n * cap, sizeof *s->util, false);
	if (s->util == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	if (t->mem != NULL && (s->mem = bigmem_alloc(n * cap, sizeof *s->mem, false)) == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	s->day_now = 0;
	s->k0 = 0;
	s->rows = 2 * L < s->n_util ? 2 * L : s->n_util;
	return fill_days(s, 0, s->rows, d);
}

int sim_build_vms(struct sim *s, const struct trace_set *t, struct diag *d)
{
	const struct experiment *e = s->e;
	const struct workload *w = &s->w;
	int n = s->dc->n_vms;
	/* UtilizationModelPlanetLabInMemory: the samples the run needs, plus a copy of the last. */
	size_t needed = (size_t)ceil(e->limit_s / TRACE_INTERVAL_S);
	if (needed < 1)
		needed = 1;
	if (t->n_days > 1) {
		if (build_days(s, t, needed, d) != 0)
			return -1;
	} else if (e->arrivals == ARRIVALS_FILE) {
		for (int i = 0; i < n; i++) {
			long k = w->trace[i];
			if (t->n_samples[k] < needed)
				return diag_add(d, t->sources[k], t->source_lines[k], 0,
						"%zu samples; simulation.limit_s = %g s needs %zu (one per %g s)",
						t->n_samples[k], e->limit_s, needed, TRACE_INTERVAL_S);
		}
	} else {
		struct trace_set view = *t;
		view.n_vms = (size_t)n;
		if (trace_check_samples(&view, needed, d) != 0)
			return -1;
	}
	if (s->days == NULL) {
		s->n_util = needed + 1;
		s->rows = s->n_util;
		s->util = bigmem_alloc((size_t)n * s->n_util, sizeof *s->util, false);
		if (s->util == NULL)
			return diag_add(d, NULL, 0, 0, "out of memory");
	}
	/* sample k of VM i at [k * n + i]: a datacenter update reads one instant's samples of
	 * every VM, side by side */
	for (int i = 0; i < n; i++) {
		double *u = s->util + i;
		if (s->days == NULL) {
			const double *pct = t->pct[w->trace[i]];
			for (size_t k = 0; k < needed; k++)
				u[k * (size_t)n] = pct[k] / 100.0;
			u[needed * (size_t)n] = u[(needed - 1) * (size_t)n];
		}
		const struct vm_type *vt = w->type[i];
		struct vm *vm = &s->dc->vms[i];
		vm->id = i;
		vm->uid_hash = vm_uid_hash(i);
		vm->mips = vt->mips;
		vm->pes = vt->pes;
		vm->ram_mb = vt->ram_mb;
		vm->bw = vt->bw;
		vm->size_mb = vt->size_mb;
		vm->host = -1;
		vm->util = u;
		vm->util_stride = (size_t)n;
		vm->n_util = s->n_util;
		vm->util_k0 = s->k0;
		vm->util_rows = s->rows;
		vm->interval_s = TRACE_INTERVAL_S;
		vm->length_mi = w->length_mi[i]; /* one PE per cloudlet, as CloudSim's examples */
		vm->dirty_pages_per_s = vt->dirty_pages_per_s >= 0 ? vt->dirty_pages_per_s
								   : e->migration.dirty_pages_per_s;
	}
	if (t->mem != NULL && s->days != NULL) {
		for (int i = 0; i < n; i++)
			s->dc->vms[i].mem = s->mem + i;
		s->dc->memory = true;
		datacenter_mem_update(s->dc, 0);
		return 0;
	}
	return t->mem != NULL ? build_memory(s, t, needed, d) : 0;
}

