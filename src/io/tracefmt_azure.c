/*
 * tracefmt_azure: the Azure Public Dataset V1 (2017) and V2 (2019) VM traces: vmtable.csv.gz
 * (one row per VM: vmid, subscriptionid, deploymentid, vmcreated, vmdeleted, maxcpu, avgcpu,
 * p95maxcpu, vmcategory, vmcorecount, vmmemory; V2 gives the last two as buckets such as ">24")
 * and vm_cpu_readings-file-I-of-N.csv.gz (timestamp, vmid, min cpu, max cpu, avg cpu), gzip CSV
 * without a header, times in seconds from 0 on a 300 s grid.
 *
 * CPU: the readings' "avg cpu", the VM's own utilization in percent, taken as is (a value above
 * 100 is clipped and counted). The VMs alive over the whole window by the table (vmcreated <=
 * window start, vmdeleted >= window end - 300) are the candidates. A reading's time must be a
 * multiple of 300; a second reading of a VM in one slot is averaged in and counted; a VM's
 * readings must not go back in time within a file (checked for the VMs being read); a reading
 * of a VM the table does not hold is an error. Shard order is not assumed.
 *
 * No memory series (the dataset has none). Size: vmcorecount cores and vmmemory GB x 1024 MB
 * (V2's buckets taken as their numbers, the open buckets ">24" as 30 cores and ">64" as 70 GB,
 * as the dataset's own notebook does); no MHz.
 */
#include "tracefmt_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define AZ_TABLE "vmtable (vmid, subscriptionid, deploymentid, vmcreated, vmdeleted, maxcpu, avgcpu, " \
		 "p95maxcpu, vmcategory, vmcorecount, vmmemory)"
#define AZ_READINGS "vm_cpu_readings (timestamp, vmid, min cpu, max cpu, avg cpu)"

static int az_role(const char *path)
{
	const char *b = fmt_base(path);
	if (strncmp(b, "vmtable", 7) == 0)
		return FMT_TABLE;
	if (strncmp(b, "vm_cpu_readings", 15) == 0)
		return FMT_READINGS;
	return 0;
}

/* A size column: a number, or V2's open bucket ">24" / ">64" (30 and 70, as the dataset's
 * notebook maps them; another open bucket ">N" is N). */
static int az_size(struct fmt_csv *c, size_t col, const char *what, double *x)
{
	const char *s = fmt_field(c, col);
	if (s[0] == '>' && c->flen[col] > 1) {
		struct fmt_csv t = *c;
		t.off[col]++;
		t.flen[col]--;
		if (fmt_number(&t, col, what, x) != 0)
			return -1;
		*x = *x == 24 && col == 9 ? 30 : *x == 64 && col == 10 ? 70 : *x;
		return 0;
	}
	return fmt_number(c, col, what, x);
}

