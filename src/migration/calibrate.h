/*
 * calibrate: single-core throughput of the crypto the secure migration model charges, measured on
 * this machine with libsodium on 4 KiB messages (one guest page): SHA-256 and BLAKE2b-256 hashes,
 * and the authenticated encryption the page-level model uses (AES-256-GCM where the CPU has AES-NI
 * and PCLMUL, otherwise ChaCha20-Poly1305). For the [security] lines of an experiment file.
 */
#ifndef GREENMIG_CALIBRATE_H
#define GREENMIG_CALIBRATE_H

#include <stdbool.h>

struct calibration {
	double sha256_bps, blake2b_bps, aead_bps; /* bytes per second, one core */
	bool aes;                                 /* the AEAD is AES-256-GCM (else ChaCha20-Poly1305) */
	const char *library_version;
};

/* Measures each primitive for about `seconds` (>= 0.01). 0, or -1 (libsodium failed). */
int calibrate_run(double seconds, struct calibration *c);

#endif
