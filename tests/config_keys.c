/*
 * config_keys: the experiment file's keys, from the library's key table (config_keys_each).
 *
 *   tests/config_keys --list          one key per line: section, key, type, range, default, doc
 *                                     (tab-separated)
 *   tests/config_keys --man           greenmig(1)'s key list (roff)
 *   tests/config_keys --check FILE    compares FILE's key list (between the BEGIN and END
 *                                     marker lines) with --man; names every key that differs
 *   tests/config_keys --update FILE   rewrites FILE's key list from the table
 *
 * make check runs --check on doc/greenmig.1.in (tests/man_keys.sh), so the man page cannot
 * drift from the table. Exit status: 0, 1 if --check found differences, 2 on usage or I/O errors.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

#define BEGIN_MARK ".\\\" BEGIN config_keys: generated from the key table by tests/config_keys --update"
#define END_MARK ".\\\" END config_keys"

/* --- printing --- */

static int print_list(const struct config_key_info *k, void *user)
{
	FILE *out = user;
	fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\n", k->section, k->key, k->type, k->range,
		k->def != NULL && k->def[0] == '\0' ? "\"\"" : k->def_text, k->doc);
	return 0;
}

/* Text for roff: backslashes and hyphens escaped, no control character at a line's start. */
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

struct man_state {
	FILE *out;
	const char *section;
};

static int print_man(const struct config_key_info *k, void *user)
{
	struct man_state *m = user;
	FILE *out = m->out;
	if (m->section == NULL || strcmp(m->section, k->section) != 0) {
		m->section = k->section;
		const char *dot = strchr(k->section, '.');
		if (dot != NULL) { /* host.NAME: NAME in italics */
			fprintf(out, ".SS \\fB[%.*s\\fI%s\\fB]\\fR\n", (int)(dot + 1 - k->section), k->section,
				dot + 1);
		} else {
			fputs(".SS [", out);
			roff(out, k->section);
			fputs("]\n", out);
		}
		roff(out, k->section_doc);
		fputc('\n', out);
	}
	fputs(".TP\n.B ", out);
	roff(out, k->key);
	fputc('\n', out);
	if (strcmp(k->type, "yes/no") == 0 || strcmp(k->type, "word") == 0) {
		roff(out, k->range);
	} else {
		roff(out, k->type);
		fputs(", ", out);
		roff(out, k->range);
	}
	if (strcmp(k->def_text, "required") == 0) {
		fputs("; required.\n", out);
	} else {
		fputs("; default ", out);
		roff(out, k->def != NULL && k->def[0] == '\0' ? "empty" : k->def_text);
		fputs(".\n", out);
	}
	roff(out, k->doc);
	fputc('\n', out);
	return 0;
}

