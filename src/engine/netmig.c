/*
 * netmig: migrations as flows over the network; see netmig.h and doc/network.md.
 *
 * Between two changes of the flow set every rate is constant, so a flow's future is known: its
 * chunks (pre-copy rounds, then the stop-and-copy: precopy.h's walk) follow one another at that
 * rate, each round's length setting the next round's pages. Each flow keeps its own clock; when a
 * flow starts or ends, every flow is run up to that instant at its old rate, the rates are solved
 * afresh (network_solve) and each flow's landing is predicted by running a copy of it to the end.
 * The next landing is the earliest prediction (ties: the order the migrations were sent, as
 * CloudSim's FutureQueue). So the solver runs once per start or end, never per round.
 */
#include "netmig.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One migration, queued or moving. */
/* Where a flow is: what a prediction copies and runs on. */
struct nm_state {
	struct precopy_walk walk;
	double t;            /* the flow's clock: its state below is as of t */
	double bytes_left;   /* of the current chunk */
	double cpu_left;
	double chunk_bytes;  /* the current chunk's bytes, its start and its time on the wire so far */
	double chunk_t0, send_s;
	bool done;
	double downtime_s;   /* the stop-and-copy's length, once done */
	double t_end;        /* its landing, once done */
};

struct nm_flow {
	struct precopy_params pp;
	struct nm_state st;
	int vm, source, target;
	long seq;
	double src_mips, tgt_mips;
	int links[NET_MAX_PATH];
	int n_links;
	double bound;        /* its own rate limit, 0: none */
	double t_request, t_start;
	double rate;         /* the rate t_end was predicted at (-1: none yet) */
	double t_end;        /* predicted landing at that rate */
};

struct netmig {
	struct network net;
	struct net_solver solver;
	double share;        /* migration_share */
	int cap;             /* concurrent migrations per host, 0: no cap */
	double chassis_w, port_w, dynamic_share, nic_w;
	struct nm_flow *flows;  /* slots (cap_flows); the moving ones are flows[ord[0 .. n_flows - 1]] */
	int *ord;            /* the moving flows' slots in the order they started */
	int *free_slot, n_free;
	struct net_flow *sflows; /* the solver's view of flow ord[i], kept in step with ord */
	double *rates;       /* flow ord[i]'s rate */
	int n_flows, cap_flows;
	struct nm_flow *queue;  /* waiting, in request order */
	int n_queue, cap_queue;
	struct nm_flow *pending; /* waiting for their target to be on ([power] states): t_request is
				  * when it will be (doc/network.md#power-states) */
	int n_pending, cap_pending;
	int *busy;           /* per host: transfers under way from or to it */
	double *link_bytes;
	double t_sync;       /* every moving flow's clock */
	bool dirty;          /* the flow set changed since the rates were solved */
	double next_t;
	int next_i;
	/* totals */
	long completed, rate_updates;
	int max_flows;
	double queued_s, queued_max_s, mig_sum_s, mig_max_s;
};

/* Runs flow f (state st) at rate until time T or its landing, whichever comes first; its bytes go
 * to link_bytes (NULL: a prediction, nothing counted). The chunk arithmetic is the same in a
 * prediction and in the real run from the same state, so a landing happens at its predicted time. */
static void flow_run(const struct nm_flow *f, struct nm_state *st, double rate, double T, double *link_bytes)
{
	while (!st->done) {
		if (st->bytes_left > 0) {
			double dt = st->bytes_left / rate;
			double sent = st->bytes_left;
			bool partial = st->t + dt > T;
			if (partial) {
				dt = T - st->t;
				sent = rate * dt;
			}
			if (link_bytes != NULL)
				for (int k = 0; k < f->n_links; k++)
					link_bytes[f->links[k]] += sent;
			st->send_s += dt;
			if (partial) {
				st->bytes_left -= sent;
				st->t = T;
				return;
			}
			st->bytes_left = 0;
			st->t += dt;
		}
		if (st->cpu_left > 0) {
			if (st->t + st->cpu_left > T) {
				st->cpu_left -= T - st->t;
				st->t = T;
				return;
			}
			st->t += st->cpu_left;
			st->cpu_left = 0;
		}
		if (st->walk.last) {
			st->done = true;
			st->downtime_s = st->t - st->chunk_t0;
			st->t_end = st->t;
			return;
		}
		struct precopy_chunk c;
		double bps = st->send_s > 0 ? st->chunk_bytes / st->send_s : 0;
		precopy_walk_next(&f->pp, &st->walk, st->t - st->chunk_t0, bps, &c);
		st->bytes_left = st->chunk_bytes = c.bytes;
		st->cpu_left = c.cpu_s;
		st->chunk_t0 = st->t;
		st->send_s = 0;
	}
}

