/*
 * fuzzy: Mamdani inference of the migration suitability; see fuzzy.h for the table and rules.
 * The centroid is taken over 1001 points of [0, 1].
 */
#include "fuzzy.h"

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
