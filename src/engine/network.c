/*
 * network: topology, paths and max-min fair sharing; see network.h and doc/network.md.
 *
 * Links are directed (full duplex): link 2i carries what leaves node i upward, 2i + 1 what comes
 * down to it. Hosts are numbered 0 .. n_hosts - 1 and filled into racks in id order (host h sits
 * in rack h / hosts_per_rack), racks into pods likewise. The links of hosts come first, then the
 * racks' uplinks, then the pods'.
 *
 * The solver is progressive filling as doc/network.md#max-min-sharing states it (after SimGrid
 * 3.32's lmm::MaxMin::maxmin_solve, read for the algorithm, weights all 1): the fair share of a
 * link is its remaining capacity over its unfixed flows; the smallest share m over all links is
 * every unfixed flow's next rate unless a bound is smaller; the flows of the links whose share is m
 * are fixed at m, their rates taken from every link they cross, and the filling goes on.
 */
#include "network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Shares within this relative distance of the minimum are the minimum (float noise of the
 * subtractions; SimGrid uses 1e-5 relative to the bound, maxmin/precision). */
#define NET_EPS 1e-12

void network_fini(struct network *n)
{
	free(n->cap);
	free(n->tier);
	free(n->link_ports);
	n->cap = NULL;
	n->tier = NULL;
	n->link_ports = NULL;
}

int network_init(struct network *n, const struct net_params *p, int n_hosts, const double *host_cap)
{
	memset(n, 0, sizeof *n);
	if (n_hosts < 1 || !(p->oversubscription > 0) || !(p->core_oversubscription > 0))
		return -2;
	int per_rack = p->hosts_per_rack, per_pod = p->racks_per_pod;
	if (p->topology == NET_FATTREE) {
		int k = p->fattree_k;
		if (k < 2 || k % 2 != 0 || (long)k * k * k / 4 < n_hosts)
			return -2;
		per_rack = k / 2;
		per_pod = k / 2;
	} else if (p->topology == NET_LEAFSPINE) {
		per_pod = 0;
		if (p->spines < 1)
			return -2;
	}
	if (per_rack < 1 || per_pod < 0)
		return -2;
	n->n_hosts = n_hosts;
	n->hosts_per_rack = per_rack;
	n->racks = (n_hosts + per_rack - 1) / per_rack;
	n->racks_per_pod = per_pod > 0 ? per_pod : n->racks;
	n->pods = (n->racks + n->racks_per_pod - 1) / n->racks_per_pod;
	n->core = n->pods > 1;
	n->n_links = 2 * (n_hosts + n->racks + (n->core ? n->pods : 0));
	n->cap = calloc((size_t)n->n_links, sizeof *n->cap);
	n->tier = calloc((size_t)n->n_links, 1);
	n->link_ports = calloc((size_t)n->n_links, 1);
	if (n->cap == NULL || n->tier == NULL || n->link_ports == NULL) {
		network_fini(n);
		return -1;
	}
	int rack0 = 2 * n_hosts, pod0 = rack0 + 2 * n->racks;
	for (int h = 0; h < n_hosts; h++) {
		if (!(host_cap[h] > 0)) {
			network_fini(n);
			return -2;
		}
		n->cap[2 * h] = n->cap[2 * h + 1] = host_cap[h];
		n->tier[2 * h] = n->tier[2 * h + 1] = NET_TIER_HOST;
		n->link_ports[2 * h] = n->link_ports[2 * h + 1] = 1;
		n->cap[rack0 + 2 * (h / per_rack)] += host_cap[h] / p->oversubscription;
	}
	for (int r = 0; r < n->racks; r++) {
		double c = n->cap[rack0 + 2 * r];
		n->cap[rack0 + 2 * r + 1] = c;
		n->tier[rack0 + 2 * r] = n->tier[rack0 + 2 * r + 1] = NET_TIER_RACK;
		n->link_ports[rack0 + 2 * r] = n->link_ports[rack0 + 2 * r + 1] = 2;
		if (n->core)
			n->cap[pod0 + 2 * (r / n->racks_per_pod)] += c / p->core_oversubscription;
	}
	for (int q = 0; n->core && q < n->pods; q++) {
		n->cap[pod0 + 2 * q + 1] = n->cap[pod0 + 2 * q];
		n->tier[pod0 + 2 * q] = n->tier[pod0 + 2 * q + 1] = NET_TIER_POD;
		n->link_ports[pod0 + 2 * q] = n->link_ports[pod0 + 2 * q + 1] = 2;
	}
	/* The switches and their active ports (a port is active when something is plugged in). */
	if (p->topology == NET_FATTREE) {
		long k = p->fattree_k;
		n->switches = (int)(5 * k * k / 4);
		n->ports = (int)(5 * k * k * k / 4 - (k * k * k / 4 - n_hosts));
	} else if (p->topology == NET_LEAFSPINE) {
		/* every leaf has an uplink to every spine; each spine a port per leaf */
		n->switches = n->racks + p->spines;
		n->ports = n_hosts + 2 * n->racks * p->spines;
	} else {
		/* ToRs (host ports and one uplink), an aggregation switch per pod (a port per rack and
		 * one uplink), a core switch joining the pods */
		n->switches = n->racks;
		n->ports = n_hosts;
		if (n->racks > 1) {
			n->switches += n->pods;
			n->ports += 2 * n->racks;
		}
		if (n->core) {
			n->switches += 1;
			n->ports += 2 * n->pods;
		}
	}
	return 0;
}