static int az_table(struct fmt_pack *k)
{
	const double w0 = k->p->start_s, w1 = k->p->start_s + k->p->duration_s;
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
			int64_t created, deleted;
			double x, cores, gb;
			if (fmt_fields(&c, 11, AZ_TABLE) != 0) {
				bad++;
				continue;
			}
			const char *cat = fmt_field(&c, 8);
			if (c.flen[0] == 0) {
				bad += diag_add(k->d, c.path, c.line, 1, "empty vmid") != 0;
				continue;
			}
			if (fmt_int64(&c, 3, "vmcreated, seconds", &created) || fmt_int64(&c, 4, "vmdeleted, seconds", &deleted) ||
			    fmt_number(&c, 5, "maxcpu", &x) || fmt_number(&c, 6, "avgcpu", &x) ||
			    fmt_number(&c, 7, "p95maxcpu", &x) || az_size(&c, 9, "vmcorecount", &cores) ||
			    az_size(&c, 10, "vmmemory, GB", &gb)) {
				bad++;
				continue;
			}
			/* "Unkown" is how V1 spells it */
			if (strcmp(cat, "Delay-insensitive") && strcmp(cat, "Interactive") && strcmp(cat, "Unknown") &&
			    strcmp(cat, "Unkown")) {
				bad += diag_add(k->d, c.path, c.line, 9, "vmcategory \"%.40s\" (expected Delay-insensitive, "
						"Interactive or Unknown)", cat) != 0;
				continue;
			}
			if (deleted < created) {
				bad += diag_add(k->d, c.path, c.line, 5, "vmdeleted %lld is before vmcreated %lld",
						(long long)deleted, (long long)created) != 0;
				continue;
			}
			int added = fmt_set_add(&k->ids, fmt_table_hash(fmt_field(&c, 0), c.flen[0]));
			if (added < 0) {
				bad += diag_add(k->d, NULL, 0, 0, "out of memory") != 0;
				break;
			}
			if (added == 0) {
				bad += diag_add(k->d, c.path, c.line, 1, "VM \"%s\" appears twice in the VM table",
						fmt_field(&c, 0)) != 0;
				continue;
			}
			k->rep->vms_seen++;
			k->rep->rows++;
			if ((double)created <= w0 && (double)deleted >= w1 - k->p->interval_s && bad == 0 &&
			    fmt_add_cand(k, fmt_field(&c, 0), c.flen[0], 0) != 0) {
				bad++;
				break;
			}
			if ((double)created <= w0 && (double)deleted >= w1 - k->p->interval_s && bad == 0)
				k->cands[k->n_cands - 1].size = (struct trace_vmsize){ cores >= 0 ? cores : NAN, NAN,
										      gb >= 0 ? gb * 1024 : NAN };
		}
		if (got < 0)
			bad++;
		fmt_csv_close(&c);
	}
	return bad ? -1 : 0;
}

static int az_row(struct fmt_pack *k, struct fmt_batch *b, const struct fmt_csv *c)
{
	const double w0 = k->p->start_s, dur = k->p->duration_s, step = k->p->interval_s;
	int64_t ts;
	double mn, mx, avg;
	if (fmt_fields(c, 5, AZ_READINGS) != 0 || fmt_int64(c, 0, "timestamp, seconds", &ts) ||
	    fmt_number(c, 2, "min cpu", &mn) || fmt_number(c, 3, "max cpu", &mx) ||
	    fmt_number(c, 4, "avg cpu", &avg))
		return -1;
	if (ts < 0 || (double)ts != floor((double)ts / step) * step)
		return diag_add(k->d, c->path, c->line, 1, "timestamp %lld is not on the trace's %g s grid",
				(long long)ts, step);
	const char *id = fmt_field(c, 1);
	uint64_t h = fmt_table_hash(id, c->flen[1]);
	if (!fmt_set_has(&k->ids, h))
		return diag_add(k->d, c->path, c->line, 2, "VM \"%.70s\" is not in the VM table (vmtable)",
				id);
	long i = fmt_map_get_hashed(&b->map, id, c->flen[1], h);
	if (i < 0)
		return 0;
	double v, rel = (double)ts - w0;
	if (fmt_order(k, b, (size_t)i, c, 0, (double)ts, false))
		return -1;
	if (rel < 0 || rel >= dur)
		return 0;
	if (fmt_pct(k, c, 4, avg, &v))
		return -1;
	size_t s = (size_t)(rel / step);
	if (b->slots > 1 && b->w[(size_t)i * b->slots + s] > 0)
		k->rep->duplicates++;
	fmt_add(b, (size_t)i, s, v, 1);
	return 0;
}

static int az_readings(struct fmt_pack *k, struct fmt_batch *b)
{
	return fmt_each_reading(k, b, az_row);
}

const struct fmt_reader fmt_azure = {
	"vmtable.csv.gz and vm_cpu_readings-file-*-of-*.csv.gz", az_role, az_table, az_readings,
};
