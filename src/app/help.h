/*
 * help: the command line's help texts, kept in the library beside the commands they describe so
 * that main.c holds only option parsing and calls.
 */
#ifndef GREENMIG_HELP_H
#define GREENMIG_HELP_H

#include <stdio.h>

/* Writes the help of cmd ("greenmig": the program's own; "run", "sweep", ...) to out. 0, or -1
 * (unknown cmd, write error). */
int help_write(FILE *out, const char *cmd);

#endif
