/*
 * tracefmt: the pack driver the four published formats share (tracefmt.h): the inputs, the CSV
 * rows, the VM selection, the resampling and gap rule, the packed set.
 *
 * Formats with a VM table (Azure, Alibaba, Google) are packed in passes over their readings,
 * each pass accumulating only the VMs of one batch, so memory follows the VMs kept: the table
 * gives the candidates (VMs alive over the window); busiest selection first takes every
 * candidate's window mean in one pass (one number each); then the best max_vms candidates in
 * the selection's order are read, and if some of them do not cover the window (gaps) the next
 * ones are read in another pass, until max_vms cover it or the candidates run out.
 */
#include "tracefmt.h"
#include "tracefmt_internal.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* --- names and parameters --- */

static const char *const format_names[] = { "bitbrains", "azure", "alibaba2018", "google2011" };

void tracefmt_params_init(struct tracefmt_params *p, enum tracefmt_format f)
{
	memset(p, 0, sizeof *p);
	p->format = f;
	p->select = TRACEFMT_FIRST;
	p->seed = 1;
	/* Alibaba: day 0 is incomplete for half the containers (the day-shift bug; doc/workloads.md). */
	p->start_s = f == TRACEFMT_ALIBABA2018 ? 86400.0 : 0.0;
	p->duration_s = 86400.0;
	p->interval_s = TRACE_INTERVAL_S;
	p->gap_fill_max = 2;
}

int tracefmt_format_parse(const char *name, enum tracefmt_format *f)
{
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (strcmp(name, format_names[i]) == 0) {
			*f = (enum tracefmt_format)i;
			return 0;
		}
	return -1;
}

const char *tracefmt_format_name(enum tracefmt_format f)
{
	return format_names[f];
}

int tracefmt_select_parse(const char *name, enum tracefmt_select *s)
{
	static const char *const names[] = { "first", "random", "busiest" };
	for (size_t i = 0; i < 3; i++)
		if (strcmp(name, names[i]) == 0) {
			*s = (enum tracefmt_select)i;
			return 0;
		}
	return -1;
}

const char *fmt_base(const char *path)
{
	const char *s = strrchr(path, '/');
	return s != NULL ? s + 1 : path;
}

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

/* --- maps and sets --- */

uint64_t fmt_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

uint64_t fmt_table_hash(const char *s, size_t len)
{
	/* 8 bytes at a time: the tables' hash, never in any output (unlike fmt_hash) */
	uint64_t h = 0x9e3779b97f4a7c15ull ^ len;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	memcpy(&w, s + i, len - i);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 29);
}

int fmt_map_init(struct fmt_map *m, size_t n)
{
	m->cap = 16;
	while (m->cap < 2 * n + 2)
		m->cap *= 2;
	m->n = 0;
	m->keys = calloc(m->cap, sizeof *m->keys);
	m->idx = calloc(m->cap, sizeof *m->idx);
	if (m->keys == NULL || m->idx == NULL) {
		fmt_map_fini(m);
		return -1;
	}
	return 0;
}

