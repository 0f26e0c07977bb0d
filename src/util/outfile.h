/*
 * outfile: output files as careful tools write them.
 *
 * A regular file is replaced atomically: the data goes to a temporary file created exclusively
 * (mkstemp: O_CREAT|O_EXCL, so a pre-planted symlink is never followed) with an unpredictable
 * name beside the target ("DIR/.NAME.XXXXXX"), is flushed and fsync'd, takes the target's
 * permission bits (or 0666 & ~umask for a new file, as fopen would give) and is renamed onto the
 * target; on failure it is removed and the target is untouched. A symlink to a regular file is
 * kept: the file it points to is replaced, the temporary file living in that file's folder.
 * "-" is standard output; a target that exists and is not a regular file (a FIFO, a device such
 * as /dev/null or /dev/stdout) is written in place, never replaced by a regular file.
 *
 * The paths in flight (temporary files, and folders built to be renamed into place) are kept in
 * a small fixed registry, the one piece of global state of the library, so that a signal handler
 * can remove them: outfile_remove_in_flight() is async-signal-safe.
 */
#ifndef GREENMIG_OUTFILE_H
#define GREENMIG_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"

/* One output being written. Fill it with outfile_open; end it with outfile_commit or _abort. */
struct outfile {
	FILE *f;      /* write here */
	char *name;   /* the path as given, for messages (owned) */
	char *target; /* what the temporary file replaces (symlinks resolved), NULL when in place */
	char *tmp;    /* the temporary file, NULL when written in place or to stdout */
	int slot;     /* registry slot of tmp, -1 if none */
	bool is_stdout;
};

/*
 * Opens path for writing as described above ("-" = stdout). 0, or -1 with a message naming path
 * (a folder, a dangling symlink, a folder that does not exist, no permission).
 */
int outfile_open(struct outfile *o, const char *path, struct diag *d);

/*
 * Ends a successful write: flushes, fsyncs and renames the temporary file onto its target, then
 * fsyncs the target's folder so the rename survives a crash (or closes the file written in place;
 * stdout is flushed, not closed). 0, or -1 with a message, the temporary file then removed and the
 * target untouched (except when only the folder's sync failed: the message says so).
 */
int outfile_commit(struct outfile *o, struct diag *d);

/* Ends a failed write: closes and removes the temporary file. Safe on a zeroed struct. */
void outfile_abort(struct outfile *o);

/*
 * Writes path with write(f, ctx) through outfile_open/_commit: nothing is left behind when write
 * returns non-zero. 0 or -1 with a message ("PATH: cannot write: REASON").
 */
int outfile_write(const char *path, int (*write)(FILE *, const void *), const void *ctx,
		  struct diag *d);

/* The process's umask (read once): a new file gets 0666 & ~umask, a new folder 0777 & ~umask. */
/* fsyncs the folder that holds path (after a rename into it). 0, or -1 with errno. */
int outfile_sync_dir_of(const char *path);

unsigned outfile_umask(void);

/*
 * The registry of paths in flight, OUTFILE_SLOTS of at most OUTFILE_PATH_MAX bytes: outfile
 * itself tracks its temporary files; callers that build a folder to rename into place track its
 * files (is_dir false) and folders (is_dir true). outfile_track returns the slot, or -1 when the
 * registry is full or the path too long (the path is then simply not cleaned up on a signal).
 * Thread-safe.
 */
#define OUTFILE_SLOTS 64
#define OUTFILE_PATH_MAX 4096
int outfile_track(const char *path, bool is_dir);
void outfile_untrack(int slot);

/*
 * Async-signal-safe: unlinks every tracked file, then removes every tracked folder (deepest
 * first, so empty ones go). For a SIGINT/SIGTERM handler, which then re-raises the signal.
 */
void outfile_remove_in_flight(void);

#endif
