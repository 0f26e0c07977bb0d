/* fuzz_common: the harnesses' scratch folder and file helpers (fuzz_common.h). */
#include "fuzz_common.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char scratch[4096];

static void remove_scratch(void)
{
	DIR *dir = opendir(scratch);
	if (dir != NULL) {
		struct dirent *de;
		char p[4352];
		while ((de = readdir(dir)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof p, "%s/%s", scratch, de->d_name);
			unlink(p);
		}
		closedir(dir);
	}
	rmdir(scratch);
}

const char *fuzz_dir(void)
{
	if (scratch[0] == '\0') {
		const char *tmp = getenv("TMPDIR");
		if (tmp == NULL || tmp[0] == '\0')
			tmp = "/tmp";
		if (snprintf(scratch, sizeof scratch, "%s/greenmig-fuzz.XXXXXX", tmp) >= (int)sizeof scratch ||
		    mkdtemp(scratch) == NULL) {
			perror("fuzz: mkdtemp");
			abort();
		}
		atexit(remove_scratch);
	}
	return scratch;
}

void fuzz_path(char *buf, size_t n, const char *name)
{
	if (snprintf(buf, n, "%s/%s", fuzz_dir(), name) >= (int)n)
		abort();
}

void fuzz_write(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

int fuzz_is_gzip(const uint8_t *data, size_t size)
{
	return size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}
