/*
 * pagemig: the page-level model of one secure live migration; see pagemig.h and
 * doc/migration-security.md#page-level-model (page state, guest activity, migration steps, attacks,
 * outcomes). Pages hold real bytes: a header (pfn, version, kind, owner, page-table entry) and a
 * body derived from them, so any stale or swapped image is visible byte for byte.
 */
#include "pagemig.h"

#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

#define PAGE 4096
#define NONCE 12
#define TAG 16
#define HASH 32
#define META_BYTES 16
#define OWNER 1       /* the protected process */
#define OTHER 2       /* an unprotected context (the guest OS's) */

enum kind { KIND_PUBLIC = 'P', KIND_SECRET = 'S', KIND_PAGE_TABLE = 'T' };
enum map { MAP_NONE, MAP_REAL, MAP_ZERO };

/* What a page says about itself (its first bytes). */
struct header {
	char magic[4];
	uint32_t pfn, version;
	char kind;
	uint8_t owner;
	uint32_t entry_pfn;     /* page tables: the page the entry maps */
	uint8_t entry_context;  /* and the context that uses it */
};

struct pm {
	const struct pagemig_params *p;
	struct pagemig_result *r;
	struct rng rng;
	int n;
	unsigned char *src, *tgt;        /* n pages each */
	uint32_t *version;
	unsigned char *prot, *dirty, *map, *tgt_level, *tgt_pinned, *is_pt, *enc_now;
	unsigned char *tgt_rejected;     /* page tables whose PIN failed validation at least once */
	int *to_send;
	int *tgt_round;                  /* the round in which the target's image of a page left the
	                                  * source (a replayed record: the round it was recorded in) */
	long n_dirty, n_prot;            /* pages with their dirty bit set; protected pages */
	int n_pt;                        /* page tables (never written by the writer) */
	unsigned char key[32];
	uint64_t counter;
	bool use_aes, meta_restored, aborted, paused;
	double credit, pcredit;
	long sent_pages;                 /* pages sent in all rounds so far */
	/* attacks */
	int a1_pfn, a3_pfn, pt_pfn;
	unsigned char *replay;           /* a recorded EPAGE of a3_pfn (nonce + ciphertext) */
	bool have_replay;
	int replay_round;                /* the round it was recorded in */
	bool hashes_ok;                  /* the target received an authentic hash list */
	unsigned char *hashes;           /* n hashes (protected pages) */
	unsigned char hashes_mac[HASH];
};

static unsigned char *page(unsigned char *base, int pfn)
{
	return base + (size_t)pfn * PAGE;
}

static void read_header(const unsigned char *pg, struct header *h)
{
	memcpy(h, pg, sizeof *h);
}

/* A write of page pfn: a new version, its bytes derived from (pfn, version, kind). */
static void write_page(struct pm *m, int pfn, enum kind kind, uint8_t owner)
{
	unsigned char *pg = page(m->src, pfn);
	struct header h;
	read_header(pg, &h);
	memset(&h, 0, sizeof h);
	memcpy(h.magic, "GMPG", 4);
	h.pfn = (uint32_t)pfn;
	h.version = ++m->version[pfn];
	h.kind = (char)kind;
	h.owner = owner;
	memcpy(pg, &h, sizeof h);
	if (!m->dirty[pfn])
		m->n_dirty++;
	uint64_t x = ((uint64_t)pfn << 32 | h.version) * 0x9e3779b97f4a7c15ULL + (uint64_t)kind;
	for (size_t i = sizeof h; i < PAGE; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		pg[i] = (unsigned char)x;
	}
	m->dirty[pfn] = 1;
}

/* The page table pfn with one entry mapping `to` in `context`. */
static void write_page_table(struct pm *m, int pfn, int to, uint8_t context)
{
	write_page(m, pfn, KIND_PAGE_TABLE, 0);
	struct header h;
	read_header(page(m->src, pfn), &h);
	h.entry_pfn = (uint32_t)to;
	h.entry_context = context;
	memcpy(page(m->src, pfn), &h, sizeof h);
	m->is_pt[pfn] = 1;
}

