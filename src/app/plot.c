/*
 * plot: a sweep CSV to a gnuplot script and a figure; see plot.h. Each point is the mean of the
 * rows that share its facet, group and x, with the half width of its 95 % interval (Student t,
 * report_mean_ci; 0 below two rows, as there is no interval). Groups and facets are ordered
 * numerically when every value is a number, else in the order they first appear.
 */
#include "plot.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "columns.h"
#include "outfile.h"
#include "report.h"
#include "sweep.h"

#define PLOT_MAX_X 4

/* Okabe & Ito's colour-blind-safe palette, and point types that differ in shape. */
static const char *const palette[] = { "#000000", "#E69F00", "#56B4E9", "#009E73",
				       "#F0E442", "#0072B2", "#D55E00", "#CC79A7" };
static const int point_types[] = { 7, 5, 9, 11, 13, 4, 6, 8, 10, 12 };

/* The distinct values of a group or facet column, in first-appearance order. */
struct cat {
	char **v;
	int n, cap;
	int *rank; /* rank[i]: the position of value i in the plot's order */
};

struct obs {
	int facet, group;
	double x, y;
};

struct plot_data {
	struct cat group, facet;
	struct obs *o;
	long n, cap;
	long skipped_x, skipped_y;
};

const char *plot_terminal(const char *out)
{
	const char *dot = out != NULL ? strrchr(out, '.') : NULL;
	if (dot == NULL)
		return NULL;
	if (strcmp(dot, ".png") == 0)
		return "pngcairo";
	if (strcmp(dot, ".svg") == 0)
		return "svg";
	if (strcmp(dot, ".pdf") == 0)
		return "pdfcairo";
	return NULL;
}

/* A number, all of s (NaN and +-Infinity as greenmig writes them); false otherwise. */
static bool number(const char *s, double *x)
{
	if (strcmp(s, "NaN") == 0) {
		*x = NAN;
		return true;
	}
	if (strcmp(s, "Infinity") == 0 || strcmp(s, "-Infinity") == 0) {
		*x = s[0] == '-' ? -INFINITY : INFINITY;
		return true;
	}
	if (*s == '\0' || strspn(s, "0123456789+-.eE") != strlen(s))
		return false;
	char *end;
	errno = 0;
	*x = strtod(s, &end);
	return *end == '\0' && errno != ERANGE;
}

/* The index of value s in c, added if new; -1 out of memory. */
static int cat_index(struct cat *c, const char *s)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->v[i], s) == 0)
			return i;
	if (c->n == c->cap) {
		int cap = c->cap > 0 ? 2 * c->cap : 8;
		char **nv = realloc(c->v, (size_t)cap * sizeof *nv);
		if (nv == NULL)
			return -1;
		c->v = nv;
		c->cap = cap;
	}
	c->v[c->n] = strdup(s);
	return c->v[c->n] != NULL ? c->n++ : -1;
}

/* Whether value a of c comes before value b in numeric order (NaN last, then by appearance). */
static bool before(const struct cat *c, int a, int b)
{
	double x, y;
	number(c->v[a], &x);
	number(c->v[b], &y);
	if (isnan(x) || isnan(y))
		return isnan(x) != isnan(y) ? isnan(y) : a < b;
	return x < y || (x == y && a < b);
}

/* c->rank: numeric order if every value is a number, else first appearance. 0 or -1. */
static int cat_order(struct cat *c)
{
	int *order = malloc((size_t)(c->n > 0 ? c->n : 1) * sizeof *order);
	c->rank = malloc((size_t)(c->n > 0 ? c->n : 1) * sizeof *c->rank);
	if (order == NULL || c->rank == NULL) {
		free(order);
		return -1;
	}
	bool numeric = true;
	for (int i = 0; i < c->n; i++) {
		double x;
		order[i] = i;
		numeric &= number(c->v[i], &x);
	}
	for (int i = 1; numeric && i < c->n; i++) { /* insertion sort: a few values */
		int v = order[i], j = i - 1;
		for (; j >= 0 && before(c, v, order[j]); j--)
			order[j + 1] = order[j];
		order[j + 1] = v;
	}
	for (int i = 0; i < c->n; i++)
		c->rank[order[i]] = i;
	free(order);
	return 0;
}

