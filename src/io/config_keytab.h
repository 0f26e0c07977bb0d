/*
 * config_keytab: the shorthand the key tables (config_keys.c, config_keys_types.c,
 * config_keys_network.c) declare their rows with; private to the config module.
 */
#ifndef GM_CONFIG_KEYTAB_H
#define GM_CONFIG_KEYTAB_H

#include <stddef.h>

#define FIELD(T, m) .off = offsetof(T, m), .size = sizeof(((T *)0)->m)
#define EXP(m) FIELD(struct experiment, m)
#define HOST(m) FIELD(struct host_type, m)
#define VMT(m) FIELD(struct vm_type, m)
#define LINE(m) .has_line = true, .line_off = offsetof(struct experiment, m)
#define FROM(m) .has_from = true, .from_off = offsetof(struct experiment, m)
#define K(s, k) .sec = (s), .key = (k)
#define BOOL .type = KEY_BOOL
#define INT(lo, hi, w) .type = KEY_INT, .imin = (lo), .imax = (hi), .what = (w)
#define DBL(lo, hi, w) .type = KEY_DOUBLE, .dmin = (lo), .dmax = (hi), .what = (w)
#define DBL_OPEN(lo, hi, w) DBL(lo, hi, w), .open = true
#define ENUM(ws, n) .type = KEY_ENUM, .words = (ws), .noun = (n)
#define NAME .type = KEY_NAME
#define PATH .type = KEY_PATH

#define SECONDS "a positive number of seconds"
#define BYTES "a number of bytes >= 0"
#define UTIL "a utilization in (0, 1]"
#define PAGES "a number of pages per second >= 0"
#define WAIT "a number of seconds >= 0"
#define WATTS "a number of watts >= 0"

#endif