/* A page becomes a protected process's (doc/migration-security.md#guest-activity, item 2): marked
 * dirty at once (doc/migration-security.md#q2), then its owner writes a secret. The TOCTTOU
 * defence revokes any mapping the MM holds of it. */
static void protect(struct pm *m, int pfn)
{
	if (!m->prot[pfn])
		m->n_prot++;
	m->prot[pfn] = 1;
	if (m->map[pfn] == MAP_REAL && m->p->security) {
		m->map[pfn] = MAP_ZERO;
		if (m->r->defence_tocttou++ == 0)
			m->r->caught.tocttou_pfn = pfn;
	}
	write_page(m, pfn, KIND_SECRET, OWNER);
}

/* A random page that is not dirty yet (distinct pages per second), never a page table. */
static int pick_page(struct pm *m, bool unprotected_only)
{
	for (int tries = 0; tries < 64; tries++) {
		int pfn = (int)rng_below(&m->rng, (uint64_t)m->n);
		if (m->is_pt[pfn] || (unprotected_only && m->prot[pfn]))
			continue;
		if (!m->dirty[pfn] || tries >= 32)
			return pfn;
	}
	return -1;
}

/* Guest activity during dt seconds (doc/migration-security.md#guest-activity): the writer,
 * natural protect events. The writer dirties D dt distinct pages, so at most the pages it may
 * still dirty: when the credit covers them all, every one is written once (in pfn order, no
 * random draw) and the excess is dropped, as a faster writer could not dirty more. This keeps the
 * work of a step proportional to the pages, whatever the rate (1e9 pages/s gives the same run as
 * any rate that dirties every page in every step). Protect events likewise stop at the pages
 * still unprotected. */
static void guest(struct pm *m, double dt)
{
	if (m->paused)
		return;
	m->credit += m->p->dirty_rate * dt;
	double writes = floor(m->credit);
	long clean = m->n - m->n_pt - m->n_dirty;
	if (writes >= (double)clean) {
		m->credit = 0;
		for (int pfn = 0; pfn < m->n && clean > 0; pfn++) {
			if (m->is_pt[pfn] || m->dirty[pfn])
				continue;
			write_page(m, pfn, m->prot[pfn] ? KIND_SECRET : KIND_PUBLIC, m->prot[pfn] ? OWNER : 0);
			clean--;
		}
	} else {
		m->credit -= writes; /* exact: the same as subtracting 1 per write */
		for (long k = 0; k < (long)writes; k++) {
			int pfn = pick_page(m, false);
			if (pfn >= 0)
				write_page(m, pfn, m->prot[pfn] ? KIND_SECRET : KIND_PUBLIC, m->prot[pfn] ? OWNER : 0);
		}
	}
	m->pcredit += m->p->protect_rate * dt;
	double events = floor(m->pcredit);
	long unprotected = m->n - m->n_pt - m->n_prot;
	if (events >= (double)unprotected) {
		m->pcredit = 0;
		for (int pfn = 0; pfn < m->n && unprotected > 0; pfn++) {
			if (m->is_pt[pfn] || m->prot[pfn])
				continue;
			protect(m, pfn);
			unprotected--;
		}
	} else {
		m->pcredit -= events;
		for (long k = 0; k < (long)events; k++) {
			int pfn = pick_page(m, true);
			if (pfn >= 0)
				protect(m, pfn);
		}
	}
}

static void nonce_for(unsigned char *nonce, int pfn, uint64_t counter)
{
	uint32_t p32 = (uint32_t)pfn;
	memcpy(nonce, &p32, 4);
	memcpy(nonce + 4, &counter, 8);
}

