/*
 * precopy: the analytic cost of one live migration by iterative pre-copy (Clark et al. 2005, Xen's
 * stop rules, SimGrid's downtime rule), plain or secure (encryption of the protected pages in every
 * round, a hash pass over all protected pages at stop-and-copy verified on the target, security
 * metadata on the wire): doc/migration-security.md#round-recurrence,
 * doc/migration-security.md#closed-forms, doc/migration-security.md#encrypted-rounds,
 * doc/migration-security.md#secure-stop-and-copy and doc/migration-security.md#security-costs.
 * Pages are fractional here (the page-level model, pagemig.h, counts whole pages).
 */
#ifndef GREENMIG_PRECOPY_H
#define GREENMIG_PRECOPY_H

#include <stdbool.h>

#define PRECOPY_MAX_ROUNDS 64

enum precopy_stop { PRECOPY_STOP_XEN, PRECOPY_STOP_SIMGRID };

struct precopy_params {
	double pages;         /* M: VM memory in pages */
	double page_bytes;    /* P (4096) */
	double bandwidth;     /* B: bytes/s */
	double dirty_rate;    /* D: distinct pages written per second (constant) */
	enum precopy_stop stop;
	int max_rounds;       /* R_max: live rounds, round 0 included (Xen v1: 29) */
	double stop_pages;    /* S_thr (Xen: 50) */
	double max_factor;    /* X: total pages sent / M (Xen v1: 3) */
	double max_downtime;  /* T_dmax, s (SimGrid: 0.03) */
	double resume_s;      /* T_res */
	/* security (secure = false: the plain model) */
	bool secure;
	double protected_share;       /* p */
	double protected_dirty_share; /* p_d */
	double cipher_bps;            /* C: AEAD bytes/s per core */
	double hash_bps;              /* H: hash bytes/s per core */
	int cores_source, cores_target; /* k_s, k_t */
	double expansion_bytes;       /* e: nonce + tag per protected page */
	double hash_bytes;            /* h */
	double meta_bytes;            /* m */
	bool overlap;                 /* crypto overlaps sending */
	bool hash_incremental;        /* at the stop, hash only the protected pages sent then */
};

struct precopy_result {
	int rounds;                       /* n: live rounds (0 .. n - 1) */
	double round_pages[PRECOPY_MAX_ROUNDS]; /* N_0 .. N_{n-1} */
	double stop_pages;                /* N_n: sent during stop-and-copy */
	double per_page_s;                /* tau: time to move one page */
	double total_s;                   /* T_total */
	double downtime_s;                /* T_down */
	double bytes;                     /* V: memory, ciphertext expansion, hashes, metadata */
	bool converged;                   /* the dirty set shrank below the stop condition */
	double cpu_source_s, cpu_target_s; /* crypto CPU-seconds (0 if plain) */
};

/* The defaults of doc/migration-security.md#pre-copy-parameters and
 * doc/migration-security.md#security-parameters (Xen stop rule, AES-256-GCM 1.5e9, BLAKE2b 1e9,
 * p = 0.1, one core, serial, full hashing), for a VM of `pages` pages over `bandwidth` bytes/s. */
void precopy_defaults(struct precopy_params *p, double pages, double bandwidth);

/* Evaluates the model. 0, or -1 if a parameter is out of range (pages, bandwidth > 0, ...). */
int precopy_eval(const struct precopy_params *p, struct precopy_result *r);

/*
 * The same model one round at a time, for a migration whose bandwidth changes while it runs (the
 * network model, doc/network.md#pre-copy-over-the-network). Each chunk is the bytes of a round on
 * the wire, then the CPU time that round adds without the wire (secure: the serial encryption; at
 * the stop-and-copy: the hash passes and the resume). The caller times each chunk at the rates its
 * flow gets and hands the time back; the next round's pages are the pages dirtied meanwhile. At a
 * constant bandwidth p->bandwidth the chunks' times add up to precopy_eval's total_s and the last
 * chunk's to its downtime_s. p->bandwidth matters only to the SimGrid stop rule, which uses the
 * rate the last round achieved instead.
 */
struct precopy_walk {
	int round;       /* the live round under way (the stop-and-copy: last is true) */
	double n;        /* its pages */
	double sent;     /* pages sent in the live rounds so far, this one included */
	bool last;       /* the chunk is the stop-and-copy */
	bool converged;  /* (last) the dirty set shrank below the stop condition */
};
struct precopy_chunk {
	double bytes;    /* on the wire */
	double cpu_s;    /* after them, off the wire */
};
/* The first round. -1 if a parameter is out of range (as precopy_eval). */
int precopy_walk_begin(const struct precopy_params *p, struct precopy_walk *w, struct precopy_chunk *c);
/* The chunk after the one that took round_s seconds, round_bps the rate its bytes moved at. */
void precopy_walk_next(const struct precopy_params *p, struct precopy_walk *w, double round_s, double round_bps,
		       struct precopy_chunk *c);

#endif
