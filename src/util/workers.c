/*
 * workers: see workers.h. One word of state, (job id: 32 bits, chunks: 16, next chunk: 16),
 * changes only by compare-and-swap, so a chunk is claimed only while its job is the current one;
 * `done` counts the chunks finished. A new job is posted only after every chunk of the previous
 * one has finished, so a worker holding a job's function and context never sees them change
 * while it runs one of its chunks.
 */
#include "workers.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_CHUNKS 0xffff
#define SPIN_ROUNDS 4000 /* pause instructions: some tens of microseconds */

struct worker_arg {
	struct workers *w;
	int lane;
};

struct workers {
	int n;
	pthread_t threads[WORKERS_MAX];
	struct worker_arg args[WORKERS_MAX];
	int started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	uint32_t job;     /* (under mu) the job posted last */
	bool quit;        /* (under mu) */
	int sleepers;     /* (under mu) workers waiting on cv */
	void (*fn)(void *, int, int); /* (under mu) the current job's */
	void *ctx;
	_Atomic uint64_t state;
	atomic_int done;
};

static uint64_t pack(uint32_t job, int chunks, int next)
{
	return ((uint64_t)job << 32) | ((uint64_t)(unsigned)chunks << 16) | (uint64_t)(unsigned)next;
}

/* Claims and runs chunks of job `job` until none is left. */
static void run_chunks(struct workers *w, uint32_t job, void (*fn)(void *, int, int), void *ctx, int lane)
{
	uint64_t s = atomic_load_explicit(&w->state, memory_order_acquire);
	for (;;) {
		if ((uint32_t)(s >> 32) != job)
			return;
		int chunks = (int)((s >> 16) & 0xffff), next = (int)(s & 0xffff);
		if (next >= chunks)
			return;
		if (!atomic_compare_exchange_weak_explicit(&w->state, &s, s + 1, memory_order_acq_rel,
							   memory_order_acquire))
			continue; /* s now holds the current word */
		fn(ctx, lane, next);
		atomic_fetch_add_explicit(&w->done, 1, memory_order_release);
		s = atomic_load_explicit(&w->state, memory_order_acquire);
	}
}

static void cpu_relax(void)
{
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
	__builtin_ia32_pause();
#endif
}

static void *worker_main(void *arg)
{
	struct worker_arg *a = arg;
	struct workers *w = a->w;
	uint32_t seen = 0;
	for (;;) {
		/* Jobs often come in quick succession: watch for the next one a little while
		 * before sleeping (a wake-up costs more than the watch). */
		for (int i = 0; i < SPIN_ROUNDS; i++) {
			if ((uint32_t)(atomic_load_explicit(&w->state, memory_order_acquire) >> 32) != seen)
				break;
			cpu_relax();
		}
		pthread_mutex_lock(&w->mu);
		w->sleepers++;
		while (!w->quit && w->job == seen)
			pthread_cond_wait(&w->cv, &w->mu);
		w->sleepers--;
		if (w->quit) {
			pthread_mutex_unlock(&w->mu);
			return NULL;
		}
		seen = w->job;
		void (*fn)(void *, int, int) = w->fn;
		void *ctx = w->ctx;
		pthread_mutex_unlock(&w->mu);
		run_chunks(w, seen, fn, ctx, a->lane);
	}
}

struct workers *workers_create(int n)
{
	if (n < 2 || n > WORKERS_MAX)
		return NULL;
	struct workers *w = calloc(1, sizeof *w);
	if (w == NULL)
		return NULL;
	w->n = n;
	atomic_init(&w->state, pack(0, 0, 0));
	atomic_init(&w->done, 0);
	if (pthread_mutex_init(&w->mu, NULL) != 0) {
		free(w);
		return NULL;
	}
	if (pthread_cond_init(&w->cv, NULL) != 0) {
		pthread_mutex_destroy(&w->mu);
		free(w);
		return NULL;
	}
	for (int i = 1; i < n; i++) {
		w->args[i].w = w;
		w->args[i].lane = i;
		if (pthread_create(&w->threads[i], NULL, worker_main, &w->args[i]) != 0) {
			workers_destroy(w);
			return NULL;
		}
		w->started = i;
	}
	return w;
}

void workers_destroy(struct workers *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->quit = true;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	for (int i = 1; i <= w->started; i++)
		pthread_join(w->threads[i], NULL);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	free(w);
}

int workers_count(const struct workers *w)
{
	return w != NULL ? w->n : 1;
}

void workers_run(struct workers *w, int n_chunks, void (*fn)(void *ctx, int lane, int chunk), void *ctx)
{
	if (n_chunks <= 0)
		return;
	if (w == NULL || n_chunks == 1 || n_chunks > MAX_CHUNKS) {
		for (int c = 0; c < n_chunks; c++)
			fn(ctx, 0, c);
		return;
	}
	pthread_mutex_lock(&w->mu);
	uint32_t job = ++w->job;
	if (job == 0) /* (a worker's "seen" starts at 0) */
		job = ++w->job;
	w->fn = fn;
	w->ctx = ctx;
	atomic_store_explicit(&w->done, 0, memory_order_relaxed);
	atomic_store_explicit(&w->state, pack(job, n_chunks, 0), memory_order_release);
	if (w->sleepers > 0)
		pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	run_chunks(w, job, fn, ctx, 0);
	/* Only chunks a worker is running are left: wait for them. */
	while (atomic_load_explicit(&w->done, memory_order_acquire) < n_chunks)
		sched_yield();
}

int workers_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n >= 1 ? (int)(n > WORKERS_MAX ? WORKERS_MAX : n) : 1;
}
