/*
 * power: host power models, P(u) in watts for CPU utilization u in [0, 1].
 *
 * The analytic models (linear, square, cubic, sqrt) and the SPECpower tables are CloudSim
 * 3.0.3's org.cloudbus.cloudsim.power.models classes, with their quirks kept for parity:
 * the analytic models give P(0) = 0 W (not the static power), the tables give P(0) = idle.
 */
#ifndef GREENMIG_POWER_H
#define GREENMIG_POWER_H

#include <math.h>

enum power_kind { POWER_LINEAR, POWER_SQUARE, POWER_CUBIC, POWER_SQRT, POWER_TABLE };

struct power_type {
	const char *name;        /* name used in experiment files */
	enum power_kind kind;
	const char *cloudsim;    /* CloudSim class it mirrors */
	double table[11];        /* POWER_TABLE: W at 0 %, 10 %, ..., 100 % */
};

/* A configured model: a type plus, for analytic models, its maximum and static share. */
struct power_model {
	const struct power_type *type;
	double max_w;            /* analytic: W at 100 % */
	double static_w;         /* analytic: static_share * max_w */
	double constant;         /* analytic: CloudSim's "constant" (per % or per %^k) */
	double delta[10];        /* tables: (table[i + 1] - table[i]) / 10, as getPower computes it */
};

/* The table of known models, terminated by a NULL name. */
extern const struct power_type power_types[];

/* The type called name, or NULL. */
const struct power_type *power_find(const char *name);

/* Comma-separated list of the known names, for error messages (static storage). */
const char *power_names(void);

/*
 * Sets up m for type t. max_w and static_share matter only for analytic models
 * (static_share in [0, 1]). Returns 0, or -1 if the values are out of range.
 */
int power_model_init(struct power_model *m, const struct power_type *t, double max_w,
		     double static_share);

extern const double power_tenths[11]; /* (double)i / 10, as CloudSim's (double) index1 / 10 */

/*
 * P(u) in W. u must be in [0, 1] (CloudSim throws, and exits, otherwise): callers guarantee it;
 * an out-of-range u returns NaN so that a bug cannot go unnoticed. Inline: the best fit asks it
 * for every candidate host (the arithmetic is the same wherever it is compiled: no contraction).
 */
static inline double power_watts(const struct power_model *m, double u)
{
	if (!(u >= 0 && u <= 1))
		return NAN;
	const struct power_type *t = m->type;
	if (t->kind != POWER_TABLE && u == 0)
		return 0;
	switch (t->kind) {
	case POWER_LINEAR:
		return m->static_w + m->constant * u * 100;
	case POWER_SQUARE:
		return m->static_w + m->constant * pow(u * 100, 2);
	case POWER_CUBIC:
		return m->static_w + m->constant * pow(u * 100, 3);
	case POWER_SQRT:
		return m->static_w + m->constant * sqrt(u * 100);
	case POWER_TABLE:
		break;
	}
	/* PowerModelSpecPower.getPower: exact table point when fmod(u, 0.1) == 0. That needs u * 10
	 * within rounding of an integer, so the (slow) fmod is only asked when it can be 0. */
	if (u == 0)
		return t->table[0]; /* fmod(0, 0.1) == 0: the table's first point (idle hosts: most) */
	double tenth = u * 10;
	int i1 = (int)tenth; /* floor(u * 10): u >= 0 */
	double frac = tenth - i1;
	if ((frac < 1e-6 || frac > 1 - 1e-6) && fmod(u, 0.1) == 0)
		return t->table[(int)(u * 10)];
	int i2 = frac > 0 ? i1 + 1 : i1; /* ceil(u * 10) */
	/* delta = (table[i2] - table[i1]) / 10 and i1 / 10 as CloudSim computes them, taken from
	 * tables of the same values made once (0 when i1 == i2) */
	double delta = i2 == i1 ? 0.0 : m->delta[i1];
	return t->table[i1] + delta * (u - power_tenths[i1]) * 100;
}

/*
 * Energy in W*s over `time_s` seconds while utilization goes from u_from to u_to, as CloudSim's
 * PowerHost.getEnergyLinearInterpolation: 0 if u_from == 0, else the trapezoid.
 */
double power_energy(const struct power_model *m, double u_from, double u_to, double time_s);

#endif
