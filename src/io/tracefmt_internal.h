/*
 * tracefmt_internal: what the common pack driver (tracefmt.c) shares with the format readers
 * (tracefmt_<format>.c) and the layout writer (tracefmt_synth.c). Include tracefmt.h elsewhere.
 */
#ifndef GREENMIG_TRACEFMT_INTERNAL_H
#define GREENMIG_TRACEFMT_INTERNAL_H

#include <csv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "trace_internal.h"
#include "tracefmt.h"

/*
 * Limits of the published traces, once decompressed: a line is a few hundred bytes at most
 * (Google's task_usage rows about 200); files are large (an Azure V2 readings shard about
 * 1.2 GB, Alibaba's container_usage.csv over 100 GB), so the file limit only stops runaway input.
 */
#define FMT_LINE_MAX ((size_t)4096)
#define FMT_FILE_MAX ((size_t)1 << 40) /* 1 TiB */
#define FMT_LIMITS "a trace row is at most 4096 bytes, a file at most 1 TiB"
#define FMT_FIELDS_MAX 32

/* A CSV file read row by row through trace_lines and libcsv; fields NUL-terminated. */
struct fmt_csv {
	struct trace_lines in;
	struct csv_parser p;
	bool parser_ready;
	const char *path;
	struct diag *d;
	char *buf;                     /* the row's fields, each followed by a NUL */
	size_t len, cap;
	size_t off[FMT_FIELDS_MAX];
	size_t flen[FMT_FIELDS_MAX];
	size_t nf;                     /* fields in the row (also past FMT_FIELDS_MAX) */
	long line;                     /* line where the row began */
	int rows_done;                 /* rows completed by the last line fed */
	bool ended;
	bool in_row;                   /* libcsv holds part of a row (a quoted field over lines) */
	unsigned char delim;
	unsigned long long *bytes;     /* where the bytes read are added at close, or NULL */
};

int fmt_csv_open(struct fmt_csv *c, const char *path, unsigned char delim, unsigned long long *bytes,
		 struct diag *d);
/* The next row: 1, 0 at the end, -1 after a message (the file cannot be read on). */
int fmt_csv_next(struct fmt_csv *c);
void fmt_csv_close(struct fmt_csv *c);
static inline const char *fmt_field(const struct fmt_csv *c, size_t i) { return c->buf + c->off[i]; }

/* Numbers as the traces write them: the whole field, finite. 0, or -1 with a message at col. */
int fmt_number(const struct fmt_csv *c, size_t col, const char *what, double *out);
int fmt_int64(const struct fmt_csv *c, size_t col, const char *what, int64_t *out);
/* A row must have exactly n fields. 0, or -1 with a message naming the layout. */
int fmt_fields(const struct fmt_csv *c, size_t n, const char *layout);

/* A string -> index map (open addressing, FNV-1a), and a set of 64-bit name hashes. */
struct fmt_map {
	char **keys;   /* borrowed */
	uint32_t *idx;
	size_t cap, n;
};
int fmt_map_init(struct fmt_map *m, size_t n);
int fmt_map_put(struct fmt_map *m, char *key, uint32_t i); /* 1 added, 0 present, -1 no memory */
long fmt_map_get(const struct fmt_map *m, const char *key, size_t len);
/* The same with the key's fmt_table_hash already computed (one hash for the set and the map). */
long fmt_map_get_hashed(const struct fmt_map *m, const char *key, size_t len, uint64_t h);
void fmt_map_fini(struct fmt_map *m);
uint64_t fmt_hash(const char *s, size_t len);       /* FNV-1a: the same on every platform */
uint64_t fmt_table_hash(const char *s, size_t len); /* faster, for the tables only */

struct fmt_set {
	uint64_t *h;   /* 0 = empty (a hash of 0 is stored as 1) */
	size_t cap, n;
};
int fmt_set_add(struct fmt_set *s, uint64_t h); /* 1 added, 0 present, -1 no memory */
bool fmt_set_has(const struct fmt_set *s, uint64_t h);
void fmt_set_fini(struct fmt_set *s);

/* The VMs a VM table offers (alive over the window), with what the readings need of them. */
struct fmt_cand {
	char *name;
	double aux;      /* Google: the task's CPU request */
	double mem_aux;  /* Google: the task's memory request */
	struct trace_vmsize size; /* its requested size from the table (NAN: unknown) */
	double key;      /* busiest: window mean from the first pass */
	uint64_t hkey;   /* random: seeded name hash */
};

/* The accumulators of one pass over the readings, for the candidates in a batch. */
struct fmt_batch {
	struct fmt_map map;  /* candidate name -> index in the batch */
	size_t n;
	struct fmt_cand **cand;
	size_t slots;        /* per VM: the window's slots, or 1 (the busiest pass: the mean only) */
	double *sum;         /* n x slots: sum of value x weight */
	double *w;           /* n x slots: sum of weights (samples, or seconds of overlap) */
	double *msum, *mw;   /* the same for the memory percentage (NULL: the format has none) */
	double *last_t;      /* n: the last sample time read, for the order check */
	uint32_t *last_file; /* n: the file it came from (1-based; 0 none) */
};