int fmt_map_put(struct fmt_map *m, char *key, uint32_t i)
{
	if (2 * (m->n + 1) > m->cap) {
		struct fmt_map g;
		if (fmt_map_init(&g, 2 * m->n + 2) != 0)
			return -1;
		for (size_t j = 0; j < m->cap; j++)
			if (m->keys[j] != NULL)
				fmt_map_put(&g, m->keys[j], m->idx[j]);
		fmt_map_fini(m);
		*m = g;
	}
	size_t len = strlen(key);
	size_t j = (size_t)fmt_table_hash(key, len) & (m->cap - 1);
	while (m->keys[j] != NULL) {
		if (strcmp(m->keys[j], key) == 0)
			return 0;
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = key;
	m->idx[j] = i;
	m->n++;
	return 1;
}

long fmt_map_get(const struct fmt_map *m, const char *key, size_t len)
{
	return fmt_map_get_hashed(m, key, len, fmt_table_hash(key, len));
}

long fmt_map_get_hashed(const struct fmt_map *m, const char *key, size_t len, uint64_t h)
{
	size_t j = (size_t)h & (m->cap - 1);
	while (m->keys[j] != NULL) {
		if (strncmp(m->keys[j], key, len) == 0 && m->keys[j][len] == '\0')
			return (long)m->idx[j];
		j = (j + 1) & (m->cap - 1);
	}
	return -1;
}

void fmt_map_fini(struct fmt_map *m)
{
	free(m->keys);
	free(m->idx);
	m->keys = NULL;
	m->idx = NULL;
}

int fmt_set_add(struct fmt_set *s, uint64_t h)
{
	if (h == 0)
		h = 1;
	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 1024;
		uint64_t *nh = calloc(cap, sizeof *nh);
		if (nh == NULL)
			return -1;
		for (size_t i = 0; i < s->cap; i++)
			if (s->h[i] != 0) {
				size_t j = (size_t)(s->h[i] >> 7) & (cap - 1);
				while (nh[j] != 0)
					j = (j + 1) & (cap - 1);
				nh[j] = s->h[i];
			}
		free(s->h);
		s->h = nh;
		s->cap = cap;
	}
	size_t j = (size_t)(h >> 7) & (s->cap - 1);
	while (s->h[j] != 0) {
		if (s->h[j] == h)
			return 0;
		j = (j + 1) & (s->cap - 1);
	}
	s->h[j] = h;
	s->n++;
	return 1;
}

bool fmt_set_has(const struct fmt_set *s, uint64_t h)
{
	if (h == 0)
		h = 1;
	if (s->cap == 0)
		return false;
	size_t j = (size_t)(h >> 7) & (s->cap - 1);
	while (s->h[j] != 0) {
		if (s->h[j] == h)
			return true;
		j = (j + 1) & (s->cap - 1);
	}
	return false;
}

void fmt_set_fini(struct fmt_set *s)
{
	free(s->h);
	s->h = NULL;
	s->cap = s->n = 0;
}

int fmt_add_cand(struct fmt_pack *k, const char *name, size_t len, double aux)
{
	if (k->n_cands == k->cap_cands) {
		size_t cap = k->cap_cands ? 2 * k->cap_cands : 256;
		struct fmt_cand *nc = realloc(k->cands, cap * sizeof *nc);
		if (nc == NULL)
			return diag_add(k->d, NULL, 0, 0, "out of memory");
		k->cands = nc;
		k->cap_cands = cap;
	}
	char *s = malloc(len + 1);
	if (s == NULL)
		return diag_add(k->d, NULL, 0, 0, "out of memory");
	memcpy(s, name, len);
	s[len] = '\0';
	k->cands[k->n_cands++] = (struct fmt_cand){ s, aux, 0, { NAN, NAN, NAN }, 0, 0 };
	return 0;
}

/* --- resampling and selection --- */

int fmt_fill(const double *sum, const double *w, size_t n, size_t gap_fill_max, double *pct, size_t *filled)
{
	size_t first = n;
	for (size_t s = 0; s < n && first == n; s++)
		if (w[s] > 0)
			first = s;
	if (first == n || first > gap_fill_max)
		return 0;
	size_t run = 0, gaps = 0;
	double last = sum[first] / w[first];
	for (size_t s = 0; s < n; s++) {
		if (w[s] > 0) {
			last = sum[s] / w[s];
			run = 0;
		} else if (++run > gap_fill_max) {
			return 0;
		} else {
			gaps++;
		}
		pct[s] = last; /* leading gaps: the first value */
	}
	*filled += gaps;
	return 1;
}