/* Every moving flow to time T at its current rate. */
static void advance(struct netmig *n, double T)
{
	if (!(T > n->t_sync))
		return;
	for (int i = 0; i < n->n_flows; i++)
		flow_run(&n->flows[n->ord[i]], &n->flows[n->ord[i]].st, n->rates[i], T, n->link_bytes);
	n->t_sync = T;
}

/* The rates of the moving flows, their predicted landings and the next one. */
static void solve(struct netmig *n)
{
	n->dirty = false;
	n->next_t = DBL_MAX;
	n->next_i = -1;
	if (n->n_flows == 0)
		return;
	for (int i = 0; i < n->n_flows; i++) {
		/* (its links were set when it started) */
		struct net_flow *s = &n->sflows[i];
		const struct nm_flow *f = &n->flows[n->ord[i]];
		s->n_links = f->st.done ? 0 : f->n_links;
		s->bound = f->st.done ? 1 : f->bound;
	}
	network_solve(&n->solver, n->net.cap, n->sflows, n->n_flows, n->rates);
	n->rate_updates++;
	for (int i = 0; i < n->n_flows; i++) {
		struct nm_flow *f = &n->flows[n->ord[i]];
		/* A flow whose rate did not change keeps its prediction: it is on the same course (run
		 * again from where it is now, the sum of its steps could round differently). So does a
		 * flow done already: done a rounding error before its landing, it lands then. */
		if (!f->st.done && n->rates[i] != f->rate) {
			struct nm_state copy = f->st;
			flow_run(f, &copy, n->rates[i], INFINITY, NULL);
			f->t_end = copy.t_end;
			f->rate = n->rates[i];
		}
		if (f->t_end < n->next_t || (f->t_end == n->next_t && f->seq < n->flows[n->ord[n->next_i]].seq)) {
			n->next_t = f->t_end;
			n->next_i = i;
		}
	}
}

/* Room for need flows moving at once (netmig_add reserves it, so that a landing never allocates). */
static int reserve(struct netmig *n, int need)
{
	if (need <= n->cap_flows)
		return 0;
	int c = n->cap_flows > 0 ? 2 * n->cap_flows : 16;
	while (c < need)
		c *= 2;
	struct nm_flow *f = realloc(n->flows, (size_t)c * sizeof *f);
	if (f == NULL)
		return -1;
	n->flows = f;
	int *o = realloc(n->ord, (size_t)c * sizeof *o);
	if (o == NULL)
		return -1;
	n->ord = o;
	int *fs = realloc(n->free_slot, (size_t)c * sizeof *fs);
	if (fs == NULL)
		return -1;
	n->free_slot = fs;
	struct net_flow *sf = realloc(n->sflows, (size_t)c * sizeof *sf);
	if (sf == NULL)
		return -1;
	n->sflows = sf;
	double *r = realloc(n->rates, (size_t)c * sizeof *r);
	if (r == NULL)
		return -1;
	n->rates = r;
	if (net_solver_reserve(&n->solver, c) != 0)
		return -1;
	for (int j = c - 1; j >= n->cap_flows; j--)
		n->free_slot[n->n_free++] = j;
	n->cap_flows = c;
	return 0;
}

