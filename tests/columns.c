/*
 * columns: the CSV columns greenmig writes, from the library's table (src/app/columns.c).
 *
 *   tests/columns --markdown        doc/columns.md's tables
 *   tests/columns --man             greenmig(1)'s column list (roff)
 *   tests/columns --check FILE      compares FILE's generated part (between the BEGIN and END
 *                                   marker lines; FILE.md: Markdown, else roff) with the table;
 *                                   names every column missing, extra or different
 *   tests/columns --update FILE     rewrites FILE's generated part from the table
 *
 * make check runs --check on doc/columns.md and doc/greenmig.1.in (tests/man_keys.sh), so
 * neither can drift from the code. Exit status: 0, 1 if --check found differences, 2 on usage or
 * I/O errors.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "report.h"

#define MD_BEGIN "<!-- BEGIN columns: generated from src/app/columns.c by tests/columns --update -->"
#define MD_END "<!-- END columns -->"
#define MAN_BEGIN ".\\\" BEGIN columns: generated from src/app/columns.c by tests/columns --update"
#define MAN_END ".\\\" END columns"

static const char *const file_title[] = { "Stats columns", "Sweep columns", "Timeline columns" };
static const char *const file_lead[] = {
	"`greenmig run --stats FILE` (one row; one per seed with `--seeds`), in this order; a sweep "
	"row has them too, but those an axis already has.",
	"What a `greenmig sweep` row (and `greenmig merge`'s) has besides the stats columns: its axes "
	"first, the parameter columns last.",
	"`greenmig run --timeline FILE`: one row per scheduling step.",
};

/* Markdown text: '|' escaped. */
static void md(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', out);
		fputc(*s, out);
	}
}

/* roff text: backslashes and hyphens escaped, no control character at a line's start. */
static void roff(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
	}
}

static void print_md(FILE *out)
{
	int n;
	const struct column *c = columns_table(&n);
	int file = -1;
	for (int i = 0; i < n; i++) {
		if ((int)c[i].file != file) {
			file = (int)c[i].file;
			fprintf(out, "%s## %s\n\n%s\n\n| column | unit | meaning | CloudSim 3.0.3 |\n|---|---|---|---|\n",
				file > 0 ? "\n" : "", file_title[file], file_lead[file]);
		}
		fprintf(out, "| `%s` | %s | ", c[i].name, c[i].unit[0] ? c[i].unit : "-");
		md(out, c[i].meaning);
		fputs(" | ", out);
		md(out, c[i].cloudsim[0] ? c[i].cloudsim : "-");
		fputs(" |\n", out);
	}
}

/* The columns of the models that are off by default (src/app/report_power.c): they appear only
 * when the experiment turns their model on. */
static const char models_title[] = "Columns of the models off by default";
static const char models_lead[] =
	"They appear only when the experiment turns their model on, so that an experiment without them "
	"writes what it always did: in the stats row after placement_done, in the timeline after "
	"energy_kwh, in this order. A sweep row (and `greenmig merge`'s) has the columns of every "
	"model some run of the sweep turns on, between the stats columns and the parameter columns, "
	"NaN in the runs where that model is off. `run --vm-energy FILE` writes one row per VM: vm, energy_kwh, "
	"idle_kwh, dynamic_kwh, wait_kwh (doc/power-states.md). The memory columns appear when the run's "
	"trace has a memory series (doc/memory.md); a sweep reads its traces' headers first and has "
	"them when some run's trace has one (NaN in the runs on a trace without).";

static const char *model_name(unsigned m)
{
	return m == REPORT_MODEL_STATES ? "[power] states" : m == REPORT_MODEL_PARTS ? "[power] parts"
	       : m == REPORT_MODEL_FACILITY ? "[facility] enabled" : m == REPORT_MODEL_NETWORK ? "[network] topology"
	       : m == REPORT_MODEL_MEMORY ? "a trace with memory"
	       : "[power] vm_energy";
}

static void print_models_md(FILE *out)
{
	fprintf(out, "\n## %s\n\n%s\n\n| column | file | model | unit | meaning |\n|---|---|---|---|---|\n",
		models_title, models_lead);
	for (int t = 0; t < 2; t++) {
		const struct report_column *c;
		for (int i = 0; (c = report_power_column(i, t == 1)) != NULL; i++) {
			fprintf(out, "| `%s` | %s | %s | %s | ", c->name, t ? "timeline" : "stats", model_name(c->model),
				c->unit[0] ? c->unit : "-");
			md(out, c->meaning);
			fputs(" |\n", out);
		}
	}
}