uint64_t fmt_seeded_hash(uint64_t seed, const char *name)
{
	/* splitmix64's finaliser over the seed and the name's FNV-1a hash */
	uint64_t z = fmt_hash(name, strlen(name)) ^ (seed * 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

int fmt_prefer(enum tracefmt_select s, const char *an, double akey, uint64_t ah, const char *bn, double bkey,
	       uint64_t bh)
{
	if (s == TRACEFMT_RANDOM && ah != bh)
		return ah < bh ? -1 : 1;
	if (s == TRACEFMT_BUSIEST && akey != bkey)
		return akey > bkey ? -1 : 1;
	return strcmp(an, bn);
}

/* --- inputs --- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_file(struct fmt_pack *k, size_t *cap, char *path, int role)
{
	if (k->n_files == *cap) {
		size_t nc = *cap ? 2 * *cap : 64;
		char **nf = realloc(k->files, nc * sizeof *nf);
		int *nr = nf ? realloc(k->roles, nc * sizeof *nr) : NULL;
		if (nf)
			k->files = nf;
		if (nr)
			k->roles = nr;
		if (nf == NULL || nr == NULL) {
			free(path);
			return diag_add(k->d, NULL, 0, 0, "out of memory");
		}
		*cap = nc;
	}
	k->files[k->n_files] = path;
	k->roles[k->n_files++] = role;
	return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* A folder's files of the format, sub-folders included (two levels), in byte-wise order. */
static int expand_dir(struct fmt_pack *k, const struct fmt_reader *r, const char *dir, int depth, size_t *cap)
{
	DIR *dp = opendir(dir);
	if (dp == NULL)
		return diag_add(k->d, dir, 0, 0, "cannot open folder: %s", strerror(errno));
	char **names = NULL;
	size_t n = 0, ncap = 0;
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == ncap) {
			ncap = ncap ? 2 * ncap : 64;
			char **nn = realloc(names, ncap * sizeof *nn);
			if (nn == NULL) {
				rc = diag_add(k->d, dir, 0, 0, "out of memory");
				break;
			}
			names = nn;
		}
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		names[n] = malloc(len);
		if (names[n] == NULL) {
			rc = diag_add(k->d, dir, 0, 0, "out of memory");
			break;
		}
		snprintf(names[n], len, "%s/%s", dir, e->d_name);
		n++;
	}
	closedir(dp);
	if (rc == 0)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (rc != 0 || stat(names[i], &st) != 0) {
			free(names[i]);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth < 2)
				rc = expand_dir(k, r, names[i], depth + 1, cap);
			free(names[i]);
		} else if (S_ISREG(st.st_mode) && r->role(names[i]) != 0) {
			rc = add_file(k, cap, names[i], r->role(names[i]));
		} else {
			free(names[i]);
		}
	}
	free(names);
	return rc;
}

static int expand_inputs(struct fmt_pack *k, const struct fmt_reader *r, const char *const *inputs, size_t n)
{
	size_t cap = 0;
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		const char *in = inputs[i];
		if (stat(in, &st) != 0) {
			diag_add(k->d, in, 0, 0, "cannot open: %s", strerror(errno));
			bad++;
		} else if (S_ISDIR(st.st_mode)) {
			size_t before = k->n_files;
			if (expand_dir(k, r, in, 0, &cap) != 0)
				return -1;
			if (k->n_files == before) {
				diag_add(k->d, in, 0, 0, "no %s files in this folder (expected %s)",
					 tracefmt_format_name(k->p->format), r->expect);
				bad++;
			}
		} else if (ends_with(in, ".zip") || ends_with(in, ".tar.gz") || ends_with(in, ".tgz") ||
			   ends_with(in, ".tar")) {
			diag_add(k->d, in, 0, 0, "an archive: extract it and give its CSV files or their folder");
			bad++;
		} else if (r->role(in) == 0) {
			diag_add(k->d, in, 0, 0, "not a %s file (expected %s)", tracefmt_format_name(k->p->format),
				 r->expect);
			bad++;
		} else {
			char *s = trace_dup_str(in);
			if (s == NULL || add_file(k, &cap, s, r->role(in)) != 0)
				return diag_add(k->d, NULL, 0, 0, "out of memory");
		}
	}
	if (bad)
		return -1;
	bool has[3] = { false, false, false };
	for (size_t i = 0; i < k->n_files; i++)
		has[k->roles[i]] = true;
	if (r->table != NULL && (!has[FMT_TABLE] || !has[FMT_READINGS]))
		return diag_add(k->d, inputs[0], 0, 0, "no %s among the inputs (a %s pack needs %s)",
				has[FMT_TABLE] ? "readings file" : "VM table", tracefmt_format_name(k->p->format),
				r->expect);
	return 0;
}

