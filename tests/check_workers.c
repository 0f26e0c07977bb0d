/*
 * workers: every chunk of every job runs exactly once, on a lane in range, whatever the number of
 * threads; a NULL set runs the chunks in order on lane 0; out-of-range sizes give NULL.
 */
#include <check.h>
#include <stdatomic.h>
#include <string.h>

#include "suites.h"
#include "workers.h"

#define MAX_TEST_CHUNKS 300

struct job {
	atomic_int runs[MAX_TEST_CHUNKS]; /* per chunk: times run */
	atomic_int bad_lane;
	int lanes;
	int order[MAX_TEST_CHUNKS];       /* NULL set: the chunks in the order run */
	int n_order;
	long sum[WORKERS_MAX];            /* per lane: a little work, so that lanes overlap */
	atomic_long on_others;            /* chunks run by lanes other than the caller's */
};

static void count_chunk(void *ctx, int lane, int chunk)
{
	struct job *j = ctx;
	if (lane < 0 || lane >= j->lanes)
		atomic_fetch_add(&j->bad_lane, 1);
	else
		for (int i = 0; i < 20000; i++) /* (volatile: not folded away) */
			((volatile long *)j->sum)[lane] += (long)i * chunk;
	if (lane > 0)
		atomic_fetch_add(&j->on_others, 1);
	atomic_fetch_add(&j->runs[chunk], 1);
}

static void record_order(void *ctx, int lane, int chunk)
{
	struct job *j = ctx;
	ck_assert_int_eq(lane, 0);
	j->order[j->n_order++] = chunk;
}

START_TEST(test_workers_each_chunk_once)
{
	for (int n = 2; n <= 4; n++) {
		struct workers *w = workers_create(n);
		ck_assert_ptr_nonnull(w);
		ck_assert_int_eq(workers_count(w), n);
		static struct job j;
		long others = 0;
		/* many jobs in a row, of every size up to MAX_TEST_CHUNKS: a worker that wakes late
		 * must not run a chunk of a job that is over, nor miss one of the current job */
		for (int round = 0; round < 300; round++) {
			int chunks = 1 + (round * 37) % MAX_TEST_CHUNKS;
			memset(&j, 0, sizeof j);
			j.lanes = n;
			workers_run(w, chunks, count_chunk, &j);
			for (int c = 0; c < MAX_TEST_CHUNKS; c++) {
				int runs = atomic_load(&j.runs[c]);
				ck_assert_int_eq(runs, c < chunks ? 1 : 0);
			}
			int bad = atomic_load(&j.bad_lane);
			ck_assert_int_eq(bad, 0);
			others += atomic_load(&j.on_others);
		}
		/* the other threads did take chunks (300 jobs give them every chance to wake) */
		ck_assert(others > 0);
		workers_destroy(w);
	}
}
END_TEST

START_TEST(test_workers_null_runs_in_order)
{
	static struct job j;
	memset(&j, 0, sizeof j);
	ck_assert_int_eq(workers_count(NULL), 1);
	workers_run(NULL, 7, record_order, &j);
	ck_assert_int_eq(j.n_order, 7);
	for (int c = 0; c < 7; c++)
		ck_assert_int_eq(j.order[c], c);
	workers_run(NULL, 0, record_order, &j); /* nothing */
	ck_assert_int_eq(j.n_order, 7);
	workers_destroy(NULL);
}
END_TEST

START_TEST(test_workers_sizes)
{
	ck_assert_ptr_null(workers_create(1));  /* one lane: the caller alone, no set needed */
	ck_assert_ptr_null(workers_create(0));
	ck_assert_ptr_null(workers_create(WORKERS_MAX + 1));
	ck_assert_int_ge(workers_cpus(), 1);
	ck_assert_int_le(workers_cpus(), WORKERS_MAX);
}
END_TEST

Suite *workers_suite(void)
{
	Suite *s = suite_create("workers");
	TCase *core = tcase_create("core");
	tcase_set_timeout(core, 60);
	tcase_add_test(core, test_workers_each_chunk_once);
	tcase_add_test(core, test_workers_null_runs_in_order);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_workers_sizes);
	suite_add_tcase(s, errors);
	return s;
}
