/*
 * fuzz_merge: merge's manifest and run files (jobs_merge_read). The input is split at lines
 * holding only "%%": the first part is DIR/manifest, the next ones DIR/run-000001.csv,
 * DIR/run-000002.csv, ... (at most 4; the rest of the input goes to the last). A result of 0
 * must leave no run in error without a message; 1 must come with messages.
 */
#include <stdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fuzz_common.h"
#include "jobs.h"

#define MAX_RUNS 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct diag d;
	static char dir[4200];
	char file[4300];
	if (dir[0] == '\0') {
		fuzz_path(dir, sizeof dir, "jobs");
		if (mkdir(dir, 0700) != 0)
			abort();
	}
	const uint8_t *p = data, *end = data + size;
	int part = 0;
	while (part <= MAX_RUNS) {
		/* this part ends at the next "\n%%\n" (or "%%\n" at its start), unless it is the last */
		const uint8_t *stop = end, *next = end;
		if (part < MAX_RUNS) {
			if (end - p >= 3 && memcmp(p, "%%\n", 3) == 0) {
				stop = p;
				next = p + 3;
			} else {
				for (const uint8_t *q = p; end - q >= 4; q++)
					if (memcmp(q, "\n%%\n", 4) == 0) {
						stop = q + 1;
						next = q + 4;
						break;
					}
			}
		}
		if (part == 0)
			snprintf(file, sizeof file, "%s/manifest", dir);
		else
			snprintf(file, sizeof file, "%s/run-%06d.csv", dir, part);
		fuzz_write(file, p, (size_t)(stop - p));
		part++;
		if (stop == end)
			break;
		p = next;
	}
	struct jobs_merge m;
	memset(&m, 0, sizeof m);
	diag_init(&d);
	int rc = jobs_merge_read(dir, &m, &d);
	if (rc == 1 && diag_errors(&d) == 0)
		abort(); /* bad input must say why */
	if (rc == 0)
		for (long i = 0; i < m.n; i++)
			if ((m.rows[i] == NULL) == (m.error[i] == NULL))
				abort(); /* each run has a row or an error, not both */
	jobs_merge_free(&m);
	for (int i = 0; i < part; i++) {
		if (i == 0)
			snprintf(file, sizeof file, "%s/manifest", dir);
		else
			snprintf(file, sizeof file, "%s/run-%06d.csv", dir, i);
		unlink(file);
	}
	return 0;
}