/* Starts the transfer of f at the network's present instant (room reserved). */
static void start_flow(struct netmig *n, const struct nm_flow *f)
{
	int slot = n->free_slot[--n->n_free];
	struct nm_flow *g = &n->flows[slot];
	*g = *f;
	n->ord[n->n_flows] = slot;
	struct net_flow *s = &n->sflows[n->n_flows];
	memcpy(s->links, g->links, sizeof s->links);
	s->n_links = g->n_links;
	s->bound = g->bound;
	g->t_start = g->st.t = g->st.chunk_t0 = n->t_sync;
	g->rate = -1;
	n->rates[n->n_flows++] = 0;
	if (n->n_flows > n->max_flows)
		n->max_flows = n->n_flows;
	if (g->source >= 0)
		n->busy[g->source]++;
	n->busy[g->target]++;
	n->dirty = true;
}

static bool fits(const struct netmig *n, const struct nm_flow *f)
{
	return n->cap == 0 || (n->busy[f->target] < n->cap && (f->source < 0 || n->busy[f->source] < n->cap));
}

/* Grows a waiting list (the queue or the pending list) to hold one more. 0 or -1. */
static int grow(struct nm_flow **list, int n, int *cap)
{
	if (n < *cap)
		return 0;
	int c = *cap > 0 ? 2 * *cap : 16;
	while (c <= n)
		c *= 2;
	struct nm_flow *q = realloc(*list, (size_t)c * sizeof *q);
	if (q == NULL)
		return -1;
	*list = q;
	*cap = c;
	return 0;
}

/* Every flow to time T, the rates solved first if the set changed (T is no later than the next
 * landing: the caller's). */
static void move_to(struct netmig *n, double T)
{
	if (n->dirty && T > n->t_sync)
		solve(n);
	advance(n, T);
}

/* The pending transfer that starts first: (its target on, then sending order); -1 if none. */
static int first_pending(const struct netmig *n)
{
	int k = -1;
	for (int j = 0; j < n->n_pending; j++) {
		const struct nm_flow *f = &n->pending[j], *b = k >= 0 ? &n->pending[k] : NULL;
		if (b == NULL || f->t_request < b->t_request || (f->t_request == b->t_request && f->seq < b->seq))
			k = j;
	}
	return k;
}

/* The pending transfer k starts now (n->t_sync: its target is on), or joins the queue if a host
 * is at the cap (room reserved by netmig_add_at). */
static void release_pending(struct netmig *n, int k)
{
	struct nm_flow f = n->pending[k];
	n->pending[k] = n->pending[--n->n_pending];
	if (fits(n, &f))
		start_flow(n, &f);
	else
		n->queue[n->n_queue++] = f;
}

/* The pending transfers whose target is on by T start (no landing comes before T). */
static void release_until(struct netmig *n, double T)
{
	for (int k = first_pending(n); k >= 0 && n->pending[k].t_request <= T; k = first_pending(n)) {
		move_to(n, n->pending[k].t_request);
		release_pending(n, k);
	}
}

int netmig_add(struct netmig *n, const struct precopy_params *pp, double bound_bps, int vm, int source, int target,
	       long seq, double src_mips, double tgt_mips, double now, struct diag *d)
{
	return netmig_add_at(n, pp, bound_bps, vm, source, target, seq, src_mips, tgt_mips, now, now, d);
}

int netmig_add_at(struct netmig *n, const struct precopy_params *pp, double bound_bps, int vm, int source,
		  int target, long seq, double src_mips, double tgt_mips, double now, double ready, struct diag *d)
{
	struct nm_flow f;
	memset(&f, 0, sizeof f);
	f.pp = *pp;
	struct precopy_chunk c;
	if (precopy_walk_begin(pp, &f.st.walk, &c) != 0)
		return diag_add(d, NULL, 0, 0, "VM %d: the migration model's parameters are out of range", vm);
	f.st.bytes_left = f.st.chunk_bytes = c.bytes;
	f.st.cpu_left = c.cpu_s;
	f.bound = bound_bps > 0 ? bound_bps : 0;
	f.vm = vm;
	f.source = source;
	f.target = target;
	f.seq = seq;
	f.src_mips = src_mips;
	f.tgt_mips = tgt_mips;
	f.t_request = ready > now ? ready : now;
	f.n_links = source >= 0 ? network_path(&n->net, source, target, f.links) : 1;
	if (source < 0)
		f.links[0] = 2 * target + 1; /* (a VM without a host: only the target's link) */
	/* the transfers whose target came on meanwhile start; the flows move at their old rates up
	 * to now, then the set changes (the starts of one instant share one solve) */
	release_until(n, now);
	move_to(n, now);
	if (reserve(n, n->n_flows + n->n_queue + n->n_pending + 1) != 0 ||
	    grow(&n->queue, n->n_queue + n->n_pending, &n->cap_queue) != 0 ||
	    grow(&n->pending, n->n_pending, &n->cap_pending) != 0)
		return diag_add(d, NULL, 0, 0, "out of memory");
	if (f.t_request > now)
		n->pending[n->n_pending++] = f; /* its target is not on yet */
	else if (fits(n, &f))
		start_flow(n, &f);
	else
		n->queue[n->n_queue++] = f;
	return 0;
}

