/*
 * tracefmt_google: Google clusterdata-2011-2, tables task_events/part-NNNNN-of-MMMMM.csv.gz
 * (time, missing info, job ID, task index, machine ID, event type, user, scheduling class,
 * priority, CPU request, memory request, disk space request, different machines restriction)
 * and task_usage/part-NNNNN-of-MMMMM.csv.gz (start time, end time, job ID, task index, machine
 * ID, CPU rate, ... 20 columns in 2011-2, 19 in 2011-1), gzip CSV without a header, times in
 * microseconds; the trace's time 600 s is its start, the origin of the window here.
 *
 * A VM is a task, (job ID, task index), named "JOB-INDEX", that runs on one machine through the
 * whole window: SCHEDULEd (event 1) before the window starts and neither rescheduled nor EVICTed,
 * FAILed, FINISHed, KILLed or LOST (2-6) before it ends. Its CPU request is the last non-empty
 * one (SUBMIT, SCHEDULE, UPDATE_*) at or before the window start; tasks without one are counted
 * and left out. CPU: 100 x CPU rate / CPU request (both normalised to the largest machine, so
 * the ratio has no unit), above 100 clipped and counted; a slot's value is the mean of the usage
 * records weighted by their overlap with it. Empty CPU rates are skipped and counted; usage rows
 * of tasks the given task_events do not name are counted, not errors (the trace itself lacks
 * some events). Event times must not go back over the task_events files in name order; a
 * task's usage start times must not go back within a file.
 *
 * Memory: 100 x canonical memory usage (task_usage column 7) / the task's memory request
 * (task_events column 11, taken as the CPU request is), overlap-weighted as the CPU, above 100
 * clipped and counted, empty skipped and counted; a task without a memory request is left out
 * and counted with those without a CPU request. No size: the requests are fractions of the
 * largest machine, which the trace does not give in any unit.
 */
#include "tracefmt_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define G_EVENTS "task_events (13 columns: time, missing info, job ID, task index, machine ID, event type, ...)"
#define G_USAGE "task_usage (20 columns: start time, end time, job ID, task index, machine ID, CPU rate, ...)"
#define G_ORIGIN_US 600000000LL /* the trace's start, 600 s after its time 0 */

static int g_role(const char *path)
{
	size_t n = strlen(path);
	const char *b = fmt_base(path);
	if (strncmp(b, "part-", 5) != 0 || n < 12)
		return 0;
	/* the table is the folder's name */
	size_t dl = (size_t)(b - path);
	if (dl >= 12 && strncmp(b - 12, "task_events/", 12) == 0)
		return FMT_TABLE;
	if (dl >= 11 && strncmp(b - 11, "task_usage/", 11) == 0)
		return FMT_READINGS;
	return 0;
}

struct g_task {
	double req;      /* CPU request at the window start; 0 none */
	double mreq;     /* memory request at the window start; 0 none */
	bool running;    /* scheduled before the window start, not ended since */
	bool disrupted;  /* scheduled again or ended before the window's end */
};

static int g_name(const struct fmt_csv *c, char *buf, size_t n, int64_t *job, int64_t *idx)
{
	if (fmt_int64(c, 2, "job ID", job) || fmt_int64(c, 3, "task index", idx))
		return -1;
	snprintf(buf, n, "%lld-%lld", (long long)*job, (long long)*idx);
	return 0;
}

