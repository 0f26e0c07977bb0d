/*
 * journal: a sweep's finished runs, for --resume; see journal.h for the format and why a killed
 * sweep leaves a journal that reads back to a subset of its runs and never a wrong row.
 */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define JOURNAL_MAGIC "greenmig sweep journal 1 "

/* FNV-1a, 64 bits: a check against torn records and a fingerprint of the sweep, not security. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ c[i]) * 0x100000001b3ULL;
	return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
	return fnv(h, s, strlen(s) + 1); /* with its NUL: "ab","c" differs from "a","bc" */
}

/* The hash goes on with the file's path and its contents ("" if it cannot be read). */
static uint64_t fnv_file(uint64_t h, const char *path)
{
	h = fnv_str(h, path);
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return h;
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		h = fnv(h, buf, n);
	fclose(f);
	return h;
}

uint64_t journal_sweep_hash(const struct sweep_spec *s, const char *ini)
{
	uint64_t h = fnv_str(0xcbf29ce484222325ULL, PACKAGE_STRING);
	/* the rows' layout (sweep_write_header): a journal of rows with other columns is another
	 * sweep's, even from the same version string */
	h = fnv_str(h, "rows: each column once, param1..");
	h = ini != NULL ? fnv_file(h, ini) : fnv_str(h, "");
	for (int k = 0; k < s->n_sets; k++)
		h = fnv_str(h, s->sets[k]);
	for (int k = 0; k < s->n_axes; k++) {
		const struct sweep_axis *a = &s->axes[k];
		h = fnv_str(fnv_str(h, a->name), a->dir);
		for (int v = 0; v < a->n; v++)
			h = fnv_str(h, a->values[v]);
	}
	for (int k = 0; k < s->n_axes; k++) { /* the experiment files an axis names */
		const struct sweep_axis *a = &s->axes[k];
		for (int p = 0; p < a->parts; p++) {
			if (strcmp(a->part_key[p], "experiment") != 0)
				continue;
			for (int v = 0; v < a->n; v++) {
				char val[CONFIG_PATH_LEN], path[2 * CONFIG_PATH_LEN + 2];
				sweep_value_part(a->values[v], p, val, sizeof val);
				bool rel = val[0] != '/' && a->dir[0] != '\0';
				snprintf(path, sizeof path, "%s%s%s", rel ? a->dir : "", rel ? "/" : "", val);
				h = fnv_file(h, path);
			}
		}
	}
	return h;
}

int journal_create(struct journal *j, const char *path, uint64_t hash, long runs, struct diag *d)
{
	snprintf(j->path, sizeof j->path, "%s", path);
	j->error = 0;
	clock_gettime(CLOCK_MONOTONIC, &j->synced);
	j->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (j->fd < 0)
		return diag_add(d, path, 0, 0, "cannot create the sweep's journal: %s", strerror(errno));
	char head[128];
	int n = snprintf(head, sizeof head, JOURNAL_MAGIC "%016" PRIx64 " %ld\n", hash, runs);
	if (write(j->fd, head, (size_t)n) != n || fdatasync(j->fd) != 0) {
		diag_add(d, path, 0, 0, "write error: %s", strerror(errno));
		journal_close(j, true);
		return -1;
	}
	return 0;
}

/* A decimal or hex field ending at `stop`; -1 if malformed. */
static int parse_field(const char **p, const char *end, int base, char stop, uint64_t *out)
{
	const char *q = *p;
	uint64_t v = 0;
	int digits = 0;
	for (; q < end && *q != stop; q++, digits++) {
		int c = *q >= '0' && *q <= '9' ? *q - '0' : base == 16 && *q >= 'a' && *q <= 'f' ? *q - 'a' + 10 : -1;
		if (c < 0 || digits == 16)
			return -1;
		v = v * (uint64_t)base + (uint64_t)c;
	}
	if (q == end || digits == 0)
		return -1;
	*out = v;
	*p = q + 1;
	return 0;
}

