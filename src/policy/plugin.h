/*
 * plugin: policies from outside the program. A plugin is a shared object exporting
 * gm_policy_entry (<greenmig/policy.h>); plugin_load opens it (dlopen), checks what it returns
 * and registers the policy under its own name, next to the built-in ones (plugin_find finds
 * both). A program that embeds the library can also register a policy of its own
 * (plugin_register). Registration is process-wide and thread-safe; a plugin stays loaded until
 * the process ends (its code may be running in any thread of a sweep).
 */
#ifndef GREENMIG_PLUGIN_H
#define GREENMIG_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>

#include <greenmig/policy.h>

/*
 * Whether the --policy value s names a plugin file rather than a registered policy: it
 * contains a '/' or ends in ".so".
 */
bool plugin_is_path(const char *s);

/*
 * Loads the plugin at path (relative to the current directory) and registers its policy;
 * loading the same file again returns the policy registered the first time. 0 with *out set,
 * or -1 with "path: what is wrong" in msg: no such file, not a shared object, no
 * gm_policy_entry, an entry that returns NULL, another API version, a name already taken, or a
 * policy that is not well formed (plugin_check).
 */
int plugin_load(const char *path, const struct gm_policy **out, char *msg, size_t n);

/*
 * Registers p (which must outlive the process's runs) under p->name. origin names where it
 * came from in messages and listings ("built-in" is refused: those are in policy_table). 0, or
 * -1 with a message (p malformed, or its name taken).
 */
int plugin_register(const struct gm_policy *p, const char *origin, char *msg, size_t n);

/* Checks that p is well formed: API version, name, engines, parameters and their default,
 * the hooks its engines and migrations need. 0, or -1 with what is wrong in msg. */
int plugin_check(const struct gm_policy *p, char *msg, size_t n);

/* The policy called name: the built-in one (policy.h), else the registered one; or NULL. */
const struct gm_policy *plugin_find(const char *name);

/* The registered policies, in registration order: count, the i-th, and its origin (the
 * plugin's path as given when loaded, or the origin given to plugin_register). */
/* The public API functions plugins call (kept in a static program: see plugin.c). */
extern void (*const plugin_api[])(void);

int plugin_count(void);
const struct gm_policy *plugin_at(int i, const char **origin);

#endif