/* The column called name in the header fields f[0..n-1], or -1 after a message listing them. */
static int find_column(const char *path, const char *what, const char *name, const char **f, int n,
		       struct diag *d)
{
	for (int i = 0; i < n; i++)
		if (strcmp(f[i], name) == 0)
			return i;
	char list[4096] = "";
	for (int i = 0; i < n; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i > 0 ? ", " : "", f[i]);
	diag_add(d, path, 1, 0, "%s: no column '%s'; valid: %s", what, name, list);
	return -1;
}

/* The next CSV record of f (a quoted field may hold line ends) into *line; its first line's
 * number in *at. Its length, or -1 at the end. */
static ssize_t next_record(FILE *f, char **line, size_t *cap, long *line_no, long *at)
{
	ssize_t len = getline(line, cap, f);
	if (len < 0)
		return -1;
	*at = ++*line_no;
	for (;;) {
		long quotes = 0;
		for (const char *c = *line; *c; c++)
			quotes += *c == '"';
		if (quotes % 2 == 0)
			return len;
		char *more = NULL;
		size_t mcap = 0;
		ssize_t ml = getline(&more, &mcap, f);
		if (ml < 0) {
			free(more);
			return len; /* the split reports the open quote */
		}
		++*line_no;
		char *joined = realloc(*line, (size_t)len + (size_t)ml + 1);
		if (joined == NULL) {
			free(more);
			return len;
		}
		memcpy(joined + len, more, (size_t)ml + 1);
		free(more);
		*line = joined;
		*cap = (size_t)len + (size_t)ml + 1;
		len += ml;
	}
}

