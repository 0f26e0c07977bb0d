/*
 * workers: a fixed set of threads that run the chunks of one job together with the caller.
 *
 * A job is n_chunks calls fn(ctx, lane, chunk), each chunk exactly once; lane is 0 on the calling
 * thread and 1 .. workers_count - 1 on the others, so a job can give each lane its own scratch
 * and outputs. Which lane runs which chunk changes from run to run: a job must make its result
 * independent of that (greenmig's results never depend on the number of threads).
 *
 * The caller takes chunks too and never waits for a worker that has not started: a chunk is
 * claimed by a compare-and-swap on one word that holds the job, its chunk count and the next
 * chunk, so a worker that wakes late finds every chunk taken and sleeps again; workers_run
 * returns once every chunk has finished.
 */
#ifndef GREENMIG_WORKERS_H
#define GREENMIG_WORKERS_H

#define WORKERS_MAX 16 /* lanes at most */

struct workers;

/* n threads in all, the caller included (2 .. WORKERS_MAX); NULL if threads cannot be had. */
struct workers *workers_create(int n);
void workers_destroy(struct workers *w);

/* Lanes: 1 for NULL (everything on the caller). */
int workers_count(const struct workers *w);

/* Runs the job (w may be NULL: every chunk on the caller, in order) and returns when it is done. */
void workers_run(struct workers *w, int n_chunks, void (*fn)(void *ctx, int lane, int chunk), void *ctx);

/* The machine's online processors (at least 1). */
int workers_cpus(void);

#endif
