/*
 * pagemig: a page-level model of one secure live migration
 * (doc/migration-security.md#page-level-model): a VM of N real pages, a seeded writer, protected
 * processes, a migration manager (MM) that checks, maps and sends pages in pre-copy rounds, and the
 * security module of the source and target VMMs with real authenticated encryption and hashing
 * (libsodium: AES-256-GCM where the CPU has AES-NI, else ChaCha20-Poly1305; BLAKE2b for page hashes
 * and the MACs of the metadata and hash lists). The MM can mount three attacks; three defences stop
 * them; an oracle classifies the outcome (doc/migration-security.md#outcomes). The data protection
 * module (protected pages leave the source only as ciphertext) is always on: it is the protocol;
 * `security` switches the three defences:
 *   TOCTTOU: a page protected after the MM mapped it is remapped to the zero page;
 *   resumption order: the target VMM refuses to pin page tables before the metadata is restored;
 *   replay: every protected page is hashed at stop-and-copy and verified on the target before
 *   it resumes (a missing or forged hash list refuses the resume).
 * Times come from the same per-page costs as precopy.h (doc/migration-security.md#encrypted-rounds,
 * doc/migration-security.md#secure-stop-and-copy), so the run is deterministic.
 */
#ifndef GREENMIG_PAGEMIG_H
#define GREENMIG_PAGEMIG_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

enum pagemig_attack {
	PAGEMIG_ATTACK_NONE,
	PAGEMIG_ATTACK_TOCTTOU,      /* a page protected between the MM's check/map and its read */
	PAGEMIG_ATTACK_RESUME_ORDER, /* PIN of an illegal page table before the metadata */
	PAGEMIG_ATTACK_REPLAY,       /* a stale ciphertext of a protected page at stop-and-copy */
};

enum pagemig_outcome {
	PAGEMIG_CLEAN,
	PAGEMIG_PREVENTED,
	PAGEMIG_DETECTED,
	PAGEMIG_SUCCEEDED,
};

struct pagemig_params {
	int pages;               /* N (M in doc/migration-security.md#notation) */
	int batch;               /* pages mapped per hypercall (Xen: up to 1024) */
	double dirty_rate;       /* distinct pages written per second */
	double bandwidth;        /* bytes/s */
	double protected_share;  /* pages owned by a protected process at the start */
	double protect_rate;     /* natural protect events per second (0: only the scripted ones) */
	enum pagemig_attack attack;
	bool security;           /* the three defences */
	uint64_t seed;
	int max_rounds;          /* Xen stop rule: R_max, S_thr, X */
	int stop_pages;
	double max_factor;
	double cipher_bps, hash_bps; /* per-page costs for the timings (precopy.h defaults) */
};

struct pagemig_result {
	int rounds;                  /* live rounds */
	long pages_plain, pages_encrypted; /* PAGE and EPAGE records, stop-and-copy included */
	long stop_pages;             /* pages sent during stop-and-copy */
	double bytes;                /* on the wire: pages, ciphertext expansion, metadata, hashes */
	double total_s, downtime_s;
	long defence_tocttou, defence_pin_refused, defence_hash_mismatch;
	long leaks;                  /* protected plaintext read by the MM */
	long integrity_unprotected;  /* unprotected pages differing after resume (out of scope) */
	bool resumed;                /* the target resumed the VM */
	enum pagemig_outcome outcome;
	int outcome_pfn;             /* the first page behind the outcome (-1: none) */
	const char *cipher;          /* "aes256gcm" or "chacha20poly1305" */
};

void pagemig_defaults(struct pagemig_params *p);

/* Runs one migration. 0, or -1 with a message (bad parameter, out of memory, no crypto). */
int pagemig_run(const struct pagemig_params *p, struct pagemig_result *r, struct diag *d);

/* "clean", "attack-prevented", "attack-detected", "attack-succeeded". */
const char *pagemig_outcome_name(enum pagemig_outcome o);

#endif
