/* trace_oracle: pack what trace_read accepted, read it back, compare (trace_oracle.h): names,
 * samples, and the optional size and memory columns. */
#include "trace_oracle.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fuzz_common.h"

static void print_diag(const struct diag *d)
{
	for (int i = 0; i < d->count; i++)
		fprintf(stderr, "  %s\n", d->msg[i]);
}

static void fail(const char *what, size_t vm)
{
	fprintf(stderr, "trace_oracle: %s (VM %zu)\n", what, vm);
	abort();
}

/* Equal, or both NaN (a size the trace does not give). */
static int same(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

void trace_oracle(const struct trace_set *t)
{
	static struct diag d;
	char out[4200];
	fuzz_path(out, sizeof out, "repacked.csv.gz");
	diag_init(&d);
	if (trace_write_packed(t, out, &d) != 0) {
		fprintf(stderr, "trace_oracle: trace_write_packed refused what trace_read accepted:\n");
		print_diag(&d);
		abort();
	}
	diag_init(&d);
	struct trace_set *back = trace_read(out, 0, &d);
	if (back == NULL) {
		fprintf(stderr, "trace_oracle: trace_read refused what trace_write_packed wrote:\n");
		print_diag(&d);
		abort();
	}
	if (back->n_vms != t->n_vms)
		fail("another number of VMs", 0);
	for (size_t i = 0; i < t->n_vms; i++) {
		if (strcmp(back->names[i], t->names[i]) != 0)
			fail("another name", i);
		if (back->n_samples[i] != t->n_samples[i])
			fail("another number of samples", i);
		for (size_t k = 0; k < t->n_samples[i]; k++)
			if (back->pct[i][k] != t->pct[i][k])
				fail("another sample value", i);
		/* the optional columns (sizes, memory) come back as they were */
		if ((back->mem != NULL) != (t->mem != NULL) || (back->size != NULL) != (t->size != NULL))
			fail("memory or size columns lost or added", i);
		for (size_t k = 0; t->mem != NULL && k < t->n_samples[i]; k++)
			if (back->mem[i][k] != t->mem[i][k])
				fail("another memory value", i);
		if (t->size != NULL && (!same(back->size[i].cores, t->size[i].cores) ||
					!same(back->size[i].mhz, t->size[i].mhz) ||
					!same(back->size[i].ram_mb, t->size[i].ram_mb)))
			fail("another size", i);
	}
	trace_destroy(back);
	unlink(out);
}
