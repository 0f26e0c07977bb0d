/*
 * fuzz_trace_folder: the day folder reader, one VM file per input. The input is the folder's only
 * file, "vm" (or "vm.gz" when it starts with gzip's magic bytes: read through zlib); what
 * trace_read accepts goes through the pack-and-reread oracle (trace_oracle.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fuzz_common.h"
#include "trace.h"
#include "trace_oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct diag d;
	static char day[4200];
	char file[4300];
	if (day[0] == '\0') {
		fuzz_path(day, sizeof day, "day");
		if (mkdir(day, 0700) != 0)
			abort();
	}
	snprintf(file, sizeof file, "%s/%s", day, fuzz_is_gzip(data, size) ? "vm.gz" : "vm");
	fuzz_write(file, data, size);
	diag_init(&d);
	struct trace_set *t = trace_read(day, 0, &d);
	if (t != NULL) {
		if (t->n_vms != 1)
			abort();
		trace_oracle(t);
		trace_destroy(t);
	} else if (diag_errors(&d) == 0) {
		abort(); /* a failure must say why */
	}
	unlink(file);
	return 0;
}