/* --- the table formats' passes --- */

static void batch_fini(struct fmt_batch *b)
{
	fmt_map_fini(&b->map);
	free(b->cand);
	free(b->sum);
	free(b->w);
	free(b->msum);
	free(b->mw);
	free(b->last_t);
	free(b->last_file);
	memset(b, 0, sizeof *b);
}

static int batch_init(struct fmt_pack *k, struct fmt_batch *b, struct fmt_cand **cand, size_t n, size_t slots)
{
	memset(b, 0, sizeof *b);
	b->n = n;
	b->slots = slots;
	b->cand = malloc((n ? n : 1) * sizeof *b->cand);
	b->sum = calloc(n * slots + 1, sizeof *b->sum);
	b->w = calloc(n * slots + 1, sizeof *b->w);
	b->last_t = calloc(n + 1, sizeof *b->last_t);
	b->last_file = calloc(n + 1, sizeof *b->last_file);
	bool mem = k->mem && slots > 1;
	if (mem) {
		b->msum = calloc(n * slots + 1, sizeof *b->msum);
		b->mw = calloc(n * slots + 1, sizeof *b->mw);
	}
	if (b->cand == NULL || b->sum == NULL || b->w == NULL || b->last_t == NULL || b->last_file == NULL ||
	    (mem && (b->msum == NULL || b->mw == NULL)) ||
	    fmt_map_init(&b->map, n) != 0) {
		batch_fini(b);
		return diag_add(k->d, NULL, 0, 0, "out of memory (%zu VMs x %zu slots)", n, slots);
	}
	for (size_t i = 0; i < n; i++) {
		b->cand[i] = cand[i];
		fmt_map_put(&b->map, cand[i]->name, (uint32_t)i);
	}
	return 0;
}

/* One comparator per selection: qsort has no context pointer in C11. */
#define CMP_CAND(fn, sel) \
	static int fn(const void *a, const void *b) \
	{ \
		const struct fmt_cand *x = *(struct fmt_cand *const *)a, *y = *(struct fmt_cand *const *)b; \
		return fmt_prefer(sel, x->name, x->key, x->hkey, y->name, y->key, y->hkey); \
	}
CMP_CAND(cmp_first, TRACEFMT_FIRST)
CMP_CAND(cmp_random, TRACEFMT_RANDOM)
CMP_CAND(cmp_busiest, TRACEFMT_BUSIEST)

static int cmp_vm(const void *a, const void *b)
{
	return strcmp(((const struct fmt_vm *)a)->name, ((const struct fmt_vm *)b)->name);
}

