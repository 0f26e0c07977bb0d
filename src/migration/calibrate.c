/*
 * calibrate: crypto throughput on this machine; see calibrate.h. Each primitive runs over the same
 * 4 KiB buffer in a loop until `seconds` of CLOCK_MONOTONIC have passed (checked every 64
 * messages); the result is bytes processed over the time taken.
 */
#include "calibrate.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#define MSG 4096

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

enum prim { SHA256, BLAKE2B, AES_GCM, CHACHA };

static double measure(enum prim p, double seconds, unsigned char *buf, unsigned char *out,
		      const unsigned char *key)
{
	unsigned char nonce[12] = { 0 };
	unsigned char ad[4] = { 1, 2, 3, 4 };
	unsigned long long clen;
	long n = 0;
	double t0 = now_s(), t;
	do {
		for (int k = 0; k < 64; k++, n++) {
			memcpy(nonce, &n, sizeof n);
			switch (p) {
			case SHA256:
				crypto_hash_sha256(out, buf, MSG);
				break;
			case BLAKE2B:
				crypto_generichash(out, 32, buf, MSG, NULL, 0);
				break;
			case AES_GCM:
				crypto_aead_aes256gcm_encrypt(out, &clen, buf, MSG, ad, 4, NULL, nonce, key);
				break;
			case CHACHA:
				crypto_aead_chacha20poly1305_ietf_encrypt(out, &clen, buf, MSG, ad, 4, NULL, nonce, key);
				break;
			}
			buf[k] ^= out[0]; /* a dependency, so no call is optimized away */
		}
		t = now_s() - t0;
	} while (t < seconds);
	return (double)n * MSG / t;
}

int calibrate_run(double seconds, struct calibration *c)
{
	memset(c, 0, sizeof *c);
	if (sodium_init() < 0)
		return -1;
	if (seconds < 0.01)
		seconds = 0.01;
	static unsigned char buf[MSG], out[MSG + 64], key[32];
	for (int i = 0; i < MSG; i++)
		buf[i] = (unsigned char)(i * 31 + 7);
	for (int i = 0; i < 32; i++)
		key[i] = (unsigned char)i;
	c->aes = crypto_aead_aes256gcm_is_available() != 0;
	c->sha256_bps = measure(SHA256, seconds, buf, out, key);
	c->blake2b_bps = measure(BLAKE2B, seconds, buf, out, key);
	c->aead_bps = measure(c->aes ? AES_GCM : CHACHA, seconds, buf, out, key);
	c->library_version = sodium_version_string();
	return 0;
}