static void print_models_man(FILE *out)
{
	fprintf(out, ".SS %s\n", models_title);
	for (const char *p = models_lead; *p; p++)
		if (*p != '`') {
			char one[2] = { *p, '\0' };
			roff(out, one);
		}
	fputc('\n', out);
	for (int t = 0; t < 2; t++) {
		const struct report_column *c;
		for (int i = 0; (c = report_power_column(i, t == 1)) != NULL; i++) {
			fputs(".TP\n.B ", out);
			roff(out, c->name);
			fprintf(out, "\n(%s, ", t ? "timeline" : "stats");
			roff(out, model_name(c->model));
			fputs(") ", out);
			if (c->unit[0]) {
				roff(out, c->unit);
				fputs(". ", out);
			}
			roff(out, c->meaning);
			fputc('\n', out);
		}
	}
}

/* Is name a column of the models off by default? */
static bool model_column(const char *name, size_t len)
{
	for (int t = 0; t < 2; t++) {
		const struct report_column *c;
		for (int i = 0; (c = report_power_column(i, t == 1)) != NULL; i++)
			if (strlen(c->name) == len && strncmp(c->name, name, len) == 0)
				return true;
	}
	return false;
}

static void print_man(FILE *out)
{
	int n;
	const struct column *c = columns_table(&n);
	int file = -1;
	for (int i = 0; i < n; i++) {
		if ((int)c[i].file != file) {
			file = (int)c[i].file;
			fprintf(out, ".SS %s\n", file_title[file]);
			const char *lead = file_lead[file];
			for (const char *p = lead; *p; p++) /* the lead without Markdown's backquotes */
				if (*p != '`') {
					char one[2] = { *p, '\0' };
					roff(out, one);
				}
			fputc('\n', out);
		}
		fputs(".TP\n.B ", out);
		roff(out, c[i].name);
		fputc('\n', out);
		if (c[i].unit[0]) {
			roff(out, c[i].unit);
			fputs(". ", out);
		}
		roff(out, c[i].meaning);
		if (c[i].cloudsim[0]) {
			fputs(" CloudSim: ", out);
			roff(out, c[i].cloudsim);
			fputc('.', out);
		}
		fputc('\n', out);
	}
}

