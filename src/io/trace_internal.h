/*
 * trace_internal: what trace.c (the set, the folder reader, the days) shares with trace_packed.c
 * (the packed CSV reader and writer). Not part of the module's interface: include trace.h.
 */
#ifndef GREENMIG_TRACE_INTERNAL_H
#define GREENMIG_TRACE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <zlib.h>

#include "diag.h"
#include "trace.h"

/* A malloc'd copy of s, or NULL. */
char *trace_dup_str(const char *s);

#define TRACE_READ_CHUNK ((size_t)1 << 16) /* bytes asked of zlib at a time */

/*
 * A file read line by line through gzread (plain or gzip), never held whole: the size limits
 * are checked as the bytes arrive, so a decompression bomb stops at the limit. Lines are
 * numbered from 1; a NUL byte anywhere is an error.
 */
struct trace_lines {
	gzFile gz;
	const char *path;    /* borrowed, for messages */
	struct diag *d;
	const char *what;    /* why the limits: the end of their messages */
	size_t max_line;     /* bytes of one line, its newline excluded */
	size_t max_file;     /* bytes of the whole file, decompressed */
	char *buf;           /* bytes read, [start, end) not yet returned */
	size_t cap, start, end;
	size_t total;        /* bytes decompressed so far */
	long line;           /* number of the last line returned */
	bool eof, failed;
};

/* Opens path for trace_lines_next. 0, or -1 with a message (nothing to close then). */
int trace_lines_open(struct trace_lines *r, const char *path, size_t max_line, size_t max_file,
		     const char *what, struct diag *d);

/*
 * The next line in *line (its *len bytes include its '
', except for a last line without
 * one); valid until the next call. 1 with a line, 0 at the end, -1 with a message (a line or
 * the file too long, a NUL byte, a read or gzip error); after -1 every call gives -1.
 */
int trace_lines_next(struct trace_lines *r, const char **line, size_t *len);

void trace_lines_close(struct trace_lines *r);

/*
 * A CPU percentage: optional blanks, a decimal integer 0-100, optional blanks. 0, or -1 with a
 * message at file:line(:col) (col 0: a whole line of the folder format).
 */
int trace_parse_pct(const char *text, size_t len, const char *file, long line, long col, double *out,
		    struct diag *d);

/*
 * trace_parse_pct's usual field, without the call: one to three digits and nothing else, at most
 * 100. 1 with *out set (the double trace_parse_pct gives for the same text), or 0: anything else
 * (blanks, signs, other characters, more digits, a larger value, an empty field) is for
 * trace_parse_pct, which accepts or reports it.
 */
static inline int trace_pct_plain(const char *text, size_t len, double *out)
{
	if (len - 1 > 2) /* len 1 to 3 (0 wraps around) */
		return 0;
	unsigned v = (unsigned)(unsigned char)text[0] - '0';
	if (v > 9)
		return 0;
	for (size_t k = 1; k < len; k++) {
		unsigned digit = (unsigned)(unsigned char)text[k] - '0';
		if (digit > 9)
			return 0;
		v = 10 * v + digit;
	}
	if (v > 100)
		return 0;
	*out = (double)v;
	return 1;
}

/* An empty set for path with room for n VMs (n_vms 0), owned by the caller; NULL if out of memory. */
struct trace_set *trace_set_alloc(const char *path, size_t n);

/* The packed reader (trace_packed.c): trace_read on a file. */
struct trace_set *trace_read_packed(const char *path, size_t max_vms, struct diag *d);

#endif
