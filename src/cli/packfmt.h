/*
 * packfmt: the published-trace forms of two commands, "greenmig pack --format F INPUT... -o FILE"
 * and "greenmig synth --format F ... -o DIR" (src/io/tracefmt.h). main.c hands a pack or synth
 * command line to these when it names --format.
 */
#ifndef GREENMIG_PACKFMT_H
#define GREENMIG_PACKFMT_H

#include <stdbool.h>

/* Does the command line (argv[1..argc-1]) give --format? */
bool packfmt_wanted(int argc, char **argv);

int packfmt_pack(int argc, char **argv);
int packfmt_synth(int argc, char **argv);

#endif
