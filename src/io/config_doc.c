/*
 * config_doc: the key table for people. greenmig(1)'s key list (tests/config_keys prints it) and
 * config_get read the rows of config_keys.c through config_keys_each, which describes each one:
 * its type, its range as text, its default and where its value lives in struct experiment.
 */
#include "config.h"
#include "config_internal.h"

#include <stdio.h>
#include <string.h>

#include "power.h"

/* %g without the exponent's "+" and leading zeros: 1e+09 -> 1e9. */
static void fmt_num(char *buf, size_t n, double x)
{
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%g", x);
	char *e = strchr(tmp, 'e');
	if (e != NULL) {
		char *p = e + 1;
		bool neg = *p == '-';
		if (*p == '+' || *p == '-')
			p++;
		while (*p == '0' && p[1] != '\0')
			p++;
		snprintf(buf, n, "%.*se%s%s", (int)(e - tmp), tmp, neg ? "-" : "", p);
	} else {
		snprintf(buf, n, "%s", tmp);
	}
}

static void describe(const struct config_key *k, const struct config_section *s, struct config_key_info *out)
{
	static const char *const type_names[] = {
		[KEY_BOOL] = "yes/no", [KEY_INT] = "integer", [KEY_DOUBLE] = "number", [KEY_NAME] = "text",
		[KEY_PATH] = "path", [KEY_ENUM] = "word", [KEY_SEED] = "integer", [KEY_NAMES] = "names",
	};
	memset(out, 0, sizeof *out);
	out->section = s->name;
	out->section_doc = s->doc;
	out->key = k->key;
	out->type = k->set == config_set_power ? "word" : type_names[k->type];
	out->def = k->def_text == NULL ? k->def : NULL;
	out->def_text = k->def_text != NULL ? k->def_text : k->def != NULL ? k->def : "none";
	out->doc = k->doc;
	if (k->set == NULL && strchr(s->name, '.') == NULL && k->type != KEY_NAMES) {
		static const char kinds[] = { [KEY_BOOL] = 'b', [KEY_INT] = 'i', [KEY_DOUBLE] = 'd',
					      [KEY_NAME] = 's', [KEY_PATH] = 's', [KEY_ENUM] = 'e',
					      [KEY_SEED] = 'u' };
		out->has_field = true;
		out->off = k->off;
		out->size = k->size;
		out->kind = kinds[k->type];
		out->words = k->words;
	}
	char lo[64], hi[64];
	switch (k->type) {
	case KEY_BOOL:
		snprintf(out->range, sizeof out->range, "yes or no");
		break;
	case KEY_INT:
		snprintf(out->range, sizeof out->range, "%lld to %lld%s%s", k->imin, k->imax,
			 k->words != NULL ? ", or " : "", k->words != NULL ? k->words : "");
		break;
	case KEY_DOUBLE:
		fmt_num(lo, sizeof lo, k->dmin);
		fmt_num(hi, sizeof hi, k->dmax);
		snprintf(out->range, sizeof out->range, "%s%s, %s]", k->open ? "(" : "[", lo, hi);
		break;
	case KEY_ENUM:
		config_words_list(k->words, ", ", " or ", out->range, sizeof out->range);
		break;
	case KEY_SEED:
		snprintf(out->range, sizeof out->range, "0 to 18446744073709551615");
		break;
	case KEY_NAMES:
		snprintf(out->range, sizeof out->range, "comma-separated names of letters, digits, _ and -");
		break;
	case KEY_NAME:
		if (k->set == config_set_power)
			snprintf(out->range, sizeof out->range, "%s", power_names());
		else
			snprintf(out->range, sizeof out->range, "at most %zu characters", k->size - 1);
		break;
	case KEY_PATH:
		snprintf(out->range, sizeof out->range, "at most %zu characters", k->size - 1);
		break;
	}
}

int config_keys_each(int (*fn)(const struct config_key_info *k, void *user), void *user)
{
	struct config_key_info info;
	for (size_t i = 0; i < config_n_sections; i++) {
		const struct config_key *table;
		size_t n;
		config_section_table(&config_sections[i], &table, &n);
		for (size_t j = 0; j < n; j++) {
			if (strcmp(table[j].sec, config_sections[i].name) != 0)
				continue;
			describe(&table[j], &config_sections[i], &info);
			int rc = fn(&info, user);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}
