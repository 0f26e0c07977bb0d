/*
 * tracefmt_csv: the CSV rows the published-trace readers share (tracefmt_internal.h): a file read
 * row by row through trace_lines and libcsv (a fast path for rows without quotes), the numbers
 * as the traces write them, the percentage rules and the time-order check.
 */
#include "tracefmt_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- CSV rows --- */

static void on_field(void *data, size_t len, void *ctx)
{
	struct fmt_csv *c = ctx;
	if (c->rows_done > 0) /* a row ended inside a line (a lone CR): the next one is not kept */
		return;
	if (c->nf < FMT_FIELDS_MAX) {
		if (c->len + len + 1 > c->cap) {
			size_t cap = 2 * (c->len + len + 1);
			char *nb = realloc(c->buf, cap);
			if (nb == NULL) {
				c->nf = FMT_FIELDS_MAX + 1; /* reported as out of memory below */
				c->cap = 0;
				return;
			}
			c->buf = nb;
			c->cap = cap;
		}
		c->off[c->nf] = c->len;
		c->flen[c->nf] = len;
		if (len > 0)
			memcpy(c->buf + c->len, data, len);
		c->buf[c->len + len] = '\0';
		c->len += len + 1;
	}
	c->nf++;
}

static void on_row(int ch, void *ctx)
{
	(void)ch;
	struct fmt_csv *c = ctx;
	c->rows_done++;
}

/*
 * The common line, split here without libcsv's byte-at-a-time state machine (a quarter of a
 * pack's time): no quote, no carriage return but the one before the newline, and no row of
 * libcsv's under way. Fields are split at the delimiter and trimmed of spaces and tabs, as
 * libcsv does for unquoted fields; a blank line is no row, as in libcsv. 1 a row, 2 no row,
 * 0 the line is libcsv's.
 */
static int fast_row(struct fmt_csv *c, const char *q, size_t l)
{
	if (l > 0 && q[l - 1] == '\n')
		l--;
	if (l > 0 && q[l - 1] == '\r')
		l--;
	if (memchr(q, '"', l) != NULL || memchr(q, '\r', l) != NULL)
		return 0;
	size_t i = 0;
	while (i < l && (q[i] == ' ' || q[i] == '\t') && q[i] != (char)c->delim)
		i++;
	if (i == l)
		return 2;
	const char *end = q + l, *f = q;
	for (;;) {
		const char *e = memchr(f, c->delim, (size_t)(end - f));
		const char *stop = e != NULL ? e : end;
		const char *a = f, *z = stop;
		while (a < z && (*a == ' ' || *a == '\t') && *a != (char)c->delim)
			a++;
		while (z > a && (z[-1] == ' ' || z[-1] == '\t') && z[-1] != (char)c->delim)
			z--;
		on_field((void *)a, (size_t)(z - a), c);
		if (e == NULL)
			break;
		f = e + 1;
	}
	return 1;
}

int fmt_csv_open(struct fmt_csv *c, const char *path, unsigned char delim, unsigned long long *bytes,
		 struct diag *d)
{
	memset(c, 0, sizeof *c);
	c->path = path;
	c->d = d;
	c->bytes = bytes;
	if (trace_lines_open(&c->in, path, FMT_LINE_MAX, FMT_FILE_MAX, FMT_LIMITS, d) != 0)
		return -1;
	gzbuffer(c->in.gz, 1u << 17); /* before the first read: fewer, larger reads */
	c->cap = 256;
	c->buf = malloc(c->cap);
	if (c->buf == NULL || csv_init(&c->p, 0) != 0) {
		fmt_csv_close(c);
		return diag_add(d, path, 0, 0, "out of memory");
	}
	c->parser_ready = true;
	c->delim = delim;
	csv_set_delim(&c->p, delim);
	return 0;
}

int fmt_csv_next(struct fmt_csv *c)
{
	if (c->ended)
		return 0;
	c->nf = 0;
	c->len = 0;
	c->rows_done = 0;
	c->line = 0;
	for (;;) {
		const char *q;
		size_t l;
		int got = trace_lines_next(&c->in, &q, &l);
		if (got < 0) {
			c->ended = true;
			return -1;
		}
		if (got == 0) {
			c->ended = true;
			if (csv_fini(&c->p, on_field, on_row, c) != 0) {
				diag_add(c->d, c->path, c->in.line, 0, "malformed CSV (%s)", csv_strerror(csv_error(&c->p)));
				return -1;
			}
			if (c->rows_done == 0)
				return 0;
			if (c->line == 0)
				c->line = c->in.line;
			break;
		}
		if (c->nf == 0 && c->len == 0)
			c->line = c->in.line;
		if (!c->in_row) {
			int fast = fast_row(c, q, l);
			if (fast == 1)
				break;
			if (fast == 2)
				continue;
		}
		c->in_row = true;
		if (csv_parse(&c->p, q, l, on_field, on_row, c) != l) {
			c->ended = true;
			diag_add(c->d, c->path, c->in.line, 0, "malformed CSV (%s)", csv_strerror(csv_error(&c->p)));
			return -1;
		}
		if (c->rows_done > 0) {
			c->in_row = false;
			break;
		}
	}
	if (c->cap == 0) {
		c->ended = true;
		return diag_add(c->d, c->path, c->line, 0, "out of memory");
	}
	if (c->rows_done > 1) {
		c->ended = true;
		return diag_add(c->d, c->path, c->line, 0, "a carriage return inside a line (rows end with a newline)");
	}
	return 1;
}

