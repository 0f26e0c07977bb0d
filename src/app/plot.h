/*
 * plot: a figure of a sweep CSV (`greenmig plot`). Reads a file with greenmig's sweep header (or
 * the stats header of `run --stats`), finds its columns by name, averages y over the rows that
 * share (facet, group, x), i.e. over seeds and days, with a 95 % interval (Student t,
 * report_mean_ci), and writes a self-contained gnuplot script: the aggregated points inline
 * ($data blocks), one line with error bars per group value, one panel per facet value, axis
 * labels from the column table (columns.h), the Okabe-Ito palette. plot_render runs gnuplot on
 * it into an output file written atomically. Nothing here prints.
 */
#ifndef GREENMIG_PLOT_H
#define GREENMIG_PLOT_H

#include <stdio.h>

#include "diag.h"

struct plot_options {
	const char *x, *y;      /* column names: x numeric; x may name several, "param2,param1":
				 * each row takes the first that is not NaN */
	const char *group;      /* a column, or NULL: one line */
	const char *facet;      /* a column, or NULL: one panel */
	const char *out;        /* the figure the script writes (its extension picks the terminal) */
	const char *source;     /* the CSV's path, named in the script's comments */
	const char *xlabel, *ylabel; /* NULL: the columns' labels (columns.h) */
};

struct plot_data;

/* The gnuplot terminal of out's extension (.png: pngcairo, .svg: svg, .pdf: pdfcairo), NULL
 * for another. */
const char *plot_terminal(const char *out);

/*
 * Reads the CSV at path and aggregates it for o into *out (free with plot_free). Every bad line
 * is reported ("PATH:LINE: ..."): a header that is not a sweep's, a column name it does not have
 * (the message lists the valid ones), a row with another number of fields, an x that is not a
 * number, a y that is neither a number nor NaN. Rows whose y (or x) is NaN are skipped and
 * counted (plot_skipped). 0, or -1 with messages.
 */
int plot_read(const char *path, const struct plot_options *o, struct plot_data **out, struct diag *d);

/* The rows skipped for a NaN y (*y) or x (*x). */
void plot_skipped(const struct plot_data *p, long *x, long *y);

/* The gnuplot script of p (o->out is its default output). 0 or -1 (write error). */
int plot_write_script(FILE *out, const struct plot_data *p, const struct plot_options *o);

/*
 * Runs gnuplot (the program `gnuplot`, found on PATH) on the script at script_path and writes
 * what it draws to out_path atomically (outfile: nothing left behind on failure). 0, or -1 with
 * a message: gnuplot not found, or its exit status and first error lines.
 */
int plot_render(const char *gnuplot, const char *script_path, const char *out_path, struct diag *d);

void plot_free(struct plot_data *p);

#endif