static char *generated(bool markdown)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (out == NULL)
		return NULL;
	if (markdown) {
		print_md(out);
		print_models_md(out);
	} else {
		print_man(out);
		print_models_man(out);
	}
	if (fclose(out) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	char chunk[8192];
	size_t n;
	while (out != NULL && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		fwrite(chunk, 1, n, out);
	bool bad = ferror(f) != 0;
	fclose(f);
	if (out == NULL || fclose(out) != 0 || bad) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The generated part of text: [*from, *to). */
static int find_part(const char *text, bool markdown, const char **from, const char **to)
{
	const char *bm = markdown ? MD_BEGIN : MAN_BEGIN, *em = markdown ? MD_END : MAN_END;
	const char *b = strstr(text, bm);
	if (b == NULL || b[strlen(bm)] != '\n')
		return -1;
	*from = b + strlen(bm) + 1;
	const char *e = strstr(*from, em);
	if (e == NULL)
		return -1;
	*to = e;
	return 0;
}

/* The entry of column `name` of section `file` in part [from, to): its text up to the next
 * entry, into buf; false if absent. Markdown: the line "| `name` |..."; roff: ".TP\n.B name\n"
 * and the text up to the next ".TP" or ".SS". */
static bool entry(const char *from, const char *to, bool markdown, int file, const char *name, char *buf,
		  size_t n)
{
	char key[256];
	const char *title = file_title[file];
	const char *sec = markdown ? NULL : NULL;
	char head[128];
	snprintf(head, sizeof head, markdown ? "## %s\n" : ".SS %s\n", title);
	sec = strstr(from, head);
	if (sec == NULL || sec >= to)
		return false;
	const char *sec_end = strstr(sec + 1, markdown ? "\n## " : "\n.SS ");
	if (sec_end == NULL || sec_end > to)
		sec_end = to;
	if (markdown)
		snprintf(key, sizeof key, "\n| `%s` |", name);
	else
		snprintf(key, sizeof key, "\n.TP\n.B %s\n", name);
	const char *e = strstr(sec, key);
	if (e == NULL || e >= sec_end)
		return false;
	e++;
	const char *stop = markdown ? strchr(e, '\n') : strstr(e + 4, "\n.TP\n");
	if (stop == NULL || stop > sec_end)
		stop = sec_end;
	snprintf(buf, n, "%.*s", (int)(stop - e), e);
	return true;
}

/* Names every column whose entry in [from, to) is missing or differs from want's, and every
 * entry of the file's that the table does not have. The differences found. */
static int compare(const char *path, const char *from, const char *to, const char *want, bool markdown)
{
	int n, diffs = 0;
	const struct column *c = columns_table(&n);
	char *a = malloc(8192), *b = malloc(8192);
	if (a == NULL || b == NULL)
		return 1;
	const char *wend = want + strlen(want);
	for (int i = 0; i < n; i++) {
		bool in_file = entry(from, to, markdown, (int)c[i].file, c[i].name, a, 8192);
		entry(want, wend, markdown, (int)c[i].file, c[i].name, b, 8192);
		if (!in_file) {
			fprintf(stderr, "%s: column %s (%s) is missing\n", path, c[i].name, file_title[c[i].file]);
			diffs++;
		} else if (strcmp(a, b) != 0) {
			fprintf(stderr, "%s: column %s (%s) differs from the table:\n  has:  %s\n  want: %s\n", path,
				c[i].name, file_title[c[i].file], a, b);
			diffs++;
		}
	}
	/* entries the table does not have */
	const char *key = markdown ? "\n| `" : "\n.TP\n.B ";
	for (const char *p = from - 1; (p = strstr(p, key)) != NULL && p < to; p++) {
		const char *name = p + strlen(key);
		size_t len = strcspn(name, markdown ? "`" : "\n");
		bool known = model_column(name, len);
		for (int i = 0; i < n && !known; i++)
			known = strlen(c[i].name) == len && strncmp(c[i].name, name, len) == 0;
		if (!known) {
			fprintf(stderr, "%s: column %.*s is not in the table (src/app/columns.c)\n", path, (int)len, name);
			diffs++;
		}
	}
	if (diffs == 0 && (size_t)(to - from) != strlen(want))
		diffs += fprintf(stderr, "%s: the generated part differs from the table's (headings or order)\n", path) > 0;
	else if (diffs == 0 && strncmp(from, want, strlen(want)) != 0)
		diffs += fprintf(stderr, "%s: the generated part differs from the table's (headings or order)\n", path) > 0;
	free(a);
	free(b);
	return diffs;
}

static bool is_markdown(const char *path)
{
	size_t n = strlen(path);
	return n > 3 && strcmp(path + n - 3, ".md") == 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--markdown") == 0) {
		print_md(stdout);
		print_models_md(stdout);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "--man") == 0) {
		print_man(stdout);
		print_models_man(stdout);
		return 0;
	}
	if (argc != 3 || (strcmp(argv[1], "--check") != 0 && strcmp(argv[1], "--update") != 0)) {
		fprintf(stderr, "usage: tests/columns --markdown | --man | --check FILE | --update FILE\n");
		return 2;
	}
	const char *path = argv[2];
	bool markdown = is_markdown(path);
	char *text = slurp(path), *want = generated(markdown);
	const char *from, *to;
	if (text == NULL || want == NULL) {
		fprintf(stderr, "%s: cannot read\n", path);
		return 2;
	}
	if (find_part(text, markdown, &from, &to) != 0) {
		fprintf(stderr, "%s: no generated column list (the lines \"%s\" and \"%s\")\n", path,
			markdown ? MD_BEGIN : MAN_BEGIN, markdown ? MD_END : MAN_END);
		return 2;
	}
	int rc = 0;
	if (strcmp(argv[1], "--check") == 0) {
		rc = compare(path, from, to, want, markdown) > 0;
	} else {
		FILE *f = fopen(path, "w");
		if (f == NULL || fprintf(f, "%.*s%s%s", (int)(from - text), text, want, to) < 0 || fclose(f) != 0) {
			fprintf(stderr, "%s: write error\n", path);
			rc = 2;
		}
	}
	free(text);
	free(want);
	return rc;
}