void fmt_csv_close(struct fmt_csv *c)
{
	if (c->bytes != NULL)
		*c->bytes += c->in.total;
	c->bytes = NULL;
	trace_lines_close(&c->in);
	if (c->parser_ready)
		csv_free(&c->p);
	c->parser_ready = false;
	free(c->buf);
	c->buf = NULL;
}

int fmt_fields(const struct fmt_csv *c, size_t n, const char *layout)
{
	if (c->nf == n)
		return 0;
	if (c->nf == 1 && n > 1)
		return diag_add(c->d, c->path, c->line, 0, "one field where %s has %zu: wrong separator?", layout, n);
	return diag_add(c->d, c->path, c->line, 0, "%zu fields; %s has %zu", c->nf, layout, n);
}

/*
 * Clinger's fast path: a plain decimal of at most 15 digits is m / 10^f with m and 10^f exact
 * doubles (f <= 15), so one division gives the correctly rounded value strtod gives. 1 with
 * *out, 0 when the text needs strtod (exponents, more digits, anything else).
 */
static int fast_decimal(const char *s, size_t len, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
					1e13, 1e14, 1e15 };
	size_t i = 0, digits = 0, frac = 0;
	bool neg = false, dot = false;
	uint64_t m = 0;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	for (; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (++digits > 15)
				return 0;
			m = m * 10 + (uint64_t)(s[i] - '0');
			frac += dot;
		} else if (s[i] == '.' && !dot) {
			dot = true;
		} else {
			return 0;
		}
	}
	if (digits == 0)
		return 0;
	double x = (double)m / pow10[frac];
	*out = neg ? -x : x;
	return 1;
}

int fmt_number(const struct fmt_csv *c, size_t col, const char *what, double *out)
{
	const char *s = fmt_field(c, col);
	if (fast_decimal(s, c->flen[col], out))
		return 0;
	char *end;
	errno = 0;
	double x = c->flen[col] > 0 ? strtod(s, &end) : 0;
	if (c->flen[col] == 0 || end != s + c->flen[col] || errno == ERANGE || !isfinite(x))
		return diag_add(c->d, c->path, c->line, (long)col + 1, "\"%.40s\" is not a number (%s)", s, what);
	*out = x;
	return 0;
}

int fmt_int64(const struct fmt_csv *c, size_t col, const char *what, int64_t *out)
{
	const char *s = fmt_field(c, col);
	char *end;
	errno = 0;
	long long x = c->flen[col] > 0 ? strtoll(s, &end, 10) : 0;
	if (c->flen[col] == 0 || end != s + c->flen[col] || errno == ERANGE)
		return diag_add(c->d, c->path, c->line, (long)col + 1, "\"%.40s\" is not an integer (%s)", s, what);
	*out = (int64_t)x;
	return 0;
}

int fmt_pct(struct fmt_pack *k, const struct fmt_csv *c, size_t col, double v, double *out)
{
	if (v < 0)
		return diag_add(k->d, c->path, c->line, (long)col + 1, "CPU utilization %g is negative", v);
	if (v > 100) {
		k->rep->clipped++;
		v = 100;
	}
	*out = v;
	return 0;
}

int fmt_mem_pct(struct fmt_pack *k, const struct fmt_csv *c, size_t col, double v, double *out)
{
	if (!(v >= 0))
		return diag_add(k->d, c->path, c->line, (long)col + 1, "memory utilization %g is negative", v);
	if (v > 100) {
		k->rep->mem_clipped++;
		v = 100;
	}
	*out = v;
	return 0;
}

int fmt_order(struct fmt_pack *k, struct fmt_batch *b, size_t i, const struct fmt_csv *c, size_t col, double t,
	      bool strict)
{
	if (b->last_file[i] == k->file_no && (t < b->last_t[i] || (strict && t == b->last_t[i])))
		return diag_add(k->d, c->path, c->line, (long)col + 1, "time %.17g of VM \"%s\" %s its previous "
				"sample's (%.17g): timestamps must increase", t, b->cand[i]->name,
				t == b->last_t[i] ? "repeats" : "goes back before", b->last_t[i]);
	b->last_file[i] = k->file_no;
	b->last_t[i] = t;
	return 0;
}
