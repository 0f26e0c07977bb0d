/*
 * reproduce_fmt: the number and text formatting the reproduce module's outputs share (part of
 * the reproduce module, reproduce_internal.h): CSV fields, gnuplot strings, table cells with
 * 95 % intervals, and the atomic write of an output built in memory.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "reproduce_internal.h"

static int write_str(FILE *f, const void *ctx)
{
	return fputs(ctx, f) == EOF ? -1 : 0;
}

/* Ends one output built in memory (m over *buf): writes it to DIR/NAME atomically, frees it. */
int rp_save_text(FILE *m, char **buf, const char *dir, const char *name, struct diag *d)
{
	char path[CONFIG_PATH_LEN + 64];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int rc = fclose(m) != 0 ? diag_add(d, path, 0, 0, "out of memory") : outfile_write(path, write_str, *buf, d);
	free(*buf);
	*buf = NULL;
	return rc;
}

int rp_save_grid(const struct reproduce_power *p, const char *dir, const char *table_name,
		 void (*table)(FILE *, const struct reproduce_power *), const char *plot_name,
		 void (*plot)(FILE *, const struct reproduce_power *), struct diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (m == NULL)
		return diag_add(d, dir, 0, 0, "out of memory");
	table(m, p);
	int rc = rp_save_text(m, &buf, dir, table_name, d) != 0;
	if ((m = open_memstream(&buf, &len)) == NULL)
		return diag_add(d, dir, 0, 0, "out of memory");
	plot(m, p);
	rc |= rp_save_text(m, &buf, dir, plot_name, d) != 0;
	return rc ? -1 : 0;
}

/* A CSV number: NaN as "NaN", as greenmig's other CSVs write it. */
void rp_num(FILE *m, int places, double x)
{
	if (isnan(x))
		fputs("NaN", m);
	else
		fprintf(m, "%.*f", places, x);
}

/* A CSV text field, quoted as RFC 4180 says when it needs it. */
void rp_text(FILE *m, const char *s)
{
	if (strpbrk(s, ",\"\n") == NULL) {
		fputs(s, m);
		return;
	}
	fputc('"', m);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', m);
		fputc(*s, m);
	}
	fputc('"', m);
}

/* A gnuplot single-quoted string. */
void rp_gp_string(FILE *m, const char *s)
{
	fputc('\'', m);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', m);
		fputc(*s, m);
	}
	fputc('\'', m);
}

/* x with `places` decimals (thousands separated when places is 0) and `unit`, or "-". */
void rp_fmt(char *buf, size_t n, int places, const char *unit, double x)
{
	if (isnan(x)) {
		snprintf(buf, n, "-");
	} else if (places == 0 && fabs(x) >= 1000 && fabs(x) < 1e15) {
		/* digits, then a comma before each group of three from the right */
		char digits[32], out[48];
		long long v = llabs(llround(x));
		int nd = snprintf(digits, sizeof digits, "%lld", v), o = 0;
		if (x < 0)
			out[o++] = '-';
		for (int i = 0; i < nd; i++) {
			if (i > 0 && (nd - i) % 3 == 0)
				out[o++] = ',';
			out[o++] = digits[i];
		}
		out[o] = '\0';
		snprintf(buf, n, "%s%s", out, unit);
	} else {
		snprintf(buf, n, "%.*f%s", places, x, unit);
	}
}

/* "mean +- half" (or "mean" without an interval, "-" without a mean). */
void rp_fmt_ci(char *buf, size_t n, int places, const struct agg *a, enum metric m)
{
	double mean, half;
	agg_stat(a, m, &mean, &half);
	char s1[32], s2[32];
	rp_fmt(s1, sizeof s1, places, "", mean);
	rp_fmt(s2, sizeof s2, places, "", half);
	if (isnan(mean) || isnan(half))
		snprintf(buf, n, "%s", s1);
	else
		snprintf(buf, n, "%s +- %s", s1, s2);
}

double rp_mean(const struct agg *a, enum metric m)
{
	double mean, half;
	agg_stat(a, m, &mean, &half);
	return mean;
}

int rp_find_label(const struct grid_row *g, int n, const char *label)
{
	for (int k = 0; k < n; k++)
		if (strcmp(g[k].label, label) == 0)
			return k;
	return -1;
}

double rp_pct_less(double other, double x)
{
	return (other - x) / other * 100;
}


void rp_grid_row_head(FILE *m, const char *setup, const char *policy, const char *model, const struct agg *a,
		      double vs_base_pct)
{
	double mean, half;
	fprintf(m, "%s,", setup);
	rp_text(m, policy);
	fprintf(m, ",%s,%d,", model, a->runs);
	agg_stat(a, M_ENERGY, &mean, &half);
	rp_num(m, 4, mean);
	fputc(',', m);
	rp_num(m, 4, half);
	fputc(',', m);
	rp_num(m, 2, vs_base_pct);
	fputc(',', m);
	agg_stat(a, M_SLAV, &mean, &half);
	fprintf(m, "%.4g,%.4g,", mean, isnan(half) ? 0 : half);
	rp_num(m, 1, rp_mean(a, M_MIGRATIONS));
}

double rp_energy_vs(const struct agg *x, const struct agg *base)
{
	double b = rp_mean(base, M_ENERGY);
	return (rp_mean(x, M_ENERGY) - b) / b * 100;
}
