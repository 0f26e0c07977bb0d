/*
 * replay: a main() for the libFuzzer harnesses without libFuzzer (gcc, make check). Calls
 * LLVMFuzzerTestOneInput once on every file given, and on every file of every folder given
 * (hidden files left out, in byte-wise name order), so that the seed corpora and the crashes
 * found once (tests/fuzz/regressions/HARNESS) are replayed by every `make check`. A crash
 * (abort(), a sanitizer report) fails the program; exits 1 if a file cannot be read.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_common.h"

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return -1;
	}
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	size_t got;
	while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			uint8_t *nb = realloc(buf, cap * 2);
			if (nb == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	int err = buf == NULL || ferror(f);
	fclose(f);
	if (err) {
		fprintf(stderr, "%s: cannot read\n", path);
		free(buf);
		return -1;
	}
	/* An exact-size copy, so that ASan sees a read past the input's end as libFuzzer would. */
	uint8_t *exact = malloc(n > 0 ? n : 1);
	if (exact == NULL)
		abort();
	memcpy(exact, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *path, long *count)
{
	DIR *dir = opendir(path);
	if (dir == NULL) {
		perror(path);
		return -1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char **nn = realloc(names, (n + 1) * sizeof *names);
		if (nn == NULL || (nn[n] = strdup(de->d_name)) == NULL)
			abort();
		names = nn;
		n++;
	}
	closedir(dir);
	if (n > 1)
		qsort(names, n, sizeof *names, by_name);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		char p[8192];
		snprintf(p, sizeof p, "%s/%s", path, names[i]);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			if (replay_file(p) != 0)
				rc = -1;
			(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	long count = 0;
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], &count) != 0)
				rc = 1;
		} else {
			if (replay_file(argv[i]) != 0)
				rc = 1;
			count++;
		}
	}
	printf("%s: %ld inputs replayed\n", argc > 0 ? argv[0] : "replay", count);
	return rc;
}
