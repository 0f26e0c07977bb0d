/*
 * trace: workload traces, one CPU-utilization series per VM.
 *
 * Two on-disk forms hold one day:
 *  - the CloudSim/PlanetLab folder: one file per VM, one integer CPU percentage (0-100) per line,
 *    a sample every 300 s (288 lines = 24 h); a file ending in ".gz" is gunzipped on the fly and
 *    gives the same result as the plain file. Files are taken in byte-wise (strcmp) order of their
 *    names with any ".gz" suffix removed, never in directory order; VM i gets file i.
 *    Hidden files (names starting with '.') are not traces and are ignored.
 *  - the packed day: one gzip-compressed CSV file (conventionally DAY.csv.gz; plain .csv is read
 *    too) with a header "vm,0,300,600,..." (the sample times in seconds) and then one row per VM:
 *    its name and its samples, rows in byte-wise name order.
 * A run on the packed file of a folder gives byte-identical results to a run on the folder.
 *
 * Samples are kept as read (percent); the engine turns them into fractions (pct / 100.0, as
 * CloudSim's UtilizationModelPlanetLabInMemory does).
 *
 * A packed file may also hold, after the CPU samples, each VM's requested size (columns
 * "cores,mhz,ram_mb", a field empty where the trace lacks it) and a memory series (columns
 * "mem_0,mem_300,...", as many as the CPU samples: the memory used over the VM's RAM, integer
 * percent 0-100). Both are optional and only `greenmig pack --format` writes them; a file
 * without them reads as before (traces/README.md#the-packed-day-with-memory-and-sizes).
 */
#ifndef GREENMIG_TRACE_H
#define GREENMIG_TRACE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define TRACE_INTERVAL_S 300.0 /* seconds between two samples of a PlanetLab trace */

/*
 * Size limits, in bytes once decompressed, checked while reading (a gzip bomb stops there) and
 * by the writer (what pack writes, run reads). Generous for real data: a PlanetLab VM file is
 * 288 lines of at most 4 bytes (about 1 KB), a packed day's row about 1 KB, a packed day of
 * 1516 VMs about 1.8 MB, a synthetic day of 40000 VMs about 40 MB.
 */
#define TRACE_LINE_MAX ((size_t)64)          /* a line of a VM file (newline excluded) */
#define TRACE_FILE_MAX ((size_t)4 << 20)     /* a VM file: 4 MiB, about a million samples */
#define TRACE_ROW_MAX ((size_t)1 << 20)      /* a line of a packed day: 1 MiB, 200000+ samples */
#define TRACE_PACKED_MAX ((size_t)256 << 20) /* a packed day: 256 MiB */
#define TRACE_DAY_MAX TRACE_PACKED_MAX       /* a day folder: its VM files together, the same */

struct trace_set {
	char *path;          /* what was read: a day folder or a packed file */
	char *day;           /* day name: folder name, or file name without .csv.gz / .csv */
	size_t n_vms;
	char **names;        /* n_vms VM names (file names without .gz), byte-wise ascending */
	char **sources;      /* n_vms paths to cite in messages: the VM's file, or the packed file */
	long *source_lines;  /* n_vms: line of the VM's row in a packed file; 0 for one file per VM */
	size_t *n_samples;   /* n_vms sample counts */
	double **pct;        /* n_vms arrays of n_samples[i] CPU percentages (0-100) */
	/* Optional, NULL when the trace has none (every VM has both or none): */
	double **mem;        /* n_vms arrays of n_samples[i] memory percentages (used / the VM's RAM) */
	struct trace_vmsize *size; /* n_vms requested sizes */
	/* A trace over several days (trace_read_days; 0 and NULL otherwise): the set holds the
	 * first day; the others are read one at a time as a run reaches them (trace_day_read). */
	size_t n_days;
	char **day_paths;    /* n_days paths, in time order; day_paths[0] is what the set holds */
	size_t day_samples;  /* samples of every VM in every day */
};

/* A VM's requested size as its trace gives it; NAN where the trace does not say. */
struct trace_vmsize {
	double cores;        /* virtual cores (PEs) */
	double mhz;          /* capacity of one core, MHz (taken as MIPS) */
	double ram_mb;       /* memory, MB (1 MB = 1024 KB, 1 GB = 1024 MB) */
};