int plot_read(const char *path, const struct plot_options *o, struct plot_data **out, struct diag *d)
{
	*out = NULL;
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
	struct plot_data *p = calloc(1, sizeof *p);
	char *line = NULL, *buf = NULL;
	size_t cap = 0;
	long line_no = 0, at = 0;
	const char **hf = NULL, **rf = NULL;
	char *hbuf = NULL;
	int errors = diag_errors(d), nh = 0;
	if (p == NULL) {
		diag_add(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	ssize_t len = next_record(f, &line, &cap, &line_no, &at);
	int axes, params;
	uint64_t dropped;
	unsigned models;
	if (len < 0 || sweep_header_parse(line, &axes, &params, &dropped, &models) != 0) {
		diag_add(d, path, 1, 0, "%s", len < 0 ? "empty file (expected a greenmig sweep CSV)"
			 : "not a greenmig sweep CSV (its header: the axis names, the stats columns, param1 ...)");
		goto out;
	}
	hbuf = malloc((size_t)len + 1);
	hf = malloc((size_t)len * sizeof *hf + sizeof *hf);
	if (hbuf == NULL || hf == NULL) {
		diag_add(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	const char *end;
	nh = report_csv_split(line, hbuf, hf, (int)len + 1, &end);
	/* x: one column, or several joined by ',' of which each row takes the first not NaN */
	int cx[PLOT_MAX_X], nx = 0, bad_x = 0;
	char xnames[PLOT_MAX_X][128];
	for (const char *q = o->x; nx < PLOT_MAX_X;) {
		size_t l = strcspn(q, ",");
		snprintf(xnames[nx], sizeof xnames[nx], "%.*s", (int)l, q);
		cx[nx] = find_column(path, "--x", xnames[nx], hf, nh, d);
		bad_x |= cx[nx++] < 0;
		if (q[l] == '\0')
			break;
		q += l + 1;
	}
	int cy = find_column(path, "--y", o->y, hf, nh, d);
	int cg = o->group != NULL ? find_column(path, "--group", o->group, hf, nh, d) : -2;
	int cf = o->facet != NULL ? find_column(path, "--facet", o->facet, hf, nh, d) : -2;
	if (bad_x || cy == -1 || cg == -1 || cf == -1)
		goto out;
	rf = malloc((size_t)nh * sizeof *rf);
	if (rf == NULL) {
		diag_add(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	while ((len = next_record(f, &line, &cap, &line_no, &at)) >= 0) {
		char *nb = realloc(buf, (size_t)len + 1);
		if (nb == NULL) {
			diag_add(d, NULL, 0, 0, "out of memory");
			goto out;
		}
		buf = nb;
		int n = report_csv_split(line, buf, rf, nh, &end);
		if (n != nh) {
			if (n < 0)
				diag_add(d, path, at, 0, "a quote is not closed");
			else
				diag_add(d, path, at, 0, "%d fields, the header has %d", n, nh);
			continue;
		}
		double x = NAN, y;
		int badk = -1;
		for (int k = 0; k < nx; k++) {
			double v;
			if (!number(rf[cx[k]], &v)) {
				badk = k;
				break;
			}
			if (!isnan(v)) {
				x = v;
				break;
			}
		}
		if (badk >= 0) {
			diag_add(d, path, at, 0, "--x %s: \"%s\" is not a number (x must be numeric)", xnames[badk],
				 rf[cx[badk]]);
			continue;
		}
		if (!number(rf[cy], &y)) {
			diag_add(d, path, at, 0, "--y %s: \"%s\" is not a number", o->y, rf[cy]);
			continue;
		}
		if (isnan(x) || isnan(y)) {
			p->skipped_x += isnan(x);
			p->skipped_y += !isnan(x);
			continue;
		}
		if (p->n == p->cap) {
			long c2 = p->cap > 0 ? 2 * p->cap : 64;
			struct obs *no = realloc(p->o, (size_t)c2 * sizeof *no);
			if (no == NULL) {
				diag_add(d, NULL, 0, 0, "out of memory");
				goto out;
			}
			p->o = no;
			p->cap = c2;
		}
		struct obs *ob = &p->o[p->n];
		ob->x = x;
		ob->y = y;
		ob->group = cat_index(&p->group, cg >= 0 ? rf[cg] : "");
		ob->facet = cat_index(&p->facet, cf >= 0 ? rf[cf] : "");
		if (ob->group < 0 || ob->facet < 0) {
			diag_add(d, NULL, 0, 0, "out of memory");
			goto out;
		}
		p->n++;
	}
	if (ferror(f))
		diag_add(d, path, 0, 0, "read error");
	else if (diag_errors(d) == errors && p->n == 0)
		diag_add(d, path, 0, 0, "no row to plot (%ld with a NaN x, %ld with a NaN y)", p->skipped_x,
			 p->skipped_y);
	if (diag_errors(d) == errors && (cat_order(&p->group) != 0 || cat_order(&p->facet) != 0))
		diag_add(d, NULL, 0, 0, "out of memory");
out:
	fclose(f);
	free(line);
	free(buf);
	free(hbuf);
	free(hf);
	free(rf);
	if (diag_errors(d) != errors) {
		plot_free(p);
		return -1;
	}
	*out = p;
	return 0;
}

void plot_skipped(const struct plot_data *p, long *x, long *y)
{
	*x = p->skipped_x;
	*y = p->skipped_y;
}

/* Whether u comes before v: by facet, group, then x. */
static bool point_before(const struct plot_data *p, const struct obs *u, const struct obs *v)
{
	int k = p->facet.rank[u->facet] - p->facet.rank[v->facet];
	if (k == 0)
		k = p->group.rank[u->group] - p->group.rank[v->group];
	return k < 0 || (k == 0 && u->x < v->x);
}

/* Stable merge sort of a[0..n-1] (tmp: n entries) by point_before. */
static void sort_points(const struct plot_data *p, struct obs *a, struct obs *tmp, long n)
{
	if (n < 2)
		return;
	long h = n / 2;
	sort_points(p, a, tmp, h);
	sort_points(p, a + h, tmp, n - h);
	long i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = point_before(p, &a[j], &a[i]) ? a[j++] : a[i++];
	while (i < h)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, (size_t)n * sizeof *a);
}

/* A gnuplot single-quoted string: quotes doubled. */
static int put_quoted(FILE *out, const char *s)
{
	int bad = fputc('\'', out) == EOF;
	for (; *s; s++)
		bad |= (*s == '\'' ? fputs("''", out) : fputc(*s, out)) == EOF;
	return (bad | (fputc('\'', out) == EOF)) ? -1 : 0;
}

/* %.17g, or the shortest that reads back. */
static int put_num(FILE *out, double x)
{
	char b[64];
	for (int digits = 1; digits <= 17; digits++) {
		snprintf(b, sizeof b, "%.*g", digits, x);
		if (strtod(b, NULL) == x)
			break;
	}
	return fputs(b, out) == EOF ? -1 : 0;
}

/* The terminal line for out's extension: sizes and fonts readable at a journal column width
 * (one panel shrunk to 3.5 in keeps 7-8 pt text); with cols x rows panels, each panel gets a
 * little over half that size, the font staying the same. */
static int put_terminal(FILE *out, const char *term, int cols, int rows)
{
	bool multi = cols * rows > 1;
	if (strcmp(term, "pdfcairo") == 0)
		return fprintf(out, "set terminal pdfcairo noenhanced size %.1fin,%.1fin font 'Helvetica,11' "
			       "linewidth 1.5\n", multi ? 3.0 * cols : 5.0, multi ? 2.2 * rows : 3.4) < 0 ? -1 : 0;
	if (strcmp(term, "svg") == 0)
		return fprintf(out, "set terminal svg noenhanced size %d,%d dynamic font 'Helvetica,18' "
			       "linewidth 1.5 background '#ffffff'\n", multi ? 540 * cols : 900,
			       multi ? 380 * rows : 600) < 0 ? -1 : 0;
	return fprintf(out, "set terminal pngcairo noenhanced size %d,%d font 'Helvetica,22' linewidth 2\n",
		       multi ? 720 * cols : 1200, multi ? 500 * rows : 800) < 0 ? -1 : 0;
}

int plot_write_script(FILE *out, const struct plot_data *p, const struct plot_options *o)
{
	/* sort a copy: points in (facet, group, x) order */
	struct obs *s = malloc((size_t)(p->n > 0 ? p->n : 1) * sizeof *s);
	double *ys = malloc((size_t)(p->n > 0 ? p->n : 1) * sizeof *ys);
	struct obs *tmp = malloc((size_t)(p->n > 0 ? p->n : 1) * sizeof *tmp);
	if (s == NULL || ys == NULL || tmp == NULL) {
		free(s);
		free(ys);
		free(tmp);
		return -1;
	}
	memcpy(s, p->o, (size_t)p->n * sizeof *s);
	sort_points(p, s, tmp, p->n);
	free(tmp);
	const char *term = plot_terminal(o->out);
	char xl[256], yl[256], gl[256], fl[256];
	xl[0] = '\0';
	for (const char *q = o->xlabel != NULL ? "" : o->x; *q;) { /* "parameter 2 / parameter 1" for --x param2,param1 */
		size_t l = strcspn(q, ",");
		char name[128], one[128];
		snprintf(name, sizeof name, "%.*s", (int)l, q);
		columns_label(name, one, sizeof one);
		snprintf(xl + strlen(xl), sizeof xl - strlen(xl), "%s%s", xl[0] ? " / " : "", one);
		q += l + (q[l] == ',');
	}
	if (o->xlabel != NULL)
		snprintf(xl, sizeof xl, "%s", o->xlabel);
	columns_label(o->y, yl, sizeof yl);
	if (o->ylabel != NULL)
		snprintf(yl, sizeof yl, "%s", o->ylabel);
	columns_label(o->group != NULL ? o->group : "", gl, sizeof gl);
	columns_label(o->facet != NULL ? o->facet : "", fl, sizeof fl);
	int bad = fprintf(out, "# greenmig plot: %s against %s%s%s%s%s, from %s.\n", o->y, o->x,
			  o->group != NULL ? ", one line per " : "", o->group != NULL ? o->group : "",
			  o->facet != NULL ? ", one panel per " : "", o->facet != NULL ? o->facet : "",
			  o->source != NULL ? o->source : "a sweep CSV") < 0;
	bad |= fputs("# Each point: the mean of the rows with the same facet, group and x (over seeds, days, ...)\n"
		     "# and the half width of its 95 % interval (Student t; 0 below two rows). The data blocks\n"
		     "# hold x, mean, half width, rows. Render: gnuplot THIS_FILE (or gnuplot -e \"out='-'\"\n"
		     "# THIS_FILE > FILE); greenmig plot wrote and ran it.\n", out) == EOF;
	bad |= fputs("if (!exists(\"out\")) out = ", out) == EOF || put_quoted(out, o->out) != 0 || fputc('\n', out) == EOF;
	int panels = p->facet.n, cols = 1;
	while (cols * cols < panels)
		cols++;
	int rows = (panels + cols - 1) / cols;
	bad |= put_terminal(out, term != NULL ? term : "pngcairo", cols, rows) != 0;
	bad |= fputs("if (out ne '-') set output out\n\n", out) == EOF;
	/* the data blocks, one per (facet, group) */
	for (long i = 0; i < p->n && !bad;) {
		long j = i;
		bad |= fprintf(out, "$d%d_%d << EOD\n", p->facet.rank[s[i].facet] + 1, p->group.rank[s[i].group] + 1) < 0;
		if (o->facet != NULL)
			bad |= fprintf(out, "# %s = %s\n", o->facet, p->facet.v[s[i].facet]) < 0;
		if (o->group != NULL)
			bad |= fprintf(out, "# %s = %s\n", o->group, p->group.v[s[i].group]) < 0;
		while (j < p->n && s[j].facet == s[i].facet && s[j].group == s[i].group) {
			long k = j;
			int n = 0;
			while (k < p->n && s[k].facet == s[j].facet && s[k].group == s[j].group && s[k].x == s[j].x)
				ys[n++] = s[k++].y;
			double mean, half;
			report_mean_ci(ys, n, &mean, &half);
			bad |= put_num(out, s[j].x) != 0 || fputc(' ', out) == EOF || put_num(out, mean) != 0 ||
			       fputc(' ', out) == EOF || put_num(out, isnan(half) ? 0 : half) != 0 ||
			       fprintf(out, " %d\n", n) < 0;
			j = k;
		}
		bad |= fputs("EOD\n", out) == EOF;
		i = j;
	}
	/* the axes, the key, the panels */
	bad |= fputs("\nset xlabel ", out) == EOF || put_quoted(out, xl) != 0;
	bad |= fputs("\nset ylabel ", out) == EOF || put_quoted(out, yl) != 0;
	bad |= fputs("\nset grid lc rgb '#d0d0d0'\nset border lw 1\nset offsets graph 0.04, graph 0.04, graph 0.06, "
		     "graph 0.06\n", out) == EOF;
	if (o->group != NULL) {
		bad |= fputs("set key outside top center horizontal samplen 2 width 2 title ", out) == EOF || put_quoted(out, gl) != 0 ||
		       fputc('\n', out) == EOF;
	} else {
		bad |= fputs("unset key\n", out) == EOF;
	}
	if (panels > 1)
		bad |= fprintf(out, "set multiplot layout %d,%d\n", rows, cols) < 0;
	for (int f = 0; f < panels && !bad; f++) {
		int fi = 0; /* the facet value of rank f */
		while (p->facet.rank[fi] != f)
			fi++;
		if (panels > 1) {
			char t[1024];
			snprintf(t, sizeof t, "%s = %s", fl, p->facet.v[fi]);
			bad |= fputs("set title ", out) == EOF || put_quoted(out, t) != 0 || fputc('\n', out) == EOF;
		}
		bad |= fputs("plot ", out) == EOF;
		bool first = true;
		for (int g = 0; g < p->group.n; g++) {
			int gi = 0;
			while (p->group.rank[gi] != g)
				gi++;
			bool has = false; /* this panel has points of this group */
			for (long i = 0; i < p->n && !has; i++)
				has = s[i].facet == fi && s[i].group == gi;
			if (!has)
				continue;
			bad |= fprintf(out, "%s$d%d_%d using 1:2:3 with yerrorlines lc rgb '%s' pt %d ps 1.5 lw 2 title ",
				       first ? "" : ", \\\n     ", f + 1, g + 1, palette[g % 8],
				       point_types[g % (int)(sizeof point_types / sizeof point_types[0])]) < 0;
			bad |= put_quoted(out, o->group != NULL ? p->group.v[gi] : "") != 0;
			first = false;
		}
		bad |= fputc('\n', out) == EOF;
	}
	if (panels > 1)
		bad |= fputs("unset multiplot\n", out) == EOF;
	free(ys);
	free(s);
	return bad ? -1 : 0;
}

struct render_ctx {
	const char *gnuplot, *script;
	struct diag *d;
};

/* outfile_write's callback: gnuplot's standard output (the figure) into f. */
static int render(FILE *f, const void *arg)
{
	const struct render_ctx *c = arg;
	int pipefd[2];
	FILE *err = tmpfile();
	if (err == NULL || pipe(pipefd) != 0) {
		if (err != NULL)
			fclose(err);
		return diag_add(c->d, NULL, 0, 0, "cannot run %s: %s", c->gnuplot, strerror(errno));
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		fclose(err);
		return diag_add(c->d, NULL, 0, 0, "cannot run %s: %s", c->gnuplot, strerror(errno));
	}
	if (pid == 0) {
		dup2(pipefd[1], STDOUT_FILENO);
		dup2(fileno(err), STDERR_FILENO);
		close(pipefd[0]);
		close(pipefd[1]);
		execlp(c->gnuplot, c->gnuplot, "-e", "out='-'", c->script, (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	char chunk[65536];
	ssize_t n;
	int bad = 0;
	long total = 0;
	while ((n = read(pipefd[0], chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			bad = 1;
			break;
		}
		bad |= fwrite(chunk, 1, (size_t)n, f) != (size_t)n;
		total += n;
	}
	close(pipefd[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	int rc = 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && total == 0) {
		rc = diag_add(c->d, NULL, 0, 0, "%s: not found (install gnuplot, Debian package gnuplot-nox, or set "
			      "GNUPLOT to its path; --script FILE alone writes the script without it)", c->gnuplot);
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || total == 0) {
		char msg[600] = "";
		rewind(err);
		size_t got = fread(msg, 1, sizeof msg - 1, err);
		msg[got] = '\0';
		for (char *q = msg; *q; q++) /* one line for the message */
			if (*q == '\n')
				*q = ' ';
		rc = diag_add(c->d, NULL, 0, 0, "%s failed on %s (%s %d)%s%s", c->gnuplot, c->script,
			      WIFEXITED(status) ? "exit status" : "signal",
			      WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), msg[0] ? ": " : "", msg);
	} else if (bad) {
		rc = diag_add(c->d, NULL, 0, 0, "write error: %s", strerror(errno));
	}
	fclose(err);
	return rc;
}

int plot_render(const char *gnuplot, const char *script_path, const char *out_path, struct diag *d)
{
	struct render_ctx c = { gnuplot != NULL && gnuplot[0] ? gnuplot : "gnuplot", script_path, d };
	return outfile_write(out_path, render, &c, d);
}

void plot_free(struct plot_data *p)
{
	if (p == NULL)
		return;
	for (int i = 0; i < p->group.n; i++)
		free(p->group.v[i]);
	for (int i = 0; i < p->facet.n; i++)
		free(p->facet.v[i]);
	free(p->group.v);
	free(p->facet.v);
	free(p->group.rank);
	free(p->facet.rank);
	free(p->o);
	free(p);
}