/* The roff key list, malloc'd. */
static char *man_text(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (out == NULL)
		return NULL;
	struct man_state m = { .out = out };
	config_keys_each(print_man, &m);
	if (fclose(out) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* --- the man page's copy --- */

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

/* The key list between the marker lines of text: [*from, *to) (from: after BEGIN's line). */
static int find_list(const char *text, const char **from, const char **to)
{
	const char *b = strstr(text, BEGIN_MARK "\n");
	if (b == NULL)
		return -1;
	*from = b + strlen(BEGIN_MARK) + 1;
	const char *e = strstr(*from, END_MARK "\n");
	if (e == NULL)
		return -1;
	*to = e;
	return 0;
}

/* One block of a key list: a section's heading and doc ("[name]") or a key ("name.key"). */
struct block {
	char id[128];
	const char *start;
	size_t len;
};

/* Splits text[0..len) into blocks at .SS and .TP lines; returns the count (blocks malloc'd). */
static int blocks(const char *text, size_t len, struct block **out)
{
	int n = 0, cap = 16;
	struct block *b = malloc((size_t)cap * sizeof *b);
	char section[64] = "";
	const char *p = text, *end = text + len;
	while (b != NULL && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl != NULL ? nl + 1 : end;
		bool ss = strncmp(p, ".SS ", 4) == 0, tp = strncmp(p, ".TP\n", 4) == 0;
		if (ss || tp || n == 0) {
			if (n == cap) {
				struct block *nb = realloc(b, (size_t)(cap *= 2) * sizeof *b);
				if (nb == NULL) {
					free(b);
					return -1;
				}
				b = nb;
			}
			struct block *k = &b[n++];
			k->start = p;
			k->len = 0;
			if (ss) {
				/* ".SS [name]" or ".SS \fB[host.\fINAME\fB]\fR": the name, without fonts */
				size_t m = 0;
				for (const char *q = p + 4; q < next && *q != '\n' && m + 1 < sizeof section; q++) {
					if (*q == '\\' && q + 2 < next) {
						q += 2;
						continue;
					}
					if (*q != '[' && *q != ']')
						section[m++] = *q;
				}
				section[m] = '\0';
				snprintf(k->id, sizeof k->id, "[%s]", section);
			} else if (tp && strncmp(next, ".B ", 3) == 0) {
				const char *knl = memchr(next, '\n', (size_t)(end - next));
				int kl = knl != NULL ? (int)(knl - next - 3) : (int)(end - next - 3);
				snprintf(k->id, sizeof k->id, "%s.%.*s", section, kl, next + 3);
			} else {
				snprintf(k->id, sizeof k->id, "(text before the first section)");
			}
		}
		b[n - 1].len += (size_t)(next - p);
		p = next;
	}
	if (b == NULL)
		return -1;
	*out = b;
	return n;
}

static const struct block *find_block(const struct block *b, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(b[i].id, id) == 0)
			return &b[i];
	return NULL;
}

/* Compares the man page's key list with the table's; prints each difference. 0 if equal. */
static int check(const char *path, const char *man, const char *want)
{
	const char *from, *to;
	if (find_list(man, &from, &to) != 0) {
		fprintf(stderr, "%s: no key list (the lines \"%s\" and \"%s\")\n", path, BEGIN_MARK, END_MARK);
		return 1;
	}
	size_t have_len = (size_t)(to - from);
	if (have_len == strlen(want) && memcmp(from, want, have_len) == 0)
		return 0;
	struct block *w = NULL, *h = NULL;
	int nw = blocks(want, strlen(want), &w), nh = blocks(from, have_len, &h);
	if (nw < 0 || nh < 0) {
		fprintf(stderr, "config_keys: out of memory\n");
		exit(2);
	}
	int diffs = 0;
	for (int i = 0; i < nw; i++) {
		const struct block *o = find_block(h, nh, w[i].id);
		if (o == NULL) {
			fprintf(stderr, "%s: key %s is in the table but not in the man page\n", path, w[i].id);
			diffs++;
		} else if (o->len != w[i].len || memcmp(o->start, w[i].start, o->len) != 0) {
			fprintf(stderr, "%s: key %s differs from the table:\n--- table:\n%.*s--- man page:\n%.*s",
				path, w[i].id, (int)w[i].len, w[i].start, (int)o->len, o->start);
			diffs++;
		}
	}
	for (int i = 0; i < nh; i++) {
		if (find_block(w, nw, h[i].id) == NULL) {
			fprintf(stderr, "%s: key %s is in the man page but not in the table\n", path, h[i].id);
			diffs++;
		}
	}
	if (diffs == 0)
		fprintf(stderr, "%s: the keys are in another order than the table's\n", path);
	fprintf(stderr, "%s: regenerate its key list with: tests/config_keys --update %s\n", path, path);
	free(w);
	free(h);
	return 1;
}

/* Rewrites the key list of path (path.tmp, then renamed). */
static int update(const char *path, const char *man, const char *want)
{
	const char *from, *to;
	if (find_list(man, &from, &to) != 0) {
		fprintf(stderr, "%s: no key list (the lines \"%s\" and \"%s\")\n", path, BEGIN_MARK, END_MARK);
		return 2;
	}
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (f == NULL) {
		fprintf(stderr, "%s: cannot write: %s\n", tmp, strerror(errno));
		return 2;
	}
	fwrite(man, 1, (size_t)(from - man), f);
	fputs(want, f);
	fputs(to, f);
	if (ferror(f) != 0 || fclose(f) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "%s: cannot write: %s\n", path, strerror(errno));
		remove(tmp);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		config_keys_each(print_list, stdout);
		return fflush(stdout) == 0 ? 0 : 2;
	}
	char *want = man_text();
	if (want == NULL) {
		fprintf(stderr, "config_keys: out of memory\n");
		return 2;
	}
	if (argc == 2 && strcmp(argv[1], "--man") == 0) {
		fputs(want, stdout);
		free(want);
		return fflush(stdout) == 0 ? 0 : 2;
	}
	if (argc != 3 || (strcmp(argv[1], "--check") != 0 && strcmp(argv[1], "--update") != 0)) {
		fprintf(stderr, "usage: config_keys --list | --man | --check FILE | --update FILE\n");
		free(want);
		return 2;
	}
	char *man = slurp(argv[2]);
	if (man == NULL) {
		fprintf(stderr, "%s: cannot read: %s\n", argv[2], strerror(errno));
		free(want);
		return 2;
	}
	int rc = strcmp(argv[1], "--check") == 0 ? check(argv[2], man, want) : update(argv[2], man, want);
	free(man);
	free(want);
	return rc;
}