int network_rack(const struct network *n, int host)
{
	return host / n->hosts_per_rack;
}

/* The hosts of a rack and the racks of a pod as the target choice counts them (0 racks a pod:
 * no pods). */
static void target_shape(const struct net_params *p, int *per_rack, int *per_pod)
{
	*per_rack = p->hosts_per_rack;
	*per_pod = p->racks_per_pod;
	if (p->topology == NET_FATTREE)
		*per_rack = *per_pod = p->fattree_k / 2;
	else if (p->topology == NET_LEAFSPINE)
		*per_pod = 0;
}

int network_target_cost(const struct net_params *p, enum net_target t, int a, int b)
{
	if (t == NET_TARGET_ANY || a < 0 || b < 0 || p->topology == NET_NONE)
		return 0;
	int per_rack, per_pod;
	target_shape(p, &per_rack, &per_pod);
	if (per_rack < 1)
		return 0;
	int ra = a / per_rack, rb = b / per_rack;
	if (t == NET_TARGET_SAME_RACK)
		return ra != rb;
	if (a == b)
		return 0;
	if (ra == rb)
		return 2;
	return per_pod > 0 && ra / per_pod != rb / per_pod ? 6 : 4;
}

int network_target_levels(const struct net_params *p, enum net_target t, int a, int n_hosts, int lo[4],
			  int hi[4])
{
	int n = 0;
	int per_rack, per_pod;
	target_shape(p, &per_rack, &per_pod);
	/* (network_target_cost's cases, in its order) */
	if (!(t == NET_TARGET_ANY || a < 0 || a >= n_hosts || p->topology == NET_NONE || per_rack < 1)) {
		if (t == NET_TARGET_CHEAPEST_PATH) {
			lo[n] = a; /* the host itself: 0 */
			hi[n++] = a + 1;
		}
		int r = a / per_rack;
		lo[n] = r * per_rack; /* its rack: 0 (same_rack), 2 */
		hi[n] = lo[n] + per_rack < n_hosts ? lo[n] + per_rack : n_hosts;
		n++;
		if (t == NET_TARGET_CHEAPEST_PATH && per_pod > 0) {
			long size = (long)per_rack * per_pod; /* its pod: 4 */
			lo[n] = (int)(r / per_pod * size);
			hi[n] = lo[n] + size < n_hosts ? (int)(lo[n] + size) : n_hosts;
			n++;
		}
	}
	lo[n] = 0; /* the rest: 1 (same_rack), 4 (leaf-spine) or 6 */
	hi[n++] = n_hosts;
	return n;
}

int network_path(const struct network *n, int src, int dst, int links[NET_MAX_PATH])
{
	if (src == dst)
		return 0;
	int k = 0;
	int rack0 = 2 * n->n_hosts, pod0 = rack0 + 2 * n->racks;
	int rs = src / n->hosts_per_rack, rd = dst / n->hosts_per_rack;
	links[k++] = 2 * src;
	if (rs != rd) {
		links[k++] = rack0 + 2 * rs;
		int ps = rs / n->racks_per_pod, pd = rd / n->racks_per_pod;
		if (ps != pd) {
			links[k++] = pod0 + 2 * ps;
			links[k++] = pod0 + 2 * pd + 1;
		}
		links[k++] = rack0 + 2 * rd + 1;
	}
	links[k++] = 2 * dst + 1;
	return k;
}

int net_solver_init(struct net_solver *s, int n_links, int max_flows)
{
	memset(s, 0, sizeof *s);
	s->n_links = n_links;
	size_t nl = (size_t)(n_links > 0 ? n_links : 1);
	s->rem = malloc(nl * sizeof *s->rem);
	s->count = calloc(nl, sizeof *s->count);
	s->used = malloc(nl * sizeof *s->used);
	s->start = malloc(nl * sizeof *s->start);
	s->total = malloc(nl * sizeof *s->total);
	s->sat = malloc(nl * sizeof *s->sat);
	s->share = malloc(nl * sizeof *s->share);
	s->in_used = calloc(nl, 1);
	if (s->rem == NULL || s->count == NULL || s->used == NULL || s->start == NULL || s->total == NULL ||
	    s->sat == NULL || s->share == NULL || s->in_used == NULL)
		return -1;
	return net_solver_reserve(s, max_flows);
}