static int pack_table(struct fmt_pack *k, const struct fmt_reader *r, struct fmt_vm **out, size_t *n_out)
{
	const struct tracefmt_params *p = k->p;
	if (r->table(k) != 0)
		return -1;
	k->rep->vms_candidates = k->n_cands;
	struct fmt_cand **order = malloc((k->n_cands ? k->n_cands : 1) * sizeof *order);
	if (order == NULL)
		return diag_add(k->d, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < k->n_cands; i++) {
		order[i] = &k->cands[i];
		order[i]->hkey = fmt_seeded_hash(p->seed, order[i]->name);
	}
	int rc = 0;
	struct fmt_batch b;
	if (p->select == TRACEFMT_BUSIEST && p->max_vms > 0 && p->max_vms < k->n_cands) {
		rc = batch_init(k, &b, order, k->n_cands, 1);
		if (rc == 0) {
			/* the value counts are the series passes' own */
			struct tracefmt_report saved = *k->rep;
			k->rep->passes++;
			rc = r->readings(k, &b);
			k->rep->clipped = saved.clipped;
			k->rep->invalid = saved.invalid;
			k->rep->duplicates = saved.duplicates;
			for (size_t i = 0; i < b.n; i++)
				b.cand[i]->key = b.w[i] > 0 ? b.sum[i] / b.w[i] : -1;
			batch_fini(&b);
		}
	}
	qsort(order, k->n_cands, sizeof *order,
	      p->select == TRACEFMT_RANDOM ? cmp_random : p->select == TRACEFMT_BUSIEST ? cmp_busiest : cmp_first);
	size_t want = p->max_vms ? p->max_vms : k->n_cands;
	struct fmt_vm *vms = calloc(want + 1, sizeof *vms);
	size_t kept = 0, pos = 0;
	double *pct = malloc((k->nslots + 1) * sizeof *pct);
	double *mem = malloc((k->nslots + 1) * sizeof *mem);
	if (vms == NULL || pct == NULL || mem == NULL)
		rc = diag_add(k->d, NULL, 0, 0, "out of memory");
	while (rc == 0 && kept < want && pos < k->n_cands) {
		size_t n = want - kept;
		if (n > k->n_cands - pos)
			n = k->n_cands - pos;
		rc = batch_init(k, &b, order + pos, n, k->nslots);
		if (rc != 0)
			break;
		k->rep->passes++;
		k->count_orphans = pos == 0;
		rc = r->readings(k, &b);
		k->count_orphans = false;
		for (size_t i = 0; i < n && rc == 0; i++) {
			size_t filled = 0;
			size_t mfilled = 0;
			if (!fmt_fill(b.sum + i * k->nslots, b.w + i * k->nslots, k->nslots, p->gap_fill_max, pct,
				      &filled) ||
			    (k->mem && !fmt_fill(b.msum + i * k->nslots, b.mw + i * k->nslots, k->nslots,
						 p->gap_fill_max, mem, &mfilled))) {
				k->rep->vms_gappy++;
				continue;
			}
			k->rep->mem_gaps_filled += mfilled;
			k->rep->vms_covering++;
			k->rep->gaps_filled += filled;
			vms[kept].name = trace_dup_str(b.cand[i]->name);
			vms[kept].pct = malloc(k->nslots * sizeof *pct);
			if (vms[kept].name == NULL || vms[kept].pct == NULL) {
				rc = diag_add(k->d, NULL, 0, 0, "out of memory");
				kept++;
				break;
			}
			memcpy(vms[kept].pct, pct, k->nslots * sizeof *pct);
			vms[kept].size = b.cand[i]->size;
			if (k->mem) {
				vms[kept].mem = malloc(k->nslots * sizeof *mem);
				if (vms[kept].mem == NULL) {
					rc = diag_add(k->d, NULL, 0, 0, "out of memory");
					kept++;
					break;
				}
				memcpy(vms[kept].mem, mem, k->nslots * sizeof *mem);
			}
			kept++;
		}
		batch_fini(&b);
		pos += n;
	}
	free(pct);
	free(mem);
	free(order);
	*out = vms;
	*n_out = kept;
	return rc;
}

/* --- the set --- */

