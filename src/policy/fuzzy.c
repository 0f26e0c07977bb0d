/*
 * fuzzy: Mamdani inference of the migration suitability; see fuzzy.h for the table and rules.
 * The centroid is taken over 1001 points of [0, 1].
 */
#include "fuzzy.h"

#include <stdbool.h>
#include <stddef.h>

static const double shapes[3][4] = {
	{ 0, 0, 0.3, 0.5 },
	{ 0.3, 0.5, 0.6, 0.8 },
	{ 0.6, 0.8, 1, 1 },
};

double fuzzy_membership(enum fuzzy_term t, double x)
{
	const double *s = shapes[t];
	if (x < s[0] || x > s[3])
		return 0;
	if (x >= s[1] && x <= s[2])
		return 1;
	if (x < s[1])
		return (x - s[0]) / (s[1] - s[0]);
	return (s[3] - x) / (s[3] - s[2]);
}

static double min2(double a, double b)
{
	return a < b ? a : b;
}

double fuzzy_suitability(double server_cpu, double server_mem, double vm_cpu, double vm_mem)
{
	double fire[3] = { 0, 0, 0 }; /* strength per output term */
	double r1 = min2(fuzzy_membership(FUZZY_HIGH, server_cpu), fuzzy_membership(FUZZY_HIGH, vm_cpu));
	double r2 = min2(fuzzy_membership(FUZZY_HIGH, server_mem), fuzzy_membership(FUZZY_HIGH, vm_mem));
	double r3 = min2(fuzzy_membership(FUZZY_MEDIUM, vm_cpu), fuzzy_membership(FUZZY_LOW, vm_mem));
	double r4 = min2(fuzzy_membership(FUZZY_LOW, vm_cpu), fuzzy_membership(FUZZY_LOW, vm_mem));
	double r5 = min2(fuzzy_membership(FUZZY_HIGH, vm_mem), 1 - fuzzy_membership(FUZZY_HIGH, server_mem));
	fire[FUZZY_HIGH] = r1 > r2 ? r1 : r2;
	fire[FUZZY_MEDIUM] = r3;
	fire[FUZZY_LOW] = r4 > r5 ? r4 : r5;
	double num = 0, den = 0;
	for (int i = 0; i <= 1000; i++) {
		double y = i / 1000.0, mu = 0;
		for (int t = 0; t < 3; t++) {
			double v = min2(fire[t], fuzzy_membership((enum fuzzy_term)t, y));
			if (v > mu)
				mu = v;
		}
		num += y * mu;
		den += mu;
	}
	return den > 0 ? num / den : 0;
}

static bool room(const struct fuzzy_settings *s, const struct fuzzy_pool *p, int t, double d, double m)
{
	return (p->cpu[t] + d) / p->cap_cpu[t] <= s->overload && (p->mem[t] + m) / p->cap_mem[t] <= s->memory_overload &&
	       p->avail[t] >= d;
}

/* The least loaded host that is on, other than `except` (the VM's host), with room; -1 if none.
 * Equally loaded: the network's preferred one (p->net), then the first by id. */
static int least_loaded(const struct fuzzy_settings *s, const struct fuzzy_pool *p, double d, double m, int except)
{
	int best = -1, bcost = 0;
	double bc = 0, bm = 0;
	bool pref = p->net != NULL && p->net_target != NET_TARGET_ANY;
	for (int t = 0; t < p->n_hosts; t++) {
		if (t == except || !p->on[t] || !room(s, p, t, d, m))
			continue;
		double uc = p->cpu[t] / p->cap_cpu[t], um = p->mem[t] / p->cap_mem[t];
		int cost = pref ? network_target_cost(p->net, p->net_target, except, t) : 0;
		if (best < 0 || uc < bc || (uc == bc && (um < bm || (um == bm && cost < bcost)))) {
			best = t;
			bc = uc;
			bm = um;
			bcost = cost;
		}
	}
	return best;
}