int net_solver_reserve(struct net_solver *s, int max_flows)
{
	if (max_flows <= s->max_flows)
		return 0;
	unsigned char *f = realloc(s->fixed, (size_t)max_flows);
	if (f == NULL)
		return -1;
	s->fixed = f;
	int *b = realloc(s->by_link, (size_t)max_flows * NET_MAX_PATH * sizeof *b);
	if (b == NULL)
		return -1;
	s->by_link = b;
	s->max_flows = max_flows;
	return 0;
}

void net_solver_fini(struct net_solver *s)
{
	free(s->rem);
	free(s->count);
	free(s->used);
	free(s->start);
	free(s->total);
	free(s->sat);
	free(s->share);
	free(s->by_link);
	free(s->in_used);
	free(s->fixed);
	memset(s, 0, sizeof *s);
}

/* Fixes flow i at rate r: its rate leaves every link it crosses. */
static void fix_flow(struct net_solver *s, const struct net_flow *f, int i, double r, double *rate)
{
	s->fixed[i] = 1;
	rate[i] = r;
	for (int k = 0; k < f->n_links; k++) {
		int l = f->links[k];
		s->rem[l] -= r;
		s->count[l]--;
	}
}

void network_solve(struct net_solver *s, const double *cap, const struct net_flow *flows, int n,
		   double *rate)
{
	/* the links in use, their capacities and flow counts, then each link's flows (by_link) */
	s->n_used = 0;
	int unfixed = 0;
	bool bounded = false;
	for (int i = 0; i < n; i++) {
		const struct net_flow *f = &flows[i];
		s->fixed[i] = 0;
		if (f->n_links == 0) {
			/* limited by its bound only */
			s->fixed[i] = 1;
			rate[i] = f->bound > 0 ? f->bound : INFINITY;
			continue;
		}
		unfixed++;
		bounded |= f->bound > 0;
		for (int k = 0; k < f->n_links; k++) {
			int l = f->links[k];
			if (!s->in_used[l]) {
				s->in_used[l] = 1;
				s->used[s->n_used++] = l;
				s->rem[l] = cap[l];
				s->count[l] = 0;
			}
			s->count[l]++;
		}
	}
	int pos = 0;
	for (int j = 0; j < s->n_used; j++) {
		int l = s->used[j];
		s->start[l] = pos;
		s->total[l] = s->count[l];
		pos += s->count[l];
	}
	for (int i = 0; i < n; i++) {
		const struct net_flow *f = &flows[i];
		if (s->fixed[i])
			continue;
		for (int k = 0; k < f->n_links; k++)
			s->by_link[s->start[f->links[k]]++] = i;
	}
	for (int j = 0; j < s->n_used; j++) {
		int l = s->used[j];
		s->start[l] -= s->count[l]; /* back to the run's first slot */
		s->in_used[l] = 0;
	}
	while (unfixed > 0) {
		/* the smallest fair share among the links that still have unfixed flows (links left
		 * without one leave the list) */
		double m = INFINITY;
		int k = 0;
		for (int j = 0; j < s->n_used; j++) {
			int l = s->used[j];
			if (s->count[l] <= 0)
				continue;
			double share = (s->rem[l] > 0 ? s->rem[l] : 0) / s->count[l];
			s->share[k] = share;
			s->used[k++] = l;
			if (share < m)
				m = share;
		}
		s->n_used = k;
		/* a bound below it fixes its flows first */
		if (bounded) {
			double mb = INFINITY;
			for (int i = 0; i < n; i++)
				if (!s->fixed[i] && flows[i].bound > 0 && flows[i].bound < mb)
					mb = flows[i].bound;
			if (mb < m) {
				for (int i = 0; i < n; i++)
					if (!s->fixed[i] && flows[i].bound > 0 && flows[i].bound <= mb) {
						fix_flow(s, &flows[i], i, flows[i].bound, rate);
						unfixed--;
					}
				continue;
			}
		}
		/* every unfixed flow of every saturated link is fixed at m (the saturated links are
		 * listed before any of their flows is fixed) */
		double lim = m * (1 + NET_EPS);
		int n_sat = 0;
		for (int j = 0; j < s->n_used; j++)
			if (s->share[j] <= lim)
				s->sat[n_sat++] = s->used[j];
		for (int j = 0; j < n_sat; j++) {
			int l = s->sat[j];
			for (int q = s->start[l]; q < s->start[l] + s->total[l]; q++) {
				int i = s->by_link[q];
				if (!s->fixed[i]) {
					fix_flow(s, &flows[i], i, m, rate);
					unfixed--;
				}
			}
		}
	}
}