static int aead_encrypt(struct pm *m, int pfn, const unsigned char *plain, unsigned char *rec)
{
	unsigned char ad[4];
	uint32_t p32 = (uint32_t)pfn;
	memcpy(ad, &p32, 4);
	nonce_for(rec, pfn, m->counter++);
	unsigned long long clen;
	if (m->use_aes)
		return crypto_aead_aes256gcm_encrypt(rec + NONCE, &clen, plain, PAGE, ad, 4, NULL, rec, m->key);
	return crypto_aead_chacha20poly1305_ietf_encrypt(rec + NONCE, &clen, plain, PAGE, ad, 4, NULL, rec,
							 m->key);
}

static int aead_decrypt(struct pm *m, int pfn, const unsigned char *rec, unsigned char *plain)
{
	unsigned char ad[4];
	uint32_t p32 = (uint32_t)pfn;
	memcpy(ad, &p32, 4);
	unsigned long long plen;
	if (m->use_aes)
		return crypto_aead_aes256gcm_decrypt(plain, &plen, NULL, rec + NONCE, PAGE + TAG, ad, 4, rec,
						     m->key);
	return crypto_aead_chacha20poly1305_ietf_decrypt(plain, &plen, NULL, rec + NONCE, PAGE + TAG, ad, 4,
							 rec, m->key);
}

/* Time on the wire (and in the source's cipher) of one page:
 * doc/migration-security.md#encrypted-rounds, serial. */
static double page_time(const struct pm *m, bool encrypted)
{
	double t = (double)PAGE / m->p->bandwidth;
	if (encrypted)
		t += (double)PAGE / m->p->cipher_bps + (double)(NONCE + TAG) / m->p->bandwidth;
	return t;
}

/* The target stores what arrives. */
static int target_page(struct pm *m, int pfn, const unsigned char *bytes)
{
	memcpy(page(m->tgt, pfn), bytes, PAGE);
	return 0;
}

static int target_epage(struct pm *m, int pfn, const unsigned char *rec)
{
	if (aead_decrypt(m, pfn, rec, page(m->tgt, pfn)) != 0) {
		m->aborted = true; /* tampering: the AEAD refuses it */
		return -1;
	}
	return 0;
}

/* One batch of a round (doc/migration-security.md#migration-steps): check and map (protected pages
 * encrypted then, by the VMM), the race window (the guest runs), send (the MM reads through its
 * mappings), unmap. `recs` holds the batch's ciphertexts. */