/* One pack under way: the driver's state as the readers see it. */
struct fmt_pack {
	const struct tracefmt_params *p;
	struct tracefmt_report *rep;
	struct diag *d;
	char **files;           /* the inputs, folders expanded (byte-wise order within a folder) */
	int *roles;             /* n_files: FMT_TABLE or FMT_READINGS */
	size_t n_files;
	size_t nslots;          /* duration_s / interval_s */
	struct fmt_cand *cands; /* the VM table's candidates */
	size_t n_cands, cap_cands;
	struct fmt_set ids;     /* every VM the table names (the readings' membership check) */
	uint32_t file_no;       /* 1-based number of the readings file being read */
	bool count_orphans;     /* the pass that counts rows of VMs outside the table (the first series pass) */
	bool mem;               /* the format has a memory series (all but Azure) */
	bool sizes;             /* the format gives VM sizes (Bitbrains, Azure, Alibaba) */
};

/* Adds a candidate (name copied). 0 or -1 (out of memory, with a message). */
int fmt_add_cand(struct fmt_pack *k, const char *name, size_t len, double aux);

/*
 * Adds one sample of VM i of the batch at time t_s (seconds after the window start: the caller
 * has checked 0 <= t_s < duration_s) with weight w: value v already in percent and clipped.
 */
static inline void fmt_add(struct fmt_batch *b, size_t i, size_t slot, double v, double w)
{
	size_t s = b->slots == 1 ? 0 : slot;
	b->sum[i * b->slots + s] += v * w;
	b->w[i * b->slots + s] += w;
}

/* The same for a memory percentage (ignored in the busiest pass, which ranks by CPU). */
static inline void fmt_add_mem(struct fmt_batch *b, size_t i, size_t slot, double v, double w)
{
	if (b->msum == NULL)
		return;
	b->msum[i * b->slots + slot] += v * w;
	b->mw[i * b->slots + slot] += w;
}

/*
 * The order check of VM i's samples in one file: t must not go back (strictly increase when
 * strict). 0, or -1 with a message at the row.
 */
int fmt_order(struct fmt_pack *k, struct fmt_batch *b, size_t i, const struct fmt_csv *c, size_t col, double t,
	      bool strict);

/* A percentage value as a format reads it: negative is an error, above 100 clipped and counted. */
int fmt_pct(struct fmt_pack *k, const struct fmt_csv *c, size_t col, double v, double *out);
/* The same for a memory percentage (clipped ones counted in mem_clipped). */
int fmt_mem_pct(struct fmt_pack *k, const struct fmt_csv *c, size_t col, double v, double *out);

/*
 * A format with a VM table: table() reads it (fmt_add_cand for the VMs alive over the window,
 * k->ids for every VM), readings() streams the readings into a batch (unknown VMs are errors
 * unless the format says otherwise, VMs outside the batch skipped). Each 0 or -1 after messages.
 */
struct fmt_reader {
	const char *expect;                /* the files it reads, for messages */
	int (*role)(const char *path);     /* FMT_TABLE, FMT_READINGS or 0: not the format's */
	int (*table)(struct fmt_pack *k);
	int (*readings)(struct fmt_pack *k, struct fmt_batch *b);
};
enum { FMT_TABLE = 1, FMT_READINGS = 2 };
extern const struct fmt_reader fmt_bitbrains, fmt_azure, fmt_alibaba, fmt_google;

/*
 * The loop every readings() shares: each readings file of the pack in order (k->file_no counts
 * them from 1; comma-separated), row(k, b, c) called for every row (counted in k->rep->rows). A
 * row returning non-0 is bad (it has reported itself) and the files are still read to the end,
 * so that every bad row is reported. 0, or -1 after a bad row or a file that could not be read.
 */
int fmt_each_reading(struct fmt_pack *k, struct fmt_batch *b,
		     int (*row)(struct fmt_pack *k, struct fmt_batch *b, const struct fmt_csv *c));

/* Bitbrains (one file per VM, no table): its whole pack, the kept VMs' series into *out. */
struct fmt_vm {
	char *name;
	char *source;
	double *pct;    /* nslots, filled, not rounded */
	double *mem;    /* nslots memory percentages, filled, not rounded (NULL: none) */
	struct trace_vmsize size;
	double key;
	uint64_t hkey;
	size_t filled;  /* empty slots filled */
};
int fmt_bitbrains_pack(struct fmt_pack *k, struct fmt_vm **out, size_t *n_out);

/*
 * The gap rule on a VM's slot sums: pct[s] = sum/w where w > 0; runs of at most gap_fill_max
 * empty slots take the previous value (leading ones the first). 1 covering (gaps counted in
 * *filled), 0 not covering.
 */
int fmt_fill(const double *sum, const double *w, size_t n, size_t gap_fill_max, double *pct, size_t *filled);

/* Orders a VM before another under the selection: < 0 when a is preferred. */
int fmt_prefer(enum tracefmt_select s, const char *an, double akey, uint64_t ah, const char *bn, double bkey,
	       uint64_t bh);
uint64_t fmt_seeded_hash(uint64_t seed, const char *name);

/* The file's base name (after the last '/'). */
const char *fmt_base(const char *path);

#endif
