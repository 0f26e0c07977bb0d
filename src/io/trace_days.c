/*
 * trace_days: a trace over several days, played one day after the other (trace.h,
 * traces/README.md#runs-over-several-days). Part of the trace module.
 *
 * The days are consecutive days of a folder of days (byte-wise order of their names, as
 * trace_list_days gives them). trace_read_days reads the first day whole and only locates the
 * others; the simulation reads each of them with trace_day_read as its clock reaches it, so a
 * run of a month holds a few days of samples, never the month. Each day is a complete day file
 * of its own (its sample times start at 0): any one of them runs alone as well.
 */
#include "trace.h"
#include "trace_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SAME_VMS "the days of a run over several days (workload.days) must hold the same VMs in " \
		 "the same order"

struct trace_set *trace_read_days(const char *path, const char *first, size_t n_days, struct diag *d)
{
	char **days = NULL;
	long n = trace_list_days(path, &days, d);
	if (n < 0)
		return NULL;
	struct trace_set *t = NULL;
	char **paths = calloc(n_days > 0 ? n_days : 1, sizeof *paths);
	long at = 0;
	if (first != NULL && first[0] != '\0')
		for (at = 0; at < n && strcmp(days[at], first) != 0; at++)
			;
	if (paths == NULL) {
		diag_add(d, NULL, 0, 0, "out of memory");
	} else if (n_days < 1 || at >= n) {
		diag_add(d, path, 0, 0, "has no day '%s'", first != NULL ? first : "");
	} else if ((size_t)(n - at) < n_days) {
		diag_add(d, path, 0, 0, "has %ld days from %s on (%s to %s); workload.days = %zu needs %zu",
			 n - at, days[at], days[at], days[n - 1], n_days, n_days);
	} else {
		size_t j = 0;
		for (; j < n_days; j++)
			if ((paths[j] = trace_resolve_day(path, days[at + (long)j], d)) == NULL)
				break;
		if (j == n_days)
			t = trace_read(paths[0], 0, d);
	}
	for (long i = 0; i < n; i++)
		free(days[i]);
	free(days);
	if (t != NULL) {
		t->n_days = n_days;
		t->day_paths = paths;
		t->day_samples = t->n_vms > 0 ? t->n_samples[0] : 0;
		for (size_t i = 1; i < t->n_vms; i++)
			if (t->n_samples[i] != t->day_samples) {
				long line = t->source_lines[i] > 0 ? t->source_lines[i] : (long)t->n_samples[i];
				diag_add(d, t->sources[i], line, 0,
					 "trace of VM \"%s\" has %zu samples and VM \"%s\" %zu: every VM of a day of "
					 "a run over several days needs as many", t->names[i], t->n_samples[i],
					 t->names[0], t->day_samples);
				trace_destroy(t);
				return NULL;
			}
		return t;
	}
	for (size_t j = 0; paths != NULL && j < n_days; j++)
		free(paths[j]);
	free(paths);
	return NULL;
}

