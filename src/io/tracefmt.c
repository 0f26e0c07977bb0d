/*
 * tracefmt: the pack driver the four published formats share (tracefmt.h): the inputs, the VM
 * selection, the resampling and gap rule, the passes, the packed set. The CSV rows and numbers
 * are tracefmt_csv.c's, the hash tables tracefmt_map.c's.
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

/* (CSV rows: tracefmt_csv.c; maps and sets: tracefmt_map.c) */

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

int fmt_each_reading(struct fmt_pack *k, struct fmt_batch *b,
		     int (*row)(struct fmt_pack *k, struct fmt_batch *b, const struct fmt_csv *c))
{
	int bad = 0;
	k->file_no = 0;
	for (size_t f = 0; f < k->n_files; f++) {
		if (k->roles[f] != FMT_READINGS)
			continue;
		k->file_no++;
		struct fmt_csv c;
		if (fmt_csv_open(&c, k->files[f], ',', &k->rep->bytes, k->d) != 0) {
			bad++;
			continue;
		}
		k->rep->files++;
		int got;
		while ((got = fmt_csv_next(&c)) == 1) {
			k->rep->rows++;
			if (row(k, b, &c) != 0)
				bad++;
		}
		if (got < 0)
			bad++;
		fmt_csv_close(&c);
	}
	return bad ? -1 : 0;
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