/*
 * Reads one day from a folder of per-VM files or from a packed file, as it streams (at most a
 * line and a read chunk held as text): a line or file past the limits above, a NUL byte, or a
 * folder entry other than a regular file (or a link to one) is an error. max_vms = 0 reads every
 * VM; otherwise exactly the first max_vms in name order (an error if the day has fewer).
 * Every bad line of every file is reported to d (up to its cap) before failing.
 * Returns a new set owned by the caller (trace_destroy), or NULL with messages in d.
 */
struct trace_set *trace_read(const char *path, size_t max_vms, struct diag *d);

void trace_destroy(struct trace_set *t);

/*
 * Checks that every VM has at least `needed` samples (the simulated time's need); reports
 * each short VM with its file and last line and how many samples are needed. 0 or -1.
 */
int trace_check_samples(const struct trace_set *t, size_t needed, struct diag *d);

/*
 * Writes t in the packed form (gzip CSV) to out_path as outfile_write does: atomically through a
 * temporary file beside it, nothing left behind on failure; "-" = stdout; a FIFO or device written
 * in place. Writes only what trace_read gives back unchanged: names in strict byte-wise order, not
 * empty (quoted where libcsv would trim or split them), integer samples 0-100, lines and file
 * within the limits above. 0 or -1.
 */
int trace_write_packed(const struct trace_set *t, const char *out_path, struct diag *d);

/*
 * Does the day at path (a day folder or packed file, as trace_resolve_day gives) have a memory
 * series? Reads only a packed file's header (a day folder has none). 0, or -1 with a message.
 */
int trace_has_memory(const char *path, bool *has, struct diag *d);

/*
 * Finds one day under path. path is a day folder or packed file (then day may be NULL or must
 * match its day name), or a folder holding several days as sub-folders or packed files DAY.csv.gz
 * (then day picks one: the sub-folder DAY, DAY.csv.gz or DAY.csv, an error if two of them exist;
 * if NULL it is an error listing the days). Returns a malloc'd path owned by the caller, or NULL
 * with a message naming the days there are.
 */
char *trace_resolve_day(const char *path, const char *day, struct diag *d);

/*
 * Lists the days under a multi-day folder in byte-wise order (names without suffix): its
 * sub-folders, DAY.csv and DAY.csv.gz files; names starting with '.' are ignored. Any other entry
 * (a dangling link, a FIFO, another file) and a day held twice (DAY/ and DAY.csv.gz) are errors
 * naming them. Returns the count and a malloc'd array of malloc'd names in *days (free each,
 * then the array), or -1 with messages.
 */
long trace_list_days(const char *path, char ***days, struct diag *d);

/*
 * A trace over several days (traces/README.md#runs-over-several-days): n_days consecutive days
 * of the folder of days path, in byte-wise order of their names, starting at first (NULL: the
 * first day there), played one after the other. Reads the first day whole (every VM); the others
 * are only located. Every VM of the first day must have the same number of samples. Returns the
 * first day's set with n_days, day_paths and day_samples filled, or NULL with messages.
 */
struct trace_set *trace_read_days(const char *path, const char *first, size_t n_days, struct diag *d);

/*
 * Reads day j (1 <= j < t->n_days) of a trace over several days into *out (the caller destroys
 * it) and checks it against the first day: the same VMs in the same order, day_samples samples
 * each, the same sizes, and a memory series in both or in neither; a difference is reported at
 * the day's file and line. 0, or -1 with messages (*out NULL).
 */
int trace_day_read(const struct trace_set *t, size_t j, struct trace_set **out, struct diag *d);

/*
 * Writes t (every VM with the same number of samples, a multiple of day_samples) cut into days
 * of day_samples as a folder of days under dir (made if missing), one packed day each
 * (trace_write_packed; times from 0): the files trace_day_file names. 0, or -1 with a message.
 */
int trace_write_days(const struct trace_set *t, size_t day_samples, const char *dir, struct diag *d);

/* dir/dayNN.csv.gz for day j (from 0) of n_days, zero-padded to at least two digits so that name
 * order is time order (malloc'd; NULL if out of memory). */
char *trace_day_file(const char *dir, size_t j, size_t n_days);

#endif
