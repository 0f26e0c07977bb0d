/*
 * reproduce_labels: where the labels of sla-vs-energy go (part of the reproduce module,
 * reproduce_internal.h). greenmig computes each point's label position, so that no two labels,
 * points or the key overlap in the figure as plots/sla-vs-energy.gp renders it at print size.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "reproduce_internal.h"

struct box {
	double u0, v0, u1, v1; /* plot fractions */
};

static double overlap(const struct box *a, const struct box *b)
{
	double w = fmin(a->u1, b->u1) - fmax(a->u0, b->u0), h = fmin(a->v1, b->v1) - fmax(a->v0, b->v0);
	return w > 0 && h > 0 ? w * h : 0;
}

/* Label positions around a point, nearest first; from FAR_POS on a label is drawn away from its
 * point, with a leader line to it. */
static const double label_pos[][2] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 }, { 1, 1 }, { 1, -1 }, { -1, 1 },
				       { -1, -1 }, { 2, 0 }, { -2, 0 }, { 0, 2 }, { 0, -2 }, { 2, 2 }, { -2, 2 },
				       { 2, -2 }, { -2, -2 }, { 0, 3 }, { 0, -3 }, { 3, 0 }, { -3, 0 }, { 2, 3 },
				       { -2, 3 }, { 2, -3 }, { -2, -3 }, { 0, 4 }, { 0, -4 } };
#define FAR_POS 8

/* Places the labels of n points (u, v in plot fractions; text lengths len) greedily, each at the
 * first of the positions label_pos around its point that overlaps no point, label placed before,
 * the key or the frame (else the least overlapping). The centres into lu, lv; far[i] says that
 * label i is away from its point (a leader line joins them). */
void rp_place_labels(int n, const double *u, const double *v, const int *len, int n_families, double *lu,
		     double *lv, bool *far)
{
	const double(*pos)[2] = label_pos;
	size_t n_pos = sizeof label_pos / sizeof label_pos[0];
	struct box *placed = calloc((size_t)(2 * n + 1), sizeof *placed);
	if (placed == NULL) {
		for (int i = 0; i < n; i++)
			lu[i] = u[i], lv[i] = v[i];
		return;
	}
	int np = 0;
	double pw = POINT_PT / 2 / PLOT_W_PT, ph = POINT_PT / 2 / PLOT_H_PT;
	for (int i = 0; i < n; i++)
		placed[np++] = (struct box){ u[i] - pw, v[i] - ph, u[i] + pw, v[i] + ph };
	placed[np++] = (struct box){ KEY_U0, 1 - (n_families * LINE_H_PT + 8) / PLOT_H_PT, 1, 1 };
	/* the most crowded points first (neighbours within 40 pt; ties in row order) */
	int *order = calloc((size_t)n + 1, sizeof *order), *crowd = calloc((size_t)n + 1, sizeof *crowd);
	if (order == NULL || crowd == NULL) {
		free(order);
		free(crowd);
		free(placed);
		for (int i = 0; i < n; i++)
			lu[i] = u[i], lv[i] = v[i];
		return;
	}
	for (int i = 0; i < n; i++) {
		order[i] = i;
		for (int j = 0; j < n; j++)
			crowd[i] += j != i && hypot((u[i] - u[j]) * PLOT_W_PT, (v[i] - v[j]) * PLOT_H_PT) < 40;
	}
	for (int i = 1; i < n; i++) /* insertion sort: stable */
		for (int j = i; j > 0 && crowd[order[j]] > crowd[order[j - 1]]; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (int oi = 0; oi < n; oi++) {
		int i = order[oi];
		double w = len[i] * CHAR_W_PT / PLOT_W_PT, h = LINE_H_PT / PLOT_H_PT;
		double best = INFINITY;
		for (size_t c = 0; c < n_pos; c++) {
			double gap_u = 3 / PLOT_W_PT, gap_v = 2 / PLOT_H_PT;
			/* the first ring of far positions a little further out; beyond it, steps of a
			 * label's size (stacked labels) */
			double su = c < 12 && fabs(pos[c][0]) > 1 ? 1.6 : 1, sv = c < 12 && fabs(pos[c][1]) > 1 ? 1.8 : 1;
			double cu = u[i] + pos[c][0] * (w / 2 + pw + gap_u) * su;
			double cv = v[i] + pos[c][1] * (h / 2 + ph + gap_v) * sv;
			if (pos[c][0] != 0 && pos[c][1] != 0)
				cu = u[i] + pos[c][0] * (w / 2 + gap_u);
			struct box b = { cu - w / 2, cv - h / 2, cu + w / 2, cv + h / 2 };
			double cost = 0;
			for (int j = 0; j < np; j++)
				cost += overlap(&b, &placed[j]);
			/* outside the frame costs as much as its area outside */
			cost += fmax(0, -b.u0) * h + fmax(0, b.u1 - 1) * h + fmax(0, -b.v0) * w + fmax(0, b.v1 - 1) * w;
			cost += c * 1e-9; /* ties go to the earlier position */
			if (cost < best) {
				best = cost;
				lu[i] = cu;
				lv[i] = cv;
				far[i] = c >= FAR_POS;
			}
		}
		double w2 = w / 2, h2 = h / 2;
		placed[np++] = (struct box){ lu[i] - w2, lv[i] - h2, lu[i] + w2, lv[i] + h2 };
	}
	free(order);
	free(crowd);
	free(placed);
}

