/*
 * fuzz_tracefmt: the published-trace readers (pack --format). The input's first byte picks the
 * format (mod 4); the rest, split at the first "\n--\n", is the format's two files: Bitbrains
 * two VM files, Azure vmtable and a readings shard, Alibaba container_meta and container_usage,
 * Google a task_events and a task_usage part (folders task_events/ and task_usage/). Each pack
 * runs with the busiest selection of one VM, then of all, over a 900 s window; what it accepts
 * goes through the pack-and-reread oracle (trace_oracle.h), and a failure must say why.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fuzz_common.h"
#include "trace.h"
#include "trace_oracle.h"
#include "tracefmt.h"

static const char *const names[4][2] = {
	{ "1.csv", "2.csv" },
	{ "vmtable.csv", "vm_cpu_readings-file-1-of-1.csv" },
	{ "container_meta.csv", "container_usage.csv" },
	{ "task_events/part-00000-of-00001.csv", "task_usage/part-00000-of-00001.csv" },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct diag d;
	if (size < 1)
		return 0;
	int f = data[0] % 4;
	data++;
	size--;
	size_t cut = size, rest = size;
	for (size_t i = 0; i + 4 <= size; i++)
		if (memcmp(data + i, "\n--\n", 4) == 0) {
			cut = i + 1;
			rest = i + 4;
			break;
		}
	char dir[4200], file[2][4200];
	fuzz_path(dir, sizeof dir, "in");
	mkdir(dir, 0700);
	if (f == 3) {
		fuzz_path(file[0], sizeof file[0], "in/task_events");
		mkdir(file[0], 0700);
		fuzz_path(file[0], sizeof file[0], "in/task_usage");
		mkdir(file[0], 0700);
	}
	for (int k = 0; k < 2; k++) {
		char rel[200];
		strcpy(rel, "in/");
		strcat(rel, names[f][k]);
		fuzz_path(file[k], sizeof file[k], rel);
	}
	fuzz_write(file[0], data, cut);
	fuzz_write(file[1], data + rest, size - rest);
	const char *in[2] = { file[0], file[1] };
	for (int pass = 0; pass < 2; pass++) {
		struct tracefmt_params p;
		tracefmt_params_init(&p, (enum tracefmt_format)f);
		p.duration_s = 900;
		p.select = TRACEFMT_BUSIEST;
		p.max_vms = pass == 0 ? 1 : 0;
		struct tracefmt_report r;
		diag_init(&d);
		struct trace_set *t = tracefmt_pack(&p, in, 2, &r, &d);
		if (t != NULL) {
			trace_oracle(t);
			trace_destroy(t);
		} else if (diag_errors(&d) == 0) {
			abort(); /* a failure must say why */
		}
	}
	unlink(file[0]);
	unlink(file[1]);
	return 0;
}