static int send_batch(struct pm *m, const int *pfns, int count, int round, bool first, bool last,
		      double *elapsed, unsigned char *recs, const unsigned char *zero)
{
	const size_t rec_len = NONCE + PAGE + TAG;
	/* 1. CHECK+MAP */
	double t = 0;
	for (int k = 0; k < count; k++) {
		int pfn = pfns[k];
		m->enc_now[pfn] = m->prot[pfn];
		m->map[pfn] = m->prot[pfn] ? MAP_NONE : MAP_REAL;
		if (m->enc_now[pfn]) {
			if (aead_encrypt(m, pfn, page(m->src, pfn), recs + (size_t)k * rec_len) != 0)
				return -1;
			m->r->encrypt_s += (double)PAGE / m->p->cipher_bps;
		}
		t += page_time(m, m->enc_now[pfn]);
	}
	/* 2. RACE WINDOW: the guest runs while the batch is mapped */
	if (m->p->attack == PAGEMIG_ATTACK_TOCTTOU && m->a1_pfn < 0) {
		for (int k = 0; k < count && m->a1_pfn < 0; k++) {
			if (m->map[pfns[k]] == MAP_REAL) {
				m->a1_pfn = pfns[k]; /* scripted: protected after the MM mapped it */
				protect(m, m->a1_pfn);
			}
		}
	}
	if (m->p->attack == PAGEMIG_ATTACK_REPLAY && first && !m->paused)
		write_page(m, m->a3_pfn, KIND_SECRET, OWNER); /* its owner writes it every round */
	guest(m, t);
	/* 3. SEND, 4. UNMAP */
	for (int k = 0; k < count; k++) {
		int pfn = pfns[k];
		if (m->enc_now[pfn]) {
			unsigned char *rec = recs + (size_t)k * rec_len;
			int from_round = round;
			if (m->p->attack == PAGEMIG_ATTACK_REPLAY && pfn == m->a3_pfn) {
				if (!m->have_replay && round >= 1) {
					memcpy(m->replay, rec, rec_len); /* the MM records a ciphertext */
					m->have_replay = true;
					m->replay_round = round;
				} else if (last && m->have_replay) {
					rec = m->replay; /* and sends it instead of the final one */
					from_round = m->replay_round;
				}
			}
			target_epage(m, pfn, rec);
			m->tgt_round[pfn] = from_round;
			m->r->pages_encrypted++;
		} else {
			const unsigned char *bytes = m->map[pfn] == MAP_REAL ? page(m->src, pfn) : zero;
			struct header h;
			read_header(bytes, &h);
			if (m->map[pfn] == MAP_REAL && h.kind == KIND_SECRET && m->r->leaks++ == 0) {
				m->r->harm.leak_pfn = pfn; /* protected plaintext in the MM's hands */
				m->r->harm.leak_version = h.version;
			}
			if (m->map[pfn] == MAP_ZERO)
				m->r->caught.zero_reads++;
			target_page(m, pfn, bytes);
			m->tgt_round[pfn] = round;
			m->r->pages_plain++;
		}
		m->map[pfn] = MAP_NONE;
	}
	*elapsed += t;
	return 0;
}

/* Sends the pages of one round in batches; returns the time it took (or -1 on a crypto error). */
static double send_round(struct pm *m, int n, int round, bool last, unsigned char *recs,
			 const unsigned char *zero)
{
	double elapsed = 0;
	for (int k = 0; k < n; k += m->p->batch) {
		int count = n - k < m->p->batch ? n - k : m->p->batch;
		if (send_batch(m, m->to_send + k, count, round, k == 0, last, &elapsed, recs, zero) != 0)
			return -1;
	}
	return elapsed;
}

/* Takes and clears the dirty bitmap into to_send (pfn order). */
static int take_dirty(struct pm *m)
{
	int n = 0;
	for (int pfn = 0; pfn < m->n; pfn++) {
		if (m->dirty[pfn]) {
			m->to_send[n++] = pfn;
			m->dirty[pfn] = 0;
		}
	}
	m->n_dirty = 0;
	return n;
}

static void keyed_hash(const struct pm *m, const unsigned char *data, size_t len, unsigned char *out)
{
	crypto_generichash(out, HASH, data, len, m->key, sizeof m->key);
}

/* Target: the security metadata (levels of the protected pages), MAC-checked. */
static void target_meta(struct pm *m, const unsigned char *levels, const unsigned char *mac)
{
	unsigned char check[HASH];
	keyed_hash(m, levels, (size_t)m->n, check);
	if (sodium_memcmp(check, mac, HASH) != 0) {
		m->aborted = true;
		return;
	}
	memcpy(m->tgt_level, levels, (size_t)m->n);
	m->meta_restored = true;
}

/* Target: validate and pin page table pfn: an entry to a protected page only in its owner's
 * context. With the resumption-order defence, no pin before the metadata is restored. */
static bool target_pin(struct pm *m, int pfn)
{
	if (m->p->security && !m->meta_restored) {
		if (m->r->defence_pin_refused++ == 0)
			m->r->caught.pin_refused_pfn = pfn;
		return false;
	}
	struct header h;
	read_header(page(m->tgt, pfn), &h);
	if (h.entry_pfn < (uint32_t)m->n && m->tgt_level[h.entry_pfn] && h.entry_context != OWNER) {
		if (!m->tgt_rejected[pfn] && m->r->caught.pin_rejected++ == 0) { /* illegal: refused */
			m->r->caught.pin_rejected_pfn = pfn;
			m->r->caught.pin_rejected_target_pfn = (int)h.entry_pfn;
		}
		m->tgt_rejected[pfn] = 1;
		return false;
	}
	m->tgt_pinned[pfn] = 1;
	return true;
}

