/*
 * fuzz_common: what the libFuzzer harnesses of tests/fuzz share. The library reads paths, so a
 * harness writes its input to files in a private folder made once per process (under $TMPDIR,
 * default /tmp) and removed at exit.
 */
#ifndef GREENMIG_FUZZ_COMMON_H
#define GREENMIG_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The process's scratch folder (created on first call; abort() if it cannot be). */
const char *fuzz_dir(void);

/* dir/name into buf (abort() if it does not fit). */
void fuzz_path(char *buf, size_t n, const char *name);

/* Writes size bytes to path, replacing it (abort() on failure: not the input's fault). */
void fuzz_write(const char *path, const void *data, size_t size);

/* Whether data starts with gzip's magic bytes (the harness then names its file *.gz). */
int fuzz_is_gzip(const uint8_t *data, size_t size);

#endif
