/*
 * series: piecewise-constant time series from CSV files (series.h).
 */
#include "series.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SERIES_MAX_LINE 4096
#define SERIES_MAX_ROWS 100000000L

void series_free(struct series *s)
{
	free(s->t);
	free(s->v);
	s->t = s->v = NULL;
	s->n = 0;
}

static int push(struct series *s, size_t *cap, double t, double v)
{
	if (s->n == *cap) {
		size_t c = *cap ? 2 * *cap : 64;
		double *nt = realloc(s->t, c * sizeof *nt);
		if (nt == NULL)
			return -1;
		s->t = nt;
		double *nv = realloc(s->v, c * sizeof *nv);
		if (nv == NULL)
			return -1;
		s->v = nv;
		*cap = c;
	}
	s->t[s->n] = t;
	s->v[s->n] = v;
	s->n++;
	return 0;
}

int series_constant(struct series *s, double v)
{
	memset(s, 0, sizeof *s);
	size_t cap = 0;
	return push(s, &cap, 0, v);
}

/* A number in [text, text + len) without blanks around it: finite, >= 0. */
static int parse_num(const char *text, size_t len, double *out)
{
	char buf[128];
	while (len > 0 && (*text == ' ' || *text == '\t'))
		text++, len--;
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof buf)
		return -1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	char *end;
	errno = 0;
	double x = strtod(buf, &end);
	if (*end != '\0' || errno != 0 || !isfinite(x) || x < 0)
		return -1;
	*out = x;
	return 0;
}

int series_read(struct series *s, const char *path, struct diag *d)
{
	memset(s, 0, sizeof *s);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
	char line[SERIES_MAX_LINE + 2];
	long no = 0;
	int errors = 0;
	int header = 0;
	size_t cap = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		no++;
		size_t len = strlen(line);
		if (len == sizeof line - 1 && line[len - 1] != '\n') {
			errors++;
			diag_add(d, path, no, 0, "line longer than %d bytes", SERIES_MAX_LINE);
			int c;
			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			continue;
		}
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		char *comma = strchr(line, ',');
		if (!header) {
			header = 1;
			if (comma == NULL || strncmp(line, "time_s,", 7) != 0 || strchr(comma + 1, ',') != NULL ||
			    comma[1] == '\0') {
				errors++;
				diag_add(d, path, no, 0, "expected the header time_s,NAME (e.g. time_s,g_per_kwh)");
			}
			continue;
		}
		double t, v;
		if (comma == NULL || strchr(comma + 1, ',') != NULL) {
			errors++;
			diag_add(d, path, no, 0, "expected two fields TIME,VALUE");
			continue;
		}
		if (parse_num(line, (size_t)(comma - line), &t) != 0) {
			errors++;
			diag_add(d, path, no, 1, "\"%.*s\" is not a time in seconds (a number >= 0)",
				 (int)(comma - line > 64 ? 64 : comma - line), line);
			continue;
		}
		if (parse_num(comma + 1, strlen(comma + 1), &v) != 0) {
			errors++;
			diag_add(d, path, no, 2, "\"%.64s\" is not a value (a number >= 0)", comma + 1);
			continue;
		}
		if (s->n > 0 && !(t > s->t[s->n - 1])) {
			errors++;
			diag_add(d, path, no, 1, "time %g s is not after the previous row's %g s", t,
				 s->t[s->n - 1]);
			continue;
		}
		if ((long)s->n >= SERIES_MAX_ROWS) {
			errors++;
			diag_add(d, path, no, 0, "more than %ld rows", SERIES_MAX_ROWS);
			break;
		}
		if (push(s, &cap, t, v) != 0) {
			fclose(f);
			series_free(s);
			return diag_add(d, NULL, 0, 0, "out of memory");
		}
	}
	if (ferror(f)) {
		errors++;
		diag_add(d, path, 0, 0, "read error");
	}
	fclose(f);
	if (errors == 0 && s->n == 0) {
		errors++;
		diag_add(d, path, 0, 0, "no rows (expected the header time_s,NAME and rows TIME,VALUE)");
	}
	if (errors > 0) {
		series_free(s);
		return -1;
	}
	return 0;
}

/* Index of the row in force at t: the last with t[i] <= t (0 before the first). */
static size_t row_at(const struct series *s, double t)
{
	size_t lo = 0, hi = s->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->t[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

double series_at(const struct series *s, double t)
{
	return s->v[row_at(s, t)];
}

double series_integral(const struct series *s, double a, double b)
{
	size_t i = row_at(s, a);
	double sum = 0, t = a;
	while (t < b) {
		double end = i + 1 < s->n && s->t[i + 1] < b ? s->t[i + 1] : b;
		sum += s->v[i] * (end - t);
		t = end;
		i++;
	}
	return sum;
}