/* Target, RESUME: the hash check (defence), then pin the page tables still unpinned. */
static void target_resume(struct pm *m)
{
	if (m->p->security) {
		/* every protected page is checked, so the output names all the stale ones */
		struct pagemig_caught *c = &m->r->caught;
		bool bad = !m->hashes_ok;
		for (int pfn = 0; pfn < m->n && m->hashes_ok; pfn++) {
			if (!m->tgt_level[pfn])
				continue;
			unsigned char h[HASH];
			crypto_generichash(h, HASH, page(m->tgt, pfn), PAGE, NULL, 0);
			if (sodium_memcmp(h, m->hashes + (size_t)pfn * HASH, HASH) != 0) {
				bad = true;
				if (c->hash_mismatch_pages++ == 0) {
					struct header hd;
					read_header(page(m->tgt, pfn), &hd);
					c->hash_mismatch_pfn = pfn;
					c->hash_mismatch_version = hd.version;
					c->hash_mismatch_round = m->tgt_round[pfn];
				}
				if (m->r->outcome_pfn < 0)
					m->r->outcome_pfn = pfn;
			}
		}
		if (bad) {
			m->r->defence_hash_mismatch++;
			m->aborted = true; /* the VM stays on the source */
			return;
		}
	}
	for (int pfn = 0; pfn < m->n; pfn++)
		if (m->is_pt[pfn] && !m->tgt_pinned[pfn])
			target_pin(m, pfn);
	m->r->resumed = true;
}

/* Stop-and-copy (doc/migration-security.md#migration-steps): pause, the last dirty pages, META,
 * HASHES, PIN, RESUME. */
static int stop_and_copy(struct pm *m, int round, unsigned char *recs, const unsigned char *zero,
			 double *downtime)
{
	m->paused = true;
	int n = take_dirty(m);
	double t = send_round(m, n, round, true, recs, zero);
	if (t < 0)
		return -1;
	m->r->stop_pages = n;
	/* the metadata (the protocol), and with the replay defence the hash list of every protected
	 * page; both MAC'd with the migration key */
	const bool hashing = m->p->security;
	unsigned char *levels = calloc((size_t)m->n, 1);
	if (levels == NULL)
		return -1;
	long protected_pages = 0;
	for (int pfn = 0; pfn < m->n; pfn++) {
		levels[pfn] = m->prot[pfn];
		if (m->prot[pfn]) {
			protected_pages++;
			if (hashing)
				crypto_generichash(m->hashes + (size_t)pfn * HASH, HASH, page(m->src, pfn), PAGE, NULL, 0);
		}
	}
	unsigned char meta_mac[HASH];
	keyed_hash(m, levels, (size_t)m->n, meta_mac);
	if (hashing)
		keyed_hash(m, m->hashes, (size_t)m->n * HASH, m->hashes_mac);
	/* the MM forwards the records; under the resumption-order attack it sends the pins first */
	if (m->p->attack == PAGEMIG_ATTACK_RESUME_ORDER)
		for (int pfn = 0; pfn < m->n; pfn++)
			if (m->is_pt[pfn])
				target_pin(m, pfn);
	target_meta(m, levels, meta_mac);
	if (hashing) {
		unsigned char check[HASH];
		keyed_hash(m, m->hashes, (size_t)m->n * HASH, check);
		m->hashes_ok = sodium_memcmp(check, m->hashes_mac, HASH) == 0;
	}
	for (int pfn = 0; pfn < m->n; pfn++)
		if (m->is_pt[pfn] && !m->tgt_pinned[pfn] && m->meta_restored)
			target_pin(m, pfn);
	free(levels);
	/* doc/migration-security.md#secure-stop-and-copy: the metadata crosses the link; with the
	 * replay defence the source hashes every protected page, the hash list crosses the link and
	 * the target verifies every protected page before it resumes. Without it none of that is
	 * done or charged. */
	double meta_bytes = (double)protected_pages * META_BYTES;
	double hash_bytes = hashing ? (double)protected_pages * HASH : 0;
	double hash_s = hashing ? (double)protected_pages * PAGE / m->p->hash_bps : 0;
	m->r->meta_bytes = meta_bytes;
	m->r->defence_bytes = hash_bytes;
	m->r->defence_s = hash_s + hash_bytes / m->p->bandwidth + hash_s;
	*downtime = t + hash_s + (hash_bytes + meta_bytes) / m->p->bandwidth + hash_s;
	m->r->bytes += hash_bytes + meta_bytes;
	if (!m->aborted)
		target_resume(m);
	return 0;
}

