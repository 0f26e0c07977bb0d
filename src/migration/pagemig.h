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
	double dirty_rate;       /* distinct pages written per second; any finite rate: a step
	                          * never writes more than every page once */
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

/*
 * What an attack did, so that attack-succeeded is shown, not asserted: each harm the oracle found
 * (doc/migration-security.md#outcomes), with its first instance. -1: none.
 */
struct pagemig_harm {
	long leaks;                  /* TOCTTOU: protected plaintext pages read by the MM */
	int leak_pfn;                /* the first one */
	long leak_version;           /* its version (the secret) the MM read */
	long unauthorized_mappings;  /* resumption order: pinned page tables mapping a protected page
	                              * outside its owner's context, in the resumed VM */
	int unauth_pt_pfn;           /* the first such page table */
	int unauth_target_pfn;       /* the protected page it maps */
	int unauth_context;          /* the context that uses the mapping */
	long stale_protected;        /* replay: resumed protected pages that differ from the source */
	int stale_pfn;               /* the first one */
	long stale_version;          /* the version the target resumed with */
	long stale_source_version;   /* the version on the source at pause */
	int stale_round;             /* the round in which the resumed image left the source */
};

/* What the defences caught (security on), with the first instance of each. -1: none. */
struct pagemig_caught {
	int tocttou_pfn;             /* the first page remapped to the zero page while mapped */
	long zero_reads;             /* pages the MM read through a zero-page mapping */
	int pin_refused_pfn;         /* the first page table whose PIN came before the metadata */
	long pin_rejected;           /* page tables refused at validation: an entry to a protected
	                              * page outside its owner's context (after the metadata) */
	int pin_rejected_pfn;        /* the first such page table */
	int pin_rejected_target_pfn; /* and the protected page its entry maps */
	long hash_mismatch_pages;    /* protected pages whose image failed the hash check */
	int hash_mismatch_pfn;       /* the first one */
	long hash_mismatch_version;  /* the version the target held for it */
	int hash_mismatch_round;     /* the round in which that image left the source */
};

struct pagemig_result {
	int rounds;                  /* live rounds */
	long pages_plain, pages_encrypted; /* PAGE and EPAGE records, stop-and-copy included */
	long stop_pages;             /* pages sent during stop-and-copy */
	double bytes;                /* on the wire: pages, ciphertext expansion, metadata, hashes */
	double total_s, downtime_s;
	/* What the protocol and the defences cost, included in the figures above. Encryption of
	 * protected pages and the metadata are the protocol (charged with security on or off); the
	 * defences' cost is the hash pass on the source, the hash list on the wire and the target's
	 * check: 0 with security off, so on minus off is what the defences cost. */
	double encrypt_s;            /* source cipher time of the EPAGEs */
	double meta_bytes;           /* META: the protection levels */
	double defence_s;            /* source hashing + hash list on the wire + target check */
	double defence_bytes;        /* the hash list */
	long defence_tocttou, defence_pin_refused, defence_hash_mismatch;
	long leaks;                  /* protected plaintext read by the MM (= harm.leaks) */
	long integrity_unprotected;  /* unprotected pages differing after resume (out of scope) */
	struct pagemig_harm harm;
	struct pagemig_caught caught;
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