static void move(struct fuzzy_pool *p, int v, int from, int t, int *vm, int *to, int *n)
{
	p->cpu[from] -= p->vm_cpu[v];
	p->mem[from] -= p->vm_mem[v];
	p->cpu[t] += p->vm_cpu[v];
	p->mem[t] += p->vm_mem[v];
	p->avail[t] -= p->vm_cpu[v];
	p->on[t] = 1;
	p->target[t] = 1;
	p->moved[v] = 1;
	vm[*n] = v;
	to[*n] = t;
	(*n)++;
}

int fuzzy_control(const struct fuzzy_settings *s, struct fuzzy_pool *p, int *vm, int *to)
{
	int n = 0;
	for (int h = 0; h < p->n_hosts; h++)
		p->target[h] = 0;
	for (int v = 0; v < p->n_vms; v++)
		p->moved[v] = 0;
	for (int h = 0; h < p->n_hosts; h++) {
		for (int moves = 0; moves < s->max_moves; moves++) {
			double uc = p->cpu[h] / p->cap_cpu[h], um = p->mem[h] / p->cap_mem[h];
			if (!(uc > s->overload || um > s->memory_overload))
				break;
			int pick = -1;
			double best = -1;
			for (int k = p->host_start[h]; k < p->host_start[h + 1]; k++) {
				int v = p->host_vms[k];
				if (!p->movable[v] || p->moved[v])
					continue;
				double score = fuzzy_suitability(uc > 1 ? 1 : uc, um > 1 ? 1 : um, p->vm_cpu[v] / p->cap_cpu[h],
								 p->vm_mem[v] / p->cap_mem[h]);
				if (score > best || (score == best && v < pick)) {
					best = score;
					pick = v;
				}
			}
			if (pick < 0)
				break;
			int t = least_loaded(s, p, p->vm_cpu[pick], p->vm_mem[pick], h);
			for (int o = 0; o < p->n_hosts && t < 0; o++) /* start a host that is off */
				if (o != h && !p->on[o] && room(s, p, o, p->vm_cpu[pick], p->vm_mem[pick]))
					t = o;
			if (t < 0)
				break;
			move(p, pick, h, t, vm, to, &n);
		}
	}
	double sc = 0, sm = 0;
	int on = 0;
	for (int h = 0; h < p->n_hosts; h++) {
		if (!p->on[h])
			continue;
		sc += p->cpu[h] / p->cap_cpu[h];
		sm += p->mem[h] / p->cap_mem[h];
		on++;
	}
	if (on == 0 || !(sc / on < s->underload && sm / on < s->memory_underload))
		return n;
	int cand = -1;
	for (int h = 0; h < p->n_hosts; h++) {
		if (!p->on[h] || p->target[h] || p->host_start[h + 1] == p->host_start[h])
			continue;
		if (cand < 0 || p->cpu[h] / p->cap_cpu[h] < p->cpu[cand] / p->cap_cpu[cand])
			cand = h;
	}
	if (cand < 0)
		return n;
	int k = 0;
	for (int i = p->host_start[cand]; i < p->host_start[cand + 1]; i++) {
		int v = p->host_vms[i];
		if (!p->movable[v] || p->moved[v])
			return n; /* partly moving already: not this step */
		p->order[k++] = v;
	}
	for (int i = 1; i < k; i++) { /* largest CPU demand first, then id */
		int x = p->order[i], j = i - 1;
		while (j >= 0 && p->vm_cpu[p->order[j]] < p->vm_cpu[x]) {
			p->order[j + 1] = p->order[j];
			j--;
		}
		p->order[j + 1] = x;
	}
	int first = n;
	p->on[cand] = 0; /* not a target */
	for (int i = 0; i < k; i++) {
		int v = p->order[i];
		int t = least_loaded(s, p, p->vm_cpu[v], p->vm_mem[v], cand);
		if (t < 0)
			return first; /* abort: nothing of this consolidation moves */
		move(p, v, cand, t, vm, to, &n);
	}
	return n;
}
