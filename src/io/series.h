/*
 * series: a time series read from a CSV file, piecewise constant: the carbon intensity of the
 * grid (gCO2 per kWh) or the price of energy (per kWh) over simulated time ([facility]
 * carbon_file, price_file; doc/facility.md).
 *
 * Format: a header line "time_s,NAME" (NAME: what the values are, e.g. g_per_kwh), then one row
 * "TIME,VALUE" per change: TIME in simulated seconds (>= 0, strictly increasing), VALUE a finite
 * number >= 0. A value holds from its time to the next row's; the first also before it, the last
 * after it (OpenDC's carbon traces are read so). Blank lines and lines starting with '#' are
 * skipped. Every bad line is reported as file:line (up to DIAG_MAX).
 */
#ifndef GREENMIG_SERIES_H
#define GREENMIG_SERIES_H

#include <stddef.h>

#include "diag.h"

struct series {
	double *t;  /* times, strictly increasing */
	double *v;  /* values */
	size_t n;   /* at least 1 once read */
};

/* Reads path into s (owned by the caller: series_free). 0, or -1 with messages (s empty). */
int series_read(struct series *s, const char *path, struct diag *d);

/* A series of one constant value (no file). 0, or -1 if out of memory. */
int series_constant(struct series *s, double v);

void series_free(struct series *s);

/* The value at time t. */
double series_at(const struct series *s, double t);

/* The integral of the series over [a, b] (a <= b), value x seconds. */
double series_integral(const struct series *s, double a, double b);

#endif
