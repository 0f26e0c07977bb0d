/*
 * api: what the public API's two files share (api.c runs experiments, api_sim.c steps them):
 * a result made from a finished run, and the diagnostics into the caller's buffer.
 */
#ifndef GREENMIG_API_H
#define GREENMIG_API_H

#include <stddef.h>

#include <greenmig/experiment.h>

#include "diag.h"
#include "report.h"
#include "sim.h"

/* The result of the run r of e on day (its stats row as report_stats writes it, and a copy of
 * the timeline tl[0 .. n_tl - 1]). NULL with a message in err if out of memory. */
gm_result *api_result_from(const struct experiment *e, const char *day, const struct run_result *r,
			   const struct timeline_row *tl, int n_tl, char *err, size_t n);

/* The messages of d, one per line, into err[0 .. n - 1]. */
void api_put_diag(const struct diag *d, char *err, size_t n);

/* A message, printf-style, into err[0 .. n - 1] (nothing where n is 0). */
void api_put(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The experiment inside a gm_experiment. */
const struct experiment *api_experiment(const gm_experiment *x);

#endif