static struct trace_set *make_set(struct fmt_pack *k, struct fmt_vm *vms, size_t n)
{
	qsort(vms, n, sizeof *vms, cmp_vm);
	struct trace_set *t = trace_set_alloc(k->files[0], n);
	if (t != NULL && k->mem && (t->mem = calloc(n + 1, sizeof *t->mem)) == NULL) {
		trace_destroy(t);
		t = NULL;
	}
	if (t != NULL && k->sizes && (t->size = calloc(n + 1, sizeof *t->size)) == NULL) {
		trace_destroy(t);
		t = NULL;
	}
	if (t == NULL) {
		diag_add(k->d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		t->n_vms = i + 1;
		t->names[i] = vms[i].name;
		vms[i].name = NULL;
		t->sources[i] = vms[i].source != NULL ? vms[i].source : trace_dup_str(k->files[0]);
		vms[i].source = NULL;
		t->n_samples[i] = k->nslots;
		t->pct[i] = vms[i].pct;
		vms[i].pct = NULL;
		if (t->names[i] == NULL || t->sources[i] == NULL) {
			trace_destroy(t);
			diag_add(k->d, NULL, 0, 0, "out of memory");
			return NULL;
		}
		for (size_t s = 0; s < k->nslots; s++)
			t->pct[i][s] = floor(t->pct[i][s] + 0.5); /* Java's Math.round, as CloudSim rounds */
		if (t->mem != NULL) {
			t->mem[i] = vms[i].mem;
			vms[i].mem = NULL;
			for (size_t s = 0; s < k->nslots; s++)
				t->mem[i][s] = floor(t->mem[i][s] + 0.5);
		}
		if (t->size != NULL)
			t->size[i] = vms[i].size;
	}
	return t;
}

struct trace_set *tracefmt_pack(const struct tracefmt_params *p, const char *const *inputs, size_t n_inputs,
				struct tracefmt_report *rep, struct diag *d)
{
	memset(rep, 0, sizeof *rep);
	double slots = p->duration_s / p->interval_s;
	if (n_inputs == 0) {
		diag_add(d, NULL, 0, 0, "no input files");
		return NULL;
	}
	if (!(p->interval_s > 0) || !(p->duration_s > 0) || slots != floor(slots) || slots > 1e7 ||
	    !(p->start_s >= 0) || p->start_s / p->interval_s != floor(p->start_s / p->interval_s)) {
		diag_add(d, NULL, 0, 0, "the window (start %g s, duration %g s) must be whole %g s slots, start >= 0",
			 p->start_s, p->duration_s, p->interval_s);
		return NULL;
	}
	static const struct fmt_reader *const readers[] = { &fmt_bitbrains, &fmt_azure, &fmt_alibaba, &fmt_google };
	const struct fmt_reader *r = readers[p->format];
	struct fmt_pack k = { .p = p, .rep = rep, .d = d, .nslots = (size_t)slots,
			      .mem = p->format != TRACEFMT_AZURE, .sizes = p->format != TRACEFMT_GOOGLE2011 };
	struct fmt_vm *vms = NULL;
	size_t n = 0;
	struct trace_set *t = NULL;
	int rc = expand_inputs(&k, r, inputs, n_inputs);
	if (rc == 0)
		rc = r->table != NULL ? pack_table(&k, r, &vms, &n) : fmt_bitbrains_pack(&k, &vms, &n);
	if (rc == 0 && diag_errors(d) > 0)
		rc = -1;
	rep->vms_kept = n;
	if (rc == 0 && (n == 0 || (p->max_vms > 0 && n < p->max_vms))) {
		diag_add(d, inputs[0], 0, 0, "%zu VMs cover the window [%g s, %g s) (%zu alive over it, %zu with "
			 "gaps longer than %zu slots); %s %zu", n, p->start_s, p->start_s + p->duration_s,
			 rep->vms_candidates, rep->vms_gappy, p->gap_fill_max,
			 p->max_vms ? "asked for" : "need at least", p->max_vms ? p->max_vms : (size_t)1);
		rc = -1;
	}
	if (rc == 0)
		t = make_set(&k, vms, n);
	for (size_t i = 0; vms != NULL && i < n; i++) {
		free(vms[i].name);
		free(vms[i].source);
		free(vms[i].pct);
		free(vms[i].mem);
	}
	free(vms);
	for (size_t i = 0; i < k.n_files; i++)
		free(k.files[i]);
	free(k.files);
	free(k.roles);
	for (size_t i = 0; i < k.n_cands; i++)
		free(k.cands[i].name);
	free(k.cands);
	fmt_set_fini(&k.ids);
	return t;
}
