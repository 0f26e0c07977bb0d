/*
 * fuzz_trace_days: a run over several days (trace_read_days, trace_day_read): a folder of two
 * packed days whose second is checked against the first (the same VMs, samples, sizes and
 * memory columns). The input is the two files split at the first line "--": d1.csv, then d2.csv.
 * A failure must say why; a first day read goes through the pack-and-reread oracle, and a second
 * day accepted must match the first as trace_day_read promises.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fuzz_common.h"
#include "trace.h"
#include "trace_oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct diag d;
	char day1[4200], day2[4200];
	fuzz_path(day1, sizeof day1, "d1.csv");
	fuzz_path(day2, sizeof day2, "d2.csv");
	size_t cut = size, rest = size;
	for (size_t i = 0; i + 2 < size; i++)
		if ((i == 0 || data[i - 1] == '\n') && data[i] == '-' && data[i + 1] == '-' &&
		    (i + 2 == size || data[i + 2] == '\n')) {
			cut = i;
			rest = i + 3 < size ? i + 3 : size;
			break;
		}
	fuzz_write(day1, data, cut);
	fuzz_write(day2, data + rest, size - rest);
	diag_init(&d);
	struct trace_set *t = trace_read_days(fuzz_dir(), "d1", 2, &d);
	if (t == NULL) {
		if (diag_errors(&d) == 0)
			abort(); /* a failure must say why */
	} else {
		if (t->n_days != 2 || t->n_vms == 0)
			abort();
		for (size_t i = 0; i < t->n_vms; i++)
			if (t->n_samples[i] != t->day_samples)
				abort(); /* every VM of the first day has day_samples */
		trace_oracle(t);
		struct trace_set *u = NULL;
		diag_init(&d);
		if (trace_day_read(t, 1, &u, &d) != 0) {
			if (u != NULL || diag_errors(&d) == 0)
				abort();
		} else {
			if (u->n_vms != t->n_vms || (u->mem != NULL) != (t->mem != NULL))
				abort();
			for (size_t i = 0; i < t->n_vms; i++)
				if (strcmp(u->names[i], t->names[i]) != 0 || u->n_samples[i] != t->day_samples)
					abort();
			trace_destroy(u);
		}
		trace_destroy(t);
	}
	unlink(day1);
	unlink(day2);
	return 0;
}
