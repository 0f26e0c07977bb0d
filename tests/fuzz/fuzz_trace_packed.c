/*
 * fuzz_trace_packed: the packed day reader. The input is the file DAY.csv (or DAY.csv.gz when it
 * starts with gzip's magic bytes); what trace_read accepts goes through the pack-and-reread
 * oracle (trace_oracle.h).
 */
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "fuzz_common.h"
#include "trace.h"
#include "trace_oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct diag d;
	char file[4200];
	fuzz_path(file, sizeof file, fuzz_is_gzip(data, size) ? "20110303.csv.gz" : "20110303.csv");
	fuzz_write(file, data, size);
	diag_init(&d);
	struct trace_set *t = trace_read(file, 0, &d);
	if (t != NULL) {
		trace_oracle(t);
		trace_destroy(t);
	} else if (diag_errors(&d) == 0) {
		abort(); /* a failure must say why */
	}
	unlink(file);
	return 0;
}
