/*
 * columns: every column greenmig writes to a CSV file, once: the stats row (`run --stats`, the
 * stats part of a sweep row), the columns a sweep adds (its axes, param1 ...) and the timeline
 * (`run --timeline`). For each its name, unit, axis label, meaning and the CloudSim 3.0.3 name
 * of the same figure. doc/columns.md and greenmig(1)'s column list are generated from this
 * table (tests/columns --update) and checked against it by make check (tests/man_keys.sh); a
 * Check test checks the stats and timeline headers the reports write against it.
 */
#ifndef GREENMIG_COLUMNS_H
#define GREENMIG_COLUMNS_H

enum column_file {
	COLUMN_STATS,    /* the stats row, in report_stats_header's order */
	COLUMN_SWEEP,    /* what a sweep row adds to it */
	COLUMN_TIMELINE, /* the timeline, in report_timeline's order */
};

struct column {
	enum column_file file;
	const char *name;     /* as in the header; "paramN" and "AXIS" stand for a family */
	const char *unit;     /* "" for none (text, counts) */
	const char *label;    /* for a plot's axis: "energy (kWh)" */
	const char *meaning;  /* one or two sentences */
	const char *cloudsim; /* CloudSim 3.0.3's name for the same figure, "" if it has none */
};

/* The table, in file order (stats, sweep, timeline); *n its length. */
const struct column *columns_table(int *n);

/*
 * The column called name in a stats, sweep or timeline file: the entry of that name ("param2"
 * finds the paramN entry); NULL for any other name (an axis on a key of the experiment file).
 */
const struct column *columns_find(const char *name);

/* The axis label of column name into buf: the table's label ("param2": "parameter 2"), else
 * the name itself (an axis such as hosts.count). */
void columns_label(const char *name, char *buf, unsigned long n);

#endif
