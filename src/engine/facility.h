/*
 * facility: what the datacenter around the hosts adds to their energy, and its carbon and cost
 * ([facility], doc/facility.md). PUE = facility energy / IT energy, either constant or a
 * function of the IT load: fixed no-load losses of power and cooling equipment make a lightly
 * loaded facility less efficient (Rasmussen, APC White Paper 113, "Electrical efficiency
 * modeling for data centers"). The quadratic model (a reconstruction of that loss model's shape)
 * has the overhead P_design (c0 + c1 x + c2 x^2) for an IT load x = P_IT / P_design, so
 * PUE(x) = 1 + (c0 + c1 x + c2 x^2) / x: 1.60 at x = 1, 1.83 at 0.5, 2.15 at 0.3 for the
 * defaults c0 = 0.25, c1 = 0.30, c2 = 0.05. Pure arithmetic; W, s, W*s.
 */
#ifndef GREENMIG_FACILITY_H
#define GREENMIG_FACILITY_H

#include <stdbool.h>

struct facility_params {
	bool quadratic;           /* pue_model = quadratic (else constant) */
	double pue;               /* constant PUE, >= 1 */
	double c0, c1, c2;        /* quadratic overhead coefficients, >= 0 */
	double design_w;          /* P_design: the IT power the facility is built for, > 0 */
};

/* The facility energy (W*s) of it_ws of IT energy over dt_s seconds (IT power constant over
 * them: the mean). dt_s 0: it_ws x PUE for the constant model, it_ws for the quadratic one. */
double facility_ws(const struct facility_params *p, double it_ws, double dt_s);

#endif
