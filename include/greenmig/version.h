/*
 * greenmig/version.h: the version of greenmig's public C API.
 *
 * GREENMIG_API_VERSION changes whenever a public structure, hook signature or function of the
 * headers under <greenmig/...> changes in a way that breaks code built against an earlier one. A
 * policy plugin records the version it was built with (struct gm_policy.api_version) and greenmig
 * refuses a plugin whose version is not its own.
 */
#ifndef GREENMIG_VERSION_H
#define GREENMIG_VERSION_H

#define GREENMIG_API_VERSION 1

/* The API version of the library actually loaded (the header's may differ from it). */
int gm_api_version(void);

#endif