static bool same_value(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

/* Where to report VM i of day u: its row, or its file's last line. */
static long vm_line(const struct trace_set *u, size_t i)
{
	return u->source_lines[i] > 0 ? u->source_lines[i] : (long)u->n_samples[i];
}

static int check_day(const struct trace_set *t, const struct trace_set *u, struct diag *d)
{
	int bad = 0;
	if ((t->mem != NULL) != (u->mem != NULL))
		return diag_add(d, u->path, 1, 0, "%s memory series and %s %s: %s", u->mem ? "has" : "has no",
				t->day_paths[0], t->mem ? "has" : "has none", SAME_VMS);
	size_t n = u->n_vms < t->n_vms ? u->n_vms : t->n_vms;
	for (size_t i = 0; i < n && bad == 0; i++) {
		if (strcmp(u->names[i], t->names[i]) != 0) {
			bad = diag_add(d, u->sources[i], vm_line(u, i), 0,
				       "VM \"%s\" where %s:%ld has VM \"%s\": %s", u->names[i], t->sources[i],
				       vm_line(t, i), t->names[i], SAME_VMS);
		} else if (u->n_samples[i] != t->day_samples) {
			bad = diag_add(d, u->sources[i], vm_line(u, i), 0,
				       "trace of VM \"%s\" has %zu samples; the first day %s has %zu: every day "
				       "of a run over several days needs as many", u->names[i], u->n_samples[i],
				       t->day_paths[0], t->day_samples);
		} else if (t->size != NULL && u->size != NULL &&
			   (!same_value(u->size[i].cores, t->size[i].cores) ||
			    !same_value(u->size[i].mhz, t->size[i].mhz) ||
			    !same_value(u->size[i].ram_mb, t->size[i].ram_mb))) {
			bad = diag_add(d, u->sources[i], vm_line(u, i), 0,
				       "VM \"%s\" has another size (cores, mhz, ram_mb) than in %s:%ld: a VM "
				       "keeps its size from day to day", u->names[i], t->sources[i], vm_line(t, i));
		} else if ((t->size != NULL) != (u->size != NULL)) {
			bad = diag_add(d, u->path, 1, 0, "%s size columns and %s %s: a VM keeps its size from "
				       "day to day", u->size ? "has" : "has no", t->day_paths[0],
				       t->size ? "has" : "has none");
		}
	}
	if (bad == 0 && u->n_vms > t->n_vms)
		bad = diag_add(d, u->sources[n], vm_line(u, n), 0, "VM \"%s\" is not in %s (%zu VMs): %s",
			       u->names[n], t->day_paths[0], t->n_vms, SAME_VMS);
	else if (bad == 0 && u->n_vms < t->n_vms)
		bad = diag_add(d, u->n_vms > 0 ? u->sources[n - 1] : u->path,
			       u->n_vms > 0 ? vm_line(u, n - 1) : 1, 0,
			       "ends after %zu VMs; %s has %zu (next: \"%s\"): %s", u->n_vms, t->day_paths[0],
			       t->n_vms, t->names[n], SAME_VMS);
	return bad;
}

int trace_day_read(const struct trace_set *t, size_t j, struct trace_set **out, struct diag *d)
{
	*out = NULL;
	if (j >= t->n_days)
		return diag_add(d, t->path, 0, 0, "has %zu days; day %zu asked for", t->n_days, j + 1);
	struct trace_set *u = trace_read(t->day_paths[j], 0, d);
	if (u == NULL)
		return -1;
	if (check_day(t, u, d) != 0) {
		trace_destroy(u);
		return -1;
	}
	*out = u;
	return 0;
}

int trace_write_days(const struct trace_set *t, size_t day_samples, const char *dir, struct diag *d)
{
	size_t n = t->n_vms > 0 ? t->n_samples[0] : 0;
	for (size_t i = 0; i < t->n_vms; i++)
		if (t->n_samples[i] != n)
			return diag_add(d, NULL, 0, 0, "VM \"%s\" has %zu samples and VM \"%s\" %zu: days need as many",
					t->names[i], t->n_samples[i], t->names[0], n);
	if (day_samples == 0 || n == 0 || n % day_samples != 0)
		return diag_add(d, NULL, 0, 0, "%zu samples do not make whole days of %zu", n, day_samples);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return diag_add(d, dir, 0, 0, "cannot create folder: %s", strerror(errno));
	size_t n_days = n / day_samples, m = t->n_vms > 0 ? t->n_vms : 1;
	/* day j: the same names, sizes and sources, each VM's samples from j * day_samples on */
	struct trace_set v = *t;
	v.n_samples = malloc(m * sizeof *v.n_samples);
	v.pct = malloc(m * sizeof *v.pct);
	v.mem = t->mem != NULL ? malloc(m * sizeof *v.mem) : NULL;
	v.n_days = 0;
	v.day_paths = NULL;
	int rc = 0;
	if (v.n_samples == NULL || v.pct == NULL || (t->mem != NULL && v.mem == NULL))
		rc = diag_add(d, NULL, 0, 0, "out of memory");
	for (size_t j = 0; j < n_days && rc == 0; j++) {
		for (size_t i = 0; i < t->n_vms; i++) {
			v.n_samples[i] = day_samples;
			v.pct[i] = t->pct[i] + j * day_samples;
			if (v.mem != NULL)
				v.mem[i] = t->mem[i] + j * day_samples;
		}
		char *path = trace_day_file(dir, j, n_days);
		rc = path == NULL ? diag_add(d, NULL, 0, 0, "out of memory") : trace_write_packed(&v, path, d);
		free(path);
	}
	free(v.n_samples);
	free(v.pct);
	free(v.mem);
	return rc;
}

char *trace_day_file(const char *dir, size_t j, size_t n_days)
{
	int width = 2;
	for (size_t k = n_days; k >= 100; k /= 10)
		width++;
	size_t len = strlen(dir) + 32;
	char *path = malloc(len);
	if (path != NULL)
		snprintf(path, len, "%s/day%0*zu.csv.gz", dir, width, j + 1);
	return path;
}
