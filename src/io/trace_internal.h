/*
 * trace_internal: what trace.c (the set, the folder reader, the days) shares with trace_packed.c
 * (the packed CSV reader and writer). Not part of the module's interface: include trace.h.
 */
#ifndef GREENMIG_TRACE_INTERNAL_H
#define GREENMIG_TRACE_INTERNAL_H

#include <stddef.h>

#include "diag.h"
#include "trace.h"

/* A malloc'd copy of s, or NULL. */
char *trace_dup_str(const char *s);

/*
 * Reads a whole file through gzread (plain or gzip) into a NUL-terminated buffer owned by the
 * caller, its length in *len. NULL with a message on failure.
 */
char *trace_slurp(const char *path, size_t *len, struct diag *d);

/*
 * A CPU percentage: optional blanks, a decimal integer 0-100, optional blanks. 0, or -1 with a
 * message at file:line(:col) (col 0: a whole line of the folder format).
 */
int trace_parse_pct(const char *text, size_t len, const char *file, long line, long col, double *out,
		    struct diag *d);

/* An empty set for path with room for n VMs (n_vms 0), owned by the caller; NULL if out of memory. */
struct trace_set *trace_set_alloc(const char *path, size_t n);

/* The packed reader (trace_packed.c): trace_read on a file. */
struct trace_set *trace_read_packed(const char *path, size_t max_vms, struct diag *d);

#endif
