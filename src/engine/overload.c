/*
 * overload: the detector calls of CloudSim's consolidation and their metric history; see
 * overload.h.
 */
#include "overload.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void overload_init(struct overload *o, struct gm_ctx *ctx)
{
	memset(o, 0, sizeof *o);
	o->ctx = ctx;
}

void overload_fini(struct overload *o)
{
	for (int i = 0; i < CONSOLIDATION_METRIC_HOSTS; i++) {
		free(o->metrics[i].t_s);
		free(o->metrics[i].utilization);
		free(o->metrics[i].metric);
	}
}

/* *a resized to cap doubles (kept as it was if out of memory, then -1). */
static int grow_doubles(double **a, int cap)
{
	double *p = realloc(*a, (size_t)cap * sizeof *p);
	if (p == NULL)
		return -1;
	*a = p;
	return 0;
}

/* (out of memory: the entry is dropped) */
void overload_record(struct overload *o, const struct host *h, double metric)
{
	struct metric_history *m = &o->metrics[h->id];
	if (overload_recorded_now(o, h->id))
		return;
	if (m->n == m->cap) {
		int cap = m->cap > 0 ? 2 * m->cap : 512;
		if ((grow_doubles(&m->t_s, cap) | grow_doubles(&m->utilization, cap) |
		     grow_doubles(&m->metric, cap)) != 0)
			return;
		m->cap = cap;
	}
	m->t_s[m->n] = o->ctx->now;
	m->utilization[m->n] = host_utilization(h);
	m->metric[m->n] = metric;
	m->n++;
}

bool overload_ask(struct overload *o, const struct host *h)
{
	const struct gm_policy *p = o->ctx->policy;
	if (p->overloaded == NULL)
		return false;
	if (h->id >= CONSOLIDATION_METRIC_HOSTS)
		return p->overloaded(o->ctx, gm_host_of(h), NULL);
	double metric = NAN;
	bool r = p->overloaded(o->ctx, gm_host_of(h), &metric);
	if (!isnan(metric))
		overload_record(o, h, metric);
	return r;
}

bool overload_ask_after(struct overload *o, struct host *h, struct vm *vm)
{
	struct datacenter *dc = o->ctx->dc;
	bool r;
	if (host_list_push(h, vm) == 0) {
		dc->history_tentative = true; /* the detector's history sums may reuse h's */
		r = overload_ask(o, h);
		dc->history_tentative = false;
		host_list_pop(h);
	} else { /* out of memory for the bare slot: the real operations */
		if (!host_vm_create(dc, h, vm))
			return true;
		r = overload_ask(o, h);
		host_vm_destroy(dc, h, vm);
	}
	vm->host = -1;
	return r;
}