void pagemig_defaults(struct pagemig_params *p)
{
	memset(p, 0, sizeof *p);
	p->pages = 1024;
	p->batch = 64;
	p->dirty_rate = 2000;
	p->bandwidth = 125e6;
	p->protected_share = 0.10;
	p->protect_rate = 0;
	p->attack = PAGEMIG_ATTACK_NONE;
	p->security = true;
	p->seed = 1;
	p->max_rounds = 29;
	p->stop_pages = 50;
	p->max_factor = 3;
	p->cipher_bps = 1.5e9;
	p->hash_bps = 1.0e9;
}

const char *pagemig_outcome_name(enum pagemig_outcome o)
{
	switch (o) {
	case PAGEMIG_CLEAN:
		return "clean";
	case PAGEMIG_PREVENTED:
		return "attack-prevented";
	case PAGEMIG_DETECTED:
		return "attack-detected";
	case PAGEMIG_SUCCEEDED:
		return "attack-succeeded";
	}
	return "?";
}

/* The oracle (doc/migration-security.md#outcomes), after the run. */
static void classify(struct pm *m)
{
	struct pagemig_result *r = m->r;
	struct pagemig_harm *hm = &r->harm;
	hm->leaks = r->leaks;
	bool harm = r->leaks > 0;
	if (harm && r->outcome_pfn < 0)
		r->outcome_pfn = hm->leak_pfn;
	if (r->resumed) {
		for (int pfn = 0; pfn < m->n; pfn++) {
			if (!m->tgt_pinned[pfn])
				continue;
			struct header h;
			read_header(page(m->tgt, pfn), &h);
			if (h.entry_pfn < (uint32_t)m->n && m->prot[h.entry_pfn] && h.entry_context != OWNER) {
				harm = true; /* a protected page mapped by an unauthorized page table */
				if (hm->unauthorized_mappings++ == 0) {
					hm->unauth_pt_pfn = pfn;
					hm->unauth_target_pfn = (int)h.entry_pfn;
					hm->unauth_context = h.entry_context;
				}
				if (r->outcome_pfn < 0)
					r->outcome_pfn = (int)h.entry_pfn;
			}
		}
		for (int pfn = 0; pfn < m->n; pfn++) {
			if (memcmp(page(m->tgt, pfn), page(m->src, pfn), PAGE) == 0)
				continue;
			if (m->prot[pfn]) {
				harm = true; /* stale protected content resumed */
				if (hm->stale_protected++ == 0) {
					struct header t, s;
					read_header(page(m->tgt, pfn), &t);
					read_header(page(m->src, pfn), &s);
					hm->stale_pfn = pfn;
					hm->stale_version = t.version;
					hm->stale_source_version = s.version;
					hm->stale_round = m->tgt_round[pfn];
				}
				if (r->outcome_pfn < 0)
					r->outcome_pfn = pfn;
			} else {
				r->integrity_unprotected++;
			}
		}
	}
	bool mounted = m->p->attack != PAGEMIG_ATTACK_NONE;
	bool fired = r->defence_tocttou + r->defence_pin_refused + r->defence_hash_mismatch > 0;
	if (harm)
		r->outcome = PAGEMIG_SUCCEEDED;
	else if (!r->resumed && (mounted || fired))
		r->outcome = PAGEMIG_DETECTED;
	else if (mounted || fired)
		r->outcome = PAGEMIG_PREVENTED;
	else
		r->outcome = PAGEMIG_CLEAN;
	if (r->outcome == PAGEMIG_PREVENTED && r->outcome_pfn < 0)
		r->outcome_pfn = m->a1_pfn >= 0 ? m->a1_pfn : m->pt_pfn;
}