double netmig_next(struct netmig *n)
{
	for (;;) {
		if (n->dirty)
			solve(n);
		/* a pending transfer whose target is on before the next landing starts then */
		int k = first_pending(n);
		if (k < 0 || n->pending[k].t_request > n->next_t)
			return n->next_t;
		move_to(n, n->pending[k].t_request);
		release_pending(n, k);
	}
}

void netmig_pop(struct netmig *n, struct netmig_done *out)
{
	netmig_next(n);
	int i = n->next_i;
	double T = n->next_t;
	advance(n, T);
	int slot = n->ord[i];
	struct nm_flow *f = &n->flows[slot];
	if (!f->st.done) {
		/* (it lands now by its prediction; the state only lacks the last float steps) */
		f->st.done = true;
		f->st.downtime_s = T - f->st.chunk_t0;
	}
	*out = (struct netmig_done){ .vm = f->vm, .source = f->source, .target = f->target, .seq = f->seq,
				     .src_mips = f->src_mips, .tgt_mips = f->tgt_mips,
				     .t_request = f->t_request, .t_start = f->t_start, .t_end = T,
				     .downtime_s = f->st.downtime_s };
	n->completed++;
	double q = f->t_start - f->t_request, m = T - f->t_request;
	n->queued_s += q;
	n->queued_max_s = fmax(n->queued_max_s, q);
	n->mig_sum_s += m;
	n->mig_max_s = fmax(n->mig_max_s, m);
	if (f->source >= 0)
		n->busy[f->source]--;
	n->busy[f->target]--;
	/* keep the others in their order (the solver's sums then come in a fixed order); the flow
	 * itself stays in its slot, only its index moves */
	size_t tail = (size_t)(n->n_flows - i - 1);
	memmove(&n->ord[i], &n->ord[i + 1], tail * sizeof *n->ord);
	memmove(&n->sflows[i], &n->sflows[i + 1], tail * sizeof *n->sflows);
	memmove(&n->rates[i], &n->rates[i + 1], tail * sizeof *n->rates);
	n->free_slot[n->n_free++] = slot;
	n->n_flows--;
	n->dirty = true;
	/* the queued transfers that fit now start, in request order */
	int k = 0;
	for (int j = 0; j < n->n_queue; j++) {
		if (fits(n, &n->queue[j]))
			start_flow(n, &n->queue[j]);
		else
			n->queue[k++] = n->queue[j];
	}
	n->n_queue = k;
}