static int g_table(struct fmt_pack *k)
{
	const int64_t w0 = G_ORIGIN_US + (int64_t)(k->p->start_s * 1e6);
	const int64_t w1 = w0 + (int64_t)(k->p->duration_s * 1e6);
	struct fmt_map map;
	struct g_task *tasks = NULL;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int bad = 0;
	if (fmt_map_init(&map, 1024) != 0)
		return diag_add(k->d, NULL, 0, 0, "out of memory");
	int64_t last = INT64_MIN;
	const char *last_file = NULL;
	for (size_t f = 0; f < k->n_files; f++) {
		if (k->roles[f] != FMT_TABLE)
			continue;
		struct fmt_csv c;
		if (fmt_csv_open(&c, k->files[f], ',', &k->rep->bytes, k->d) != 0) {
			bad++;
			continue;
		}
		k->rep->files++;
		int got;
		while ((got = fmt_csv_next(&c)) == 1) {
			k->rep->rows++;
			int64_t t, job, idx, type, prio;
			double req = 0, mreq = 0;
			char name[48];
			if (fmt_fields(&c, 13, G_EVENTS) || fmt_int64(&c, 0, "time, microseconds", &t) ||
			    g_name(&c, name, sizeof name, &job, &idx) || fmt_int64(&c, 5, "event type", &type) ||
			    fmt_int64(&c, 8, "priority", &prio) ||
			    (c.flen[9] > 0 && fmt_number(&c, 9, "CPU request", &req)) ||
			    (c.flen[10] > 0 && fmt_number(&c, 10, "memory request", &mreq))) {
				bad++;
				continue;
			}
			if (type < 0 || type > 8) {
				bad += diag_add(k->d, c.path, c.line, 6, "event type %lld (expected 0-8)", (long long)type) != 0;
				continue;
			}
			if (t < last) {
				bad += diag_add(k->d, c.path, c.line, 1, "time %lld goes back before %lld (%s): task_events "
						"are in time order", (long long)t, (long long)last,
						last_file == c.path ? "the previous row" : "the previous file's last row") != 0;
				continue;
			}
			last = t;
			last_file = c.path;
			long i = fmt_map_get(&map, name, strlen(name));
			if (i < 0) {
				if (n == cap) {
					cap = cap ? 2 * cap : 1024;
					struct g_task *nt = realloc(tasks, cap * sizeof *nt);
					char **nn = nt ? realloc(names, cap * sizeof *nn) : NULL;
					if (nt)
						tasks = nt;
					if (nn)
						names = nn;
					if (!nt || !nn) {
						bad += diag_add(k->d, NULL, 0, 0, "out of memory") != 0;
						break;
					}
				}
				names[n] = trace_dup_str(name);
				if (names[n] == NULL || fmt_map_put(&map, names[n], (uint32_t)n) < 0) {
					free(names[n]);
					bad += diag_add(k->d, NULL, 0, 0, "out of memory") != 0;
					break;
				}
				tasks[n] = (struct g_task){ 0, 0, false, false };
				i = (long)n++;
			}
			struct g_task *g = &tasks[i];
			if ((type == 0 || type == 1 || type == 7 || type == 8) && c.flen[9] > 0 && t <= w0)
				g->req = req;
			if ((type == 0 || type == 1 || type == 7 || type == 8) && c.flen[10] > 0 && t <= w0)
				g->mreq = mreq;
			if (type == 1) {
				if (t < w0)
					g->running = true;
				else if (t < w1)
					g->disrupted = true;
			} else if (type >= 2 && type <= 6) {
				if (t < w0)
					g->running = false;
				else if (t < w1)
					g->disrupted = true;
			}
		}
		if (got < 0)
			bad++;
		fmt_csv_close(&c);
	}
	k->rep->vms_seen = n;
	for (size_t i = 0; i < n; i++) {
		if (bad == 0 && fmt_set_add(&k->ids, fmt_table_hash(names[i], strlen(names[i]))) < 0)
			bad += diag_add(k->d, NULL, 0, 0, "out of memory") != 0;
		if (bad == 0 && tasks[i].running && !tasks[i].disrupted) {
			if (!(tasks[i].req > 0) || !(tasks[i].mreq > 0))
				k->rep->no_request++;
			else if (fmt_add_cand(k, names[i], strlen(names[i]), tasks[i].req) != 0)
				bad++;
			else
				k->cands[k->n_cands - 1].mem_aux = tasks[i].mreq;
		}
		free(names[i]);
	}
	free(names);
	free(tasks);
	fmt_map_fini(&map);
	return bad ? -1 : 0;
}

static int g_row(struct fmt_pack *k, struct fmt_batch *b, const struct fmt_csv *c)
{
	const int64_t w0 = G_ORIGIN_US + (int64_t)(k->p->start_s * 1e6);
	const int64_t dur = (int64_t)(k->p->duration_s * 1e6), step = (int64_t)(k->p->interval_s * 1e6);
	int64_t s, e, job, idx;
	double rate = 0, mem = 0;
	char name[48];
	if ((c->nf != 19 && fmt_fields(c, 20, G_USAGE)) || fmt_int64(c, 0, "start time, microseconds", &s) ||
	    fmt_int64(c, 1, "end time, microseconds", &e) || g_name(c, name, sizeof name, &job, &idx) ||
	    (c->flen[5] > 0 && fmt_number(c, 5, "CPU rate", &rate)) ||
	    (c->flen[6] > 0 && fmt_number(c, 6, "canonical memory usage", &mem)))
		return -1;
	if (e < s)
		return diag_add(k->d, c->path, c->line, 2, "end time %lld is before start time %lld",
				(long long)e, (long long)s);
	size_t nl = strlen(name);
	uint64_t h = fmt_table_hash(name, nl);
	if (!fmt_set_has(&k->ids, h)) {
		if (k->count_orphans)
			k->rep->orphans++;
		return 0;
	}
	long i = fmt_map_get_hashed(&b->map, name, nl, h);
	if (i < 0)
		return 0;
	double v;
	if (fmt_order(k, b, (size_t)i, c, 0, (double)s, false) != 0)
		return -1;
	if (e <= w0 || s >= w0 + dur)
		return 0;
	double mv = -1;
	if (c->flen[6] == 0) {
		if (b->slots > 1)
			k->rep->mem_invalid++;
	} else if (b->slots > 1 && fmt_mem_pct(k, c, 6, 100.0 * mem / b->cand[i]->mem_aux, &mv) != 0) {
		return -1;
	}
	if (c->flen[5] == 0) {
		if (b->slots > 1)
			k->rep->invalid++;
		v = -1;
	} else if (fmt_pct(k, c, 5, 100.0 * rate / b->cand[i]->aux, &v) != 0) {
		return -1;
	}
	/* the record's overlap with each slot, in whole microseconds */
	int64_t a = s - w0, z = e - w0;
	if (a < 0)
		a = 0;
	if (z > dur)
		z = dur;
	for (int64_t slot = a / step; a < z; slot++) {
		int64_t end = (slot + 1) * step < z ? (slot + 1) * step : z;
		if (v >= 0)
			fmt_add(b, (size_t)i, (size_t)slot, v, (double)(end - a));
		if (mv >= 0)
			fmt_add_mem(b, (size_t)i, (size_t)slot, mv, (double)(end - a));
		a = end;
	}
	return 0;
}

static int g_readings(struct fmt_pack *k, struct fmt_batch *b)
{
	return fmt_each_reading(k, b, g_row);
}

const struct fmt_reader fmt_google = {
	"task_events/part-*.csv.gz and task_usage/part-*.csv.gz", g_role, g_table, g_readings,
};
