/*
 * report: what a run prints and writes. Formatting only, no arithmetic on results.
 *
 * The summary has the lines CloudSim's Helper.printResults prints; the stats CSV has a header
 * and one row whose first columns are the reference tables' columns, in full double precision
 * (%.17g, C locale, NaN as "NaN"), then greenmig's own columns.
 */
#ifndef GREENMIG_REPORT_H
#define GREENMIG_REPORT_H

#include <stdio.h>

#include "config.h"
#include "diag.h"
#include "sim.h"

/* The stats header line, without the newline (static storage). */
const char *report_stats_header(void);

/* Writes the human summary of run r of experiment e (day name `day`) to out. 0 or -1. */
int report_summary(FILE *out, const struct experiment *e, const char *day,
		   const struct sim_result *r);

/* Writes the stats header and row to out. 0 or -1 (write error). */
int report_stats(FILE *out, const struct experiment *e, const char *day, const struct sim_result *r);

/*
 * Writes the stats CSV to path atomically ("-" = stdout): to path.tmp, then renamed; no file is
 * left behind on failure. 0 or -1 with a message.
 */
int report_stats_file(const char *path, const struct experiment *e, const char *day,
		      const struct sim_result *r, struct diag *d);

#endif