struct netmig *netmig_create(const struct experiment *e, const struct datacenter *dc, struct diag *d)
{
	struct netmig *n = calloc(1, sizeof *n);
	double *cap = malloc((size_t)(dc->n_hosts > 0 ? dc->n_hosts : 1) * sizeof *cap);
	if (n == NULL || cap == NULL) {
		free(n);
		free(cap);
		diag_add(d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	n->share = e->network.migration_share;
	n->cap = e->network.max_per_host;
	n->chassis_w = e->network.switch_chassis_w;
	n->port_w = e->network.switch_port_w;
	n->dynamic_share = e->network.switch_dynamic_share;
	n->nic_w = e->network.nic_w;
	/* CloudSim's units: bw / 8000 MB/s (the migration delay RAM / (bw / 2 / 8000)), MB = 2^20 B */
	for (int h = 0; h < dc->n_hosts; h++)
		cap[h] = (double)dc->hosts[h].bw / 8000 * 1048576 * n->share;
	int rc = network_init(&n->net, &e->network.params, dc->n_hosts, cap);
	free(cap);
	if (rc == -2) {
		diag_add(d, NULL, e->network.line, 0, "the [network] topology cannot hold %d hosts (or a host's bw "
			 "is 0)", dc->n_hosts);
		netmig_destroy(n);
		return NULL;
	}
	n->busy = calloc((size_t)dc->n_hosts, sizeof *n->busy);
	n->link_bytes = calloc((size_t)n->net.n_links, sizeof *n->link_bytes);
	if (rc != 0 || n->busy == NULL || n->link_bytes == NULL ||
	    net_solver_init(&n->solver, n->net.n_links, 0) != 0 || reserve(n, 16) != 0) {
		diag_add(d, NULL, 0, 0, "out of memory");
		netmig_destroy(n);
		return NULL;
	}
	n->next_t = DBL_MAX;
	n->next_i = -1;
	return n;
}

void netmig_destroy(struct netmig *n)
{
	if (n == NULL)
		return;
	network_fini(&n->net);
	net_solver_fini(&n->solver);
	free(n->flows);
	free(n->ord);
	free(n->free_slot);
	free(n->sflows);
	free(n->rates);
	free(n->queue);
	free(n->pending);
	free(n->busy);
	free(n->link_bytes);
	free(n);
}

void netmig_totals(struct netmig *n, double end_s, double off_host_s, struct netmig_totals *t)
{
	memset(t, 0, sizeof *t);
	if (n->dirty)
		solve(n);
	/* the pending transfers whose target came on before the end (and before the next landing,
	 * which the run did not reach) */
	for (int k = first_pending(n); k >= 0 && n->pending[k].t_request <= end_s &&
	     n->pending[k].t_request <= n->next_t; k = first_pending(n)) {
		move_to(n, n->pending[k].t_request);
		release_pending(n, k);
		if (n->dirty)
			solve(n);
	}
	if (end_s > n->t_sync)
		advance(n, end_s);
	t->completed = n->completed;
	t->in_flight = n->n_flows;
	t->queued = n->n_queue + n->n_pending;
	t->queued_s = n->queued_s;
	t->queued_max_s = n->queued_max_s;
	t->mig_mean_s = n->completed > 0 ? n->mig_sum_s / (double)n->completed : NAN;
	t->mig_max_s = n->completed > 0 ? n->mig_max_s : NAN;
	t->rate_updates = n->rate_updates;
	t->max_flows = n->max_flows;
	/* doc/network.md#network-energy: static power of every switch over the run; the dynamic term
	 * is dynamic_share x static power x mean port utilization (OpenDC's form), a port's utilization
	 * being its two directions' bytes over twice its full rate (the link's capacity / share) */
	double span = end_s > 0 ? end_s : 0;
	double p_static = n->net.switches * n->chassis_w + n->net.ports * n->port_w;
	double util_s = 0; /* port-seconds of full utilization, summed over ports */
	for (int l = 0; l < n->net.n_links; l++) {
		t->bytes[n->net.tier[l]] += n->link_bytes[l];
		util_s += n->net.link_ports[l] * n->link_bytes[l] / (2 * n->net.cap[l] / n->share);
	}
	double dyn_ws = n->net.ports > 0 ? n->dynamic_share * p_static * util_s / n->net.ports : 0;
	t->switch_dynamic_kwh = dyn_ws / 3.6e6;
	/* [power] states: a host that is off leaves its switch port and its NIC idle
	 * (doc/network.md#power-states) */
	double static_ws = p_static * span, nic_ws = n->net.n_hosts * n->nic_w * span;
	if (off_host_s > 0) {
		static_ws -= n->port_w * off_host_s;
		nic_ws -= n->nic_w * off_host_s;
	}
	t->switch_kwh = (static_ws + dyn_ws) / 3.6e6;
	t->nic_kwh = nic_ws / 3.6e6;
}
