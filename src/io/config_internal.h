/*
 * config_internal: what config.c (files, --set, validation) shares with config_keys.c (the key
 * table and the parsing it drives). Not part of the module's interface: include config.h.
 */
#ifndef GREENMIG_CONFIG_INTERNAL_H
#define GREENMIG_CONFIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "diag.h"

/* Where the value being set comes from, for messages. */
struct config_origin {
	const char *file; /* the experiment file, or "--set" for overrides */
	long line;        /* 0 for --set */
	const char *dir;  /* folder of the experiment file, for relative paths; NULL for --set */
};

/* One pass of parsing: an experiment file, one --set, or the defaults. */
struct config_parse {
	struct experiment *e;
	struct diag *d;          /* NULL: errors are only counted (the defaults) */
	struct config_origin o;
	FILE *f;                 /* the experiment file being read */
	long line;               /* lines read from f */
	int errors;
	bool defaults;           /* applying the table's defaults: no range check, no line noted */
};

/* Adds "file:line: message" to ps->d and counts it. Returns -1. */
int config_err(struct config_parse *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sets key of section sec (as written: "host.h1") to v, through the table. 0 or -1 (reported). */
int config_set_value(struct config_parse *ps, const char *sec, const char *key, const char *v);

/* The valid section names into buf, comma-separated ("experiment, workload, ..., host.NAME, ..."). */
void config_section_names(char *buf, size_t n);

#endif
