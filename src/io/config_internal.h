/*
 * config_internal: what config.c (files, --set, validation) shares with config_keys.c (the key
 * table and the parsing it drives) and config_doc.c (the table for people). Not part of the
 * module's interface: include config.h.
 */
#ifndef GREENMIG_CONFIG_INTERNAL_H
#define GREENMIG_CONFIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "diag.h"

/* Where the value being set comes from, for messages. */
struct config_origin {
	const char *file; /* the experiment file, or "--set" for overrides */
	long line;        /* 0 for --set */
	const char *dir;  /* folder of the experiment file, for relative paths; NULL for --set */
};

/* One pass of parsing: an experiment file, one --set, or the defaults. */
struct config_parse {
	struct experiment *e;
	struct diag *d;          /* NULL: errors are only counted (the defaults) */
	struct config_origin o;
	FILE *f;                 /* the experiment file being read */
	long line;               /* lines read from f */
	int errors;
	bool defaults;           /* applying the table's defaults: no range check, no line noted */
};

/* A row of the key table (config_keys.c): one key of the experiment file. */
enum key_type {
	KEY_BOOL,   /* yes/true or no/false */
	KEY_INT,    /* a decimal integer in [imin, imax] into an int, long or long long field; the
		     * word `words` (if any) stands for 0 */
	KEY_DOUBLE, /* a finite number in [dmin, dmax], (dmin, dmax] if open */
	KEY_NAME,   /* any text shorter than the char array */
	KEY_PATH,   /* a non-empty path, relative ones joined to the experiment file's folder */
	KEY_ENUM,   /* one of the '|'-separated words; the field (an enum or a bool) gets its index */
	KEY_SEED,   /* an integer 0 .. 2^64 - 1 into a uint64_t */
	KEY_NAMES,  /* comma-separated type names (a setter: the [hosts] and [vms] type lists) */
};

struct config_key;
typedef int key_setter(struct config_parse *ps, const struct config_key *k, void *base, const char *sec,
		       const char *v);

struct config_key {
	const char *sec;          /* section: "workload", "host.NAME", ... */
	const char *key;
	enum key_type type;
	size_t off, size;         /* the field in struct experiment, host_type or vm_type */
	long long imin, imax;     /* KEY_INT */
	double dmin, dmax;        /* KEY_DOUBLE */
	bool open;                /* KEY_DOUBLE: dmin itself is out of range */
	const char *words;        /* KEY_ENUM: "none|poisson|waves|file"; KEY_INT: the word for 0 */
	const char *noun;         /* KEY_ENUM, KEY_SEED: what a wrong value is not ("a model") */
	const char *what;         /* KEY_INT, KEY_DOUBLE, KEY_SEED: what the key expects */
	bool has_line;            /* a successful set notes its line in line_off (an int) */
	bool plugin;              /* KEY_NAME: a plugin's path is relative to the file's folder */
	size_t line_off;
	bool has_from;            /* a set notes its line and value in from_off (a struct config_from) */
	size_t from_off;
	key_setter *set;          /* instead of the type's parser (the type stays for the docs) */
	const char *def;          /* the default as a file would write it; NULL: none (0 or "") */
	const char *def_text;     /* the default for people when def is not it ("required") */
	const char *doc;
};


/* A section of the experiment file. */
struct config_section {
	const char *name;         /* "host.NAME": "host." and a type name */
	const char *doc;
};

/* The sections, in the order "unknown section" lists them. */
extern const struct config_section config_sections[];
extern const size_t config_n_sections;

/* The keys of [host.NAME] and [vm.NAME] (config_keys_types.c). */
extern const struct config_key config_host_keys[];
extern const size_t config_n_host_keys;
extern const struct config_key config_vm_keys[];
extern const size_t config_n_vm_keys;

/* The keys of [network] (config_keys_network.c). */
extern const struct config_key config_net_keys[];
extern const size_t config_n_net_keys;

/* The key rows of section s (their sec is s's name, among others' rows) into *table, *n. */
void config_section_table(const struct config_section *s, const struct config_key **table, size_t *n);

/* "a, b or c" from "a|b|c" (or "a | b | c" with sep " | "). */
void config_words_list(const char *words, const char *sep, const char *last_sep, char *buf, size_t n);

/* The setter of [host.NAME] power: a power model's name. */
key_setter config_set_power;

/* The hash config_from keeps of a value (FNV-1a, 64 bits). */
uint64_t config_hash(const char *s);

/* Adds "file:line: message" to ps->d and counts it. Returns -1. */
int config_err(struct config_parse *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sets key of section sec (as written: "host.h1") to v, through the table. 0 or -1 (reported). */
int config_set_value(struct config_parse *ps, const char *sec, const char *key, const char *v);

/* The valid section names into buf, comma-separated ("experiment, workload, ..., host.NAME, ..."). */
void config_section_names(char *buf, size_t n);

#endif