static void pm_free(struct pm *m)
{
	free(m->src);
	free(m->tgt);
	free(m->version);
	free(m->prot);
	free(m->dirty);
	free(m->map);
	free(m->tgt_level);
	free(m->tgt_pinned);
	free(m->is_pt);
	free(m->enc_now);
	free(m->to_send);
	free(m->tgt_round);
	free(m->tgt_rejected);
	free(m->replay);
	free(m->hashes);
}

int pagemig_run(const struct pagemig_params *p, struct pagemig_result *r, struct diag *d)
{
	memset(r, 0, sizeof *r);
	r->outcome_pfn = -1;
	r->harm = (struct pagemig_harm){ .leak_pfn = -1, .leak_version = -1, .unauth_pt_pfn = -1,
					 .unauth_target_pfn = -1, .unauth_context = -1, .stale_pfn = -1,
					 .stale_version = -1, .stale_source_version = -1, .stale_round = -1 };
	r->caught = (struct pagemig_caught){ .tocttou_pfn = -1, .pin_refused_pfn = -1,
					     .pin_rejected_pfn = -1, .pin_rejected_target_pfn = -1,
					     .hash_mismatch_pfn = -1, .hash_mismatch_version = -1,
					     .hash_mismatch_round = -1 };
	if (p->pages < 16 || p->pages > 1 << 20 || p->batch < 1 || !(p->bandwidth > 0) ||
	    !(p->dirty_rate >= 0) || !(p->protected_share >= 0 && p->protected_share <= 1) ||
	    !(p->protect_rate >= 0) || p->max_rounds < 1 || !(p->cipher_bps > 0) || !(p->hash_bps > 0) ||
	    !isfinite(p->bandwidth) || !isfinite(p->dirty_rate) || !isfinite(p->protect_rate) ||
	    !isfinite(p->cipher_bps) || !isfinite(p->hash_bps))
		return diag_add(d, NULL, 0, 0, "migrate: a parameter is out of range (pages 16 to 1048576, "
				"batch >= 1, bandwidth > 0, dirty rate >= 0, protected share 0 to 1, cipher and "
				"hash throughputs > 0, all finite)");
	if (sodium_init() < 0)
		return diag_add(d, NULL, 0, 0, "migrate: libsodium could not be initialized");
	struct pm m = { .p = p, .r = r, .n = p->pages, .a1_pfn = -1, .a3_pfn = -1, .pt_pfn = -1 };
	size_t n = (size_t)p->pages;
	size_t rec_len = NONCE + PAGE + TAG;
	m.src = calloc(n, PAGE);
	m.tgt = calloc(n, PAGE);
	m.version = calloc(n, sizeof *m.version);
	m.prot = calloc(n, 1);
	m.dirty = calloc(n, 1);
	m.map = calloc(n, 1);
	m.tgt_level = calloc(n, 1);
	m.tgt_pinned = calloc(n, 1);
	m.is_pt = calloc(n, 1);
	m.enc_now = calloc(n, 1);
	m.to_send = calloc(n, sizeof *m.to_send);
	m.tgt_round = calloc(n, sizeof *m.tgt_round);
	m.tgt_rejected = calloc(n, 1);
	m.replay = calloc(1, rec_len);
	m.hashes = calloc(n, HASH);
	unsigned char *recs = calloc((size_t)p->batch, rec_len);
	unsigned char *zero = calloc(1, PAGE);
	int rc = 0;
	if (!m.src || !m.tgt || !m.version || !m.prot || !m.dirty || !m.map || !m.tgt_level ||
	    !m.tgt_pinned || !m.is_pt || !m.enc_now || !m.to_send || !m.tgt_round || !m.tgt_rejected ||
	    !m.replay || !m.hashes || !recs || !zero) {
		rc = diag_add(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	rng_init(&m.rng, p->seed);
	for (size_t i = 0; i < sizeof m.key; i += 8) {
		uint64_t x = rng_next(&m.rng);
		memcpy(m.key + i, &x, 8);
	}
	m.use_aes = crypto_aead_aes256gcm_is_available() != 0;
	r->cipher = m.use_aes ? "aes256gcm" : "chacha20poly1305";
	/* the guest at the start: every page written once; the first share owned by the protected
	 * process; for the resumption-order attack, a page table (last page) of an unprotected context
	 * with an entry to the first protected page, which the source VMM never validated */
	int n_prot = (int)lround(p->protected_share * p->pages);
	if (p->attack == PAGEMIG_ATTACK_REPLAY && n_prot == 0)
		n_prot = 1;
	for (int pfn = 0; pfn < p->pages; pfn++) {
		m.prot[pfn] = pfn < n_prot;
		write_page(&m, pfn, m.prot[pfn] ? KIND_SECRET : KIND_PUBLIC, m.prot[pfn] ? OWNER : 0);
	}
	if (p->attack == PAGEMIG_ATTACK_RESUME_ORDER) {
		m.pt_pfn = p->pages - 1;
		int x = n_prot > 0 ? 0 : 1;
		if (n_prot == 0)
			m.prot[x] = 1, write_page(&m, x, KIND_SECRET, OWNER);
		write_page_table(&m, m.pt_pfn, x, OTHER);
	}
	if (p->attack == PAGEMIG_ATTACK_REPLAY)
		m.a3_pfn = 0;
	/* pre-copy (doc/migration-security.md#migration-steps), Xen's stop rule
	 * (doc/migration-security.md#round-recurrence) */
	memset(m.dirty, 0, n);
	m.n_dirty = 0;
	for (int pfn = 0; pfn < p->pages; pfn++) {
		m.to_send[pfn] = pfn;
		m.n_prot += m.prot[pfn];
		m.n_pt += m.is_pt[pfn];
	}
	int count = p->pages, round = 0;
	double live = 0;
	for (;;) {
		double t = send_round(&m, count, round, false, recs, zero);
		if (t < 0) {
			rc = diag_add(d, NULL, 0, 0, "migrate: encryption failed");
			goto out;
		}
		live += t;
		m.sent_pages += count;
		long dirty = m.n_dirty;
		if (dirty < p->stop_pages || round + 1 >= p->max_rounds ||
		    (double)(m.sent_pages + dirty) > p->max_factor * p->pages)
			break;
		round++;
		count = take_dirty(&m);
	}
	r->rounds = round + 1;
	double down = 0;
	if (stop_and_copy(&m, round + 1, recs, zero, &down) != 0) {
		rc = diag_add(d, NULL, 0, 0, "migrate: out of memory or encryption failed");
		goto out;
	}
	r->downtime_s = down;
	r->total_s = live + down;
	r->bytes += (double)(r->pages_plain + r->pages_encrypted) * PAGE + (double)r->pages_encrypted * (NONCE + TAG);
	classify(&m);
out:
	pm_free(&m);
	free(recs);
	free(zero);
	return rc;
}
