/*
 * calibrate: single-core throughput of the crypto the secure migration model charges, measured on
 * this machine with libsodium on 4 KiB messages (one guest page): SHA-256 and BLAKE2b-256 hashes,
 * and the authenticated encryption the page-level model uses (AES-256-GCM where the CPU has AES-NI
 * and PCLMUL, otherwise ChaCha20-Poly1305). For the [security] lines of an experiment file and for
 * `greenmig migrate --calibration FILE`.
 *
 * Throughputs are bytes over the process's CPU time (CLOCK_PROCESS_CPUTIME_ID), not wall time,
 * so time the process spends descheduled on a loaded machine does not count; each primitive is
 * measured `repeat` times and reported as min / median / max, the median being the figure used.
 */
#ifndef GREENMIG_CALIBRATE_H
#define GREENMIG_CALIBRATE_H

#include <stdbool.h>

#include "diag.h"

#define CALIBRATE_MIN_SECONDS 0.001 /* CPU seconds per repetition: below, the clock's resolution
				     * and the loop's granularity (64 messages) dominate */
#define CALIBRATE_MAX_SECONDS 60.0
#define CALIBRATE_MAX_REPEAT 1000

struct calibrate_params {
	double seconds; /* CPU seconds per repetition of each primitive (default 0.1) */
	int repeat;     /* repetitions of each primitive (default 5) */
};

/* Throughputs of one primitive over the repetitions, bytes per CPU second. */
struct calibrate_spread {
	double min, median, max;
};

struct calibration {
	struct calibrate_spread sha256, blake2b, aead;
	bool aes;                    /* the AEAD is AES-256-GCM (else ChaCha20-Poly1305) */
	double seconds;              /* as measured with */
	int repeat;
	const char *library_version; /* libsodium's; static storage */
};

void calibrate_defaults(struct calibrate_params *p);

/* Measures each primitive p->repeat times for p->seconds of CPU time. 0, or -1 with a message
 * (a parameter out of range, libsodium failed, no CPU clock). */
int calibrate_run(const struct calibrate_params *p, struct calibration *c, struct diag *d);

/* The figures migrate takes: what `greenmig calibrate` prints. */
struct calibrate_figures {
	double cipher_bps; /* the AEAD, bytes/s on one core */
	double hash_bps;   /* BLAKE2b */
};

/*
 * Reads calibrate's output format from path: blank lines, comments ('#' or ';'), one "[security]"
 * section header, then "cipher_bps = X" and "hash_bps = X" (X finite and > 0), each once. Any
 * other line, section or key, a duplicate, a NUL byte or a line longer than 1023 bytes is an error
 * "path:line: ..."; every bad line is reported. 0, or -1 with messages (f unchanged).
 */
int calibrate_read(const char *path, struct calibrate_figures *f, struct diag *d);

#endif
