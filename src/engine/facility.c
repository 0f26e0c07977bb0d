/*
 * facility: PUE, constant or of the IT load (facility.h).
 */
#include "facility.h"

double facility_ws(const struct facility_params *p, double it_ws, double dt_s)
{
	if (!p->quadratic)
		return it_ws * p->pue;
	if (!(dt_s > 0))
		return it_ws;
	double x = it_ws / dt_s / p->design_w;
	return it_ws + p->design_w * (p->c0 + p->c1 * x + p->c2 * x * x) * dt_s;
}
