/*
 * tracefmt_alibaba: Alibaba cluster-trace-v2018's online containers: container_meta.csv
 * (container_id, machine_id, time_stamp, app_du, status, cpu_request, cpu_limit, mem_size; a
 * container has a row per status snapshot) and container_usage.csv (container_id, machine_id,
 * time_stamp, cpu_util_percent, mem_util_percent, cpi, mem_gps, mpki, net_in, net_out,
 * disk_io_percent), CSV without a header, columns by position, times in seconds from 0, usage
 * samples about every 10 s, irregular.
 *
 * CPU: container cpu_util_percent, already a percentage of the container's cpu_request (100 =
 * one core), taken as is. -1 and 101 are the trace's invalid marks: they, an empty field and
 * anything else outside 0-100 are skipped and counted, never clipped. Every container of the
 * meta table is a candidate; the readings decide whether it covers the window. Default window:
 * day 1 (86400 s on), as some tables run days 1-8 and others 2-9 (a bug in the published data).
 * A usage row of a container the meta table does not hold is an error; a container's times must
 * not go back within the file.
 *
 * Memory: container_usage mem_util_percent (percent of the container's memory), with the CPU's
 * rules (invalid marks skipped and counted in mem_invalid). Size: cpu_request / 100 cores (the
 * container's last meta row at or before the window start, else its first); no MHz, and no MB
 * (mem_size is normalised to the largest machine: no unit).
 */
#include "tracefmt_internal.h"

#include <string.h>

#define AL_META "container_meta (container_id, machine_id, time_stamp, app_du, status, cpu_request, " \
		"cpu_limit, mem_size)"
#define AL_USAGE "container_usage (container_id, machine_id, time_stamp, cpu_util_percent, " \
		 "mem_util_percent, cpi, mem_gps, mpki, net_in, net_out, disk_io_percent)"

static int al_role(const char *path)
{
	const char *b = fmt_base(path);
	if (strncmp(b, "container_meta", 14) == 0)
		return FMT_TABLE;
	if (strncmp(b, "container_usage", 15) == 0)
		return FMT_READINGS;
	return 0;
}

static int al_table(struct fmt_pack *k)
{
	int bad = 0;
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
			int64_t t, req;
			if (fmt_fields(&c, 8, AL_META) != 0 || fmt_int64(&c, 2, "time_stamp, seconds", &t) ||
			    fmt_int64(&c, 5, "cpu_request, 100 = one core", &req)) {
				bad++;
				continue;
			}
			if (c.flen[0] == 0) {
				bad += diag_add(k->d, c.path, c.line, 1, "empty container_id") != 0;
				continue;
			}
			int added = fmt_set_add(&k->ids, fmt_table_hash(fmt_field(&c, 0), c.flen[0]));
			if (added < 0) {
				bad += diag_add(k->d, NULL, 0, 0, "out of memory") != 0;
				break;
			}
			if (added == 1) {
				k->rep->vms_seen++;
				if (bad == 0 && fmt_add_cand(k, fmt_field(&c, 0), c.flen[0], (double)req) != 0) {
					bad++;
					break;
				}
				if (bad == 0) {
					k->cands[k->n_cands - 1].size.cores = (double)req / 100;
					k->cands[k->n_cands - 1].mem_aux = (double)t;
				}
			} else if (bad == 0 && (double)t <= k->p->start_s) {
				/* a later snapshot at or before the window start: its request (the table's
				 * rows of a container are consecutive in the published file) */
				struct fmt_cand *cd = &k->cands[k->n_cands - 1];
				if (strcmp(cd->name, fmt_field(&c, 0)) == 0 && (double)t >= cd->mem_aux) {
					cd->size.cores = (double)req / 100;
					cd->mem_aux = (double)t;
				}
			}
		}
		if (got < 0)
			bad++;
		fmt_csv_close(&c);
	}
	return bad ? -1 : 0;
}

static int al_row(struct fmt_pack *k, struct fmt_batch *b, const struct fmt_csv *c)
{
	const double w0 = k->p->start_s, dur = k->p->duration_s, step = k->p->interval_s;
	double t, cpu = -1, mem = -1;
	if (fmt_fields(c, 11, AL_USAGE) != 0 || fmt_number(c, 2, "time_stamp, seconds", &t) ||
	    (c->flen[3] > 0 && fmt_number(c, 3, "cpu_util_percent", &cpu)) ||
	    (c->flen[4] > 0 && fmt_number(c, 4, "mem_util_percent", &mem)))
		return -1;
	if (t < 0)
		return diag_add(k->d, c->path, c->line, 3, "time_stamp %g is negative", t);
	const char *id = fmt_field(c, 0);
	uint64_t h = fmt_table_hash(id, c->flen[0]);
	if (!fmt_set_has(&k->ids, h))
		return diag_add(k->d, c->path, c->line, 1, "container \"%.70s\" is not in container_meta",
				id);
	long i = fmt_map_get_hashed(&b->map, id, c->flen[0], h);
	if (i < 0)
		return 0;
	if (fmt_order(k, b, (size_t)i, c, 2, t, false) != 0)
		return -1;
	double rel = t - w0;
	if (rel < 0 || rel >= dur)
		return 0;
	if (mem >= 0 && mem <= 100)
		fmt_add_mem(b, (size_t)i, (size_t)(rel / step), mem, 1);
	else if (b->slots > 1)
		k->rep->mem_invalid++;
	if (!(cpu >= 0 && cpu <= 100)) { /* -1, 101, empty: the trace's own invalid marks */
		if (b->slots > 1)
			k->rep->invalid++;
		return 0;
	}
	fmt_add(b, (size_t)i, (size_t)(rel / step), cpu, 1);
	return 0;
}

static int al_readings(struct fmt_pack *k, struct fmt_batch *b)
{
	return fmt_each_reading(k, b, al_row);
}

const struct fmt_reader fmt_alibaba = {
	"container_meta.csv and container_usage.csv", al_role, al_table, al_readings,
};