int journal_parse(const char *path, const char *text, size_t len, uint64_t hash, long runs,
		  char **rows, size_t *valid, struct diag *d)
{
	const char *end = text + len, *p = text;
	char head[128];
	int n = snprintf(head, sizeof head, JOURNAL_MAGIC "%016" PRIx64 " %ld\n", hash, runs);
	*valid = 0;
	if (len < (size_t)n || memcmp(text, head, (size_t)n) != 0)
		return diag_add(d, path, 1, 0, "%s", strncmp(text, JOURNAL_MAGIC, len < 25 ? len : 25) != 0
			? "not a sweep journal" : "the journal of another sweep (other axes, experiment, "
			"--set or greenmig version): remove it, or run that sweep"), 1;
	p += n;
	*valid = (size_t)n;
	for (;;) {
		uint64_t i, rl, check;
		if (parse_field(&p, end, 10, ' ', &i) != 0 || parse_field(&p, end, 10, ' ', &rl) != 0 ||
		    parse_field(&p, end, 16, '\t', &check) != 0 || i >= (uint64_t)runs ||
		    rl > (size_t)(end - p) || rl == 0 || p[rl - 1] != '\n' || fnv(0xcbf29ce484222325ULL, p, rl) != check)
			return 0; /* the end, or a record cut short or torn: it and the rest run again */
		if (rows[i] == NULL) {
			rows[i] = malloc(rl + 1);
			if (rows[i] == NULL)
				return diag_add(d, NULL, 0, 0, "out of memory");
			memcpy(rows[i], p, rl);
			rows[i][rl] = '\0';
		}
		p += rl;
		*valid = (size_t)(p - text);
	}
}

int journal_resume(struct journal *j, const char *path, uint64_t hash, long runs, char **rows,
		   long *found, struct diag *d)
{
	snprintf(j->path, sizeof j->path, "%s", path);
	j->error = 0;
	clock_gettime(CLOCK_MONOTONIC, &j->synced);
	j->fd = open(path, O_RDWR | O_CLOEXEC);
	if (j->fd < 0)
		return diag_add(d, path, 0, 0, "%s", errno == ENOENT ? "no journal to resume: the sweep "
				"completed (its journal is removed then) or never started; run it without --resume"
				: strerror(errno)), errno == ENOENT ? 1 : -1;
	char *text = NULL;
	size_t len = 0, cap = 0;
	ssize_t got;
	do {
		if (len + 65536 > cap) {
			char *t = realloc(text, cap = 2 * cap + 65536);
			if (t == NULL) {
				free(text);
				journal_close(j, false);
				return diag_add(d, NULL, 0, 0, "out of memory");
			}
			text = t;
		}
		got = read(j->fd, text + len, cap - len);
		len += got > 0 ? (size_t)got : 0;
	} while (got > 0 || (got < 0 && errno == EINTR));
	size_t valid = 0;
	int rc = got < 0 ? diag_add(d, path, 0, 0, "read error: %s", strerror(errno))
			 : journal_parse(path, text, len, hash, runs, rows, &valid, d);
	free(text);
	*found = 0;
	for (long i = 0; rc == 0 && i < runs; i++)
		*found += rows[i] != NULL;
	if (rc == 0 && (ftruncate(j->fd, (off_t)valid) != 0 || lseek(j->fd, 0, SEEK_END) < 0))
		rc = diag_add(d, path, 0, 0, "cannot cut its torn end: %s", strerror(errno));
	if (rc != 0)
		journal_close(j, false);
	return rc;
}

void journal_add(struct journal *j, long i, const char *row)
{
	if (j->fd < 0 || j->error != 0)
		return;
	size_t rl = strlen(row);
	char *rec = malloc(rl + 64);
	if (rec == NULL) {
		j->error = ENOMEM;
		return;
	}
	int n = snprintf(rec, 64, "%ld %zu %016" PRIx64 "\t", i, rl, fnv(0xcbf29ce484222325ULL, row, rl));
	memcpy(rec + n, row, rl);
	size_t total = (size_t)n + rl, done = 0;
	while (done < total) {
		ssize_t w = write(j->fd, rec + done, total - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			j->error = w < 0 ? errno : EIO;
			break;
		}
		done += (size_t)w;
	}
	free(rec);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (j->error == 0 && now.tv_sec > j->synced.tv_sec) {
		if (fdatasync(j->fd) != 0)
			j->error = errno;
		j->synced = now;
	}
}

void journal_close(struct journal *j, bool remove)
{
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
	if (remove)
		unlink(j->path);
}
